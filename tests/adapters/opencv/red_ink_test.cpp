// Page-ink utilities of the red-ink adapter on drawn page crops.
#include <gtest/gtest.h>

#include <cmath>

#include "evpack/adapters/red_ink.hpp"

namespace evpack {
namespace {

RasterImage white(int w, int h) {
  RasterImage img;
  img.width = w;
  img.height = h;
  img.channels = 1;
  img.pixels.assign(static_cast<std::size_t>(w) * h, 255);
  return img;
}

void ink(RasterImage& img, int x, int y) {
  if (x >= 0 && y >= 0 && x < img.width && y < img.height) img.pixels[static_cast<std::size_t>(y) * img.width + x] = 20;
}

int dark_in(const RasterImage& img, int x0, int y0, int x1, int y1) {
  int n = 0;
  for (int y = y0; y < y1; ++y) {
    for (int x = x0; x < x1; ++x) n += img.pixels[static_cast<std::size_t>(y) * img.width + x] < 128;
  }
  return n;
}

// At 200 dpi (7.87 px/mm): a 150 mm rule 4 px thick tilted by 3°, and above it a
// row of "characters": boxes 5 mm wide with a horizontal stroke each, 1.5 mm apart.
TEST(EraseLongRules, ATiltedRuleGoesCharactersStay) {
  const double px = 200 / 25.4;
  RasterImage img = white(1300, 260);
  const double slope = std::tan(3.0 * 3.14159265358979 / 180);
  for (int x = 40; x < 40 + static_cast<int>(150 * px); ++x) {
    const int y = 200 - static_cast<int>(std::lround((x - 40) * slope));
    for (int t = 0; t < 4; ++t) ink(img, x, y + t);
  }
  for (int c = 0; c < 12; ++c) {
    const int x0 = 60 + c * static_cast<int>(6.5 * px);
    for (int x = x0; x < x0 + static_cast<int>(5 * px); ++x) {
      for (int t = 0; t < 4; ++t) ink(img, x, 60 + t);  // 一
      for (int t = 0; t < 4; ++t) ink(img, x, 95 + t);  // 二
    }
    for (int y = 55; y < 100; ++y) {
      for (int t = 0; t < 4; ++t) ink(img, x0 + 18 + t, y);  // 丨
    }
  }
  const int rule_before = dark_in(img, 0, 120, img.width, img.height);
  const int type_before = dark_in(img, 0, 0, img.width, 110);
  ASSERT_GT(rule_before, 4000);

  const RasterImage out = erase_long_rules(img, px);
  EXPECT_LT(dark_in(out, 0, 120, img.width, img.height), rule_before / 50) << "the rule is erased";
  EXPECT_EQ(dark_in(out, 0, 0, img.width, 110), type_before) << "the characters are untouched";
}

TEST(EraseLongRules, ColourOrBrokenImagesComeBackUnchanged) {
  RasterImage colour = white(50, 20);
  colour.channels = 3;
  colour.pixels.assign(50 * 20 * 3, 0);
  EXPECT_EQ(erase_long_rules(colour, 8).pixels, colour.pixels);
  RasterImage broken = white(50, 20);
  broken.pixels.resize(10);
  EXPECT_EQ(erase_long_rules(broken, 8).pixels.size(), 10u);
}

}  // namespace
}  // namespace evpack
