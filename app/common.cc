#include <iostream>

#include "app/commands.h"
#include "extract/file_io.h"
#include "graph/node_link_json.h"
#include "query/entity_lookup.h"

namespace kg {

bool LoadGraphOrReport(const GlobalOptions& global, KnowledgeGraph* graph) {
  std::string error;
  if (ReadGraphFile(global.graph, graph, &error)) return true;
  std::cerr << "kg: " << error << "\n";
  if (error.find("No such file") != std::string::npos) {
    std::cerr << "kg: build a graph first with 'kg build PATH -o " << global.graph
              << "', or name one with -g FILE\n";
  }
  return false;
}

std::optional<Vertex> ResolveEntityOrReport(const KnowledgeGraph& graph, const std::string& text) {
  LookupResult r = LookupEntity(graph, text);
  const GraphStorage& g = graph.storage();
  if (r.status == LookupStatus::kFound) return r.vertex;
  if (r.status == LookupStatus::kAmbiguous) {
    std::cerr << "kg: \"" << text << "\" is ambiguous; it names:\n";
  } else if (r.candidates.empty()) {
    std::cerr << "kg: no entity matches \"" << text << "\" (try 'kg find')\n";
  } else {
    std::cerr << "kg: no entity is called \"" << text << "\"; did you mean:\n";
  }
  for (const ScoredEntity& c : r.candidates) {
    std::cerr << "  " << g[c.vertex].id << "  (" << ToString(g[c.vertex].type) << ": "
              << g[c.vertex].name << ")\n";
  }
  return std::nullopt;
}

void PrintJson(const std::function<void(JsonWriter&)>& fill) {
  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  w.SetIndent(' ', 2);
  fill(w);
  std::cout << buffer.GetString() << "\n";
}

std::string EvidenceLocation(const RelationEdge& edge) {
  if (edge.evidence.empty()) return "";
  return edge.evidence.front().doc.str() + ":" + std::to_string(edge.evidence.front().line);
}

bool WriteOutput(const std::string& path, const std::string& content) {
  if (path.empty() || path == "-") {
    std::cout << content;
    return static_cast<bool>(std::cout);
  }
  std::string error;
  if (WriteFileAtomically(path, content, &error)) return true;
  std::cerr << "kg: " << error << "\n";
  return false;
}

}  // namespace kg
