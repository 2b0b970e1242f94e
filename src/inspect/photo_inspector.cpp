// Photo and screenshot inspection: metadata first, then the pixels, decoded once.
//
//   metadata.read ──> EXIF facts (time, camera, software, orientation, GPS, thumbnail)
//   decode once  ──> colour statistics (screenshot guess)
//                ──> downscale (shorter side kAnalysisShort) ──> orient ──> analysis copy
//   analysis copy ──> phash, legibility (brightness, sharpness), EXIF thumbnail check
//                ──> photos: watermark (watermark.cpp, OCR of candidate panels only)
//                ──> screenshots: OCR of the whole capture (screenshot.cpp: publication/query
//                    date, 4.4 fields)
//   facts        ──> cross-checks (watermark vs EXIF time, names), findings
//   metadata     ──> editors named in software tags, free text, XMP (editing_software.cpp)
//
// The evidence date is left to the dispatcher (inspector.cpp), which weighs the
// watermark, EXIF and file-name dates.
#include "evpack/inspect/photo_inspector.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <functional>
#include <tuple>
#include <utility>
#include <vector>

#include "evpack/adapters/heif_decoder.hpp"
#include "evpack/adapters/image_codec.hpp"
#include "evpack/adapters/image_ops.hpp"
#include "evpack/inspect/date_text.hpp"
#include "evpack/inspect/editing_software.hpp"
#include "evpack/inspect/photo_hash.hpp"
#include "evpack/inspect/screenshot.hpp"
#include "evpack/inspect/watermark.hpp"
#include "evpack/util/text.hpp"
#include "sheet_photo.hpp"

