// Text for XML documents (GraphML, GEXF), written by hand because both
// formats are small and a hand-written writer is byte-for-byte deterministic.
#ifndef KG_VIZ_XML_TEXT_H_
#define KG_VIZ_XML_TEXT_H_

#include <string>
#include <string_view>

namespace kg {

// `text` escaped for XML 1.0 character data and double-quoted attribute
// values: & < > " ' become entities; tab, newline and carriage return become
// character references (so attribute values keep them); other control
// characters, which XML 1.0 forbids, become spaces. UTF-8 is kept.
std::string EscapeXml(std::string_view text);

}  // namespace kg

#endif  // KG_VIZ_XML_TEXT_H_
