// Reused photos: candidate pairs from the hash indexes (reuse_index.cpp), each
// confirmed before any D.1 by the previews (correlation, then the registered
// comparison), then grouped and reported unless they are a burst of one event.
#include "evpack/evaluate/reuse.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>
#include <iterator>
#include <map>
#include <numeric>
#include <set>
#include <string>

#include "evpack/adapters/image_codec.hpp"
#include "evpack/adapters/image_ops.hpp"
#include "evpack/adapters/picture_match.hpp"
#include "reuse_index.hpp"

namespace evpack {

namespace {

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

double colour_difference(const std::vector<std::uint8_t>& a, const std::vector<std::uint8_t>& b) {
  if (a.empty() || a.size() != b.size()) return 0;
  double sum = 0;
  for (std::size_t i = 0; i < a.size(); ++i) sum += std::abs(static_cast<int>(a[i]) - static_cast<int>(b[i]));
  return sum / static_cast<double>(a.size());
}

namespace {

// Mean absolute difference (0..255, over pixels and channels) and mean signed
// difference per channel (b - a) of one block of two images of the same shape.
struct BlockDifference {
  double absolute = 0;
  std::array<double, 3> signed_means{};
};

BlockDifference block_difference(const RasterImage& a, const RasterImage& b, int x0, int y0, int x1, int y1) {
  BlockDifference out;
  const int c = a.channels;
  double total = 0;
  std::array<double, 3> sums{};
  for (int y = y0; y < y1; ++y) {
    const std::uint8_t* pa = &a.pixels[(static_cast<std::size_t>(y) * a.width + x0) * c];
    const std::uint8_t* pb = &b.pixels[(static_cast<std::size_t>(y) * b.width + x0) * c];
    for (int k = 0; k < (x1 - x0) * c; ++k) {
      const int d = static_cast<int>(pb[k]) - static_cast<int>(pa[k]);
      total += std::abs(d);
      sums[static_cast<std::size_t>(k % c)] += d;
    }
  }
  const double pixels = static_cast<double>(x1 - x0) * (y1 - y0);
  out.absolute = total / (pixels * c);
  for (int k = 0; k < c && k < 3; ++k)
    out.signed_means[static_cast<std::size_t>(k)] = sums[static_cast<std::size_t>(k)] / pixels;
  return out;
}

double median_of(std::vector<double> values) {
  if (values.empty()) return 0;
  const auto mid = values.begin() + static_cast<std::ptrdiff_t>(values.size() / 2);
  std::nth_element(values.begin(), mid, values.end());
  return *mid;
}

// The registered comparison behind aligned_agreement: b is registered on a by
// their corner features, seen on a's grid, both are shrunk by kReuseAlignShrink
// (area averaging, so JPEG noise and a sub-pixel misregistration average out) and
// compared block by block over kReuseAlignGrid x kReuseAlignGrid blocks of a. A
// block counts when it lies wholly within b.
AlignedAgreement compare_aligned(const RasterImage& a, const PictureFeatures& fa, const RasterImage& b,
                                 const PictureFeatures& fb) {
  AlignedAgreement out;
  auto alignment = align_pictures(fa, fb);
  if (!alignment) return out;
  out.aligned = true;
  out.inliers = alignment->inliers;
  out.scale = alignment->scale();
  out.rotation_degrees = alignment->rotation_degrees();
  if (out.inliers < kReuseAlignMinInliers || std::abs(out.rotation_degrees) > kReuseAlignMaxTurn ||
      out.scale < kReuseAlignMinScale || out.scale > kReuseAlignMaxScale) {
    return out;  // no need to compare pixels: same_photo() says no already
  }
  alignment = refine_alignment(to_gray(a), to_gray(b), *alignment);
  RasterImage ours = a;
  RasterImage theirs = warp_onto(b, *alignment, a.width, a.height);
  if (ours.channels != theirs.channels) {
    ours = to_gray(std::move(ours));
    theirs = to_gray(std::move(theirs));
  }
  const int shrink = kReuseAlignShrink;
  const int w = a.width / shrink;
  const int h = a.height / shrink;
  if (w < kReuseAlignGrid * 2 || h < kReuseAlignGrid * 2) return out;
  ours = resize(ours, w, h);
  theirs = resize(theirs, w, h);
  if (ours.empty() || theirs.empty() || ours.channels != theirs.channels) return out;
  const auto& m = alignment->a_to_b;
  const auto inside_b = [&](double x, double y) {
    const double u = m[0] * x + m[1] * y + m[2];
    const double v = m[3] * x + m[4] * y + m[5];
    return u >= 0 && v >= 0 && u <= b.width - 1 && v <= b.height - 1;
  };
  std::array<std::vector<double>, 3> near_shifts;
  for (int by = 0; by < kReuseAlignGrid; ++by) {
    for (int bx = 0; bx < kReuseAlignGrid; ++bx) {
      const int x0 = w * bx / kReuseAlignGrid;
      const int x1 = w * (bx + 1) / kReuseAlignGrid;
      const int y0 = h * by / kReuseAlignGrid;
      const int y1 = h * (by + 1) / kReuseAlignGrid;
      // The block's pixels at a's full size: each must have been sampled within b.
      const double fx0 = static_cast<double>(shrink) * x0;
      const double fy0 = static_cast<double>(shrink) * y0;
      const double fx1 = static_cast<double>(shrink) * x1 - 1;
      const double fy1 = static_cast<double>(shrink) * y1 - 1;
      if (!inside_b(fx0, fy0) || !inside_b(fx1, fy0) || !inside_b(fx0, fy1) || !inside_b(fx1, fy1)) continue;
      ++out.blocks;
      const BlockDifference d = block_difference(ours, theirs, x0, y0, x1, y1);
      if (d.absolute <= kReuseAlignBlockDifference) ++out.agreeing;
      if (d.absolute <= 2 * kReuseAlignBlockDifference) {
        for (int c = 0; c < ours.channels && c < 3; ++c) {
          near_shifts[static_cast<std::size_t>(c)].push_back(d.signed_means[static_cast<std::size_t>(c)]);
        }
      }
    }
  }
  out.colour_shift = near_shifts[0].empty() ? 255.0 : 0.0;
  for (const auto& shifts : near_shifts) {
    if (!shifts.empty()) out.colour_shift = std::max(out.colour_shift, std::abs(median_of(shifts)));
  }
  return out;
}

// The previews of the photos, decoded on first use and kept gray (about 45 KB a
// photo, dropped after its last pair; kept at their full 240 px because the
// window offsets need the detail: from 120 px copies, reused pairs correlated
// down to 0.925 instead of 0.960). When the whole pictures do not correlate, the 25 windows
// of 95 % of each (offsets 0-5 % in steps of 1.25 % each way, so a crop of up to
// 5 % lies within 0.6 % of one of them) are compared with the other whole.
class PreviewSketches {
 public:
  explicit PreviewSketches(const std::vector<const PhotoFacts*>& photos) : photos_(photos) {}

