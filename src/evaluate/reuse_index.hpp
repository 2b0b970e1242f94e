// The window-hash lookup of reuse.cpp (reuse_index.cpp); near_duplicate_pairs,
// the BK-tree lookup, is declared in evpack/evaluate/reuse.hpp.
#pragma once

#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

#include "evpack/inspect/inspection.hpp"

namespace evpack::reuse_index {

/// The largest radius window_pairs answers (two differing bits per quarter of the hash).
inline constexpr int kMaxWindowRadius = 11;

/// Pairs (i < j) where the hash `key` of one lies within `radius` (at most
/// kMaxWindowRadius) of one of the hashes `window_list` of the other, sorted: the
/// whole-picture hash against the window hashes (a cropped copy), or the core hash
/// against the core windows (a copy cropped and stamped again).
std::vector<std::pair<std::size_t, std::size_t>> window_pairs(const std::vector<const PhotoFacts*>& photos, int radius,
                                                              std::optional<std::uint64_t> PhotoFacts::*key,
                                                              std::vector<std::uint64_t> PhotoFacts::*window_list);

}  // namespace evpack::reuse_index
