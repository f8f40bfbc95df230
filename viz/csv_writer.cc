#include "viz/csv_writer.h"

#include <algorithm>
#include <filesystem>

namespace kg {
namespace {

std::string OneLine(std::string_view value) {
  std::string out(value);
  std::replace(out.begin(), out.end(), '\n', ' ');
  std::replace(out.begin(), out.end(), '\r', ' ');
  return out;
}

template <typename Strings>
std::string ArrayField(const Strings& items) {
  std::string joined;
  for (size_t i = 0; i < items.size(); ++i) {
    std::string item(std::string_view(items[i]));
    std::replace(item.begin(), item.end(), ';', ',');
    joined += (i ? ";" : "") + item;
  }
  return CsvField(joined);
}

std::string UpperCase(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

void AddRow(std::string* table, const std::vector<std::string>& fields) {
  for (size_t i = 0; i < fields.size(); ++i) *table += (i ? "," : "") + fields[i];
  *table += "\n";
}

}  // namespace

std::string CsvField(std::string_view value) {
  std::string text = OneLine(value);
  bool quote = text.find_first_of(",\";") != std::string::npos ||
               (!text.empty() && (text.front() == ' ' || text.back() == ' '));
  if (!quote) return text;
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

CsvTables GraphToCsv(const KnowledgeGraph& graph, const Selection& selection) {
  const GraphStorage& g = graph.storage();
  CsvTables out;
  out.nodes = "id:ID,:LABEL,name,aliases:string[],docs:string[]\n";
  for (Vertex v : selection.vertices) {
    const EntityNode& n = g[v];
    AddRow(&out.nodes, {CsvField(n.id), CsvField(ToString(n.type)), CsvField(n.name),
                        ArrayField(n.aliases), ArrayField(n.docs)});
  }
  out.edges =
      ":START_ID,:END_ID,:TYPE,relation,date,role,evidence,evidence_doc,evidence_line:int,"
      "evidence_count:int\n";
  for (Edge e : selection.edges) {
    const RelationEdge& r = g[e];
    const Evidence* first = r.evidence.empty() ? nullptr : &r.evidence.front();
    AddRow(&out.edges,
           {CsvField(g[boost::source(e, g)].id), CsvField(g[boost::target(e, g)].id),
            UpperCase(ToString(r.relation)), std::string(ToString(r.relation)), CsvField(r.date),
            CsvField(r.role), CsvField(first ? first->text.str() : ""),
            CsvField(first ? first->doc.str() : ""), first ? std::to_string(first->line) : "",
            std::to_string(r.evidence.size())});
  }
  return out;
}

CsvPaths CsvOutputPaths(const std::string& output) {
  std::error_code ec;
  if (!output.empty() && (output.back() == '/' || std::filesystem::is_directory(output, ec))) {
    std::string dir = output.back() == '/' ? output : output + "/";
    return {dir + "nodes.csv", dir + "edges.csv"};
  }
  return {output + ".nodes.csv", output + ".edges.csv"};
}

}  // namespace kg
