// JPEG through TurboJPEG (libjpeg-turbo): decoding at 1/2, 1/4 or 1/8 of the size
// straight into BGR, and writing thumbnails. TurboJPEG's header stays in this file.
#include <turbojpeg.h>

#include <memory>

#include "image_codec_backends.hpp"

namespace evpack::codec {

namespace {

struct HandleDeleter {
  void operator()(void* handle) const { tjDestroy(handle); }
};
using Handle = std::unique_ptr<void, HandleDeleter>;

}  // namespace

std::optional<RasterImage> turbojpeg_decode(const std::uint8_t* data, std::size_t size, int reduce) {
  const Handle handle(tjInitDecompress());
  if (!handle) return std::nullopt;
  int width = 0;
  int height = 0;
  int subsampling = 0;
  int colourspace = 0;
  if (tjDecompressHeader3(handle.get(), data, static_cast<unsigned long>(size), &width, &height, &subsampling,
                          &colourspace) != 0) {
    return std::nullopt;
  }
  // TurboJPEG gives CMYK only as CMYK; Leptonica turns it into colour.
  if (colourspace == TJCS_CMYK || colourspace == TJCS_YCCK) return std::nullopt;
  const tjscalingfactor factor{1, reduce};
  const int w = TJSCALED(width, factor);
  const int h = TJSCALED(height, factor);
  if (w <= 0 || h <= 0) return std::nullopt;
  RasterImage out{w, h, 3, std::vector<std::uint8_t>(static_cast<std::size_t>(w) * h * 3)};
  if (tjDecompress2(handle.get(), data, static_cast<unsigned long>(size), out.pixels.data(), w, w * 3, h, TJPF_BGR,
                    0) != 0 &&
      tjGetErrorCode(handle.get()) == TJERR_FATAL) {
    return std::nullopt;
  }
  return out;
}

std::vector<std::uint8_t> turbojpeg_encode(const RasterImage& image, int quality) {
  if (!image.consistent()) return {};
  const Handle handle(tjInitCompress());
  if (!handle) return {};
  const int format = image.channels == 1 ? TJPF_GRAY : image.channels == 3 ? TJPF_BGR : TJPF_BGRX;
  unsigned char* data = nullptr;
  unsigned long size = 0;
  const int failed = tjCompress2(handle.get(), image.pixels.data(), image.width, 0, image.height, format, &data, &size,
                                 image.channels == 1 ? TJSAMP_GRAY : TJSAMP_420, quality, 0);
  std::vector<std::uint8_t> out;
  if (failed == 0 && data != nullptr) out.assign(data, data + size);
  tjFree(data);
  return out;
}

}  // namespace evpack::codec
