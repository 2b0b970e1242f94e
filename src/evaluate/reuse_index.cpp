// The indexes behind reuse.cpp's candidate pairs. A BK-tree over the 64-bit
// perceptual hashes answers "every hash within d of this one" by visiting only
// subtrees whose edge distance lies in [dist - d, dist + d] (the triangle
// inequality of the Hamming metric), so 5,000 photos cost a few hundred thousand
// popcounts, not 12.5 million. Cropped copies are looked up among the window
// hashes of every photo through a multi-index (ChunkIndex), which stays fast
// where a BK-tree over 45,000 values would not.
#include "reuse_index.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <map>
#include <utility>

#include "evpack/adapters/image_ops.hpp"
#include "evpack/evaluate/reuse.hpp"

namespace evpack {

namespace {

class BkTree {
 public:
  /// Adds a hash (distinct hashes only; the caller keeps duplicates apart).
  void insert(std::uint64_t hash) {
    const int node = static_cast<int>(nodes_.size());
    nodes_.push_back({hash, {}});
    nodes_.back().children.fill(-1);
    if (node == 0) return;
    int at = 0;
    for (;;) {
      const int d = hamming_distance(hash, nodes_[static_cast<std::size_t>(at)].hash);
      int& child = nodes_[static_cast<std::size_t>(at)].children[static_cast<std::size_t>(d)];
      if (child < 0) {
        child = node;
        return;
      }
      at = child;
    }
  }

  /// Node indexes (in insertion order) within `radius` of `hash`.
  void query(std::uint64_t hash, int radius, std::vector<int>& out) const {
    out.clear();
    if (nodes_.empty()) return;
    std::vector<int> stack{0};
    while (!stack.empty()) {
      const int at = stack.back();
      stack.pop_back();
      const Node& n = nodes_[static_cast<std::size_t>(at)];
      const int d = hamming_distance(hash, n.hash);
      if (d <= radius) out.push_back(at);
      for (int k = std::max(0, d - radius); k <= std::min(64, d + radius); ++k) {
        if (n.children[static_cast<std::size_t>(k)] >= 0) stack.push_back(n.children[static_cast<std::size_t>(k)]);
      }
    }
  }

 private:
  struct Node {
    std::uint64_t hash;
    std::array<int, 65> children;
  };
  std::vector<Node> nodes_;
};

// Multi-index hashing for small radii: the 64 bits split into four 16-bit
// chunks, and two hashes within 7 bits agree on some chunk up to one bit
// (pigeonhole), so a query reads 4 x 17 buckets instead of every value; within
// 11 bits, on some chunk up to two bits (4 x 137 buckets). A BK-tree degrades
// towards all pairs on 45,000 window hashes at radius 6.
class ChunkIndex {
 public:
  static constexpr int kMaxRadius = 11;

  explicit ChunkIndex(std::vector<std::uint64_t> values) : values_(std::move(values)), seen_(values_.size(), -1) {
    for (int c = 0; c < kChunks; ++c) {
      auto& start = start_[static_cast<std::size_t>(c)];
      auto& ids = ids_[static_cast<std::size_t>(c)];
      start.assign(kBuckets + 1, 0);
      for (const std::uint64_t v : values_) ++start[chunk(v, c) + 1];
      for (std::size_t b = 0; b < kBuckets; ++b) start[b + 1] += start[b];
      ids.resize(values_.size());
      std::vector<std::uint32_t> next(start.begin(), start.end() - 1);
      for (std::size_t i = 0; i < values_.size(); ++i)
        ids[next[chunk(values_[i], c)]++] = static_cast<std::uint32_t>(i);
    }
  }

  /// Indexes (ascending) of the values within `radius` (at most kMaxRadius) of `hash`.
  void query(std::uint64_t hash, int radius, std::vector<std::size_t>& out) {
    out.clear();
    ++stamp_;
    const int flips = radius / kChunks;  // bits some chunk differs by at most
    for (int c = 0; c < kChunks; ++c) {
      const std::uint32_t v = chunk(hash, c);
      visit(c, v, hash, radius, out);
      for (int bit = 0; bit < kChunkBits && flips >= 1; ++bit) {
        visit(c, v ^ (1U << bit), hash, radius, out);
        for (int other = bit + 1; other < kChunkBits && flips >= 2; ++other) {
          visit(c, v ^ (1U << bit) ^ (1U << other), hash, radius, out);
        }
      }
    }
    std::sort(out.begin(), out.end());
  }

