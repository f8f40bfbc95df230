#include "extract/corpus.h"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <optional>
#include <thread>
#include <tuple>
#include <unordered_map>

#include "extract/file_io.h"

namespace kg {
namespace {

namespace fs = std::filesystem;

bool IsCorpusExtension(const fs::path& p) {
  std::string ext = p.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), ::tolower);
  return ext == ".txt" || ext == ".md";
}

// Why a symbolic link cannot be used, or "" when it leads to a regular file.
std::string SymlinkProblem(const fs::path& link) {
  std::error_code ec;
  fs::file_status target = fs::status(link, ec);
  if (ec && ec.value() == ELOOP) return "symbolic link loop";
  if (ec || !fs::exists(target)) return "broken symbolic link";
  if (fs::is_directory(target)) return "";
  if (!fs::is_regular_file(target)) return "not a regular file (FIFO, socket or device)";
  return "";
}

// Sorts one directory entry into `files` or `problems`; pushes directories to
// `pending`. Links to directories are not followed, so loops cannot trap the walk.
void VisitEntry(const fs::directory_entry& entry, std::vector<fs::path>* pending,
                std::vector<std::string>* files, std::vector<CorpusProblem>* problems) {
  const fs::path& path = entry.path();
  std::error_code ec;
  fs::file_status st = entry.symlink_status(ec);
  if (ec) {
    problems->push_back({path.string(), ec.message()});
    return;
  }
  if (fs::is_directory(st)) {
    pending->push_back(path);
    return;
  }
  bool corpus_file = IsCorpusExtension(path);
  if (fs::is_symlink(st)) {
    std::string problem = SymlinkProblem(path);
    if (!problem.empty()) {
      if (corpus_file) problems->push_back({path.string(), problem});
    } else if (fs::is_directory(fs::status(path, ec))) {
      problems->push_back({path.string(), "symbolic link to a directory, not followed", false});
    } else if (corpus_file) {
      files->push_back(path.string());
    } else {
      problems->push_back({path.string(), "not a .txt or .md file", false});
    }
    return;
  }
  if (!corpus_file) {
    problems->push_back({path.string(), "not a .txt or .md file", false});
  } else if (!fs::is_regular_file(st)) {
    problems->push_back({path.string(), "not a regular file (FIFO, socket or device)"});
  } else {
    files->push_back(path.string());
  }
}

void WalkDirectory(const fs::path& root, std::vector<std::string>* files,
                   std::vector<CorpusProblem>* problems) {
  std::vector<fs::path> pending = {root};
  while (!pending.empty()) {
    fs::path dir = std::move(pending.back());
    pending.pop_back();
    std::error_code ec;
    fs::directory_iterator it(dir, ec);
    if (ec) {
      problems->push_back({dir.string(), "cannot read directory: " + ec.message()});
      continue;
    }
    for (fs::directory_iterator end; it != end; it.increment(ec)) {
      VisitEntry(*it, &pending, files, problems);
    }
    if (ec) problems->push_back({dir.string(), "cannot read directory: " + ec.message()});
  }
}

// Keeps the first file of each file name (in path order) and reports the others.
void DropDuplicateNames(std::vector<std::string>* files, std::vector<CorpusProblem>* problems) {
  std::unordered_map<std::string, std::string> first_with_name;
  std::vector<std::string> kept;
  for (std::string& f : *files) {
    auto [it, inserted] = first_with_name.emplace(DocumentName(f), f);
    if (inserted) {
      kept.push_back(std::move(f));
    } else {
      problems->push_back({f, "same file name as " + it->second +
                                  " (documents are known by file name; rename one)"});
    }
  }
  *files = std::move(kept);
}

}  // namespace

std::vector<std::string> ListCorpusFiles(const std::vector<std::string>& paths,
                                         std::vector<CorpusProblem>* problems) {
  std::vector<std::string> files;
  for (const std::string& p : paths) {
    std::error_code ec;
    fs::file_status link = fs::symlink_status(p, ec);
    fs::file_status st = fs::status(p, ec);
    if (fs::is_symlink(link) && !SymlinkProblem(p).empty()) {
      problems->push_back({p, SymlinkProblem(p)});
    } else if (ec || !fs::exists(st)) {
      problems->push_back({p, "no such file or directory"});
    } else if (fs::is_directory(st)) {
      WalkDirectory(p, &files, problems);
    } else if (!fs::is_regular_file(st)) {
      problems->push_back({p, "not a regular file (FIFO, socket or device)"});
    } else {
      files.push_back(p);
    }
  }
  std::sort(files.begin(), files.end());
  files.erase(std::unique(files.begin(), files.end()), files.end());
  DropDuplicateNames(&files, problems);
  std::sort(problems->begin(), problems->end(), [](const CorpusProblem& a, const CorpusProblem& b) {
    return std::tie(a.path, a.reason) < std::tie(b.path, b.reason);
  });
  return files;
}

