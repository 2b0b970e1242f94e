#include "evpack/util/format.hpp"

#include <gtest/gtest.h>

namespace evpack {
namespace {

TEST(Format, PointsAreWholeOrOneDecimal) {
  EXPECT_EQ(format_points(3), "3");
  EXPECT_EQ(format_points(0), "0");
  EXPECT_EQ(format_points(2.5), "2.5");
  EXPECT_EQ(format_points(1.25), "1.2");  // printf rounding, as every report wrote it before
  EXPECT_EQ(format_points(100.0000000001), "100");
  EXPECT_EQ(format_points(-1.5), "-1.5");
}

TEST(Format, MegabytesAreDecimalWithOneDecimal) {
  EXPECT_EQ(format_megabytes(0), "0.0 MB");
  EXPECT_EQ(format_megabytes(5'487'579), "5.5 MB");
  EXPECT_EQ(format_megabytes(2'000'000'000), "2000.0 MB");
}

TEST(Format, JoinKeepsEmptyPartsAndJoinNonemptyDropsThem) {
  EXPECT_EQ(join({}, "、"), "");
  EXPECT_EQ(join({"a"}, "、"), "a");
  EXPECT_EQ(join({"a", "", "c"}, "、"), "a、、c");
  EXPECT_EQ(join_nonempty({"", "a", "", "c", ""}, "；"), "a；c");
  EXPECT_EQ(join_nonempty({"", ""}, "；"), "");
}

TEST(Format, HtmlEscapeEscapesMarkupAndDropsControlCharacters) {
  EXPECT_EQ(html_escape("<a href=\"x\">'&'</a>"), "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
  EXPECT_EQ(html_escape("第1行\n\t第2行"), "第1行\n\t第2行");
  // A file name may hold control characters (the catalogue's escaper used to keep them).
  EXPECT_EQ(html_escape(std::string("a\x01\x1b[31mb\x7f", 9)), "a[31mb\x7f");
  EXPECT_EQ(html_escape(std::string("x\0y", 3)), "xy");
  // Not UTF-8 (a GBK name from an old zip): decoded, never passed through as it is.
  EXPECT_EQ(html_escape("\xBB\xE1\xD2\xE9<"), "会议&lt;");
}

TEST(Format, Base64MatchesRfc4648Vectors) {
  EXPECT_EQ(base64_encode(""), "");
  EXPECT_EQ(base64_encode("f"), "Zg==");
  EXPECT_EQ(base64_encode("fo"), "Zm8=");
  EXPECT_EQ(base64_encode("foo"), "Zm9v");
  EXPECT_EQ(base64_encode("foob"), "Zm9vYg==");
  EXPECT_EQ(base64_encode("fooba"), "Zm9vYmE=");
  EXPECT_EQ(base64_encode("foobar"), "Zm9vYmFy");
  EXPECT_EQ(base64_encode(std::string("\xff\xfe\x00", 3)), "//4A");
}

}  // namespace
}  // namespace evpack
