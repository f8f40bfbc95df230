#include "viz/renderer.h"

#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>

#include <algorithm>
#include <memory>
#include <mutex>

namespace kg {
namespace {

// Graphviz reports through a process-wide callback without user data, so the
// messages of the render in progress go to this buffer (guarded by RenderDot's lock).
std::string* g_messages = nullptr;

int CollectMessage(char* text) {
  if (g_messages != nullptr && text != nullptr) *g_messages += text;
  return 0;
}

// Graphviz sends "Warning", ": ", "text\n" as separate pieces; rejoin them into lines.
std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(start, end - start);
    if (!line.empty()) out.push_back(line);
    start = end + 1;
  }
  return out;
}

std::string Describe(const std::string& what, const std::string& messages) {
  std::string out = what;
  for (const std::string& line : Lines(messages)) out += "\n  " + line;
  return out;
}

const char* FormatName(ImageFormat format) {
  switch (format) {
    case ImageFormat::kSvg:
      return "svg";
    case ImageFormat::kPng:
      return "png";
    case ImageFormat::kPdf:
      return "pdf";
  }
  return "svg";
}

// One Graphviz context for the whole process, never freed. Graphviz 2.42's
// pango plugin caches a pointer to the last font name it measured, and that
// name belongs to the context: a second context would make the plugin compare
// against freed memory (AddressSanitizer sees it on the second render).
GVC_t* ProcessContext() {
  static GVC_t* const gvc = gvContext();
  return gvc;
}

struct GraphDeleter {
  void operator()(Agraph_t* g) const { agclose(g); }
};

bool LayOutAndRender(GVC_t* gvc, Agraph_t* g, const std::string& layout, ImageFormat format,
                     RenderedImage* image, std::string* messages, std::string* error) {
  if (gvLayout(gvc, g, layout.c_str()) != 0) {
    *error = Describe("Graphviz could not lay the graph out with " + layout, *messages);
    return false;
  }
  char* data = nullptr;
  unsigned int length = 0;
  int status = gvRenderData(gvc, g, FormatName(format), &data, &length);
  if (status == 0 && data != nullptr) image->data.assign(data, length);
  if (data != nullptr) gvFreeRenderData(data);
  gvFreeLayout(gvc, g);
  if (status != 0 || image->data.empty()) {
    *error = Describe(std::string("Graphviz could not render ") + FormatName(format), *messages);
    return false;
  }
  return true;
}

}  // namespace

std::optional<ImageFormat> ImageFormatFromPath(std::string_view path) {
  size_t dot = path.rfind('.');
  if (dot == std::string_view::npos || path.find('/', dot) != std::string_view::npos) {
    return std::nullopt;
  }
  std::string ext(path.substr(dot + 1));
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (ext == "svg") return ImageFormat::kSvg;
  if (ext == "png") return ImageFormat::kPng;
  if (ext == "pdf") return ImageFormat::kPdf;
  return std::nullopt;
}

bool IsKnownLayout(std::string_view layout) {
  return layout == "dot" || layout == "neato" || layout == "fdp" || layout == "sfdp" ||
         layout == "circo" || layout == "twopi";
}

std::string DefaultLayout(size_t vertices, size_t edges, size_t components) {
  if (vertices > 60 || edges > 120) return "sfdp";
  return components <= 3 ? "dot" : "neato";
}

bool RenderDot(const std::string& dot, const std::string& layout, ImageFormat format,
               RenderedImage* image, std::string* error) {
  static std::mutex mutex;
  std::lock_guard<std::mutex> lock(mutex);
  if (!IsKnownLayout(layout)) {
    *error = "unknown layout \"" + layout + "\"";
    return false;
  }
  std::string messages;
  g_messages = &messages;
  agusererrf previous = agseterrf(CollectMessage);
  agseterr(AGWARN);
  agreseterrors();
  bool ok = false;
  {
    GVC_t* gvc = ProcessContext();
    std::unique_ptr<Agraph_t, GraphDeleter> g(agmemread(dot.c_str()));
    if (gvc == nullptr) {
      *error = "Graphviz could not start";
    } else if (!g) {
      *error = Describe("Graphviz could not read the DOT text", messages);
    } else {
      ok = LayOutAndRender(gvc, g.get(), layout, format, image, &messages, error);
    }
  }
  if (ok && agerrors() >= AGERR) {
    *error = Describe("Graphviz reported errors", messages);
    ok = false;
  }
  if (ok) image->warnings = Lines(messages);
  agseterrf(previous);
  g_messages = nullptr;
  return ok;
}

}  // namespace kg