  /// Whether the previews of a and b correlate to `limit`, or nullopt when either
  /// preview is missing or unreadable.
  std::optional<bool> correlate(std::size_t a, std::size_t b, double limit) {
    const Sketch& sa = sketch(a);
    const Sketch& sb = sketch(b);
    if (sa.whole.empty() || sb.whole.empty()) return std::nullopt;
    if (correlation(sa.whole, sb.whole) >= limit) return true;
    return any_window_correlates(sa, sb.whole, limit) || any_window_correlates(sb, sa.whole, limit);
  }

  /// Whether the middles of the previews (watermark_free_core) correlate to `limit`;
  /// false when either preview is missing.
  bool cores_correlate(std::size_t a, std::size_t b, double limit) {
    const auto value = core_correlation(a, b);
    return value && *value >= limit && core_colour_difference(a, b) <= kReuseCoreColourDifference;
  }

  std::optional<double> core_correlation(std::size_t a, std::size_t b) {
    const Sketch& sa = sketch(a);
    const Sketch& sb = sketch(b);
    if (sa.core.empty() || sb.core.empty()) return std::nullopt;
    return correlation(sa.core, sb.core);
  }

  /// Mean difference (0..255) of the 3x3 colour grids of the two middles; 255 when
  /// either preview is missing.
  double core_colour_difference(std::size_t a, std::size_t b) {
    const Sketch& sa = sketch(a);
    const Sketch& sb = sketch(b);
    if (sa.core_colours.empty() || sb.core_colours.empty()) return 255;
    return colour_difference(sa.core_colours, sb.core_colours);
  }

