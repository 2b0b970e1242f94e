// HTML report, the section per indicator, the details, the unmapped files and the manual checks.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>

#include "evpack/report/finding_names.hpp"
#include "evpack/util/format.hpp"
#include "evpack/util/text.hpp"
#include "html_writer.hpp"

namespace evpack::html {

void HtmlWriter::indicator_section(const IndicatorResult& i) {
  const Tr& t = t_;
  const Status s = status_of(i, r_.rules.scored);
  const Indicator* rule = r_.rules.find_indicator(i.id);
  out_ += "<div class=\"ind\" id=\"" + anchor(i.id) + "\"><div class=\"ind-head\"><h3>" + html_escape(i.id + " " + i.title) +
          "</h3><span class=\"score-big\">" + format_points(i.points) + " / " + format_points(i.cap) + "</span><span class=\"chip " +
          status_class(s) + "\">" + status_label(s, t) + "</span>";
  if (!i.units.empty()) out_ += "<span class=\"small muted\">" + t("责任科室：", "Units: ") + html_escape(join_nonempty(i.units, "、")) + "</span>";
  out_ += "</div>";
  if (rule && !rule->criterion.empty()) {
    out_ += "<div class=\"small muted\">" + t("评分标准：", "Criterion: ") + html_escape(rule->criterion) + "</div>";
  }
  out_ += "<p>" + html_escape(i.reason) + "</p>";
  timeline(i, rule);
  if (!i.domains_covered.empty()) {
    out_ += "<div>" + t("已覆盖领域：", "Domains: ");
    for (const auto& d : i.domains_covered) out_ += "<span class=\"chip ok\">" + html_escape(d) + "</span>";
    out_ += "</div>";
  }
  if (rule && !rule->sub_items.empty()) {
    out_ += "<div>";
    for (const auto& sub : rule->sub_items) {
      const bool met = std::find(i.sub_items_met.begin(), i.sub_items_met.end(), sub.id) != i.sub_items_met.end();
      out_ += "<span class=\"chip " + std::string(met ? "ok" : "bad") + "\">" + html_escape(sub.title) + " " +
              (met ? t("有", "met") : t("缺", "missing")) + "</span>";
    }
    out_ += "</div>";
  }
  if (!i.zeroed_by.empty()) {
    out_ += "<div class=\"cause\"><b>" + t("扣为0分的原因", "Why it scores zero") + "</b><ul>";
    for (const auto& z : i.zeroed_by) {
      out_ += "<li>" + html_escape(z.shown().empty() ? z.message : z.shown() + "：" + z.message);
      if (!z.file.empty()) out_ += "<div class=\"small\">" + file_ref(z.file) + "</div>";
      out_ += "</li>";
    }
    out_ += "</ul>";
    if (i.points_if_fixed > i.points) {
      out_ += t("修正后可得 ", "Fixed, it would score ") + format_points(i.points_if_fixed) + t(" 分。", " points.");
    }
    out_ += "</div>";
  }
  // What is missing: the indicator's findings that name no file (gaps, no evidence, unmet conditions).
  const auto fit = by_indicator_.find(i.id);
  std::vector<const Finding*> missing;
  if (fit != by_indicator_.end()) {
    for (const Finding* f : fit->second) {
      if (f->file.empty() && f->severity >= Severity::Warning) missing.push_back(f);
    }
  }
  if (!missing.empty()) {
    out_ += "<div class=\"missing\"><b>" + t("尚缺", "Missing") + "</b><ul>";
    for (const Finding* f : missing) {
      out_ += "<li>" + html_escape(f->message) + "<div class=\"advice\">" + html_escape(fix_advice(*f, ctx_.lang)) + "</div></li>";
    }
    out_ += "</ul></div>";
  }
  if (!i.manual_checks.empty()) {
    out_ += "<div class=\"manual\"><b>" + t("需人工核查", "Check by hand") + "</b><ul>";
    for (const auto& m : i.manual_checks) out_ += "<li>" + html_escape(m) + "</li>";
    out_ += "</ul></div>";
  }
  if (i.files.empty()) {
    out_ += "<p class=\"muted\">" + t("此指标下没有材料。", "No files under this indicator.") + "</p>";
  } else {
    out_ += "<div class=\"small muted\">" + t("材料 ", "Files: ") + std::to_string(i.files.size()) + t(" 个", "") +
            "</div>";
    cards(i.files);
  }
  out_ += "</div>\n";
}

void HtmlWriter::details() {
  const Tr& t = t_;
  const Evaluation& ev = r_.evaluation;
  out_ += "<section class=\"block pb\" id=\"details\"><h2>" + t("指标详情", "Indicator details") + "</h2>\n";
  for (const auto& c : ev.categories) {
    for (const auto& i : ev.indicators) {
      if (i.category == c.id) indicator_section(i);
    }
  }
  for (const auto& i : ev.indicators) {
    const bool listed = std::any_of(ev.categories.begin(), ev.categories.end(),
                                    [&](const CategoryResult& c) { return c.id == i.category; });
    if (!listed) indicator_section(i);
  }
  for (const auto& b : ev.bonuses) {
    if (b.files.empty()) continue;
    out_ += "<div class=\"ind\" id=\"" + anchor(b.id) + "\"><div class=\"ind-head\"><h3>" +
            html_escape(b.id + " " + b.title) + "</h3><span class=\"score-big\">+" + format_points(b.points) + " / " + format_points(b.cap) +
            "</span></div><p>" + html_escape(b.reason) + "</p>";
    cards(b.files);
    out_ += "</div>\n";
  }
  out_ += "</section>\n";
}

void HtmlWriter::unmapped() {
  const Tr& t = t_;
  out_ += "<section class=\"block pb\" id=\"unmapped\"><h2>" + t("未归类文件", "Files not mapped") + "</h2>\n";
  std::vector<const Evidence*> list;
  for (const auto& e : r_.evidence) {
    if (e.placement.indicator.empty() && !e.placement.guide) list.push_back(&e);
  }
  if (list.empty()) {
    out_ += "<p>" + t("所有文件都已归入指标。", "Every file maps to an indicator.") + "</p></section>\n";
    return;
  }
  out_ += "<p class=\"muted small\">" +
          t("这些文件没有对应任何指标（D.5 材料凌乱）：请移入对应指标的文件夹，或删除无关文件；打包时也可用 --place 指定归属。",
            "These files map to no indicator (D.5): move them into the indicator's folder or remove them; "
            "pack --place can also assign them.") +
          "</p>";
  out_ += "<table><thead><tr><th>" + t("文件", "File") + "</th><th>" + t("类型", "Kind") + "</th><th class=\"num\">" +
          t("大小", "Size") + "</th><th>" + t("说明", "Note") + "</th></tr></thead><tbody>\n";
  for (const Evidence* e : list) {
    std::string note = e->placement.loose_at_root ? t("散放在根目录", "loose in the root folder") : "";
    const auto fit = by_file_.find(e->file.rel_path);
    if (fit != by_file_.end()) {
      for (const Finding* f : fit->second) {
        if (f->code != "D5_UNMAPPED" && f->code != "D5_LOOSE_FILE") note += (note.empty() ? "" : "；") + f->message;
      }
    }
    out_ += "<tr><td class=\"path\">" + file_ref(e->file.rel_path) + "</td><td>" + html_escape(kind_text(e->file.kind, ctx_.lang)) +
            "</td><td class=\"num\">" + std::to_string(e->file.size) + "</td><td>" + html_escape(note) + "</td></tr>\n";
  }
  out_ += "</tbody></table></section>\n";
}

void HtmlWriter::manual() {
  const Tr& t = t_;
  out_ += "<section class=\"block\" id=\"manual\"><h2>" + t("需人工核查的事项", "Manual checks") + "</h2>\n<ul>";
  bool any = false;
  for (const auto& m : r_.evaluation.manual_checks) {
    out_ += "<li>" + html_escape(m) + "</li>";
    any = true;
  }
  for (const auto& i : r_.evaluation.indicators) {
    for (const auto& m : i.manual_checks) {
      out_ += "<li>" + indicator_link(i.id) + " " + html_escape(m) + "</li>";
      any = true;
    }
  }
  out_ += "</ul>";
  if (!any) out_ += "<p>" + t("无。", "None.") + "</p>";
  out_ += "</section>\n";
}

}  // namespace evpack::html
