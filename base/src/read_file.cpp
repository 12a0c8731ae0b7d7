#include "nabridge/base/read_file.h"

#include <fstream>
#include <iterator>

namespace nabridge {

std::string read_file_or_empty(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace nabridge
