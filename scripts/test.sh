#!/usr/bin/env bash
# README command 2: install dependencies, build, run the whole test suite.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${NABRIDGE_BUILD_DIR:-$root/build}
bash "$root/scripts/install-deps.sh"
NABRIDGE_BUILD_DIR=$build bash "$root/scripts/build.sh"
# OpenMPI refuses to run as root (CI and containers) unless told this is intended.
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMPI_MCA_rmaps_base_oversubscribe=1
cd "$build" && ctest --output-on-failure -j "$(nproc)"
