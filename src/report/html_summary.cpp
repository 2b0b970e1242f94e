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
  out_.add(
      "<svg class=\"gauge\" viewBox=\"0 0 120 120\" role=\"img\" aria-label=\"{}"
      " {}/{}\">",
      t_("预计得分", "Estimated score"), format_points(tot.total), format_points(nominal));
  out_.add("<circle cx=\"60\" cy=\"60\" r=\"52\" fill=\"none\" stroke=\"#e6ebf2\" stroke-width=\"11\"/>");
  out_.add(
      "<circle cx=\"60\" cy=\"60\" r=\"52\" fill=\"none\" stroke=\"{}"
      "\" stroke-width=\"11\" stroke-linecap=\"round\" stroke-dasharray=\"{}"
      "\" transform=\"rotate(-90 60 60)\"/>",
      std::string(colour), dash);
  out_.add(
      "<text x=\"60\" y=\"58\" text-anchor=\"middle\" font-size=\"30\" font-weight=\"700\" fill=\"#1d2733\" "
      "id=\"total-score\">{}</text>",
      format_points(tot.total));
  out_.add(
      "<text x=\"60\" y=\"78\" text-anchor=\"middle\" font-size=\"11\" fill=\"#5f6b7a\">{}{}"
      "</text>",
      t_("满分 ", "of "), format_points(nominal));
  out_.add(
      "<text x=\"60\" y=\"93\" text-anchor=\"middle\" font-size=\"10\" fill=\"#5f6b7a\">{}"
      "</text></svg>",
      t_("预计得分", "estimated"));
}

void HtmlWriter::summary() {
  const Tr& t = t_;
  const Totals& tot = r_.evaluation.totals;
  section_start("summary", t("概览", "Summary"), false);
  if (tot.d1_risks > 0) {
    out_.add(
        "<div class=\"banner fatal\">{}</div>\n",
        (ctx_.lang == ReportLang::En
             ? "! " + std::to_string(tot.d1_risks) +
                   " risk(s) of fabrication (D.1): if confirmed, the acceptance is cancelled and the total becomes 0. "
                   "Deal with them first (see Findings)."
             : "！发现 " + std::to_string(tot.d1_risks) +
                   " 项弄虚作假（D.1）风险：一经查实，取消验收资格、总分扣至0分。请优先处理（见问题清单）。"));
  }
  out_.add("<div class=\"summary\"><div class=\"gauge-box\">");
  score_box();
  out_.add("</div><div>");
  finding_counts();
  if (r_.rules.scored) category_bars();
  out_.add("</div></div>\n");
  zeroed_cards();
  out_.add("</section>\n");
}

void HtmlWriter::score_box() {
  const Tr& t = t_;
  const Evaluation& ev = r_.evaluation;
  const Totals& tot = ev.totals;
  if (r_.rules.scored) {
    gauge();
    out_.add(
        "<div class=\"formula\">{} <b id=\"base-score\">{}</b> + {} <b>{}"
        "</b> − {} <b>{}</b></div>",
        t("基础分", "Base"), format_points(tot.base), t("加分", "bonus"), format_points(tot.bonus),
        t("扣分", "deductions"), format_points(tot.deductions));
    double recoverable = 0;
    for (const auto& i : ev.indicators) recoverable += std::max(0.0, i.points_if_fixed - i.points);
    if (recoverable > 0) {
      out_.add("<div class=\"formula\">{}<b>{}</b>{}</div>",
               t("纠正扣0分问题后可增加约 ", "Fixing the zeroing causes adds about "), format_points(recoverable),
               t(" 分", " points"));
    }
  } else {
    std::size_t with = 0;
    for (const auto& i : ev.indicators) with += i.files.empty() ? 0 : 1;
    out_.add(
        "<div class=\"kpi\"><div class=\"v\">{}/{}</div><div class=\"l\">{}"
        "</div></div>",
        std::to_string(with), std::to_string(ev.indicators.size()), t("有材料的任务", "tasks with evidence"));
  }
}

void HtmlWriter::finding_counts() {
  std::map<Severity, int> counts;
  for (const auto& f : r_.findings) ++counts[f.severity];
  out_.add("<div class=\"kpis\">");
  for (const Severity s : {Severity::Fatal, Severity::Error, Severity::Warning, Severity::Info}) {
    out_.add(
        "<div class=\"kpi {}\"><div class=\"v\" id=\"count-{}\">{}"
        "</div><div class=\"l\">{}{}</div></div>",
        to_string(s), to_string(s), std::to_string(counts[s]), severity_label(s, ctx_.lang), t_("问题", " findings"));
  }
  out_.add("</div>");
}

