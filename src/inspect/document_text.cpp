// Document facts from text alone (a PDF text layer, OCR output, Word text): the
// letterhead line, own and cited numbers, title and 成文日期.
#include "evpack/inspect/document_inspector.hpp"

#include <algorithm>
#include <sstream>
#include <string_view>

#include "evpack/inspect/date_text.hpp"
#include "evpack/inspect/doc_number.hpp"
#include "evpack/util/text.hpp"

namespace evpack {
namespace {

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(line);
  }
  return lines;
}

std::string squeeze(const std::string& line) {
  // Letter-spaced headers ("青 石 县 交 通 运 输 局 文 件") and OCR output.
  std::string out;
  for (const auto& ch : split_utf8_chars(line)) {
    if (ch != " " && ch != "\t" && ch != "\u3000" && ch != "\f") out += ch;
  }
  return out;
}

bool ends_with(const std::string& s, std::string_view tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

/// A 发文机关标志: "XX局文件", "XX委员会文件", "XX人民政府办公室" ... short, near the top.
bool looks_like_letterhead(const std::string& line) {
  const std::size_t n = utf8_length(line);
  if (n < 4 || n > 40) return false;
  if (ends_with(line, "文件")) return true;
  static constexpr std::string_view kOrgs[] = {"局", "委员会", "人民政府", "办公室", "领导小组", "中心", "厅", "委"};
  for (const auto org : kOrgs) {
    if (ends_with(line, org)) return true;
  }
  return false;
}

constexpr std::string_view kTitleTails[] = {"通知", "方案", "意见", "办法", "制度", "规定", "决定", "报告", "请示",
                                            "纪要", "规则", "细则", "计划", "要点", "总结", "函",   "批复"};

bool ends_like_title(const std::string& line) {
  for (const auto tail : kTitleTails) {
    if (ends_with(line, tail)) return true;
  }
  return false;
}

/// A 年月日 date read without its 日 whose day is a single digit ("2025年2月1").
bool truncated_han_day(const FoundDate& d) {
  if (d.chinese_numerals || d.text.find("年") == std::string::npos) return false;
  const std::string t = trim(d.text);
  if (t.ends_with("日") || t.ends_with("号")) return false;
  const std::size_t month = t.rfind("月");
  if (month == std::string::npos) return false;
  std::size_t digits = 0;
  for (std::size_t i = month + std::string("月").size(); i < t.size(); ++i) {
    if (t[i] >= '0' && t[i] <= '9') ++digits;
  }
  return digits == 1;
}

/// The 发文机关标志 of the first lines; it may take several lines (联合行文: one line
/// per organ, "文件" beside them).
void find_letterhead_text(const std::vector<std::string>& squeezed, std::size_t first_content, DocumentFacts& facts) {
  std::string header;
  bool ends_in_wenjian = false;
  for (std::size_t i = first_content; i < squeezed.size() && i < first_content + 4; ++i) {
    const std::string& line = squeezed[i];
    if (line.empty() || utf8_length(line) > 40 || line.rfind("关于", 0) == 0 || !find_doc_numbers(line).empty() ||
        !find_dates(line).empty()) {
      break;
    }
    header += line;
    if (ends_with(line, "文件")) ends_in_wenjian = true;
  }
  if (!header.empty() && (ends_in_wenjian || looks_like_letterhead(header))) facts.letterhead_text = header;
}

/// The own number (its own line, in the head above the 关于… title) and the cited
/// ones (in the body). Returns the title's line, or squeezed.size() when there is none.
std::size_t find_numbers(const std::vector<std::string>& squeezed, std::size_t first_content, DocumentFacts& facts) {
  std::size_t head_end = std::min<std::size_t>(squeezed.size(), first_content + 12);
  std::size_t title_line = squeezed.size();
  for (std::size_t i = first_content; i < head_end; ++i) {
    if (squeezed[i].rfind("关于", 0) == 0) {
      title_line = i;
      head_end = i;
      break;
    }
  }
  std::string head;
  for (std::size_t i = 0; i < head_end; ++i) head += squeezed[i] + "\n";
  for (const auto& found : find_doc_numbers(head)) {
    if (!found.cited && found.own_line) {
      facts.own_number = found.number;
      break;
    }
  }

  // Body paragraphs wrap anywhere, also inside a cited number ("（临\n交字〔2025〕2号）").
  std::string body;
  for (std::size_t i = head_end; i < squeezed.size(); ++i) body += squeezed[i];
  for (const auto& found : find_doc_numbers(body)) {
    if (facts.own_number && found.number.text == facts.own_number->text) continue;
    if (std::find(facts.cited_numbers.begin(), facts.cited_numbers.end(), found.number.text) ==
        facts.cited_numbers.end()) {
      facts.cited_numbers.push_back(found.number.text);
    }
  }
  return title_line;
}

/// Title: the 关于… line, continued until it ends like a title (without one, a
/// short line among the first that ends like a title).
void find_title(const std::vector<std::string>& squeezed, std::size_t first_content, std::size_t title_line,
                DocumentFacts& facts) {
  if (title_line < squeezed.size()) {
    std::string title = squeezed[title_line];
    for (std::size_t i = title_line + 1; i < squeezed.size() && i < title_line + 3 && !ends_like_title(title); ++i) {
      if (squeezed[i].empty()) break;
      title += squeezed[i];
    }
    facts.title = title;
    return;
  }
  for (std::size_t i = first_content; i < squeezed.size() && i < first_content + 6; ++i) {
    const std::size_t n = utf8_length(squeezed[i]);
    if (n >= 4 && n <= 40 && ends_like_title(squeezed[i])) {
      facts.title = squeezed[i];
      break;
    }
  }
}

/// 成文日期: the date on a line of its own near the end (under the signature).
/// A Chinese-numeral date is always a 成文日期 form.
void find_issue_date(const std::vector<std::string>& squeezed, DocumentFacts& facts) {
  std::optional<FoundDate> best;
  for (std::size_t i = squeezed.size(); i-- > 0;) {
    const std::string& line = squeezed[i];
    if (line.empty()) continue;
    const auto dates = find_dates(line);
    if (dates.empty()) continue;
    const FoundDate& d = dates.back();
    const std::string rest = trim(line.substr(0, d.offset) + line.substr(d.offset + d.text.size()));
    const bool alone = utf8_length(rest) <= 2 ||  // "（此页无正文）" aside, a date line is just the date
                       looks_like_letterhead(rest);
    if (alone || d.chinese_numerals) {
      // "2025年2月1" with its 日 gone is, on a scan, as likely 2月14日 with the seal's
      // ring over the last digit as 2月1日: a one-digit day without 日 is not taken
      // (no date is better than a wrong one). A two-digit day lost only its 日.
      if (!truncated_han_day(d)) best = d;
      break;
    }
  }
  if (best) {
    facts.issue_date = best->date;
    facts.issue_date_text = best->text;
  }
}

}  // namespace

std::string scan_bracket_note(const DocumentFacts& facts) {
  return facts.number_brackets_seen ? "括号样式按扫描图像判断" : "括号样式以原件为准";
}

void read_document_text(const std::string& text, DocumentFacts& facts) {
  const auto lines = split_lines(text);
  std::vector<std::string> squeezed;
  squeezed.reserve(lines.size());
  for (const auto& line : lines) squeezed.push_back(squeeze(line));

  // The head of the document: lines before the first body paragraph. The own
  // number stands on its own line within the first lines, above the title.
  std::size_t first_content = 0;
  while (first_content < squeezed.size() && squeezed[first_content].empty()) ++first_content;
  find_letterhead_text(squeezed, first_content, facts);
  const std::size_t title_line = find_numbers(squeezed, first_content, facts);
  find_title(squeezed, first_content, title_line, facts);
  find_issue_date(squeezed, facts);
}

}  // namespace evpack
