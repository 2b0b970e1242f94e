#include "evpack/rules/task_due.hpp"

#include <gtest/gtest.h>

namespace evpack {
namespace {

TEST(TaskDue, YearAndMonthAreDeadlines) {
  auto w = parse_task_due("2024", 2023, 2025);
  ASSERT_TRUE(w);
  EXPECT_TRUE(w->deadline);
  EXPECT_EQ(w->from, (CivilDate{2023, 1, 1}));  // work counts from the system's first year
  EXPECT_EQ(w->to, (CivilDate{2024, 12, 31}));

  w = parse_task_due("2023年6月", 2023, 2023);
  ASSERT_TRUE(w);
  EXPECT_TRUE(w->deadline);
  EXPECT_EQ(w->to, (CivilDate{2023, 6, 30}));
  w = parse_task_due("2024-02", 2023, 2025);
  ASSERT_TRUE(w);
  EXPECT_EQ(w->to, (CivilDate{2024, 2, 29}));  // leap year
}

TEST(TaskDue, RangesAreWindows) {
  auto w = parse_task_due("2023-2024", 2023, 2025);
  ASSERT_TRUE(w);
  EXPECT_FALSE(w->deadline);
  EXPECT_FALSE(w->continuous);
  EXPECT_EQ(w->from, (CivilDate{2023, 1, 1}));
  EXPECT_EQ(w->to, (CivilDate{2024, 12, 31}));

  w = parse_task_due("2023-03至2023-08", 2023, 2023);
  ASSERT_TRUE(w);
  EXPECT_EQ(w->from, (CivilDate{2023, 3, 1}));
  EXPECT_EQ(w->to, (CivilDate{2023, 8, 31}));

  w = parse_task_due("全面推进阶段（2023年3月至6月）", 2023, 2023);
  ASSERT_TRUE(w);
  EXPECT_EQ(w->from, (CivilDate{2023, 3, 1}));
  EXPECT_EQ(w->to, (CivilDate{2023, 6, 30}));
}

TEST(TaskDue, TextWithoutDateIsTheWholeSystemPeriod) {
  for (const std::string text : {"持续推进", "", "总结提升阶段"}) {
    const auto w = parse_task_due(text, 2023, 2025);
    ASSERT_TRUE(w) << text;
    EXPECT_TRUE(w->continuous);
    EXPECT_EQ(w->from, (CivilDate{2023, 1, 1}));
    EXPECT_EQ(w->to, (CivilDate{2025, 12, 31}));
  }
}

TEST(TaskDue, BadDatesFailWithChineseMessages) {
  auto w = parse_task_due("2023-13", 2023, 2023);
  ASSERT_FALSE(w);
  EXPECT_EQ(w.error().code, "TASK_DUE_INVALID");
  EXPECT_NE(w.error().message.find("月份13不存在"), std::string::npos);
  w = parse_task_due("2024至2023", 2023, 2024);
  ASSERT_FALSE(w);
  EXPECT_NE(w.error().message.find("早于"), std::string::npos);
  // Long digit runs (document numbers, phone numbers) are not years.
  w = parse_task_due("见源交政字〔2023〕14号 123456789", 2023, 2023);
  ASSERT_TRUE(w);
  EXPECT_TRUE(w->deadline);
  EXPECT_EQ(w->to, (CivilDate{2023, 12, 31}));
}

}  // namespace
}  // namespace evpack
