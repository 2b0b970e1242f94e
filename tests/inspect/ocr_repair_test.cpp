// OCR repairs, on strings Tesseract really produced from the generated scans
// (bench-data/docset-300-7, read with the chi_sim model).
#include <gtest/gtest.h>

#include "evpack/inspect/ocr_repair.hpp"
#include "evpack/util/text.hpp"

namespace evpack {
namespace {

TEST(RepairOcrNumber, BracketsLostOrMisreadAreRebuilt) {
  EXPECT_EQ(repair_ocr_number("育交发,2025j.7号"), "育交发〔2025〕7号");
  EXPECT_EQ(repair_ocr_number("青交办字【2025]】 84号签发人 : 王建国"), "青交办字〔2025〕84号\n签发人:王建国");
  EXPECT_EQ(repair_ocr_number("青交办字【2025】 89己"), "青交办字〔2025〕89号");
  EXPECT_EQ(repair_ocr_number("”青交字【2025】 19号和"), "”\n青交字〔2025〕19号\n和");
  EXPECT_EQ(repair_ocr_number("青交办字 [2025] 17呈"), "青交办字〔2025〕17号");
  EXPECT_EQ(repair_ocr_number("青交办字【2025  74号"), "青交办字〔2025〕74号");
  EXPECT_EQ(repair_ocr_number("填交宁【20251 115总"), "填交宁〔2025〕115号");
  // docset-200-8 doc_0163: the opening bracket read as 1.
  EXPECT_EQ(repair_ocr_number("青交发12025]16号"), "青交发〔2025〕16号");
}

// The external archive's colour scan (issue 23): 青交字〔２０２５〕２７号 letter-spaced,
// read digit by digit; full-width digits as OCR may return them.
TEST(RepairOcrNumber, LetterSpacedAndFullWidthDigits) {
  EXPECT_EQ(repair_ocr_number("青交字 (20 25] 2 7号"), "青交字〔2025〕27号");
  EXPECT_EQ(repair_ocr_number("青交字 [2 025] 28号"), "青交字〔2025〕28号");
  EXPECT_EQ(repair_ocr_number("青交字（２０２５）２７号"), "青交字〔2025〕27号");
  EXPECT_EQ(repair_ocr_number("共 2 0 人参加"), "共 2 0 人参加");  // no year: unchanged
}

TEST(RepairOcrNumber, OtherTextStaysAsItIs) {
  EXPECT_EQ(repair_ocr_number("青石县交通运输局文件"), "青石县交通运输局文件");
  EXPECT_EQ(repair_ocr_number("2025年3月5日"), "2025年3月5日");
  EXPECT_EQ(repair_ocr_number("共2025人参加"), "共2025人参加");          // no serial and 号
  EXPECT_EQ(repair_ocr_number("交〔2025〕5号"), "交〔2025〕5号");        // one Han character is no 代字
  EXPECT_EQ(repair_ocr_number("青石县 2025 12月"), "青石县 2025 12月");  // a date, not a number
  EXPECT_EQ(repair_ocr_number("青交字20251115号"), "青交字20251115号");  // no bracket, no space: not a year
}

TEST(YearStart, AYearStandsAloneOrAfterABracketReadAsOne) {
  const auto chars = split_utf8_chars("青交发[2025]3号 青交发12025]3号 320251 1999年 2150");
  EXPECT_EQ(year_start(chars, 4), YearStart::Plain);                // 青交发[2025
  EXPECT_EQ(year_start(chars, 16), YearStart::AfterBracket);        // 青交发12025: the 1 after 发
  EXPECT_EQ(year_start(chars, 15), YearStart::None);                // 1202: not 19NN or 20NN
  EXPECT_EQ(year_start(chars, 25), YearStart::None);                // 32025: part of a longer number
  EXPECT_EQ(year_start(chars, 31), YearStart::Plain);               // 1999
  EXPECT_EQ(year_start(chars, 37), YearStart::None);                // 2150
  EXPECT_EQ(year_start(chars, chars.size() - 2), YearStart::None);  // fewer than four left
}

TEST(RepairOcrDate, YearDigitsEatenByTheSealComeBack) {
  EXPECT_EQ(repair_ocr_date("025年2月28日"), "2025年2月28日");
  EXPECT_EQ(repair_ocr_date("e025年6月21 日"), "e2025年6月21 日");
  EXPECT_EQ(repair_ocr_date("青石县交通运输局\n25年12月15品"), "青石县交通运输局\n2025年12月15品");
}

// Real Tesseract reads of dates under seals (bench-data docset-300-7 scans).
TEST(RepairOcrDate, BlottedCharactersOfTheDateAreRepaired) {
  EXPECT_EQ(repair_ocr_date("2825年9月20时"), "2025年9月20时");
  EXPECT_EQ(repair_ocr_date("2U25年4月14日"), "2025年4月14日");
  EXPECT_EQ(repair_ocr_date("AO25年12月14日"), "2025年12月14日");
  EXPECT_EQ(repair_ocr_date("2025人年7月3日"), "2025年7月3日");
  EXPECT_EQ(repair_ocr_date("2025介了7月 9日"), "2025年7月 9日");
  EXPECT_EQ(repair_ocr_date("青石县交通运输局\n2025年6月63\n办公室"), "青石县交通运输局\n2025年6月6日\n办公室");
  EXPECT_EQ(repair_ocr_date("2025年06月235"), "2025年06月23日");
  EXPECT_EQ(repair_ocr_date("二了二五年九月一日"), "二〇二五年九月一日");
  EXPECT_EQ(repair_ocr_date("二@〇二五年九月二十日"), "二〇二五年九月二十日");
  // docset-200-8 doc_0066 at 200 dpi: 十 read as a plus sign.
  EXPECT_EQ(repair_ocr_date("二?二五年七月+ 日"), "二〇二五年七月十日");
  EXPECT_EQ(repair_ocr_date("二〇二五年十月二+三日"), "二〇二五年十月二十三日");
  EXPECT_EQ(repair_ocr_date("合计 3+5 日"), "合计 3+5 日");
}

TEST(RepairOcrDate, WholeYearsAndOtherNumbersAreLeftAlone) {
  EXPECT_EQ(repair_ocr_date("2025年6月13"), "2025年6月13");  // a possible day: not guessed
  EXPECT_EQ(repair_ocr_date("二〇二五年十一月十八日"), "二〇二五年十一月十八日");
  EXPECT_EQ(repair_ocr_date("第二季度二〇二五年"), "第二季度二〇二五年");
  EXPECT_EQ(repair_ocr_date("2025年度7月"), "2025年7月");  // the stray-character rule: still the same month
  EXPECT_EQ(repair_ocr_date("共计2025人次"), "共计2025人次");
  EXPECT_EQ(repair_ocr_date("2025年3月5日"), "2025年3月5日");
  EXPECT_EQ(repair_ocr_date("12025年"), "12025年");
  EXPECT_EQ(repair_ocr_date("共25年"), "共25年");  // no month: not a date
}

TEST(NormaliseOcrBrackets, YearBracketsBecomeTheStandardOnes) {
  EXPECT_EQ(normalise_ocr_brackets("青交发【2025]】 108号"), "青交发〔2025〕 108号");
  EXPECT_EQ(normalise_ocr_brackets("青交字(2025)4号"), "青交字〔2025〕4号");
  EXPECT_EQ(normalise_ocr_brackets("交字【2625]】 110号"), "交字〔2025〕 110号");
  EXPECT_EQ(normalise_ocr_brackets("青交发【25]46号"), "青交发〔25〕46号");
  EXPECT_EQ(normalise_ocr_brackets("（三）总结验收阶段"), "（三）总结验收阶段");
  EXPECT_EQ(normalise_ocr_brackets("第(12)条"), "第(12)条");  // two digits without serial and 号
}

}  // namespace
}  // namespace evpack
