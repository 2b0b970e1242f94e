#include "evpack/inspect/segment_digits.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "evpack/adapters/image_codec.hpp"
#include "evpack/adapters/image_ops.hpp"
#include "support/temp_dir.hpp"

namespace evpack {
namespace {

using testing::source_dir;

std::string segments_dir() { return source_dir() + "/tests/data/segments/"; }

// Cuts of date stamps in eight cuts of fonts-dseg (upright, italic, bold, light,
// mini), some blurred and thresholded as a glowing stamp is: each reads as drawn.
// Drawn without the time's colon, the last four digits after a date with its year
// read as HH:MM; a year at the end stays a year.
TEST(SegmentDigitsTest, ReadsDateStampsInEveryCutOfTheFont) {
  std::ifstream in(segments_dir() + "truth.json");
  ASSERT_TRUE(in.good());
  const auto truth = nlohmann::json::parse(in);
  ASSERT_GE(truth.size(), 8u);
  for (const auto& [name, expected] : truth.items()) {
    auto image = decode_image_file(segments_dir() + name);
    ASSERT_TRUE(image) << name;
    // "read": what the reading should be when it differs from what was drawn.
    std::string want = expected.value("read", expected["text"].get<std::string>());
    // Two spaces in the drawing are one gap in the reading.
    for (auto at = want.find("  "); at != std::string::npos; at = want.find("  ")) want.erase(at, 1);
    EXPECT_EQ(read_segment_line(to_gray(*image)), want) << name << " (" << expected["font"] << ")";
  }
}

// The same stamp at half size still reads (a small imprint on a phone photo).
TEST(SegmentDigitsTest, ReadsAStampAtHalfSize) {
  auto image = decode_image_file(segments_dir() + "stamp_1.png");
  ASSERT_TRUE(image);
  const RasterImage gray = to_gray(*image);
  EXPECT_EQ(read_segment_line(resize(gray, gray.width / 2, gray.height / 2)), "9 12 '25 17:33");
}

// Type that is not seven-segment (a line of Chinese and Latin text from a
// capture fixture) gives nothing, rather than digits made up from its strokes.
TEST(SegmentDigitsTest, OrdinaryTypeGivesNothing) {
  auto image = decode_image_file(source_dir() + "/tests/data/screens/query_inline_no_time.png");
  ASSERT_TRUE(image);
  const RasterImage gray = to_gray(*image);
  const RasterImage line = crop(gray, {0, 0, gray.width, std::min(gray.height, 60)});
  EXPECT_EQ(read_segment_line(line), "");
  EXPECT_EQ(read_segment_line(RasterImage{}), "");
}

}  // namespace
}  // namespace evpack
