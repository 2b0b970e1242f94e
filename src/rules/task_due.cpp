#include "evpack/rules/task_due.hpp"

#include <cctype>
#include <vector>

namespace evpack {

namespace {

struct Point {
  int year = 0;
  int month = 0;  // 0 = the whole year
};

bool starts_with_at(const std::string& s, std::size_t i, const char* what) {
  return s.compare(i, std::char_traits<char>::length(what), what) == 0;
}

std::size_t digits_at(const std::string& s, std::size_t i) {
  std::size_t n = 0;
  while (i + n < s.size() && std::isdigit(static_cast<unsigned char>(s[i + n]))) ++n;
  return n;
}

CivilDate first_day(const Point& p) { return {p.year, p.month ? p.month : 1, 1}; }

CivilDate last_day(const Point& p) {
  if (!p.month) return {p.year, 12, 31};
  const CivilDate next = p.month == 12 ? CivilDate{p.year + 1, 1, 1} : CivilDate{p.year, p.month + 1, 1};
  return CivilDate::from_days_since_epoch(next.days_since_epoch() - 1);
}

std::string label(const Point& p) {
  return std::to_string(p.year) + "年" + (p.month ? std::to_string(p.month) + "月" : "");
}

}  // namespace

Expected<TaskWindow> parse_task_due(const std::string& due, int first_year, int last_year) {
  // Dates are read as year tokens (19xx/20xx) with an optional month after "-", ".", "/" or "年",
  // and bare months ("8月") that take the year of the date before them.
  std::vector<Point> points;
  std::size_t i = 0;
  while (i < due.size()) {
    const std::size_t n = digits_at(due, i);
    if (n == 0) {
      ++i;
      continue;
    }
    const int value = std::stoi(due.substr(i, std::min<std::size_t>(n, 6)));
    std::size_t next = i + n;
    if (n == 4 && value >= 1900 && value <= 2099) {
      Point p{value, 0};
      std::size_t sep = 0;
      if (next < due.size() && (due[next] == '-' || due[next] == '.' || due[next] == '/'))
        sep = 1;
      else if (starts_with_at(due, next, "年"))
        sep = std::char_traits<char>::length("年");
      if (sep) {
        const std::size_t m = digits_at(due, next + sep);
        if (m >= 1 && m <= 2) {
          p.month = std::stoi(due.substr(next + sep, m));
          next += sep + m;
          if (p.month < 1 || p.month > 12)
            return Error{"TASK_DUE_INVALID", "完成时间“" + due + "”中的月份" + std::to_string(p.month) + "不存在"};
        }
      }
      points.push_back(p);
    } else if (n <= 2 && !points.empty() && starts_with_at(due, next, "月")) {
      if (value < 1 || value > 12)
        return Error{"TASK_DUE_INVALID", "完成时间“" + due + "”中的月份" + std::to_string(value) + "不存在"};
      points.push_back({points.back().year, value});
    }
    i = next;
  }

  TaskWindow w;
  const int first = first_year ? first_year : (points.empty() ? 0 : points.front().year);
  const int last = last_year ? last_year : first;
  if (points.empty()) {
    w.continuous = true;
    w.from = {first, 1, 1};
    w.to = {last, 12, 31};
    return w;
  }
  if (points.size() == 1) {
    w.deadline = true;
    w.to = last_day(points.front());
    w.from = {first && first < points.front().year ? first : points.front().year, 1, 1};
    return w;
  }
  w.from = first_day(points.front());
  w.to = last_day(points.back());
  if (w.to < w.from) {
    return Error{"TASK_DUE_INVALID",
                 "完成时间“" + due + "”的结束时间" + label(points.back()) + "早于开始时间" + label(points.front())};
  }
  return w;
}

}  // namespace evpack
