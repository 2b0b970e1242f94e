// MetadataReader over exiv2 0.27 (Debian bookworm). The only file that sees exiv2 headers.
#include <exiv2/exiv2.hpp>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstring>
#include <exception>
#include <mutex>
#include <string>

#include "evpack/adapters/metadata_reader.hpp"
#include "evpack/util/text.hpp"

namespace evpack {

namespace {

// Longest text we keep from one tag: EXIF strings are untrusted and end up in reports.
constexpr std::size_t kMaxTagText = 256;
// Free-text notes and XMP property names kept from one file (untrusted input).
constexpr std::size_t kMaxNotes = 16;
constexpr std::size_t kMaxXmpProperties = 256;

// Parses exactly `width` digits at text[pos]; -1 when any is not a digit.
int digits_at(const std::string& text, std::size_t pos, std::size_t width) {
  if (pos + width > text.size()) return -1;
  int value = 0;
  for (std::size_t i = pos; i < pos + width; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(text[i]))) return -1;
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

// EXIF strings are declared ASCII but cameras and apps write anything: keep valid
// UTF-8, replace every other byte and control characters with '?', trim blanks
// and trailing NULs, cap the length at a character boundary.
std::string clean_text(const std::string& raw) {
  std::string out;
  out.reserve(std::min(raw.size(), kMaxTagText));
  std::size_t i = 0;
  while (i < raw.size() && out.size() < kMaxTagText) {
    const auto c = static_cast<unsigned char>(raw[i]);
    if (c == 0) break;  // C string inside a counted value: the rest is padding
    if (c < 0x80) {
      out.push_back(c < 0x20 || c == 0x7F ? ' ' : static_cast<char>(c));
      ++i;
      continue;
    }
    std::size_t len = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
    bool valid = len != 0 && i + len <= raw.size() && c >= 0xC2 && c <= 0xF4;
    for (std::size_t k = 1; valid && k < len; ++k) {
      valid = (static_cast<unsigned char>(raw[i + k]) & 0xC0) == 0x80;
    }
    if (valid && out.size() + len <= kMaxTagText) {
      out.append(raw, i, len);
      i += len;
    } else {
      out.push_back('?');
      i += valid ? len : 1;
    }
  }
  const auto first = out.find_first_not_of(' ');
  if (first == std::string::npos) return {};
  const auto last = out.find_last_not_of(' ');
  return out.substr(first, last - first + 1);
}

// The value of an EXIF tag as cleaned text, "" when absent.
std::string exif_text(const Exiv2::ExifData& exif, const Exiv2::ExifKey& key) {
  const auto it = exif.findKey(key);
  if (it == exif.end() || it->count() == 0) return {};
  return clean_text(it->toString());
}

std::string exif_text(const Exiv2::ExifData& exif, const char* key) { return exif_text(exif, Exiv2::ExifKey(key)); }

std::string xmp_text(const Exiv2::XmpData& xmp, const char* key) {
  const auto it = xmp.findKey(Exiv2::XmpKey(key));
  if (it == xmp.end() || it->count() == 0) return {};
  return clean_text(it->toString());
}

// Time-zone suffix of an XMP date ("+08:00", "Z"), "" when none.
std::string xmp_offset(const std::string& text) {
  const auto t = text.find('T');
  if (t == std::string::npos) return {};
  if (text.back() == 'Z') return "+00:00";
  const auto sign = text.find_first_of("+-", t);
  return sign == std::string::npos ? std::string() : text.substr(sign);
}

// Degrees from an EXIF GPS triple (degrees, minutes, seconds as rationals).
std::optional<double> gps_degrees(const Exiv2::ExifData& exif, const char* key) {
  const auto it = exif.findKey(Exiv2::ExifKey(key));
  if (it == exif.end() || it->count() < 1) return std::nullopt;
  double value = 0;
  double scale = 1;
  for (long i = 0; i < std::min<long>(it->count(), 3); ++i) {
    const auto r = it->toRational(i);
    if (r.second == 0) {
      if (r.first == 0) break;  // 0/0 for unused minutes/seconds: some writers do this
      return std::nullopt;
    }
    value += static_cast<double>(r.first) / r.second / scale;
    scale *= 60;
  }
  if (!std::isfinite(value)) return std::nullopt;
  return value;
}

std::optional<GpsPoint> read_gps(const Exiv2::ExifData& exif, std::vector<std::string>& warnings) {
  auto lat = gps_degrees(exif, "Exif.GPSInfo.GPSLatitude");
  auto lon = gps_degrees(exif, "Exif.GPSInfo.GPSLongitude");
  if (!lat || !lon) return std::nullopt;
  // A missing reference is read as N/E, as most readers do.
  const auto lat_ref = exif_text(exif, "Exif.GPSInfo.GPSLatitudeRef");
  const auto lon_ref = exif_text(exif, "Exif.GPSInfo.GPSLongitudeRef");
  if (!lat_ref.empty() && (lat_ref[0] == 'S' || lat_ref[0] == 's')) *lat = -*lat;
  if (!lon_ref.empty() && (lon_ref[0] == 'W' || lon_ref[0] == 'w')) *lon = -*lon;
  // 0,0 is what phones write without a fix; nobody files evidence from the Gulf of Guinea.
  if (*lat == 0 && *lon == 0) return std::nullopt;
  if (std::abs(*lat) > 90 || std::abs(*lon) > 180) {
    warnings.push_back("GPS坐标超出有效范围，已忽略");
    return std::nullopt;
  }
  return GpsPoint{*lat, *lon};
}

// Reads a date tag; a present but unparsable value becomes a warning.
std::optional<Timestamp> read_date(const std::string& text, const char* label_zh, std::vector<std::string>& warnings) {
  if (text.empty()) return std::nullopt;
  auto parsed = parse_exif_timestamp(text);
  // All-zero dates are a camera's way of saying "clock not set": not worth a warning.
  const bool zeroed = text.find_first_not_of("0: -T") == std::string::npos;
  if (!parsed && !zeroed) warnings.push_back(std::string(label_zh) + "格式无效：" + text);
  return parsed;
}

void add_distinct(std::string& joined, const std::string& value) {
  if (value.empty() || joined.find(value) != std::string::npos) return;
  if (!joined.empty()) joined += "; ";
  joined += value;
}

// Free text of a tag: UTF-8 as written, else GBK (Chinese software of the 2000s wrote
// ASCII-typed tags in the system code page). XP* tags are UCS-2 and UserComment has a
// charset header: exiv2 decodes both.
std::string note_text(const Exiv2::Exifdatum& datum, const Exiv2::ExifData& exif, Exiv2::ByteOrder order) {
  if (const auto* comment = dynamic_cast<const Exiv2::CommentValue*>(&datum.value())) {
    return clean_text(to_utf8_lossy(comment->comment()));
  }
  if (datum.key() == "Exif.Photo.UserComment" && datum.size() > 0 && datum.size() <= 64 * 1024) {
    // Written with another type than UNDEFINED (some apps use BYTE): exiv2 then
    // keeps the bytes, which its comment reader decodes all the same.
    std::vector<Exiv2::byte> bytes(static_cast<std::size_t>(datum.size()));
    datum.copy(bytes.data(), order);
    Exiv2::CommentValue comment;
    if (comment.read(bytes.data(), static_cast<long>(bytes.size()), order) == 0) {
      return clean_text(to_utf8_lossy(comment.comment()));
    }
  }
  if (datum.key().find(".XP") != std::string::npos) return clean_text(datum.print(&exif));
  return clean_text(to_utf8_lossy(datum.toString()));
}

void add_note(std::vector<MetadataNote>& notes, std::string tag, std::string text) {
  if (text.empty() || notes.size() >= kMaxNotes) return;
  // Cameras pad UserComment with blanks or write a charset name alone.
  if (text.find_first_not_of("? ") == std::string::npos) return;
  notes.push_back({std::move(tag), std::move(text)});
}

// The XMP a file carries: free text, software agents of its editing history, and
// which properties and namespaces appear (an editor's own schema marks its work).
void read_xmp(const Exiv2::XmpData& xmp, PhotoMetadata& meta) {
  for (const auto& datum : xmp) {
    const std::string prefix = datum.groupName();
    std::string name = datum.tagName();
    // Elements of arrays and structures ("History[1]/stEvt:softwareAgent") count as
    // their top property; the software agent itself is read as software.
    if (const auto end = name.find_first_of("[/"); end != std::string::npos) {
      if (name.size() >= 13 && name.compare(name.size() - 13, 13, "softwareAgent") == 0) {
        add_distinct(meta.software, clean_text(datum.toString()));
      }
      name.resize(end);
    }
    const std::string property = prefix + ":" + name;
    if (meta.xmp_properties.size() < kMaxXmpProperties &&
        std::find(meta.xmp_properties.begin(), meta.xmp_properties.end(), property) == meta.xmp_properties.end()) {
      meta.xmp_properties.push_back(property);
      std::string uri;
      try {
        uri = Exiv2::XmpProperties::ns(prefix);
      } catch (const Exiv2::AnyError&) {
      }
      uri = clean_text(uri);
      if (!uri.empty() &&
          std::find(meta.xmp_namespaces.begin(), meta.xmp_namespaces.end(), uri) == meta.xmp_namespaces.end()) {
        meta.xmp_namespaces.push_back(uri);
      }
    }
    if (property == "dc:creator" || property == "dc:description" || property == "dc:title") {
      add_note(meta.notes, "XMP " + property, clean_text(to_utf8_lossy(datum.toString())));
    } else if (property == "tiff:Software") {
      add_distinct(meta.software, clean_text(datum.toString()));
    }
  }
}

PhotoMetadata extract(const Exiv2::Image& image) {
  PhotoMetadata meta;
  const auto& exif = image.exifData();
  const auto& xmp = image.xmpData();
  meta.has_exif = !exif.empty();
  meta.pixel_width = std::max(0, image.pixelWidth());
  meta.pixel_height = std::max(0, image.pixelHeight());

  meta.date_time_original = read_date(exif_text(exif, "Exif.Photo.DateTimeOriginal"), "拍摄时间", meta.warnings);
  meta.create_date = read_date(exif_text(exif, "Exif.Photo.DateTimeDigitized"), "数字化时间", meta.warnings);
  meta.modify_date = read_date(exif_text(exif, "Exif.Image.DateTime"), "修改时间", meta.warnings);

  // OffsetTime* (EXIF 2.31) are not in exiv2 0.27's tag names: address them by number.
  // The three are written together from the camera's zone setting, so fall back in order.
  for (const std::uint16_t tag : {0x9011, 0x9012, 0x9010}) {
    meta.offset_time_original = exif_text(exif, Exiv2::ExifKey(tag, "Photo"));
    if (!meta.offset_time_original.empty()) break;
  }

  // XMP only when EXIF lacks a date (files re-saved by editors, EXIF sub-IFD lost).
  // Not photoshop:DateCreated: that one is typed by hand in an editor's File Info.
  if (!meta.date_time_original) {
    const auto text = xmp_text(xmp, "Xmp.exif.DateTimeOriginal");
    meta.date_time_original = parse_exif_timestamp(text);
    if (meta.date_time_original && meta.offset_time_original.empty()) meta.offset_time_original = xmp_offset(text);
  }
  if (!meta.create_date) meta.create_date = parse_exif_timestamp(xmp_text(xmp, "Xmp.xmp.CreateDate"));
  if (!meta.modify_date) meta.modify_date = parse_exif_timestamp(xmp_text(xmp, "Xmp.xmp.ModifyDate"));

  meta.make = exif_text(exif, "Exif.Image.Make");
  meta.model = exif_text(exif, "Exif.Image.Model");
  add_distinct(meta.software, exif_text(exif, "Exif.Image.Software"));
  add_distinct(meta.software, exif_text(exif, "Exif.Image.ProcessingSoftware"));
  add_distinct(meta.software, xmp_text(xmp, "Xmp.xmp.CreatorTool"));
  for (const char* key :
       {"Exif.Image.Artist", "Exif.Image.ImageDescription", "Exif.Photo.UserComment", "Exif.Image.XPComment",
        "Exif.Image.XPAuthor", "Exif.Image.XPTitle", "Exif.Image.XPSubject", "Exif.Image.XPKeywords"}) {
    const auto it = exif.findKey(Exiv2::ExifKey(key));
    if (it != exif.end() && it->count() > 0) {
      add_note(meta.notes, std::strrchr(key, '.') + 1, note_text(*it, exif, image.byteOrder()));
    }
  }
  read_xmp(xmp, meta);

  const auto orientation = exif.findKey(Exiv2::ExifKey("Exif.Image.Orientation"));
  if (orientation != exif.end() && orientation->count() > 0) {
    const long value = orientation->toLong();
    if (value >= 1 && value <= 8) {
      meta.orientation = static_cast<int>(value);
    } else {
      meta.warnings.push_back("方向标记（Orientation）无效：" + std::to_string(value) + "，按正常方向处理");
    }
  }

  meta.gps = read_gps(exif, meta.warnings);

  Exiv2::ExifThumbC thumb(exif);
  const char* mime = thumb.mimeType();
  if (mime != nullptr && std::string(mime) == "image/jpeg") {
    const Exiv2::DataBuf buf = thumb.copy();
    if (buf.pData_ != nullptr && buf.size_ > 0) meta.thumbnail.assign(buf.pData_, buf.pData_ + buf.size_);
  }
  return meta;
}

class Exiv2MetadataReader final : public MetadataReader {
 public:
  Expected<PhotoMetadata> read(const std::string& path) const override {
    try {
      // A FileIo, not ImageFactory::open(path): that one reads "http://", "-" (stdin) and
      // "data:" names as protocols.
      Exiv2::BasicIo::AutoPtr io(new Exiv2::FileIo(path));
      auto image = Exiv2::ImageFactory::open(io);
      if (image.get() == nullptr) return unreadable("未知的图片格式");
      // exiv2 0.27's XMP decoding still races across threads even with the
      // XmpParser lock (dates read from XMP went missing in a parallel test), so
      // parsing is serialised; it takes milliseconds next to pixel decoding.
      static std::mutex parse_mutex;
      const std::lock_guard<std::mutex> guard(parse_mutex);
      image->readMetadata();
      return extract(*image);
    } catch (const Exiv2::AnyError& e) {
      return unreadable(e.what());
    } catch (const std::exception& e) {
      return unreadable(e.what());
    }
  }

