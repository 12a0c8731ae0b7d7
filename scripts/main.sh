#!/usr/bin/env bash
# README command 1: install dependencies, build, and run the main job: the default screening
# campaign (workflows/campaigns/screen-coatings.toml) on the shipped potentials. A rerun reuses
# every cached result. Extra arguments go to `nabridge run` (e.g. -j 1).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${NABRIDGE_BUILD_DIR:-$root/build}
bash "$root/scripts/install-deps.sh"
NABRIDGE_BUILD_DIR=$build bash "$root/scripts/build.sh"
jobs=$(nproc)
"$build/workflows/nabridge" run "$root/workflows/campaigns/screen-coatings.toml" -j "$jobs" "$@"
