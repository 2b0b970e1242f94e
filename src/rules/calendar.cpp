// Loading the working-day calendar (rules/calendar/cn-holidays.yaml) and counting
// working days. yaml-cpp is confined to this file and rule_loader.cpp; its exceptions
// become Errors with line-numbered Chinese messages here.
#include "evpack/rules/calendar.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string_view>

#include "evpack/util/text.hpp"

namespace evpack {

namespace {

namespace fs = std::filesystem;

// A calendar file holds a few years; anything far larger is something else.
constexpr std::uintmax_t kMaxCalendarBytes = 1024u * 1024u;
// Walks longer than this are refused rather than looped over: no real deadline spans
// decades, and a typo such as 2205 must not cost a long loop.
constexpr std::int64_t kMaxWalkDays = 366 * 30;

struct CalendarFileError {
  int line = 0;
  std::string message;
};

int line_of(const YAML::Node& node) {
  if (!node.IsDefined()) return 0;
  const YAML::Mark mark = node.Mark();
  return mark.is_null() ? 0 : mark.line + 1;
}

[[noreturn]] void fail(const YAML::Node& node, const std::string& message) {
  throw CalendarFileError{line_of(node), message};
}

std::string scalar(const YAML::Node& node, const std::string& what) {
  if (!node.IsDefined() || node.IsNull()) fail(node, "缺少" + what);
  if (!node.IsScalar()) fail(node, what + "应为文字");
  return trim(node.Scalar());
}

// "2025-01-28" only: the file is edited by hand and ambiguity must be an error.
CivilDate parse_iso_date(const YAML::Node& node, const std::string& what) {
  const std::string text = scalar(node, what);
  CivilDate date;
  const auto number = [&](std::size_t pos, std::size_t len, int& out) {
    if (pos + len > text.size()) return false;
    const char* first = text.data() + pos;
    const auto [ptr, ec] = std::from_chars(first, first + len, out);
    return ec == std::errc() && ptr == first + len;
  };
  const bool shaped = text.size() == 10 && text[4] == '-' && text[7] == '-' && number(0, 4, date.year) &&
                      number(5, 2, date.month) && number(8, 2, date.day);
  if (!shaped || !date.valid()) fail(node, what + "“" + text + "”不是有效日期（应写成 2025-01-28）");
  return date;
}

CalendarYear parse_year(const YAML::Node& node) {
  if (!node.IsMap()) fail(node, "years 下的每一项应为键值映射（year: …、holidays: …、workdays: …）");
  CalendarYear out;
  const YAML::Node year_node = node["year"];
  const std::string year_text = scalar(year_node, "年份 year");
  const auto [ptr, ec] = std::from_chars(year_text.data(), year_text.data() + year_text.size(), out.year);
  if (ec != std::errc() || ptr != year_text.data() + year_text.size() || out.year < 1900 || out.year > 2999) {
    fail(year_node, "年份“" + year_text + "”无效");
  }
  const std::string where = std::to_string(out.year) + "年";
  if (node["notice"] && !node["notice"].IsNull()) out.notice = scalar(node["notice"], where + "的通知 notice");
  if (node["url"] && !node["url"].IsNull()) out.url = scalar(node["url"], where + "的网址 url");

  // A period may start in the previous year (元旦 2022-12-31 – 2023-01-02) but no further.
  const auto check_year = [&](const YAML::Node& at, const CivilDate& d, const std::string& what) {
    if (d.year != out.year && !(d.year == out.year - 1 && d.month == 12) && !(d.year == out.year + 1 && d.month == 1)) {
      fail(at, where + "的" + what + " " + d.iso() + " 不在该年份内");
    }
  };

  const YAML::Node holidays = node["holidays"];
  if (!holidays || holidays.IsNull()) fail(node, where + "缺少放假安排 holidays");
  if (!holidays.IsSequence()) fail(holidays, where + "的 holidays 应为列表");
  for (const YAML::Node& h : holidays) {
    if (!h.IsMap()) fail(h, where + "的每个假期应写成 {name: 春节, from: 2025-01-28, to: 2025-02-04}");
    HolidayPeriod period;
    period.name = scalar(h["name"], where + "假期名称 name");
    period.from = parse_iso_date(h["from"], where + period.name + "的开始日期 from");
    period.to =
        h["to"] && !h["to"].IsNull() ? parse_iso_date(h["to"], where + period.name + "的结束日期 to") : period.from;
    if (period.to < period.from) fail(h, where + period.name + "的结束日期早于开始日期");
    if (period.to.days_since_epoch() - period.from.days_since_epoch() > 31) {
      fail(h, where + period.name + "的假期超过一个月，请检查日期");
    }
    check_year(h, period.from, period.name + "开始日期");
    check_year(h, period.to, period.name + "结束日期");
    out.holidays.push_back(std::move(period));
  }

  const YAML::Node workdays = node["workdays"];
  if (workdays && !workdays.IsNull()) {
    if (!workdays.IsSequence()) fail(workdays, where + "的调休上班日 workdays 应为日期列表");
    for (const YAML::Node& w : workdays) {
      const CivilDate d = parse_iso_date(w, where + "调休上班日");
      if (d.weekday() < 6) fail(w, where + "调休上班日 " + d.iso() + " 不是周六或周日（平时本来就上班）");
      check_year(w, d, "调休上班日");
      out.workdays.push_back(d);
    }
  }
  for (const CivilDate& w : out.workdays) {
    for (const HolidayPeriod& h : out.holidays) {
      if (h.from <= w && w <= h.to) fail(workdays, where + w.iso() + " 同时列为假期和调休上班日");
    }
  }
  return out;
}

WorkCalendar parse_calendar(const YAML::Node& root) {
  if (!root.IsDefined() || root.IsNull()) throw CalendarFileError{0, "日历文件为空"};
  if (!root.IsMap()) fail(root, "日历文件的顶层应为键值映射（source: …、years: …）");
  std::string source;
  if (root["source"] && !root["source"].IsNull()) source = scalar(root["source"], "来源 source");
  const YAML::Node years = root["years"];
  if (!years || years.IsNull()) fail(root, "日历文件缺少 years（各年放假安排列表）");
  if (!years.IsSequence()) fail(years, "years 应为列表");
  std::vector<CalendarYear> out;
  for (const YAML::Node& node : years) {
    CalendarYear year = parse_year(node);
    if (std::any_of(out.begin(), out.end(), [&](const CalendarYear& y) { return y.year == year.year; })) {
      fail(node, std::to_string(year.year) + "年重复出现");
    }
    out.push_back(std::move(year));
  }
  return WorkCalendar(std::move(out), std::move(source));
}

}  // namespace

WorkCalendar::WorkCalendar(std::vector<CalendarYear> years, std::string source) : source_(std::move(source)) {
  // A repeated year replaces the earlier block, as documented.
  for (auto& y : years) {
    const auto same =
        std::find_if(years_.begin(), years_.end(), [&](const CalendarYear& o) { return o.year == y.year; });
    if (same != years_.end()) {
      *same = std::move(y);
    } else {
      years_.push_back(std::move(y));
    }
  }
  std::sort(years_.begin(), years_.end(), [](const CalendarYear& a, const CalendarYear& b) { return a.year < b.year; });
  for (const CalendarYear& y : years_) {
    covered_.insert(y.year);
    for (const HolidayPeriod& h : y.holidays) {
      if (!h.from.valid() || !h.to.valid()) continue;
      for (std::int64_t d = h.from.days_since_epoch(); d <= h.to.days_since_epoch(); ++d) {
        if (CivilDate::from_days_since_epoch(d).weekday() <= 5) rest_.insert(d);
      }
    }
    for (const CivilDate& w : y.workdays) {
      if (w.valid()) makeup_.insert(w.days_since_epoch());
    }
  }
}

bool WorkCalendar::covers(int year) const { return covered_.count(year) > 0; }

std::vector<int> WorkCalendar::years() const { return {covered_.begin(), covered_.end()}; }

std::optional<bool> WorkCalendar::is_working_day(const CivilDate& date) const {
  if (!date.valid() || !covers(date.year)) return std::nullopt;
  const std::int64_t d = date.days_since_epoch();
  if (date.weekday() >= 6) return makeup_.count(d) > 0;
  return rest_.count(d) == 0;
}

std::optional<int> WorkCalendar::working_days_between(const CivilDate& from, const CivilDate& to) const {
  if (!from.valid() || !to.valid()) return std::nullopt;
  const std::int64_t first = from.days_since_epoch() + 1;
  const std::int64_t last = to.days_since_epoch();
  if (last < first) return 0;
  if (last - first > kMaxWalkDays) return std::nullopt;
  int count = 0;
  for (std::int64_t d = first; d <= last; ++d) {
    const auto working = is_working_day(CivilDate::from_days_since_epoch(d));
    if (!working) return std::nullopt;
    if (*working) ++count;
  }
  return count;
}

std::optional<CivilDate> WorkCalendar::add_working_days(const CivilDate& from, int n) const {
  if (!from.valid() || n < 1) return std::nullopt;
  std::int64_t d = from.days_since_epoch();
  const std::int64_t limit = d + kMaxWalkDays;
  int seen = 0;
  while (d < limit) {
    ++d;
    const CivilDate day = CivilDate::from_days_since_epoch(d);
    const auto working = is_working_day(day);
    if (!working) return std::nullopt;
    if (*working && ++seen == n) return day;
  }
  return std::nullopt;
}

Expected<WorkCalendar> load_work_calendar_from_string(const std::string& text, const std::string& name) {
  const std::string file_name = fs::path(name).filename().string();
  const auto located = [&](int line, const std::string& message) {
    return Error{"CALENDAR_INVALID",
                 (line > 0 ? file_name + " 第" + std::to_string(line) + "行：" : file_name + "：") + message};
  };
  if (!is_valid_utf8(text)) return located(0, "日历文件不是 UTF-8 编码，请用 UTF-8 另存后再试");
  try {
    return parse_calendar(YAML::Load(text));
  } catch (const CalendarFileError& e) {
    return located(e.line, e.message);
  } catch (const YAML::Exception& e) {
    return located(e.mark.is_null() ? 0 : e.mark.line + 1, "YAML 格式错误：" + e.msg);
  } catch (const std::exception& e) {
    return located(0, std::string("无法解析日历文件：") + e.what());
  }
}

Expected<WorkCalendar> load_work_calendar(const std::string& path) {
  const fs::path p(path);
  std::error_code ec;
  if (!fs::is_regular_file(p, ec)) return Error{"CALENDAR_UNREADABLE", "找不到工作日日历文件 " + path};
  const std::uintmax_t size = fs::file_size(p, ec);
  if (ec || size > kMaxCalendarBytes) {
    return Error{"CALENDAR_UNREADABLE", "无法读取工作日日历文件 " + path + (ec ? "" : "（文件过大，上限 1 MB）")};
  }
  std::ifstream in(p, std::ios::binary);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (!in && !in.eof()) return Error{"CALENDAR_UNREADABLE", "读取工作日日历文件 " + path + " 时出错"};
  return load_work_calendar_from_string(buffer.str(), path);
}

std::string default_calendar_path(const std::string& rule_file) {
  return (fs::path(rule_file).parent_path() / "calendar" / "cn-holidays.yaml").string();
}

}  // namespace evpack
