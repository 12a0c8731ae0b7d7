#pragma once
// The one gnuplot front end: finds gnuplot, quotes text for its scripts and runs a script file.
// Text from campaign files (substrate names, titles, paths) reaches gnuplot only through
// gnuplot_string(), which makes it a single-quoted gnuplot string: gnuplot performs no command
// substitution (`...`), no macro expansion (@...) and no escape processing inside those.
#include <filesystem>
#include <string>
#include <vector>

namespace nabridge {

/// True when a gnuplot executable is in PATH (checked once).
bool gnuplot_available();

/// The PNG terminal: cairo when this gnuplot has it, the GD one otherwise ("pngcairo"/"png").
const std::string& gnuplot_png_terminal();

/// `text` as a gnuplot single-quoted string literal: ' doubled, control characters (a newline
/// would end the command) replaced by spaces.
std::string gnuplot_string(const std::string& text);

/// Runs `gnuplot script` (no shell); its messages go to `log_file` (discarded when empty).
/// False when gnuplot is missing or the script failed.
bool run_gnuplot(const std::filesystem::path& script, const std::filesystem::path& log_file = {});

/// As run_gnuplot, but only when `output` is missing or was drawn from a different script or
/// data: a digest of the script and the `data` files is kept next to the output
/// (`<output>.digest`), so rerunning a cached campaign redraws nothing. True when the output is
/// current or was drawn now.
bool run_gnuplot_if_changed(const std::filesystem::path& script, const std::vector<std::filesystem::path>& data,
                            const std::filesystem::path& output);

}  // namespace nabridge
