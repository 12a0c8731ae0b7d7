#include "workflow/dft_species.h"

#include <algorithm>

#include "core/elements.h"

namespace nabridge::workflow {

namespace {

/// The atoms of `s` from `first` on that are of an element with a metal species in `elements`
/// take that species.
void make_metallic(Structure& s, std::size_t first, const std::vector<std::string>& elements) {
  for (std::size_t i = first; i < s.size(); ++i) s.species[i] = metallic_species_in(elements, s.species[i]);
}

}  // namespace

DftOutcomes with_metal_species(const DftReferenceSet& set, DftOutcomes done, const std::vector<std::string>& elements) {
  if (std::none_of(elements.begin(), elements.end(), [](const std::string& e) { return element_of(e) != e; }))
    return done;
  for (const auto& sys : set.systems) {
    const auto* clean = find_dft_outcome(done, sys.name, "clean");
    for (const auto& c : sys.calculations) {
      auto it = done.find(sys.name + "/" + c.config);
      if (it == done.end()) continue;
      Structure& s = it->second.structure;
      const bool one_element = s.elements().size() == 1;
      if (sys.kind == DftSystemKind::kAtom || sys.kind == DftSystemKind::kBulk ||
          sys.kind == DftSystemKind::kSurface) {
        if (one_element) make_metallic(s, 0, elements);
      } else if (sys.kind == DftSystemKind::kFilm && c.config == "film") {
        make_metallic(s, 0, elements);
      } else if ((sys.kind == DftSystemKind::kAdsorption || sys.kind == DftSystemKind::kFilm) &&
                 c.config != "clean" && clean) {
        make_metallic(s, clean->structure.size(), elements);
      }
    }
  }
  return done;
}

}  // namespace nabridge::workflow
