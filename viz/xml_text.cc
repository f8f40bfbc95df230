#include "viz/xml_text.h"

namespace kg {

std::string EscapeXml(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      case '\t':
        out += "&#9;";
        break;
      case '\n':
        out += "&#10;";
        break;
      case '\r':
        out += "&#13;";
        break;
      default:
        if ((c >= 0 && c < 0x20) || c == 0x7F) {
          out.push_back(' ');
        } else {
          out.push_back(c);
        }
    }
  }
  return out;
}

}  // namespace kg
