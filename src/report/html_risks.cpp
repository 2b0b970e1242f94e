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
std::string HtmlWriter::file_ref(const std::string& path, const std::string& text) const {
  const auto it = ctx_.file_links.find(path);
  if (it == ctx_.file_links.end()) return html_escape(text.empty() ? path : text);
  return "<a class=\"file\" href=\"" + html_escape(it->second.href) + "\">" + html_escape(text.empty() ? it->second.shown : text) +
         "</a>";
}

// The lead unit in bold, the supporting units after it.
std::string HtmlWriter::units_cell(const Finding& f) const {
  const auto helpers = supporting_units(r_, f, ctx_.lang);
  return "<b>" + html_escape(lead_unit(r_, f, ctx_.lang)) + "</b>" +
         (helpers.empty() ? std::string() : "<br>" + t_("配合：", "Support: ") + html_escape(join_nonempty(helpers, "、")));
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

std::string HtmlWriter::indicator_link(const std::string& id) const {
  if (id.empty()) return "";
  return "<a href=\"#" + anchor(id) + "\">" + html_escape(id) + "</a>";
}

void HtmlWriter::risks() {
  const Tr& t = t_;
  out_ += "<section class=\"block pb\" id=\"risks\"><h2>" + t("问题清单（按严重程度）", "Findings by severity") + "</h2>\n";
  if (r_.findings.empty()) {
    out_ += "<p>" + t("未发现问题。", "No findings.") + "</p></section>\n";
    return;
  }
  out_ += "<div class=\"filters noprint\"><input type=\"search\" id=\"risk-search\" placeholder=\"" +
          t("筛选：输入文件名、指标或关键词", "Filter: file, indicator or word") + "\">";
  for (const Severity s : {Severity::Fatal, Severity::Error, Severity::Warning, Severity::Info}) {
    out_ += "<label><input type=\"checkbox\" data-sev-toggle=\"" + std::string(severity_class(s)) + "\"" +
            (s == Severity::Info ? "" : " checked") + "> " + severity_label(s, ctx_.lang) + "</label>";
  }
  out_ += "<span class=\"muted\">" + t("显示 ", "Showing ") + "<b id=\"risk-count\">" +
          std::to_string(r_.findings.size()) + "</b>" + t(" 条", "") + "</span></div>\n";
  for (const Severity s : {Severity::Fatal, Severity::Error, Severity::Warning, Severity::Info}) {
    std::vector<const Finding*> list;
    for (const auto& f : r_.findings) {
      if (f.severity == s) list.push_back(&f);
    }
    if (list.empty()) continue;
    out_ += "<h3><span class=\"chip " + std::string(severity_class(s)) + "\">" + severity_label(s, ctx_.lang) +
            "</span> " + std::to_string(list.size()) + t(" 条", "") + "</h3>\n";
    out_ += "<table class=\"risk\"><colgroup><col style=\"width:52px\"><col style=\"width:48px\"><col>"
            "<col style=\"width:24%\"><col style=\"width:17%\"></colgroup><thead><tr><th>" +
            t("规则", "Rule") + "</th><th>" + t("指标", "Ind.") + "</th><th>" +
            t("问题与整改建议", "Finding and fix") + "</th><th>" + t("文件", "File") + "</th><th>" +
            t("责任科室", "Units") + "</th></tr></thead><tbody>\n";
    for (const Finding* f : list) {
      // People read the finding's Chinese name; the code is kept for the hover and scripts.
      out_ += "<tr data-sev=\"" + std::string(severity_class(s)) + "\" data-code=\"" + html_escape(f->code) + "\"><td>" +
              html_escape(f->rule) + "</td><td>" + indicator_link(indicator_of(*f)) + "</td><td><b title=\"" + html_escape(f->code) +
              "\">" + html_escape(finding_name(*f)) + "</b>：" + html_escape(f->message) + "<div class=\"advice\">" +
              html_escape(fix_advice(*f, ctx_.lang)) + "</div></td><td class=\"path\">" + file_ref(f->file) +
              "</td><td class=\"small\">" +
              units_cell(*f) + "</td></tr>\n";
    }
    out_ += "</tbody></table>\n";
  }
  out_ += "</section>\n";
}

void HtmlWriter::units() {
  const Tr& t = t_;
  out_ += "<section class=\"block pb\" id=\"units\"><h2>" + t("各责任科室待办", "To-do by responsible unit") + "</h2>\n";
  out_ += "<p class=\"muted small\">" +
          t("每条问题只列在牵头科室下（规则文件为该指标指定的牵头科室，未指定时为所列的第一个科室），"
            "其他科室为配合；“提示”级问题不列入待办。",
            "Each finding is listed once, under its lead unit (the first unit the rule file lists for "
            "its indicator); the others support. Info findings are left out.") +
          "</p>\n";
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
    out_ += "<div class=\"unit\" data-unit=\"" + html_escape(unit) + "\"><div class=\"uh\"><b>" + html_escape(unit) + "</b>";
    for (const Severity s : {Severity::Fatal, Severity::Error, Severity::Warning}) {
      if (counts[s]) {
        out_ += "<span class=\"chip " + std::string(severity_class(s)) + "\">" + severity_label(s, ctx_.lang) + " " +
                std::to_string(counts[s]) + "</span>";
      }
    }
    if (indicators > 0 && r_.rules.scored) {
      out_ += "<span class=\"muted small\">" +
              (ctx_.lang == ReportLang::En
                   ? std::to_string(indicators) + " indicators, " + format_points(short_of) + " points short"
                   : "负责指标 " + std::to_string(indicators) + " 项，尚差 " + format_points(short_of) + " 分") +
              "</span>";
    }
    out_ += "</div><ol>";
    for (const auto* f : items) {
      out_ += "<li><span class=\"chip " + std::string(severity_class(f->severity)) + "\">" +
              severity_label(f->severity, ctx_.lang) + "</span> ";
      if (!indicator_of(*f).empty()) out_ += indicator_link(indicator_of(*f)) + " ";
      out_ += "<b title=\"" + html_escape(f->code) + "\">" + html_escape(finding_name(*f)) + "</b>：<span class=\"advice\">" +
              html_escape(fix_advice(*f, ctx_.lang)) + "</span><div class=\"small muted\">" + html_escape(f->message);
      if (!f->file.empty()) out_ += "（" + file_ref(f->file) + "）";
      const auto helpers = supporting_units(r_, *f, ctx_.lang);
      if (!helpers.empty()) out_ += "<br>" + t("配合：", "Support: ") + html_escape(join_nonempty(helpers, "、"));
      out_ += "</div></li>";
    }
    out_ += "</ol></div>\n";
  }
  if (!any) out_ += "<p>" + t("没有待办事项。", "Nothing to do.") + "</p>";
  out_ += "</section>\n";
}

