#include "core/safe_name.h"

#include <fmt/format.h>

#include <cstdint>

#include "nabridge/base/digest.h"

namespace nabridge {

namespace {

bool plain(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
         c == '+' || c == '-';
}

}  // namespace

std::string safe_file_stem(const std::string& name) {
  constexpr std::size_t kMaxChars = 120;
  std::string stem;
  bool mapped = name.size() > kMaxChars || name.empty() || name == "." || name == "..";
  for (const char c : name.substr(0, kMaxChars)) {
    if (c == '/') stem += '_';
    else if (c == '@') stem += '-';
    else if (plain(c)) stem += c;
    else stem += '_', mapped = true;
  }
  if (stem.find("..") != std::string::npos) mapped = true;
  return mapped ? fmt::format("{}_{:08x}", stem, static_cast<std::uint32_t>(fnv1a_64(name))) : stem;
}

}  // namespace nabridge
