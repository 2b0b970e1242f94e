#include "evpack/rules/calendar.hpp"

#include <gtest/gtest.h>

#include "support/temp_dir.hpp"

namespace evpack {
namespace {

CivilDate d(int y, int m, int day) { return CivilDate{y, m, day}; }

const WorkCalendar& shipped() {
  static const WorkCalendar calendar = [] {
    auto loaded = load_work_calendar(testing::source_dir() + "/rules/calendar/cn-holidays.yaml");
    EXPECT_TRUE(loaded.ok()) << (loaded.ok() ? "" : loaded.error().message);
    return loaded.ok() ? loaded.value() : WorkCalendar{};
  }();
  return calendar;
}

TEST(WorkCalendar, ShippedFileCoversTheFourConfirmedYears) {
  EXPECT_EQ(shipped().years(), (std::vector<int>{2023, 2024, 2025, 2026}));
  EXPECT_FALSE(shipped().covers(2022));
  EXPECT_FALSE(shipped().covers(2027));
  EXPECT_FALSE(shipped().source().empty());
}

TEST(WorkCalendar, HolidaysAndMakeUpDaysFromTheNotices) {
  const WorkCalendar& c = shipped();
  // 2025 春节 01-28..02-04, make-up Sunday 01-26 and Saturday 02-08.
  EXPECT_EQ(c.is_working_day(d(2025, 1, 27)), true);   // Monday
  EXPECT_EQ(c.is_working_day(d(2025, 1, 28)), false);  // 除夕, holiday from 2025
  EXPECT_EQ(c.is_working_day(d(2025, 2, 4)), false);
  EXPECT_EQ(c.is_working_day(d(2025, 2, 5)), true);
  EXPECT_EQ(c.is_working_day(d(2025, 1, 26)), true);  // Sunday, 调休上班
  EXPECT_EQ(c.is_working_day(d(2025, 2, 8)), true);   // Saturday, 调休上班
  EXPECT_EQ(c.is_working_day(d(2025, 2, 9)), false);  // ordinary Sunday
  // 2023 劳动节 04-29..05-03 with make-up Sunday 04-23 and Saturday 05-06.
  EXPECT_EQ(c.is_working_day(d(2023, 5, 2)), false);
  EXPECT_EQ(c.is_working_day(d(2023, 4, 23)), true);
  EXPECT_EQ(c.is_working_day(d(2023, 5, 6)), true);
  // 2024 国庆 10-01..10-07, make-up 09-29 (Sun) and 10-12 (Sat).
  EXPECT_EQ(c.is_working_day(d(2024, 10, 7)), false);
  EXPECT_EQ(c.is_working_day(d(2024, 10, 12)), true);
  // 2026 春节 02-15..02-23 with make-up Saturdays 02-14 and 02-28.
  EXPECT_EQ(c.is_working_day(d(2026, 2, 23)), false);
  EXPECT_EQ(c.is_working_day(d(2026, 2, 28)), true);
  // 2023 元旦 begins 2022-12-31, but 2022 has no data: unknown, not guessed.
  EXPECT_EQ(c.is_working_day(d(2022, 12, 30)), std::nullopt);
  EXPECT_EQ(c.is_working_day(d(2027, 1, 4)), std::nullopt);
  EXPECT_EQ(c.is_working_day(CivilDate{}), std::nullopt);
}

TEST(WorkCalendar, CountsWorkingDaysAfterTheDecisionDay) {
  const WorkCalendar& c = shipped();
  // The sample ledger's verdicts (samples/青石县佐证材料.labels.json, rows 1-6).
  EXPECT_EQ(c.working_days_between(d(2025, 3, 3), d(2025, 3, 7)), 4);
  EXPECT_EQ(c.working_days_between(d(2025, 4, 25), d(2025, 5, 9)), 8);  // 劳动节 and make-up 04-27
  EXPECT_EQ(c.working_days_between(d(2025, 6, 16), d(2025, 6, 25)), 7);
  EXPECT_EQ(c.working_days_between(d(2025, 9, 26), d(2025, 10, 13)), 7);  // 国庆 and make-ups 09-28, 10-11
  EXPECT_EQ(c.working_days_between(d(2025, 7, 1), d(2025, 7, 25)), 18);
  EXPECT_EQ(c.working_days_between(d(2025, 11, 3), d(2025, 11, 4)), 1);
  EXPECT_EQ(c.working_days_between(d(2025, 3, 3), d(2025, 3, 3)), 0);
  EXPECT_EQ(c.working_days_between(d(2025, 3, 7), d(2025, 3, 3)), 0);
  // Across a year boundary with data on both sides.
  EXPECT_EQ(c.working_days_between(d(2025, 12, 31), d(2026, 1, 5)), 2);  // 01-04 (Sun) make-up, 01-05 Monday
  EXPECT_EQ(c.working_days_between(d(2026, 12, 30), d(2027, 1, 4)), std::nullopt);
}

TEST(WorkCalendar, DeadlineIsTheSeventhWorkingDay) {
  const WorkCalendar& c = shipped();
  EXPECT_EQ(c.add_working_days(d(2025, 3, 3), 7), d(2025, 3, 12));
  EXPECT_EQ(c.add_working_days(d(2025, 4, 25), 7), d(2025, 5, 8));
  EXPECT_EQ(c.add_working_days(d(2025, 9, 26), 7), d(2025, 10, 13));
  EXPECT_EQ(c.add_working_days(d(2025, 7, 1), 7), d(2025, 7, 10));
  EXPECT_EQ(c.add_working_days(d(2025, 11, 3), 7), d(2025, 11, 12));
  EXPECT_EQ(c.add_working_days(d(2026, 12, 25), 7), std::nullopt);  // walks into 2027
  EXPECT_EQ(c.add_working_days(d(2025, 3, 3), 0), std::nullopt);
}

TEST(WorkCalendar, EmptyCalendarKnowsNothing) {
  const WorkCalendar c;
  EXPECT_FALSE(c.covers(2025));
  EXPECT_EQ(c.is_working_day(d(2025, 3, 3)), std::nullopt);
  EXPECT_EQ(c.working_days_between(d(2025, 3, 3), d(2025, 3, 7)), std::nullopt);
}

TEST(WorkCalendar, ANewYearIsADataChange) {
  const std::string text =
      "source: test\n"
      "years:\n"
      "  - year: 2027\n"
      "    holidays:\n"
      "      - {name: 元旦, from: 2027-01-01}\n"
      "    workdays: [2027-01-02]\n";
  auto c = load_work_calendar_from_string(text, "cal.yaml");
  ASSERT_TRUE(c.ok()) << c.error().message;
  EXPECT_TRUE(c->covers(2027));
  EXPECT_EQ(c->is_working_day(d(2027, 1, 1)), false);  // Friday holiday
  EXPECT_EQ(c->is_working_day(d(2027, 1, 2)), true);   // Saturday make-up
  EXPECT_EQ(c->is_working_day(d(2027, 1, 3)), false);  // Sunday
}

TEST(WorkCalendar, BadFilesGiveLineNumberedChineseErrors) {
  const auto error_of = [](const std::string& text) {
    auto c = load_work_calendar_from_string(text, "/x/cal.yaml");
    EXPECT_FALSE(c.ok());
    return c.ok() ? std::string() : c.error().code + " " + c.error().message;
  };
  // A make-up day on a weekday.
  std::string e = error_of("years:\n  - year: 2025\n    holidays: []\n    workdays: [2025-03-03]\n");
  EXPECT_NE(e.find("CALENDAR_INVALID"), std::string::npos);
  EXPECT_NE(e.find("cal.yaml 第4行"), std::string::npos) << e;
  EXPECT_NE(e.find("不是周六或周日"), std::string::npos) << e;
  // An impossible date.
  e = error_of("years:\n  - year: 2025\n    holidays:\n      - {name: 春节, from: 2025-02-30}\n");
  EXPECT_NE(e.find("第4行"), std::string::npos) << e;
  EXPECT_NE(e.find("不是有效日期"), std::string::npos) << e;
  // A date in another year.
  e = error_of("years:\n  - year: 2025\n    holidays:\n      - {name: 春节, from: 2024-06-01}\n");
  EXPECT_NE(e.find("不在该年份内"), std::string::npos) << e;
  // Same year twice, missing holidays, syntax errors, not a map, empty.
  EXPECT_NE(error_of("years:\n  - {year: 2025, holidays: []}\n  - {year: 2025, holidays: []}\n").find("重复"),
            std::string::npos);
  EXPECT_NE(error_of("years:\n  - year: 2025\n").find("holidays"), std::string::npos);
  EXPECT_NE(error_of("years: [\n").find("YAML"), std::string::npos);
  EXPECT_NE(error_of("- 1\n- 2\n").find("顶层"), std::string::npos);
  EXPECT_NE(error_of("").find("为空"), std::string::npos);
  EXPECT_NE(error_of("years: \"\xff\"\n").find("UTF-8"), std::string::npos);
}

TEST(WorkCalendar, MissingFileIsUnreadable) {
  testing::TempDir dir;
  auto c = load_work_calendar(dir.str() + "/none.yaml");
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.error().code, "CALENDAR_UNREADABLE");
  EXPECT_EQ(default_calendar_path("/a/rules/shandong-2025.yaml"), "/a/rules/calendar/cn-holidays.yaml");
}

}  // namespace
}  // namespace evpack
