// Reused photos: the same or a near-same picture (resized, recompressed, cropped a
// little, watermark stamped again) filed as evidence more than once.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

#include "evpack/core/types.hpp"
#include "evpack/evaluate/evaluation.hpp"

namespace evpack {

/// Hamming distance (of 64 bits) up to which two perceptual hashes count as the
/// same picture. Measured on the labelled photo set (tools/gen_photoset.py):
/// reused copies 0-8, different scenes of one kind 14 and more.
constexpr int kReuseDistance = 10;

/// All pairs (i < j) of hashes within `max_distance` of each other, sorted.
/// Entries without a hash take no part. Uses a BK-tree over the distinct hashes,
/// so the cost grows with the number of near pairs, not with n².
std::vector<std::pair<std::size_t, std::size_t>> near_duplicate_pairs(
    const std::vector<std::optional<std::uint64_t>>& hashes, int max_distance = kReuseDistance);

/// Groups of two or more entries linked by near-duplicate pairs (connected
/// components), each sorted, groups ordered by their first member.
std::vector<std::vector<std::size_t>> near_duplicate_groups(
    const std::vector<std::optional<std::uint64_t>>& hashes, int max_distance = kReuseDistance);

/// D.1 findings for photos reused across indicators, quarters or events
/// (folders): one finding per copy, each listing all copies. Groups whose files
/// are byte-identical are left to the exact-duplicate check; screenshots are
/// skipped (two captures of one web page are expected to look alike).
std::vector<Finding> find_reused_photos(const std::vector<Evidence>& evidence, int max_distance = kReuseDistance);

}  // namespace evpack
