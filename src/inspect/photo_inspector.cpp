// Photo and screenshot inspection: metadata first, then the pixels, decoded once.
//
//   metadata.read ──> EXIF facts (time, camera, software, orientation, GPS, thumbnail)
//   decode once  ──> [watermark reading on the full-resolution pixels: later step]
//                ──> colour statistics (screenshot guess)
//                ──> downscale (longer side kAnalysisSide) ──> orient ──> phash
//   facts        ──> screenshot guess, findings
//
// The evidence date is left to the dispatcher (inspector.cpp), which weighs the
// watermark, EXIF and file-name dates.
#include "evpack/inspect/photo_inspector.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <functional>
#include <utility>
#include <vector>

#include "evpack/adapters/heif_decoder.hpp"
#include "evpack/adapters/image_ops.hpp"

namespace evpack {

namespace {

// Longer side of the copy used for the perceptual hash.
constexpr int kAnalysisSide = 512;
// Gray standard deviation below which an image is featureless (blank, one colour):
// its hash would be noise or all zeros and match every other blank image.
constexpr double kFeaturelessStdDev = 2.0;
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

struct Editor {
  const char* key;    ///< lower-case ASCII (matched at a word start) or UTF-8 Chinese
  const char* label;  ///< name shown to the user
};

// Image editors and beautifying apps whose name in EXIF means the pixels were
// reworked after capture (D.1 risk). Cameras and phone firmware write other
// strings: model names, "HDR+ 1.0.x", iOS versions such as "16.1".
constexpr std::array<Editor, 17> kEditors{{
    {"photoshop", "Photoshop"},
    {"gimp", "GIMP"},
    {"lightroom", "Lightroom"},
    {"meitu", "美图秀秀"},
    {"mtxx", "美图秀秀"},
    {"美图", "美图秀秀"},
    {"hypic", "醒图"},
    {"醒图", "醒图"},
    {"黄油相机", "黄油相机"},
    {"picsart", "PicsArt"},
    {"snapseed", "Snapseed"},
    {"光影魔术手", "光影魔术手"},
    {"pixelmator", "Pixelmator"},
    {"affinity photo", "Affinity Photo"},
    {"paint.net", "Paint.NET"},
    {"photoscape", "PhotoScape"},
    {"fireworks", "Fireworks"},
}};

// Screen sizes of common phones and monitors (either orientation).
constexpr std::array<std::pair<int, int>, 24> kScreenSizes{{
    {1920, 1080}, {2560, 1440}, {1366, 768},  {1440, 900},  {1536, 864},  {1280, 720},
    {1600, 900},  {1280, 800},  {1680, 1050}, {1920, 1200}, {3840, 2160}, {2880, 1800},
    {2340, 1080}, {2400, 1080}, {1334, 750},  {1792, 828},  {2436, 1125}, {2688, 1242},
    {2532, 1170}, {2556, 1179}, {2778, 1284}, {2796, 1290}, {3200, 1440}, {2244, 1080},
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
  std::sort(colours.begin(), colours.end());
  std::vector<std::size_t> runs;
  for (std::size_t i = 0; i < colours.size();) {
    std::size_t j = i;
    while (j < colours.size() && colours[j] == colours[i]) ++j;
    runs.push_back(j - i);
    i = j;
  }
  const auto n = std::min<std::size_t>(runs.size(), static_cast<std::size_t>(top));
  std::partial_sort(runs.begin(), runs.begin() + static_cast<std::ptrdiff_t>(n), runs.end(), std::greater<>());
  std::size_t covered = 0;
  for (std::size_t i = 0; i < n; ++i) covered += runs[i];
  return colours.empty() ? 0 : static_cast<double>(covered) / colours.size();
}

double gray_std_dev(const RasterImage& image) {
  const RasterImage gray = to_gray(image);
  if (gray.empty()) return 0;
  double sum = 0;
  double sum_sq = 0;
  for (const std::uint8_t v : gray.pixels) {
    sum += v;
    sum_sq += static_cast<double>(v) * v;
  }
  const double n = static_cast<double>(gray.pixels.size());
  return std::sqrt(std::max(0.0, sum_sq / n - (sum / n) * (sum / n)));
}

bool is_word_char(unsigned char ch) { return std::isalnum(ch) != 0; }

Finding photo_finding(const FileRecord& record, std::string code, Severity severity, std::string rule,
                      std::string message, std::string advice) {
  return {std::move(code), severity, std::move(rule), record.rel_path, "", std::move(message), std::move(advice)};
}

// The burned-in time watermark. Reading it needs the full-resolution upright
// pixels and OCR; that step plugs in here and fills watermark, watermark_time,
// watermark_text and watermark_brand. Until then the verdict says it was not checked.
void read_watermark(const RasterImage& /*pixels*/, int /*orientation*/, Ocr* /*ocr*/,
                    const InspectOptions& /*options*/, PhotoFacts& facts) {
  facts.watermark = Verdict{Presence::NotChecked, 0.0, "水印识别未启用"};
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

}  // namespace

std::string find_editing_software(const std::string& software) {
  std::string lower = software;
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
  for (const auto& editor : kEditors) {
    const bool ascii = static_cast<unsigned char>(editor.key[0]) < 0x80;
    for (std::size_t at = lower.find(editor.key); at != std::string::npos; at = lower.find(editor.key, at + 1)) {
      // ASCII names must start a word, so firmware codes that merely contain the
      // letters (a hypothetical "G930FMTXX1") do not count.
      if (!ascii || at == 0 || !is_word_char(static_cast<unsigned char>(lower[at - 1]))) return editor.label;
    }
  }
  return {};
}

Inspection inspect_photo(const std::string& path, const FileRecord& record, const MetadataReader& metadata, Ocr* ocr,
                         const InspectOptions& options) {
  Inspection out;
  out.kind = record.kind;
  PhotoFacts facts;
  facts.watermark = Verdict{Presence::NotChecked, 0.0, "水印识别未启用"};

  const auto meta = metadata.read(path);
  if (meta) copy_metadata(*meta, facts);

  // HEIC: libheif applies the container's rotation itself, so the EXIF Orientation
  // (kept in facts as written) must not be applied a second time.
  const bool heic = record.kind == ContentKind::Heic;
  const int orientation_to_apply = heic ? 1 : facts.orientation;
  double drawn_share = 0;
  {
    auto decoded = heic ? decode_heif_file(path) : decode_image_file(path);
    if (decoded) {
      const RasterImage& pixels = *decoded;
      facts.width = orientation_to_apply >= 5 ? pixels.height : pixels.width;
      facts.height = orientation_to_apply >= 5 ? pixels.width : pixels.height;
      read_watermark(pixels, orientation_to_apply, ocr, options, facts);
      // Shrink before turning: rotating a 48-megapixel photo would copy it whole.
      const RasterImage small = apply_orientation(downscale(pixels, kAnalysisSide), orientation_to_apply);
      if (gray_std_dev(small) >= kFeaturelessStdDev) facts.phash = perceptual_hash(small);
      drawn_share = dominant_colour_share(pixels, 3);
    } else {
      const Error& error = decoded.error();
      size_without_pixels(path, heic, meta ? &*meta : nullptr, facts);
      if (error.code == "IMAGE_TOO_LARGE") {
        out.findings.push_back(photo_finding(record, error.code, Severity::Info, "", error.message + "（水印、重复照片等检查未做）",
                                             "将图片缩小到常见尺寸（如长边4000像素以内）后再提交"));
      } else if (error.code == "HEIC_NOT_DECODED") {
        out.findings.push_back(photo_finding(record, error.code, Severity::Info, "",
                                             error.message + "，水印、重复照片等检查未做",
                                             "在手机上将照片导出为JPG格式（苹果手机：设置-相机-格式-兼容性最佳）"));
      } else if (error.code == "IMAGE_UNSUPPORTED") {
        out.findings.push_back(photo_finding(record, error.code, Severity::Info, "", error.message,
                                             "转换为JPG或PNG格式后再提交"));
      } else {
        out.readable = false;
        out.findings.push_back(photo_finding(record, "IMAGE_CORRUPT", Severity::Warning, "", error.message,
                                             "从手机或相机重新导出原图，确认能正常打开后再提交"));
      }
    }
  }  // full-resolution pixels released here

  if (!meta && out.readable) {
    out.findings.push_back(photo_finding(record, "EXIF_UNREADABLE", Severity::Warning, "",
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

  if (const auto editor = find_editing_software(facts.software); !editor.empty()) {
    out.findings.push_back(photo_finding(
        record, "PHOTO_EDITING_SOFTWARE", Severity::Warning, "D.1",
        "照片元数据显示经过图片编辑软件处理（" + editor + "，软件标记：" + facts.software + "），可能被认定为修改或造假",
        "提交拍摄原图；确需处理（如打码）的，保留原图备查并在目录中说明"));
  }

  out.photo = std::move(facts);
  return out;
}

}  // namespace evpack
