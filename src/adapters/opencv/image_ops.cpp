// Image ops over OpenCV 4.6 (+ contrib img_hash). Only files under src/adapters/opencv/ see OpenCV headers.
#include <opencv2/core.hpp>
#include <opencv2/core/ocl.hpp>
#include <opencv2/core/utils/logger.hpp>
#include <opencv2/img_hash.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <exception>
#include <fstream>
#include <mutex>

#include "evpack/adapters/image_ops.hpp"

namespace evpack {

namespace {

// Process-wide OpenCV settings, applied once before the first call into OpenCV.
// OpenCL: img_hash and resize on tiny images are far slower through the OpenCL
// path, and an evidence checker must not depend on a GPU driver.
void init_opencv() {
  static std::once_flag once;
  std::call_once(once, [] {
    cv::ocl::setUseOpenCL(false);
    cv::utils::logging::setLogLevel(cv::utils::logging::LOG_LEVEL_ERROR);
  });
}

Error corrupt(const std::string& detail = {}) {
  std::string message = "图片无法解码，可能已损坏或不完整";
  if (!detail.empty()) message += "（" + detail + "）";
  return Error{"IMAGE_CORRUPT", message};
}

// True when the pixel buffer matches the declared size (rasters are plain structs
// anyone can fill, so every op checks before wrapping the buffer).
bool consistent(const RasterImage& image) {
  return !image.empty() && (image.channels == 1 || image.channels == 3 || image.channels == 4) &&
         image.pixels.size() == static_cast<std::size_t>(image.width) * image.height * image.channels;
}

// A Mat header over the raster's pixels (no copy); the raster must outlive it.
cv::Mat as_mat(const RasterImage& image) {
  if (!consistent(image)) return {};
  const int type = CV_8UC(image.channels);
  return cv::Mat(image.height, image.width, type, const_cast<std::uint8_t*>(image.pixels.data()),
                 static_cast<std::size_t>(image.width) * image.channels);
}

RasterImage from_mat(const cv::Mat& mat) {
  RasterImage out;
  if (mat.empty() || mat.depth() != CV_8U) return out;
  out.width = mat.cols;
  out.height = mat.rows;
  out.channels = mat.channels();
  const std::size_t row = static_cast<std::size_t>(mat.cols) * mat.channels();
  out.pixels.resize(row * mat.rows);
  for (int y = 0; y < mat.rows; ++y) std::memcpy(out.pixels.data() + row * y, mat.ptr(y), row);
  return out;
}

// A MatAllocator that places a Mat's pixels in a std::vector the caller owns
// (modelled on OpenCV's StdMatAllocator), so decoded pixels can become a
// RasterImage without a copy. One allocation at a time: a Mat re-created with
// another size gets the same vector, resized.
class VectorAllocator final : public cv::MatAllocator {
 public:
  explicit VectorAllocator(std::vector<std::uint8_t>& buffer) : buffer_(buffer) {}

  cv::UMatData* allocate(int dims, const int* sizes, int type, void* data, std::size_t* step, cv::AccessFlag,
                         cv::UMatUsageFlags) const override {
    std::size_t total = CV_ELEM_SIZE(type);
    for (int i = dims - 1; i >= 0; --i) {
      if (step != nullptr) {
        if (data != nullptr && step[i] != cv::Mat::AUTO_STEP) {
          total = step[i];
        } else {
          step[i] = total;
        }
      }
      total *= static_cast<std::size_t>(sizes[i]);
    }
    auto* u = new cv::UMatData(this);
    if (data != nullptr) {
      u->data = u->origdata = static_cast<uchar*>(data);
      u->flags |= cv::UMatData::USER_ALLOCATED;
    } else {
      buffer_.resize(total);
      u->data = u->origdata = buffer_.data();
    }
    u->size = total;
    return u;
  }

  bool allocate(cv::UMatData* u, cv::AccessFlag, cv::UMatUsageFlags) const override { return u != nullptr; }

  void deallocate(cv::UMatData* u) const override { delete u; }  // the vector keeps the memory

