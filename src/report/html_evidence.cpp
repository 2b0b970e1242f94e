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
    out_ += "<div class=\"timeline\" data-kind=\"quarters\">";
    static const char* const kQ[] = {"", "一季度", "二季度", "三季度", "四季度"};
    for (int q = 1; q <= 4; ++q) {
      const bool ok = has(i.quarters_covered, q);
      const char* cls = ok ? "ok" : quarter_due(q) ? "gap" : "";
      const std::string label = ctx_.lang == ReportLang::En ? "Q" + std::to_string(q) : kQ[q];
      const std::string state = ok ? t("有", "covered") : quarter_due(q) ? t("缺", "missing") : t("未到期", "not due");
      out_ += "<span class=\"" + std::string(cls) + "\" title=\"" + label + " " + state + "\">" + label + "<br>" +
              state + "</span>";
    }
    out_ += "</div>";
  }
  if (months) {
    const int deadline = rule ? rule->deadline_day : 0;
    out_ += "<div class=\"timeline\" data-kind=\"months\">";
    for (int m = 1; m <= 12; ++m) {
      const bool ok = has(i.months_covered, m);
      const bool late = has(i.months_late, m);
      const bool due = month_due(m, deadline);
      const char* cls = ok ? "ok" : late ? "late" : due ? "gap" : "";
      const std::string label = ctx_.lang == ReportLang::En ? "M" + std::to_string(m) : std::to_string(m) + "月";
      const std::string state =
          ok ? t("有", "ok") : late ? t("逾期", "late") : due ? t("缺", "missing") : t("未到期", "not due");
      out_ += "<span class=\"" + std::string(cls) + "\">" + label + "<br>" + state + "</span>";
    }
    out_ += "</div>";
  }
}

std::string HtmlWriter::thumb_html(std::size_t index, const Evidence& e) const {
  std::string out = "<div class=\"thumb\">";
  if (index < thumbs_.size() && !thumbs_[index].empty()) {
    out += "<img alt=\"\" loading=\"lazy\" src=\"data:image/jpeg;base64," + base64_encode(thumbs_[index]) + "\">";
  } else {
    std::string label = to_lower_ascii(e.file.extension);
    for (auto& c : label) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (label.empty() || label.size() > 5) label = to_string(e.file.kind);
    out += "<span class=\"ph\">" + html_escape(label) + "</span>";
  }
  return out + "</div>";
}

void HtmlWriter::fact(const std::string& key, const std::string& value) {
  if (value.empty()) return;
  out_ += "<dt>" + key + "</dt><dd>" + value + "</dd>";
}

std::string HtmlWriter::verdict_chip(const std::string& name, const Verdict& v) const {
  return "<span class=\"chip " + std::string(presence_class(v.state)) + "\" title=\"" + html_escape(v.reason) + "\">" + name +
         " " + presence_text(v.state, ctx_.lang) + "</span>";
}

void HtmlWriter::evidence_card(const std::string& path) {
  const Tr& t = t_;
  const auto it = evidence_by_path_.find(path);
  if (it == evidence_by_path_.end()) {
    out_ += "<div class=\"card\"><div class=\"body\"><div class=\"fname\">" + html_escape(file_name_of(path)) +
            "</div></div></div>";
    return;
  }
  const Evidence& e = r_.evidence[it->second];
  const auto fit = by_file_.find(path);
  bool flagged = false;
  if (fit != by_file_.end()) {
    for (const Finding* f : fit->second) flagged = flagged || f->severity >= Severity::Error;
  }
  out_ += "<div class=\"card" + std::string(flagged ? " flag" : "") + "\" data-file=\"" + html_escape(path) + "\">" +
          thumb_html(it->second, e) + "<div class=\"body\"><div class=\"fname\" title=\"" + html_escape(path) + "\">" +
          file_ref(path, file_name_of(shown_path(path))) + "</div>";
  const std::string shown = shown_path(path);
  if (!folder_of(shown).empty()) out_ += "<div class=\"small muted\">" + html_escape(folder_of(shown)) + "</div>";
  out_ += "<dl>";
  fact(t("类型", "Kind"), html_escape(kind_text(e.file.kind, ctx_.lang)));
  if (e.inspection.date.value) {
    fact(t("日期", "Date"), html_escape(timestamp_text(*e.inspection.date.value)) + " <span class=\"muted\">（" +
                                html_escape(source_text(e.inspection.date.source, ctx_.lang)) + "）</span>");
  }
  std::string chips;
  if (const auto& p = e.inspection.photo) {
    if (p->watermark_time) fact(t("水印时间", "Watermark"), html_escape(timestamp_text(*p->watermark_time)));
    if (p->exif_time) fact(t("拍摄时间", "EXIF time"), html_escape(timestamp_text(*p->exif_time)));
    fact(t("相机", "Camera"), html_escape(join_nonempty({p->make, p->model}, " ")));
    fact(t("软件", "Software"), html_escape(p->software));
    if (p->width > 0) fact(t("尺寸", "Size"), std::to_string(p->width) + "×" + std::to_string(p->height));
    if (!p->screenshot) chips += verdict_chip(t("水印", "Watermark"), p->watermark);
    if (p->screenshot) chips += "<span class=\"chip none\">" + t("截图", "screenshot") + "</span>";
    if (!p->has_exif) chips += "<span class=\"chip none\">" + t("无EXIF", "no EXIF") + "</span>";
  }
  if (const auto& d = e.inspection.document) {
    fact(t("标题", "Title"), html_escape(d->title));
    if (d->own_number) fact(t("文号", "Doc no."), html_escape(d->own_number->text));
    if (d->issue_date) fact(t("成文日期", "Issued"), html_escape(d->issue_date_text.empty() ? d->issue_date->iso() : d->issue_date_text));
    if (d->page_count > 0) fact(t("页数", "Pages"), std::to_string(d->page_count));
    chips += verdict_chip(t("红头", "Header"), d->letterhead);
    chips += verdict_chip(t("文号", "Number"), d->number);
    chips += verdict_chip(t("公章", "Seal"), d->seal);
    if (d->scanned) chips += "<span class=\"chip none\">" + t("扫描件", "scan") + "</span>";
  }
  out_ += "</dl>";
  if (!chips.empty()) out_ += "<div>" + chips + "</div>";
  if (fit != by_file_.end()) {
    out_ += "<ul class=\"issues\">";
    for (const Finding* f : fit->second) {
      out_ += "<li class=\"" + std::string(severity_class(f->severity)) + "\">" + html_escape(f->message) + "</li>";
    }
    out_ += "</ul>";
  }
  out_ += "</div></div>";
}

void HtmlWriter::cards(const std::vector<std::string>& files) {
  if (files.empty()) return;
  // Photos and documents first as cards, in path order (files already sorted).
  out_ += "<div class=\"cards\">";
  for (const auto& f : files) evidence_card(f);
  out_ += "</div>";
}

}  // namespace evpack::html
