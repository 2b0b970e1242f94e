// HTML report, the risks by severity, the to-do list per responsible unit, bonus and deduction items.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>

#include "evpack/report/finding_names.hpp"
#include "evpack/util/format.hpp"
#include "evpack/util/text.hpp"
#include "html_writer.hpp"

namespace evpack::html {

// The path people read for a file: the packed path in a package's report.
std::string HtmlWriter::shown_path(const std::string& path) const {
  const auto it = ctx_.file_links.find(path);
  return it == ctx_.file_links.end() ? path : it->second.shown;
}

// A file named by the report: a relative link to it when the context has one.
Html HtmlWriter::file_ref(const std::string& path, const std::string& text) const {
  const auto it = ctx_.file_links.find(path);
  if (it == ctx_.file_links.end()) return Html::format("{}", text.empty() ? path : text);
  return Html::format("<a class=\"file\" href=\"{}\">{}</a>", it->second.href, text.empty() ? it->second.shown : text);
}

// The lead unit in bold, the supporting units after it.
Html HtmlWriter::units_cell(const Finding& f) const {
  const auto helpers = supporting_units(r_, f, ctx_.lang);
  Html cell = Html::format("<b>{}</b>", lead_unit(r_, f, ctx_.lang));
  if (!helpers.empty()) cell.add("<br>{}{}", t_("配合：", "Support: "), join_nonempty(helpers, "、"));
  return cell;
}

// The finding's name people read (Chinese; the code in the English report).
std::string HtmlWriter::finding_name(const Finding& f) const {
  return ctx_.lang == ReportLang::En ? f.code : finding_name_zh(f.code);
}

// The indicator a finding concerns: its own, else the one its file is mapped to.
std::string HtmlWriter::indicator_of(const Finding& f) const {
  if (!f.indicator.empty()) return f.indicator;
  const auto it = evidence_by_path_.find(f.file);
  return it == evidence_by_path_.end() ? "" : r_.evidence[it->second].placement.indicator;
}

Html HtmlWriter::indicator_link(const std::string& id) const {
  if (id.empty()) return {};
  return Html::format("<a href=\"#{}\">{}</a>", anchor(id), id);
}

void HtmlWriter::risks() {
  const Tr& t = t_;
  section_start("risks", t("问题清单（按严重程度）", "Findings by severity"), true);
  if (r_.findings.empty()) {
    out_.add("<p>{}</p></section>\n", t("未发现问题。", "No findings."));
    return;
  }
  out_.add(
      "<div class=\"filters noprint\"><input type=\"search\" id=\"risk-search\" placeholder=\"{}"
      "\">",
      t("筛选：输入文件名、指标或关键词", "Filter: file, indicator or word"));
  for (const Severity s : {Severity::Fatal, Severity::Error, Severity::Warning, Severity::Info}) {
    out_.add("<label><input type=\"checkbox\" data-sev-toggle=\"{}\"{}> {}</label>", to_string(s),
             markup(s == Severity::Info ? "" : " checked"), severity_label(s, ctx_.lang));
  }
  out_.add("<span class=\"muted\">{}<b id=\"risk-count\">{}</b>{}</span></div>\n", t("显示 ", "Showing "),
           std::to_string(r_.findings.size()), t(" 条", ""));
  for (const Severity s : {Severity::Fatal, Severity::Error, Severity::Warning, Severity::Info}) {
    std::vector<const Finding*> list;
    for (const auto& f : r_.findings) {
      if (f.severity == s) list.push_back(&f);
    }
    if (list.empty()) continue;
    out_.add("<h3><span class=\"chip {}\">{}</span> {}{}</h3>\n", to_string(s), severity_label(s, ctx_.lang),
             std::to_string(list.size()), t(" 条", ""));
    out_.add(
        "<table class=\"risk\"><colgroup><col style=\"width:52px\"><col style=\"width:48px\"><col>"
        "<col style=\"width:24%\"><col style=\"width:17%\"></colgroup><thead><tr><th>{}"
        "</th><th>{}</th><th>{}</th><th>{}</th><th>{}"
        "</th></tr></thead><tbody>\n",
        t("规则", "Rule"), t("指标", "Ind."), t("问题与整改建议", "Finding and fix"), t("文件", "File"),
        t("责任科室", "Units"));
    for (const Finding* f : list) {
      // People read the finding's Chinese name; the code is kept for the hover and scripts.
      out_.add(
          "<tr data-sev=\"{}\" data-code=\"{}\"><td>{}</td><td>{}"
          "</td><td><b title=\"{}\">{}</b>：{}<div class=\"advice\">{}"
          "</div></td><td class=\"path\">{}</td><td class=\"small\">{}"
          "</td></tr>\n",
          to_string(s), f->code, f->rule, indicator_link(indicator_of(*f)), f->code, finding_name(*f), f->message,
          fix_advice(*f, ctx_.lang), file_ref(f->file), units_cell(*f));
    }
    out_.add("</tbody></table>\n");
  }
  out_.add("</section>\n");
}

void HtmlWriter::units() {
  const Tr& t = t_;
  section_start("units", t("各责任科室待办", "To-do by responsible unit"), true);
  out_.add("<p class=\"muted small\">{}</p>\n",
           t("每条问题只列在牵头科室下（规则文件为该指标指定的牵头科室，未指定时为所列的第一个科室），"
             "其他科室为配合；“提示”级问题不列入待办。",
             "Each finding is listed once, under its lead unit (the first unit the rule file lists for "
             "its indicator); the others support. Info findings are left out."));
  bool any = false;
  for (const auto& unit : units_in_order(r_, ctx_.lang)) {
    std::vector<const Finding*> items;
    for (const auto& f : r_.findings) {
      if (f.severity == Severity::Info) continue;
      if (lead_unit(r_, f, ctx_.lang) == unit) items.push_back(&f);
    }
    double short_of = 0;
    int indicators = 0;
    for (const auto& i : r_.evaluation.indicators) {
      if (std::find(i.units.begin(), i.units.end(), unit) == i.units.end()) continue;
      ++indicators;
      short_of += std::max(0.0, i.cap - i.points);
    }
    if (items.empty()) continue;
    any = true;
    std::map<Severity, int> counts;
    for (const auto* f : items) ++counts[f->severity];
    out_.add("<div class=\"unit\" data-unit=\"{}\"><div class=\"uh\"><b>{}</b>", unit, unit);
    for (const Severity s : {Severity::Fatal, Severity::Error, Severity::Warning}) {
      if (counts[s]) {
        out_.add("<span class=\"chip {}\">{} {}</span>", to_string(s), severity_label(s, ctx_.lang),
                 std::to_string(counts[s]));
      }
    }
    if (indicators > 0 && r_.rules.scored) {
      out_.add("<span class=\"muted small\">{}</span>",
               (ctx_.lang == ReportLang::En
                    ? std::to_string(indicators) + " indicators, " + format_points(short_of) + " points short"
                    : "负责指标 " + std::to_string(indicators) + " 项，尚差 " + format_points(short_of) + " 分"));
    }
    out_.add("</div><ol>");
    for (const auto* f : items) {
      out_.add("<li><span class=\"chip {}\">{}</span> ", to_string(f->severity),
               severity_label(f->severity, ctx_.lang));
      if (!indicator_of(*f).empty()) out_.add("{} ", indicator_link(indicator_of(*f)));
      out_.add(
          "<b title=\"{}\">{}</b>：<span class=\"advice\">{}"
          "</span><div class=\"small muted\">{}",
          f->code, finding_name(*f), fix_advice(*f, ctx_.lang), f->message);
      if (!f->file.empty()) out_.add("（{}）", file_ref(f->file));
      const auto helpers = supporting_units(r_, *f, ctx_.lang);
      if (!helpers.empty()) out_.add("<br>{}{}", t("配合：", "Support: "), join_nonempty(helpers, "、"));
      out_.add("</div></li>");
    }
    out_.add("</ol></div>\n");
  }
  if (!any) out_.add("<p>{}</p>", t("没有待办事项。", "Nothing to do."));
  out_.add("</section>\n");
}

void HtmlWriter::bonus_and_deductions() {
  const Tr& t = t_;
  const Evaluation& ev = r_.evaluation;
  section_start("deductions", t("扣分项与加分项", "Deductions and bonus"), false);
  table_start({t("编号", "No."), t("扣分情形", "Deduction"), numeric(t("预计扣分", "Points")),
               numeric(t("问题数", "Count")), t("说明", "Reason")});
  for (const auto& d : ev.deductions) {
    Html chip;
    if (d.manual)
      chip.add("<span class=\"chip miss\">{}</span> ", t("需人工核查", "manual check"));
    else if (d.points > 0)
      chip.add("<span class=\"chip bad\">{}</span> ", t("扣分", "deducted"));
    else if (d.occurrences > 0)
      chip.add("<span class=\"chip part\">{}</span> ", t("有风险", "risk"));
    out_.add(
        "<tr><td>{}</td><td>{}</td><td class=\"num\">{}"
        "</td><td class=\"num\">{}</td><td>{}{}</td></tr>\n",
        d.id, d.title, (d.points > 0 ? "−" + format_points(d.points) : std::string("0")), std::to_string(d.occurrences),
        chip, d.reason);
  }
  out_.add("</tbody></table>\n");
  if (!ev.bonuses.empty()) {
    out_.add("<h3>{}</h3>", t("加分项", "Bonus"));
    table_start({t("编号", "No."), t("加分情形", "Bonus"), numeric(t("得分", "Points")), numeric(t("文件数", "Files")),
                 t("说明", "Reason")});
    for (const auto& b : ev.bonuses) {
      out_.add(
          "<tr><td>{}</td><td>{}</td><td class=\"num\">{} / {}"
          "</td><td class=\"num\">{}</td><td>{}</td></tr>\n",
          (b.files.empty() ? Html::format("{}", b.id) : indicator_link(b.id)), b.title, format_points(b.points),
          format_points(b.cap), std::to_string(b.files.size()), b.reason);
    }
    out_.add("</tbody></table>\n");
  }
  out_.add("</section>\n");
}

}  // namespace evpack::html