 private:
  std::vector<std::uint8_t>& buffer_;
};

// --- header probing, so that a 100000x100000 image is refused without decoding ---

std::uint32_t be16(const std::uint8_t* p) { return (std::uint32_t{p[0]} << 8) | p[1]; }
std::uint32_t be32(const std::uint8_t* p) { return (be16(p) << 16) | be16(p + 2); }
std::uint32_t le16(const std::uint8_t* p) { return (std::uint32_t{p[1]} << 8) | p[0]; }
std::uint32_t le32(const std::uint8_t* p) { return (le16(p + 2) << 16) | le16(p); }
std::uint32_t le24(const std::uint8_t* p) { return (std::uint32_t{p[2]} << 16) | le16(p); }

enum class Format { Unknown, Jpeg, Png, Gif, Bmp, WebP, Tiff };

Format sniff(const std::uint8_t* p, std::size_t n) {
  if (n >= 3 && p[0] == 0xFF && p[1] == 0xD8 && p[2] == 0xFF) return Format::Jpeg;
  if (n >= 8 && std::memcmp(p, "\x89PNG\r\n\x1a\n", 8) == 0) return Format::Png;
  if (n >= 6 && (std::memcmp(p, "GIF87a", 6) == 0 || std::memcmp(p, "GIF89a", 6) == 0)) return Format::Gif;
  if (n >= 2 && p[0] == 'B' && p[1] == 'M') return Format::Bmp;
  if (n >= 12 && std::memcmp(p, "RIFF", 4) == 0 && std::memcmp(p + 8, "WEBP", 4) == 0) return Format::WebP;
  if (n >= 4 && (std::memcmp(p, "II*\0", 4) == 0 || std::memcmp(p, "MM\0*", 4) == 0)) return Format::Tiff;
  return Format::Unknown;
}

std::optional<PixelRect> make_size(long long w, long long h) {
  if (w <= 0 || h <= 0 || w > 1'000'000 || h > 1'000'000) return std::nullopt;
  return PixelRect{0, 0, static_cast<int>(w), static_cast<int>(h)};
}

// Walks the marker segments up to the first SOFn (frame header).
std::optional<PixelRect> probe_jpeg(const std::uint8_t* p, std::size_t n) {
  std::size_t pos = 2;
  while (pos + 4 <= n) {
    if (p[pos] != 0xFF) return std::nullopt;
    const std::uint8_t marker = p[pos + 1];
    if (marker == 0xFF) {  // fill byte
      ++pos;
      continue;
    }
    if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {  // stand-alone markers
      pos += 2;
      continue;
    }
    if (marker == 0xD9 || marker == 0xDA) return std::nullopt;  // EOI/SOS before any frame
    const std::size_t len = be16(p + pos + 2);
    if (len < 2) return std::nullopt;
    const bool sof = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    if (sof) {
      if (pos + 9 > n) return std::nullopt;
      return make_size(be16(p + pos + 7), be16(p + pos + 5));
    }
    pos += 2 + len;
  }
  return std::nullopt;
}

std::optional<PixelRect> probe_tiff(const std::uint8_t* p, std::size_t n) {
  const bool le = p[0] == 'I';
  auto u16 = [&](std::size_t at) { return le ? le16(p + at) : be16(p + at); };
  auto u32 = [&](std::size_t at) { return le ? le32(p + at) : be32(p + at); };
  if (n < 8) return std::nullopt;
  const std::size_t ifd = u32(4);
  if (ifd + 2 > n) return std::nullopt;
  const std::size_t count = u16(ifd);
  long long w = 0;
  long long h = 0;
  for (std::size_t i = 0; i < count; ++i) {
    const std::size_t e = ifd + 2 + 12 * i;
    if (e + 12 > n) break;
    const auto tag = u16(e);
    const auto type = u16(e + 2);
    const long long value = type == 3 ? u16(e + 8) : type == 4 ? u32(e + 8) : 0;
    if (tag == 256) w = value;
    if (tag == 257) h = value;
  }
  return make_size(w, h);
}

std::optional<PixelRect> probe_webp(const std::uint8_t* p, std::size_t n) {
  if (n < 30) return std::nullopt;
  const std::uint8_t* c = p + 12;
  if (std::memcmp(c, "VP8X", 4) == 0) return make_size(le24(c + 12) + 1LL, le24(c + 15) + 1LL);
  if (std::memcmp(c, "VP8L", 4) == 0) {
    if (c[8] != 0x2F) return std::nullopt;
    const std::uint32_t bits = le32(c + 9);
    return make_size((bits & 0x3FFF) + 1LL, ((bits >> 14) & 0x3FFF) + 1LL);
  }
  if (std::memcmp(c, "VP8 ", 4) == 0) {
    if (c[11] != 0x9D || c[12] != 0x01 || c[13] != 0x2A) return std::nullopt;
    return make_size(le16(c + 14) & 0x3FFF, le16(c + 16) & 0x3FFF);
  }
  return std::nullopt;
}

std::optional<PixelRect> probe(const std::uint8_t* p, std::size_t n) {
  switch (sniff(p, n)) {
    case Format::Jpeg:
      return probe_jpeg(p, n);
    case Format::Png:  // IHDR is always the first chunk
      if (n < 24 || std::memcmp(p + 12, "IHDR", 4) != 0) return std::nullopt;
      return make_size(be32(p + 16), be32(p + 20));
    case Format::Gif:
      if (n < 10) return std::nullopt;
      return make_size(le16(p + 6), le16(p + 8));
    case Format::Bmp: {
      if (n < 26) return std::nullopt;
      if (le32(p + 14) == 12) return make_size(le16(p + 18), le16(p + 20));  // OS/2 core header
      const auto h = static_cast<std::int32_t>(le32(p + 22));                 // negative: top-down
      return make_size(static_cast<std::int32_t>(le32(p + 18)), h < 0 ? -static_cast<long long>(h) : h);
    }
    case Format::WebP:
      return probe_webp(p, n);
    case Format::Tiff:
      return probe_tiff(p, n);
    case Format::Unknown:
      break;
  }
  return std::nullopt;
}

// A JPEG whose scan data never reaches an EOI marker was cut short (interrupted
// copy or download). libjpeg still "decodes" it, filling the rest with gray, so
// check the structure: after the first SOS, entropy-coded data stuffs every 0xFF
// as FF 00, so FF D9 can only be the end-of-image marker.
bool jpeg_has_end(const std::uint8_t* p, std::size_t n) {
  std::size_t pos = 2;
  while (pos + 4 <= n) {  // skip to the first SOS through the segment lengths
    if (p[pos] != 0xFF) return false;
    const std::uint8_t marker = p[pos + 1];
    if (marker == 0xFF) {
      ++pos;
      continue;
    }
    if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
      pos += 2;
      continue;
    }
    if (marker == 0xD9) return false;
    pos += 2 + be16(p + pos + 2);
    if (marker == 0xDA) break;
  }
  for (; pos + 1 < n; ++pos) {
    if (p[pos] == 0xFF && p[pos + 1] == 0xD9) return true;
  }
  return false;
}

// `reduce` 1, 2, 4 or 8: JPEGs are decoded at that fraction of their size (the
// decoder drops the finer DCT coefficients, several times faster); other formats whole.
Expected<RasterImage> decode_buffer(const std::vector<std::uint8_t>& bytes, const ImageLimits& limits, int reduce = 1) {
  if (bytes.empty()) return corrupt("文件为空");
  if (static_cast<long long>(bytes.size()) > limits.max_file_bytes) {
    return Error{"IMAGE_TOO_LARGE", "图片文件过大，超过检查上限，未做图像分析"};
  }
  const Format format = sniff(bytes.data(), bytes.size());
  if (format == Format::Unknown) return corrupt("不是可识别的图片格式");
  const auto size = probe(bytes.data(), bytes.size());
  if (!size) return corrupt("文件头损坏");
  const long long pixels = static_cast<long long>(size->width) * size->height;
  if (pixels > limits.max_pixels) {
    return Error{"IMAGE_TOO_LARGE", "图片尺寸过大（" + std::to_string(size->width) + "×" + std::to_string(size->height) +
                                        "像素），超过检查上限，未做图像分析"};
  }
  if (format == Format::Gif) return Error{"IMAGE_UNSUPPORTED", "GIF图片无法解码分析"};
  if (format == Format::Jpeg && !jpeg_has_end(bytes.data(), bytes.size())) return corrupt("JPEG数据被截断");
  init_opencv();
  try {
    const cv::Mat wrapped(1, static_cast<int>(bytes.size()), CV_8UC1, const_cast<std::uint8_t*>(bytes.data()));
    // Decode straight into the raster's buffer, so a 48-megapixel photo is held once, not twice.
    std::vector<std::uint8_t> buffer;
    VectorAllocator allocator(buffer);
    cv::Mat mat;
    mat.allocator = &allocator;
    int flags = cv::IMREAD_COLOR;
    if (format == Format::Jpeg && reduce == 2) flags = cv::IMREAD_REDUCED_COLOR_2;
    if (format == Format::Jpeg && reduce == 4) flags = cv::IMREAD_REDUCED_COLOR_4;
    if (format == Format::Jpeg && reduce == 8) flags = cv::IMREAD_REDUCED_COLOR_8;
    cv::imdecode(wrapped, flags | cv::IMREAD_IGNORE_ORIENTATION, &mat);
    if (mat.empty() || mat.type() != CV_8UC3) {
      if (format == Format::WebP && !cv::haveImageWriter(".webp")) {  // no libwebp in this build
        return Error{"IMAGE_UNSUPPORTED", "WebP图片无法解码分析"};
      }
      return corrupt();
    }
    // The decoder saw another size than the header said: trust neither for the limit.
    if (static_cast<long long>(mat.cols) * mat.rows > limits.max_pixels) return corrupt("尺寸与文件头不符");
    if (mat.data != buffer.data() || !mat.isContinuous()) return from_mat(mat);
    RasterImage out{mat.cols, mat.rows, 3, {}};
    mat.release();  // drops OpenCV's reference; the pixels stay in `buffer`
    out.pixels = std::move(buffer);
    return out;
  } catch (const cv::Exception&) {
    return corrupt();
  } catch (const std::exception&) {  // bad_alloc on a hostile file
    return corrupt();
  }
}

// Reads at most `max_bytes` (+1, to tell "too big" apart); false when unreadable.
bool read_file(const std::string& path, std::vector<std::uint8_t>& out, long long max_bytes) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  in.seekg(0, std::ios::end);
  const std::streamoff size = in.tellg();
  if (size < 0) return false;
  in.seekg(0, std::ios::beg);
  const auto to_read = static_cast<std::size_t>(std::min<long long>(size, max_bytes + 1));
  out.resize(to_read);
  in.read(reinterpret_cast<char*>(out.data()), static_cast<std::streamsize>(to_read));
  out.resize(static_cast<std::size_t>(in.gcount()));
  return true;
}

}  // namespace

