#!/usr/bin/env bash
# README command 1: install dependencies, build, and run the main job.
# The main job currently runs the atomistic worked examples (Al(111) surface energy and
# cleavage, Na adsorption on Al(100), adsorption sites); output goes to runs/examples/.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${NABRIDGE_BUILD_DIR:-$root/build}
bash "$root/scripts/install-deps.sh"
NABRIDGE_BUILD_DIR=$build bash "$root/scripts/build.sh"
out=$root/runs/examples
mkdir -p "$out"
cd "$out"
potdir=/usr/share/lammps/potentials
"$build/workflows/nabridge" sites --prototype fcc --elements Al --a 4.05 --facet 111 --hops | tee sites_al111.txt
"$build/workflows/nabridge" lmp "$root/examples/al111_surface.in" -var potdir "$potdir" --log al111_surface.log \
  | grep -E '^(nabridge|gamma|W_sep)'
"$build/workflows/nabridge" lmp "$root/examples/na_on_al100_adsorb.in" -var potdir "$potdir" --log na_al100.log \
  | grep -E '^(nabridge/|  [a-z]|most)'
echo "results: $out (*.json, *.log)"
