#pragma once
// Portable random numbers: std::mt19937_64 is fully specified by the standard, but the
// distributions are not, so NaBridge converts raw 64-bit draws itself. The same seed then gives
// bit-identical runs with every standard library.
#include <cstdint>
#include <random>

namespace nabridge::upscale {

/// Uniform in [0, 1) with 53 random bits.
inline double uniform01(std::mt19937_64& g) { return static_cast<double>(g() >> 11) * 0x1.0p-53; }
/// Uniform in (0, 1]: safe for −log(u) waiting times.
inline double uniform01_open0(std::mt19937_64& g) { return (static_cast<double>(g() >> 11) + 1.0) * 0x1.0p-53; }
/// Uniform integer in [0, n) by rejection of the biased tail (n > 0).
inline std::uint64_t uniform_index(std::mt19937_64& g, std::uint64_t n) {
  const std::uint64_t limit = UINT64_MAX - UINT64_MAX % n;
  std::uint64_t x;
  do x = g();
  while (x >= limit);
  return x % n;
}
/// SplitMix64 (Steele, Lea & Flood, OOPSLA 2014): derives independent stream seeds from one seed.
inline std::uint64_t splitmix64(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

}  // namespace nabridge::upscale