Expected<RasterImage> decode_image_file(const std::string& path, ImageLimits limits) {
  std::vector<std::uint8_t> bytes;
  if (!read_file(path, bytes, limits.max_file_bytes)) return corrupt("文件无法读取");
  if (static_cast<long long>(bytes.size()) > limits.max_file_bytes) {
    return Error{"IMAGE_TOO_LARGE", "图片文件过大，超过检查上限，未做图像分析"};
  }
  return decode_buffer(bytes, limits);
}

Expected<RasterImage> decode_image_file_reduced(const std::string& path, int min_short_side, PixelRect* stored_size,
                                                ImageLimits limits) {
  std::vector<std::uint8_t> bytes;
  if (!read_file(path, bytes, limits.max_file_bytes)) return corrupt("文件无法读取");
  if (static_cast<long long>(bytes.size()) > limits.max_file_bytes) {
    return Error{"IMAGE_TOO_LARGE", "图片文件过大，超过检查上限，未做图像分析"};
  }
  int reduce = 1;
  if (const auto size = probe(bytes.data(), bytes.size())) {
    if (stored_size != nullptr) *stored_size = *size;
    const int shorter = std::min(size->width, size->height);
    while (reduce < 8 && shorter / (reduce * 2) >= std::max(1, min_short_side)) reduce *= 2;
  }
  return decode_buffer(bytes, limits, reduce);
}

