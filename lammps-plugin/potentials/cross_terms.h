#pragma once
// Cross-term correction files (TOML): [pairs."Na-Al"] scale = .., stretch = .., density_at_X = ..,
// density_stretch = .. (see CrossTerm in eam_model.h; density_stretch written only when ≠ 1) plus
// the [[fit]] records of the fit that produced them.
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "potentials/eam_model.h"
#include "potentials/zhou_params.h"

namespace nabridge::potentials {

struct CrossTermFile {
  std::string path, note;
  std::map<std::pair<std::string, std::string>, CrossTerm> pairs;  // key: (a, b) as written
  std::vector<FitRecord> fit;
};

/// Throws std::invalid_argument naming the file and the entry.
CrossTermFile read_cross_terms(const std::string& path);
void write_cross_terms(const CrossTermFile& f, const std::string& path);

/// Applies every pair of the file to the model (elements the model lacks are an error).
void apply_cross_terms(ZhouAlloyModel& model, const CrossTermFile& f);

}  // namespace nabridge::potentials
