#pragma once
// FNV-1a, 64 bit: a fast, stable, non-cryptographic digest for telling names apart and for
// noticing that an input changed (figure redraws). Never for security: task keys use SHA-256.
#include <cstdint>
#include <string_view>

namespace nabridge {

inline constexpr std::uint64_t kFnv1aOffset64 = 14695981039346656037ull;

/// Digest of `bytes`, continuing from `h` (pass the previous result to digest several pieces).
std::uint64_t fnv1a_64(std::string_view bytes, std::uint64_t h = kFnv1aOffset64);

}  // namespace nabridge
