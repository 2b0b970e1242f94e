// Image files through Leptonica, the image library Tesseract is built on: every
// format but the JPEGs TurboJPEG takes (PNG, GIF, BMP, TIFF, WebP, and CMYK JPEGs),
// and PNG writing. Leptonica's headers stay in this file.
#include <leptonica/allheaders.h>

#include <cstring>
#include <memory>
#include <mutex>

#include "image_codec_backends.hpp"

namespace evpack::codec {

namespace {

// Leptonica reports failures on stderr unless told otherwise; a corrupt photo is
// a finding of ours, not a message on the user's console.
void quiet_leptonica() {
  static std::once_flag once;
  std::call_once(once, [] { setMsgSeverity(L_SEVERITY_NONE); });
}

struct PixDeleter {
  void operator()(PIX* pix) const { pixDestroy(&pix); }
};
using PixPtr = std::unique_ptr<PIX, PixDeleter>;

// Any Leptonica image (1 to 32 bits, colour-mapped or not) as 8-bit BGR.
RasterImage to_bgr(PIX* pix) {
  // A colour map goes first: pixConvertTo32 reads a 1-bit image as black and white
  // whatever its map says (a two-colour GIF would come out white).
  PixPtr full;
  if (pixGetColormap(pix) != nullptr) {
    full.reset(pixRemoveColormap(pix, REMOVE_CMAP_TO_FULL_COLOR));
    if (!full) return {};
    pix = full.get();
  }
  const PixPtr rgb(pixConvertTo32(pix));
  if (!rgb) return {};
  const int w = static_cast<int>(pixGetWidth(rgb.get()));
  const int h = static_cast<int>(pixGetHeight(rgb.get()));
  const int wpl = static_cast<int>(pixGetWpl(rgb.get()));
  const l_uint32* data = pixGetData(rgb.get());
  if (w <= 0 || h <= 0 || data == nullptr) return {};
  RasterImage out{w, h, 3, std::vector<std::uint8_t>(static_cast<std::size_t>(w) * h * 3)};
  std::uint8_t* to = out.pixels.data();
  for (int y = 0; y < h; ++y) {
    const l_uint32* line = data + static_cast<std::size_t>(y) * wpl;
    for (int x = 0; x < w; ++x) {
      const l_uint32 word = line[x];
      *to++ = static_cast<std::uint8_t>(word >> L_BLUE_SHIFT);
      *to++ = static_cast<std::uint8_t>(word >> L_GREEN_SHIFT);
      *to++ = static_cast<std::uint8_t>(word >> L_RED_SHIFT);
    }
  }
  return out;
}

// A raster as a Leptonica image: 1 channel as 8-bit gray, 3 or 4 as 32-bit RGB(A).
PixPtr to_pix(const RasterImage& image) {
  if (!image.consistent()) return nullptr;
  PixPtr pix(pixCreate(image.width, image.height, image.channels == 1 ? 8 : 32));
  if (!pix) return nullptr;
  const int wpl = static_cast<int>(pixGetWpl(pix.get()));
  l_uint32* data = pixGetData(pix.get());
  const std::uint8_t* from = image.pixels.data();
  for (int y = 0; y < image.height; ++y) {
    l_uint32* line = data + static_cast<std::size_t>(y) * wpl;
    for (int x = 0; x < image.width; ++x) {
      if (image.channels == 1) {
        SET_DATA_BYTE(line, x, *from++);
        continue;
      }
      const l_uint32 b = *from++;
      const l_uint32 g = *from++;
      const l_uint32 r = *from++;
      const l_uint32 a = image.channels == 4 ? *from++ : 255;
      line[x] = (r << L_RED_SHIFT) | (g << L_GREEN_SHIFT) | (b << L_BLUE_SHIFT) | (a << L_ALPHA_SHIFT);
    }
  }
  if (image.channels == 4) pixSetSpp(pix.get(), 4);
  return pix;
}

// Bytes Leptonica wrote into memory it allocated, as a vector.
std::vector<std::uint8_t> take_bytes(l_uint8* data, std::size_t size) {
  std::vector<std::uint8_t> out;
  if (data != nullptr) {
    out.assign(data, data + size);
    lept_free(data);
  }
  return out;
}

}  // namespace

bool leptonica_reads_webp() {
  static const bool reads = [] {
    char* versions = getImagelibVersions();
    const bool found = versions != nullptr && std::strstr(versions, "libwebp") != nullptr;
    lept_free(versions);
    return found;
  }();
  return reads;
}

std::optional<RasterImage> leptonica_decode(const std::uint8_t* data, std::size_t size, int reduce) {
  // findFileFormatBuffer reads the first 12 bytes; no image file is shorter.
  if (data == nullptr || size < 12) return std::nullopt;
  quiet_leptonica();
  PixPtr pix;
  l_int32 format = IFF_UNKNOWN;
  findFileFormatBuffer(data, &format);
  if (format == IFF_JFIF_JPEG) {
    l_int32 warnings = 0;
    pix.reset(pixReadMemJpeg(data, size, 0, reduce, &warnings, 0));
  } else {
    pix.reset(pixReadMem(data, size));
  }
  if (!pix) return std::nullopt;
  RasterImage out = to_bgr(pix.get());
  if (out.empty()) return std::nullopt;
  return out;
}

std::vector<std::uint8_t> leptonica_encode_png(const RasterImage& image) {
  const PixPtr pix = to_pix(image);
  if (!pix) return {};
  quiet_leptonica();
  l_uint8* data = nullptr;
  std::size_t size = 0;
  if (pixWriteMemPng(&data, &size, pix.get(), 0.0F) != 0) {
    lept_free(data);
    return {};
  }
  return take_bytes(data, size);
}

}  // namespace evpack::codec
