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
#include "evpack/inspect/screenshot.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <initializer_list>

#include "evpack/adapters/image_ops.hpp"
#include "evpack/inspect/date_text.hpp"
#include "evpack/util/text.hpp"
#include "screen_capture.hpp"

namespace evpack {

namespace {

// A gap between two characters of an OCR line wider than this many line heights
// starts a new segment: table cells, a label set far from its value, the two
// columns of a form. Words and a date's parts are under 0.6 apart; Chinese
// navigation items about 1.0 (they may stay together, they are never fields).
constexpr double kCellGap = 1.2;
// A value under its label (phone layout, table column) starts within this many
// label heights below the label's bottom edge.
constexpr double kBelowReach = 2.6;
// Longest label, in characters (被查询主体名称 is 7, 统一社会信用代码 8).
constexpr std::size_t kMaxLabel = 10;
// A heading is this much taller than the median segment.
constexpr double kHeadingRatio = 1.15;

struct Segment {
  std::string text;
  PixelRect box;
  std::size_t line = 0;  // index of its OCR line
  int right() const { return box.x + box.width; }
  int bottom() const { return box.y + box.height; }
};

bool contains_any(std::string_view text, std::initializer_list<std::string_view> words) {
  return std::any_of(words.begin(), words.end(), [&](std::string_view w) { return contains(text, w); });
}

bool ends_with(std::string_view text, std::string_view tail) {
  return text.size() >= tail.size() && text.substr(text.size() - tail.size()) == tail;
}

std::size_t han_count(std::string_view text) {
  std::size_t n = 0;
  for (const auto& ch : split_utf8_chars(text)) n += is_han_char(ch) ? 1 : 0;
  return n;
}

bool has_digit(std::string_view text) {
  return std::any_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// OCR often drops the space between a date and its time ("2025-05-0609:15:32"),
// which hides the date from find_dates (a day followed by more digits): put it back.
std::string separate_date_and_time(const std::string& text) {
  const auto digit = [&](std::size_t i) { return i < text.size() && text[i] >= '0' && text[i] <= '9'; };
  std::string out;
  out.reserve(text.size() + 4);
  // YYYY sep M{1,2} sep DD immediately followed by H{1,2}:MM.
  std::size_t i = 0;
  while (i < text.size()) {
    bool done = false;
    if (digit(i) && digit(i + 1) && digit(i + 2) && digit(i + 3) && (i == 0 || !digit(i - 1))) {
      const char sep = i + 4 < text.size() ? text[i + 4] : '\0';
      if (sep == '-' || sep == '.' || sep == '/') {
        std::size_t p = i + 5;
        std::size_t month = 0;
        while (month < 2 && digit(p + month)) ++month;
        if (month > 0 && p + month < text.size() && text[p + month] == sep) {
          const std::size_t day = p + month + 1;
          // Day of two digits, then one or two hour digits and a colon.
          if (digit(day) && digit(day + 1) && digit(day + 2) &&
              ((day + 3 < text.size() && text[day + 3] == ':') ||
               (digit(day + 3) && day + 4 < text.size() && text[day + 4] == ':'))) {
            out.append(text, i, day + 2 - i);
            out.push_back(' ');
            i = day + 2;
            done = true;
          }
        }
      }
    }
    if (!done) out.push_back(text[i++]);
  }
  return out;
}

// A '?' right after a digit is OCR's doubt about it ("2025 年 02? 月 18 日"), not text.
std::string drop_doubt(std::string text) {
  for (std::size_t i = 1; i < text.size(); ++i) {
    if (text[i] == '?' && text[i - 1] >= '0' && text[i - 1] <= '9') text.erase(i--, 1);
  }
  return text;
}

// One separator through a date: OCR reads one of "2025-09-24"'s dashes as a dot
// now and then ("2025-09.24").
std::string unify_date_separators(std::string text) {
  const auto digit = [&](std::size_t i) { return i < text.size() && text[i] >= '0' && text[i] <= '9'; };
  const auto separator = [&](std::size_t i) { return i < text.size() && (text[i] == '-' || text[i] == '.' || text[i] == '/'); };
  for (std::size_t i = 0; i + 7 < text.size(); ++i) {
    if ((i > 0 && digit(i - 1)) || !digit(i) || !digit(i + 1) || !digit(i + 2) || !digit(i + 3) || !separator(i + 4)) continue;
    std::size_t p = i + 5;
    std::size_t month = 0;
    while (month < 2 && digit(p + month)) ++month;
    if (month > 0 && separator(p + month) && text[p + month] != text[i + 4] && digit(p + month + 1)) {
      text[p + month] = text[i + 4];
    }
  }
  return text;
}

std::string clean(const std::string& raw) {
  return separate_date_and_time(
      unify_date_separators(drop_doubt(trim(remove_spaces_between_han(normalize_fullwidth(raw))))));
}

// Cuts each OCR line at wide gaps between its characters. The spaces are the
// OCR's own (between words, between a date and its time); symbol boxes only say
// where to cut: a narrow "1" stands as far from its neighbours as a space does.
std::vector<Segment> cut_segments(const std::vector<OcrLine>& lines) {
  std::vector<Segment> out;
  const auto finish = [&](Segment& s) {
    s.text = clean(s.text);
    if (!s.text.empty()) out.push_back(std::move(s));
  };
  for (std::size_t index = 0; index < lines.size(); ++index) {
    const OcrLine& line = lines[index];
    const auto chars = split_utf8_chars(line.text);
    const auto visible = static_cast<std::size_t>(std::count_if(chars.begin(), chars.end(), [](const std::string& c) {
      return c != " ";
    }));
    if (line.symbols.size() != visible) {  // no symbols (or not one per character): the line whole
      Segment s{line.text, line.box, index};
      finish(s);
      continue;
    }
    const double height = std::max(1, line.box.height);
    Segment current;
    bool open = false;
    bool space = false;
    int right = 0;
    std::size_t k = 0;
    for (const std::string& ch : chars) {
      if (ch == " ") {
        space = true;
        continue;
      }
      const OcrSymbol& symbol = line.symbols[k++];
      const int gap = symbol.box.x - right;
      if (open && gap > kCellGap * height) {
        finish(current);
        open = false;
      }
      if (!open) {
        current = Segment{"", symbol.box, index};
        open = true;
      } else {
        if (space) current.text += ' ';
        const int x1 = std::max(current.right(), symbol.box.x + symbol.box.width);
        const int y0 = std::min(current.box.y, symbol.box.y);
        const int y1 = std::max(current.bottom(), symbol.box.y + symbol.box.height);
        current.box = {current.box.x, y0, x1 - current.box.x, y1 - y0};
      }
      current.text += ch;
      right = symbol.box.x + symbol.box.width;
      space = false;
    }
    if (open) finish(current);
  }
  return out;
}

// ---------------------------------------------------------------------------
// What a label means.

enum Role : unsigned {
  kQueryTimeRole = 1,   // the time the query was made or its report produced
  kPublishedRole = 2,   // the time a page or article was published
  kMatterRole = 4,      // the matter the query serves
  kSubjectRole = 8,     // who was queried
  kResultRole = 16,     // what the query found
};

// A date label's roles. Its head is 时间/日期/时刻 (or 查询于, 截至); its qualifier
// says whose date it is: a record's own (成立日期, 许可决定日期, 有效期至) is neither.
unsigned date_roles(std::string_view label) {
  const bool head = contains_any(label, {"时间", "日期", "时刻"}) || ends_with(label, "于") ||
                    contains(label, "截至");
  if (!head) return 0;
  if (contains_any(label, {"有效", "成立", "注册", "核准", "登记", "发证", "决定", "处罚", "许可", "列入", "移出", "出生",
                           "开始", "结束", "签发", "批准", "生效", "失效", "作出", "立案", "修复", "认定", "受理",
                           "申请", "办结", "成文", "年报", "评价", "到期", "检验", "年审", "违法", "处理", "入职",
                           "培训", "考试", "截止日期", "截止时间"})) {
    return 0;
  }
  if (contains_any(label, {"查询", "核查", "检索", "查验", "审查", "报告", "生成", "出具", "打印", "下载", "查阅",
                           "截图", "截至", "数据截止", "信息截止", "统计截止"})) {
    return kQueryTimeRole;
  }
  if (contains_any(label, {"发布", "发表", "发文", "公开", "更新", "上传", "刊发", "推送", "录入"})) return kPublishedRole;
  // 时间 / 日期 alone: on a query page the query's, on an article its publication.
  return utf8_length(label) <= 3 ? (kQueryTimeRole | kPublishedRole) : 0;
}

bool matter_label(std::string_view label) {
  if (contains_any(label, {"类型", "登记", "证件", "组织", "经营范围", "处罚", "违法", "失信", "网站", "文件"}) &&
      !contains_any(label, {"查询", "核查", "业务", "申请", "办理"})) {
    return false;
  }
  if (contains_any(label, {"事项", "事由", "用途", "目的", "场景", "业务"})) return true;
  return contains_any(label, {"内容", "类型", "类别", "项目", "原因"}) &&
         contains_any(label, {"查询", "核查", "检索", "申请", "办理", "审批", "应用", "使用", "服务"});
}

bool subject_label(std::string_view label) {
  if (contains_any(label, {"被查询", "被核查", "被检索", "被执行", "查询对象", "核查对象", "查询主体", "信用主体"})) {
    return true;
  }
  // Who made the query, people of the subject, and a record's other parties are not it.
  if (contains_any(label, {"查询人", "查询单位", "查询机构", "查询部门", "核查部门", "核查单位", "核查人", "经办",
                           "法定代表", "负责人", "联系人", "主管", "机关", "主办", "承办", "版权", "技术支持", "代码",
                           "编号", "号码", "地址", "类型", "网站", "事项", "文件", "项目", "名单", "许可", "处罚",
                           "来源", "发布", "栏目", "标题", "业务", "内容"})) {
    return false;
  }
  return contains_any(label, {"主体", "当事人", "申请人", "申请单位", "申请企业", "经营者", "对象", "姓名", "名称",
                              "企业", "单位", "机构", "公司", "商户", "人员"});
}

bool result_label(std::string_view label) {
  if (contains_any(label, {"登记状态", "经营状态", "企业状态"})) return false;
  return contains_any(label, {"结果", "结论", "状况", "情况", "意见", "信用等级", "评价等级", "信用评价", "信用记录",
                              "失信记录", "是否"});
}

// Head nouns a label ends with. A label is a noun phrase with its head last
// (被查询主体名称, 报告生成时间, 办理事项, 信用状况); a value that merely holds such
// a word (青石县通达货运有限公司 has 公司, 执法人员 has 人) does not end with one
// of these, or is longer. 于/截至 end 查询于, 数据截至.
constexpr std::array<std::string_view, 28> kHeads{
    "时间", "日期", "时刻", "于", "截至", "事项", "事由", "用途", "目的", "场景", "业务", "内容", "类型", "类别",
    "项目", "原因", "名称", "主体", "对象", "姓名", "人", "者", "单位", "企业", "机构", "结果", "结论", "状况"};
// (情况, 意见, 等级, 评价, 记录 end result labels too: see kResultHeads.)
constexpr std::array<std::string_view, 5> kResultHeads{"情况", "意见", "等级", "评价", "记录"};

bool ends_with_head(std::string_view label) {
  const auto ends = [&](std::string_view h) { return ends_with(label, h); };
  return std::any_of(kHeads.begin(), kHeads.end(), ends) || std::any_of(kResultHeads.begin(), kResultHeads.end(), ends);
}

unsigned roles_of(std::string_view label) {
  if (label.empty() || utf8_length(label) > kMaxLabel || has_digit(label) || han_count(label) == 0) return 0;
  if (!ends_with_head(label)) return 0;
  unsigned roles = date_roles(label);
  if (roles == 0 && !contains_any(label, {"时间", "日期"})) {
    if (matter_label(label)) roles |= kMatterRole;
    if (subject_label(label)) roles |= kSubjectRole;
    if (result_label(label)) roles |= kResultRole;
  }
  return roles;
}

// Heads a label run into its value may end with: not 人/者/单位/企业/机构, which end
// ordinary nouns too (培训机构, 执法人员), so a value would be cut in two.
constexpr std::array<std::string_view, 14> kJoinedHeads{"时间", "日期", "事项", "事由", "用途", "名称", "主体",
                                                        "对象", "姓名", "结果", "结论", "状况", "内容", "类型"};

// A segment read as a label and what follows it in the segment.
struct Labelled {
  std::string label;
  std::string value;  // empty when the segment holds the label alone
  unsigned roles = 0;
};

// The text without what OCR leaves between a label and its value: the colon (or a
// semicolon, a comma read for it), spaces.
std::string strip_colon(std::string text) {
  while (!text.empty() && (text.back() == ':' || text.back() == ';' || text.back() == ',' || text.back() == '.' ||
                           text.back() == ' ')) {
    text.pop_back();
  }
  for (const std::string_view tail : {"，", "："}) {
    while (ends_with(text, tail)) text.resize(text.size() - tail.size());
  }
  return trim(text);
}

std::optional<Labelled> read_label(const std::string& text) {
  // label: value (OCR reads the full-width colon as a semicolon now and then)
  if (const auto colon = text.find_first_of(":;"); colon != std::string::npos) {
    std::string label = trim(text.substr(0, colon));
    label.erase(std::remove(label.begin(), label.end(), ' '), label.end());
    const unsigned roles = roles_of(label);
    if (roles != 0) return Labelled{label, trim(text.substr(colon + 1)), roles};
    return std::nullopt;
  }
  // The label alone.
  std::string bare = text;
  bare.erase(std::remove(bare.begin(), bare.end(), ' '), bare.end());
  if (const unsigned roles = roles_of(bare); roles != 0) return Labelled{bare, "", roles};
  // label value, run together: the longest leading part that ends in a head noun
  // and means a field, when the rest is not a label itself.
  const auto chars = split_utf8_chars(text);
  if (chars.size() > 30) return std::nullopt;
  std::optional<Labelled> best;
  std::string prefix;
  for (std::size_t n = 0; n < std::min(chars.size() - 1, kMaxLabel); ++n) {
    prefix += chars[n];
    if (!std::any_of(kJoinedHeads.begin(), kJoinedHeads.end(), [&](std::string_view h) { return ends_with(prefix, h); })) {
      continue;
    }
    const unsigned roles = roles_of(prefix);
    if (roles == 0) continue;
    std::string rest;
    for (std::size_t k = n + 1; k < chars.size(); ++k) rest += chars[k];
    rest = trim(rest);
    if (!rest.empty() && roles_of(strip_colon(rest)) == 0) best = Labelled{prefix, rest, roles};
  }
  return best;
}

// A label as written: before a colon, or the whole text. Not a label run into its
// value (a value such as 驾驶员培训机构备案 holds the head 机构 too).
std::optional<Labelled> explicit_label(const std::string& text) {
  if (text.find_first_of(":;") != std::string::npos) return read_label(text);
  std::string bare = text;
  bare.erase(std::remove(bare.begin(), bare.end(), ' '), bare.end());
  if (const unsigned roles = roles_of(bare); roles != 0) return Labelled{bare, "", roles};
  return std::nullopt;
}

bool is_label_only(const Segment& s) {
  const auto l = read_label(s.text);
  return l && l->value.empty();
}

// ---------------------------------------------------------------------------
// Geometry.

bool same_row(const Segment& a, const Segment& b) {
  const int overlap = std::min(a.bottom(), b.bottom()) - std::max(a.box.y, b.box.y);
  return overlap * 2 >= std::min(a.box.height, b.box.height);
}

// The nearest segment right of `s` on its row.
const Segment* right_of(const std::vector<Segment>& all, const Segment& s) {
  const Segment* best = nullptr;
  for (const Segment& o : all) {
    if (&o == &s || !same_row(o, s) || o.box.x < s.right() - s.box.height / 2) continue;
    if (best == nullptr || o.box.x < best->box.x) best = &o;
  }
  return best;
}

// The nearest segment left of `s` on its row.
const Segment* left_of(const std::vector<Segment>& all, const Segment& s) {
  const Segment* best = nullptr;
  for (const Segment& o : all) {
    if (&o == &s || !same_row(o, s) || o.right() > s.box.x + s.box.height / 2) continue;
    if (best == nullptr || o.right() > best->right()) best = &o;
  }
  return best;
}

// The nearest segment under `s` that shares its column: left edges aligned
// (labels over values) or the boxes overlapping (a table's header and cells).
const Segment* below(const std::vector<Segment>& all, const Segment& s) {
  const Segment* best = nullptr;
  const int reach = static_cast<int>(kBelowReach * std::max(s.box.height, 1));
  for (const Segment& o : all) {
    if (&o == &s || o.box.y < s.bottom() - s.box.height / 4 || o.box.y - s.bottom() > reach) continue;
    const bool aligned = std::abs(o.box.x - s.box.x) <= s.box.height;
    const bool overlapping = std::min(o.right(), s.right()) > std::max(o.box.x, s.box.x);
    if (!aligned && !overlapping) continue;
    if (best == nullptr || o.box.y < best->box.y) best = &o;
  }
  return best;
}

// The nearest segment above `s` in its column (the mirror of below()).
const Segment* above(const std::vector<Segment>& all, const Segment& s) {
  const Segment* best = nullptr;
  for (const Segment& o : all) {
    if (&o == &s || o.bottom() > s.box.y + s.box.height / 4) continue;
    const int reach = static_cast<int>(kBelowReach * std::max(o.box.height, 1));
    if (s.box.y - o.bottom() > reach) continue;
    const bool aligned = std::abs(o.box.x - s.box.x) <= o.box.height;
    const bool overlapping = std::min(o.right(), s.right()) > std::max(o.box.x, s.box.x);
    if (!aligned && !overlapping) continue;
    if (best == nullptr || o.bottom() > best->bottom()) best = &o;
  }
  return best;
}

// ---------------------------------------------------------------------------
// Values.

bool outcome_phrase(std::string_view text);

bool value_fits(unsigned role, const std::string& value) {
  const std::string v = trim(value);
  if (role == kResultRole && outcome_phrase(v)) return true;
  if (v.empty()) return false;
  // The next field's label is no value; words shaped like this field's own label
  // can be ("无严重失信记录" ends as 信用记录 does).
  if (const auto label = explicit_label(v); label && ((label->roles & role) == 0 || !label->value.empty())) return false;
  switch (role) {
    case kQueryTimeRole:
    case kPublishedRole:
      return !find_dates(v).empty();
    case kMatterRole:
    case kSubjectRole:
      return han_count(v) >= 2 && find_dates(v).empty();
    case kResultRole:
      return true;
    default:
      return false;
  }
}

// Whether a label segment has a value of `role` after its colon, to its right or under it.
bool has_value(const std::vector<Segment>& all, const Segment& s, const Labelled& label, unsigned role) {
  if (value_fits(role, label.value)) return true;
  if (!label.value.empty()) return false;
  if (const Segment* r = right_of(all, s); r != nullptr && value_fits(role, r->text)) return true;
  if (const Segment* b = below(all, s); b != nullptr && value_fits(role, b->text)) return true;
  return false;
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

// One of three or more segments aligned at their left or right edge, one under
// another: the items of a list.
bool in_column(const std::vector<Segment>& all, const Segment& s) {
  int column = 0;
  for (const Segment& o : all) {
    const bool aligned = std::abs(o.box.x - s.box.x) <= s.box.height / 2 || std::abs(o.right() - s.right()) <= s.box.height / 2;
    if (aligned && std::abs(o.box.y - s.box.y) <= 6 * s.box.height) ++column;
  }
  return column >= 3;
}

// A date in a column of three or more dates: an article list beside the article.
bool in_list(const std::vector<Segment>& all, const Segment& s) {
  int column = 0;
  for (const Segment& o : all) {
    if (std::abs(o.right() - s.right()) <= s.box.height && !find_dates(o.text).empty()) ++column;
  }
  return column >= 3;
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
  for (std::string_view suffix : {"公司", "集团", "中心", "合作社", "站", "厂", "店", "部", "队", "校", "所", "院", "社",
                                  "场", "行", "馆", "户", "处"}) {
    if (ends_with(text, suffix)) return true;
  }
  return false;
}

// Words of a finding: what a query turned up, or that it turned up nothing.
bool outcome_phrase(std::string_view text) {
  if (contains_any(text, {"未发现", "未查询到", "未查到", "查无", "暂无", "没有找到", "没有查询到", "没有查到", "未找到",
                          "不存在", "未列入", "未被列入", "已列入", "被列入", "信用良好", "守信"})) {
    return true;
  }
  // 无 and, a few characters on, what there is none of: 无失信记录, 无严重失信行为, 无不良信用记录.
  for (auto at = text.find("无"); at != std::string_view::npos; at = text.find("无", at + 1)) {
    const auto chars = split_utf8_chars(text.substr(at));
    std::string next;
    for (std::size_t k = 1; k < std::min<std::size_t>(chars.size(), 9); ++k) next += chars[k];
    if (contains_any(next, {"失信", "不良", "违法", "违规", "异常", "记录", "处罚", "相关", "数据"})) return true;
  }
  // 共3条, 查询到2条记录, 0条信息
  const auto at = text.find("条");
  if (at == std::string_view::npos || at == 0) return false;
  return text[at - 1] >= '0' && text[at - 1] <= '9';
}

// "行政处罚(0)": a record section with its count.
bool section_count(std::string_view text) {
  const auto open = text.rfind('(');
  if (open == std::string_view::npos || open == 0 || text.back() != ')') return false;
  const std::string_view inside = text.substr(open + 1, text.size() - open - 2);
  const std::string_view name = text.substr(0, open);
  return !inside.empty() && std::all_of(inside.begin(), inside.end(), [](char c) { return (c >= '0' && c <= '9') || c == ' '; }) &&
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

}  // namespace

ScreenReading read_screen(const std::vector<OcrLine>& read) {
  ScreenReading out;
  for (const OcrLine& line : read) out.text += (out.text.empty() ? "" : "\n") + line.text;
  // Label words OCR misreads by one similar character (期 as 其, 间 as 问): no
  // such pair is a word of its own.
  std::vector<OcrLine> lines = read;
  for (OcrLine& line : lines) {
    for (const auto& [wrong, right] : {std::pair<std::string_view, std::string_view>{"日其", "日期"}, {"时问", "时间"}}) {
      for (auto at = line.text.find(wrong); at != std::string::npos; at = line.text.find(wrong, at + right.size())) {
        line.text.replace(at, wrong.size(), right);
      }
    }
  }
  const std::vector<Segment> segments = cut_segments(lines);
  if (segments.empty()) return out;

  int top = segments.front().box.y;
  int bottom = segments.front().bottom();
  for (const Segment& s : segments) {
    top = std::min(top, s.box.y);
    bottom = std::max(bottom, s.bottom());
  }
  const double page_height = std::max(1, bottom - top);
  const double typical = median_height(segments);

  unsigned found = 0;
  bool query_label = false;
  // Labelled fields (dates are judged below, with their labels wherever they are).
  for (const Segment& s : segments) {
    const auto label = read_label(s.text);
    if (!label) continue;
    // A label naming the query (查询时间, 被查询人, 核查结果) makes the page a query's.
    query_label = query_label || contains_any(label->label, {"查询", "核查", "查验", "审查", "检索", "报告", "信用状况",
                                                             "信用记录", "失信记录"});
    for (const unsigned role : {kMatterRole, kSubjectRole, kResultRole}) {
      if ((label->roles & role) != 0 && (found & role) == 0 && has_value(segments, s, *label, role)) found |= role;
    }
  }

  // Dates: the query time is a date under a query-time label; the capture's own
  // date is the best placed one (publication or query label, an article's meta
  // line, under the title), never a record's own date.
  const Segment* tallest = nullptr;
  for (const Segment& s : segments) {
    if (s.box.y - top < page_height / 2 && (tallest == nullptr || s.box.height > tallest->box.height)) tallest = &s;
  }
  int best_score = 0;
  int best_y = 0;
  for (const Segment& s : segments) {
    for (const FoundDate& d : find_dates(s.text)) {
      const std::string label = label_of_date(segments, s, d);
      const unsigned roles = date_roles(label);
      if ((roles & kQueryTimeRole) != 0) found |= kQueryTimeRole;
      int score = 0;
      const bool date_word = contains_any(label, {"时间", "日期", "时刻"});
      if (roles != 0) {
        score = 100;
      } else if (date_word) {
        continue;  // a record's own date (成立日期, 许可决定日期)
      } else if (const std::string lead = trim(s.text.substr(0, d.offset));
                 !lead.empty() && (lead.back() == ':' || lead.back() == ';' || lead.back() == ',')) {
        score = 20;  // under a label that could not be read: whose date it is, is unknown
      } else if (in_list(segments, s)) {
        score = 15;  // one of a column of dates: a list of other articles
      } else if (std::any_of(segments.begin(), segments.end(), [&](const Segment& o) {
                   return same_row(o, s) && std::abs(o.box.x - s.right()) < 10 * s.box.height &&
                          contains_any(o.text, {"来源", "作者", "浏览", "阅读", "点击", "字号", "编辑", "分享", "打印",
                                                "发布"});
                 }) || contains_any(s.text, {"来源", "作者", "浏览", "阅读", "点击", "字号"})) {
        score = 80;
      } else if (tallest != nullptr && &s != tallest && s.box.y >= tallest->box.y &&
                 s.box.y - tallest->bottom() <= 4 * tallest->box.height &&
                 std::min(s.right(), tallest->right()) > std::max(s.box.x, tallest->box.x)) {
        score = 60;  // under the title
      } else if (han_count(s.text) >= 20) {
        score = 10;  // a date in the body text
      } else if ((s.box.y - top) > 0.92 * page_height || (s.bottom() - top) < 0.03 * page_height) {
        score = 5;  // the clock of a taskbar or a status bar: when the capture was made
      } else {
        score = 30;
      }
      if (score > best_score || (score == best_score && s.box.y < best_y)) {
        best_score = score;
        best_y = s.box.y;
        out.date = d.date;
      }
    }
  }

  // Unlabelled: the subject as the heading above its credit code or set larger than
  // the text, the result as what a query says it found.
  int sections = 0;
  bool outcome = false;
  bool registered_heading = false;  // a name above its credit code: a credit record page
  for (const Segment& s : segments) {
    if (looks_like_org_name(s.text)) {
      const bool registered = registration_nearby(segments, s);
      const Segment* l = left_of(segments, s);
      if ((s.box.height >= kHeadingRatio * typical || registered) && (l == nullptr || !is_label_only(*l))) {
        found |= kSubjectRole;
        registered_heading = registered_heading || registered;
      }
    }
    outcome = outcome || outcome_phrase(s.text);
    if (section_count(s.text)) ++sections;
  }
  if (outcome || sections >= 2) found |= kResultRole;

  // A credit query or report: a label names the query (查询时间, 被查询人, 核查结果,
  // 查询用途), or the page is a credit record (信用中国, 国家企业信用信息公示系统:
  // a name above its credit code, and what was found). Fields alone do not make one:
  // an article has a 时间 and a list of enterprises a 企业名称 and an 评价等级.
  out.credit_query = query_label || (registered_heading && (outcome || sections >= 1));
  if (out.credit_query) {
    const std::array<unsigned, 4> order{kQueryTimeRole, kMatterRole, kSubjectRole, kResultRole};
    for (std::size_t i = 0; i < order.size(); ++i) {
      if ((found & order[i]) != 0) out.query_fields.emplace_back(kQueryFieldNames[i]);
    }
  }
  return out;
}

namespace {

// Lines whose first reading looks wrong, read again on their own. A whole-page
// reading in kPhotoOcrLanguages (English first) of small grey type goes wrong in
// ways seen on phone and desktop captures: the English model takes Chinese for
// letters (单位名称 read as "HUSH", 来源 as "RR", 年/月/日 in "2025年03月20日" as
// "20254F03A 20H"), and a label's start is dropped from a right-aligned line
// ("5-06 09:15:32" for 查询时间：2025-05-06 09:15:32). Read alone (one line, type
// tried twice) they come out right.
constexpr int kTinyType = 12;
// At most this many segments are read again per capture, in at most kMaxOcrCalls
// readings (each 20-60 ms).
constexpr int kMaxRereads = 8;
constexpr int kMaxOcrCalls = 12;

enum class Suspect { None, Year, Label, Time, Spacing, Clipped, Latin };

// Runs of ASCII letters standing apart from digits and code punctuation: in a
// Chinese page these are Chinese words read by the English model. Letters inside
// codes (91370123MA3CQ8XY2K, QS-XK-2025) and URLs are real.
int stray_letter_runs(std::string_view text) {
  if (contains_any(text, {"http", "www.", ".cn", ".com", "@"})) return 0;
  const auto letter = [](char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); };
  const auto code_char = [](char c) { return (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == '/'; };
  int runs = 0;
  for (std::size_t i = 0; i < text.size();) {
    if (!letter(text[i])) {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < text.size() && letter(text[j])) ++j;
    const bool in_code = (i > 0 && code_char(text[i - 1])) || (j < text.size() && code_char(text[j]));
    if (!in_code && j - i <= 6) ++runs;
    i = j;
  }
  return runs;
}

// What looks wrong in a segment's first reading.
// A two-digit day, a space and a one-digit hour ("2025/12/20 9:47:12"): the space
// may have moved, pages pad hours ("2025/12/2 09:47:12").
bool space_may_have_moved(const std::string& text, const FoundDate& d) {
  const std::size_t end = d.offset + d.text.size();
  const auto digit = [&](std::size_t k) { return k < text.size() && text[k] >= '0' && text[k] <= '9'; };
  return end >= 2 && digit(end - 1) && digit(end - 2) && end + 2 < text.size() && text[end] == ' ' && digit(end + 1) &&
         text[end + 2] == ':';
}

Suspect suspect(const Segment& segment) {
  const std::string& text = segment.text;
  const auto dates = find_dates(text);
  if (!dates.empty() && space_may_have_moved(text, dates.front())) return Suspect::Spacing;
  if (dates.empty()) {
    // A year (19xx/20xx) with letters right after it, or run into more digits:
    // 年/月 read as letters or digits ("20254F03A", "202547 923A").
    const auto digit_at = [&](std::size_t k) { return k < text.size() && text[k] >= '0' && text[k] <= '9'; };
    for (std::size_t i = 0; i + 4 < text.size(); ++i) {
      if ((i > 0 && digit_at(i - 1)) || !(text.compare(i, 2, "20") == 0 || text.compare(i, 2, "19") == 0) ||
          !digit_at(i + 2) || !digit_at(i + 3)) {
        continue;
      }
      if (digit_at(i + 4) && !digit_at(i + 8)) return Suspect::Year;
      for (std::size_t k = i + 4; k < std::min(text.size(), i + 7); ++k) {
        if ((text[k] >= 'A' && text[k] <= 'Z') || (text[k] >= 'a' && text[k] <= 'z')) return Suspect::Year;
      }
    }
    // A time of day without its date (no Han, a dash of the date left): the date
    // and its label may be lost to its left.
    const auto colon = text.find(':');
    if (colon != std::string::npos && colon >= 1 && digit_at(colon - 1) && digit_at(colon + 1) && digit_at(colon + 2) &&
        han_count(text) == 0 && text.find('-') != std::string::npos) {
      return Suspect::Time;
    }
  }
  // Letters where a label stands, before a colon: a Chinese label read by the
  // English model ("HUSH:" for 单位名称：). Letters elsewhere cost no field (read
  // again too, they were half the readings and a tenth of the capture's time).
  for (auto colon = text.find_first_of(":;"); colon != std::string::npos; colon = text.find_first_of(":;", colon + 1)) {
    std::size_t end = colon;
    while (end > 0 && text[end - 1] == ' ') --end;
    std::size_t start = end;
    while (start > 0 && std::isalpha(static_cast<unsigned char>(text[start - 1])) != 0) --start;
    if (start < end && stray_letter_runs(text.substr(start, end - start)) > 0 &&
        (start == 0 || !std::isalnum(static_cast<unsigned char>(text[start - 1])))) {
      return Suspect::Latin;
    }
  }
  return Suspect::None;
}

// How Chinese a reading looks: Han characters, less the stray letter runs.
int chinese_score(const std::string& text) {
  return static_cast<int>(han_count(text)) - 2 * stray_letter_runs(text);
}

// Reads a segment again from `gray` (one line, small type enlarged), widened to
// the left for a time whose date and label were lost, to the right for a label
// whose value was. The new reading is returned as a line of its own (boxes in
// `gray`'s pixels) when it is better: a date where there was none, more Chinese
// where letters were, a label with more after it.
std::optional<OcrLine> reread(const RasterImage& gray, Ocr& ocr, Suspect why, const Segment& segment,
                              const std::vector<Segment>& all, int& calls) {
  const int h = std::max(1, segment.box.height);
  const int left = why == Suspect::Time || why == Suspect::Clipped ? 14 * h : h / 2;
  const int right = why == Suspect::Label ? 20 * h : h / 2;
  const int x0 = std::max(0, segment.box.x - left);
  const int x1 = std::min(gray.width, segment.right() + right);
  int y0 = std::max(0, segment.box.y - h / 3);
  int y1 = std::min(gray.height, segment.bottom() + h / 3);
  // A single line only: the margin stops short of the lines above and below.
  for (const Segment& o : all) {
    if (&o == &segment || same_row(o, segment) || o.right() <= x0 || o.box.x >= x1) continue;
    if (o.bottom() <= segment.box.y + h / 2) y0 = std::max(y0, std::min(o.bottom(), segment.box.y));
    if (o.box.y >= segment.bottom() - h / 2) y1 = std::min(y1, std::max(o.box.y, segment.bottom()));
  }
  if (x1 - x0 < 4 || y1 - y0 < 4) return std::nullopt;
  const RasterImage region = crop(gray, {x0, y0, x1 - x0, y1 - y0});
  const std::string& was = segment.text;
  // Two tries: as it is (tiny type doubled), then half as large again with the
  // contrast stretched (light grey type). Resampling alone makes mid-sized grey
  // type read worse ("20254703 208" for 2025年03月20日 at 35 px enlarged to 40,
  // "202547 23A" for 2025年7月23日 at 16 px doubled; stretched at 1.5 it is read).
  for (const bool second : {false, true}) {
    // A clipped line is read once: most such lines were whole (measured on the tune
    // sets' 82 captures: 2 of 84 readings found a lost label).
    if (calls >= kMaxOcrCalls || (second && why == Suspect::Clipped)) return std::nullopt;
    const double scale = second ? 1.5 : (h < kTinyType ? 2.0 : 1.0);
    RasterImage input = scale > 1.0 ? resize(region, static_cast<int>(region.width * scale),
                                             static_cast<int>(region.height * scale))
                                    : region;
    if (second) input = stretch_contrast(input);
    constexpr int kMargin = 8;
    ++calls;
    auto again = ocr.recognize(frame_in_white(input, kMargin), OcrLayout::SingleLine);
    if (!again || again->lines.empty()) continue;
    OcrLine best = again->lines.front();
    for (const OcrLine& l : again->lines) {
      if (l.text.size() > best.text.size()) best = l;
    }
    const std::string now = clean(best.text);
    const bool dated = find_dates(was).empty() && !find_dates(now).empty();
    bool better = false;
    switch (why) {
      case Suspect::Latin: better = chinese_score(now) > chinese_score(was); break;
      case Suspect::Clipped: better = read_label(now).has_value() && !read_label(was).has_value(); break;
      case Suspect::Spacing: {
        const auto read = find_dates(now);
        better = !read.empty() && !space_may_have_moved(now, read.front()) &&
                 read.front().date != find_dates(was).front().date;
        break;
      }
      case Suspect::Label:
        better = dated || (utf8_length(now) > utf8_length(was) + 1 && chinese_score(now) >= chinese_score(was));
        break;
      default: better = dated; break;
    }
    if (!better) continue;
    const auto back = [&](PixelRect r) {
      return PixelRect{x0 + static_cast<int>((r.x - kMargin) / scale), y0 + static_cast<int>((r.y - kMargin) / scale),
                       static_cast<int>(r.width / scale), static_cast<int>(r.height / scale)};
    };
    for (OcrSymbol& symbol : best.symbols) symbol.box = back(symbol.box);
    best.box = back(best.box);
    return best;
  }
  return std::nullopt;
}

// Segments in a row of four or more short ones: a navigation bar or a row of tabs,
// whose words (信用评价, 行政管理) are labels of nothing.
bool in_menu_row(const std::vector<Segment>& all, const Segment& s) {
  int row = 0;
  for (const Segment& o : all) row += same_row(o, s) && utf8_length(o.text) <= 8 ? 1 : 0;
  return row >= 4;
}

}  // namespace

std::optional<ScreenReading> read_screenshot(const RasterImage& gray, Ocr& ocr) {
  auto recognised = read_capture_lines(gray, ocr);
  if (!recognised) return std::nullopt;
  const std::vector<OcrLine>& lines = recognised->lines;
  const std::vector<Segment> segments = cut_segments(lines);
  std::vector<Suspect> why(segments.size());
  for (std::size_t i = 0; i < segments.size(); ++i) {
    const Segment& s = segments[i];
    why[i] = suspect(s);
    // A label whose value is nowhere (after it, right of it, under it): the value
    // may have been lost to the whole-page reading.
    const auto label = read_label(s.text);
    if (why[i] != Suspect::None || !label || in_menu_row(segments, s) || outcome_phrase(s.text)) continue;
    bool valued = false;
    for (unsigned role = 1; role <= kResultRole; role <<= 1) {
      valued = valued || ((label->roles & role) != 0 && has_value(segments, s, *label, role));
    }
    if (!valued) why[i] = Suspect::Label;
  }
  // Right-aligned lines in the page's head (查询时间 and 查询用途 in the corner of a
  // record page) whose start was lost: a value with nothing to its left.
  for (std::size_t i = 0; i < segments.size(); ++i) {
    const Segment& s = segments[i];
    if (why[i] != Suspect::None || read_label(s.text) || s.box.y > gray.height * 2 / 5 ||
        s.box.x < gray.width * 3 / 5 || in_menu_row(segments, s)) {
      continue;
    }
    if (in_column(segments, s)) continue;  // a list beside the page (最新动态), not a field
    const Segment* l = left_of(segments, s);
    if (l == nullptr || s.box.x - l->right() > 10 * s.box.height) why[i] = Suspect::Clipped;
  }
  // The better readings join the lines after the one they improve.
  std::vector<std::vector<OcrLine>> extra(lines.size());
  std::vector<bool> superseded(lines.size(), false);
  int rereads = 0;
  int calls = 0;
  for (const Suspect kind :
       {Suspect::Year, Suspect::Time, Suspect::Spacing, Suspect::Label, Suspect::Clipped, Suspect::Latin}) {
    for (std::size_t i = 0; i < segments.size() && rereads < kMaxRereads; ++i) {
      if (why[i] != kind) continue;
      ++rereads;
      if (auto line = reread(gray, ocr, kind, segments[i], segments, calls)) {
        // A date read otherwise replaces the first reading's, which must not compete with it.
        if (kind == Suspect::Spacing) superseded[segments[i].line] = true;
        extra[segments[i].line].push_back(std::move(*line));
      }
    }
  }
  std::vector<OcrLine> all;
  all.reserve(lines.size() + static_cast<std::size_t>(rereads));
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (!superseded[i]) all.push_back(lines[i]);
    for (OcrLine& l : extra[i]) all.push_back(std::move(l));
  }
  return read_screen(all);
}

std::optional<Finding> query_fields_finding(const ScreenReading& reading, const FileRecord& record) {
  if (!reading.credit_query || reading.query_fields.size() == kQueryFieldNames.size()) return std::nullopt;
  std::string missing;
  for (const char* field : kQueryFieldNames) {
    if (std::find(reading.query_fields.begin(), reading.query_fields.end(), field) != reading.query_fields.end()) continue;
    missing += (missing.empty() ? "" : "、") + std::string(field);
  }
  return Finding{"QUERY_FIELDS_MISSING", Severity::Warning, "", record.rel_path, "",
                 "信用查询截图中未识别到：" + missing + "（查询截图应显示查询时间、查询事项、主体名称和查询结果）",
                 "截取包含完整查询信息的页面"};
}

}  // namespace evpack
