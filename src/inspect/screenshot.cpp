// Screen captures: the date a capture stands for, and the four fields of a credit
// query (indicator 4.4), read from the lines of one OCR of the capture (an
// article's running text past its first line left unread: screen_capture.cpp).
//
//   layout ──> an article's running text painted over ──> OCR lines
//             ──> segments (a line cut at wide gaps: table cells, form columns)
//             ──> labels (what a label means: head noun + qualifier, not a fixed list)
//             ──> values (after the colon, to the right, below, down a table column)
//             ──> dates with their labels ──> query time, the capture's date
//             ──> heading shaped like an organisation's name ──> subject
//
// Real query pages word their labels freely (被查询主体名称, 企业名称, 被查询人,
// 办理事项, 查询用途, 报告生成时间, 核查结果 …) and lay them out in several ways:
// 信用中国 and 国家企业信用信息公示系统 show the subject as an unlabelled heading
// above its credit code; phone apps put each label above its value; query logs
// are tables with a header row. So a label is judged by its head noun (时间/日期,
// 事项/用途, 主体/名称/对象, 结果/状况 …) and its qualifier (查询/核查/报告 make a
// date the query's, 成立/决定/有效 make it a record's), and a field counts only
// with a value of its kind.
//
// This file holds the values and read_screen; segments and their geometry are in
// screen_segments.cpp, labels in screen_labels.cpp, the second readings and
// read_screenshot in screen_reread.cpp (screen_text.hpp).
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>
#include <utility>

#include "evpack/inspect/date_text.hpp"
#include "evpack/inspect/screenshot.hpp"
#include "evpack/util/text.hpp"
#include "screen_text.hpp"

