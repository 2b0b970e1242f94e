#include "evpack/report/console_report.hpp"

#include <cmath>
#include <cstdio>
#include <map>

#include "evpack/report/finding_names.hpp"
#include "evpack/util/format.hpp"
#include "evpack/util/text.hpp"

namespace evpack {

namespace {

bool is_wide(char32_t cp) {
  return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) || (cp >= 0xAC00 && cp <= 0xD7A3) ||
         (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
         (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD);
}

const char* const kCategoryNumerals[] = {"", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};

std::string category_label(const std::string& id, const std::string& title) {
  const int n = std::atoi(id.c_str());
  if (n >= 1 && n <= 10) return std::string(kCategoryNumerals[n]) + "、" + title;
  return id + " " + title;
}

struct Painter {
  bool color;
  std::string red(const std::string& s) const { return color ? "\033[31m" + s + "\033[0m" : s; }
  std::string yellow(const std::string& s) const { return color ? "\033[33m" + s + "\033[0m" : s; }
  std::string green(const std::string& s) const { return color ? "\033[32m" + s + "\033[0m" : s; }
  std::string bold(const std::string& s) const { return color ? "\033[1m" + s + "\033[0m" : s; }
};

std::string render_task_table(const CheckResult& result, const Painter& paint, int title_width);

}  // namespace

int display_width(const std::string& text) {
  int width = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    const char32_t cp = next_code_point(text, i);
    if (cp == 0x200B || (cp >= 0x300 && cp <= 0x36F)) continue;  // zero-width, combining
    width += is_wide(cp) ? 2 : 1;
  }
  return width;
}

std::string pad_right(const std::string& text, int width) {
  const int w = display_width(text);
  return w >= width ? text : text + std::string(static_cast<std::size_t>(width - w), ' ');
}

std::string truncate_to_width(const std::string& text, int width) {
  if (display_width(text) <= width) return text;
  std::string out;
  int w = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t start = i;
    const char32_t cp = next_code_point(text, i);
    const int cw = is_wide(cp) ? 2 : 1;
    if (w + cw > width - 1) break;
    out.append(text, start, i - start);
    w += cw;
  }
  return out + "…";
}

