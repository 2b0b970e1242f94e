// The official working-day calendar (法定节假日 and 调休上班日) as data, loaded from
// rules/calendar/cn-holidays.yaml. Used to count working days for time rules such as
// the 双公示 "7个工作日内上网公开". A year without data is unknown, never guessed.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "evpack/core/expected.hpp"
#include "evpack/core/types.hpp"

namespace evpack {

/// One official holiday period (rest days, including weekends inside it).
struct HolidayPeriod {
  std::string name;  ///< "春节"
  CivilDate from;
  CivilDate to;  ///< inclusive
};

/// One year's notice.
struct CalendarYear {
  int year = 0;
  std::string notice;  ///< "国办发明电〔2024〕12号（2024年11月12日）"
  std::string url;
  std::vector<HolidayPeriod> holidays;
  std::vector<CivilDate> workdays;  ///< Saturdays/Sundays that are working days (调休上班)
};

/// Working days of the years it has data for. Plain value; all queries are pure.
class WorkCalendar {
 public:
  WorkCalendar() = default;
  /// Builds the calendar from year blocks (later blocks for the same year replace earlier ones).
  explicit WorkCalendar(std::vector<CalendarYear> years, std::string source = "");

  /// True when the calendar has data for `year`.
  bool covers(int year) const;
  /// Years with data, ascending.
  std::vector<int> years() const;
  /// Where the data comes from (the file's `source` line).
  const std::string& source() const { return source_; }
  /// The year blocks as loaded.
  const std::vector<CalendarYear>& year_data() const { return years_; }

  /// True for a working day, false for a rest day, nullopt when the date is invalid or its
  /// year has no data.
  std::optional<bool> is_working_day(const CivilDate& date) const;

  /// Working days after `from` up to and including `to` (the day of the decision itself does
  /// not count): Monday 2025-03-03 -> Friday 2025-03-07 is 4. Zero when `to` <= `from`.
  /// nullopt when a date is invalid or a day in between falls in a year without data.
  std::optional<int> working_days_between(const CivilDate& from, const CivilDate& to) const;

  /// The `n`-th working day after `from` (n >= 1): the last day of an "n个工作日内" period.
  /// nullopt when a date is invalid, n < 1, or the walk reaches a year without data.
  std::optional<CivilDate> add_working_days(const CivilDate& from, int n) const;

 private:
  std::vector<CalendarYear> years_;
  std::set<int> covered_;
  std::set<std::int64_t> rest_;    // weekday holidays, as days since the epoch
  std::set<std::int64_t> makeup_;  // weekend working days
  std::string source_;
};

/// Reads a calendar file (see rules/calendar/cn-holidays.yaml for the format).
/// Errors: CALENDAR_UNREADABLE (cannot read the file), CALENDAR_INVALID (YAML syntax, a bad
/// date, a make-up day that is not a Saturday or Sunday, a date outside its year ...), with a
/// line-numbered Chinese message.
Expected<WorkCalendar> load_work_calendar(const std::string& path);

/// Parses calendar text already in memory; `name` stands for the file in messages.
Expected<WorkCalendar> load_work_calendar_from_string(const std::string& text, const std::string& name);

/// The default calendar file for a rule file: `<folder of rule file>/calendar/cn-holidays.yaml`.
std::string default_calendar_path(const std::string& rule_file);

}  // namespace evpack