  /// The previews of a and b compared once registered (aligned_agreement).
  AlignedAgreement aligned(std::size_t a, std::size_t b) {
    Sketch& sa = sketch(a);
    Sketch& sb = sketch(b);
    if (sa.colour.empty() || sb.colour.empty()) return {};
    return compare_aligned(sa.colour, features(sa), sb.colour, features(sb));
  }

  void forget(std::size_t i) { sketches_.erase(i); }

 private:
  static constexpr int kSide = 48;
  static constexpr int kSteps = 5;

  struct Sketch {
    RasterImage colour;                       // the preview as decoded
    RasterImage gray;                         // the preview, gray
    RasterImage whole;                        // kSide x kSide
    RasterImage core;                         // its watermark_free_core, kSide x kSide
    std::vector<std::uint8_t> core_colours;   // mean B, G, R of a 3x3 grid over the core
    std::optional<PictureFeatures> features;  // of `gray`, found on first use
  };

  static const PictureFeatures& features(Sketch& s) {
    if (!s.features) s.features = find_picture_features(s.gray);
    return *s.features;
  }

  Sketch& sketch(std::size_t i) {
    auto [it, added] = sketches_.try_emplace(i);
    if (!added || photos_[i]->preview.empty()) return it->second;
    if (const auto decoded = decode_image_bytes(photos_[i]->preview); decoded && decoded->consistent()) {
      it->second.colour = *decoded;
      it->second.gray = to_gray(*decoded);
      it->second.whole = resize(it->second.gray, kSide, kSide);
      const RasterImage& g = it->second.gray;
      const PixelRect core = watermark_free_core(g.width, g.height);
      it->second.core = resize(crop(g, core), kSide, kSide);
      // Area-averaged to 3x3: each pixel the mean colour of a ninth of the core.
      const RasterImage cells = resize(crop(*decoded, core), 3, 3);
      if (cells.channels == 3) it->second.core_colours = cells.pixels;
    }
    return it->second;
  }

  static bool any_window_correlates(const Sketch& s, const RasterImage& other_whole, double limit) {
    const int w = s.gray.width * 95 / 100;
    const int h = s.gray.height * 95 / 100;
    for (int iy = 0; iy < kSteps; ++iy) {
      for (int ix = 0; ix < kSteps; ++ix) {
        const PixelRect window{(s.gray.width - w) * ix / (kSteps - 1), (s.gray.height - h) * iy / (kSteps - 1), w, h};
        if (correlation(resize(crop(s.gray, window), kSide, kSide), other_whole) >= limit) return true;
      }
    }
    return false;
  }

