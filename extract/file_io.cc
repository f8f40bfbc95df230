#include "extract/file_io.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include <rapidjson/error/en.h>

namespace kg {

bool ReadFile(const std::string& path, std::string* content, std::string* error) {
  // O_NONBLOCK: a FIFO put where a file was expected must not hang kg.
  int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) {
    *error = path + ": " + std::strerror(errno);
    return false;
  }
  struct stat st;
  if (fstat(fd, &st) != 0) {
    *error = path + ": " + std::strerror(errno);
    close(fd);
    return false;
  }
  if (!S_ISREG(st.st_mode)) {
    *error = path + (S_ISDIR(st.st_mode) ? ": is a directory" : ": not a regular file");
    close(fd);
    return false;
  }
  std::string data;
  data.resize(static_cast<size_t>(st.st_size));
  size_t done = 0;
  while (true) {
    if (done == data.size()) data.resize(data.size() + 65536);  // the file grew
    ssize_t n = read(fd, data.data() + done, data.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      *error = path + ": read error: " + std::strerror(errno);
      close(fd);
      return false;
    }
    if (n == 0) break;
    done += static_cast<size_t>(n);
  }
  close(fd);
  data.resize(done);
  *content = std::move(data);
  return true;
}

bool WriteFileAtomicallyWith(const std::string& path, const std::function<bool(std::FILE*)>& fill,
                             std::string* error) {
  std::string tmp = path + ".tmp." + std::to_string(getpid());
  int fd = open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) {
    *error = path + ": cannot create: " + std::strerror(errno);
    return false;
  }
  std::FILE* file = fdopen(fd, "wb");
  if (file == nullptr) {
    *error = path + ": cannot create: " + std::strerror(errno);
    close(fd);
    unlink(tmp.c_str());
    return false;
  }
  bool written = fill(file) && std::fflush(file) == 0;
  int write_errno = errno;
  bool synced = written && fsync(fd) == 0;
  int sync_errno = errno;
  bool closed = std::fclose(file) == 0;
  if (!written || !synced || !closed) {
    *error = path + (!written ? ": write failed: " + std::string(std::strerror(write_errno))
                              : ": cannot flush: " + std::string(std::strerror(sync_errno)));
    unlink(tmp.c_str());
    return false;
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    *error = path + ": cannot rename into place: " + std::strerror(errno);
    unlink(tmp.c_str());
    return false;
  }
  return true;
}

MappedFile& MappedFile::operator=(MappedFile&& other) noexcept {
  std::swap(data_, other.data_);
  std::swap(size_, other.size_);
  return *this;
}

bool MappedFile::Open(const std::string& path, std::string* error) {
  Close();
  int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  struct stat st;
  if (fd < 0 || fstat(fd, &st) != 0) {
    *error = path + ": " + std::strerror(errno);
    if (fd >= 0) close(fd);
    return false;
  }
  size_ = static_cast<size_t>(st.st_size);
  if (size_ > 0) {
    void* p = mmap(nullptr, size_, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
    if (p == MAP_FAILED) {
      *error = path + ": " + std::strerror(errno);
      size_ = 0;
      close(fd);
      return false;
    }
    data_ = static_cast<const char*>(p);
  }
  close(fd);
  return true;
}

void MappedFile::Close() {
  if (data_ != nullptr) munmap(const_cast<char*>(data_), size_);
  data_ = nullptr;
  size_ = 0;
}

bool WriteFileAtomically(const std::string& path, std::string_view content, std::string* error) {
  return WriteFileAtomicallyWith(
      path,
      [&](std::FILE* file) {
        return std::fwrite(content.data(), 1, content.size(), file) == content.size();
      },
      error);
}

bool ParseJson(std::string_view text, const std::string& name, rapidjson::Document* doc,
               std::string* error) {
  // Iterative: a file of a million '[' must give an error, not a stack overflow.
  doc->Parse<rapidjson::kParseIterativeFlag>(text.data(), text.size());
  if (!doc->HasParseError()) return true;
  size_t offset = doc->GetErrorOffset();
  int line = 1;
  int column = 1;
  for (size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  *error = name + ":" + std::to_string(line) + ":" + std::to_string(column) + ": " +
           rapidjson::GetParseError_En(doc->GetParseError());
  return false;
}

bool ParseJsonFile(const std::string& path, rapidjson::Document* doc, std::string* error) {
  std::string text;
  return ReadFile(path, &text, error) && ParseJson(text, path, doc, error);
}

}  // namespace kg
