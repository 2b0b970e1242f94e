#include "evpack/util/text.hpp"

#include <gtest/gtest.h>

namespace evpack {
namespace {

TEST(Text, ValidUtf8AcceptsChineseAndRejectsMalformed) {
  EXPECT_TRUE(is_valid_utf8(""));
  EXPECT_TRUE(is_valid_utf8("一、制度建设（13分）/1.1成立领导小组"));
  EXPECT_TRUE(is_valid_utf8("\xF0\x9F\x98\x80"));   // U+1F600
  EXPECT_FALSE(is_valid_utf8("\xBB\xE1\xD2\xE9"));  // "会议" in GBK
  EXPECT_FALSE(is_valid_utf8("\xC0\xAF"));          // overlong '/'
  EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));      // UTF-16 surrogate
  EXPECT_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));  // above U+10FFFF
  EXPECT_FALSE(is_valid_utf8("\xE4\xB8"));          // truncated
}

TEST(Text, GbkDecodesChineseWindowsNames) {
  EXPECT_EQ(gbk_to_utf8("\xBB\xE1\xD2\xE9.jpg"), "会议.jpg");
  EXPECT_EQ(gbk_to_utf8("\xD6\xC6\xB6\xC8\xBD\xA8\xC9\xE8"), "制度建设");
  EXPECT_EQ(decode_gbk_strict("\xBB\xE1\xD2\xE9").value_or(""), "会议");
  // A lone lead byte cannot be decoded: lossy gives U+FFFD and goes on, strict fails.
  EXPECT_EQ(gbk_to_utf8("a\xFF"
                        "b"),
            "a\xEF\xBF\xBD"
            "b");
  EXPECT_FALSE(decode_gbk_strict("a\xFF"
                                 "b")
                   .has_value());
  EXPECT_EQ(to_utf8_lossy("会议"), "会议");
  EXPECT_EQ(to_utf8_lossy("\xBB\xE1\xD2\xE9"), "会议");
}

TEST(Text, LowerTrimAndLength) {
  EXPECT_EQ(to_lower_ascii("IMG_0001.JPG 会议"), "img_0001.jpg 会议");
  EXPECT_EQ(trim("\u3000 领导小组\t\r\n\u3000"), "领导小组");
  EXPECT_EQ(trim("\xEF\xBB\xBF"
                 "abc\xC2\xA0"),
            "abc");
  EXPECT_EQ(trim(" \u3000 "), "");
  EXPECT_EQ(trim("内 部"), "内 部");
  EXPECT_EQ(utf8_length("2025年会议"), 7u);
  EXPECT_EQ(utf8_length("a\xFF"
                        "b"),
            3u);
}

TEST(Text, RemovesOcrSpacesBetweenHanOnly) {
  EXPECT_EQ(remove_spaces_between_han("领 导 小 组 会 议"), "领导小组会议");
  EXPECT_EQ(remove_spaces_between_han("章交字 〔2025〕 25 号"), "章交字〔2025〕 25 号");
  EXPECT_EQ(remove_spaces_between_han("关于\u3000成立 ， 领导小组"), "关于成立，领导小组");
  EXPECT_EQ(remove_spaces_between_han("Credit Traffic 信用 交通"), "Credit Traffic 信用交通");
  EXPECT_EQ(remove_spaces_between_han(" 开头 "), " 开头 ");
}

TEST(Text, HanAndDigitCharacters) {
  EXPECT_TRUE(is_han_char("青"));
  EXPECT_FALSE(is_han_char("〇"));  // U+3007: a Han numeral, but outside the ideograph block
  EXPECT_FALSE(is_han_char("〔"));
  EXPECT_FALSE(is_han_char("A"));
  EXPECT_FALSE(is_han_char("青交"));  // one character only
  EXPECT_TRUE(is_ascii_digit_char("7"));
  EXPECT_FALSE(is_ascii_digit_char("７"));  // full-width
  EXPECT_FALSE(is_ascii_digit_char("12"));
  EXPECT_FALSE(is_ascii_digit_char(""));
}

TEST(Text, SplitsIntoCodePoints) {
  const auto chars = split_utf8_chars("会a\xFF😀");
  ASSERT_EQ(chars.size(), 4u);
  EXPECT_EQ(chars[0], "会");
  EXPECT_EQ(chars[1], "a");
  EXPECT_EQ(chars[2], "\xFF");
  EXPECT_EQ(chars[3], "😀");
}

TEST(Text, ContainsIsPlainSubstring) {
  EXPECT_TRUE(contains("关于成立信用交通领导小组的通知", "领导小组"));
  EXPECT_FALSE(contains("关于成立信用交通领导小组的通知", "工作方案"));
  EXPECT_TRUE(contains("abc", ""));
}

TEST(Text, NormalizesFullWidthButKeepsCjkPunctuation) {
  EXPECT_EQ(normalize_fullwidth("１．１成立领导小组（２０２５）"), "1.1成立领导小组(2025)");
  EXPECT_EQ(normalize_fullwidth("ＡＢｃ：－／，"), "ABc:-/,");
  EXPECT_EQ(normalize_fullwidth("章交字〔2025〕25号、《通知》。"), "章交字〔2025〕25号、《通知》。");
  EXPECT_EQ(normalize_fullwidth("一\u3000二"), "一 二");
}

}  // namespace
}  // namespace evpack
