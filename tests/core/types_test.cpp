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

TEST(CivilDate, RejectsImpossibleDates) {
  EXPECT_FALSE(CivilDate({2025, 2, 29}).valid());
  EXPECT_TRUE(CivilDate({2024, 2, 29}).valid());
  EXPECT_FALSE(CivilDate({2025, 13, 1}).valid());
  EXPECT_EQ(CivilDate({2025, 13, 1}).quarter(), 0);
}

TEST(CivilDate, KnowsWeekdays) {
  EXPECT_EQ(CivilDate({2025, 3, 18}).weekday(), 2);  // Tuesday
  EXPECT_EQ(CivilDate({2026, 11, 23}).weekday(), 1); // Monday
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
