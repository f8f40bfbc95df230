// Reading and writing whole files safely. Every output kg writes goes through
// WriteFileAtomically, so an interrupted run never leaves a half-written file.
#ifndef KG_EXTRACT_FILE_IO_H_
#define KG_EXTRACT_FILE_IO_H_

#include <cstdio>
#include <functional>
#include <string>
#include <string_view>
#include <utility>

#include <rapidjson/document.h>

namespace kg {

// Reads the file at `path` into `content`. On failure returns false and sets
// `error` to "PATH: reason".
bool ReadFile(const std::string& path, std::string* content, std::string* error);

// A file mapped read-only, for reading a large file once without copying it
// into fresh memory (which the system must zero first).
class MappedFile {
 public:
  MappedFile() = default;
  MappedFile(MappedFile&& other) noexcept { *this = std::move(other); }
  MappedFile& operator=(MappedFile&& other) noexcept;
  ~MappedFile() { Close(); }

  // Maps the file at `path`, unmapping any file mapped before. On failure
  // returns false, maps nothing and sets `error` to "PATH: reason".
  bool Open(const std::string& path, std::string* error);
  void Close();

  // The file's bytes, valid until Close; empty when nothing is mapped.
  std::string_view view() const { return std::string_view(data_ != nullptr ? data_ : "", size_); }

 private:
  const char* data_ = nullptr;
  size_t size_ = 0;
};

// Writes `content` to a temporary file beside `path`, flushes it to disk and
// renames it over `path`. On failure the previous `path` is untouched, the
// temporary file is removed, and `error` says why.
bool WriteFileAtomically(const std::string& path, std::string_view content, std::string* error);

// Like WriteFileAtomically, for content too large to hold in memory: `fill`
// writes it to the open temporary file and returns false on failure.
bool WriteFileAtomicallyWith(const std::string& path, const std::function<bool(std::FILE*)>& fill,
                             std::string* error);

// Parses `text` as JSON into `doc`. On failure returns false and sets `error`
// to "NAME:LINE:COLUMN: message" with 1-based line and column.
bool ParseJson(std::string_view text, const std::string& name, rapidjson::Document* doc,
               std::string* error);

// ReadFile followed by ParseJson.
bool ParseJsonFile(const std::string& path, rapidjson::Document* doc, std::string* error);

}  // namespace kg

#endif  // KG_EXTRACT_FILE_IO_H_
