#include "evpack/report/json_report.hpp"

#include <cmath>
#include <nlohmann/json.hpp>
#include <optional>

namespace evpack {

namespace {

using nlohmann::ordered_json;

// Points are multiples of 0.5; rounding keeps binary noise out of the report.
double points(double v) { return std::round(v * 100.0) / 100.0; }

ordered_json verdict_json(const Verdict& v) {
  return ordered_json{{"state", to_string(v.state)}, {"confidence", points(v.confidence)}, {"reason", v.reason}};
}

ordered_json date_or_null(const std::optional<CivilDate>& d) {
  return d ? ordered_json(d->iso()) : ordered_json(nullptr);
}

ordered_json task_json(const IndicatorResult& r) {
  ordered_json periods = ordered_json::array();
  for (const auto& p : r.periods) {
    periods.push_back(ordered_json{{"label", p.label},
                                   {"from", p.from.iso()},
                                   {"to", p.to.iso()},
                                   {"items", p.items},
                                   {"required", p.required},
                                   {"due", p.due},
                                   {"met", p.met}});
  }
  return ordered_json{{"due", r.due}, {"status", to_string(r.status)}, {"items", r.items}, {"periods", periods}};
}

ordered_json document_json(const DocumentFacts& d) {
  ordered_json j;
  j["page_count"] = d.page_count;
  j["has_text_layer"] = d.has_text_layer;
  j["scanned"] = d.scanned;
  j["title"] = d.title;
  if (d.own_number) {
    j["doc_number"] = ordered_json{{"text", d.own_number->text},
                                   {"agency", d.own_number->agency},
                                   {"year", d.own_number->year},
                                   {"serial", d.own_number->serial},
                                   {"form_problems", d.own_number->form_problems}};
  } else {
    j["doc_number"] = nullptr;
  }
  j["cited_numbers"] = d.cited_numbers;
  j["issue_date"] = d.issue_date ? ordered_json(d.issue_date->iso()) : ordered_json(nullptr);
  j["issue_date_text"] = d.issue_date_text;
  j["letterhead"] = verdict_json(d.letterhead);
  j["letterhead_text"] = d.letterhead_text;
  j["number"] = verdict_json(d.number);
  j["seal"] = verdict_json(d.seal);
  j["seal_page"] = d.seal_page;
  return j;
}

ordered_json photo_json(const PhotoFacts& p) {
  ordered_json j;
  j["width"] = p.width;
  j["height"] = p.height;
  j["orientation"] = p.orientation;
  j["has_exif"] = p.has_exif;
  j["exif_time"] = p.exif_time ? ordered_json(p.exif_time->iso()) : ordered_json(nullptr);
  j["exif_offset"] = p.exif_offset;
  j["make"] = p.make;
  j["model"] = p.model;
  j["software"] = p.software;
  if (p.gps) {
    j["gps"] = ordered_json{{"lat", p.gps->latitude}, {"lon", p.gps->longitude}};
  } else {
    j["gps"] = nullptr;
  }
  j["has_thumbnail"] = p.has_thumbnail;
  j["screenshot"] = p.screenshot;
  j["watermark"] = verdict_json(p.watermark);
  j["watermark_time"] = p.watermark_time ? ordered_json(p.watermark_time->iso()) : ordered_json(nullptr);
  j["watermark_text"] = p.watermark_text;
  j["watermark_brand"] = p.watermark_brand;
  j["watermark_place"] = p.watermark_place;
  j["watermark_code"] = p.watermark_code;
  j["brightness"] = p.brightness < 0 ? ordered_json(nullptr) : ordered_json(points(p.brightness));
  j["sharpness"] = p.sharpness < 0 ? ordered_json(nullptr) : ordered_json(points(p.sharpness));
  j["published"] = date_or_null(p.published);
  j["query_fields"] = p.query_fields;
  if (p.phash) {
    char buf[20];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(*p.phash));
    j["phash"] = buf;
  } else {
    j["phash"] = nullptr;
  }
  return j;
}

ordered_json finding_json(const Finding& f) {
  return ordered_json{{"code", f.code},    {"severity", to_string(f.severity)}, {"rule", f.rule},
                      {"file", f.file},    {"indicator", f.indicator},          {"message", f.message},
                      {"advice", f.advice}};
}

}  // namespace

