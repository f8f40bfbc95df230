// CSV for bulk import into Neo4j (neo4j-admin database import) and for
// spreadsheets: nodes.csv and edges.csv with neo4j-admin's header convention.
//
//   nodes.csv: id:ID,:LABEL,name,aliases:string[],docs:string[]
//   edges.csv: :START_ID,:END_ID,:TYPE,relation,date,role,evidence,evidence_doc,
//              evidence_line:int,evidence_count:int
//
// :LABEL is the entity type ("Agency"); :TYPE is the relation in Neo4j's
// upper-case style ("PART_OF"), `relation` keeps kg's spelling. Fields are
// RFC 4180: quoted when they hold a comma, quote or semicolon, or white space
// at either end, with quotes doubled. Newlines become spaces and ';' inside an
// array element becomes ',' because neo4j-admin by default reads neither
// multi-line fields nor an escaped array delimiter. Empty fields are absent
// properties.
#ifndef KG_VIZ_CSV_WRITER_H_
#define KG_VIZ_CSV_WRITER_H_

#include <string>
#include <string_view>

#include "graph/knowledge_graph.h"
#include "viz/selection.h"

namespace kg {

struct CsvTables {
  std::string nodes;
  std::string edges;
};

// Both tables of `selection`, rows in selection order, "\n" line ends.
CsvTables GraphToCsv(const KnowledgeGraph& graph, const Selection& selection);

struct CsvPaths {
  std::string nodes;
  std::string edges;
};

// Where `kg export --format csv -o OUTPUT` writes: OUTPUT/nodes.csv and
// OUTPUT/edges.csv when OUTPUT is an existing directory or ends with '/';
// otherwise OUTPUT is a prefix: OUTPUT.nodes.csv and OUTPUT.edges.csv.
CsvPaths CsvOutputPaths(const std::string& output);

// One CSV field, quoted as described above.
std::string CsvField(std::string_view value);

}  // namespace kg

#endif  // KG_VIZ_CSV_WRITER_H_