 private:
  static Error unreadable(const std::string& detail) {
    return Error{"META_UNREADABLE", "照片元数据（EXIF）无法读取：" + clean_text(detail)};
  }
};

// exiv2 registers XMP namespaces lazily; with this lock those registrations are
// serialised when several worker threads read photos at once.
std::mutex& xmp_mutex() {
  static std::mutex m;
  return m;
}

void xmp_lock(void* data, bool lock) {
  auto* m = static_cast<std::mutex*>(data);
  if (lock) {
    m->lock();
  } else {
    m->unlock();
  }
}

}  // namespace

std::optional<Timestamp> parse_exif_timestamp(const std::string& raw) {
  std::string text = raw;
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string::npos) return std::nullopt;
  text = text.substr(first);
  Timestamp ts;
  ts.date.year = digits_at(text, 0, 4);
  if (ts.date.year <= 0 || text.size() < 10) return std::nullopt;
  const char sep = text[4];
  if ((sep != ':' && sep != '-' && sep != '/' && sep != '.') || text[7] != sep) return std::nullopt;
  ts.date.month = digits_at(text, 5, 2);
  ts.date.day = digits_at(text, 8, 2);
  if (!ts.date.valid()) return std::nullopt;
  // Time: "HH:MM[:SS]" after one space or 'T'; anything after it (sub-seconds, zone) is ignored.
  if (text.size() >= 16 && (text[10] == ' ' || text[10] == 'T') && text[13] == ':') {
    const int hour = digits_at(text, 11, 2);
    const int minute = digits_at(text, 14, 2);
    int second = 0;
    if (text.size() >= 19 && text[16] == ':') second = digits_at(text, 17, 2);
    if (hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59 && second >= 0 && second <= 60) {
      ts.hour = hour;
      ts.minute = minute;
      ts.second = std::min(second, 59);
    }
  }
  return ts;
}

void init_metadata_library() {
  static std::once_flag once;
  std::call_once(once, [] {
    // Corrupt evidence makes exiv2 log to stderr; problems reach the user as findings instead.
    Exiv2::LogMsg::setLevel(Exiv2::LogMsg::mute);
    Exiv2::XmpParser::initialize(xmp_lock, &xmp_mutex());
    // exiv2 0.27 ships the HEIC/HEIF (ISO BMFF) reader but leaves it off by default.
    Exiv2::enableBMFF(true);
  });
}

std::unique_ptr<MetadataReader> make_exiv2_metadata_reader() {
  init_metadata_library();  // idempotent; makes a forgotten call harmless
  return std::make_unique<Exiv2MetadataReader>();
}

}  // namespace evpack