void HtmlWriter::category_bars() {
  const Tr& t = t_;
  const Evaluation& ev = r_.evaluation;
  const Totals& tot = ev.totals;
  out_.add("<div class=\"bars\">");
  for (const auto& c : ev.categories) {
    const double frac = c.total > 0 ? c.points / c.total : 0;
    const char* cls = frac >= 0.999 ? "" : frac >= 0.5 ? " part" : " bad";
    out_.add(
        "<div class=\"name\">{}</div><div class=\"track\"><div class=\"fill{}"
        "\" style=\"width:{}%\"></div></div><div class=\"num\">{} / {}</div>",
        category_label(c.id, c.title, ctx_.lang), cls, percent(c.points, c.total), format_points(c.points),
        format_points(c.total));
  }
  if (!ev.bonuses.empty()) {
    double cap = 0;
    for (const auto& b : ev.bonuses) cap += b.cap;
    out_.add(
        "<div class=\"name\">{}"
        "</div><div class=\"track\"><div class=\"fill\" style=\"width:{}"
        "%\"></div></div><div class=\"num\">+{}</div>",
        t("加分项", "Bonus"), percent(tot.bonus, cap), format_points(tot.bonus));
  }
  out_.add(
      "<div class=\"name\">{}</div><div class=\"small muted\">{}"
      "</div><div class=\"num ded\">−{}</div>",
      t("扣分项", "Deductions"), t("详见“扣分项与加分项”", "see Deductions"), format_points(tot.deductions));
  out_.add("</div>");
}

// Zeroed indicators: the first thing a leader should see after the score.
void HtmlWriter::zeroed_cards() {
  const Tr& t = t_;
  std::vector<const IndicatorResult*> zeroed;
  for (const auto& i : r_.evaluation.indicators) {
    if (!i.zeroed_by.empty()) zeroed.push_back(&i);
  }
  if (zeroed.empty()) {
    if (r_.rules.scored) {
      out_.add("<div class=\"banner good\">{}</div>", t("没有被扣为0分的指标。", "No indicator is zeroed."));
    }
    return;
  }
  out_.add("<h3>{}</h3><div class=\"zeroed\">", t("被扣为0分的指标", "Indicators zeroed"));
  for (const auto* i : zeroed) {
    out_.add(
        "<div class=\"zcard\"><div class=\"h\"><a href=\"#{}\">{}</a>：{}"
        " / {}{}</div>",
        anchor(i->id), i->id + " " + i->title, format_points(i->points), format_points(i->cap),
        (i->points_if_fixed > i->points
             ? t("（修正后可得 ", " (fixed: ") + format_points(i->points_if_fixed) + t(" 分）", ")")
             : std::string()));
    for (const auto& z : i->zeroed_by) {
      out_.add("<div>{}</div>", z.shown().empty() ? z.message : z.shown() + "：" + z.message);
      if (!z.file.empty()) out_.add("<div class=\"f\">{}{}</div>", t("文件：", "File: "), file_ref(z.file));
    }
    out_.add("</div>");
  }
  out_.add("</div>\n");
}

void HtmlWriter::indicator_table() {
  const Tr& t = t_;
  const Evaluation& ev = r_.evaluation;
  section_start("indicators", t("指标得分", "Indicator scores"), true);
  table_start({t("编号", "No."), t("指标", "Indicator"), numeric(t("得分", "Points")), t("状态", "Status"),
               t("说明", "Reason"), t("责任科室", "Units")});
  for (const auto& c : ev.categories) {
    out_.add(
        "<tr class=\"cat\"><td colspan=\"2\">{}</td><td class=\"num\">{} / {}"
        "</td><td colspan=\"3\"></td></tr>\n",
        category_label(c.id, c.title, ctx_.lang), format_points(c.points), format_points(c.total));
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
  out_.add("</tbody></table></section>\n");
}

void HtmlWriter::indicator_row(const IndicatorResult& i) {
  const Status s = status_of(i, r_.rules.scored);
  const double frac = i.cap > 0 ? i.points / i.cap : 0;
  const char* bar = frac >= 0.999 ? "" : frac > 0 ? "part" : "bad";
  out_.add(
      "<tr id=\"row-{}\"><td><a href=\"#{}\">{}</a></td><td class=\"t\">{}"
      "</td><td class=\"num\">{} / {}<span class=\"minibar\"><i class=\"{}"
      "\" style=\"width:{}%\"></i></span></td><td><span class=\"chip {}\">{}"
      "</span></td><td>{}</td><td class=\"small u\">{}</td></tr>\n",
      anchor(i.id), anchor(i.id), i.id, i.title, format_points(i.points), format_points(i.cap), bar,
      percent(i.points, i.cap), status_class(s), status_label(s, t_), i.reason, join_nonempty(i.units, "、"));
}

}  // namespace evpack::html
