// How entities and relations look in every diagram kg draws: one shape and
// fill per entity type, one colour per relation, and how long names are
// wrapped into a label. Shared by the DOT, GEXF and GraphML writers so that a
// figure and a Gephi session use the same colours.
#ifndef KG_VIZ_STYLE_H_
#define KG_VIZ_STYLE_H_

#include <string>
#include <string_view>

#include "extract/schema.h"

namespace kg {

struct TypeStyle {
  std::string_view shape;   // a Graphviz node shape
  std::string_view fill;    // "#RRGGBB", light enough for black text
  std::string_view border;  // "#RRGGBB", a darker shade of `fill`
};

// The look of an entity type. Fills are the Okabe-Ito colour-blind-safe
// palette, lightened, so that print and screen agree.
TypeStyle StyleOf(EntityType type);

// "#RRGGBB" for edges of `relation`: dark enough to read on white, and
// different for the relations that often meet in one figure.
std::string_view RelationColor(Relation relation);

// `text` broken into lines of about `width` display columns (CJK characters
// count two), at spaces where possible and between characters otherwise,
// never inside a UTF-8 sequence. At most `max_lines` lines; what does not fit
// is cut and ends with "…". Lines are joined with '\n'. Runs of white space,
// newlines included, become one space first.
std::string WrapLabel(std::string_view text, size_t width, size_t max_lines);

}  // namespace kg

#endif  // KG_VIZ_STYLE_H_
