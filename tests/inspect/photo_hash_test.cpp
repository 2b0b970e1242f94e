#include "evpack/inspect/photo_hash.hpp"

#include <gtest/gtest.h>

#include "evpack/adapters/image_codec.hpp"
#include "evpack/adapters/image_ops.hpp"
#include "evpack/inspect/inspection.hpp"
#include "support/temp_dir.hpp"

namespace evpack {
namespace {

// 3 sizes x 5 x 5 centres; the unshifted window of full size is the core itself.
TEST(CoreWindowHashes, SeventyFiveWindowsTheMiddleOneIsTheCore) {
  const auto photo = decode_image_file(evpack::testing::corpus_dir() + "/exif/DSCN0010.jpg");
  ASSERT_TRUE(photo);
  const RasterImage gray = to_gray(downscale(*photo, 512));
  const auto hashes = core_window_hashes(gray);
  ASSERT_EQ(hashes.size(), 75U);
  EXPECT_EQ(hashes[12], perceptual_hash(crop(gray, watermark_free_core(gray.width, gray.height))));
  EXPECT_TRUE(core_window_hashes(RasterImage{}).empty());
}

// A copy with 8 % cut off the top and left and 4 % off the bottom and right: its
// core shows a part of the first's core shifted and a tenth smaller, which one of
// the first's windows matches within a few bits while the cores differ by many.
TEST(CoreWindowHashes, ACroppedCopysCoreIsNearOneWindow) {
  const auto photo = decode_image_file(evpack::testing::corpus_dir() + "/exif/DSCN0010.jpg");
  ASSERT_TRUE(photo);
  const int w = photo->width;
  const int h = photo->height;
  const RasterImage first = to_gray(downscale(*photo, 512));
  const RasterImage copy =
      to_gray(downscale(crop(*photo, PixelRect{w * 8 / 100, h * 8 / 100, w * 88 / 100, h * 88 / 100}), 512));
  const std::uint64_t first_core = perceptual_hash(crop(first, watermark_free_core(first.width, first.height)));
  const std::uint64_t copy_core = perceptual_hash(crop(copy, watermark_free_core(copy.width, copy.height)));
  int best = 64;
  for (const std::uint64_t hash : core_window_hashes(first)) best = std::min(best, hamming_distance(hash, copy_core));
  EXPECT_LE(best, 6);
  EXPECT_GT(hamming_distance(first_core, copy_core), best + 6);
}

}  // namespace
}  // namespace evpack
