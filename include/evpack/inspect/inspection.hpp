// What an inspector learned about one file: a plain value, typed facts per
// evidence kind. Inspectors never score; evaluation reads these facts.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "evpack/core/raster.hpp"
#include "evpack/core/types.hpp"

namespace evpack {

/// The four fields a credit-query capture must show (4.4), as the report names them.
inline constexpr std::array<const char*, 4> kQueryFieldNames{"查询时间", "查询事项", "主体名称", "查询结果"};

/// A parsed 发文字号 such as 章交字〔2025〕25号.
struct DocNumber {
  std::string text;    ///< as found (normalised spaces removed)
  std::string agency;  ///< 机关代字, "章交字"
  int year = 0;        ///< 2025
  int serial = 0;      ///< 25
  /// GB/T 9704 form problems, Chinese (wrong brackets, 第, two-digit year, leading zero ...).
  std::vector<std::string> form_problems;
  bool operator==(const DocNumber&) const = default;
};

/// Facts about a document (PDF, OFD, Word).
struct DocumentFacts {
  int page_count = 0;
  bool has_text_layer = false;             ///< false for image-only scans
  bool scanned = false;                    ///< page content is mostly a scanned image
  std::string title;                       ///< best guess at the document title
  std::optional<DocNumber> own_number;     ///< the document's own number (under the header)
  std::vector<std::string> cited_numbers;  ///< numbers cited in the body
  std::optional<CivilDate> issue_date;     ///< 成文日期
  std::string issue_date_text;             ///< as written ("2025年3月5日", "二〇二三年四月三日")
  Verdict letterhead;                      ///< red 发文机关标志
  std::string letterhead_text;             ///< "济南市章丘区城乡交通运输局文件"
  Verdict number;                          ///< own 发文字号 present?
  Verdict seal;                            ///< red round seal
  int seal_page = 0;                       ///< 1-based page of the best seal candidate, 0 if none
  /// Red could be judged: a born-digital PDF, or a scan with colour. False for
  /// grayscale/bilevel scans, whose letterhead and seal are "cannot verify".
  bool colour_known = false;
  /// A scan: the own number's year brackets were judged from their ink
  /// (year_brackets), not taken to be 〔〕.
  bool number_brackets_seen = false;
  /// JPEG of the first page, longer side at most kPreviewSide, made from the
  /// low-resolution render the letterhead check made anyway: the reports'
  /// thumbnail. Empty when the page could not be rendered.
  std::vector<std::uint8_t> preview;
  bool operator==(const DocumentFacts&) const = default;
};

/// Longer side and JPEG quality of the previews shown in reports (HTML report, catalogue).
constexpr int kPreviewSide = 240;
constexpr int kPreviewQuality = 70;

/// The middle of a picture of `width` x `height`, where watermark apps do not write:
/// they stamp the bottom third (今日水印 and 马克 panels, frames, date stamps), the
/// top band (tables of 时间/地点, status stamps) and the corners. x 12-88 %, y 18-66 %.
constexpr PixelRect watermark_free_core(int width, int height) {
  return {width * 12 / 100, height * 18 / 100, width * 76 / 100, height * 48 / 100};
}

/// Facts about a photo or screenshot.
struct PhotoFacts {
  int width = 0;  ///< after applying Orientation
  int height = 0;
  int orientation = 1;                 ///< EXIF Orientation 1..8
  std::optional<Timestamp> exif_time;  ///< DateTimeOriginal, else CreateDate/DateTime
  std::string exif_offset;             ///< OffsetTimeOriginal ("+08:00") if present
  std::string make;
  std::string model;
  std::string software;
  std::optional<GpsPoint> gps;
  bool has_exif = false;
  bool has_thumbnail = false;
  bool screenshot = false;  ///< looks like a screen capture
  /// A whole sheet of paper fills much of the frame (a photo of a form or a notice):
  /// a time read in it may be the sheet's own text, not a camera's stamp.
  bool shows_sheet = false;
  Verdict watermark;  ///< burned-in time watermark
  std::optional<Timestamp> watermark_time;
  std::string watermark_text;          ///< OCR text of the watermark region
  std::string watermark_brand;         ///< 今日水印 / 马克 / ...
  std::string watermark_place;         ///< place line of the watermark, as read
  std::string watermark_code;          ///< 防伪 code of the watermark, as read
  double brightness = -1;              ///< mean gray level 0..255, -1 when not measured
  double sharpness = -1;               ///< Laplacian variance at ~720 px, -1 when not measured
  std::optional<CivilDate> published;  ///< screenshots: publication or query date read by OCR
  /// Screenshots of a credit query (4.4): which of 查询时间, 查询事项, 主体名称,
  /// 查询结果 were read. Empty when the screenshot was not read.
  std::vector<std::string> query_fields;
  std::optional<std::uint64_t> phash;  ///< 64-bit perceptual hash
  /// Mean blue, green, red of each cell of a 4x4 grid over the upright picture
  /// (48 values, row by row), set with `phash`: tells apart photos whose hashes
  /// are close only because they share a layout (reuse check).
  std::vector<std::uint8_t> colour_grid;
  /// Perceptual hashes of the nine windows of 95 % width and height at offsets
  /// 0, 2.5 and 5 % (row by row), set with `phash`: a copy cropped a little
  /// matches one of them closely even when its whole-picture hash has moved.
  std::vector<std::uint64_t> window_hashes;
  /// Perceptual hash of the middle of the picture (watermark_free_core), set with
  /// `phash`: one photo stamped by two watermark apps differs in the bands and
  /// corners where the apps write, not there.
  std::optional<std::uint64_t> core_hash;
  /// Perceptual hashes of windows around the middle of the picture, a little larger,
  /// smaller and shifted (core_window_hashes in inspect/photo_hash.hpp), set with
  /// `phash`: the core hash of a copy cropped up to about a tenth and stamped again
  /// by another app lies within a few bits of one of them.
  std::vector<std::uint64_t> core_window_hashes;
  /// JPEG of the upright picture, longer side at most kPreviewSide, made from the
  /// pixels the inspector decoded anyway: the reports' thumbnail. Empty when the
  /// picture was not decoded.
  std::vector<std::uint8_t> preview;
  bool operator==(const PhotoFacts&) const = default;
};

/// Everything inspected about one file.
struct Inspection {
  ContentKind kind = ContentKind::Other;
  bool readable = true;  ///< false when the file could not be opened/decoded
  std::optional<DocumentFacts> document;
  std::optional<PhotoFacts> photo;
  std::string text;  ///< extracted text (capped), for keywords and privacy scans
  /// OCR of the whole body of a scan or photo of paper that can hold personal
  /// numbers (InspectOptions::personal_number_keywords), pages parted by '\f';
  /// for the privacy scan only (`text` holds the key regions).
  std::string body_text;
  EvidenceDate date;              ///< the date this evidence stands for, with its source
  std::vector<Finding> findings;  ///< per-file problems (corrupt, encrypted, ...)
  bool operator==(const Inspection&) const = default;
};

}  // namespace evpack