std::string DocumentName(const std::string& path) { return fs::path(path).filename().string(); }

bool LooksBinary(std::string_view data) {
  static constexpr std::string_view kSignatures[] = {"\x89PNG",
                                                     "%PDF",
                                                     "PK\x03\x04",
                                                     "\x1f\x8b",
                                                     "GIF8",
                                                     "\xFF\xD8\xFF",
                                                     "\x7F"
                                                     "ELF"};
  for (std::string_view sig : kSignatures) {
    if (data.substr(0, sig.size()) == sig) return true;
  }
  std::string_view head = data.substr(0, 4096);
  size_t control = 0;
  for (unsigned char c : head) {
    if (c == 0) return true;
    if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f') ++control;
  }
  return !head.empty() && control * 10 > head.size();
}

void ExtractCorpus(const std::vector<std::string>& files, const Extractor& extractor,
                   const CorpusOptions& options,
                   const std::function<void(DocumentExtraction)>& sink,
                   std::vector<CorpusProblem>* problems) {
  int threads = options.threads > 0
                    ? options.threads
                    : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  threads =
      std::max(1, std::min<int>(threads, static_cast<int>(std::max<size_t>(1, files.size()))));
  // A window of slots: workers fill slot i % window, the caller drains them in
  // order. Memory holds at most `window` extractions, never the corpus text.
  const size_t window = static_cast<size_t>(threads) * 4;
  struct Slot {
    std::optional<DocumentExtraction> result;
    std::optional<CorpusProblem> problem;
    bool ready = false;
  };
  std::vector<Slot> slots(window);
  std::mutex mu;
  std::condition_variable cv;
  std::atomic<size_t> next{0};
  size_t drained = 0;

  auto worker = [&] {
    while (true) {
      size_t i = next.fetch_add(1);
      if (i >= files.size()) return;
      {
        std::unique_lock<std::mutex> lock(mu);
        cv.wait(lock, [&] { return i < drained + window; });
      }
      Slot slot;
      std::string text, error;
      if (!ReadFile(files[i], &text, &error)) {
        // ReadFile names the path; the report line names it already.
        if (error.rfind(files[i] + ": ", 0) == 0) error.erase(0, files[i].size() + 2);
        slot.problem = CorpusProblem{files[i], error};
      } else if (LooksBinary(text)) {
        slot.problem = CorpusProblem{files[i], "binary file, not text"};
      } else {
        // An exception escaping a worker thread would terminate kg; a bug
        // triggered by one file must cost that file only, and say so.
        try {
          slot.result = extractor.Extract(DocumentName(files[i]), text);
          slot.result->bytes = text.size();
        } catch (const std::exception& e) {
          slot.result.reset();
          slot.problem =
              CorpusProblem{files[i], std::string("internal error while extracting: ") + e.what()};
        }
      }
      slot.ready = true;
      {
        std::lock_guard<std::mutex> lock(mu);
        slots[i % window] = std::move(slot);
      }
      cv.notify_all();
    }
  };
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) pool.emplace_back(worker);
  uint64_t bytes = 0;
  for (size_t i = 0; i < files.size(); ++i) {
    Slot slot;
    {
      std::unique_lock<std::mutex> lock(mu);
      cv.wait(lock, [&] { return slots[i % window].ready; });
      slot = std::move(slots[i % window]);
      slots[i % window] = Slot{};
      ++drained;
    }
    cv.notify_all();
    if (slot.problem) problems->push_back(*slot.problem);
    if (slot.result) {
      bytes += slot.result->bytes;
      sink(std::move(*slot.result));
    } else if (options.skipped) {
      options.skipped(i);
    }
    if (options.progress) options.progress(i + 1, files.size(), bytes);
  }
  for (std::thread& t : pool) t.join();
}

}  // namespace kg
