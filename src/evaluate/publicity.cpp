// 双公示 ledger evaluation (D.4). Header matching is deliberately liberal: ledgers are
// typed by hand from templates that differ per county and per year.
#include "evpack/evaluate/publicity.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <set>
#include <string_view>

#include "evpack/inspect/date_text.hpp"
#include "evpack/util/format.hpp"
#include "evpack/util/text.hpp"

namespace evpack {

namespace {

// Headers sit near the top; a title row or two often comes first.
constexpr std::size_t kHeaderSearchRows = 30;

// Header text without spaces or line breaks, full-width forms folded ("公示\n日期" -> "公示日期").
std::string squeeze(const std::string& text) {
  std::string out;
  for (const std::string& ch : split_utf8_chars(normalize_fullwidth(text))) {
    if (ch == " " || ch == "\n" || ch == "\r" || ch == "\t" || ch == "\u3000" || ch == "\u00a0") continue;
    out += ch;
  }
  return out;
}

template <std::size_t N>
bool contains_any(std::string_view text, const std::array<std::string_view, N>& words) {
  return std::any_of(words.begin(), words.end(), [&](std::string_view w) { return contains(text, w); });
}

// Words that make a date column something other than the two dates we need.
constexpr std::array<std::string_view, 8> kOtherDates = {"有效期", "截止", "届满", "期限",
                                                         "起始",   "终止", "生效", "到期"};

// 0 = not the column; higher = better match.
int decision_score(const std::string& h) {
  if (contains_any(h, kOtherDates)) return 0;
  constexpr std::array<std::string_view, 4> kNotDecision = {"公示", "上网", "公开", "报送"};
  if (contains_any(h, kNotDecision)) return 0;
  if (contains(h, "决定") && (contains(h, "日期") || contains(h, "时间"))) return 3;
  constexpr std::array<std::string_view, 8> kOther = {"作出日期", "处罚日期", "许可日期", "审批日期",
                                                      "批准日期", "发证日期", "办结日期", "决定日"};
  if (contains_any(h, kOther)) return 2;
  return 0;
}

int publication_score(const std::string& h) {
  if (contains_any(h, kOtherDates)) return 0;
  const bool dated = contains(h, "日期") || contains(h, "时间") || contains(h, "日");
  if (!dated) return 0;
  if (contains(h, "公示") || contains(h, "上网") || contains(h, "公开")) return 3;
  if (contains(h, "发布")) return 2;
  if (contains(h, "报送") || contains(h, "推送") || contains(h, "上报") || contains(h, "归集")) return 1;
  return 0;
}

int kind_score(const std::string& h) {
  if (contains(h, "许可/处罚") || contains(h, "许可或处罚") || contains(h, "信息类别") || contains(h, "公示类别"))
    return 3;
  if (h == "类别" || h == "类型" || h == "种类" || h == "信息类型" || h == "决定类别" || h == "行政行为") return 2;
  if ((contains(h, "类别") || contains(h, "类型")) && !contains(h, "证件") && !contains(h, "主体")) return 1;
  return 0;
}

int number_score(const std::string& h) {
  constexpr std::array<std::string_view, 6> kNotNumber = {"信用代码", "身份证", "证件号", "序号", "代码", "电话"};
  if (contains_any(h, kNotNumber)) return 0;
  if (contains(h, "文书号") || contains(h, "文号") || contains(h, "决定书")) return 3;
  if (contains(h, "案号")) return 2;
  if (contains(h, "证号") || contains(h, "编号")) return 1;
  return 0;
}

struct Columns {
  std::size_t header_row = 0;  // index into rows
  std::optional<std::size_t> decision;
  std::optional<std::size_t> published;
  std::optional<std::size_t> kind;
  std::optional<std::size_t> number;
  std::string kind_hint;  // from headers ("许可决定日期") or the sheet name
};

std::optional<std::size_t> best_column(const std::vector<std::string>& headers, int (*score)(const std::string&),
                                       const std::set<std::size_t>& taken) {
  std::optional<std::size_t> best;
  int best_score = 0;
  for (std::size_t c = 0; c < headers.size(); ++c) {
    if (taken.count(c)) continue;
    const int s = score(headers[c]);
    if (s > best_score) {
      best_score = s;
      best = c;
    }
  }
  return best;
}

std::string kind_from_text(const std::string& text) {
  const bool penalty = contains(text, "处罚");
  const bool licence = contains(text, "许可");
  if (penalty && !licence) return "行政处罚";
  if (licence && !penalty) return "行政许可";
  return "";
}

std::optional<Columns> find_columns(const TableSheet& sheet) {
  for (std::size_t r = 0; r < sheet.rows.size() && r < kHeaderSearchRows; ++r) {
    std::vector<std::string> headers;
    for (const auto& cell : sheet.rows[r]) headers.push_back(squeeze(cell));
    std::set<std::size_t> taken;
    Columns cols;
    cols.header_row = r;
    cols.decision = best_column(headers, decision_score, taken);
    if (!cols.decision) continue;
    taken.insert(*cols.decision);
    cols.published = best_column(headers, publication_score, taken);
    if (!cols.published) continue;
    taken.insert(*cols.published);
    cols.kind = best_column(headers, kind_score, taken);
    if (cols.kind) taken.insert(*cols.kind);
    cols.number = best_column(headers, number_score, taken);
    cols.kind_hint = kind_from_text(headers[*cols.decision]);
    if (cols.kind_hint.empty() && cols.number) cols.kind_hint = kind_from_text(headers[*cols.number]);
    if (cols.kind_hint.empty()) cols.kind_hint = kind_from_text(sheet.name);
    return cols;
  }
  return std::nullopt;
}

std::string cell_at(const std::vector<std::string>& row, const std::optional<std::size_t>& col) {
  return col && *col < row.size() ? trim(row[*col]) : std::string();
}

// Entry kind from its own cells: the kind column, else the document number's agency code
// (青交罚字 / 青交许字), else what the headers or sheet name said.
std::string entry_kind(const std::string& kind_cell, const std::string& number, const std::string& hint) {
  if (std::string k = kind_from_text(kind_cell); !k.empty()) return k;
  if (!kind_cell.empty()) {
    if (contains(kind_cell, "罚")) return "行政处罚";
    if (contains(kind_cell, "许")) return "行政许可";
  }
  if (contains(number, "罚")) return "行政处罚";
  if (contains(number, "许")) return "行政许可";
  return hint;
}

bool digits_only(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

int to_int(std::string_view s) {
  int v = 0;
  std::from_chars(s.data(), s.data() + s.size(), v);
  return v;
}

// Splits "2025-3-3", "2025/03/03", "3/3/2025" into numeric parts; nullopt when other
// characters are mixed in.
std::optional<std::vector<std::string>> numeric_parts(std::string_view s, char sep) {
  std::vector<std::string> parts;
  std::string current;
  for (char c : s) {
    if (c == sep) {
      parts.push_back(current);
      current.clear();
    } else if (c >= '0' && c <= '9') {
      current += c;
    } else {
      return std::nullopt;
    }
  }
  parts.push_back(current);
  for (const auto& p : parts) {
    if (p.empty()) return std::nullopt;
  }
  return parts;
}

// "第5行" or "工作表“行政处罚”第5行" when the ledger has several sheets.
std::string where(const PublicityEntry& e, bool several_sheets) {
  return (several_sheets && !e.sheet.empty() ? "工作表“" + e.sheet + "”" : std::string()) + "第" +
         std::to_string(e.row) + "行";
}

std::string label(const PublicityEntry& e, bool several_sheets) {
  std::vector<std::string> parts;
  if (!e.number.empty()) parts.push_back(e.number);
  if (!e.kind.empty()) parts.push_back(e.kind);
  return where(e, several_sheets) + (parts.empty() ? std::string() : "（" + join(parts, "，") + "）");
}

}  // namespace

std::string to_string(PublicityStatus status) {
  switch (status) {
    case PublicityStatus::OnTime: return "on_time";
    case PublicityStatus::Late: return "late";
    case PublicityStatus::Unknown: return "unknown";
    case PublicityStatus::Incomplete: return "incomplete";
  }
  return "unknown";
}

std::optional<CivilDate> parse_ledger_date(const std::string& cell) {
  std::string s = trim(normalize_fullwidth(cell));
  if (s.empty()) return std::nullopt;
  // Drop a time of day: "2025-03-03 10:20:00", "2025/3/3 10:20", "2025-03-03T10:20".
  const std::size_t cut = s.find_first_of(" T");
  if (cut != std::string::npos && cut >= 6) s = s.substr(0, cut);

  const auto valid = [](CivilDate d) -> std::optional<CivilDate> {
    if (d.valid() && d.year >= 1949 && d.year <= 2100) return d;
    return std::nullopt;
  };
  // An Excel serial number exported as a plain number (1990-01-01 .. 2100-12-31).
  if (digits_only(s) && s.size() == 5) {
    const std::string iso = excel_serial_to_text(std::strtod(s.c_str(), nullptr));
    if (const auto d = parse_ledger_date(iso); d && d->year >= 1990) return d;
    return std::nullopt;
  }
  if (const std::size_t dot = s.find('.'); dot == 5 && digits_only(s.substr(0, 5)) && digits_only(s.substr(6))) {
    return parse_ledger_date(s.substr(0, 5));  // serial with a time fraction
  }
  if (digits_only(s) && s.size() == 8)
    return valid({to_int(s.substr(0, 4)), to_int(s.substr(4, 2)), to_int(s.substr(6, 2))});
  for (const char sep : {'-', '/', '.'}) {
    const auto parts = numeric_parts(s, sep);
    if (!parts || parts->size() != 3) continue;
    const auto& p = *parts;
    if (p[0].size() == 4 && p[1].size() <= 2 && p[2].size() <= 2)
      return valid({to_int(p[0]), to_int(p[1]), to_int(p[2])});
    // Excel's default display in a US locale: m/d/yyyy.
    if (sep == '/' && p[2].size() == 4 && p[0].size() <= 2 && p[1].size() <= 2) {
      return valid({to_int(p[2]), to_int(p[0]), to_int(p[1])});
    }
    return std::nullopt;
  }
  // 2025年3月3日 and Chinese numerals: exactly one date in the cell.
  const auto found = find_dates(s);
  if (found.size() == 1) return valid(found[0].date);
  return std::nullopt;
}

bool is_publicity_ledger_path(const std::string& rel_path) {
  const std::string lower = to_lower_ascii(rel_path);
  const auto ends_with = [&](std::string_view ext) {
    return lower.size() >= ext.size() && lower.compare(lower.size() - ext.size(), ext.size(), ext) == 0;
  };
  if (!ends_with(".xlsx") && !ends_with(".csv") && !ends_with(".xls") && !ends_with(".et")) return false;
  return contains(rel_path, "双公示") || contains(rel_path, "双 公示") ||
         (contains(rel_path, "公示") && (contains(rel_path, "许可") || contains(rel_path, "处罚")) &&
          contains(rel_path, "台账"));
}

namespace {

// A publicity finding about the ledger `file`, counted in the publicity_delay deduction.
Finding ledger_finding(const std::string& file, std::string code, Severity severity, std::string message,
                       std::string advice) {
  Finding f;
  f.code = std::move(code);
  f.severity = severity;
  f.role = DeductionRole::PublicityDelay;
  f.file = file;
  f.message = std::move(message);
  f.advice = std::move(advice);
  return f;
}

// One ledger's check: each row in turn (check_row), then the years the calendar lacks.
class LedgerCheck {
 public:
  LedgerCheck(const WorkCalendar& calendar, const PublicityOptions& options, bool several)
      : calendar_(calendar), options_(options), limit_(std::max(1, options.max_working_days)), several_(several) {}