  const std::vector<const PhotoFacts*>& photos_;
  std::map<std::size_t, Sketch> sketches_;
};

}  // namespace

std::vector<std::pair<std::size_t, std::size_t>> core_window_candidates(const std::vector<const PhotoFacts*>& photos) {
  static_assert(kReuseCoreWindowDistance <= reuse_index::kMaxWindowRadius);
  return reuse_index::window_pairs(photos, kReuseCoreWindowDistance, &PhotoFacts::core_hash,
                                   &PhotoFacts::core_window_hashes);
}

std::vector<std::pair<std::size_t, std::size_t>> reused_photo_pairs(const std::vector<const PhotoFacts*>& photos,
                                                                    int max_distance) {
  std::vector<std::optional<std::uint64_t>> hashes(photos.size());
  for (std::size_t i = 0; i < photos.size(); ++i) {
    if (photos[i] != nullptr) hashes[i] = photos[i]->phash;
  }
  const auto colours_within = [&](double limit) {
    return [&photos, limit](const auto& p) {
      return colour_difference(photos[p.first]->colour_grid, photos[p.second]->colour_grid) <= limit;
    };
  };
  std::vector<std::pair<std::size_t, std::size_t>> pairs;
  std::ranges::copy_if(near_duplicate_pairs(hashes, max_distance), std::back_inserter(pairs),
                       colours_within(kReuseColourDifference));
  static_assert(kReuseWindowDistance <= reuse_index::kMaxWindowRadius);
  std::ranges::copy_if(
      reuse_index::window_pairs(photos, kReuseWindowDistance, &PhotoFacts::phash, &PhotoFacts::window_hashes),
      std::back_inserter(pairs), colours_within(kReuseCropColourDifference));
  std::sort(pairs.begin(), pairs.end());
  pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
  // One photo stamped again by another app (another corner, another style): the
  // middles agree where the wholes do not.
  std::vector<std::optional<std::uint64_t>> cores(photos.size());
  for (std::size_t i = 0; i < photos.size(); ++i) {
    if (photos[i] != nullptr) cores[i] = photos[i]->core_hash;
  }
  const auto core_pairs = near_duplicate_pairs(cores, kReuseCoreDistance);
  std::vector<std::pair<std::size_t, std::size_t>> hash_candidates;
  std::ranges::set_union(pairs, core_pairs, std::back_inserter(hash_candidates));
  // A copy cropped more and stamped again (the stamp may reach into the middle):
  // its core hash near a core window of the other; confirmed only by registering
  // the previews (aligned_agreement).
  const auto core_window_pairs = core_window_candidates(photos);
  std::vector<std::pair<std::size_t, std::size_t>> candidates;
  std::ranges::set_union(hash_candidates, core_window_pairs, std::back_inserter(candidates));
  // Each photo's sketch is dropped after the last pair it is in.
  std::vector<std::size_t> last_pair(photos.size());
  for (std::size_t k = 0; k < candidates.size(); ++k)
    last_pair[candidates[k].first] = last_pair[candidates[k].second] = k;
  PreviewSketches sketches(photos);
  std::vector<std::pair<std::size_t, std::size_t>> confirmed;
  for (std::size_t k = 0; k < candidates.size(); ++k) {
    const auto [a, b] = candidates[k];
    // The hash tests' own confirmations (previews correlating), or for a core
    // window candidate none; then, before any D.1, the second and independent one:
    // the registered previews agree. Without previews (or unreadable ones) the hash
    // tests decide alone.
    bool same = false;
    bool previews = true;
    if (std::binary_search(pairs.begin(), pairs.end(), candidates[k])) {
      const auto alike = sketches.correlate(a, b, kReuseCorrelation);
      previews = alike.has_value();
      same = !previews || *alike;
    }
    if (!same && std::binary_search(core_pairs.begin(), core_pairs.end(), candidates[k])) {
      same = sketches.cores_correlate(a, b, kReuseCoreCorrelation);
    }
    const bool window_candidate = std::binary_search(core_window_pairs.begin(), core_window_pairs.end(), candidates[k]);
    if (previews && (same || window_candidate)) same = sketches.aligned(a, b).same_photo();
    if (same) confirmed.push_back(candidates[k]);
    for (const std::size_t i : {a, b}) {
      if (last_pair[i] == k) sketches.forget(i);
    }
  }
  return confirmed;
}

bool AlignedAgreement::same_photo() const {
  return aligned && inliers >= kReuseAlignMinInliers && std::abs(rotation_degrees) <= kReuseAlignMaxTurn &&
         scale >= kReuseAlignMinScale && scale <= kReuseAlignMaxScale && blocks >= kReuseAlignMinBlocks &&
         agreeing >= kReuseAlignAgreeingShare * blocks && colour_shift <= kReuseAlignColourShift;
}

AlignedAgreement aligned_agreement(const PhotoFacts& a, const PhotoFacts& b) {
  const std::vector<const PhotoFacts*> both{&a, &b};
  PreviewSketches sketches(both);
  return sketches.aligned(0, 1);
}

std::optional<double> core_correlation(const PhotoFacts& a, const PhotoFacts& b) {
  const std::vector<const PhotoFacts*> both{&a, &b};
  PreviewSketches sketches(both);
  return sketches.core_correlation(0, 1);
}

double core_colour_difference(const PhotoFacts& a, const PhotoFacts& b) {
  const std::vector<const PhotoFacts*> both{&a, &b};
  PreviewSketches sketches(both);
  return sketches.core_colour_difference(0, 1);
}

namespace {

// Connected components of `pairs` over `n` entries, as near_duplicate_groups returns them.
std::vector<std::vector<std::size_t>> groups_of(std::size_t n,
                                                const std::vector<std::pair<std::size_t, std::size_t>>& pairs) {
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
      out.push_back({"D1_PHOTO_REUSED", Severity::Warning, "", e.file.rel_path, e.placement.indicator,
                     "疑似同一张照片（缩放、裁剪、重新压缩或重打水印）" + how + "，共" + std::to_string(group.size()) +
                         "处：" + list,
                     "每项活动、每个季度应提供各自现场拍摄的照片；确属同一活动的，只保留一处",
                     DeductionRole::Fabrication});
    }
  }
  return out;
}

}  // namespace evpack
