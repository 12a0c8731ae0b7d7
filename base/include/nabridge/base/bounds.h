#pragma once
// Start values of running minima and maxima (over energies, lengths, coordinates): above (below)
// every value they are compared with, yet finite, so arithmetic on an untouched one stays defined.
namespace nabridge {

inline constexpr double kRunningMinStart = 1e300;
inline constexpr double kRunningMaxStart = -1e300;

}  // namespace nabridge