 private:
  static constexpr int kChunks = 4;
  static constexpr int kChunkBits = 16;
  static constexpr std::size_t kBuckets = std::size_t{1} << kChunkBits;

  static std::uint32_t chunk(std::uint64_t v, int c) {
    return static_cast<std::uint32_t>((v >> (c * kChunkBits)) & (kBuckets - 1));
  }

  void visit(int c, std::uint32_t bucket, std::uint64_t hash, int radius, std::vector<std::size_t>& out) {
    const auto& start = start_[static_cast<std::size_t>(c)];
    const auto& ids = ids_[static_cast<std::size_t>(c)];
    for (std::uint32_t k = start[bucket]; k < start[bucket + 1]; ++k) {
      const std::uint32_t i = ids[k];
      if (seen_[i] == stamp_) continue;
      seen_[i] = stamp_;
      if (hamming_distance(hash, values_[i]) <= radius) out.push_back(i);
    }
  }

  std::vector<std::uint64_t> values_;
  std::array<std::vector<std::uint32_t>, kChunks> start_;
  std::array<std::vector<std::uint32_t>, kChunks> ids_;
  std::vector<long> seen_;
  long stamp_ = 0;
};

static_assert(ChunkIndex::kMaxRadius == reuse_index::kMaxWindowRadius);

}  // namespace

std::vector<std::pair<std::size_t, std::size_t>> near_duplicate_pairs(
    const std::vector<std::optional<std::uint64_t>>& hashes, int max_distance) {
  // Identical hashes share one tree node; their entries are listed per node.
  std::map<std::uint64_t, int> node_of;
  std::vector<std::vector<std::size_t>> members;
  BkTree tree;
  for (std::size_t i = 0; i < hashes.size(); ++i) {
    if (!hashes[i]) continue;
    auto [it, added] = node_of.emplace(*hashes[i], static_cast<int>(members.size()));
    if (added) {
      tree.insert(*hashes[i]);
      members.emplace_back();
    }
    members[static_cast<std::size_t>(it->second)].push_back(i);
  }
  std::vector<std::pair<std::size_t, std::size_t>> pairs;
  std::vector<int> near;
  for (const auto& [hash, node] : node_of) {
    tree.query(hash, max_distance, near);
    for (const int other : near) {
      if (other < node) continue;  // each node pair once (and a node with itself)
      for (const std::size_t a : members[static_cast<std::size_t>(node)]) {
        for (const std::size_t b : members[static_cast<std::size_t>(other)]) {
          if (other == node && b <= a) continue;
          pairs.emplace_back(std::min(a, b), std::max(a, b));
        }
      }
    }
  }
  std::sort(pairs.begin(), pairs.end());
  return pairs;
}

namespace reuse_index {

// Pairs (i < j) where the hash `key` of one lies within `radius` of one of the
// hashes `windows` of the other, sorted: the whole-picture hash against the window
// hashes (a cropped copy), or the core hash against the core windows (a copy
// cropped and stamped again).
std::vector<std::pair<std::size_t, std::size_t>> window_pairs(const std::vector<const PhotoFacts*>& photos, int radius,
                                                              std::optional<std::uint64_t> PhotoFacts::*key,
                                                              std::vector<std::uint64_t> PhotoFacts::*window_list) {
  std::vector<std::uint64_t> windows;
  std::vector<std::size_t> owner;
  for (std::size_t i = 0; i < photos.size(); ++i) {
    if (photos[i] == nullptr || !photos[i]->phash) continue;
    for (const std::uint64_t w : photos[i]->*window_list) {
      windows.push_back(w);
      owner.push_back(i);
    }
  }
  ChunkIndex index(std::move(windows));
  std::vector<std::pair<std::size_t, std::size_t>> pairs;
  std::vector<std::size_t> near;
  for (std::size_t i = 0; i < photos.size(); ++i) {
    if (photos[i] == nullptr || !photos[i]->phash || !(photos[i]->*key)) continue;
    index.query(*(photos[i]->*key), radius, near);
    for (const std::size_t k : near) {
      if (owner[k] != i) pairs.emplace_back(std::min(i, owner[k]), std::max(i, owner[k]));
    }
  }
  std::sort(pairs.begin(), pairs.end());
  pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
  return pairs;
}

}  // namespace reuse_index

}  // namespace evpack
