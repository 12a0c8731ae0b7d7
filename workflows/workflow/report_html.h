#pragma once
// report.html: the Markdown report rendered by cmark-gfm (GitHub tables) into one file that
// stands alone: figures inlined as data URIs, a small stylesheet, nothing fetched from the
// network. Raw HTML in the Markdown (a substrate name like "<script>") is not passed through.
#include <filesystem>
#include <string>

namespace nabridge::workflow {

/// Renders `markdown` (whose image paths are relative to `dir`) to DIR/report.html; returns its path.
std::filesystem::path write_report_html(const std::string& markdown, const std::filesystem::path& dir,
                                        const std::string& title);

}  // namespace nabridge::workflow
