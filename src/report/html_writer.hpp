// The HTML report's writer: one object per report, one member per section. Internal to
// src/report/ (render_html_report is the public entry); its members are defined per section in
// html_writer.cpp, html_summary.cpp, html_risks.cpp, html_evidence.cpp and html_sections.cpp.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "evpack/report/html_report.hpp"
#include "evpack/util/html.hpp"
#include "html_labels.hpp"

namespace evpack::html {

class HtmlWriter {
 public:
  HtmlWriter(const CheckResult& result, const HtmlReportContext& context, const std::vector<std::string>& thumbs)
      : r_(result), ctx_(context), thumbs_(thumbs), t_{context.lang} {
    for (std::size_t i = 0; i < r_.evidence.size(); ++i) evidence_by_path_[r_.evidence[i].file.rel_path] = i;
    for (const auto& f : r_.findings) {
      if (!f.file.empty()) by_file_[f.file].push_back(&f);
      if (!f.indicator.empty()) by_indicator_[f.indicator].push_back(&f);
    }
    year_ = r_.rules.year;
  }

  /// The whole page.
  std::string render();

 private:
  // A table column's header; a numeric column's cells are right-aligned.
  struct Column {
    Column(std::string text, bool is_numeric = false) : label(std::move(text)), numeric(is_numeric) {}  // NOLINT
    std::string label;
    bool numeric;
  };
  static Column numeric(std::string label) { return {std::move(label), true}; }
  // Opens a section: <section class="block" id=ID><h2>HEADING</h2>, with a page
  // break before it in print when `page_break`.
  void section_start(const char* id, const std::string& heading, bool page_break);
  // Opens a table with a header row of `columns`; its rows follow inside <tbody>.
  void table_start(const std::vector<Column>& columns);
  std::size_t thumbs_total() const;
  std::string title() const;
  void header();
  void gauge();
  void summary();
  // The summary's parts: the score (gauge and formula) or the tasks with evidence, the
  // finding counts per severity, the points per category, the zeroed indicators.
  void score_box();
  void finding_counts();
  void category_bars();
  void zeroed_cards();
  void indicator_table();
  void indicator_row(const IndicatorResult& i);
  // The path people read for a file: the packed path in a package's report.
  std::string shown_path(const std::string& path) const;
  // A file named by the report: a relative link to it when the context has one.
  Html file_ref(const std::string& path, const std::string& text = "") const;
  // The lead unit in bold, the supporting units after it.
  Html units_cell(const Finding& f) const;
  // The finding's name people read (Chinese; the code in the English report).
  std::string finding_name(const Finding& f) const;
  // The indicator a finding concerns: its own, else the one its file is mapped to.
  std::string indicator_of(const Finding& f) const;
  Html indicator_link(const std::string& id) const;
  void risks();
  void units();
  void bonus_and_deductions();
  bool quarter_due(int q) const;
  bool month_due(int m, int deadline_day) const;
  void timeline(const IndicatorResult& i, const Indicator* rule);
  Html thumb_html(std::size_t index, const Evidence& e) const;
  // A fact of an evidence card: `value` markup, or `text` escaped; nothing when empty.
  void fact(const std::string& key, const Html& value);
  void fact(const std::string& key, std::string_view text);
  Html verdict_chip(const std::string& name, const Verdict& v) const;
  void evidence_card(const std::string& path);
  void cards(const std::vector<std::string>& files);
  void indicator_section(const IndicatorResult& i);
  // An indicator section's parts: its heading (score, status, units, criterion, reason),
  // the domains and sub-items it covers, why it scores zero, what is missing and what
  // a person must check.
  void indicator_head(const IndicatorResult& i, const Indicator* rule);
  void coverage_chips(const IndicatorResult& i, const Indicator* rule);
  void zero_causes(const IndicatorResult& i);
  void gaps_and_manual_checks(const IndicatorResult& i);
  void details();
  void unmapped();
  void manual();

  const CheckResult& r_;
  const HtmlReportContext& ctx_;
  const std::vector<std::string>& thumbs_;
  Tr t_;
  int year_ = 0;
  Html out_;
  std::unordered_map<std::string, std::size_t> evidence_by_path_;
  std::map<std::string, std::vector<const Finding*>> by_file_;
  std::map<std::string, std::vector<const Finding*>> by_indicator_;
};

}  // namespace evpack::html
