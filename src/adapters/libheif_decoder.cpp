// HEIC/HEIF decoding over libheif 1.15 (Debian bookworm, HEVC through libde265).
// The only file that sees libheif headers.
#include <libheif/heif.h>

#include <cstring>
#include <exception>
#include <memory>
#include <mutex>

#include "evpack/adapters/heif_decoder.hpp"
#include "evpack/adapters/image_codec.hpp"

namespace evpack {

namespace {

void init_libheif() {
  static std::once_flag once;
  // Reference counted by libheif; never matched by heif_deinit(): the decoders stay
  // registered for the life of the process.
  std::call_once(once, [] { heif_init(nullptr); });
}

struct ContextFree {
  void operator()(heif_context* c) const { heif_context_free(c); }
};
struct HandleRelease {
  void operator()(heif_image_handle* h) const { heif_image_handle_release(h); }
};
struct ImageRelease {
  void operator()(heif_image* i) const { heif_image_release(i); }
};
struct OptionsFree {
  void operator()(heif_decoding_options* o) const { heif_decoding_options_free(o); }
};
using ContextPtr = std::unique_ptr<heif_context, ContextFree>;
using HandlePtr = std::unique_ptr<heif_image_handle, HandleRelease>;
using ImagePtr = std::unique_ptr<heif_image, ImageRelease>;
using OptionsPtr = std::unique_ptr<heif_decoding_options, OptionsFree>;

// libheif's error classes in our codes: a broken container is a corrupt image;
// a codec this build lacks (AVIF without a decoder, a future codec) or a codec
// failure is "not decoded", which is not the submitter's fault.
Error translate(const heif_error& err) {
  if (err.code == heif_error_Invalid_input || err.code == heif_error_Input_does_not_exist ||
      err.code == heif_error_Memory_allocation_error) {
    return Error{"IMAGE_CORRUPT", "图片无法解码，可能已损坏或不完整（HEIC文件结构错误）"};
  }
  return Error{"HEIC_NOT_DECODED", "HEIC图片的像素无法解码（" + std::string(err.message ? err.message : "") + "）"};
}

struct Opened {
  ContextPtr context;
  HandlePtr handle;
};

Expected<Opened> open_primary(const std::string& path) {
  init_libheif();
  Opened out;
  out.context.reset(heif_context_alloc());
  if (!out.context) return Error{"HEIC_NOT_DECODED", "HEIC解码器无法初始化"};
  heif_error err = heif_context_read_from_file(out.context.get(), path.c_str(), nullptr);
  if (err.code != heif_error_Ok) return translate(err);
  heif_image_handle* handle = nullptr;
  err = heif_context_get_primary_image_handle(out.context.get(), &handle);
  if (err.code != heif_error_Ok || handle == nullptr) return translate(err);
  out.handle.reset(handle);
  return out;
}

}  // namespace

std::optional<PixelRect> probe_heif_size(const std::string& path) {
  try {
    auto opened = open_primary(path);
    if (!opened) return std::nullopt;
    const int w = heif_image_handle_get_width(opened->handle.get());
    const int h = heif_image_handle_get_height(opened->handle.get());
    if (w <= 0 || h <= 0) return std::nullopt;
    return PixelRect{0, 0, w, h};
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

Expected<RasterImage> decode_heif_file(const std::string& path, ImageLimits limits) {
  try {
    auto opened = open_primary(path);
    if (!opened) return opened.error();
    const int w = heif_image_handle_get_width(opened->handle.get());
    const int h = heif_image_handle_get_height(opened->handle.get());
    if (w <= 0 || h <= 0) return Error{"IMAGE_CORRUPT", "图片无法解码，可能已损坏或不完整（HEIC图像尺寸无效）"};
    if (static_cast<long long>(w) * h > limits.max_pixels) {
      return Error{"IMAGE_TOO_LARGE", "图片尺寸过大（" + std::to_string(w) + "×" + std::to_string(h) +
                                          "像素），超过检查上限，未做图像分析"};
    }
    OptionsPtr options(heif_decoding_options_alloc());
    if (options) options->convert_hdr_to_8bit = 1;
    heif_image* raw = nullptr;
    const heif_error err =
        heif_decode_image(opened->handle.get(), &raw, heif_colorspace_RGB, heif_chroma_interleaved_RGB, options.get());
    ImagePtr image(raw);
    if (err.code != heif_error_Ok || !image) return translate(err);
    const int iw = heif_image_get_width(image.get(), heif_channel_interleaved);
    const int ih = heif_image_get_height(image.get(), heif_channel_interleaved);
    int stride = 0;
    const std::uint8_t* plane = heif_image_get_plane_readonly(image.get(), heif_channel_interleaved, &stride);
    if (plane == nullptr || iw <= 0 || ih <= 0 || stride < iw * 3) {
      return Error{"HEIC_NOT_DECODED", "HEIC图片的像素无法解码"};
    }
    RasterImage out;
    out.width = iw;
    out.height = ih;
    out.channels = 3;
    out.pixels.resize(static_cast<std::size_t>(iw) * ih * 3);
    for (int y = 0; y < ih; ++y) {
      const std::uint8_t* src = plane + static_cast<std::size_t>(stride) * y;
      std::uint8_t* dst = out.pixels.data() + static_cast<std::size_t>(iw) * 3 * y;
      for (int x = 0; x < iw; ++x) {  // RGB -> BGR
        dst[3 * x] = src[3 * x + 2];
        dst[3 * x + 1] = src[3 * x + 1];
        dst[3 * x + 2] = src[3 * x];
      }
    }
    return out;
  } catch (const std::exception&) {  // bad_alloc, or a C++ exception escaping the codec
    return Error{"IMAGE_CORRUPT", "图片无法解码，可能已损坏或不完整（HEIC）"};
  }
}

}  // namespace evpack
