// Capture zones of the mesoscale simulator: every bare cell belongs to its nearest Na-covered
// cell (8-neighbour chamfer distance, periodic), which captures its adatoms, and so to the zone
// of that cell's cluster of covered cells (one island or several grown together). Kept up to
// date after every step that changed the set of covered cells: extended from the newly covered
// cells while cells are only added and few of them (plating), rebuilt over the whole map
// otherwise.
#include <algorithm>
#include <limits>

#include "mesoscale_impl.h"

namespace nabridge::upscale {

namespace {
/// Distance transform: the candidate (dc, nc) replaces (d, n) only when strictly closer. The
/// choice is made with a mask, not a branch: on a map of scattered islands the comparison goes
/// either way at random, and as a branch it mispredicts (the compiler branches on `?:` here).
[[gnu::always_inline]] inline void take_if_closer(float dc, std::int32_t nc, float& d, std::int32_t& n) {
  const std::int32_t closer = -static_cast<std::int32_t>(dc < d);
  n = (nc & closer) | (n & ~closer);
  d = dc < d ? dc : d;
}

constexpr float kStraight = 1.0f, kDiagonal = 1.41421356f;  // chamfer steps (cells)
}  // namespace

void MesoscaleSimulator::Impl::update_capture_zones() {
  // Extending costs a queue entry per cell that changes zone, about ten times a raster pass's
  // cost per cell (measured at 10⁶ cells): worth it while the new cells' zones (about the map's
  // share per covered cell each) are under a tenth of the map.
  const bool few_new = 12 * newly_covered.size() <= covered_cells + newly_covered.size();
  const bool extended = zones_built && !covered_cell_lost && few_new && extend_capture_zones();
  if (!extended) rebuild_capture_zones();
  newly_covered.clear();
  covered_cell_lost = false;
  covered_set_changed = false;
  zone_coverage_current = false;
}

bool MesoscaleSimulator::Impl::extend_capture_zones() {
  label_new_cells();
  return grow_zones_from_new_cells(n_cells / 10);
}

// A new cell joins the cluster of its covered 4-neighbours, or starts one. A new cell that
// touches several clusters merges them: the smaller takes the larger's label (cell by cell, so
// that each cell is relabelled O(log n) times over a run) and its zone cells go with it. The
// new cell carries its label from the first neighbour on, so that a cluster joined only through
// it is relabelled whole. Merged labels stay as empty clusters until the next rebuild.
void MesoscaleSimulator::Impl::label_new_cells() {
  for (const std::int32_t c : newly_covered) {
    for (const std::int32_t k : neighbours4(c)) {
      const std::int32_t label = cluster_of[c], r = cluster_of[k];  // −1: uncovered, or new and not labelled yet
      if (r < 0 || r == label) continue;
      if (label < 0) {
        cluster_of[c] = r;
        continue;
      }
      const bool keep_label = cluster_cells[label] >= cluster_cells[r];
      const std::int32_t keep = keep_label ? label : r, gone = keep_label ? r : label;
      relabel_cluster(keep_label ? k : c, gone, keep);
      zone_cells[keep] += zone_cells[gone], zone_cells[gone] = 0;
      cluster_cells[keep] += cluster_cells[gone], cluster_cells[gone] = 0;
    }
    if (cluster_of[c] < 0) {
      cluster_of[c] = static_cast<std::int32_t>(n_clusters++);
      zone_cells.push_back(0);
      cluster_cells.push_back(0);
    }
    ++cluster_cells[cluster_of[c]];
  }
}

// Flood fill over the 4-connected cells labelled `from`, starting at cell `start`.
void MesoscaleSimulator::Impl::relabel_cluster(std::int32_t start, std::int32_t from, std::int32_t to) {
  auto& stack = relabel_stack;
  stack.assign(1, start);
  cluster_of[start] = to;
  while (!stack.empty()) {
    const std::int32_t i = stack.back();
    stack.pop_back();
    for (const std::int32_t k : neighbours4(i))
      if (cluster_of[k] == from) cluster_of[k] = to, stack.push_back(k);
  }
}

// Dijkstra from the new cells over the chamfer steps: a cell moves to a new cell's zone only when
// strictly closer to it (ties stay with the old covered cell). Every step is at least one cell,
// so cells whose distances lie in one [b, b+1) cannot lower one another: the queue is a bucket
// per whole distance, taken in order (Dial's algorithm). False when more than `budget` cells
// were settled (the caller rebuilds).
bool MesoscaleSimulator::Impl::grow_zones_from_new_cells(std::size_t budget) {
  float* dist = distance_cells.data();
  std::int32_t* nearest = nearest_covered.data();
  auto& buckets = zone_front;
  auto move_to_zone = [&](std::int32_t j, float d, std::int32_t n) {
    if (nearest[j] >= 0) --zone_cells[cluster_of[nearest[j]]];
    ++zone_cells[cluster_of[n]];
    dist[j] = d, nearest[j] = n;
    const auto b = static_cast<std::size_t>(d);
    if (b >= buckets.size()) buckets.resize(b + 1);
    buckets[b].push_back({d, j});
  };
  for (const std::int32_t c : newly_covered) move_to_zone(c, 0.0f, c);
  bool within_budget = true;
  for (std::size_t b = 0; b < buckets.size(); ++b) {
    for (std::size_t e = 0; e < buckets[b].size() && within_budget; ++e) {
      const auto [d, i] = buckets[b][e];
      if (d > dist[i]) continue;  // reached more closely since it was queued
      within_budget = budget-- > 0;
      const Around a = around(i);
      for (const std::int32_t j : {a.row + a.right, a.row + a.left, a.down + a.x, a.up + a.x})
        if (d + kStraight < dist[j]) move_to_zone(j, d + kStraight, nearest[i]);
      for (const std::int32_t j : {a.down + a.right, a.down + a.left, a.up + a.right, a.up + a.left})
        if (d + kDiagonal < dist[j]) move_to_zone(j, d + kDiagonal, nearest[i]);
    }
    buckets[b].clear();
  }
  return within_budget;
}

// The full rebuild: cluster labels, then the distance transform in two raster passes. Each pass relaxes a cell from its neighbour in the same row (the one just done) and from the
// three in the row before, in that order; a candidate replaces the cell's value only when
// strictly closer, so the first of equally close candidates wins. The three from the row before
// do not depend on the row being done: their best (again the first of equals) is found for the
// whole row at once, independent from cell to cell, and each cell then takes the better of its
// in-row candidate and that one (the same choice as relaxing the four in turn, one after another).
void MesoscaleSimulator::Impl::rebuild_capture_zones() {
  const int nx = map.nx, ny = map.ny;
  const auto& covered = state.covered;
  n_clusters = detail::label_clusters(covered, nx, ny, cluster_of, cluster_parent);
  zone_cells.assign(n_clusters, 0);
  cluster_cells.assign(n_clusters, 0);
  zones_built = true;

  constexpr float inf = std::numeric_limits<float>::infinity();
  const float d1 = kStraight, d2 = kDiagonal;
  float* dist = distance_cells.data();
  std::int32_t* nearest = nearest_covered.data();
  row_best_distance.resize(nx);
  row_best_nearest.resize(nx);
  float* best_d = row_best_distance.data();
  std::int32_t* best_n = row_best_nearest.data();
  // Before the forward pass reaches a row: 0 and itself on covered cells, none elsewhere.
  auto start_row = [&](std::size_t row) {
    for (int x = 0; x < nx; ++x) {
      const std::size_t i = row + x;
      dist[i] = covered[i] ? 0.0f : inf;
      nearest[i] = covered[i] ? static_cast<std::int32_t>(i) : -1;
      if (covered[i]) ++cluster_cells[cluster_of[i]];
    }
  };
  // Best of the three cells of row `other` at x + dx, x, x − dx (periodic), in that order.
  auto best_of_row = [nx, d1, d2, best_d, best_n](const float* __restrict row_d, const std::int32_t* __restrict row_n, int dx) {
    auto one = [&](int x, int a, int c) {
      float d = row_d[a] + d2;
      std::int32_t n = row_n[a];
      take_if_closer(row_d[x] + d1, row_n[x], d, n);
      take_if_closer(row_d[c] + d2, row_n[c], d, n);
      best_d[x] = d, best_n[x] = n;
    };
    one(0, (dx + nx) % nx, (nx - dx) % nx);
    for (int x = 1; x < nx - 1; ++x) one(x, x + dx, x - dx);  // independent from cell to cell
    one(nx - 1, (nx - 1 + dx) % nx, (nx - 1 - dx + nx) % nx);
  };
  // Relaxes the cells of a row in the order first, first + step, ... from their in-row neighbour
  // just done (the first one's: the row's other end, not yet done in this pass), then from the
  // row's best at x. A covered cell (distance 0) keeps its value: no candidate is closer.
  auto relax_row = [&](std::size_t row, int first, int step) {
    const std::size_t before = row + static_cast<std::size_t>((first - step + nx) % nx);
    float d_prev = dist[before];
    std::int32_t n_prev = nearest[before];
    for (int k = 0, x = first; k < nx; ++k, x += step) {
      const std::size_t i = row + x;
      float d = dist[i];
      std::int32_t n = nearest[i];
      take_if_closer(d_prev + d1, n_prev, d, n);
      take_if_closer(best_d[x], best_n[x], d, n);
      dist[i] = d, nearest[i] = n;
      d_prev = d, n_prev = n;
    }
  };
  const std::size_t last_row = static_cast<std::size_t>(ny - 1) * nx;
  start_row(last_row);  // the first row's row before
  for (int y = 0; y < ny; ++y) {  // forward: left, then up-left, up, up-right
    const std::size_t row = static_cast<std::size_t>(y) * nx, up = static_cast<std::size_t>((y + ny - 1) % ny) * nx;
    if (row != last_row) start_row(row);
    best_of_row(dist + up, nearest + up, -1);
    relax_row(row, 0, +1);
  }
  for (int y = ny - 1; y >= 0; --y) {  // backward: right, then down-right, down, down-left
    const std::size_t row = static_cast<std::size_t>(y) * nx, down = static_cast<std::size_t>((y + 1) % ny) * nx;
    best_of_row(dist + down, nearest + down, +1);
    relax_row(row, nx - 1, -1);
    for (int x = 0; x < nx; ++x)  // the row is final: count its cells into their zones
      if (nearest[row + x] >= 0) ++zone_cells[cluster_of[nearest[row + x]]];
  }
}

}  // namespace nabridge::upscale
