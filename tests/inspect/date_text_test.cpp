#include "evpack/inspect/date_text.hpp"

#include <gtest/gtest.h>

namespace evpack {
namespace {

CivilDate only_date(const std::string& text) {
  const auto found = find_dates(text);
  EXPECT_EQ(found.size(), 1u) << text;
  return found.empty() ? CivilDate{} : found.front().date;
}

TEST(FindDates, ReadsTheFormsPeopleWrite) {
  EXPECT_EQ(only_date("成文日期：2025年3月5日"), (CivilDate{2025, 3, 5}));
  EXPECT_EQ(only_date("2025 年 3 月 18 日"), (CivilDate{2025, 3, 18}));  // OCR spacing
  EXPECT_EQ(only_date("2025-03-18 领导小组会议"), (CivilDate{2025, 3, 18}));
  EXPECT_EQ(only_date("2025.3.18会议"), (CivilDate{2025, 3, 18}));
  EXPECT_EQ(only_date("2025/12/01"), (CivilDate{2025, 12, 1}));
  EXPECT_EQ(only_date("IMG_20250318_093000.jpg"), (CivilDate{2025, 3, 18}));
  EXPECT_EQ(only_date("２０２５年３月５日"), (CivilDate{2025, 3, 5}));  // full-width digits
}

TEST(FindDates, ReadsChineseNumeralDates) {
  const auto found = find_dates("青石县交通运输局\n二〇二三年四月三日\n");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].date, (CivilDate{2023, 4, 3}));
  EXPECT_TRUE(found[0].chinese_numerals);
  EXPECT_EQ(found[0].text, "二〇二三年四月三日");
  EXPECT_EQ(only_date("二〇二五年十二月三十一日"), (CivilDate{2025, 12, 31}));
  EXPECT_EQ(only_date("二〇二五年十月二十日"), (CivilDate{2025, 10, 20}));
}

// How 成文日期 come out of other producers and of OCR (issue 23): the 〇 of the year
// typed as a Latin or full-width O, a digit 0 or ○; letter-spaced type.
TEST(FindDates, ReadsChineseNumeralYearsWrittenWithOtherZeros) {
  EXPECT_EQ(only_date("二O二五年二月十日"), (CivilDate{2025, 2, 10}));
  EXPECT_EQ(only_date("二o二五年二月十日"), (CivilDate{2025, 2, 10}));
  EXPECT_EQ(only_date("二0二五年二月十日"), (CivilDate{2025, 2, 10}));
  EXPECT_EQ(only_date("二○二五年二月十日"), (CivilDate{2025, 2, 10}));
  EXPECT_EQ(only_date("二Ｏ二五年十一月二十三日"), (CivilDate{2025, 11, 23}));
  EXPECT_EQ(only_date("二 〇 二 五 年 二 月 十 日"), (CivilDate{2025, 2, 10}));
}

TEST(FindDates, ReadsLetterSpacedNumericDates) {
  EXPECT_EQ(only_date("2 0 2 5 年 5 月 9 日"), (CivilDate{2025, 5, 9}));
  EXPECT_EQ(only_date("2 0 2 5 年1 2 月3 0 日"), (CivilDate{2025, 12, 30}));
  EXPECT_TRUE(find_dates("第 2 0 2 5 号").empty());  // spaced digits alone are no year
  EXPECT_TRUE(find_dates("1 2 3 4 5").empty());
}

TEST(FindDates, RejectsWhatIsNotADate) {
  EXPECT_TRUE(find_dates("2025年2月30日").empty());      // no such day
  EXPECT_TRUE(find_dates("2025年3月").empty());          // year-month only
  EXPECT_TRUE(find_dates("电话 123456789012").empty());  // long digit runs
  EXPECT_TRUE(find_dates("版本 2025.3.18.5").empty());   // a version number
  EXPECT_TRUE(find_dates("20251399").empty());           // month 13
  EXPECT_TRUE(find_dates("2025-03/18").empty());         // mixed separators
}

TEST(FindDates, ReportsEveryDateWithItsOffset) {
  const std::string text = "于2025年1月10日召开，2025年2月14日报送";
  const auto found = find_dates(text);
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(text.substr(found[1].offset, found[1].text.size()), "2025年2月14日");
}

TEST(DateFromName, TakesTheFirstFullDate) {
  EXPECT_EQ(date_from_name("2025.3.18 领导小组会议.jpg"), (CivilDate{2025, 3, 18}));
  EXPECT_EQ(date_from_name("20250318会议纪要.pdf"), (CivilDate{2025, 3, 18}));
  EXPECT_FALSE(date_from_name("2025年3月会议.jpg").has_value());
  EXPECT_FALSE(date_from_name("领导小组会议.jpg").has_value());
}

TEST(PeriodFromName, QuartersAndMonths) {
  EXPECT_EQ(period_from_name("2025年第一季度").quarter, 1);
  EXPECT_EQ(period_from_name("2025年第一季度").year, 2025);
  EXPECT_EQ(period_from_name("三季度").quarter, 3);
  EXPECT_EQ(period_from_name("第4季度").quarter, 4);
  EXPECT_EQ(period_from_name("2025Q2").quarter, 2);
  EXPECT_EQ(period_from_name("3月").month, 3);
  EXPECT_EQ(period_from_name("3月").quarter, 1);
  EXPECT_EQ(period_from_name("2025年十一月").month, 11);
  EXPECT_EQ(period_from_name("12月份").month, 12);
  EXPECT_EQ(period_from_name("2025.07").month, 7);
}

TEST(PeriodFromName, IgnoresWordsThatOnlyContainMonthOrQuarter) {
  const NamedPeriod p = period_from_name("5.1信用交通宣传月");
  EXPECT_EQ(p.month, 0);
  EXPECT_EQ(p.quarter, 0);
  EXPECT_EQ(period_from_name("每月调度").month, 0);
  EXPECT_EQ(period_from_name("1.4领导小组会议").quarter, 0);
  EXPECT_EQ(period_from_name("FAQ1").quarter, 0);
}

}  // namespace
}  // namespace evpack
