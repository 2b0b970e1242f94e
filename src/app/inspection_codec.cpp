// Inspection <-> CBOR with nlohmann-json. Each type lists its fields once
// (`fields`), and that list drives both directions, so encoding and decoding
// cannot drift apart. Objects with short keys; an absent key (an optional
// without a value) decodes as the default. The cache key changes with the build,
// so entries are never read by another evpack.
#include "evpack/app/inspection_codec.hpp"

#include <concepts>
#include <type_traits>

#include <nlohmann/json.hpp>

namespace evpack {

namespace {

using nlohmann::json;

// Layout of the encoded object; decode refuses any other.
constexpr int kLayout = 2;

// `fields(visit, x)` takes x const (encoding) or not (decoding).
template <typename T, typename U>
concept Is = std::same_as<std::remove_const_t<T>, U>;

template <typename V, Is<CivilDate> T>
void fields(V& visit, T& x) {
  visit("y", x.year);
  visit("m", x.month);
  visit("d", x.day);
}
template <typename V, Is<Timestamp> T>
void fields(V& visit, T& x) {
  visit("date", x.date);
  visit("h", x.hour);
  visit("min", x.minute);
  visit("s", x.second);
}
template <typename V, Is<Verdict> T>
void fields(V& visit, T& x) {
  visit("s", x.state);
  visit("c", x.confidence);
  visit("r", x.reason);
}
template <typename V, Is<Finding> T>
void fields(V& visit, T& x) {
  visit("code", x.code);
  visit("sev", x.severity);
  visit("rule", x.rule);
  visit("file", x.file);
  visit("ind", x.indicator);
  visit("msg", x.message);
  visit("adv", x.advice);
  visit("role", x.role);
}
template <typename V, Is<DocNumber> T>
void fields(V& visit, T& x) {
  visit("text", x.text);
  visit("agency", x.agency);
  visit("year", x.year);
  visit("serial", x.serial);
  visit("form", x.form_problems);
}
template <typename V, Is<DocumentFacts> T>
void fields(V& visit, T& x) {
  visit("pages", x.page_count);
  visit("textlayer", x.has_text_layer);
  visit("scanned", x.scanned);
  visit("title", x.title);
  visit("own", x.own_number);
  visit("cited", x.cited_numbers);
  visit("date", x.issue_date);
  visit("date_text", x.issue_date_text);
  visit("letterhead", x.letterhead);
  visit("letterhead_text", x.letterhead_text);
  visit("number", x.number);
  visit("seal", x.seal);
  visit("seal_page", x.seal_page);
  visit("colour", x.colour_known);
  visit("brackets_seen", x.number_brackets_seen);
  visit("preview", x.preview);
}
template <typename V, Is<GpsPoint> T>
void fields(V& visit, T& x) {
  visit("lat", x.latitude);
  visit("lon", x.longitude);
}
template <typename V, Is<PhotoFacts> T>
void fields(V& visit, T& x) {
  visit("w", x.width);
  visit("h", x.height);
  visit("orient", x.orientation);
  visit("exif_time", x.exif_time);
  visit("offset", x.exif_offset);
  visit("make", x.make);
  visit("model", x.model);
  visit("software", x.software);
  visit("gps", x.gps);
  visit("exif", x.has_exif);
  visit("thumb", x.has_thumbnail);
  visit("screen", x.screenshot);
  visit("wm", x.watermark);
  visit("wm_time", x.watermark_time);
  visit("wm_text", x.watermark_text);
  visit("wm_brand", x.watermark_brand);
  visit("wm_place", x.watermark_place);
  visit("wm_code", x.watermark_code);
  visit("bright", x.brightness);
  visit("sharp", x.sharpness);
  visit("published", x.published);
  visit("query", x.query_fields);
  visit("phash", x.phash);
  visit("grid", x.colour_grid);
  visit("windows", x.window_hashes);
  visit("core", x.core_hash);
  visit("core_windows", x.core_window_hashes);
  visit("preview", x.preview);
}
template <typename V, Is<EvidenceDate> T>
void fields(V& visit, T& x) {
  visit("value", x.value);
  visit("source", x.source);
}
template <typename V, Is<Inspection> T>
void fields(V& visit, T& x) {
  visit("kind", x.kind);
  visit("readable", x.readable);
  visit("doc", x.document);
  visit("photo", x.photo);
  visit("text", x.text);
  visit("body_text", x.body_text);
  visit("date", x.date);
  visit("findings", x.findings);
}

template <typename T>
struct IsOptional : std::false_type {};
template <typename T>
struct IsOptional<std::optional<T>> : std::true_type {};

template <typename T>
struct IsVector : std::false_type {};
template <typename T>
struct IsVector<std::vector<T>> : std::true_type {};

struct Writer;
struct Reader;
template <typename T>
concept Record = requires(Writer& w, const T& x) {
  fields(w, x);
};

json put(const auto& value);

struct Writer {
  json& out;
  template <typename T>
  void operator()(const char* key, const T& value) {
    if constexpr (IsOptional<T>::value) {
      if (value) out[key] = put(*value);
    } else {
      out[key] = put(value);
    }
  }
};

json put(const auto& value) {
  using T = std::remove_cvref_t<decltype(value)>;
  if constexpr (std::is_enum_v<T>) {
    return static_cast<int>(value);
  } else if constexpr (std::is_same_v<T, std::vector<std::uint8_t>>) {
    return json::binary(std::vector<std::uint8_t>(value));  // bytes, not an array of numbers
  } else if constexpr (Record<T>) {
    json out = json::object();
    Writer writer{out};
    fields(writer, value);
    return out;
  } else if constexpr (IsVector<T>::value) {
    json out = json::array();
    for (const auto& item : value) out.push_back(put(item));
    return out;
  } else {
    return json(value);
  }
}

template <typename T>
void take(const json& j, T& value);

struct Reader {
  const json& in;
  template <typename T>
  void operator()(const char* key, T& value) {
    const auto it = in.find(key);
    if (it == in.end()) return;
    if constexpr (IsOptional<T>::value) {
      value.emplace();
      take(*it, *value);
    } else {
      take(*it, value);
    }
  }
};

template <typename T>
void take(const json& j, T& value) {
  if constexpr (std::is_enum_v<T>) {
    value = static_cast<T>(j.get<int>());
  } else if constexpr (std::is_same_v<T, std::vector<std::uint8_t>>) {
    value = j.get_binary();
  } else if constexpr (Record<T>) {
    if (!j.is_object()) throw json::type_error::create(302, "expected an object", &j);
    Reader reader{j};
    fields(reader, value);
  } else if constexpr (IsVector<T>::value) {
    value.clear();
    for (const json& item : j) take(item, value.emplace_back());
  } else {
    j.get_to(value);
  }
}

}  // namespace

std::string encode_inspection(const Inspection& inspection) {
  json j = put(inspection);
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
    Inspection inspection;
    take(j, inspection);
    return inspection;
  } catch (const json::exception&) {
    return std::nullopt;
  }
}

}  // namespace evpack