void HtmlWriter::bonus_and_deductions() {
  const Tr& t = t_;
  const Evaluation& ev = r_.evaluation;
  out_ += "<section class=\"block\" id=\"deductions\"><h2>" + t("扣分项与加分项", "Deductions and bonus") + "</h2>\n";
  out_ += "<table><thead><tr><th>" + t("编号", "No.") + "</th><th>" + t("扣分情形", "Deduction") +
          "</th><th class=\"num\">" + t("预计扣分", "Points") + "</th><th class=\"num\">" + t("问题数", "Count") +
          "</th><th>" + t("说明", "Reason") + "</th></tr></thead><tbody>\n";
  for (const auto& d : ev.deductions) {
    std::string chip;
    if (d.manual) chip = "<span class=\"chip miss\">" + t("需人工核查", "manual check") + "</span> ";
    else if (d.points > 0) chip = "<span class=\"chip bad\">" + t("扣分", "deducted") + "</span> ";
    else if (d.occurrences > 0) chip = "<span class=\"chip part\">" + t("有风险", "risk") + "</span> ";
    out_ += "<tr><td>" + html_escape(d.id) + "</td><td>" + html_escape(d.title) + "</td><td class=\"num\">" +
            (d.points > 0 ? "−" + format_points(d.points) : std::string("0")) + "</td><td class=\"num\">" +
            std::to_string(d.occurrences) + "</td><td>" + chip + html_escape(d.reason) + "</td></tr>\n";
  }
  out_ += "</tbody></table>\n";
  if (!ev.bonuses.empty()) {
    out_ += "<h3>" + t("加分项", "Bonus") + "</h3><table><thead><tr><th>" + t("编号", "No.") + "</th><th>" +
            t("加分情形", "Bonus") + "</th><th class=\"num\">" + t("得分", "Points") + "</th><th class=\"num\">" +
            t("文件数", "Files") + "</th><th>" + t("说明", "Reason") + "</th></tr></thead><tbody>\n";
    for (const auto& b : ev.bonuses) {
      out_ += "<tr><td>" + (b.files.empty() ? html_escape(b.id) : indicator_link(b.id)) + "</td><td>" + html_escape(b.title) +
              "</td><td class=\"num\">" + format_points(b.points) + " / " + format_points(b.cap) + "</td><td class=\"num\">" +
              std::to_string(b.files.size()) + "</td><td>" + html_escape(b.reason) + "</td></tr>\n";
    }
    out_ += "</tbody></table>\n";
  }
  out_ += "</section>\n";
}

}  // namespace evpack::html
