#include "evpack/core/types.hpp"

#include <gtest/gtest.h>

namespace evpack {
namespace {

TEST(CivilDate, RoundTripsThroughEpochDays) {
  const CivilDate d{2025, 3, 18};
  EXPECT_EQ(CivilDate::from_days_since_epoch(d.days_since_epoch()), d);
  EXPECT_EQ(CivilDate({1970, 1, 1}).days_since_epoch(), 0);
  EXPECT_EQ(d.iso(), "2025-03-18");
  EXPECT_EQ(d.quarter(), 1);
}

// The C++20 calendar does the arithmetic: every day of the supported years round-trips,
// consecutive days are one apart and weekdays cycle (1900-01-01 was a Monday).
TEST(CivilDate, EpochDaysAndWeekdaysHoldForEveryDayFrom1900To2200) {
  const std::int64_t first = CivilDate({1900, 1, 1}).days_since_epoch();
  const std::int64_t last = CivilDate({2200, 12, 31}).days_since_epoch();
  EXPECT_EQ(last - first + 1, 301 * 365 + 73);  // leap years 1904-2196 except 2100
  int weekday = 1;
  for (std::int64_t z = first; z <= last; ++z) {
    const CivilDate d = CivilDate::from_days_since_epoch(z);
    ASSERT_TRUE(d.valid()) << z;
    ASSERT_EQ(d.days_since_epoch(), z) << d.iso();
    ASSERT_EQ(d.weekday(), weekday) << d.iso();
    weekday = weekday % 7 + 1;
  }
  EXPECT_EQ(CivilDate::from_days_since_epoch(CivilDate({2024, 2, 28}).days_since_epoch() + 1),
            (CivilDate{2024, 2, 29}));
}

TEST(CivilDate, RejectsImpossibleDates) {
  EXPECT_FALSE(CivilDate({2025, 2, 29}).valid());
  EXPECT_TRUE(CivilDate({2024, 2, 29}).valid());
  EXPECT_FALSE(CivilDate({2025, 13, 1}).valid());
  EXPECT_EQ(CivilDate({2025, 13, 1}).quarter(), 0);
}

TEST(CivilDate, KnowsWeekdays) {
  EXPECT_EQ(CivilDate({2025, 3, 18}).weekday(), 2);   // Tuesday
  EXPECT_EQ(CivilDate({2026, 11, 23}).weekday(), 1);  // Monday
}

TEST(Timestamp, FormatsWithAndWithoutTime) {
  EXPECT_EQ((Timestamp{{2025, 3, 18}, 9, 5, -1}).iso(), "2025-03-18 09:05");
  EXPECT_EQ((Timestamp{{2025, 3, 18}, 9, 5, 7}).iso(), "2025-03-18 09:05:07");
  EXPECT_EQ((Timestamp{{2025, 3, 18}}).iso(), "2025-03-18");
}

TEST(Findings, SortWorstFirstThenByRuleAndFile) {
  std::vector<Finding> f = {
      {"A", Severity::Info, "D.5", "b", "", "", ""},
      {"B", Severity::Fatal, "D.1", "z", "", "", ""},
      {"C", Severity::Info, "D.5", "a", "", "", ""},
  };
  sort_findings(f);
  EXPECT_EQ(f[0].code, "B");
  EXPECT_EQ(f[1].code, "C");
  EXPECT_EQ(f[2].code, "A");
}

}  // namespace
}  // namespace evpack
