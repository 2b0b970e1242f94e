// Plain value types that flow between evpack's stages:
// scan (FileRecord) -> inspect (Inspection) -> map (Placement) -> evaluate (Evaluation) -> report.
// Nothing here knows about any external library.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace evpack {

/// What a file really is, decided from its first bytes (and, for zip-based
/// formats, from the names inside), never from the extension alone.
enum class ContentKind {
  Empty,  ///< zero bytes
  Pdf,
  Ofd,  ///< GB/T 33190 OFD (zip container with OFD.xml)
  Jpeg,
  Png,
  Heic,        ///< HEIC/HEIF/AVIF (ISO BMFF with an image brand)
  OtherImage,  ///< GIF, BMP, TIFF, WebP
  Docx,
  Xlsx,
  Pptx,
  OleOffice,  ///< legacy .doc/.xls/.wps/.et (OLE2 compound file)
  Video,      ///< MP4/MOV (ISO BMFF video brands), AVI, etc.
  Zip,        ///< a plain zip (possibly a nested archive)
  Text,       ///< UTF-8/GBK text, CSV
  Other,
};

/// Stable lowercase name of a kind, used in JSON ("pdf", "jpeg", ...).
std::string to_string(ContentKind kind);
/// Chinese label for reports ("PDF文档", "照片", ...).
std::string kind_label_zh(ContentKind kind);
/// True for JPEG/PNG/HEIC/OtherImage.
bool is_image(ContentKind kind);

/// A calendar date without time zone. year == 0 means "no date".
struct CivilDate {
  int year = 0;
  int month = 0;
  int day = 0;

  bool valid() const;
  /// 1..4, or 0 when invalid.
  int quarter() const { return valid() ? (month - 1) / 3 + 1 : 0; }
  /// "2025-03-18", or "" when invalid.
  std::string iso() const;
  /// Days since 1970-01-01 (proleptic Gregorian); only meaningful when valid().
  std::int64_t days_since_epoch() const;
  static CivilDate from_days_since_epoch(std::int64_t days);
  /// 1 = Monday ... 7 = Sunday.
  int weekday() const;
  auto operator<=>(const CivilDate&) const = default;
};

/// A local date with an optional time of day (hour < 0 means no time).
struct Timestamp {
  CivilDate date;
  int hour = -1;
  int minute = -1;
  int second = -1;

  bool has_time() const { return hour >= 0; }
  /// "2025-03-18 09:30:00", "2025-03-18 09:30" or "2025-03-18".
  std::string iso() const;
  /// Minutes since epoch; time-less stamps count as 00:00.
  std::int64_t minutes_since_epoch() const;
  auto operator<=>(const Timestamp&) const = default;
};

/// A place on Earth in decimal degrees (WGS 84, as EXIF GPS gives it).
struct GpsPoint {
  double latitude = 0;
  double longitude = 0;
  bool operator==(const GpsPoint&) const = default;
};

/// Where an evidence date came from. The file's mtime is never a source:
/// copying a file changes it, so it proves nothing.
enum class DateSource {
  None,
  Watermark,     ///< time burned into a photo by a watermark camera app
  Exif,          ///< EXIF DateTimeOriginal / CreateDate
  DocumentDate,  ///< 成文日期 read from the document
  Published,     ///< publication date read from a screenshot
  FileName,      ///< a date in the file name
  FolderName,    ///< a date or period in a folder name
};
std::string to_string(DateSource source);
std::string source_label_zh(DateSource source);

/// The date a piece of evidence stands for, with its provenance.
struct EvidenceDate {
  std::optional<Timestamp> value;
  DateSource source = DateSource::None;
  bool operator==(const EvidenceDate&) const = default;
};

/// Tri-state answer of an inspector. CannotVerify is first-class: a grayscale
/// scan cannot show a red seal, and evpack must say so rather than guess.
enum class Presence { NotChecked, Present, Absent, CannotVerify };
std::string to_string(Presence presence);
std::string presence_label_zh(Presence presence);

struct Verdict {
  Presence state = Presence::NotChecked;
  double confidence = 0.0;  ///< 0..1, how sure the inspector is of `state`
  std::string reason;       ///< Chinese, one line
  bool operator==(const Verdict&) const = default;
};

/// How serious a finding is.
enum class Severity {
  Info,     ///< 提示
  Warning,  ///< 警告: may cost points
  Error,    ///< 严重: costs points (an indicator zeroed, a deduction)
  Fatal,    ///< 致命: could cancel the whole acceptance (D.1)
};
std::string to_string(Severity severity);
std::string severity_label_zh(Severity severity);

/// What a finding says about the archive, in the terms of the deductions a rule
/// set lists (`role:` of a deduction in rules/*.yaml). Code names roles, never a
/// deduction's id: the rule set maps a role to its own numbering ("D.5" in the
/// Shandong table), or to nothing when it has no such deduction.
enum class DeductionRole {
  None,            ///< relates to no deduction
  Fabrication,     ///< fabricated, copied or re-used material (弄虚作假)
  PrivacyLeak,     ///< personal data or wrong credit information published (泄露隐私)
  SanctionMisuse,  ///< punishment measures misused (失信惩戒不当; judged by people)
  PublicityDelay,  ///< 双公示 published late or not at all
  ArchiveOrder,    ///< materials out of order, unreadable or unplaced (材料凌乱)
  DocumentForm,    ///< a formal document without letterhead, number or seal
  PhotoTime,       ///< a photo without a true time watermark
};
/// The name rule files use ("archive_order"); "" for None.
std::string to_string(DeductionRole role);
/// The role named `name` in a rule file; nullopt when no role has that name.
std::optional<DeductionRole> deduction_role_from_string(const std::string& name);

/// One thing a reviewer would notice. `code` is stable across versions
/// (documented in docs/report-format.md); `message` and `advice` are Chinese.
struct Finding {
  std::string code;
  Severity severity = Severity::Info;
  std::string rule;       ///< deduction rule it relates to ("D.5", "D.6" ...) or ""
  std::string file;       ///< relative path of the file concerned, or ""
  std::string indicator;  ///< indicator id concerned, or ""
  std::string message;
  std::string advice;
  /// The kind of deduction it relates to; evaluation puts the rule set's id for it in `rule`.
  DeductionRole role = DeductionRole::None;
  bool operator==(const Finding&) const = default;
};

/// Sorts findings deterministically: severity (worst first), rule, indicator, file, code, message.
void sort_findings(std::vector<Finding>& findings);

}  // namespace evpack
