#!/usr/bin/env bash
# Installs the Debian 12 packages NaBridge builds and runs with. Idempotent: only missing
# packages are installed, so a second call is a no-op apart from one dpkg query.
set -euo pipefail

packages=(
  build-essential cmake pkg-config
  liblammps-dev lammps lammps-data
  libeigen3-dev libboost-graph-dev libtomlplusplus-dev catch2
  libfmt-dev nlohmann-json3-dev libcli11-dev libsqlite3-dev sqlite3 libssl-dev libboost-dev
  openmpi-bin libopenmpi-dev gnuplot-nox
  # report.html: Markdown with GitHub tables rendered by cmark-gfm; the tests open it in Chromium.
  libcmark-gfm-dev libcmark-gfm-extensions-dev chromium
  # The tests read the structure files back with ASE and parameters.csv with pandas, the readers
  # users' scripts have (never needed by the build or a run).
  python3-ase python3-pandas
  # The MPI test checks with strace that only rank 0 opens the SQLite index.
  strace
  # KIM API: headers, CMake package and kim-api-collections-management (libkim-api-dev) and the
  # OpenKIM model/driver collection (openkim-models: Nichol-Ackland Na EAM, MEAM driver, ...).
  libkim-api-dev openkim-models
  # DFT reference (issue 11): CP2K 2023.1 with its GTH pseudopotentials and MOLOPT basis sets.
  cp2k cp2k-data
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if ((${#missing[@]} == 0)); then
  echo "install-deps: all ${#packages[@]} Debian packages present"
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
sudo_cmd=()
[[ $(id -u) -eq 0 ]] || sudo_cmd=(sudo)
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -q
"${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