Expected<RasterImage> decode_image_bytes(const std::vector<std::uint8_t>& bytes, ImageLimits limits) {
  return decode_buffer(bytes, limits);
}

std::optional<PixelRect> probe_image_size(const std::vector<std::uint8_t>& bytes) {
  return probe(bytes.data(), bytes.size());
}

std::optional<PixelRect> probe_image_size(const std::string& path) {
  // APPn segments (EXIF, XMP, ICC, MPF) come before a JPEG's frame header and rarely
  // exceed a few hundred KB; 4 MiB covers every real file without reading a whole photo.
  std::vector<std::uint8_t> head;
  if (!read_file(path, head, (4LL << 20) - 1)) return std::nullopt;
  return probe(head.data(), head.size());
}

RasterImage apply_orientation(const RasterImage& image, int orientation) {
  if (!consistent(image) || orientation < 2 || orientation > 8) return image;
  init_opencv();
  try {
    const cv::Mat src = as_mat(image);
    cv::Mat dst;
    switch (orientation) {
      case 2:  // mirrored
        cv::flip(src, dst, 1);
        break;
      case 3:  // upside down
        cv::rotate(src, dst, cv::ROTATE_180);
        break;
      case 4:  // mirrored and upside down
        cv::flip(src, dst, 0);
        break;
      case 5:  // mirrored along the main diagonal
        cv::transpose(src, dst);
        break;
      case 6:  // stored turned 90° counter-clockwise
        cv::rotate(src, dst, cv::ROTATE_90_CLOCKWISE);
        break;
      case 7:  // mirrored along the anti-diagonal
        cv::transpose(src, dst);
        cv::flip(dst, dst, -1);
        break;
      default:  // 8: stored turned 90° clockwise
        cv::rotate(src, dst, cv::ROTATE_90_COUNTERCLOCKWISE);
        break;
    }
    return from_mat(dst);
  } catch (const cv::Exception&) {
    return image;
  }
}

