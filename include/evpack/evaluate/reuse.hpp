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
#include "evpack/inspect/inspection.hpp"

namespace evpack {

/// Hamming distance (of 64 bits) up to which two perceptual hashes may be the
/// same picture. Measured on the labelled photo set (tools/gen_photoset.py, 381
/// photos): reused copies 0-16 (5 % crops the furthest), different scenes that
/// share a layout from 8 on, so the colour grids decide (kReuseColourDifference).
constexpr int kReuseDistance = 12;

/// Mean difference (0..255) of two colour grids (PhotoFacts::colour_grid) up to
/// which two photos with near hashes are the same picture. Measured on the same
/// set: reused copies 0-6.8 (all but one 5 % crop under 5.7), different scenes
/// with hashes within 16 bits 6.0 and more (within 12 bits: 7.1 and more).
constexpr double kReuseColourDifference = 6.5;

/// Hamming distance up to which one photo's whole-picture hash and a window hash
/// (PhotoFacts::window_hashes) of another make it a cropped copy. Measured on the
/// labelled sets of seeds 4-6 (1,110 photos): 5 % crops 0-5 (their whole-picture
/// hashes up to 18 apart), different scenes 3 and more, but those within 6 differ
/// in colour by 10 and more.
constexpr int kReuseWindowDistance = 6;

/// Colour grid difference allowed on the cropped-copy path: the grids of a crop
/// and its original are a little out of register. Measured on the same sets:
/// crops up to 7.4, different scenes whose window hashes are within 6: 10.1 and more.
constexpr double kReuseCropColourDifference = 8.5;

/// Correlation of the two previews (PhotoFacts::preview, gray, 48x48, the better
/// of the whole pictures and of either one's 95 % windows against the other)
/// that a pair passing the hash and colour tests must reach. It tells apart two
/// photos of one scene template with objects elsewhere, which pass those tests.
/// Measured on the labelled sets of seeds 4-9 (2,231 photos): reused copies
/// 0.960 and more; the five different pictures that passed the hash and colour
/// tests 0.905 at most.
constexpr double kReuseCorrelation = 0.93;

/// Hamming distance up to which the core hashes (PhotoFacts::core_hash) of two
/// photos make them candidates for one photo stamped again by another watermark app
/// (another style in another corner, which moves the whole-picture hash 10-25 bits).
/// Measured on the labelled sets (tools/gen_photoset.py 300-4 and 200-11 with
/// --cross-restamp, the tune-1 and tune-2 archives: 928 photos): such copies 0-1
/// bits apart.
constexpr int kReuseCoreDistance = 10;

/// Correlation of the middles of the two previews (watermark_free_core, gray,
/// 48x48) that a core candidate must reach. Measured on the same sets: copies
/// stamped again 1.000; different photos within kReuseCoreDistance up to 0.971
/// (two scenes drawn alike, another light: colour difference 11.6), up to 0.942
/// among those whose colours agree within kReuseCoreColourDifference.
constexpr double kReuseCoreCorrelation = 0.97;

/// Mean colour difference (0..255) of the 3x3 grids over the two middles up to
/// which a core candidate is one photo: scenes drawn alike in another light
/// correlate in gray. Measured on the same sets: copies of one photo within
/// kReuseCoreDistance 2.3 at most; the different photos that pass the correlation 11.6.
constexpr double kReuseCoreColourDifference = 5.0;

/// Hamming distance up to which one photo's core hash and a core window hash
/// (PhotoFacts::core_window_hashes) of another make the pair a candidate for one
/// photo cropped up to about a tenth and stamped again by another app (whose panel
/// may reach into the middle). Measured on hold-out sets 1003 and 1004 (326 photos):
/// such copies 1-8 bits apart, but for one whose new panel covers a third of the
/// middle (17); 60-90 pairs of different photos per set lie within 8 too, so a
/// candidate stands only when the registered previews agree (AlignedAgreement).
constexpr int kReuseCoreWindowDistance = 8;

/// Registering the previews (PhotoFacts::preview, 240 px) of a candidate pair:
/// ORB features matched and a similarity transform found by RANSAC, with at least
/// kReuseAlignMinInliers features agreeing, turned at most kReuseAlignMaxTurn
/// degrees and scaled within [kReuseAlignMinScale, kReuseAlignMaxScale] (a crop of
/// up to a fifth of each side; resized copies compare at one scale since previews
/// share their size).
constexpr int kReuseAlignMinInliers = 20;
constexpr double kReuseAlignMaxTurn = 1.0;
constexpr double kReuseAlignMinScale = 0.8;
constexpr double kReuseAlignMaxScale = 1.25;
/// The registered previews, shrunk by kReuseAlignShrink (area averaging: a quarter
/// pixel of misregistration and JPEG noise average out; halving left the copies'
/// agreeing shares at 0.22-0.53 where a quarter gives 0.69-0.73), are compared over
/// a grid of kReuseAlignGrid x kReuseAlignGrid blocks of the first; at least
/// kReuseAlignMinBlocks must lie within the second.
constexpr int kReuseAlignShrink = 4;
constexpr int kReuseAlignGrid = 8;
constexpr int kReuseAlignMinBlocks = 12;
/// A block agrees when its pixels differ by at most this mean (0..255, over pixels
/// and channels). One photo: the blocks its stamps leave free agree (JPEG and
/// resampling noise: 0.5-2); another photo of the same scene does not.
constexpr double kReuseAlignBlockDifference = 3.0;
/// Share of the blocks that must agree. Measured on hold-out sets 1003 and 1004
/// (every pair of photos registered): copies (resized, recompressed, cropped,
/// stamped again) 0.57-1.00 but for the copy whose new panel covers a third of the
/// picture (0.28, missed); different photos 0.39 at most, and those also within
/// kReuseAlignColourShift 0.21 at most.
constexpr double kReuseAlignAgreeingShare = 0.5;
/// Largest median shift (per channel, 0..255, over the blocks within twice
/// kReuseAlignBlockDifference) up to which the two are one exposure: a copy keeps
/// its colours (0.0-1.8 measured on hold-out sets 1003 and 1004, a copy recompressed
/// at quality 40-60 the most), while two crops of one scene in another light or
/// colour balance shift 2.05 and more (those under 2.7 agree in under 0.4 of the
/// blocks).
constexpr double kReuseAlignColourShift = 2.2;

/// The previews of two photos compared once registered (see the constants above).
struct AlignedAgreement {
  bool aligned = false;  ///< a transform was found
  int inliers = 0;       ///< features agreeing with it
  double scale = 0;      ///< size of the second's pixels against the first's
  double rotation_degrees = 0;
  int blocks = 0;             ///< blocks of the first's grid that lie within the second
  int agreeing = 0;           ///< of them, those within kReuseAlignBlockDifference
  double colour_shift = 255;  ///< largest per-channel median shift over the near blocks
  /// Whether the two are one photo: every threshold above met.
  bool same_photo() const;
};

/// The registered comparison of two photos' previews; not aligned when either
/// preview is missing or unreadable or no transform is found. For measuring the
/// kReuseAlign constants, and what reused_photo_pairs confirms a pair with when
/// its other tests fail.
AlignedAgreement aligned_agreement(const PhotoFacts& a, const PhotoFacts& b);

/// Pairs (i < j), sorted, where one's core hash lies within kReuseCoreWindowDistance
/// of a core window hash of the other: the candidates for a copy cropped and stamped
/// again. A multi-index over the windows (75 a photo), so the cost grows with the
/// number of near pairs, not with n². Null entries and photos without a hash take no part.
std::vector<std::pair<std::size_t, std::size_t>> core_window_candidates(const std::vector<const PhotoFacts*>& photos);

/// Correlation of the middles (watermark_free_core) of two photos' previews as
/// reused_photo_pairs compares them; nullopt when either preview is missing or
/// unreadable. For measuring kReuseCoreCorrelation.
std::optional<double> core_correlation(const PhotoFacts& a, const PhotoFacts& b);

/// Mean difference (0..255) of the 3x3 colour grids over the middles of two
/// photos' previews; 255 when either is missing. For measuring
/// kReuseCoreColourDifference.
double core_colour_difference(const PhotoFacts& a, const PhotoFacts& b);

/// Mean absolute difference of two colour grids; 0 when either is missing.
double colour_difference(const std::vector<std::uint8_t>& a, const std::vector<std::uint8_t>& b);

/// Pairs (i < j) of photos that show the same picture, sorted: perceptual hashes
/// within `max_distance` (near_duplicate_pairs) and colour grids within
/// kReuseColourDifference, or one's hash within kReuseWindowDistance of a window
/// hash of the other and colour grids within kReuseCropColourDifference (a copy
/// cropped a little); then, when both have a preview, the previews correlate to
/// kReuseCorrelation. Or, for one photo stamped again by another app, core hashes
/// within kReuseCoreDistance and the middles of the previews correlating to
/// kReuseCoreCorrelation. Or, for a copy cropped more and stamped again, one's
/// core hash within kReuseCoreWindowDistance of a core window hash of the other.
/// Every pair so found must then pass a second, independent test before it
/// stands: its registered previews agree (AlignedAgreement::same_photo). Pairs
/// without readable previews are decided by the hash tests alone, except core
/// window candidates, which need the previews. Null entries and photos without a
/// hash take no part.
std::vector<std::pair<std::size_t, std::size_t>> reused_photo_pairs(const std::vector<const PhotoFacts*>& photos,
                                                                    int max_distance = kReuseDistance);

/// All pairs (i < j) of hashes within `max_distance` of each other, sorted.
/// Entries without a hash take no part. Uses a BK-tree over the distinct hashes,
/// so the cost grows with the number of near pairs, not with n².
std::vector<std::pair<std::size_t, std::size_t>> near_duplicate_pairs(
    const std::vector<std::optional<std::uint64_t>>& hashes, int max_distance = kReuseDistance);

/// Groups of two or more entries linked by near-duplicate pairs (connected
/// components), each sorted, groups ordered by their first member.
std::vector<std::vector<std::size_t>> near_duplicate_groups(const std::vector<std::optional<std::uint64_t>>& hashes,
                                                            int max_distance = kReuseDistance);

/// D.1 findings for photos reused across indicators, quarters or events
/// (folders): one finding per copy, each listing all copies. Groups whose files
/// are byte-identical are left to the exact-duplicate check; screenshots are
/// skipped (two captures of one web page are expected to look alike).
std::vector<Finding> find_reused_photos(const std::vector<Evidence>& evidence, int max_distance = kReuseDistance);

}  // namespace evpack
