// Helpers shared by the unit tests: paths to the source tree, the kg binary and
// ../shared, and a way to run kg and capture what it prints.
#ifndef KG_TESTS_TEST_SUPPORT_H_
#define KG_TESTS_TEST_SUPPORT_H_

#include <string>

#include "extract/extractor.h"

namespace kg::testing {

std::string SourceDir();
std::string RulesDir();
// ../shared beside the source tree, or "" when it is absent (tests then skip).
std::string SharedDir();

// The project's extractor with the real rules/ (loaded once).
const Extractor& ProjectExtractor();

struct CommandResult {
  int exit_code = -1;
  std::string out;  // stdout
  std::string err;  // stderr
};

// Runs the kg binary with `args` (a shell-quoted string) and captures its output.
CommandResult RunKg(const std::string& args);

// A fresh empty directory under the test's temporary directory.
std::string TempDir(const std::string& name);

// Quotes `s` for a POSIX shell.
std::string ShellQuote(const std::string& s);

}  // namespace kg::testing

#endif  // KG_TESTS_TEST_SUPPORT_H_
