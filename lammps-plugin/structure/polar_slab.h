#pragma once
// A (001) slab of a polarised ABO3 perovskite (tetragonal P4mm, P along z), built from its relaxed
// five-atom cell: `cells` AO/BO2 bilayers, the AO layer at the bottom and the BO2 layer on top,
// P pointing out of the top surface (P up) or into it (P down, the cell mirrored in z), the
// bottom `fixed_cells` bilayers frozen at the bulk positions (the clamped interior of a thick
// poled film), vacuum above. Stoichiometric, so neutral for any charges that make ABO3 neutral.
// Also: the polar distortion of each BO2 layer, to tell whether P survived in the relaxed slab.
#include <string>
#include <vector>

#include "core/structure.h"

namespace nabridge {

struct PolarSlabSpec {
  int cells = 4;            // AO/BO2 bilayers
  int fixed_cells = 1;      // bottom bilayers frozen
  int repeat = 2;           // in-plane repeat of the a × a cell
  double vacuum_A = 15.0;
  bool p_up = true;         // P along +z (out of the top surface) or −z (into it)
};

/// `unit`: the relaxed P4mm cell (a × a × c, one A, one B, three O; cores or atoms), P along +z,
/// with A at the origin layer and B in the layer half a cell above (as relax_shell_perovskite
/// returns it). std::invalid_argument for another composition or bad counts.
Structure polar_perovskite_slab(const Structure& unit, const std::string& A, const std::string& B,
                                const PolarSlabSpec& spec);

/// Per BO2 layer, bottom first: the mean height (Å) of the B atoms above the plane of their
/// layer's O atoms. In the polar bulk it is the off-centring d0 (sign = direction of P: B moves
/// along P against its O cage); a layer whose value has fallen towards 0 or changed sign has lost
/// its polarisation. Layers are told apart by height (BO2 layers are c apart).
std::vector<double> bo2_polar_distortion_A(const Structure& slab, const std::string& B, const std::string& O);

/// Refuses a relaxed polar slab whose polarisation did not survive: every free BO2 layer below the
/// top one (d_A from bo2_polar_distortion_A; the bottom `fixed_cells` layers are the clamped bulk)
/// must keep at least `min_fraction` of the bulk off-centring d0_A, with its sign. The top layer
/// is not judged: a surface rumples whether or not it is polar. std::runtime_error
/// "<what>: the polarisation relaxed away in the slab ..." otherwise, and std::invalid_argument
/// when no free layer lies below the top one (nothing to judge).
void require_polar_slab(const std::vector<double>& d_A, double d0_A, int fixed_cells, double min_fraction,
                        const std::string& what);

}  // namespace nabridge