namespace evpack {

namespace screen {

namespace {

// A heading is this much taller than the median segment.
constexpr double kHeadingRatio = 1.15;

// ---------------------------------------------------------------------------
// Values.

bool value_fits(unsigned role, const std::string& value) {
  const std::string v = trim(value);
  if (role == kResultRole && outcome_phrase(v)) return true;
  if (v.empty()) return false;
  // The next field's label is no value; words shaped like this field's own label
  // can be ("无严重失信记录" ends as 信用记录 does).
  if (const auto label = explicit_label(v); label && ((label->roles & role) == 0 || !label->value.empty()))
    return false;
  switch (role) {
    case kQueryTimeRole:
    case kPublishedRole: return !find_dates(v).empty();
    case kMatterRole:
    case kSubjectRole: return han_count(v) >= 2 && find_dates(v).empty();
    case kResultRole: return true;
    default: return false;
  }
}

// The label a date is written under: the words before it in its segment, else a
// label to its left, else the label heading its column (walking up past the
// column's other dates, as in a table of queries).
std::string label_of_date(const std::vector<Segment>& all, const Segment& s, const FoundDate& d) {
  // Words before the date in its segment, after a space or a colon: a label only
  // when short and no part of a sentence ("截至2025年1月31日已覆盖" is body text).
  std::string lead = trim(s.text.substr(0, d.offset));
  // Specks OCR read between a label's colon and its date ("核查时间 : 。， 2025 年
  // 3 月 7 日"): dropped when a colon stands before them.
  {
    std::string t = lead;
    for (bool more = true; more && !t.empty();) {
      more = false;
      for (std::string_view speck : {" ", ".", ",", "'", "`", "|", "。", "，", "、", "·"}) {
        if (ends_with(t, speck)) {
          t.erase(t.size() - speck.size());
          more = true;
        }
      }
    }
    if (t.size() < lead.size() && (ends_with(t, ":") || ends_with(t, "："))) lead = t;
  }
  std::string before = strip_colon(lead);
  if (const auto cut = before.find_last_of(" :;"); cut != std::string::npos) before = before.substr(cut + 1);
  if (!before.empty() && han_count(before) > 0) {
    if (contains_any(before, {"，", "。", "；", "、", "《", "》", "“", "”", ",", ";"})) return {};
    if (utf8_length(before) <= kMaxLabel) return before;
    // The previous field's value run into this label ("…融媒体中心发布时间"): a
    // label ending in 时间/日期 at the end.
    const auto chars = split_utf8_chars(before);
    std::string tail;
    for (std::size_t k = 0; k < kMaxLabel; ++k) {
      tail = chars[chars.size() - 1 - k] + tail;
      if ((ends_with(tail, "时间") || ends_with(tail, "日期")) && date_roles(tail) != 0) return tail;
    }
    return {};
  }
  if (const Segment* l = left_of(all, s); l != nullptr && is_label_only(*l)) return read_label(l->text)->label;
  const Segment* up = above(all, s);
  for (int steps = 0; up != nullptr && steps < 12; ++steps, up = above(all, *up)) {
    if (is_label_only(*up)) return read_label(up->text)->label;
    if (find_dates(up->text).empty()) break;
  }
  return {};
}

bool looks_like_org_name(std::string text) {
  // A bar or bracket OCR made of the heading's left rule or a phone page's
  // back arrow ("| 临川通达运输有限公司") is no part of the name.
  while (!text.empty()) {
    if (text[0] == ' ' || text[0] == '|' || text[0] == '[' || text[0] == '<' || text[0] == '(') {
      text.erase(0, 1);
    } else if (text.rfind("丨", 0) == 0 || text.rfind("｜", 0) == 0 || text.rfind("【", 0) == 0 ||
               text.rfind("《", 0) == 0) {
      text.erase(0, 3);
    } else {
      break;
    }
  }
  if (const auto space = text.find(' '); space != std::string::npos) text = text.substr(0, space);
  if (text.find(':') != std::string::npos) return false;
  const auto chars = split_utf8_chars(text);
  if (chars.size() < 4 || chars.size() > 40) return false;
  std::size_t han = 0;
  for (const auto& ch : chars) {
    if (is_han_char(ch)) {
      ++han;
    } else if (ch != "(" && ch != ")" && !is_ascii_digit_char(ch)) {
      return false;
    }
  }
  if (han * 10 < chars.size() * 8) return false;
  if (contains_any(text, {"网站", "关于", "开展", "召开", "举办", "通知", "公告"})) return false;
  for (std::string_view suffix : {"公司", "集团", "中心", "合作社", "站", "厂", "店", "部", "队", "校", "所", "院",
                                  "社", "场", "行", "馆", "户", "处"}) {
    if (ends_with(text, suffix)) return true;
  }
  return false;
}

// "行政处罚(0)": a record section with its count.
bool section_count(std::string_view text) {
  const auto open = text.rfind('(');
  if (open == std::string_view::npos || open == 0 || text.back() != ')') return false;
  const std::string_view inside = text.substr(open + 1, text.size() - open - 2);
  const std::string_view name = text.substr(0, open);
  return !inside.empty() &&
         std::all_of(inside.begin(), inside.end(), [](char c) { return (c >= '0' && c <= '9') || c == ' '; }) &&
         han_count(name) >= 2;
}

double median_height(const std::vector<Segment>& all) {
  std::vector<int> h;
  for (const Segment& s : all) h.push_back(s.box.height);
  if (h.empty()) return 0;
  std::nth_element(h.begin(), h.begin() + static_cast<std::ptrdiff_t>(h.size() / 2), h.end());
  return h[h.size() / 2];
}

// A segment near `s` (its row or the few lines under it) shows a credit code or a
// company's registration facts: the heading above is the subject's name.
bool registration_nearby(const std::vector<Segment>& all, const Segment& s) {
  for (const Segment& o : all) {
    if (&o == &s) continue;
    const bool near_row = same_row(o, s);
    const bool under = o.box.y >= s.box.y && o.box.y - s.bottom() <= 3 * std::max(1, s.box.height);
    if (!near_row && !under) continue;
    if (contains_any(o.text, {"信用代码", "法定代表人", "登记状态", "注册号", "经营者", "负责人"})) return true;
  }
  return false;
}

// ---------------------------------------------------------------------------
// The steps of read_screen.

// Label words OCR misreads by one similar character (期 as 其, 间 as 问): no
// such pair is a word of its own.
std::vector<OcrLine> with_label_words_mended(const std::vector<OcrLine>& read) {
  std::vector<OcrLine> lines = read;
  for (OcrLine& line : lines) {
    for (const auto& [wrong, right] :
         {std::pair<std::string_view, std::string_view>{"日其", "日期"}, {"时问", "时间"}}) {
      for (auto at = line.text.find(wrong); at != std::string::npos; at = line.text.find(wrong, at + right.size())) {
        line.text.replace(at, wrong.size(), right);
      }
    }
  }
  return lines;
}

// Where a page's segments lie: the top of the first, the height they span, the
// median segment height, the tallest segment in the upper half (the title).
struct Page {
  int top = 0;
  double height = 1;
  double typical = 0;
  const Segment* tallest = nullptr;
};
Page page_of(const std::vector<Segment>& segments) {
  int top = segments.front().box.y;
  int bottom = segments.front().bottom();
  for (const Segment& s : segments) {
    top = std::min(top, s.box.y);
    bottom = std::max(bottom, s.bottom());
  }
  Page page{top, static_cast<double>(std::max(1, bottom - top)), median_height(segments), nullptr};
  for (const Segment& s : segments) {
    if (s.box.y - top < page.height / 2 && (page.tallest == nullptr || s.box.height > page.tallest->box.height)) {
      page.tallest = &s;
    }
  }
  return page;
}

// Labelled fields (dates are judged apart, with their labels wherever they are):
// the roles found with a value of their kind, and whether a label names the query.
struct LabelledFields {
  unsigned found = 0;
  bool query_label = false;
};
LabelledFields labelled_fields(const std::vector<Segment>& segments) {
  LabelledFields out;
  for (const Segment& s : segments) {
    const auto label = read_label(s.text);
    if (!label) continue;
    // A label naming the query (查询时间, 被查询人, 核查结果) makes the page a query's.
    out.query_label = out.query_label || contains_any(label->label, {"查询", "核查", "查验", "审查", "检索", "报告",
                                                                     "信用状况", "信用记录", "失信记录"});
    for (const unsigned role : {kMatterRole, kSubjectRole, kResultRole}) {
      if ((label->roles & role) != 0 && (out.found & role) == 0 && has_value(segments, s, *label, role)) {
        out.found |= role;
      }
    }
  }
  return out;
}

// How well a date of segment `s` (under `label`, of `roles`) is placed to be the
// capture's own date: higher is better; 0 for a record's own date, never it.
int date_placement(const std::vector<Segment>& segments, const Page& page, const Segment& s, const FoundDate& d,
                   const std::string& label, unsigned roles) {
  const bool date_word = contains_any(label, {"时间", "日期", "时刻"});
  if (roles != 0) return 100;
  if (date_word) return 0;  // a record's own date (成立日期, 许可决定日期)
  if (const std::string lead = trim(s.text.substr(0, d.offset));
      !lead.empty() && (lead.back() == ':' || lead.back() == ';' || lead.back() == ',')) {
    return 20;  // under a label that could not be read: whose date it is, is unknown
  }
  if (in_list(segments, s)) return 15;  // one of a column of dates: a list of other articles
  if (std::any_of(segments.begin(), segments.end(),
                  [&](const Segment& o) {
                    return same_row(o, s) && std::abs(o.box.x - s.right()) < 10 * s.box.height &&
                           contains_any(o.text, {"来源", "作者", "浏览", "阅读", "点击", "字号", "编辑", "分享", "打印",
                                                 "发布"});
                  }) ||
      contains_any(s.text, {"来源", "作者", "浏览", "阅读", "点击", "字号"})) {
    return 80;
  }
  const Segment* tallest = page.tallest;
  if (tallest != nullptr && &s != tallest && s.box.y >= tallest->box.y &&
      s.box.y - tallest->bottom() <= 4 * tallest->box.height &&
      std::min(s.right(), tallest->right()) > std::max(s.box.x, tallest->box.x)) {
    return 60;  // under the title
  }
  if (han_count(s.text) >= 20) return 10;  // a date in the body text
  if ((s.box.y - page.top) > 0.92 * page.height || (s.bottom() - page.top) < 0.03 * page.height) {
    return 5;  // the clock of a taskbar or a status bar: when the capture was made
  }
  return 30;
}

// Dates: the query time is a date under a query-time label; the capture's own
// date is the best placed one (publication or query label, an article's meta
// line, under the title), never a record's own date.
struct PageDates {
  bool query_time = false;
  std::optional<CivilDate> date;
};
PageDates page_dates(const std::vector<Segment>& segments, const Page& page) {
  PageDates out;
  int best_score = 0;
  int best_y = 0;
  for (const Segment& s : segments) {
    for (const FoundDate& d : find_dates(s.text)) {
      const std::string label = label_of_date(segments, s, d);
      const unsigned roles = date_roles(label);
      if ((roles & kQueryTimeRole) != 0) out.query_time = true;
      const int score = date_placement(segments, page, s, d, label, roles);
      if (score == 0) continue;
      if (score > best_score || (score == best_score && s.box.y < best_y)) {
        best_score = score;
        best_y = s.box.y;
        out.date = d.date;
      }
    }
  }
  return out;
}

// Unlabelled: the subject as the heading above its credit code or set larger than
// the text, the result as what a query says it found.
struct UnlabelledFields {
  bool subject = false;
  bool registered_heading = false;  // a name above its credit code: a credit record page
  bool outcome = false;
  int sections = 0;
};
UnlabelledFields unlabelled_fields(const std::vector<Segment>& segments, double typical) {
  UnlabelledFields out;
  for (const Segment& s : segments) {
    if (looks_like_org_name(s.text)) {
      const bool registered = registration_nearby(segments, s);
      const Segment* l = left_of(segments, s);
      if ((s.box.height >= kHeadingRatio * typical || registered) && (l == nullptr || !is_label_only(*l))) {
        out.subject = true;
        out.registered_heading = out.registered_heading || registered;
      }
    }
    out.outcome = out.outcome || outcome_phrase(s.text);
    if (section_count(s.text)) ++out.sections;
  }
  return out;
}

}  // namespace

bool has_value(const std::vector<Segment>& all, const Segment& s, const Labelled& label, unsigned role) {
  if (value_fits(role, label.value)) return true;
  if (!label.value.empty()) return false;
  if (const Segment* r = right_of(all, s); r != nullptr && value_fits(role, r->text)) return true;
  if (const Segment* b = below(all, s); b != nullptr && value_fits(role, b->text)) return true;
  return false;
}

bool outcome_phrase(std::string_view text) {
  if (contains_any(text, {"未发现", "未查询到", "未查到", "查无", "没有找到", "没有查询到", "没有查到", "未找到",
                          "不存在", "未列入", "未被列入", "已列入", "被列入", "信用良好", "守信"})) {
    return true;
  }
  // 无 and, a few characters on, what there is none of: 无失信记录, 无严重失信行为,
  // 暂无不良信用记录. Not a list's empty state (暂无数据 under one of 信用中国's tabs,
  // shown whatever the query found; the page's own result line says what it found).
  for (auto at = text.find("无"); at != std::string_view::npos; at = text.find("无", at + 1)) {
    const auto chars = split_utf8_chars(text.substr(at));
    std::string next;
    for (std::size_t k = 1; k < std::min<std::size_t>(chars.size(), 9); ++k) next += chars[k];
    if (contains_any(next, {"失信", "不良", "违法", "违规", "异常", "记录", "处罚", "相关"})) return true;
  }
  // 共3条, 查询到2条记录, 0条信息 (共 1 条 as English-first OCR spaces it)
  auto at = text.find("条");
  if (at == std::string_view::npos) return false;
  while (at > 0 && text[at - 1] == ' ') --at;
  return at > 0 && text[at - 1] >= '0' && text[at - 1] <= '9';
}

}  // namespace screen

ScreenReading read_screen(const std::vector<OcrLine>& read) {
  ScreenReading out;
  for (const OcrLine& line : read) out.text += (out.text.empty() ? "" : "\n") + line.text;
  const std::vector<screen::Segment> segments = screen::cut_segments(screen::with_label_words_mended(read));
  if (segments.empty()) return out;
  const screen::Page page = screen::page_of(segments);
  const screen::LabelledFields labelled = screen::labelled_fields(segments);
  const screen::PageDates dates = screen::page_dates(segments, page);
  const screen::UnlabelledFields unlabelled = screen::unlabelled_fields(segments, page.typical);
  out.date = dates.date;
  unsigned found = labelled.found;
  if (dates.query_time) found |= screen::kQueryTimeRole;
  if (unlabelled.subject) found |= screen::kSubjectRole;
  if (unlabelled.outcome || unlabelled.sections >= 2) found |= screen::kResultRole;

  // A credit query or report: a label names the query (查询时间, 被查询人, 核查结果,
  // 查询用途), or the page is a credit record (信用中国, 国家企业信用信息公示系统:
  // a name above its credit code, and what was found). Fields alone do not make one:
  // an article has a 时间 and a list of enterprises a 企业名称 and an 评价等级.
  out.credit_query =
      labelled.query_label || (unlabelled.registered_heading && (unlabelled.outcome || unlabelled.sections >= 1));
  if (out.credit_query) {
    const std::array<unsigned, 4> order{screen::kQueryTimeRole, screen::kMatterRole, screen::kSubjectRole,
                                        screen::kResultRole};
    for (std::size_t i = 0; i < order.size(); ++i) {
      if ((found & order[i]) != 0) out.query_fields.emplace_back(kQueryFieldNames[i]);
    }
  }
  return out;
}

}  // namespace evpack