namespace evpack {

namespace {

// Longer side of the copy used for the perceptual hash.
constexpr int kAnalysisSide = 512;
// Shorter side of the upright copy used for watermarks and legibility.
constexpr int kAnalysisShort = 720;
// Legibility (D.5 "难以辨识"): a mean gray level below this is too dark to see
// anything; measured: night shots that still show a room 45-70, a lens covered 5-15.
constexpr double kTooDark = 35.0;
// Variance of the Laplacian at kAnalysisShort below which nothing has an edge:
// generated scenes 150-2000, corpus photos 60-3000; a Gaussian blur of sigma 4
// drops a scene under 10.
constexpr double kTooBlurry = 12.0;
// Shorter side under which people, banners and text cannot be made out.
constexpr int kTooSmall = 320;
// Shorter side under which a photo cannot be said to have no time watermark: the
// stamps of the common templates are 2.5-4 % of the shorter side, under 12 px
// below this, where neither reader finds them reliably.
constexpr int kWatermarkMinShort = 400;
// A thumbnail whose hash is further than this from the picture shows another picture.
constexpr int kThumbnailDistance = 16;
// Shorter side a JPEG of unknown source (no camera in its EXIF) keeps when decoded
// reduced: every screen up to 4K (2160) is under twice this, so captures are whole.
constexpr int kUnknownSourceShort = 1440;
// Longer side of a screenshot for OCR: phone captures keep their full width.
constexpr int kScreenshotSide = 2400;
// Gray standard deviation below which an image is featureless (blank, one colour):
// its hash would be noise or all zeros and match every other blank image.
constexpr double kFeaturelessStdDev = 2.0;
// Legible characters other than digits under which an image taken for a capture
// is read as a photo instead: a page, chat or query screen shows words, while a
// flat picture shows at most a stamp, mostly digits ("2025/09/29 17:07:33 CAM 01",
// a phone frame's "Xiaomi 13 27mm f/1.75 1/50s ISO400 LEICA 2025.09.09 09:29:24").
// Measured (Tesseract chi_sim): the 24 captures of ../shared/external and
// tests/data/screens show 54 or more; one-colour pictures with a stamp 3-18.
constexpr int kCaptureMinCharacters = 20;
// Grid of pixels sampled (longer side) for the colour statistics of the screenshot guess.
constexpr int kSampleSide = 512;

// Screen captures are drawn, not photographed: most of their pixels are a few
// exact colours (page background, chat bubbles, bars), and JPEG keeps flat blocks
// exact. Camera noise and light gradients spread a photo over thousands of colours.
// Measured share of the 3 most frequent colours: corpus photos (cameras, phones,
// HEIC, a scan) 0.00-0.29; generated chat and web-page captures (JPEG q75/q85,
// PNG) 0.68-0.84.
constexpr double kDrawnShare = 0.50;
// A typical screen size alone is not enough (WeChat resizes 16:9 photos to
// 1080x1920 and strips their EXIF); together with a lesser share it is.
constexpr double kDrawnShareAtScreenSize = 0.30;

// Screen sizes of common phones and monitors (either orientation).
constexpr std::array<std::pair<int, int>, 24> kScreenSizes{{
    {1920, 1080}, {2560, 1440}, {1366, 768},  {1440, 900},  {1536, 864},  {1280, 720},  {1600, 900},  {1280, 800},
    {1680, 1050}, {1920, 1200}, {3840, 2160}, {2880, 1800}, {2340, 1080}, {2400, 1080}, {1334, 750},  {1792, 828},
    {2436, 1125}, {2688, 1242}, {2532, 1170}, {2556, 1179}, {2778, 1284}, {2796, 1290}, {3200, 1440}, {2244, 1080},
}};

bool is_screen_size(int w, int h) {
  const int longer = std::max(w, h);
  const int shorter = std::min(w, h);
  return std::any_of(kScreenSizes.begin(), kScreenSizes.end(),
                     [&](const auto& s) { return s.first == longer && s.second == shorter; });
}

// Share of the `top` most frequent exact colours among pixels sampled on a grid
// (nearest neighbour, no averaging: averaging would smooth a photo's noise away).
double dominant_colour_share(const RasterImage& image, int top) {
  if (image.empty() || image.channels != 3 ||
      image.pixels.size() != static_cast<std::size_t>(image.width) * image.height * 3) {
    return 0;
  }
  const double step = std::max(1.0, static_cast<double>(std::max(image.width, image.height)) / kSampleSide);
  std::vector<std::uint32_t> colours;
  for (double fy = 0; fy < image.height; fy += step) {
    const std::size_t row = static_cast<std::size_t>(fy) * image.width;
    for (double fx = 0; fx < image.width; fx += step) {
      const std::uint8_t* p = image.pixels.data() + (row + static_cast<std::size_t>(fx)) * 3;
      colours.push_back((std::uint32_t{p[0]} << 16) | (std::uint32_t{p[1]} << 8) | p[2]);
    }
  }
  // Exact counts in an open-addressing table: sorting the ~200,000 samples took a
  // tenth of a photo's inspection. Keys are colour + 1, so 0 marks an empty slot;
  // the slot is the top bits of a multiplicative (Fibonacci) hash.
  int bits = 1;
  while ((std::size_t{1} << bits) < colours.size() * 2) ++bits;
  const std::size_t capacity = std::size_t{1} << bits;
  std::vector<std::uint32_t> keys(capacity, 0);
  std::vector<std::uint32_t> counts(capacity, 0);
  for (const std::uint32_t colour : colours) {
    const std::uint32_t key = colour + 1;
    std::size_t slot = static_cast<std::uint32_t>(key * 2654435761u) >> (32 - bits);
    while (keys[slot] != 0 && keys[slot] != key) slot = (slot + 1) & (capacity - 1);
    keys[slot] = key;
    ++counts[slot];
  }
  const auto n = std::min<std::size_t>(capacity, static_cast<std::size_t>(top));
  std::partial_sort(counts.begin(), counts.begin() + static_cast<std::ptrdiff_t>(n), counts.end(), std::greater<>());
  std::size_t covered = 0;
  for (std::size_t i = 0; i < n; ++i) covered += counts[i];
  return colours.empty() ? 0 : static_cast<double>(covered) / colours.size();
}

// Standard deviation of the gray levels of a 1-channel image (0 for others).
double gray_std_dev(const RasterImage& gray) {
  if (gray.empty() || gray.channels != 1) return 0;
  double sum = 0;
  double sum_sq = 0;
  for (const std::uint8_t v : gray.pixels) {
    sum += v;
    sum_sq += static_cast<double>(v) * v;
  }
  const double n = static_cast<double>(gray.pixels.size());
  return std::sqrt(std::max(0.0, sum_sq / n - (sum / n) * (sum / n)));
}

// Mean B, G, R of each cell of a 4x4 grid (PhotoFacts::colour_grid).
std::vector<std::uint8_t> colour_grid(const RasterImage& image) {
  constexpr int kCells = 4;
  if (image.empty() || image.channels != 3 || image.width < kCells || image.height < kCells) return {};
  std::vector<std::uint8_t> out;
  out.reserve(kCells * kCells * 3);
  for (int cy = 0; cy < kCells; ++cy) {
    const int y0 = image.height * cy / kCells;
    const int y1 = image.height * (cy + 1) / kCells;
    for (int cx = 0; cx < kCells; ++cx) {
      const int x0 = image.width * cx / kCells;
      const int x1 = image.width * (cx + 1) / kCells;
      std::array<double, 3> sum{};
      for (int y = y0; y < y1; ++y) {
        const std::uint8_t* p = &image.pixels[(static_cast<std::size_t>(y) * image.width + x0) * 3];
        for (int x = x0; x < x1; ++x, p += 3) {
          sum[0] += p[0];
          sum[1] += p[1];
          sum[2] += p[2];
        }
      }
      const double n = static_cast<double>(y1 - y0) * (x1 - x0);
      for (const double v : sum) out.push_back(static_cast<std::uint8_t>(std::lround(v / n)));
    }
  }
  return out;
}

// PhotoFacts::window_hashes: the 95 % windows at offsets 0, 2.5 and 5 % of each
// side of the gray analysis copy.
std::vector<std::uint64_t> window_hashes(const RasterImage& image) {
  std::vector<std::uint64_t> out;
  const int w = image.width * 95 / 100;
  const int h = image.height * 95 / 100;
  for (int iy = 0; iy < 3; ++iy) {
    for (int ix = 0; ix < 3; ++ix) {
      const PixelRect window{(image.width - w) * ix / 2, (image.height - h) * iy / 2, w, h};
      out.push_back(perceptual_hash(crop(image, window)));
    }
  }
  return out;
}

Finding photo_finding(const FileRecord& record, std::string code, Severity severity, DeductionRole role,
                      std::string message, std::string advice) {
  return {std::move(code), severity, "", record.rel_path, "", std::move(message), std::move(advice), role};
}

// Mean gray level and variance of the 4-neighbour Laplacian of a gray image.
std::pair<double, double> brightness_and_sharpness(const RasterImage& gray) {
  if (gray.empty() || gray.channels != 1 || gray.width < 3 || gray.height < 3) return {-1, -1};
  double sum = 0;
  for (const std::uint8_t v : gray.pixels) sum += v;
  const int w = gray.width;
  double lap_sum = 0;
  double lap_sq = 0;
  std::size_t n = 0;
  for (int y = 1; y + 1 < gray.height; ++y) {
    const std::uint8_t* row = &gray.pixels[static_cast<std::size_t>(y) * w];
    for (int x = 1; x + 1 < w; ++x) {
      const double lap = 4.0 * row[x] - row[x - 1] - row[x + 1] - row[x - w] - row[x + w];
      lap_sum += lap;
      lap_sq += lap * lap;
      ++n;
    }
  }
  const double mean_lap = lap_sum / static_cast<double>(n);
  return {sum / static_cast<double>(gray.pixels.size()), lap_sq / static_cast<double>(n) - mean_lap * mean_lap};
}

// The burned-in time watermark, read from the upright analysis copy. OCR runs
// only when allowed and available; otherwise the verdict says why not.
void read_watermark(const RasterImage& upright, Ocr* ocr, SceneText* scene_text, const InspectOptions& options,
                    const SharperImage& sharper, PhotoFacts& facts) {
  if (!options.ocr) {
    facts.watermark = Verdict{Presence::NotChecked, 0.0, "未启用文字识别（--no-ocr），未检查时间水印"};
    return;
  }
  if (ocr == nullptr) {
    facts.watermark = Verdict{Presence::NotChecked, 0.0, "文字识别（OCR）不可用，未检查时间水印"};
    return;
  }
  WatermarkResult result = evpack::read_watermark(upright, *ocr, sharper, facts.exif_time, scene_text);
  // "Absent" zeroes an indicator (D.7): say it only of a photo that could have
  // shown a stamp legibly. A thumbnail-sized or near-black picture cannot.
  if (result.state == Presence::Absent) {
    const int shorter = std::min(facts.width, facts.height);
    if (shorter > 0 && shorter < kWatermarkMinShort) {
      result.state = Presence::CannotVerify;
      result.confidence = 0.5;
      result.reason = "照片分辨率过低（" + std::to_string(facts.width) + "×" + std::to_string(facts.height) +
                      "像素），无法判断是否有时间水印；请提交手机或相机导出的原图";
    } else if (facts.brightness >= 0 && facts.brightness < kTooDark) {
      result.state = Presence::CannotVerify;
      result.confidence = 0.5;
      result.reason = "照片过暗，无法判断是否有时间水印；请提交清晰的原图";
    }
  }
  facts.watermark = Verdict{result.state, result.confidence, result.reason};
  facts.watermark_text = std::move(result.text);
  if (result.state == Presence::Present || result.state == Presence::CannotVerify) {
    facts.watermark_time = result.reading.timestamp();
    facts.watermark_brand = result.reading.brand;
    facts.watermark_place = result.reading.place;
    facts.watermark_code = result.reading.code;
  }
}

// Letters and CJK characters in OCR text, digits left out (a UTF-8 lead byte of
// three or more bytes counts one character).
int legible_characters(const std::string& text) {
  int count = 0;
  for (unsigned char c : text) count += std::isalpha(c) != 0 || c >= 0xE0 ? 1 : 0;
  return count;
}

// Screenshots: OCR the capture for its text, the date it stands for and (for
// credit queries) the four required fields (screenshot.cpp). False when the
// "capture" shows almost no text: a page, chat or query screen always does, while
// a flat picture (a blank or one-colour photo, a photo of a wall) only looked
// drawn; the caller then reads it as a photo.
bool read_screenshot(const RasterImage& gray, Ocr* ocr, const InspectOptions& options, const FileRecord& record,
                     PhotoFacts& facts, Inspection& out) {
  if (!options.ocr || ocr == nullptr) return true;
  auto reading = evpack::read_screenshot(gray, *ocr);
  if (!reading) return true;
  if (legible_characters(reading->text) < kCaptureMinCharacters) return false;
  facts.published = reading->date;
  facts.query_fields = reading->query_fields;
  if (auto missing = query_fields_finding(*reading, record)) out.findings.push_back(std::move(*missing));
  out.text = std::move(reading->text);
  return true;
}

void copy_metadata(const PhotoMetadata& meta, PhotoFacts& facts) {
  facts.has_exif = meta.has_exif;
  facts.exif_time = meta.date_time_original ? meta.date_time_original
                    : meta.create_date      ? meta.create_date
                                            : meta.modify_date;
  facts.exif_offset = meta.offset_time_original;
  facts.make = meta.make;
  facts.model = meta.model;
  facts.software = meta.software;
  facts.orientation = meta.orientation >= 1 && meta.orientation <= 8 ? meta.orientation : 1;
  facts.gps = meta.gps;
  facts.has_thumbnail = !meta.thumbnail.empty();
}

// Upright size when the pixels could not be decoded: from the container.
void size_without_pixels(const std::string& path, bool heic, const PhotoMetadata* meta, PhotoFacts& facts) {
  std::optional<PixelRect> size = heic ? probe_heif_size(path) : probe_image_size(path);
  if (!size && meta != nullptr && meta->pixel_width > 0 && meta->pixel_height > 0 && !heic) {
    size = PixelRect{0, 0, meta->pixel_width, meta->pixel_height};
  }
  if (!size) return;
  facts.width = size->width;
  facts.height = size->height;
  if (!heic && facts.orientation >= 5) std::swap(facts.width, facts.height);  // 5..8 turn by 90°
}

// The EXIF thumbnail is written by the camera with the photo; an editor that
// changes the pixels often leaves it alone, so a thumbnail showing another
// picture means the photo was reworked (or the thumbnail pasted from another).
void check_thumbnail(const PhotoMetadata& meta, int orientation, const PhotoFacts& facts, const FileRecord& record,
                     Inspection& out) {
  auto thumb = decode_image_bytes(meta.thumbnail);
  if (!thumb) return;
  const RasterImage upright = to_gray(apply_orientation(*thumb, orientation));
  if (upright.width < 32 || upright.height < 32) return;
  // Thumbnails are often 160x120 whatever the photo's shape; only a matching
  // aspect ratio can be compared without the padding bars deciding.
  const double photo_ratio = static_cast<double>(facts.width) / std::max(1, facts.height);
  const double thumb_ratio = static_cast<double>(upright.width) / upright.height;
  if (std::abs(photo_ratio - thumb_ratio) > 0.05 * photo_ratio) return;
  if (gray_std_dev(upright) < kFeaturelessStdDev) return;
  const int distance = hamming_distance(perceptual_hash(upright), *facts.phash);
  if (distance <= kThumbnailDistance) return;
  out.findings.push_back(photo_finding(
      record, "THUMBNAIL_MISMATCH", Severity::Warning, DeductionRole::Fabrication,
      "照片内嵌的EXIF缩略图与照片内容不一致（差异" + std::to_string(distance) + "/64），照片可能在拍摄后被修改",
      "提交拍摄原图，不要提交经过编辑的副本"));
}

void check_legibility(const PhotoFacts& facts, const FileRecord& record, Inspection& out) {
  std::vector<std::string> problems;
  if (std::min(facts.width, facts.height) > 0 && std::min(facts.width, facts.height) < kTooSmall) {
    problems.push_back("尺寸过小（" + std::to_string(facts.width) + "×" + std::to_string(facts.height) + "像素）");
  }
  if (facts.brightness >= 0 && facts.brightness < kTooDark) problems.emplace_back("画面过暗");
  if (facts.sharpness >= 0 && facts.sharpness < kTooBlurry && !facts.screenshot) problems.emplace_back("画面模糊");
  if (problems.empty()) return;
  std::string list;
  for (const auto& p : problems) list += (list.empty() ? "" : "、") + p;
  out.findings.push_back(photo_finding(record, "PHOTO_ILLEGIBLE", Severity::Warning, DeductionRole::ArchiveOrder,
                                       "照片" + list + "，评审专家可能难以辨识", "换用清晰、光线充足的原图"));
}

// Minutes between two stamps that both carry a time.
std::int64_t minutes_apart(const Timestamp& a, const Timestamp& b) {
  const auto d = a.minutes_since_epoch() - b.minutes_since_epoch();
  return d < 0 ? -d : d;
}

std::string duration_zh(std::int64_t minutes) {
  if (minutes >= 24 * 60) return std::to_string(minutes / (24 * 60)) + "天";
  if (minutes >= 60)
    return std::to_string(minutes / 60) + "小时" + (minutes % 60 ? std::to_string(minutes % 60) + "分钟" : "");
  return std::to_string(minutes) + "分钟";
}

// Watermark, EXIF and name dates must tell one story.
void check_times(const PhotoFacts& facts, const FileRecord& record, const InspectOptions& options, Inspection& out) {
  // Only a confirmed reading (Present) may stand against the camera clock: a
  // misread digit must never become a fabrication signal.
  const auto& wm = facts.watermark_time;
  const bool confirmed = facts.watermark.state == Presence::Present;
  if (confirmed && wm && wm->has_time() && facts.exif_time && facts.exif_time->has_time()) {
    const auto apart = minutes_apart(*wm, *facts.exif_time);
    if (apart > options.watermark_tolerance_minutes) {
      const bool days = apart >= 24 * 60;
      out.findings.push_back(photo_finding(
          record, "WATERMARK_EXIF_MISMATCH", days ? Severity::Error : Severity::Warning,
          days ? DeductionRole::Fabrication : DeductionRole::None,
          "水印时间 " + wm->iso() + " 与EXIF拍摄时间 " + facts.exif_time->iso() + " 相差" + duration_zh(apart) +
              (days ? "，可能是补拍或改过水印时间" : ""),
          days ? "提交活动当时拍摄的原图；如相机时间设置错误，请附情况说明" : "核对手机时间设置；确认水印时间无误"));
    }
  }
  if (facts.watermark.state == Presence::Present && !facts.has_exif) {
    out.findings.push_back(photo_finding(record, "EXIF_STRIPPED_WATERMARK_OK", Severity::Info, DeductionRole::None,
                                         "照片没有EXIF信息（微信等转发会去除），以水印时间为准",
                                         "如能找到原图，提交原图更有说服力"));
  }
  // The photo's own date against the date its file or folder is named after.
  std::optional<CivilDate> own;
  std::string own_label;
  if (wm) {
    own = wm->date;
    own_label = "水印日期";
  } else if (facts.exif_time && !facts.screenshot) {
    own = facts.exif_time->date;
    own_label = "EXIF拍摄日期";
  } else if (facts.published) {
    own = facts.published;
    own_label = "截图中的日期";
  }
  if (!own || !own->valid()) return;
  std::optional<CivilDate> named = date_from_name(record.file_name());
  std::string where = "文件名";
  if (!named) {
    const auto folders = record.folders();
    for (auto it = folders.rbegin(); it != folders.rend() && !named; ++it) named = date_from_name(*it);
    where = "文件夹名";
  }
  if (!named || !named->valid()) return;
  const auto days = own->days_since_epoch() - named->days_since_epoch();
  // A photo filed under the meeting's date may be taken the day before (setting up).
  if (days >= -1 && days <= 1) return;
  out.findings.push_back(
      photo_finding(record, "NAME_DATE_MISMATCH", Severity::Warning, DeductionRole::None,
                    own_label + " " + own->iso() + " 与" + where + "中的日期 " + named->iso() + " 不一致",
                    "核对照片是否放错位置，或更正文件名中的日期"));
}

}  // namespace

Inspection inspect_photo(const std::string& path, const FileRecord& record, const MetadataReader& metadata, Ocr* ocr,
                         const InspectOptions& options, SceneText* scene_text, Ocr* screen_ocr) {
  Inspection out;
  out.kind = record.kind;
  PhotoFacts facts;
  facts.watermark = Verdict{Presence::NotChecked, 0.0, "图像未能解码，未检查时间水印"};

  const auto meta = metadata.read(path);
  if (meta) copy_metadata(*meta, facts);

  // HEIC: libheif applies the container's rotation itself, so the EXIF Orientation
  // (kept in facts as written) must not be applied a second time.
  const bool heic = record.kind == ContentKind::Heic;
  const int orientation_to_apply = heic ? 1 : facts.orientation;
  double drawn_share = 0;
  RasterImage analysis;  // upright, shorter side at most kAnalysisShort
  RasterImage screen;    // screenshots: the pixels kept for OCR
  {
    // A camera never makes a screen capture, so its photos need no more than the
    // analysis size: a JPEG is then decoded reduced (a 12-megapixel photo at 1/4,
    // several times faster). Other images (EXIF stripped by WeChat, or captures)
    // keep a shorter side of at least kUnknownSourceShort for the screenshot guess
    // and the OCR of captures: screens up to 4K and long phone captures are decoded
    // whole, a forwarded 12-megapixel photo at 1/2.
    const bool camera = !facts.make.empty() || !facts.model.empty();
    PixelRect stored{};
    auto decoded = heic     ? decode_heif_file(path)
                   : camera ? decode_image_file_reduced(path, kAnalysisShort, &stored)
                            : decode_image_file_reduced(path, kUnknownSourceShort, &stored);
    if (decoded) {
      RasterImage& pixels = *decoded;
      const int stored_width = stored.width > 0 ? stored.width : pixels.width;
      const int stored_height = stored.height > 0 ? stored.height : pixels.height;
      facts.width = orientation_to_apply >= 5 ? stored_height : stored_width;
      facts.height = orientation_to_apply >= 5 ? stored_width : stored_height;
      // Shrink before turning: rotating a 48-megapixel photo would copy it whole.
      analysis = apply_orientation(downscale_short(pixels, kAnalysisShort), orientation_to_apply);
      // Only an image without a camera can be a capture (see the guess below).
      if (!camera) drawn_share = dominant_colour_share(pixels, 3);
      if (!camera && (record.kind == ContentKind::Png || drawn_share >= kDrawnShareAtScreenSize)) {
        // Kept gray, and taken over when it needs no scaling: a long capture's
        // pixels are tens of MB, held by every worker reading one.
        screen = to_gray(apply_orientation(downscale(std::move(pixels), kScreenshotSide), orientation_to_apply));
      }
    } else {
      const Error& error = decoded.error();
      size_without_pixels(path, heic, meta ? &*meta : nullptr, facts);
      if (error.code == "IMAGE_TOO_LARGE") {
        out.findings.push_back(photo_finding(record, error.code, Severity::Info, DeductionRole::None,
                                             error.message + "（水印、重复照片等检查未做）",
                                             "将图片缩小到常见尺寸（如长边4000像素以内）后再提交"));
      } else if (error.code == "HEIC_NOT_DECODED") {
        out.findings.push_back(photo_finding(record, error.code, Severity::Info, DeductionRole::None,
                                             error.message + "，水印、重复照片等检查未做",
                                             "在手机上将照片导出为JPG格式（苹果手机：设置-相机-格式-兼容性最佳）"));
      } else if (error.code == "IMAGE_UNSUPPORTED") {
        out.findings.push_back(photo_finding(record, error.code, Severity::Info, DeductionRole::None, error.message,
                                             "转换为JPG或PNG格式后再提交"));
      } else {
        out.readable = false;
        out.findings.push_back(photo_finding(record, "IMAGE_CORRUPT", Severity::Warning, DeductionRole::None,
                                             error.message, "从手机或相机重新导出原图，确认能正常打开后再提交"));
      }
    }
  }  // full-resolution pixels released here

  if (!meta && out.readable) {
    out.findings.push_back(photo_finding(record, "EXIF_UNREADABLE", Severity::Warning, DeductionRole::None,
                                         "照片的EXIF信息已损坏，无法读取拍摄时间、设备等信息",
                                         "提交手机或相机导出的原图，不要使用经过转存或编辑的副本"));
  }

  // Screenshot guess, deliberately simple: a camera never makes one, so camera EXIF
  // (Make/Model) rules it out; a PNG without it is a capture; otherwise mostly a few
  // exact colours, or a typical screen size with a fair share of them.
  if (out.readable && facts.make.empty() && facts.model.empty()) {
    facts.screenshot = record.kind == ContentKind::Png || drawn_share >= kDrawnShare ||
                       (is_screen_size(facts.width, facts.height) && drawn_share >= kDrawnShareAtScreenSize);
  }

  if (!analysis.empty()) {
    const RasterImage small = downscale(analysis, kAnalysisSide);
    const RasterImage small_gray = to_gray(small);
    if (gray_std_dev(small_gray) >= kFeaturelessStdDev) {
      facts.phash = perceptual_hash(small_gray);
      facts.colour_grid = colour_grid(small);
      facts.window_hashes = window_hashes(small_gray);
      facts.core_hash = perceptual_hash(crop(small_gray, watermark_free_core(small_gray.width, small_gray.height)));
      facts.core_window_hashes = core_window_hashes(small_gray);
    }
    std::tie(facts.brightness, facts.sharpness) = brightness_and_sharpness(to_gray(analysis));
    facts.preview = encode_jpeg(downscale(analysis, kPreviewSide), kPreviewQuality);
    if (facts.screenshot) {
      facts.watermark = Verdict{Presence::NotChecked, 0.0, "截图不要求时间水印"};
      facts.screenshot = read_screenshot(screen.empty() ? to_gray(downscale(analysis, kScreenshotSide)) : screen,
                                         screen_ocr != nullptr ? screen_ocr : ocr, options, record, facts, out);
    }
    if (!facts.screenshot) {
      // Decoded again, larger, only when the watermark needs a second look.
      const SharperImage sharper = [&]() -> RasterImage {
        auto again = heic ? decode_heif_file(path) : decode_image_file_reduced(path, kUnknownSourceShort);
        if (!again) return {};
        return apply_orientation(downscale_short(*again, kUnknownSourceShort), orientation_to_apply);
      };
      read_watermark(analysis, ocr, scene_text, options, sharper, facts);
      if (facts.watermark.state == Presence::Present) facts.shows_sheet = shows_whole_sheet(analysis);
    }
    if (meta && !meta->thumbnail.empty() && facts.phash)
      check_thumbnail(*meta, orientation_to_apply, facts, record, out);
    check_legibility(facts, record, out);
  }
  analysis = {};
  screen = {};

  check_times(facts, record, options, out);

  if (const auto mark = meta ? find_editor_mark(*meta) : std::nullopt) {
    out.findings.push_back(photo_finding(
        record, "PHOTO_EDITING_SOFTWARE", Severity::Warning, DeductionRole::Fabrication,
        "照片元数据显示经过图片编辑软件处理（" + mark->editor + "，" + mark->where + "），可能被认定为修改或造假",
        "提交拍摄原图；确需处理（如打码）的，保留原图备查并在目录中说明"));
  }

  out.photo = std::move(facts);
  return out;
}

}  // namespace evpack
