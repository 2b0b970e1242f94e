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

// A date or time in ISO form, or null.
template <typename T>
ordered_json iso_or_null(const std::optional<T>& d) {
  return d ? ordered_json(d->iso()) : ordered_json(nullptr);
}

// `item_json` of every item, in order.
template <typename Items, typename ItemJson>
ordered_json array_of(const Items& items, ItemJson item_json) {
  ordered_json out = ordered_json::array();
  for (const auto& item : items) out.push_back(item_json(item));
  return out;
}

ordered_json task_json(const IndicatorResult& r) {
  const ordered_json periods = array_of(r.periods, [](const TaskPeriod& p) {
    return ordered_json{{"label", p.label},       {"from", p.from.iso()}, {"to", p.to.iso()}, {"items", p.items},
                        {"required", p.required}, {"due", p.due},         {"met", p.met}};
  });
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
  j["issue_date"] = iso_or_null(d.issue_date);
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
  j["exif_time"] = iso_or_null(p.exif_time);
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
  j["watermark_time"] = iso_or_null(p.watermark_time);
  j["watermark_text"] = p.watermark_text;
  j["watermark_brand"] = p.watermark_brand;
  j["watermark_place"] = p.watermark_place;
  j["watermark_code"] = p.watermark_code;
  j["brightness"] = p.brightness < 0 ? ordered_json(nullptr) : ordered_json(points(p.brightness));
  j["sharpness"] = p.sharpness < 0 ? ordered_json(nullptr) : ordered_json(points(p.sharpness));
  j["published"] = iso_or_null(p.published);
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

ordered_json category_json(const CategoryResult& c) {
  return ordered_json{{"id", c.id}, {"title", c.title}, {"points", points(c.points)}, {"total", points(c.total)}};
}

ordered_json indicator_json(const IndicatorResult& r) {
  const ordered_json zeroed_by = array_of(r.zeroed_by, [](const ZeroCause& cause) {
    return ordered_json{{"rule", cause.rule}, {"file", cause.file}, {"message", cause.message}};
  });
  ordered_json j{{"id", r.id},
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
                 {"zeroed_by", zeroed_by},
                 {"manual_checks", r.manual_checks}};
  if (r.task) j["task"] = task_json(r);
  return j;
}

ordered_json bonus_json(const BonusResult& b) {
  return ordered_json{{"id", b.id},           {"title", b.title}, {"points", points(b.points)},
                      {"cap", points(b.cap)}, {"files", b.files}, {"reason", b.reason}};
}

ordered_json deduction_json(const DeductionResult& d) {
  return ordered_json{
      {"id", d.id},         {"title", d.title},  {"points", points(d.points)}, {"occurrences", d.occurrences},
      {"manual", d.manual}, {"reason", d.reason}};
}

ordered_json file_json(const Evidence& e) {
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
  f["date"] = iso_or_null(e.inspection.date.value);
  f["date_source"] = to_string(e.inspection.date.source);
  f["document"] = e.inspection.document ? document_json(*e.inspection.document) : ordered_json(nullptr);
  f["photo"] = e.inspection.photo ? photo_json(*e.inspection.photo) : ordered_json(nullptr);
  return f;
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

  root["categories"] = array_of(ev.categories, category_json);
  root["indicators"] = array_of(ev.indicators, indicator_json);
  root["bonuses"] = array_of(ev.bonuses, bonus_json);
  root["deductions"] = array_of(ev.deductions, deduction_json);
  root["files"] = array_of(result.evidence, file_json);
  root["findings"] = array_of(result.findings, finding_json);
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
  const ordered_json signals = array_of(ev.fabrication.signals, [](const Finding& f) {
    return ordered_json{{"code", f.code}, {"file", f.file}};
  });
  root["fabrication"] =
      ordered_json{{"summary", ev.fabrication.summary}, {"files", ev.fabrication.files}, {"signals", signals}};
  root["manual_checks"] = ev.manual_checks;

  // Replace invalid UTF-8 (hostile names) instead of throwing.
  return root.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace evpack
