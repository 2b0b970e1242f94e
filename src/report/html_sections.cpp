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
  const Indicator* rule = r_.rules.find_indicator(i.id);
  out_.add("<div class=\"ind\" id=\"{}\">", anchor(i.id));
  indicator_head(i, rule);
  timeline(i, rule);
  coverage_chips(i, rule);
  zero_causes(i);
  gaps_and_manual_checks(i);
  if (i.files.empty()) {
    out_.add("<p class=\"muted\">{}</p>", t("此指标下没有材料。", "No files under this indicator."));
  } else {
    out_.add("<div class=\"small muted\">{}{}{}</div>", t("材料 ", "Files: "), std::to_string(i.files.size()),
             t(" 个", ""));
    cards(i.files);
  }
  out_.add("</div>\n");
}

void HtmlWriter::indicator_head(const IndicatorResult& i, const Indicator* rule) {
  const Tr& t = t_;
  const Status s = status_of(i, r_.rules.scored);
  out_.add(
      "<div class=\"ind-head\"><h3>{}"
      "</h3><span class=\"score-big\">{} / {}</span><span class=\"chip {}"
      "\">{}</span>",
      i.id + " " + i.title, format_points(i.points), format_points(i.cap), status_class(s), status_label(s, t));
  if (!i.units.empty())
    out_.add("<span class=\"small muted\">{}{}</span>", t("责任科室：", "Units: "), join_nonempty(i.units, "、"));
  out_.add("</div>");
  if (rule && !rule->criterion.empty()) {
    out_.add("<div class=\"small muted\">{}{}</div>", t("评分标准：", "Criterion: "), rule->criterion);
  }
  out_.add("<p>{}</p>", i.reason);
}

void HtmlWriter::coverage_chips(const IndicatorResult& i, const Indicator* rule) {
  const Tr& t = t_;
  if (!i.domains_covered.empty()) {
    out_.add("<div>{}", t("已覆盖领域：", "Domains: "));
    for (const auto& d : i.domains_covered) out_.add("<span class=\"chip ok\">{}</span>", d);
    out_.add("</div>");
  }
  if (rule && !rule->sub_items.empty()) {
    out_.add("<div>");
    for (const auto& sub : rule->sub_items) {
      const bool met = std::find(i.sub_items_met.begin(), i.sub_items_met.end(), sub.id) != i.sub_items_met.end();
      out_.add("<span class=\"chip {}\">{} {}</span>", met ? "ok" : "bad", sub.title,
               (met ? t("有", "met") : t("缺", "missing")));
    }
    out_.add("</div>");
  }
}

void HtmlWriter::zero_causes(const IndicatorResult& i) {
  if (i.zeroed_by.empty()) return;
  const Tr& t = t_;
  out_.add("<div class=\"cause\"><b>{}</b><ul>", t("扣为0分的原因", "Why it scores zero"));
  for (const auto& z : i.zeroed_by) {
    out_.add("<li>{}", z.shown().empty() ? z.message : z.shown() + "：" + z.message);
    if (!z.file.empty()) out_.add("<div class=\"small\">{}</div>", file_ref(z.file));
    out_.add("</li>");
  }
  out_.add("</ul>");
  if (i.points_if_fixed > i.points) {
    out_.add("{}{}{}", t("修正后可得 ", "Fixed, it would score "), format_points(i.points_if_fixed),
             t(" 分。", " points."));
  }
  out_.add("</div>");
}

void HtmlWriter::gaps_and_manual_checks(const IndicatorResult& i) {
  const Tr& t = t_;
  // What is missing: the indicator's findings that name no file (gaps, no evidence, unmet conditions).
  const auto fit = by_indicator_.find(i.id);
  std::vector<const Finding*> missing;
  if (fit != by_indicator_.end()) {
    for (const Finding* f : fit->second) {
      if (f->file.empty() && f->severity >= Severity::Warning) missing.push_back(f);
    }
  }
  if (!missing.empty()) {
    out_.add("<div class=\"missing\"><b>{}</b><ul>", t("尚缺", "Missing"));
    for (const Finding* f : missing) {
      out_.add("<li>{}<div class=\"advice\">{}</div></li>", f->message, fix_advice(*f, ctx_.lang));
    }
    out_.add("</ul></div>");
  }
  if (!i.manual_checks.empty()) {
    out_.add("<div class=\"manual\"><b>{}</b><ul>", t("需人工核查", "Check by hand"));
    for (const auto& m : i.manual_checks) out_.add("<li>{}</li>", m);
    out_.add("</ul></div>");
  }
}

void HtmlWriter::details() {
  const Tr& t = t_;
  const Evaluation& ev = r_.evaluation;
  section_start("details", t("指标详情", "Indicator details"), true);
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
    out_.add(
        "<div class=\"ind\" id=\"{}\"><div class=\"ind-head\"><h3>{}"
        "</h3><span class=\"score-big\">+{} / {}</span></div><p>{}</p>",
        anchor(b.id), b.id + " " + b.title, format_points(b.points), format_points(b.cap), b.reason);
    cards(b.files);
    out_.add("</div>\n");
  }
  out_.add("</section>\n");
}

void HtmlWriter::unmapped() {
  const Tr& t = t_;
  section_start("unmapped", t("未归类文件", "Files not mapped"), true);
  std::vector<const Evidence*> list;
  for (const auto& e : r_.evidence) {
    if (e.placement.indicator.empty() && !e.placement.guide) list.push_back(&e);
  }
  if (list.empty()) {
    out_.add("<p>{}</p></section>\n", t("所有文件都已归入指标。", "Every file maps to an indicator."));
    return;
  }
  out_.add(
      "<p class=\"muted small\">{}</p>",
      t("这些文件没有对应任何指标（D.5 材料凌乱）：请移入对应指标的文件夹，或删除无关文件；打包时也可用 --place 指定归属。",
        "These files map to no indicator (D.5): move them into the indicator's folder or remove them; "
        "pack --place can also assign them."));
  table_start({t("文件", "File"), t("类型", "Kind"), numeric(t("大小", "Size")), t("说明", "Note")});
  for (const Evidence* e : list) {
    std::string note = e->placement.loose_at_root ? t("散放在根目录", "loose in the root folder") : "";
    const auto fit = by_file_.find(e->file.rel_path);
    if (fit != by_file_.end()) {
      for (const Finding* f : fit->second) {
        if (f->code != "D5_UNMAPPED" && f->code != "D5_LOOSE_FILE") note += (note.empty() ? "" : "；") + f->message;
      }
    }
    out_.add(
        "<tr><td class=\"path\">{}</td><td>{}</td><td class=\"num\">{}"
        "</td><td>{}</td></tr>\n",
        file_ref(e->file.rel_path), kind_text(e->file.kind, ctx_.lang), std::to_string(e->file.size), note);
  }
  out_.add("</tbody></table></section>\n");
}

void HtmlWriter::manual() {
  const Tr& t = t_;
  section_start("manual", t("需人工核查的事项", "Manual checks"), false);
  out_.add("<ul>");
  bool any = false;
  for (const auto& m : r_.evaluation.manual_checks) {
    out_.add("<li>{}</li>", m);
    any = true;
  }
  for (const auto& i : r_.evaluation.indicators) {
    for (const auto& m : i.manual_checks) {
      out_.add("<li>{} {}</li>", indicator_link(i.id), m);
      any = true;
    }
  }
  out_.add("</ul>");
  if (!any) out_.add("<p>{}</p>", t("无。", "None."));
  out_.add("</section>\n");
}

}  // namespace evpack::html
