// Inspection <-> CBOR with nlohmann-json. Objects with short keys: a field added
// later decodes as its default from older bytes; the cache key changes with the
// build anyway, so old entries are never read by a newer evpack.
#include "evpack/adapters/inspection_codec.hpp"

#include <nlohmann/json.hpp>

namespace evpack {

namespace {

using nlohmann::json;

// Layout of the encoded object; decode refuses any other.
constexpr int kLayout = 1;

template <typename Enum>
Enum enum_at(const json& j, const char* key, Enum fallback) {
  return j.contains(key) ? static_cast<Enum>(j.at(key).get<int>()) : fallback;
}

template <typename T>
void get_if(const json& j, const char* key, T& out) {
  if (j.contains(key)) j.at(key).get_to(out);
}

json date_json(const CivilDate& d) { return json::array({d.year, d.month, d.day}); }
CivilDate date_from(const json& j) { return {j.at(0).get<int>(), j.at(1).get<int>(), j.at(2).get<int>()}; }

json time_json(const Timestamp& t) { return json::array({t.date.year, t.date.month, t.date.day, t.hour, t.minute, t.second}); }
Timestamp time_from(const json& j) {
  Timestamp t;
  t.date = {j.at(0).get<int>(), j.at(1).get<int>(), j.at(2).get<int>()};
  t.hour = j.at(3).get<int>();
  t.minute = j.at(4).get<int>();
  t.second = j.at(5).get<int>();
  return t;
}

json verdict_json(const Verdict& v) {
  return {{"s", static_cast<int>(v.state)}, {"c", v.confidence}, {"r", v.reason}};
}
Verdict verdict_from(const json& j) {
  Verdict v;
  v.state = enum_at(j, "s", Presence::NotChecked);
  get_if(j, "c", v.confidence);
  get_if(j, "r", v.reason);
  return v;
}

json finding_json(const Finding& f) {
  return {{"code", f.code}, {"sev", static_cast<int>(f.severity)}, {"rule", f.rule}, {"file", f.file},
          {"ind", f.indicator}, {"msg", f.message}, {"adv", f.advice}};
}
Finding finding_from(const json& j) {
  Finding f;
  get_if(j, "code", f.code);
  f.severity = enum_at(j, "sev", Severity::Info);
  get_if(j, "rule", f.rule);
  get_if(j, "file", f.file);
  get_if(j, "ind", f.indicator);
  get_if(j, "msg", f.message);
  get_if(j, "adv", f.advice);
  return f;
}

json document_json(const DocumentFacts& d) {
  json j = {{"pages", d.page_count},
            {"textlayer", d.has_text_layer},
            {"scanned", d.scanned},
            {"title", d.title},
            {"cited", d.cited_numbers},
            {"date_text", d.issue_date_text},
            {"letterhead", verdict_json(d.letterhead)},
            {"letterhead_text", d.letterhead_text},
            {"number", verdict_json(d.number)},
            {"seal", verdict_json(d.seal)},
            {"seal_page", d.seal_page},
            {"colour", d.colour_known}};
  if (d.own_number) {
    const DocNumber& n = *d.own_number;
    j["own"] = {{"text", n.text}, {"agency", n.agency}, {"year", n.year}, {"serial", n.serial}, {"form", n.form_problems}};
  }
  if (d.issue_date) j["date"] = date_json(*d.issue_date);
  return j;
}
DocumentFacts document_from(const json& j) {
  DocumentFacts d;
  get_if(j, "pages", d.page_count);
  get_if(j, "textlayer", d.has_text_layer);
  get_if(j, "scanned", d.scanned);
  get_if(j, "title", d.title);
  get_if(j, "cited", d.cited_numbers);
  get_if(j, "date_text", d.issue_date_text);
  if (j.contains("letterhead")) d.letterhead = verdict_from(j.at("letterhead"));
  get_if(j, "letterhead_text", d.letterhead_text);
  if (j.contains("number")) d.number = verdict_from(j.at("number"));
  if (j.contains("seal")) d.seal = verdict_from(j.at("seal"));
  get_if(j, "seal_page", d.seal_page);
  get_if(j, "colour", d.colour_known);
  if (j.contains("own")) {
    const json& o = j.at("own");
    DocNumber n;
    get_if(o, "text", n.text);
    get_if(o, "agency", n.agency);
    get_if(o, "year", n.year);
    get_if(o, "serial", n.serial);
    get_if(o, "form", n.form_problems);
    d.own_number = std::move(n);
  }
  if (j.contains("date")) d.issue_date = date_from(j.at("date"));
  return d;
}

json photo_json(const PhotoFacts& p) {
  json j = {{"w", p.width},
            {"h", p.height},
            {"orient", p.orientation},
            {"offset", p.exif_offset},
            {"make", p.make},
            {"model", p.model},
            {"software", p.software},
            {"exif", p.has_exif},
            {"thumb", p.has_thumbnail},
            {"screen", p.screenshot},
            {"wm", verdict_json(p.watermark)},
            {"wm_text", p.watermark_text},
            {"wm_brand", p.watermark_brand},
            {"wm_place", p.watermark_place},
            {"wm_code", p.watermark_code},
            {"bright", p.brightness},
            {"sharp", p.sharpness},
            {"query", p.query_fields},
            {"grid", json::binary(std::vector<std::uint8_t>(p.colour_grid))},
            {"preview", json::binary(std::vector<std::uint8_t>(p.preview))}};
  if (p.exif_time) j["exif_time"] = time_json(*p.exif_time);
  if (p.gps) j["gps"] = json::array({p.gps->latitude, p.gps->longitude});
  if (p.watermark_time) j["wm_time"] = time_json(*p.watermark_time);
  if (p.published) j["published"] = date_json(*p.published);
  if (p.phash) j["phash"] = *p.phash;
  return j;
}
PhotoFacts photo_from(const json& j) {
  PhotoFacts p;
  get_if(j, "w", p.width);
  get_if(j, "h", p.height);
  get_if(j, "orient", p.orientation);
  get_if(j, "offset", p.exif_offset);
  get_if(j, "make", p.make);
  get_if(j, "model", p.model);
  get_if(j, "software", p.software);
  get_if(j, "exif", p.has_exif);
  get_if(j, "thumb", p.has_thumbnail);
  get_if(j, "screen", p.screenshot);
  if (j.contains("wm")) p.watermark = verdict_from(j.at("wm"));
  get_if(j, "wm_text", p.watermark_text);
  get_if(j, "wm_brand", p.watermark_brand);
  get_if(j, "wm_place", p.watermark_place);
  get_if(j, "wm_code", p.watermark_code);
  get_if(j, "bright", p.brightness);
  get_if(j, "sharp", p.sharpness);
  get_if(j, "query", p.query_fields);
  if (j.contains("grid")) p.colour_grid = j.at("grid").get_binary();
  if (j.contains("preview")) p.preview = j.at("preview").get_binary();
  if (j.contains("exif_time")) p.exif_time = time_from(j.at("exif_time"));
  if (j.contains("gps")) p.gps = GpsPoint{j.at("gps").at(0).get<double>(), j.at("gps").at(1).get<double>()};
  if (j.contains("wm_time")) p.watermark_time = time_from(j.at("wm_time"));
  if (j.contains("published")) p.published = date_from(j.at("published"));
  if (j.contains("phash")) p.phash = j.at("phash").get<std::uint64_t>();
  return p;
}

}  // namespace

std::string encode_inspection(const Inspection& in) {
  json j = {{"v", kLayout},
            {"kind", static_cast<int>(in.kind)},
            {"readable", in.readable},
            {"text", in.text},
            {"date_source", static_cast<int>(in.date.source)}};
  if (in.document) j["doc"] = document_json(*in.document);
  if (in.photo) j["photo"] = photo_json(*in.photo);
  if (in.date.value) j["date"] = time_json(*in.date.value);
  json findings = json::array();
  for (const Finding& f : in.findings) findings.push_back(finding_json(f));
  j["findings"] = std::move(findings);
  std::vector<std::uint8_t> bytes = json::to_cbor(j);
  return {bytes.begin(), bytes.end()};
}

std::optional<Inspection> decode_inspection(std::string_view bytes) {
  try {
    // Strings are taken as they were written: no UTF-8 check on the way back,
    // as none was made on the way in.
    const json j = json::from_cbor(bytes.begin(), bytes.end(), true, false);
    if (j.is_discarded() || !j.is_object() || j.value("v", 0) != kLayout) return std::nullopt;
    Inspection in;
    in.kind = enum_at(j, "kind", ContentKind::Other);
    get_if(j, "readable", in.readable);
    get_if(j, "text", in.text);
    in.date.source = enum_at(j, "date_source", DateSource::None);
    if (j.contains("doc")) in.document = document_from(j.at("doc"));
    if (j.contains("photo")) in.photo = photo_from(j.at("photo"));
    if (j.contains("date")) in.date.value = time_from(j.at("date"));
    if (j.contains("findings")) {
      for (const json& f : j.at("findings")) in.findings.push_back(finding_from(f));
    }
    return in;
  } catch (const json::exception&) {
    return std::nullopt;
  }
}

}  // namespace evpack
