// Finding the documents of a corpus and extracting them on a pool of threads.
#ifndef KG_EXTRACT_CORPUS_H_
#define KG_EXTRACT_CORPUS_H_

#include <functional>
#include <string>
#include <vector>

#include "extract/extraction.h"
#include "extract/extractor.h"

namespace kg {

// A file kg could not use, and why ("binary file", "permission denied"...).
// `skipped` is false for files left out by design (another extension, a link
// to a directory), which are worth a note but lose no text.
struct CorpusProblem {
  std::string path;
  std::string reason;
  bool skipped = true;
};

// Expands `paths` (files and directories, recursively) into the sorted list of
// .txt and .md files under them. Directories are walked without following
// symbolic links to directories, so loops cannot trap the walk; links to files
// are followed. A path given explicitly is used whatever its extension.
// Everything left out goes to `problems`: paths that do not exist, broken or
// looping links, FIFOs and devices (reading them could block forever), a file
// whose name another file already has (documents are known by file name, so
// the later one in path order is skipped rather than silently replacing the
// first), and, as notes (skipped = false), files with other extensions.
std::vector<std::string> ListCorpusFiles(const std::vector<std::string>& paths,
                                         std::vector<CorpusProblem>* problems);

// The name a file's document is known by in the graph: its file name,
// without the directories.
std::string DocumentName(const std::string& path);

// True if `data` looks like a binary file rather than text (NUL bytes, a
// known image/archive signature, or mostly control characters).
bool LooksBinary(std::string_view data);

struct CorpusOptions {
  int threads = 0;  // 0: all cores
  // Called on the calling thread after each file, with files done so far and
  // bytes read so far, for progress display. May be empty.
  std::function<void(size_t done, size_t total, uint64_t bytes)> progress;
  // Called on the calling thread, in order with the sink, with the index in
  // `files` of each file that gives no extraction (see `problems`). May be
  // empty.
  std::function<void(size_t index)> skipped;
};

// Reads and extracts `files` on `options.threads` threads. Calls `sink` with
// each document's extraction, on the calling thread, in the order of `files`
// (so results do not depend on thread timing); at most a bounded number of
// extractions wait in memory. Files that cannot be read or are binary are
// reported in `problems` and skipped.
void ExtractCorpus(const std::vector<std::string>& files, const Extractor& extractor,
                   const CorpusOptions& options,
                   const std::function<void(DocumentExtraction)>& sink,
                   std::vector<CorpusProblem>* problems);

}  // namespace kg

#endif  // KG_EXTRACT_CORPUS_H_
