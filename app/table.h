// Aligned text tables for the terminal, the default output of every command.
#ifndef KG_APP_TABLE_H_
#define KG_APP_TABLE_H_

#include <ostream>
#include <string>
#include <vector>

namespace kg {

class Table {
 public:
  explicit Table(std::vector<std::string> header) : header_(std::move(header)) {}

  // Adds a row; missing cells are blank, extra cells are ignored.
  void AddRow(std::vector<std::string> row) { rows_.push_back(std::move(row)); }
  size_t size() const { return rows_.size(); }

  // Prints header, a rule and the rows, columns padded to their widest cell
  // (display width: CJK characters count two). Cells longer than `max_width`
  // are cut with "…".
  void Print(std::ostream& out, size_t max_width = 80) const;

 private:
  std::vector<std::string> header_;
  std::vector<std::vector<std::string>> rows_;
};

// Display width of UTF-8 text in a terminal.
size_t DisplayWidth(std::string_view text);

}  // namespace kg

#endif  // KG_APP_TABLE_H_
