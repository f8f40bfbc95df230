// Drawing DOT text as SVG, PNG or PDF in-process with Graphviz (libcgraph to
// read, libgvc to lay out and render), without running the `dot` program.
#ifndef KG_VIZ_RENDERER_H_
#define KG_VIZ_RENDERER_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kg {

enum class ImageFormat { kSvg, kPng, kPdf };

// The format named by a file's extension (".svg", ".png", ".pdf", any case);
// nullopt for anything else.
std::optional<ImageFormat> ImageFormatFromPath(std::string_view path);

// True for the Graphviz engines kg offers: dot, neato, fdp, sfdp, circo, twopi.
bool IsKnownLayout(std::string_view layout);

// The engine for a drawing of this size when the user names none:
//  - "dot" (layered, arrows left to right) up to 60 entities and 120 relations
//    in at most 3 connected components, where it is the most legible;
//  - "neato" for drawings as small but in more pieces (a top-N selection),
//    because dot stacks the sources of many small components into one tall
//    column (and Graphviz 2.43's dot crashes when asked to pack components
//    with clusters), while neato packs them and keeps edges long enough for
//    their labels;
//  - "sfdp" (multilevel force-directed, prism overlap removal) above that,
//    where dot's ranks grow too long and neato too slow.
std::string DefaultLayout(size_t vertices, size_t edges, size_t components);

struct RenderedImage {
  std::string data;                   // the SVG text or the PNG/PDF bytes
  std::vector<std::string> warnings;  // what Graphviz warned about, one per line
};

// Lays `dot` out with `layout` and renders it as `format`. On failure (DOT
// Graphviz cannot read, an unknown engine, a layout or render error) returns
// false and sets `error` to Graphviz's own message. Graphviz keeps global
// state, so calls are serialised internally.
bool RenderDot(const std::string& dot, const std::string& layout, ImageFormat format,
               RenderedImage* image, std::string* error);

}  // namespace kg

#endif  // KG_VIZ_RENDERER_H_
