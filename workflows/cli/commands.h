#pragma once
// Sub-commands of the `nabridge` program. Each add_*_command registers one CLI11 sub-command
// (options + callback) on the application; main.cpp calls them all.
#include <CLI/CLI.hpp>

namespace nabridge::cli {
void add_lmp_command(CLI::App& app);
void add_sites_command(CLI::App& app);
void add_upscale_command(CLI::App& app);
void add_run_commands(CLI::App& app);  // run, graph, status, worker
void add_potential_command(CLI::App& app);
void add_dft_command(CLI::App& app);  // dft reference
}  // namespace nabridge::cli
