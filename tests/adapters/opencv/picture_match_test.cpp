#include "evpack/adapters/picture_match.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "evpack/adapters/image_codec.hpp"
#include "evpack/adapters/image_ops.hpp"
#include "support/temp_dir.hpp"

namespace evpack {
namespace {

RasterImage corpus_photo(const std::string& name) {
  const auto decoded = decode_image_file(evpack::testing::corpus_dir() + "/exif/" + name);
  return decoded ? *decoded : RasterImage{};
}

// A real photo and a copy with 8 % cut off the left and top and 4 % off the right
// and bottom, both shrunk to 240 px as the reports' previews are: the copy's
// pixels are 1 / 0.88 of the first's, and the first's (x, y) is the copy's
// ((x - 0.08 W') / 0.88) where W' is the first's preview width.
TEST(PictureMatch, RegistersACroppedCopyWithItsScaleAndShift) {
  const RasterImage photo = corpus_photo("DSCN0010.jpg");
  ASSERT_FALSE(photo.empty());
  const int w = photo.width;
  const int h = photo.height;
  const RasterImage a = to_gray(downscale(photo, 240));
  const RasterImage b =
      to_gray(downscale(crop(photo, PixelRect{w * 8 / 100, h * 8 / 100, w * 88 / 100, h * 88 / 100}), 240));
  const auto alignment = align_pictures(find_picture_features(a), find_picture_features(b));
  ASSERT_TRUE(alignment);
  EXPECT_GE(alignment->inliers, 40);
  const double scale = static_cast<double>(b.width) / (a.width * 0.88);
  EXPECT_NEAR(alignment->scale(), scale, 0.02);
  EXPECT_NEAR(alignment->rotation_degrees(), 0.0, 0.3);
  EXPECT_NEAR(alignment->a_to_b[2], -0.08 * a.width * scale, 1.5);
  EXPECT_NEAR(alignment->a_to_b[5], -0.08 * a.height * scale, 1.5);

  // Seen through the transform, the copy lies over the first where it covers it.
  const RasterImage back = warp_onto(b, *alignment, a.width, a.height);
  ASSERT_EQ(back.width, a.width);
  ASSERT_EQ(back.height, a.height);
  double diff = 0;
  int n = 0;
  for (int y = a.height / 4; y < a.height * 3 / 4; ++y) {
    for (int x = a.width / 4; x < a.width * 3 / 4; ++x, ++n) {
      const std::size_t i = static_cast<std::size_t>(y) * a.width + x;
      diff += std::abs(static_cast<int>(a.pixels[i]) - static_cast<int>(back.pixels[i]));
    }
  }
  EXPECT_LT(diff / n, 6.0);
  // Outside the copy (the 8 % it lost at the top left) the result is black.
  EXPECT_EQ(back.pixels[0], 0);
}

TEST(PictureMatch, UnrelatedPhotosDoNotRegister) {
  const RasterImage a = to_gray(downscale(corpus_photo("DSCN0010.jpg"), 240));
  const RasterImage b = to_gray(downscale(corpus_photo("Canon_40D.jpg"), 240));
  ASSERT_FALSE(a.empty() || b.empty());
  const auto alignment = align_pictures(find_picture_features(a), find_picture_features(b));
  EXPECT_TRUE(!alignment || alignment->inliers < 15);
}

TEST(PictureMatch, BadInputGivesNothingAndDoesNotThrow) {
  const RasterImage colour = downscale(corpus_photo("DSCN0010.jpg"), 240);
  EXPECT_TRUE(find_picture_features(colour).points.empty());  // not 1-channel
  EXPECT_TRUE(find_picture_features(RasterImage{}).points.empty());
  RasterImage broken{100, 100, 1, std::vector<std::uint8_t>(10)};
  EXPECT_TRUE(find_picture_features(broken).points.empty());
  RasterImage flat{200, 150, 1, std::vector<std::uint8_t>(200 * 150, 128)};
  EXPECT_TRUE(find_picture_features(flat).points.empty());
  EXPECT_FALSE(align_pictures(PictureFeatures{}, find_picture_features(to_gray(colour))));
  PictureAlignment identity;
  identity.a_to_b = {1, 0, 0, 0, 1, 0};
  EXPECT_TRUE(warp_onto(broken, identity, 10, 10).empty());
  EXPECT_TRUE(warp_onto(colour, identity, 0, 10).empty());
  const RasterImage same = warp_onto(colour, identity, colour.width, colour.height);
  EXPECT_EQ(same.pixels, colour.pixels);
}

}  // namespace
}  // namespace evpack
