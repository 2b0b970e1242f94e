// Inspection <-> CBOR with nlohmann-json: each type's fields are listed once, in
// NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT, which writes both directions (keys
// are the member names; a missing key decodes as the member's default). Two
// serializers complete it: an optional without a value is null, and a byte vector
// (a preview JPEG, a colour grid) is CBOR bytes, not an array of numbers. The cache
// key changes with the build, so entries are never read by another evpack; kLayout
// guards the same rule inside an entry.
#include "evpack/app/inspection_codec.hpp"

#include <nlohmann/json.hpp>

// The two serializers nlohmann-json 3.11.2 leaves to its user (README: "How do I
// convert third-party types?"). Only this file converts these types to JSON.
namespace nlohmann {
template <typename T>
struct adl_serializer<std::optional<T>> {
  static void to_json(json& j, const std::optional<T>& value) {
    if (value) {
      j = *value;
    } else {
      j = nullptr;
    }
  }
  static void from_json(const json& j, std::optional<T>& value) {
    if (j.is_null()) {
      value.reset();
    } else {
      value = j.get<T>();
    }
  }
};

template <>
struct adl_serializer<std::vector<std::uint8_t>> {
  static void to_json(json& j, const std::vector<std::uint8_t>& bytes) { j = json::binary(bytes); }
  static void from_json(const json& j, std::vector<std::uint8_t>& bytes) { bytes = j.get_binary(); }
};
}  // namespace nlohmann

namespace evpack {

// Enums go as their numbers (nlohmann-json's default for enums).
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(CivilDate, year, month, day)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(Timestamp, date, hour, minute, second)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(Verdict, state, confidence, reason)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(Finding, code, severity, rule, file, indicator, message, advice, role)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(DocNumber, text, agency, year, serial, form_problems)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(DocumentFacts, page_count, has_text_layer, scanned, title, own_number,
                                                cited_numbers, issue_date, issue_date_text, letterhead, letterhead_text,
                                                number, seal, seal_page, colour_known, number_brackets_seen, preview)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(GpsPoint, latitude, longitude)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(PhotoFacts, width, height, orientation, exif_time, exif_offset, make,
                                                model, software, gps, has_exif, has_thumbnail, screenshot, shows_sheet,
                                                watermark, watermark_time, watermark_text, watermark_brand,
                                                watermark_place, watermark_code, brightness, sharpness, published,
                                                query_fields, phash, colour_grid, window_hashes, core_hash,
                                                core_window_hashes, preview)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(EvidenceDate, value, source)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(Inspection, kind, readable, document, photo, text, body_text, date,
                                                findings)

namespace {

using nlohmann::json;

// Layout of the encoded object; decode refuses any other. 3: the field lists of
// NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT (member names as keys, null for an
// optional without a value); 2 had short hand-written keys.
constexpr int kLayout = 3;

}  // namespace

std::string encode_inspection(const Inspection& inspection) {
  json j = inspection;
  j["v"] = kLayout;
  const std::vector<std::uint8_t> bytes = json::to_cbor(j);
  return {bytes.begin(), bytes.end()};
}

std::optional<Inspection> decode_inspection(std::string_view bytes) {
  try {
    // Strings are taken as they were written: no UTF-8 check on the way back,
    // as none was made on the way in.
    const json j = json::from_cbor(bytes.begin(), bytes.end(), true, false);
    if (j.is_discarded() || !j.is_object() || j.value("v", 0) != kLayout) return std::nullopt;
    return j.get<Inspection>();
  } catch (const json::exception&) {
    return std::nullopt;
  }
}

}  // namespace evpack
