// Lists of strings joined into one, for the attributes of exported nodes.
#ifndef KG_GRAPH_JOIN_STRINGS_H_
#define KG_GRAPH_JOIN_STRINGS_H_

#include <string>
#include <string_view>

namespace kg {

// The items of `items` (std::string, PooledString or anything that is a
// std::string_view) with `separator` between each two.
template <typename Strings>
std::string JoinStrings(const Strings& items, std::string_view separator) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += separator;
    out += std::string_view(items[i]);
  }
  return out;
}

}  // namespace kg

#endif  // KG_GRAPH_JOIN_STRINGS_H_
