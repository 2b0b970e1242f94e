// Image files (image_codec.hpp): what is ours — reading the file, the header
// checks that refuse decompression bombs and cut-off JPEGs before any decoder
// runs, the limits — then TurboJPEG for JPEGs and Leptonica for everything else.
// OpenCV's imgcodecs is not used: on Debian it drags GDAL, GDCM and some 120 more
// shared libraries into the process, about 30 MB of resident memory before the
// first photo is opened.
#include "evpack/adapters/image_codec.hpp"

#include <algorithm>
#include <cstring>
#include <exception>
#include <fstream>
#include <limits>
#include <string>

#include "image_codec_backends.hpp"

namespace evpack {

namespace {

Error corrupt(const std::string& detail = {}) {
  std::string message = "图片无法解码，可能已损坏或不完整";
  if (!detail.empty()) message += "（" + detail + "）";
  return Error{"IMAGE_CORRUPT", message};
}

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
    case Format::Jpeg: return probe_jpeg(p, n);
    case Format::Png:  // IHDR is always the first chunk
      if (n < 24 || std::memcmp(p + 12, "IHDR", 4) != 0) return std::nullopt;
      return make_size(be32(p + 16), be32(p + 20));
    case Format::Gif:
      if (n < 10) return std::nullopt;
      return make_size(le16(p + 6), le16(p + 8));
    case Format::Bmp: {
      if (n < 26) return std::nullopt;
      if (le32(p + 14) == 12) return make_size(le16(p + 18), le16(p + 20));  // OS/2 core header
      const auto h = static_cast<std::int32_t>(le32(p + 22));                // negative: top-down
      return make_size(static_cast<std::int32_t>(le32(p + 18)), h < 0 ? -static_cast<long long>(h) : h);
    }
    case Format::WebP: return probe_webp(p, n);
    case Format::Tiff: return probe_tiff(p, n);
    case Format::Unknown: break;
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
    return Error{"IMAGE_TOO_LARGE", "图片尺寸过大（" + std::to_string(size->width) + "×" +
                                        std::to_string(size->height) + "像素），超过检查上限，未做图像分析"};
  }
  if (format == Format::Jpeg && !jpeg_has_end(bytes.data(), bytes.size())) return corrupt("JPEG数据被截断");
  if (reduce != 2 && reduce != 4 && reduce != 8) reduce = 1;
  try {
    std::optional<RasterImage> image;
    if (format == Format::Jpeg) image = codec::turbojpeg_decode(bytes.data(), bytes.size(), reduce);
    if (!image) image = codec::leptonica_decode(bytes.data(), bytes.size(), format == Format::Jpeg ? reduce : 1);
    if (!image) {
      if (format == Format::WebP && !codec::leptonica_reads_webp()) {
        return Error{"IMAGE_UNSUPPORTED", "WebP图片无法解码分析"};
      }
      return corrupt();
    }
    // The decoder saw another size than the header said: trust neither for the limit.
    if (static_cast<long long>(image->width) * image->height > limits.max_pixels) return corrupt("尺寸与文件头不符");
    return std::move(*image);
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
  // A shorter side no reduction can keep: always decoded whole.
  return decode_image_file_reduced(path, std::numeric_limits<int>::max(), nullptr, limits);
}

Expected<RasterImage> decode_image_file_reduced(const std::string& path, int min_short_side, PixelRect* stored_size,
                                                ImageLimits limits) {
  std::vector<std::uint8_t> bytes;
  if (!read_file(path, bytes, limits.max_file_bytes)) return corrupt("文件无法读取");
  int reduce = 1;  // decode_buffer refuses a file over limits.max_file_bytes
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

std::vector<std::uint8_t> encode_jpeg(const RasterImage& image, int quality) {
  return codec::turbojpeg_encode(image, std::clamp(quality, 1, 100));
}

std::vector<std::uint8_t> encode_png(const RasterImage& image) { return codec::leptonica_encode_png(image); }

}  // namespace evpack