RasterImage downscale(const RasterImage& image, int max_side) {
  if (!consistent(image) || max_side <= 0) return {};
  const int longer = std::max(image.width, image.height);
  if (longer <= max_side) return image;
  init_opencv();
  const double scale = static_cast<double>(max_side) / longer;
  const int w = std::max(1, static_cast<int>(image.width * scale + 0.5));
  const int h = std::max(1, static_cast<int>(image.height * scale + 0.5));
  try {
    cv::Mat dst;
    cv::resize(as_mat(image), dst, cv::Size(w, h), 0, 0, cv::INTER_AREA);
    return from_mat(dst);
  } catch (const cv::Exception&) {
    return {};
  }
}

RasterImage downscale_short(const RasterImage& image, int max_short) {
  const int shorter = std::min(image.width, image.height);
  const int longer = std::max(image.width, image.height);
  if (max_short <= 0 || shorter <= max_short) return downscale(image, std::max(longer, max_short));
  return downscale(image, static_cast<int>(static_cast<long long>(longer) * max_short / shorter));
}

RasterImage resize(const RasterImage& image, int width, int height) {
  if (!consistent(image) || image.empty() || width < 1 || height < 1) return {};
  if (width == image.width && height == image.height) return image;
  init_opencv();
  const bool shrink = static_cast<long long>(width) * height < static_cast<long long>(image.width) * image.height;
  try {
    cv::Mat dst;
    cv::resize(as_mat(image), dst, cv::Size(width, height), 0, 0, shrink ? cv::INTER_AREA : cv::INTER_CUBIC);
    return from_mat(dst);
  } catch (const cv::Exception&) {
    return {};
  }
}