  int limit() const { return limit_; }

  void add(std::string code, Severity severity, std::string message, std::string advice) {
    result_.findings.push_back(
        ledger_finding(options_.file, std::move(code), severity, std::move(message), std::move(advice)));
  }

  // Row `r` of `sheet` below the header: an entry (counted and judged) unless it is blank,
  // the header repeated for printing, or a note under the table.
  void check_row(const TableSheet& sheet, const Columns& cols, const std::string& decision_header, std::size_t r) {
    const auto& row = sheet.rows[r];
    const std::string decision_text = cell_at(row, cols.decision);
    const std::string published_text = cell_at(row, cols.published);
    const std::string number = cell_at(row, cols.number);
    if (decision_text.empty() && published_text.empty() && number.empty()) return;
    if (squeeze(decision_text) == decision_header) return;  // header repeated for printing

    PublicityEntry e;
    e.sheet = sheet.name;
    e.row = static_cast<int>(r + 1);
    e.number = number;
    e.kind = entry_kind(cell_at(row, cols.kind), number, cols.kind_hint);
    e.decision = parse_ledger_date(decision_text);
    e.published = parse_ledger_date(published_text);
    // A note under the table ("填表人：…", "合计") has no document number and no
    // readable decision date: not an entry.
    if (!e.decision && number.empty()) return;
    ++result_.summary.rows;

    if (!report_date_problem(e, decision_text, published_text)) {
      judge_timing(e);
      return;
    }
    e.status = PublicityStatus::Incomplete;
    ++result_.summary.incomplete;
    result_.entries.push_back(e);
  }

