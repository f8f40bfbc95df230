#include "tests/test_support.h"

#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "extract/rules.h"

namespace kg::testing {

namespace fs = std::filesystem;

std::string SourceDir() { return KG_SOURCE_DIR; }
std::string RulesDir() { return SourceDir() + "/rules"; }

std::string SharedDir() {
  fs::path shared = fs::path(SourceDir()) / ".." / "shared";
  std::error_code ec;
  if (fs::is_directory(shared / "eval", ec)) return fs::weakly_canonical(shared, ec).string();
  return "";
}

const Extractor& ProjectExtractor() {
  static const std::unique_ptr<Extractor> extractor = [] {
    Rules rules;
    std::string error;
    if (!LoadRules(RulesDir(), &rules, &error)) throw std::runtime_error(error);
    auto e = Extractor::Create(rules, &error);
    if (!e) throw std::runtime_error(error);
    return e;
  }();
  return *extractor;
}

std::string ShellQuote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out.push_back(c);
    }
  }
  return out + "'";
}

std::string TempDir(const std::string& name) {
  const char* base = std::getenv("TEST_TMPDIR");
  fs::path dir = fs::path(base ? base : fs::temp_directory_path().string()) /
                 ("kg_test_" + std::to_string(getpid())) / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir.string();
}

CommandResult RunKg(const std::string& args) {
  std::string dir = TempDir("run");
  std::string out_file = dir + "/out", err_file = dir + "/err";
  std::string cmd = ShellQuote(KG_BINARY) + " --rules " + ShellQuote(RulesDir()) + " " + args +
                    " >" + out_file + " 2>" + err_file + " </dev/null";
  int status = std::system(cmd.c_str());
  CommandResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  auto slurp = [](const std::string& p) {
    std::ifstream in(p);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  };
  r.out = slurp(out_file);
  r.err = slurp(err_file);
  return r;
}

}  // namespace kg::testing
