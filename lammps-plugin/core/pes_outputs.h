#pragma once
// The files of a PES map (nabridge/pes): the grid as CSV and, with gnuplot, a heat map. Kept out
// of protocols/pes_map, which computes the map and leaves files and plotting to its callers.
#include <string>

#include "protocols/pes_map.h"

namespace nabridge {

/// Writes x_A,y_A,z_A,E_eV,dE_eV rows; with gnuplot on PATH also a heat map PNG (returns false
/// and leaves only the CSV when gnuplot is missing).
bool write_pes_outputs(const PesMap& map, const std::string& csv_path, const std::string& png_path);

}  // namespace nabridge