  // One finding per year the calendar lacks, naming (at most ten of) the rows it leaves undecided.
  void report_unknown_years() {
    for (const auto& [year, rows] : unknown_by_year_) {
      std::vector<std::string> shown(
          rows.begin(), rows.begin() + static_cast<std::ptrdiff_t>(std::min<std::size_t>(rows.size(), 10)));
      if (rows.size() > shown.size()) shown.push_back("等" + std::to_string(rows.size()) + "行");
      add("D4_CALENDAR_UNKNOWN", Severity::Warning,
          "工作日日历中没有" + std::to_string(year) + "年的节假日安排，" + join(shown, "、") + "无法判断是否在" +
              std::to_string(limit_) + "个工作日内公示（不作推测）",
          "在 rules/calendar/cn-holidays.yaml 中补充" + std::to_string(year) +
              "年国务院办公厅部分节假日安排通知的放假和调休上班日期后重新检查");
    }
  }

  PublicityResult take() { return std::move(result_); }

 private:
  // Says why an entry's dates cannot be judged (a date unreadable, the publication
  // date missing, the dates out of order); false when they can.
  bool report_date_problem(const PublicityEntry& e, const std::string& decision_text,
                           const std::string& published_text) {
    if (!e.decision) {
      add("D4_DATE_UNREADABLE", Severity::Warning,
          label(e, several_) + "：决定日期" + (decision_text.empty() ? "为空" : "“" + decision_text + "”无法识别") +
              "，无法检查公示时限",
          "请按“2025-03-18”或“2025年3月18日”的格式填写决定日期");
    } else if (published_text.empty()) {
      add("D4_NOT_PUBLISHED", Severity::Warning,
          label(e, several_) + "：决定日期为" + e.decision->iso() + "，但没有填写公示日期，可能存在漏报",
          "核对该决定是否已在" + std::to_string(limit_) + "个工作日内上网公示，并补填公示日期和公示网址");
    } else if (!e.published) {
      add("D4_DATE_UNREADABLE", Severity::Warning,
          label(e, several_) + "：公示日期“" + published_text + "”无法识别，无法检查公示时限",
          "请按“2025-03-18”或“2025年3月18日”的格式填写公示日期");
    } else if (*e.published < *e.decision) {
      add("D4_DATE_ORDER", Severity::Warning,
          label(e, several_) + "：公示日期" + e.published->iso() + "早于决定日期" + e.decision->iso() + "，请核对",
          "台账日期有误会被认为信息不准确，请与公示网站上的记录核对后更正");
    } else {
      return false;
    }
    return true;
  }

