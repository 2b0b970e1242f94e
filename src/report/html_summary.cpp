// HTML report, the summary: score gauge, category bars, zeroed indicators; the indicator table.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>

#include "evpack/report/finding_names.hpp"
#include "evpack/util/format.hpp"
#include "evpack/util/text.hpp"
#include "html_writer.hpp"

namespace evpack::html {

void HtmlWriter::gauge() {
  const Totals& tot = r_.evaluation.totals;
  const double nominal = tot.nominal > 0 ? tot.nominal : 100;
  const double frac = std::clamp(tot.total / nominal, 0.0, 1.0);
  const double circumference = 2 * 3.14159265358979 * 52;
  const char* colour = frac >= 0.8 ? "#2e7d32" : frac >= 0.6 ? "#e0a030" : "#d9534f";
  char dash[64];
  std::snprintf(dash, sizeof dash, "%.1f %.1f", circumference * frac, circumference);
  out_ += "<svg class=\"gauge\" viewBox=\"0 0 120 120\" role=\"img\" aria-label=\"" + t_("预计得分", "Estimated score") +
          " " + format_points(tot.total) + "/" + format_points(nominal) + "\">";
  out_ += "<circle cx=\"60\" cy=\"60\" r=\"52\" fill=\"none\" stroke=\"#e6ebf2\" stroke-width=\"11\"/>";
  out_ += "<circle cx=\"60\" cy=\"60\" r=\"52\" fill=\"none\" stroke=\"" + std::string(colour) +
          "\" stroke-width=\"11\" stroke-linecap=\"round\" stroke-dasharray=\"" + dash +
          "\" transform=\"rotate(-90 60 60)\"/>";
  out_ += "<text x=\"60\" y=\"58\" text-anchor=\"middle\" font-size=\"30\" font-weight=\"700\" fill=\"#1d2733\" "
          "id=\"total-score\">" +
          format_points(tot.total) + "</text>";
  out_ += "<text x=\"60\" y=\"78\" text-anchor=\"middle\" font-size=\"11\" fill=\"#5f6b7a\">" + t_("满分 ", "of ") +
          format_points(nominal) + "</text>";
  out_ += "<text x=\"60\" y=\"93\" text-anchor=\"middle\" font-size=\"10\" fill=\"#5f6b7a\">" +
          t_("预计得分", "estimated") + "</text></svg>";
}

void HtmlWriter::summary() {
  const Tr& t = t_;
  const Evaluation& ev = r_.evaluation;
  const Totals& tot = ev.totals;
  out_ += "<section class=\"block\" id=\"summary\"><h2>" + t("概览", "Summary") + "</h2>\n";
  if (tot.d1_risks > 0) {
    out_ += "<div class=\"banner fatal\">" +
            (ctx_.lang == ReportLang::En
                 ? "! " + std::to_string(tot.d1_risks) +
                       " risk(s) of fabrication (D.1): if confirmed, the acceptance is cancelled and the total becomes 0. "
                       "Deal with them first (see Findings)."
                 : "！发现 " + std::to_string(tot.d1_risks) +
                       " 项弄虚作假（D.1）风险：一经查实，取消验收资格、总分扣至0分。请优先处理（见问题清单）。") +
            "</div>\n";
  }
  out_ += "<div class=\"summary\"><div class=\"gauge-box\">";
  if (r_.rules.scored) {
    gauge();
    out_ += "<div class=\"formula\">" + t("基础分", "Base") + " <b id=\"base-score\">" + format_points(tot.base) + "</b> + " +
            t("加分", "bonus") + " <b>" + format_points(tot.bonus) + "</b> − " + t("扣分", "deductions") + " <b>" +
            format_points(tot.deductions) + "</b></div>";
    double recoverable = 0;
    for (const auto& i : ev.indicators) recoverable += std::max(0.0, i.points_if_fixed - i.points);
    if (recoverable > 0) {
      out_ += "<div class=\"formula\">" + t("纠正扣0分问题后可增加约 ", "Fixing the zeroing causes adds about ") +
              "<b>" + format_points(recoverable) + "</b>" + t(" 分", " points") + "</div>";
    }
  } else {
    std::size_t with = 0;
    for (const auto& i : ev.indicators) with += i.files.empty() ? 0 : 1;
    out_ += "<div class=\"kpi\"><div class=\"v\">" + std::to_string(with) + "/" +
            std::to_string(ev.indicators.size()) + "</div><div class=\"l\">" +
            t("有材料的任务", "tasks with evidence") + "</div></div>";
  }
  out_ += "</div><div>";
  std::map<Severity, int> counts;
  for (const auto& f : r_.findings) ++counts[f.severity];
  out_ += "<div class=\"kpis\">";
  for (const Severity s : {Severity::Fatal, Severity::Error, Severity::Warning, Severity::Info}) {
    out_ += "<div class=\"kpi " + std::string(severity_class(s)) + "\"><div class=\"v\" id=\"count-" +
            severity_class(s) + "\">" + std::to_string(counts[s]) + "</div><div class=\"l\">" +
            severity_label(s, ctx_.lang) + t("问题", " findings") + "</div></div>";
  }
  out_ += "</div>";
  if (r_.rules.scored) {
    out_ += "<div class=\"bars\">";
    for (const auto& c : ev.categories) {
      const double frac = c.total > 0 ? c.points / c.total : 0;
      const char* cls = frac >= 0.999 ? "" : frac >= 0.5 ? " part" : " bad";
      out_ += "<div class=\"name\">" + html_escape(category_label(c.id, c.title, ctx_.lang)) +
              "</div><div class=\"track\"><div class=\"fill" + cls + "\" style=\"width:" + percent(c.points, c.total) +
              "%\"></div></div><div class=\"num\">" + format_points(c.points) + " / " + format_points(c.total) + "</div>";
    }
    if (!ev.bonuses.empty()) {
      double cap = 0;
      for (const auto& b : ev.bonuses) cap += b.cap;
      out_ += "<div class=\"name\">" + t("加分项", "Bonus") + "</div><div class=\"track\"><div class=\"fill\" style=\"width:" +
              percent(tot.bonus, cap) + "%\"></div></div><div class=\"num\">+" + format_points(tot.bonus) + "</div>";
    }
    out_ += "<div class=\"name\">" + t("扣分项", "Deductions") + "</div><div class=\"small muted\">" +
            t("详见“扣分项与加分项”", "see Deductions") + "</div><div class=\"num ded\">−" + format_points(tot.deductions) +
            "</div>";
    out_ += "</div>";
  }
  out_ += "</div></div>\n";

  // Zeroed indicators: the first thing a leader should see after the score.
  std::vector<const IndicatorResult*> zeroed;
  for (const auto& i : ev.indicators) {
    if (!i.zeroed_by.empty()) zeroed.push_back(&i);
  }
  if (!zeroed.empty()) {
    out_ += "<h3>" + t("被扣为0分的指标", "Indicators zeroed") + "</h3><div class=\"zeroed\">";
    for (const auto* i : zeroed) {
      out_ += "<div class=\"zcard\"><div class=\"h\"><a href=\"#" + anchor(i->id) + "\">" + html_escape(i->id + " " + i->title) +
              "</a>：" + format_points(i->points) + " / " + format_points(i->cap) +
              (i->points_if_fixed > i->points
                   ? t("（修正后可得 ", " (fixed: ") + format_points(i->points_if_fixed) + t(" 分）", ")")
                   : std::string()) +
              "</div>";
      for (const auto& z : i->zeroed_by) {
        out_ += "<div>" + html_escape(z.shown().empty() ? z.message : z.shown() + "：" + z.message) + "</div>";
        if (!z.file.empty()) out_ += "<div class=\"f\">" + t("文件：", "File: ") + file_ref(z.file) + "</div>";
      }
      out_ += "</div>";
    }
    out_ += "</div>\n";
  } else if (r_.rules.scored) {
    out_ += "<div class=\"banner good\">" + t("没有被扣为0分的指标。", "No indicator is zeroed.") + "</div>";
  }
  out_ += "</section>\n";
}

void HtmlWriter::indicator_table() {
  const Tr& t = t_;
  const Evaluation& ev = r_.evaluation;
  out_ += "<section class=\"block pb\" id=\"indicators\"><h2>" + t("指标得分", "Indicator scores") + "</h2>\n";
  out_ += "<table><thead><tr><th>" + t("编号", "No.") + "</th><th>" + t("指标", "Indicator") + "</th><th class=\"num\">" +
          t("得分", "Points") + "</th><th>" + t("状态", "Status") + "</th><th>" + t("说明", "Reason") + "</th><th>" +
          t("责任科室", "Units") + "</th></tr></thead><tbody>\n";
  for (const auto& c : ev.categories) {
    out_ += "<tr class=\"cat\"><td colspan=\"2\">" + html_escape(category_label(c.id, c.title, ctx_.lang)) +
            "</td><td class=\"num\">" + format_points(c.points) + " / " + format_points(c.total) + "</td><td colspan=\"3\"></td></tr>\n";
    for (const auto& i : ev.indicators) {
      if (i.category != c.id) continue;
      indicator_row(i);
    }
  }
  // Indicators whose category is not in the list (should not happen, but never drop rows).
  for (const auto& i : ev.indicators) {
    const bool listed = std::any_of(ev.categories.begin(), ev.categories.end(),
                                    [&](const CategoryResult& c) { return c.id == i.category; });
    if (!listed) indicator_row(i);
  }
  out_ += "</tbody></table></section>\n";
}

void HtmlWriter::indicator_row(const IndicatorResult& i) {
  const Status s = status_of(i, r_.rules.scored);
  const double frac = i.cap > 0 ? i.points / i.cap : 0;
  const char* bar = frac >= 0.999 ? "" : frac > 0 ? "part" : "bad";
  out_ += "<tr id=\"row-" + anchor(i.id) + "\"><td><a href=\"#" + anchor(i.id) + "\">" + html_escape(i.id) + "</a></td><td class=\"t\">" +
          html_escape(i.title) + "</td><td class=\"num\">" + format_points(i.points) + " / " + format_points(i.cap) +
          "<span class=\"minibar\"><i class=\"" + bar + "\" style=\"width:" + percent(i.points, i.cap) +
          "%\"></i></span></td><td><span class=\"chip " + status_class(s) + "\">" + status_label(s, t_) +
          "</span></td><td>" + html_escape(i.reason) + "</td><td class=\"small u\">" + html_escape(join_nonempty(i.units, "、")) +
          "</td></tr>\n";
}

}  // namespace evpack::html