std::string render_json_report(const CheckResult& result, const ReportContext& context) {
  const Evaluation& ev = result.evaluation;
  ordered_json root;
  root["format"] = "evpack-report";
  root["format_version"] = 1;
  root["tool"] = ordered_json{{"name", "evpack"}, {"version", context.tool_version}};
  root["input"] = context.input;
  if (context.check_date.valid()) root["check_date"] = context.check_date.iso();
  root["rules"] = ordered_json{{"id", result.rules.id},
                               {"title", result.rules.title},
                               {"year", result.rules.year},
                               {"scored", result.rules.scored},
                               {"sha256", result.rules.sha256}};

  root["totals"] = ordered_json{{"base", points(ev.totals.base)},
                                {"bonus", points(ev.totals.bonus)},
                                {"deductions", points(ev.totals.deductions)},
                                {"total", points(ev.totals.total)},
                                {"nominal", points(ev.totals.nominal)},
                                {"d1_risks", ev.totals.d1_risks}};

  ordered_json categories = ordered_json::array();
  for (const auto& c : ev.categories) {
    categories.push_back(
        ordered_json{{"id", c.id}, {"title", c.title}, {"points", points(c.points)}, {"total", points(c.total)}});
  }
  root["categories"] = categories;

  ordered_json indicators = ordered_json::array();
  for (const auto& r : ev.indicators) {
    ordered_json z = ordered_json::array();
    for (const auto& cause : r.zeroed_by) {
      z.push_back(ordered_json{{"rule", cause.rule}, {"file", cause.file}, {"message", cause.message}});
    }
    indicators.push_back(ordered_json{{"id", r.id},
                                      {"title", r.title},
                                      {"category", r.category},
                                      {"mode", to_string(r.mode)},
                                      {"points", points(r.points)},
                                      {"cap", points(r.cap)},
                                      {"points_if_fixed", points(r.points_if_fixed)},
                                      {"reason", r.reason},
                                      {"units", r.units},
                                      {"files", r.files},
                                      {"quarters_covered", r.quarters_covered},
                                      {"months_covered", r.months_covered},
                                      {"months_late", r.months_late},
                                      {"domains_covered", r.domains_covered},
                                      {"sub_items_met", r.sub_items_met},
                                      {"zeroed_by", z},
                                      {"manual_checks", r.manual_checks}});
    if (r.task) indicators.back()["task"] = task_json(r);
  }
  root["indicators"] = indicators;

  ordered_json bonuses = ordered_json::array();
  for (const auto& b : ev.bonuses) {
    bonuses.push_back(ordered_json{{"id", b.id},
                                   {"title", b.title},
                                   {"points", points(b.points)},
                                   {"cap", points(b.cap)},
                                   {"files", b.files},
                                   {"reason", b.reason}});
  }
  root["bonuses"] = bonuses;

  ordered_json deductions = ordered_json::array();
  for (const auto& d : ev.deductions) {
    deductions.push_back(ordered_json{{"id", d.id},
                                      {"title", d.title},
                                      {"points", points(d.points)},
                                      {"occurrences", d.occurrences},
                                      {"manual", d.manual},
                                      {"reason", d.reason}});
  }
  root["deductions"] = deductions;

  ordered_json files = ordered_json::array();
  for (const auto& e : result.evidence) {
    ordered_json f;
    f["path"] = e.file.rel_path;
    f["size"] = e.file.size;
    f["kind"] = to_string(e.file.kind);
    f["extension_mismatch"] = e.file.extension_mismatch;
    f["sha256"] = e.file.sha256;
    f["readable"] = e.inspection.readable;
    f["indicator"] = e.placement.indicator;
    f["sub_item"] = e.placement.sub_item;
    f["domain"] = e.placement.domain;
    f["mapped_by"] = to_string(e.placement.how);
    f["mapping_reason"] = e.placement.why;
    f["date"] = e.inspection.date.value ? ordered_json(e.inspection.date.value->iso()) : ordered_json(nullptr);
    f["date_source"] = to_string(e.inspection.date.source);
    f["document"] = e.inspection.document ? document_json(*e.inspection.document) : ordered_json(nullptr);
    f["photo"] = e.inspection.photo ? photo_json(*e.inspection.photo) : ordered_json(nullptr);
    files.push_back(std::move(f));
  }
  root["files"] = files;

  ordered_json findings = ordered_json::array();
  for (const auto& f : result.findings) findings.push_back(finding_json(f));
  root["findings"] = findings;
  if (!result.rules.scored) {
    const TaskCoverage& c = ev.coverage;
    root["coverage"] = ordered_json{{"tasks", c.tasks},
                                    {"done", c.done},
                                    {"partial", c.partial},
                                    {"missing", c.missing},
                                    {"not_due", c.not_due},
                                    {"out_of_year", c.out_of_year},
                                    {"with_evidence", c.with_evidence}};
  }
  ordered_json signals = ordered_json::array();
  for (const auto& f : ev.fabrication.signals) signals.push_back(ordered_json{{"code", f.code}, {"file", f.file}});
  root["fabrication"] =
      ordered_json{{"summary", ev.fabrication.summary}, {"files", ev.fabrication.files}, {"signals", signals}};
  root["manual_checks"] = ev.manual_checks;

  // Replace invalid UTF-8 (hostile names) instead of throwing.
  return root.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace evpack