  // An entry with both dates in order: on time, late or unknown (no calendar for its years).
  void judge_timing(PublicityEntry& e) {
    e.deadline = calendar_.add_working_days(*e.decision, limit_);
    e.working_days = calendar_.working_days_between(*e.decision, *e.published);
    const std::int64_t calendar_days = e.published->days_since_epoch() - e.decision->days_since_epoch();
    if (calendar_days <= limit_) {
      // N working days never end before N calendar days: on time whatever the calendar.
      e.status = PublicityStatus::OnTime;
    } else if (e.working_days) {
      e.status = *e.working_days > limit_ ? PublicityStatus::Late : PublicityStatus::OnTime;
    } else if (e.deadline) {
      // Published in a year without data, but the deadline fell before it.
      e.status = *e.published > *e.deadline ? PublicityStatus::Late : PublicityStatus::OnTime;
    } else {
      e.status = PublicityStatus::Unknown;
      int missing = e.decision->year;
      while (calendar_.covers(missing)) ++missing;
      unknown_by_year_[missing].push_back(where(e, several_));
    }
    if (e.status == PublicityStatus::Late) {
      const std::string gap =
          e.working_days ? "相隔" + std::to_string(*e.working_days) + "个工作日" : "晚于最迟公示日期";
      add("D4_LATE_PUBLICITY", Severity::Error,
          label(e, several_) + "：决定日期" + e.decision->iso() + "，公示日期" + e.published->iso() + "，" + gap +
              "，超过“自作出行政决定之日起" + std::to_string(limit_) + "个工作日内上网公开”的时限" +
              (e.deadline ? "（最迟应于" + e.deadline->iso() + "公示）" : std::string()),
          "迟报属于“双公示”扣分情形；请核对公示网站上的实际公示日期，台账填写有误的应按实际更正");
    }
    result_.entries.push_back(e);
    switch (e.status) {
      case PublicityStatus::OnTime: ++result_.summary.on_time; break;
      case PublicityStatus::Late: ++result_.summary.late; break;
      case PublicityStatus::Unknown: ++result_.summary.unknown; break;
      case PublicityStatus::Incomplete: break;
    }
  }

