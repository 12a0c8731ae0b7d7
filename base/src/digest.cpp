#include "nabridge/base/digest.h"

namespace nabridge {

std::uint64_t fnv1a_64(std::string_view bytes, std::uint64_t h) {
  for (const char c : bytes) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
  return h;
}

}  // namespace nabridge
