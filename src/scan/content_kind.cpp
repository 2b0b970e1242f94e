// Content kind from magic bytes, and what file extensions promise.
#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

#include "evpack/adapters/zip_archive.hpp"
#include "evpack/scan/scanner.hpp"
#include "evpack/util/text.hpp"

namespace evpack {

namespace {

bool starts_with(std::string_view head, std::string_view magic) { return head.substr(0, magic.size()) == magic; }

bool at(std::string_view head, std::size_t offset, std::string_view magic) {
  return head.size() >= offset + magic.size() && head.substr(offset, magic.size()) == magic;
}

std::uint32_t read_be32(std::string_view s, std::size_t offset) {
  const auto b = [&](std::size_t i) { return static_cast<std::uint32_t>(static_cast<unsigned char>(s[offset + i])); };
  return (b(0) << 24) | (b(1) << 16) | (b(2) << 8) | b(3);
}

std::uint32_t read_le32(std::string_view s, std::size_t offset) {
  const auto b = [&](std::size_t i) { return static_cast<std::uint32_t>(static_cast<unsigned char>(s[offset + i])); };
  return b(0) | (b(1) << 8) | (b(2) << 16) | (b(3) << 24);
}

bool brand_in(std::string_view brand, std::initializer_list<std::string_view> brands) {
  return std::find(brands.begin(), brands.end(), brand) != brands.end();
}

// Brands of HEIF/AVIF still images (and image sequences: Live Photo stills, bursts).
bool is_image_brand(std::string_view brand) {
  return brand_in(
      brand, {"heic", "heix", "heim", "heis", "hevc", "hevx", "hevm", "hevs", "mif1", "msf1", "mif2", "avif", "avis"});
}

bool is_video_brand(std::string_view brand) {
  return brand_in(brand, {"isom", "iso2", "iso3", "iso4", "iso5", "iso6", "iso8", "mp41", "mp42", "mp71",
                          "avc1", "qt  ", "M4V ", "M4VH", "M4VP", "3gp4", "3gp5", "3gp6", "3gp7", "3g2a",
                          "3g2b", "3g2c", "3ge6", "3gg6", "dash", "mmp4", "MSNV", "f4v ", "XAVC", "NDAS"});
}

// ISO base media file format (MP4, MOV, HEIC, AVIF): a leading `ftyp` box with a
// major brand and a list of compatible brands.
std::optional<ContentKind> sniff_iso_bmff(std::string_view head) {
  if (!at(head, 4, "ftyp") || head.size() < 12) return std::nullopt;
  const std::string_view major = head.substr(8, 4);
  if (brand_in(major, {"M4A ", "M4B ", "M4P ", "F4A ", "F4B "})) return ContentKind::Other;  // audio
  if (major == "crx ") return ContentKind::OtherImage;                                       // Canon CR3 raw
  if (is_image_brand(major)) return ContentKind::Heic;
  if (is_video_brand(major)) return ContentKind::Video;
  const std::size_t box_end = std::min<std::size_t>(head.size(), std::max<std::uint32_t>(read_be32(head, 0), 16));
  bool video = false;
  for (std::size_t offset = 16; offset + 4 <= box_end; offset += 4) {
    const std::string_view brand = head.substr(offset, 4);
    if (is_image_brand(brand)) return ContentKind::Heic;
    video = video || is_video_brand(brand);
  }
  return video ? ContentKind::Video : ContentKind::Other;
}

bool is_bmp(std::string_view head) {
  if (!starts_with(head, "BM") || head.size() < 18) return false;
  // "BM" alone is too weak (a text file may start with it): require a known DIB header size.
  const std::uint32_t dib = read_le32(head, 14);
  return dib == 12 || dib == 16 || dib == 40 || dib == 52 || dib == 56 || dib == 64 || dib == 108 || dib == 124;
}

// MPEG transport stream: a 0x47 sync byte every 188 bytes, for every packet in the head.
bool is_mpeg_ts(std::string_view head) {
  constexpr std::size_t kPacket = 188;
  if (head.size() < 5 * kPacket) return false;
  for (std::size_t offset = 0; offset < head.size(); offset += kPacket) {
    if (head[offset] != 0x47) return false;
  }
  return true;
}

bool is_video_container(std::string_view head) {
  if (at(head, 0, "RIFF") && at(head, 8, "AVI ")) return true;
  if (starts_with(head, "\x1A\x45\xDF\xA3")) return true;  // Matroska / WebM (EBML)
  if (starts_with(head, "FLV\x01")) return true;
  if (starts_with(head, std::string_view("\x30\x26\xB2\x75\x8E\x66\xCF\x11", 8))) return true;  // ASF/WMV
  if (starts_with(head, std::string_view("\x00\x00\x01\xBA", 4))) return true;                  // MPEG-PS
  if (is_mpeg_ts(head)) return true;
  // Old QuickTime movies without an ftyp box start directly with these atoms.
  return at(head, 4, "moov") || at(head, 4, "mdat") || at(head, 4, "wide") || at(head, 4, "pnot");
}

// The kind of a zip container from its member names; nullopt when it cannot be opened.
std::optional<ContentKind> zip_kind_from_members(const std::string& path) {
  if (path.empty()) return std::nullopt;
  auto names = list_zip_entry_names(path);
  if (!names) return std::nullopt;
  bool content_types = false;
  bool word = false;
  bool excel = false;
  bool powerpoint = false;
  for (const auto& name : names.value()) {
    if (name == "[Content_Types].xml") content_types = true;
    if (to_lower_ascii(name) == "ofd.xml") return ContentKind::Ofd;
    word = word || name.starts_with("word/");
    excel = excel || name.starts_with("xl/");
    powerpoint = powerpoint || name.starts_with("ppt/");
  }
  if (content_types && word) return ContentKind::Docx;
  if (content_types && excel) return ContentKind::Xlsx;
  if (content_types && powerpoint) return ContentKind::Pptx;
  return ContentKind::Zip;
}

// Drops an incomplete multi-byte sequence at the end of a truncated head, so that
// cutting a file after 4 KiB does not make valid text look invalid.
std::string_view without_partial_tail(std::string_view head, bool truncated) {
  if (!truncated) return head;
  for (std::size_t cut = 0; cut < 4 && cut < head.size(); ++cut) {
    const std::string_view candidate = head.substr(0, head.size() - cut);
    if (is_valid_utf8(candidate)) return candidate;
  }
  return head;
}

bool looks_like_text(std::string_view head, std::uint64_t size) {
  if (starts_with(head, "\xEF\xBB\xBF") || starts_with(head, "\xFF\xFE") || starts_with(head, "\xFE\xFF")) {
    return true;  // UTF-8 / UTF-16 byte order mark (Notepad's "Unicode")
  }
  std::size_t controls = 0;
  for (const char c : head) {
    const auto b = static_cast<unsigned char>(c);
    if (b == 0) return false;
    if ((b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f' && b != '\v' && b != 0x1B) || b == 0x7F) {
      ++controls;
    }
  }
  if (controls * 100 > head.size()) return false;
  const bool truncated = head.size() < size;
  if (is_valid_utf8(without_partial_tail(head, truncated))) return true;
  // GBK text (CSV exported by Excel on Chinese Windows): must decode strictly,
  // allowing a lead byte cut off at the end of the head.
  for (std::size_t cut = 0; cut < (truncated ? 4u : 1u) && cut < head.size(); ++cut) {
    if (decode_gbk_strict(head.substr(0, head.size() - cut))) return true;
  }
  return false;
}

}  // namespace

ContentKind sniff_content_kind(const std::string& path, const std::string& head, std::uint64_t size) {
  if (size == 0) return ContentKind::Empty;
  if (head.empty()) return ContentKind::Other;  // unread bytes prove nothing
  const std::string_view h = head;
  if (starts_with(h, "%PDF-")) return ContentKind::Pdf;
  if (starts_with(h, "\xFF\xD8\xFF")) return ContentKind::Jpeg;
  if (starts_with(h, "\x89PNG\r\n\x1A\n")) return ContentKind::Png;
  if (starts_with(h, "GIF87a") || starts_with(h, "GIF89a") || is_bmp(h) ||
      starts_with(h, std::string_view("II*\0", 4)) || starts_with(h, std::string_view("MM\0*", 4)) ||
      (at(h, 0, "RIFF") && at(h, 8, "WEBP"))) {
    return ContentKind::OtherImage;
  }
  if (auto bmff = sniff_iso_bmff(h)) return *bmff;
  if (is_video_container(h)) return ContentKind::Video;
  if (starts_with(h, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")) return ContentKind::OleOffice;
  if (starts_with(h, "PK\x03\x04") || starts_with(h, "PK\x05\x06") || starts_with(h, "PK\x07\x08")) {
    // A damaged zip is still an archive as far as a reviewer is concerned.
    return zip_kind_from_members(path).value_or(ContentKind::Zip);
  }
  // RAR and 7z are archives a reviewer must unpack just like a zip.
  if (starts_with(h, "Rar!\x1A\x07") || starts_with(h, "7z\xBC\xAF\x27\x1C")) return ContentKind::Zip;
  // PDF readers accept a header anywhere in the first 1024 bytes (after junk from mail gateways).
  if (h.substr(0, 1024).find("%PDF-") != std::string_view::npos) return ContentKind::Pdf;
  if (looks_like_text(h, size)) return ContentKind::Text;
  return ContentKind::Other;
}

ContentKind kind_from_extension(const std::string& extension) {
  static const std::array<std::pair<std::string_view, ContentKind>, 52> kTable{{
      {"pdf", ContentKind::Pdf},         {"ofd", ContentKind::Ofd},        {"jpg", ContentKind::Jpeg},
      {"jpeg", ContentKind::Jpeg},       {"jpe", ContentKind::Jpeg},       {"jfif", ContentKind::Jpeg},
      {"png", ContentKind::Png},         {"heic", ContentKind::Heic},      {"heif", ContentKind::Heic},
      {"hif", ContentKind::Heic},        {"avif", ContentKind::Heic},      {"gif", ContentKind::OtherImage},
      {"bmp", ContentKind::OtherImage},  {"tif", ContentKind::OtherImage}, {"tiff", ContentKind::OtherImage},
      {"webp", ContentKind::OtherImage}, {"docx", ContentKind::Docx},      {"docm", ContentKind::Docx},
      {"dotx", ContentKind::Docx},       {"xlsx", ContentKind::Xlsx},      {"xlsm", ContentKind::Xlsx},
      {"pptx", ContentKind::Pptx},       {"ppsx", ContentKind::Pptx},      {"doc", ContentKind::OleOffice},
      {"dot", ContentKind::OleOffice},   {"xls", ContentKind::OleOffice},  {"ppt", ContentKind::OleOffice},
      {"pps", ContentKind::OleOffice},   {"wps", ContentKind::OleOffice},  {"et", ContentKind::OleOffice},
      {"dps", ContentKind::OleOffice},   {"mp4", ContentKind::Video},      {"m4v", ContentKind::Video},
      {"mov", ContentKind::Video},       {"3gp", ContentKind::Video},      {"avi", ContentKind::Video},
      {"mkv", ContentKind::Video},       {"webm", ContentKind::Video},     {"flv", ContentKind::Video},
      {"wmv", ContentKind::Video},       {"mpg", ContentKind::Video},      {"mpeg", ContentKind::Video},
      {"zip", ContentKind::Zip},         {"rar", ContentKind::Zip},        {"7z", ContentKind::Zip},
      {"txt", ContentKind::Text},        {"csv", ContentKind::Text},       {"tsv", ContentKind::Text},
      {"xml", ContentKind::Text},        {"json", ContentKind::Text},      {"htm", ContentKind::Text},
      {"html", ContentKind::Text},
  }};
  const std::string lower = to_lower_ascii(extension);
  for (const auto& [ext, kind] : kTable) {
    if (ext == lower) return kind;
  }
  return ContentKind::Other;
}

std::string file_extension(const std::string& file_name) {
  const auto dot = file_name.rfind('.');
  if (dot == std::string::npos || dot == 0 || dot + 1 == file_name.size()) return "";
  const std::string ext = file_name.substr(dot + 1);
  if (ext.size() > 8) return "";
  bool letter = false;
  for (const char c : ext) {
    const bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    if (!alpha && !(c >= '0' && c <= '9')) return "";  // "2025.3.18 会议" has no extension, not "18 会议"
    letter = letter || alpha;
  }
  if (!letter) return "";  // "会议2025.3.18": a date, not an extension
  return to_lower_ascii(ext);
}

bool is_extension_mismatch(const std::string& extension, ContentKind actual) {
  const ContentKind promised = kind_from_extension(extension);
  if (promised == ContentKind::Other || actual == ContentKind::Empty) return false;
  // Text in an encoding we do not recognise (UTF-16 without BOM, Big5 ...) looks like
  // "Other"; calling that a mismatch would be a false alarm.
  if (promised == ContentKind::Text && actual == ContentKind::Other) return false;
  return promised != actual;
}

}  // namespace evpack