  const WorkCalendar& calendar_;
  const PublicityOptions& options_;
  const int limit_;
  const bool several_;
  PublicityResult result_;
  std::map<int, std::vector<std::string>> unknown_by_year_;  // rows waiting for calendar data, by missing year
};

}  // namespace

PublicityResult evaluate_publicity_ledger(const std::vector<TableSheet>& sheets, const WorkCalendar& calendar,
                                          const PublicityOptions& options) {
  std::vector<std::pair<const TableSheet*, Columns>> found;
  for (const TableSheet& sheet : sheets) {
    if (auto cols = find_columns(sheet)) found.emplace_back(&sheet, *cols);
  }
  LedgerCheck check(calendar, options, found.size() > 1);
  if (found.empty()) {
    check.add(
        "D4_LEDGER_COLUMNS", Severity::Warning,
        "双公示台账中未找到“决定日期”和“公示日期”两列，无法检查" + std::to_string(check.limit()) +
            "个工作日内公示的时限",
        "台账表头应包含“决定日期”（或“作出决定日期”“许可决定日期”“处罚决定日期”）和“公示日期”（或“上网日期”“公开日期”）");
    return check.take();
  }
  for (const auto& [sheet, cols] : found) {
    const std::string decision_header = squeeze(sheet->rows[cols.header_row][*cols.decision]);
    for (std::size_t r = cols.header_row + 1; r < sheet->rows.size(); ++r)
      check.check_row(*sheet, cols, decision_header, r);
  }
  check.report_unknown_years();
  PublicityResult result = check.take();
  result.columns_found = true;
  return result;
}

PublicityResult evaluate_publicity_ledger(const std::string& path, const WorkCalendar& calendar,
                                          const PublicityOptions& options) {
  auto sheets = read_table(path);
  if (!sheets) {
    PublicityResult result;
    result.findings.push_back(ledger_finding(options.file, "D4_LEDGER_UNREADABLE", Severity::Warning,
                                             "双公示台账无法读取，未能检查公示时限：" + sheets.error().message,
                                             "请提供 .xlsx、.xls 或 .csv 格式的双公示台账（WPS 表格请另存为 .xlsx）"));
    return result;
  }
  return evaluate_publicity_ledger(sheets.value(), calendar, options);
}

}  // namespace evpack
