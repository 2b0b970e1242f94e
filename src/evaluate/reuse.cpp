// Reused photos. A BK-tree over the 64-bit perceptual hashes answers "every hash
// within d of this one" by visiting only subtrees whose edge distance lies in
// [dist - d, dist + d] (the triangle inequality of the Hamming metric), so 5,000
// photos cost a few hundred thousand popcounts, not 12.5 million.
#include "evpack/evaluate/reuse.hpp"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <map>
#include <numeric>
#include <set>
#include <string>

#include "evpack/adapters/image_ops.hpp"

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

int find_root(std::vector<std::size_t>& parent, std::size_t i) {
  while (parent[i] != i) {
    parent[i] = parent[parent[i]];
    i = parent[i];
  }
  return static_cast<int>(i);
}

std::string join(const std::vector<std::string>& parts, const std::string& sep) {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : sep) + p;
  return out;
}

// The folder a file sits in: one event or item per folder.
std::string folder_of(const std::string& rel_path) {
  const auto slash = rel_path.rfind('/');
  return slash == std::string::npos ? std::string() : rel_path.substr(0, slash);
}

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

double colour_difference(const std::vector<std::uint8_t>& a, const std::vector<std::uint8_t>& b) {
  if (a.empty() || a.size() != b.size()) return 0;
  double sum = 0;
  for (std::size_t i = 0; i < a.size(); ++i) sum += std::abs(static_cast<int>(a[i]) - static_cast<int>(b[i]));
  return sum / static_cast<double>(a.size());
}

std::vector<std::pair<std::size_t, std::size_t>> reused_photo_pairs(const std::vector<const PhotoFacts*>& photos,
                                                                    int max_distance) {
  std::vector<std::optional<std::uint64_t>> hashes(photos.size());
  for (std::size_t i = 0; i < photos.size(); ++i) {
    if (photos[i] != nullptr) hashes[i] = photos[i]->phash;
  }
  auto pairs = near_duplicate_pairs(hashes, max_distance);
  std::erase_if(pairs, [&](const auto& p) {
    return colour_difference(photos[p.first]->colour_grid, photos[p.second]->colour_grid) > kReuseColourDifference;
  });
  return pairs;
}

namespace {

// Connected components of `pairs` over `n` entries, as near_duplicate_groups returns them.
std::vector<std::vector<std::size_t>> groups_of(std::size_t n, const std::vector<std::pair<std::size_t, std::size_t>>& pairs) {
  std::vector<std::size_t> parent(n);
  std::iota(parent.begin(), parent.end(), std::size_t{0});
  for (const auto& [a, b] : pairs) {
    const auto ra = static_cast<std::size_t>(find_root(parent, a));
    const auto rb = static_cast<std::size_t>(find_root(parent, b));
    if (ra != rb) parent[std::max(ra, rb)] = std::min(ra, rb);
  }
  std::map<std::size_t, std::vector<std::size_t>> by_root;
  for (const auto& [a, b] : pairs) {
    for (const std::size_t i : {a, b}) by_root[static_cast<std::size_t>(find_root(parent, i))].push_back(i);
  }
  std::vector<std::vector<std::size_t>> groups;
  for (auto& [root, group] : by_root) {
    std::sort(group.begin(), group.end());
    group.erase(std::unique(group.begin(), group.end()), group.end());
    if (group.size() >= 2) groups.push_back(std::move(group));
  }
  return groups;  // members ascending; groups by first member since the root is the smallest
}

}  // namespace

std::vector<std::vector<std::size_t>> near_duplicate_groups(const std::vector<std::optional<std::uint64_t>>& hashes,
                                                            int max_distance) {
  return groups_of(hashes.size(), near_duplicate_pairs(hashes, max_distance));
}

std::vector<Finding> find_reused_photos(const std::vector<Evidence>& evidence, int max_distance) {
  std::vector<const PhotoFacts*> photos(evidence.size(), nullptr);
  for (std::size_t i = 0; i < evidence.size(); ++i) {
    const auto& photo = evidence[i].inspection.photo;
    if (photo && photo->phash && !photo->screenshot && !evidence[i].placement.guide) photos[i] = &*photo;
  }
  std::vector<Finding> out;
  for (const auto& group : groups_of(evidence.size(), reused_photo_pairs(photos, max_distance))) {
    std::set<std::string> digests;
    std::set<std::string> indicators;
    std::set<std::string> folders;
    std::set<int> quarters;
    std::vector<std::string> paths;
    for (const std::size_t i : group) {
      const Evidence& e = evidence[i];
      digests.insert(e.file.sha256.empty() ? e.file.rel_path : e.file.sha256);
      indicators.insert(e.placement.indicator);
      folders.insert(folder_of(e.file.rel_path));
      const auto& date = e.inspection.date.value;
      quarters.insert(date && date->date.valid() ? date->date.quarter() : e.placement.quarter_hint);
      paths.push_back(e.file.rel_path);
    }
    if (digests.size() < 2) continue;  // byte-identical copies: the exact-duplicate check reports them
    std::string how;
    if (indicators.size() > 1) {
      how = "用于不同指标";
    } else if (quarters.size() > 1) {
      how = "用于不同季度";
    } else if (folders.size() > 1) {
      how = "用于不同活动";
    } else {
      continue;  // several shots of one event in its own folder: a burst, not reuse
    }
    const std::string list = join(paths, "；");
    for (const std::size_t i : group) {
      const Evidence& e = evidence[i];
      out.push_back({"D1_PHOTO_REUSED", Severity::Warning, "D.1", e.file.rel_path, e.placement.indicator,
                     "疑似同一张照片（缩放、裁剪、重新压缩或重打水印）" + how + "，共" + std::to_string(group.size()) +
                         "处：" + list,
                     "每项活动、每个季度应提供各自现场拍摄的照片；确属同一活动的，只保留一处"});
    }
  }
  return out;
}

}  // namespace evpack