namespace {

// Task systems: a status per task instead of points, categories without totals.
std::string render_task_table(const CheckResult& result, const Painter& paint, int title_width) {
  const Evaluation& ev = result.evaluation;
  std::string out = pad_right("任务", title_width) + pad_right("状态", 11) + "说明\n";
  for (const auto& cat : ev.categories) {
    out += paint.bold(category_label(cat.id, cat.title)) + "\n";
    for (const auto& r : ev.indicators) {
      if (r.category != cat.id) continue;
      const char* mark = r.status == TaskStatus::Done      ? "✓"
                         : r.status == TaskStatus::Partial ? "△"
                         : r.status == TaskStatus::Missing ? "✗"
                                                           : "·";
      // The status has its own column: the reason's "已完成：" prefix would repeat it.
      std::string reason = r.reason;
      const std::string prefix = task_status_label_zh(r.status) + "：";
      if (reason.rfind(prefix, 0) == 0) reason.erase(0, prefix.size());
      std::string line = "  " + pad_right(truncate_to_width(r.id + " " + r.title, title_width - 3), title_width - 2) +
                         pad_right(std::string(mark) + " " + task_status_label_zh(r.status), 11) +
                         truncate_to_width(reason, 60);
      if (r.status == TaskStatus::Missing)
        line = paint.red(line);
      else if (r.status == TaskStatus::Partial)
        line = paint.yellow(line);
      out += line + "\n";
    }
  }
  bool header = false;
  for (const auto& d : ev.deductions) {
    if (d.occurrences == 0 && !d.manual) continue;
    if (!header) out += paint.bold("风险项") + "\n";
    header = true;
    out += "  " + pad_right(truncate_to_width(d.id + " " + d.title, title_width - 3), title_width - 2) +
           (d.manual ? "需人工核查" : std::to_string(d.occurrences) + "处") + "\n";
  }
  return out;
}

// The title, the rule set, the folder and the score or task coverage.
std::string heading_lines(const CheckResult& result, const Painter& paint) {
  const Evaluation& ev = result.evaluation;
  std::string out;
  out += paint.bold("evpack 自查结果") + "\n";
  out += "规则：" + result.rules.title + "（" + result.rules.id + "）";
  if (result.rules.year) {
    out += result.rules.scored ? "  试点年度：" : "  年度：";
    out += std::to_string(result.rules.year);
    if (result.rules.end_year > result.rules.year) out += "-" + std::to_string(result.rules.end_year);
  }
  out += "\n";
  out += "材料：" + result.scan.root + "（共 " + std::to_string(result.evidence.size()) + " 个文件）\n";
  out += reused_inspections_line(result) + "\n";

  if (result.rules.scored) {
    out += paint.bold("预计得分 " + format_points(ev.totals.total) + " / " + format_points(ev.totals.nominal)) +
           "  = 基础分 " + format_points(ev.totals.base) + " + 加分 " + format_points(ev.totals.bonus) + " − 扣分 " +
           format_points(ev.totals.deductions) + "\n";
  }
  if (!result.rules.scored) {
    const TaskCoverage& c = ev.coverage;
    out += paint.bold("任务完成情况：共 " + std::to_string(c.tasks) + " 项") + "，已完成 " + std::to_string(c.done) +
           "，部分完成 " + std::to_string(c.partial) + "，缺佐证 " + std::to_string(c.missing) + "，未到期 " +
           std::to_string(c.not_due) + "，不在检查年度 " + std::to_string(c.out_of_year) +
           "（本规则按任务清单检查佐证，不计分）\n";
  }
  return out;
}

// The D.1 risks first: they cancel the acceptance.
std::string fabrication_lines(const Evaluation& ev, const Painter& paint) {
  std::string out;
  if (ev.totals.d1_risks > 0) {
    out += paint.red("！发现 " + std::to_string(ev.totals.d1_risks) +
                     " 项弄虚作假（D.1）风险：一经查实，取消验收资格、总分扣至0分。请先逐一核实处理：") +
           "\n";
    constexpr std::size_t kShown = 5;
    for (std::size_t i = 0; i < ev.fabrication.signals.size() && i < kShown; ++i) {
      const Finding& f = ev.fabrication.signals[i];
      out += "  · " + (f.file.empty() ? "" : f.file + "：") + truncate_to_width(f.message, 90) + "\n";
    }
    if (ev.fabrication.signals.size() > kShown) {
      out += "  ……另有 " + std::to_string(ev.fabrication.signals.size() - kShown) + " 条，详见报告的D.1部分\n";
    }
  }
  return out;
}

// The score per category, indicator, bonus and deduction (or the task table).
std::string score_table(const CheckResult& result, const Painter& paint) {
  const Evaluation& ev = result.evaluation;
  std::string out;
  const int title_width = 34;
  if (!result.rules.scored) {
    out += render_task_table(result, paint, title_width);
  } else {
    out += pad_right("指标", title_width) + pad_right("得分/满分", 11) + "说明\n";
    for (const auto& cat : ev.categories) {
      out += paint.bold(pad_right(category_label(cat.id, cat.title), title_width) + format_points(cat.points) + "/" +
                        format_points(cat.total)) +
             "\n";
      for (const auto& r : ev.indicators) {
        if (r.category != cat.id) continue;
        std::string score = format_points(r.points) + "/" + format_points(r.cap);
        const std::string mark = !r.zeroed_by.empty() ? "✗" : r.points + 1e-9 >= r.cap ? "✓" : r.points > 0 ? "△" : "○";
        std::string line = "  " + pad_right(truncate_to_width(r.id + " " + r.title, title_width - 3), title_width - 2) +
                           pad_right(score, 9) + mark + " " + truncate_to_width(r.reason, 60);
        if (!r.zeroed_by.empty())
          line = paint.red(line);
        else if (r.points + 1e-9 < r.cap)
          line = paint.yellow(line);
        out += line + "\n";
      }
    }
    out += paint.bold(pad_right("加分项", title_width) + format_points(ev.totals.bonus)) + "\n";
    for (const auto& b : ev.bonuses) {
      if (b.points <= 0) continue;
      out += "  " + pad_right(truncate_to_width(b.id + " " + b.title, title_width - 3), title_width - 2) + "+" +
             format_points(b.points) + "  " + b.reason + "\n";
    }
    out += paint.bold(pad_right("扣分项", title_width) + "−" + format_points(ev.totals.deductions)) + "\n";
    for (const auto& d : ev.deductions) {
      if (d.occurrences == 0 && !d.manual) continue;
      out += "  " + pad_right(truncate_to_width(d.id + " " + d.title, title_width - 3), title_width - 2) +
             pad_right(d.points > 0 ? "−" + format_points(d.points) : "", 9) + "  " + d.reason + "\n";
    }
  }

  return out;
}

// The finding counts, the first findings people must act on, the manual checks.
std::string finding_lines(const CheckResult& result, const Painter& paint, const ConsoleOptions& options) {
  const Evaluation& ev = result.evaluation;
  std::string out;
  std::map<Severity, int> counts;
  for (const auto& f : result.findings) ++counts[f.severity];
  out += "\n" + paint.bold("发现的问题") + "：致命 " + std::to_string(counts[Severity::Fatal]) + "，严重 " +
         std::to_string(counts[Severity::Error]) + "，警告 " + std::to_string(counts[Severity::Warning]) + "，提示 " +
         std::to_string(counts[Severity::Info]) + "\n";
  int shown = 0;
  for (const auto& f : result.findings) {
    if (f.severity == Severity::Info) continue;
    if (shown >= options.max_findings) break;
    ++shown;
    // The code stays in the JSON report; people read the finding's Chinese name.
    std::string head = "[" + severity_label_zh(f.severity) + "] " + finding_name_zh(f.code);
    if (!f.rule.empty()) head += " " + f.rule;
    if (!f.indicator.empty()) head += " 指标" + f.indicator;
    head = f.severity >= Severity::Error ? paint.red(head) : paint.yellow(head);
    out += head + " " + (f.file.empty() ? "" : f.file + "：") + f.message + "\n";
    if (!f.advice.empty()) out += "      建议：" + f.advice + "\n";
  }
  int rest = 0;
  for (const auto& f : result.findings) rest += f.severity != Severity::Info ? 1 : 0;
  rest -= shown;
  if (rest > 0) {
    out += "……另有 " + std::to_string(rest) + " 条，" +
           (options.full_report.empty() ? std::string("可用 --html、--xlsx 或 --json 写出完整报告")
                                        : "详见" + options.full_report) +
           "。\n";
  }
  if (!ev.manual_checks.empty()) {
    out += "\n" + paint.bold("需人工核查") + "：\n";
    for (const auto& m : ev.manual_checks) out += "  · " + m + "\n";
  }
  return out;
}

}  // namespace

std::string reused_inspections_line(const CheckResult& result) {
  if (result.reused_inspections == 0) return "";
  return "其中 " + std::to_string(result.reused_inspections) +
         " 个文件与上次检查时相同，沿用了上次的识别结果（加 --no-cache 可全部重新识别）。\n";
}

std::string render_console_summary(const CheckResult& result, const ConsoleOptions& options) {
  const Painter paint{options.color};
  return heading_lines(result, paint) + fabrication_lines(result.evaluation, paint) + "\n" +
         score_table(result, paint) + finding_lines(result, paint, options);
}

}  // namespace evpack
