// HTML report, one indicator's evidence: periods covered (timeline) and a card per file.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>

#include "evpack/report/finding_names.hpp"
#include "evpack/util/format.hpp"
#include "evpack/util/text.hpp"
#include "html_writer.hpp"

namespace evpack::html {

bool HtmlWriter::quarter_due(int q) const {
  if (!ctx_.check_date.valid() || !year_) return true;
  const CivilDate end = q == 4 ? CivilDate{year_, 12, 31} : CivilDate{year_, q * 3 + 1, 1};
  return ctx_.check_date >= end;
}

bool HtmlWriter::month_due(int m, int deadline_day) const {
  if (!ctx_.check_date.valid() || !year_) return true;
  return ctx_.check_date >= CivilDate{year_, m, deadline_day > 0 ? deadline_day : 28};
}

void HtmlWriter::timeline(const IndicatorResult& i, const Indicator* rule) {
  const Tr& t = t_;
  const bool quarters = i.mode == ScoringMode::PerQuarter || !i.quarters_covered.empty();
  const bool months = i.mode == ScoringMode::PerMonth || !i.months_covered.empty() || !i.months_late.empty();
  if (!quarters && !months) return;
  auto has = [](const std::vector<int>& v, int x) { return std::find(v.begin(), v.end(), x) != v.end(); };
  if (quarters) {
    out_.add("<div class=\"timeline\" data-kind=\"quarters\">");
    static const char* const kQ[] = {"", "一季度", "二季度", "三季度", "四季度"};
    for (int q = 1; q <= 4; ++q) {
      const bool ok = has(i.quarters_covered, q);
      const char* cls = ok ? "ok" : quarter_due(q) ? "gap" : "";
      const std::string label = ctx_.lang == ReportLang::En ? "Q" + std::to_string(q) : kQ[q];
      const std::string state = ok ? t("有", "covered") : quarter_due(q) ? t("缺", "missing") : t("未到期", "not due");
      out_.add("<span class=\"{}\" title=\"{} {}\">{}<br>{}</span>", cls, label, state, label, state);
    }
    out_.add("</div>");
  }
  if (months) {
    const int deadline = rule ? rule->deadline_day : 0;
    out_.add("<div class=\"timeline\" data-kind=\"months\">");
    for (int m = 1; m <= 12; ++m) {
      const bool ok = has(i.months_covered, m);
      const bool late = has(i.months_late, m);
      const bool due = month_due(m, deadline);
      const char* cls = ok ? "ok" : late ? "late" : due ? "gap" : "";
      const std::string label = ctx_.lang == ReportLang::En ? "M" + std::to_string(m) : std::to_string(m) + "月";
      const std::string state = ok     ? t("有", "ok")
                                : late ? t("逾期", "late")
                                : due  ? t("缺", "missing")
                                       : t("未到期", "not due");
      out_.add("<span class=\"{}\">{}<br>{}</span>", cls, label, state);
    }
    out_.add("</div>");
  }
}

Html HtmlWriter::thumb_html(std::size_t index, const Evidence& e) const {
  Html out;
  out.raw("<div class=\"thumb\">");
  if (index < thumbs_.size() && !thumbs_[index].empty()) {
    out.add("<img alt=\"\" loading=\"lazy\" src=\"data:image/jpeg;base64,{}\">", base64_encode(thumbs_[index]));
  } else {
    std::string label = to_lower_ascii(e.file.extension);
    for (auto& c : label) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (label.empty() || label.size() > 5) label = to_string(e.file.kind);
    out.add("<span class=\"ph\">{}</span>", label);
  }
  out.raw("</div>");
  return out;
}

void HtmlWriter::fact(const std::string& key, const Html& value) {
  if (value.empty()) return;
  out_.add("<dt>{}</dt><dd>{}</dd>", key, value);
}

void HtmlWriter::fact(const std::string& key, std::string_view text) { fact(key, Html::format("{}", text)); }

Html HtmlWriter::verdict_chip(const std::string& name, const Verdict& v) const {
  return Html::format("<span class=\"chip {}\" title=\"{}\">{} {}</span>", presence_class(v.state), v.reason, name,
                      presence_text(v.state, ctx_.lang));
}

void HtmlWriter::evidence_card(const std::string& path) {
  const Tr& t = t_;
  const auto it = evidence_by_path_.find(path);
  if (it == evidence_by_path_.end()) {
    out_.add(
        "<div class=\"card\"><div class=\"body\"><div class=\"fname\">{}"
        "</div></div></div>",
        file_name_of(path));
    return;
  }
  const Evidence& e = r_.evidence[it->second];
  const auto fit = by_file_.find(path);
  bool flagged = false;
  if (fit != by_file_.end()) {
    for (const Finding* f : fit->second) flagged = flagged || f->severity >= Severity::Error;
  }
  out_.add(
      "<div class=\"card{}\" data-file=\"{}\">{}"
      "<div class=\"body\"><div class=\"fname\" title=\"{}\">{}</div>",
      flagged ? " flag" : "", path, thumb_html(it->second, e), path, file_ref(path, file_name_of(shown_path(path))));
  const std::string shown = shown_path(path);
  if (!folder_of(shown).empty()) out_.add("<div class=\"small muted\">{}</div>", folder_of(shown));
  out_.add("<dl>");
  fact(t("类型", "Kind"), kind_text(e.file.kind, ctx_.lang));
  if (e.inspection.date.value) {
    fact(t("日期", "Date"),
         Html::format("{} <span class=\"muted\">（{}）</span>", timestamp_text(*e.inspection.date.value),
                      source_text(e.inspection.date.source, ctx_.lang)));
  }
  Html chips;
  if (const auto& p = e.inspection.photo) {
    if (p->watermark_time) fact(t("水印时间", "Watermark"), timestamp_text(*p->watermark_time));
    if (p->exif_time) fact(t("拍摄时间", "EXIF time"), timestamp_text(*p->exif_time));
    fact(t("相机", "Camera"), join_nonempty({p->make, p->model}, " "));
    fact(t("软件", "Software"), p->software);
    if (p->width > 0) fact(t("尺寸", "Size"), std::to_string(p->width) + "×" + std::to_string(p->height));
    if (!p->screenshot) chips.raw(verdict_chip(t("水印", "Watermark"), p->watermark));
    if (p->screenshot) chips.add("<span class=\"chip none\">{}</span>", t("截图", "screenshot"));
    if (!p->has_exif) chips.add("<span class=\"chip none\">{}</span>", t("无EXIF", "no EXIF"));
  }
  if (const auto& d = e.inspection.document) {
    fact(t("标题", "Title"), d->title);
    if (d->own_number) fact(t("文号", "Doc no."), d->own_number->text);
    if (d->issue_date)
      fact(t("成文日期", "Issued"), d->issue_date_text.empty() ? d->issue_date->iso() : d->issue_date_text);
    if (d->page_count > 0) fact(t("页数", "Pages"), std::to_string(d->page_count));
    chips.raw(verdict_chip(t("红头", "Header"), d->letterhead));
    chips.raw(verdict_chip(t("文号", "Number"), d->number));
    chips.raw(verdict_chip(t("公章", "Seal"), d->seal));
    if (d->scanned) chips.add("<span class=\"chip none\">{}</span>", t("扫描件", "scan"));
  }
  out_.add("</dl>");
  if (!chips.empty()) out_.add("<div>{}</div>", chips);
  if (fit != by_file_.end()) {
    out_.add("<ul class=\"issues\">");
    for (const Finding* f : fit->second) {
      out_.add("<li class=\"{}\">{}</li>", to_string(f->severity), f->message);
    }
    out_.add("</ul>");
  }
  out_.add("</div></div>");
}

void HtmlWriter::cards(const std::vector<std::string>& files) {
  if (files.empty()) return;
  // Photos and documents first as cards, in path order (files already sorted).
  out_.add("<div class=\"cards\">");
  for (const auto& f : files) evidence_card(f);
  out_.add("</div>");
}

}  // namespace evpack::html
