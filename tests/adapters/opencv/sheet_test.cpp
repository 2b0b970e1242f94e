#include "evpack/adapters/sheet.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace evpack {
namespace {

// A light quadrilateral (a sheet seen from a little off square) on a brown desk.
RasterImage sheet_on_desk(const std::array<PixelPoint, 4>& corners, int width, int height) {
  RasterImage image{width, height, 3, std::vector<std::uint8_t>(static_cast<std::size_t>(width) * height * 3)};
  auto inside = [&](double x, double y) {
    for (int i = 0; i < 4; ++i) {
      const PixelPoint& a = corners[i];
      const PixelPoint& b = corners[(i + 1) % 4];
      if ((b.x - a.x) * (y - a.y) - (b.y - a.y) * (x - a.x) < 0) return false;  // clockwise in image coordinates
    }
    return true;
  };
  for (int y = 0; y < height; ++y) {
    for (int x = 0; x < width; ++x) {
      std::uint8_t* p = image.pixels.data() + (static_cast<std::size_t>(y) * width + x) * 3;
      if (inside(x + 0.5, y + 0.5)) {
        p[0] = 225;
        p[1] = 232;
        p[2] = 236;
      } else {
        p[0] = 55;
        p[1] = 85;
        p[2] = 120;
      }
    }
  }
  return image;
}

TEST(FindSheet, FindsTheCornersOfASheetOnADesk) {
  const std::array<PixelPoint, 4> corners{{{120, 90}, {700, 120}, {730, 930}, {90, 900}}};
  const RasterImage photo = sheet_on_desk(corners, 820, 1000);
  const auto found = find_sheet(photo);
  ASSERT_TRUE(found.has_value());
  for (int i = 0; i < 4; ++i) {
    EXPECT_NEAR(found->corners[i].x, corners[i].x, 6) << i;
    EXPECT_NEAR(found->corners[i].y, corners[i].y, 6) << i;
  }
  EXPECT_FALSE(found->touches_border);
  EXPECT_GT(found->area_share, 0.5);
}

TEST(FindSheet, NothingInAPlainPicture) {
  RasterImage flat{400, 300, 3, std::vector<std::uint8_t>(400 * 300 * 3, 128)};
  EXPECT_FALSE(find_sheet(flat).has_value());
  EXPECT_FALSE(find_sheet(RasterImage{}).has_value());
}

TEST(FlattenSheet, MapsTheQuadrilateralOntoARectangle) {
  const std::array<PixelPoint, 4> corners{{{120, 90}, {700, 120}, {730, 930}, {90, 900}}};
  const RasterImage photo = sheet_on_desk(corners, 820, 1000);
  const RasterImage flat = flatten_sheet(photo, corners, 210, 297);
  ASSERT_EQ(flat.width, 210);
  ASSERT_EQ(flat.height, 297);
  // Paper all over, away from the edge.
  for (const auto& [x, y] : {std::pair{10, 10}, std::pair{200, 10}, std::pair{105, 150}, std::pair{10, 287}}) {
    EXPECT_GT(flat.pixels[(static_cast<std::size_t>(y) * flat.width + x) * 3 + 1], 200) << x << "," << y;
  }
  EXPECT_TRUE(flatten_sheet(RasterImage{}, corners, 10, 10).empty());
}

}  // namespace
}  // namespace evpack