RasterImage crop(const RasterImage& image, PixelRect rect) {
  const int x0 = std::clamp(rect.x, 0, image.width);
  const int y0 = std::clamp(rect.y, 0, image.height);
  const int x1 = std::clamp(rect.x + std::max(0, rect.width), x0, image.width);
  const int y1 = std::clamp(rect.y + std::max(0, rect.height), y0, image.height);
  RasterImage out;
  if (!consistent(image) || x1 <= x0 || y1 <= y0) return out;
  out.width = x1 - x0;
  out.height = y1 - y0;
  out.channels = image.channels;
  const std::size_t row = static_cast<std::size_t>(out.width) * out.channels;
  const std::size_t src_row = static_cast<std::size_t>(image.width) * image.channels;
  out.pixels.resize(row * out.height);
  for (int y = 0; y < out.height; ++y) {
    std::memcpy(out.pixels.data() + row * y,
                image.pixels.data() + src_row * (y0 + y) + static_cast<std::size_t>(x0) * image.channels, row);
  }
  return out;
}

RasterImage frame_in_white(const RasterImage& image, int margin) {
  if (!consistent(image) || image.empty() || margin <= 0) return image;
  init_opencv();
  try {
    cv::Mat out;
    cv::copyMakeBorder(as_mat(image), out, margin, margin, margin, margin, cv::BORDER_CONSTANT, cv::Scalar::all(255));
    return from_mat(out);
  } catch (const cv::Exception&) {
    return image;
  }
}

RasterImage to_gray(const RasterImage& image) {
  if (!consistent(image)) return {};
  if (image.channels == 1) return image;
  init_opencv();
  try {
    cv::Mat dst;
    cv::cvtColor(as_mat(image), dst, image.channels == 4 ? cv::COLOR_BGRA2GRAY : cv::COLOR_BGR2GRAY);
    return from_mat(dst);
  } catch (const cv::Exception&) {
    return {};
  }
}

RasterImage binarize(const RasterImage& gray) {
  if (!consistent(gray) || gray.channels != 1 || gray.empty()) return gray;
  init_opencv();
  try {
    cv::Mat out;
    cv::threshold(as_mat(gray), out, 0, 255, cv::THRESH_BINARY | cv::THRESH_OTSU);
    return from_mat(out);
  } catch (const cv::Exception&) {
    return gray;
  }
}

namespace {
// A centred rectangle of odd sides (2 * (k / 2) + 1), as the callers count windows.
cv::Mat centred_rect(int kx, int ky) {
  return cv::getStructuringElement(cv::MORPH_RECT, cv::Size(2 * (std::max(kx, 1) / 2) + 1, 2 * (std::max(ky, 1) / 2) + 1));
}
}  // namespace

// The default border of cv::erode/dilate/morphologyEx (morphologyDefaultBorderValue)
// never wins the minimum or maximum: the window is in effect clipped at the border.
RasterImage open_gray(const RasterImage& gray, int window) {
  if (!consistent(gray) || gray.channels != 1 || gray.empty()) return gray;
  init_opencv();
  try {
    cv::Mat out;
    cv::morphologyEx(as_mat(gray), out, cv::MORPH_OPEN, centred_rect(window, window));
    return from_mat(out);
  } catch (const cv::Exception&) {
    return gray;
  }
}

RasterImage dilate_rect(const RasterImage& gray, int kx, int ky) {
  if (!consistent(gray) || gray.channels != 1 || gray.empty()) return gray;
  init_opencv();
  try {
    cv::Mat out;
    cv::dilate(as_mat(gray), out, centred_rect(kx, ky));
    return from_mat(out);
  } catch (const cv::Exception&) {
    return gray;
  }
}

