// graph_bench: kg's side of bench/graph_bench.sh. Times, inside one process,
// loading a graph.json, building the simple-graph view, each centrality
// measure and one shortest-path query, so that load and compute are apart.
//
//   graph_bench GRAPH.json [--measures betweenness,closeness,pagerank]
//               [--path SRC_ID DST_ID] [--threads N] [--directed] [--scores MEASURE]
//               [--sample-betweenness K]
//
// Prints one JSON object of seconds, e.g. {"load": 0.41, "view": 0.03, ...};
// with --scores it prints {"id": score, ...} of that measure instead.
// --sample-betweenness K times Brandes from the first K sources only
// ("betweenness_sample"), for graphs where the full run takes too long.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "graph/node_link_json.h"
#include "query/betweenness.h"
#include "query/centrality.h"
#include "query/paths.h"
#include "query/simple_graph.h"

namespace {

using Clock = std::chrono::steady_clock;

double SecondsSince(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

std::vector<std::string> Split(const std::string& text) {
  std::vector<std::string> parts;
  std::stringstream in(text);
  for (std::string part; std::getline(in, part, ',');) {
    if (!part.empty()) parts.push_back(part);
  }
  return parts;
}

int Usage() {
  std::cerr << "usage: graph_bench GRAPH.json [--measures M,...] [--path SRC DST] [--threads N]"
               " [--directed] [--scores MEASURE] [--sample-betweenness K]\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) return Usage();
  std::string file = argv[1];
  std::vector<std::string> measures;
  std::string source, target, scores_of;
  int threads = 0;
  size_t sample = 0;
  bool directed = false;
  for (int i = 2; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--measures" && i + 1 < argc) {
      measures = Split(argv[++i]);
    } else if (arg == "--path" && i + 2 < argc) {
      source = argv[++i];
      target = argv[++i];
    } else if (arg == "--threads" && i + 1 < argc) {
      threads = std::atoi(argv[++i]);
    } else if (arg == "--directed") {
      directed = true;
    } else if (arg == "--sample-betweenness" && i + 1 < argc) {
      sample = std::strtoul(argv[++i], nullptr, 10);
    } else if (arg == "--scores" && i + 1 < argc) {
      scores_of = argv[++i];
    } else {
      return Usage();
    }
  }

  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  w.StartObject();
  kg::KnowledgeGraph graph;
  std::string error;
  Clock::time_point start = Clock::now();
  if (!kg::ReadGraphFile(file, &graph, &error)) {
    std::cerr << "graph_bench: " << error << "\n";
    return 1;
  }
  w.Key("load");
  w.Double(SecondsSince(start));

  start = Clock::now();
  kg::SimpleGraphOptions view_options;
  view_options.directed = directed;
  kg::SimpleGraph view = kg::SimpleGraph::FromKnowledgeGraph(graph, view_options);
  w.Key("view");
  w.Double(SecondsSince(start));

  if (!scores_of.empty()) measures = {scores_of};
  std::vector<double> scores;
  for (const std::string& name : measures) {
    auto measure = kg::ParseCentralityMeasure(name);
    if (!measure) {
      std::cerr << "graph_bench: unknown measure " << name << "\n";
      return 2;
    }
    start = Clock::now();
    if (!kg::ComputeCentralityOfView(view, *measure, threads, &scores, &error)) {
      std::cerr << "graph_bench: " << error << "\n";
      return 1;
    }
    w.Key(name.c_str());
    w.Double(SecondsSince(start));
  }
  if (sample > 0) {
    start = Clock::now();
    kg::BrandesDependencySums(view, sample, threads);
    w.Key("betweenness_sample");
    w.Double(SecondsSince(start));
    w.Key("betweenness_sources");
    w.Uint64(std::min(sample, view.num_vertices()));
  }
  if (!scores_of.empty()) {
    rapidjson::StringBuffer out;
    rapidjson::Writer<rapidjson::StringBuffer> sw(out);
    sw.StartObject();
    for (kg::Vertex v = 0; v < graph.num_entities(); ++v) {
      sw.Key(graph.node(v).id.c_str());
      sw.Double(scores[v]);
    }
    sw.EndObject();
    std::cout << out.GetString() << "\n";
    return 0;
  }

  if (!source.empty()) {
    auto a = graph.FindById(source);
    auto b = graph.FindById(target);
    if (!a || !b) {
      std::cerr << "graph_bench: unknown path end\n";
      return 1;
    }
    kg::PathOptions options;
    options.directed = directed;
    start = Clock::now();
    kg::PathFinder finder(graph, options);
    w.Key("path_index");
    w.Double(SecondsSince(start));
    start = Clock::now();
    std::optional<kg::Path> path = finder.Shortest(*a, *b);
    w.Key("path");
    w.Double(SecondsSince(start));
    w.Key("path_length");
    w.Int(path ? static_cast<int>(path->size()) : -1);
  }
  w.EndObject();
  std::cout << buffer.GetString() << "\n";
  return 0;
}
