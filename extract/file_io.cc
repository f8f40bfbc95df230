#include "extract/file_io.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>

#include <rapidjson/error/en.h>

namespace kg {

bool ReadFile(const std::string& path, std::string* content, std::string* error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    *error = path + ": " + std::strerror(errno);
    return false;
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) {
    *error = path + ": read error";
    return false;
  }
  *content = std::move(buffer).str();
  return true;
}

bool WriteFileAtomically(const std::string& path, std::string_view content, std::string* error) {
  std::string tmp = path + ".tmp." + std::to_string(getpid());
  int fd = open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) {
    *error = path + ": cannot create: " + std::strerror(errno);
    return false;
  }
  size_t done = 0;
  while (done < content.size()) {
    ssize_t n = write(fd, content.data() + done, content.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      *error = path + ": write failed: " + std::strerror(errno);
      close(fd);
      unlink(tmp.c_str());
      return false;
    }
    done += static_cast<size_t>(n);
  }
  if (fsync(fd) != 0 || close(fd) != 0) {
    *error = path + ": cannot flush: " + std::strerror(errno);
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

bool ParseJson(std::string_view text, const std::string& name, rapidjson::Document* doc,
               std::string* error) {
  doc->Parse(text.data(), text.size());
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