RasterImage level_text(const RasterImage& gray, double max_degrees) {
  if (!consistent(gray) || gray.channels != 1 || gray.empty()) return gray;
  init_opencv();
  try {
    const cv::Mat img = as_mat(gray);
    cv::Mat ink;
    cv::threshold(img, ink, 0, 255, cv::THRESH_BINARY_INV | cv::THRESH_OTSU);
    std::vector<cv::Point> points;
    cv::findNonZero(ink, points);
    if (points.size() < 50) return gray;
    // Shear instead of rotation for the search (same projection for small angles):
    // row of an ink pixel at angle a = y - x * tan(a). The sharpest profile has the
    // largest sum of squared row counts.
    const double step = 0.1;
    const int steps = static_cast<int>(max_degrees / step);
    const int rows = gray.height + static_cast<int>(gray.width * std::tan(max_degrees * CV_PI / 180)) * 2 + 2;
    const int offset = rows / 2 - gray.height / 2;
    std::vector<int> profile(static_cast<std::size_t>(rows));
    double best_score = -1;
    double best_angle = 0;
    for (int i = -steps; i <= steps; ++i) {
      const double a = i * step;
      const double t = std::tan(a * CV_PI / 180);
      std::fill(profile.begin(), profile.end(), 0);
      for (const auto& p : points) {
        const int row = static_cast<int>(std::lround(p.y - p.x * t)) + offset;
        if (row >= 0 && row < rows) ++profile[static_cast<std::size_t>(row)];
      }
      double score = 0;
      for (int v : profile) score += static_cast<double>(v) * v;
      // Ties (a blank or symmetric crop) keep the smaller turn.
      if (score > best_score * 1.0001 || (score >= best_score && std::abs(a) < std::abs(best_angle))) {
        best_score = score;
        best_angle = a;
      }
    }
    if (std::abs(best_angle) < 0.2) return gray;
    // Rows moved by -x*tan(a): the type slopes down to the right by a; turn it back.
    const cv::Point2f centre(gray.width / 2.0F, gray.height / 2.0F);
    const cv::Mat turn = cv::getRotationMatrix2D(centre, best_angle, 1.0);
    cv::Mat out;
    cv::warpAffine(img, out, turn, img.size(), cv::INTER_LINEAR, cv::BORDER_CONSTANT, cv::Scalar(255));
    return from_mat(out);
  } catch (const cv::Exception&) {
    return gray;
  }
}

std::uint64_t perceptual_hash(const RasterImage& image) {
  const RasterImage gray = to_gray(image);
  if (gray.empty()) return 0;
  init_opencv();
  try {
    // PHash itself shrinks to 32x32 with bilinear sampling, which on a large input
    // reads only a few pixels per cell and so depends on noise and resolution;
    // area averaging first makes the hash a property of the picture.
    cv::Mat small;
    cv::resize(as_mat(gray), small, cv::Size(32, 32), 0, 0, cv::INTER_AREA);
    thread_local const cv::Ptr<cv::img_hash::PHash> hasher = cv::img_hash::PHash::create();
    cv::Mat hash;
    hasher->compute(small, hash);
    if (hash.total() != 8) return 0;
    std::uint64_t out = 0;
    for (int i = 0; i < 8; ++i) out = (out << 8) | hash.at<std::uint8_t>(i);
    return out;
  } catch (const cv::Exception&) {
    return 0;
  }
}

std::vector<std::uint8_t> encode_jpeg(const RasterImage& image, int quality) {
  std::vector<std::uint8_t> out;
  if (!consistent(image)) return out;
  init_opencv();
  try {
    cv::imencode(".jpg", as_mat(image), out, {cv::IMWRITE_JPEG_QUALITY, std::clamp(quality, 1, 100)});
  } catch (const cv::Exception&) {
    out.clear();
  }
  return out;
}

std::vector<std::uint8_t> encode_png(const RasterImage& image) {
  std::vector<std::uint8_t> out;
  if (!consistent(image)) return out;
  init_opencv();
  try {
    cv::imencode(".png", as_mat(image), out);
  } catch (const cv::Exception&) {
    out.clear();
  }
  return out;
}

}  // namespace evpack
