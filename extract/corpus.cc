#include "extract/corpus.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <optional>
#include <thread>

#include "extract/file_io.h"

namespace kg {
namespace {

namespace fs = std::filesystem;

bool IsCorpusExtension(const fs::path& p) {
  std::string ext = p.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), ::tolower);
  return ext == ".txt" || ext == ".md";
}

void WalkDirectory(const fs::path& dir, std::vector<std::string>* files,
                   std::vector<CorpusProblem>* problems) {
  std::error_code ec;
  fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec);
  if (ec) {
    problems->push_back({dir.string(), ec.message()});
    return;
  }
  for (fs::recursive_directory_iterator end; it != end; it.increment(ec)) {
    if (ec) {
      problems->push_back({it->path().string(), ec.message()});
      ec.clear();
      continue;
    }
    std::error_code type_ec;
    // symlink_status: a link to a directory is not followed (no loops).
    fs::file_status st = it->symlink_status(type_ec);
    if (fs::is_symlink(st)) {
      if (fs::is_regular_file(fs::status(it->path(), type_ec)) && IsCorpusExtension(it->path())) {
        files->push_back(it->path().string());
      }
      continue;
    }
    if (fs::is_regular_file(st) && IsCorpusExtension(it->path())) files->push_back(it->path().string());
  }
}

}  // namespace

std::vector<std::string> ListCorpusFiles(const std::vector<std::string>& paths,
                                         std::vector<CorpusProblem>* problems) {
  std::vector<std::string> files;
  for (const std::string& p : paths) {
    std::error_code ec;
    fs::file_status st = fs::status(p, ec);
    if (ec || !fs::exists(st)) {
      problems->push_back({p, "no such file or directory"});
    } else if (fs::is_directory(st)) {
      WalkDirectory(p, &files, problems);
    } else {
      files.push_back(p);
    }
  }
  std::sort(files.begin(), files.end());
  files.erase(std::unique(files.begin(), files.end()), files.end());
  return files;
}

bool LooksBinary(std::string_view data) {
  static constexpr std::string_view kSignatures[] = {"\x89PNG", "%PDF", "PK\x03\x04", "\x1f\x8b",
                                                     "GIF8", "\xFF\xD8\xFF", "\x7F" "ELF"};
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
  int threads = options.threads > 0 ? options.threads
                                    : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  threads = std::max(1, std::min<int>(threads, static_cast<int>(std::max<size_t>(1, files.size()))));
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
        slot.problem = CorpusProblem{files[i], error};
      } else if (LooksBinary(text)) {
        slot.problem = CorpusProblem{files[i], "binary file, not text"};
      } else {
        slot.result = extractor.Extract(fs::path(files[i]).filename().string(), text);
        slot.result->bytes = text.size();
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
    }
    if (options.progress) options.progress(i + 1, files.size(), bytes);
  }
  for (std::thread& t : pool) t.join();
}

}  // namespace kg
