#include "workflow/report_html.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>
#include <openssl/evp.h>

#include <fstream>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <vector>

#include "workflow/result_cache.h"
#include "nabridge/base/atomic_file.h"

namespace nabridge::workflow {

namespace fs = std::filesystem;

namespace {

std::string markdown_to_html(const std::string& markdown) {
  cmark_gfm_core_extensions_ensure_registered();
  std::unique_ptr<cmark_parser, decltype(&cmark_parser_free)> parser(cmark_parser_new(CMARK_OPT_DEFAULT),
                                                                     cmark_parser_free);
  cmark_syntax_extension* table = cmark_find_syntax_extension("table");
  if (!table) throw std::runtime_error("report.html: cmark-gfm has no table extension");
  cmark_parser_attach_syntax_extension(parser.get(), table);
  cmark_parser_feed(parser.get(), markdown.data(), markdown.size());
  std::unique_ptr<cmark_node, decltype(&cmark_node_free)> doc(cmark_parser_finish(parser.get()), cmark_node_free);
  char* html = cmark_render_html(doc.get(), CMARK_OPT_DEFAULT, cmark_parser_get_syntax_extensions(parser.get()));
  std::string out(html);
  free(html);
  return out;
}

std::string base64(const std::string& bytes) {
  std::vector<unsigned char> out(4 * ((bytes.size() + 2) / 3) + 1);
  const int n =
      EVP_EncodeBlock(out.data(), reinterpret_cast<const unsigned char*>(bytes.data()), static_cast<int>(bytes.size()));
  return std::string(reinterpret_cast<const char*>(out.data()), static_cast<std::size_t>(n));
}

/// Replaces src="PATH" of images that exist under `dir` by data URIs (PNG and SVG figures).
std::string inline_images(std::string html, const fs::path& dir) {
  const std::string key = "<img src=\"";
  for (std::size_t p = html.find(key); p != std::string::npos; p = html.find(key, p + key.size())) {
    const std::size_t start = p + key.size(), end = html.find('"', start);
    if (end == std::string::npos) break;
    const fs::path file = dir / html.substr(start, end - start);
    std::ifstream in(file, std::ios::binary);
    if (!in) continue;  // left as a link; the test reports it
    std::stringstream bytes;
    bytes << in.rdbuf();
    const std::string mime = file.extension() == ".svg" ? "image/svg+xml" : "image/png";
    html.replace(start, end - start, "data:" + mime + ";base64," + base64(bytes.str()));
  }
  return html;
}

std::string escape_text(const std::string& s) {
  std::string out;
  for (const char c : s) {
    if (c == '<') out += "&lt;";
    else if (c == '>') out += "&gt;";
    else if (c == '&') out += "&amp;";
    else out += c;
  }
  return out;
}

const char* const kStyle =
    "body{font-family:system-ui,sans-serif;max-width:75em;margin:2em auto;padding:0 1em;line-height:1.45;color:#222}"
    "table{border-collapse:collapse;margin:1em 0;font-size:.9em;display:block;overflow-x:auto}"
    "th,td{border:1px solid #ccc;padding:.25em .5em;text-align:left}th{background:#f3f3f3}"
    "tr:nth-child(even) td{background:#fafafa}img{max-width:100%}code{background:#f3f3f3;padding:0 .2em}"
    "h1,h2,h3{border-bottom:1px solid #eee;padding-bottom:.2em}";

}  // namespace

fs::path write_report_html(const std::string& markdown, const fs::path& dir, const std::string& title) {
  const std::string body = inline_images(markdown_to_html(markdown), dir);
  std::ostringstream html;
  html << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" << escape_text(title)
       << "</title>\n<style>" << kStyle << "</style>\n</head>\n<body>\n"
       << body << "</body>\n</html>\n";
  const fs::path out = dir / "report.html";
  write_file_atomically(out, html.str());
  return out;
}

}  // namespace nabridge::workflow
