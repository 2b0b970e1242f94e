// PdfReader over poppler-cpp. Poppler's headers stay in this file.
#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-image.h>
#include <poppler-page-renderer.h>
#include <poppler-page.h>

#include <cmath>
#include <cstring>
#include <fstream>
#include <mutex>
#include <string_view>

#include "evpack/adapters/pdf_reader.hpp"

namespace evpack {
namespace {

std::string to_utf8(const poppler::ustring& text) {
  const poppler::byte_array bytes = text.to_utf8();
  return std::string(bytes.begin(), bytes.end());
}

// Poppler prints syntax errors of broken files to stderr; a damaged evidence
// file must become a finding, not noise on the user's terminal.
void silence_poppler() {
  static std::once_flag once;
  std::call_once(once, [] { poppler::set_debug_error_function([](const std::string&, void*) {}, nullptr); });
}

// Decompression bombs: poppler decodes a JBIG2 stream at its declared size
// (100000 x 100000 px is 1.2 GB and minutes of CPU) even for text extraction,
// and cannot be interrupted. The declared sizes are readable without decoding:
// JBIG2 page-information and region segments, and image /Width and /Height.
constexpr unsigned long long kMaxImagePixels = 1ULL << 28;  // 16384 x 16384

std::uint32_t be32(std::string_view d, std::size_t at) {
  if (at + 4 > d.size()) return 0;
  return (std::uint32_t(static_cast<unsigned char>(d[at])) << 24) |
         (std::uint32_t(static_cast<unsigned char>(d[at + 1])) << 16) |
         (std::uint32_t(static_cast<unsigned char>(d[at + 2])) << 8) | std::uint32_t(static_cast<unsigned char>(d[at + 3]));
}

/// Largest image (in pixels) declared by the JBIG2 segments at the start of a stream.
unsigned long long jbig2_declared_pixels(std::string_view d, std::size_t at) {
  unsigned long long largest = 0;
  for (int segment = 0; segment < 16 && at + 11 <= d.size(); ++segment) {
    const std::uint32_t number = be32(d, at);
    const auto flags = static_cast<unsigned char>(d[at + 4]);
    const int type = flags & 0x3F;
    const std::size_t page_size = (flags & 0x40) ? 4 : 1;
    const auto referred = static_cast<unsigned char>(d[at + 5]);
    const int count = referred >> 5;
    if (count > 4) break;  // long form: not worth following
    const std::size_t ref_size = number <= 256 ? 1 : number <= 65536 ? 2 : 4;
    std::size_t p = at + 6 + static_cast<std::size_t>(count) * ref_size + page_size;
    const std::uint32_t length = be32(d, p);
    p += 4;
    if (type == 48 || (type >= 36 && type <= 43) || (type >= 4 && type <= 7) || (type >= 20 && type <= 23)) {
      const unsigned long long w = be32(d, p);
      const unsigned long long h = be32(d, p + 4);
      if (h != 0xFFFFFFFFULL) largest = std::max(largest, w * h);
    }
    if (length == 0xFFFFFFFFU || p + length > d.size()) break;
    at = p + length;
  }
  return largest;
}

/// Reads the integer after `key` within [from, to), or -1.
long long number_after(std::string_view d, std::string_view key, std::size_t from, std::size_t to) {
  const std::size_t k = d.substr(0, to).find(key, from);
  if (k == std::string_view::npos) return -1;
  std::size_t p = k + key.size();
  while (p < d.size() && (d[p] == ' ' || d[p] == '\n' || d[p] == '\r')) ++p;
  long long v = 0;
  bool any = false;
  while (p < d.size() && d[p] >= '0' && d[p] <= '9' && v < (1LL << 40)) {
    v = v * 10 + (d[p] - '0');
    any = true;
    ++p;
  }
  return any ? v : -1;
}

bool declares_giant_image(std::string_view d) {
  for (std::size_t i = d.find("/JBIG2Decode"); i != std::string_view::npos; i = d.find("/JBIG2Decode", i + 1)) {
    std::size_t s = d.find("stream", i);
    if (s == std::string_view::npos || s > i + 4096) continue;
    s += 6;
    if (s < d.size() && d[s] == '\r') ++s;
    if (s < d.size() && d[s] == '\n') ++s;
    if (jbig2_declared_pixels(d, s) > kMaxImagePixels) return true;
  }
  for (std::size_t i = d.find("/Width"); i != std::string_view::npos; i = d.find("/Width", i + 1)) {
    const std::size_t dict_start = d.rfind("<<", i);
    const std::size_t dict_end = d.find(">>", i);
    if (dict_start == std::string_view::npos || dict_end == std::string_view::npos || i - dict_start > 4096) continue;
    const long long w = number_after(d, "/Width", i, dict_end);
    const long long h = number_after(d, "/Height", dict_start, dict_end);
    if (w > 0 && h > 0 && static_cast<unsigned long long>(w) * static_cast<unsigned long long>(h) > kMaxImagePixels * 4) {
      return true;
    }
  }
  return false;
}

class PopplerDocument final : public PdfDocument {
 public:
  PopplerDocument(std::unique_ptr<poppler::document> doc, std::vector<char> bytes, PdfLimits limits)
      : bytes_(std::move(bytes)), doc_(std::move(doc)), limits_(limits),
        pages_(static_cast<std::size_t>(doc_->pages())) {}

  int page_count() const override { return doc_->pages(); }

  bool truncated() const override {
    const std::size_t tail = std::min<std::size_t>(bytes_.size(), 2048);
    return std::string_view(bytes_.data() + bytes_.size() - tail, tail).find("%%EOF") == std::string_view::npos;
  }

  PageRect page_size(int index) const override {
    const poppler::page* p = page(index);
    if (!p) return {};
    const poppler::rectf box = p->page_rect(poppler::media_box);
    const poppler::rectf crop = p->page_rect(poppler::crop_box);
    const poppler::rectf& r = crop.width() > 0 && crop.height() > 0 ? crop : box;
    const auto o = p->orientation();
    const bool turned = o == poppler::page::landscape || o == poppler::page::seascape;
    return turned ? PageRect{0, 0, r.height(), r.width()} : PageRect{0, 0, r.width(), r.height()};
  }

  std::string page_text(int index) const override {
    const poppler::page* p = page(index);
    if (!p) return {};
    return to_utf8(p->text(poppler::rectf(), poppler::page::physical_layout));
  }

  std::vector<PageTextBox> text_boxes(int index) const override {
    std::vector<PageTextBox> out;
    const poppler::page* p = page(index);
    if (!p) return out;
    for (const auto& box : p->text_list(poppler::page::text_list_include_font)) {
      const poppler::rectf r = box.bbox();
      out.push_back({to_utf8(box.text()), {r.x(), r.y(), r.width(), r.height()}, box.get_font_size()});
    }
    return out;
  }

  Expected<RasterImage> render(int index, double dpi, std::optional<PageRect> region) const override {
    const poppler::page* p = page(index);
    if (!p) return Error{"PDF_PAGE_UNREADABLE", "第" + std::to_string(index + 1) + "页无法读取"};
    const PageRect size = page_size(index);
    if (size.width <= 0 || size.height <= 0 || size.width > limits_.max_page_side_pt ||
        size.height > limits_.max_page_side_pt) {
      return Error{"PDF_PAGE_TOO_LARGE", "第" + std::to_string(index + 1) + "页尺寸异常，未渲染"};
    }
    const PageRect area = region.value_or(size);
    const double scale = dpi / 72.0;
    const int x = static_cast<int>(std::floor(area.x * scale));
    const int y = static_cast<int>(std::floor(area.y * scale));
    const int w = static_cast<int>(std::ceil(area.width * scale));
    const int h = static_cast<int>(std::ceil(area.height * scale));
    if (w <= 0 || h <= 0) return Error{"PDF_RENDER_FAILED", "渲染区域为空"};
    if (static_cast<long long>(w) * h > limits_.max_render_pixels) {
      return Error{"PDF_PAGE_TOO_LARGE", "第" + std::to_string(index + 1) + "页渲染尺寸过大，未渲染"};
    }
    poppler::page_renderer renderer;
    renderer.set_render_hint(poppler::page_renderer::antialiasing, true);
    renderer.set_render_hint(poppler::page_renderer::text_antialiasing, true);
    renderer.set_image_format(poppler::image::format_bgr24);
    const poppler::image img = renderer.render_page(p, dpi, dpi, x, y, w, h);
    if (!img.is_valid() || img.width() <= 0 || img.height() <= 0) {
      return Error{"PDF_RENDER_FAILED", "第" + std::to_string(index + 1) + "页渲染失败"};
    }
    RasterImage out;
    out.width = img.width();
    out.height = img.height();
    out.channels = 3;
    out.pixels.resize(static_cast<std::size_t>(out.width) * static_cast<std::size_t>(out.height) * 3);
    const char* data = img.const_data();
    const int stride = img.bytes_per_row();
    if (img.format() == poppler::image::format_bgr24) {
      for (int row = 0; row < out.height; ++row) {
        std::memcpy(out.pixels.data() + static_cast<std::size_t>(row) * out.width * 3,
                    data + static_cast<std::ptrdiff_t>(row) * stride, static_cast<std::size_t>(out.width) * 3);
      }
    } else if (img.format() == poppler::image::format_argb32) {
      for (int row = 0; row < out.height; ++row) {
        const auto* src = reinterpret_cast<const std::uint8_t*>(data + static_cast<std::ptrdiff_t>(row) * stride);
        std::uint8_t* dst = out.pixels.data() + static_cast<std::size_t>(row) * out.width * 3;
        for (int col = 0; col < out.width; ++col) {
          dst[col * 3 + 0] = src[col * 4 + 0];  // little-endian ARGB: B, G, R, A
          dst[col * 3 + 1] = src[col * 4 + 1];
          dst[col * 3 + 2] = src[col * 4 + 2];
        }
      }
    } else {
      return Error{"PDF_RENDER_FAILED", "渲染结果格式不受支持"};
    }
    return out;
  }

 private:
  const poppler::page* page(int index) const {
    if (index < 0 || index >= static_cast<int>(pages_.size())) return nullptr;
    auto& slot = pages_[static_cast<std::size_t>(index)];
    if (!slot) slot.reset(doc_->create_page(index));
    return slot.get();
  }

  std::vector<char> bytes_;  ///< poppler reads from this buffer: it must outlive doc_
  std::unique_ptr<poppler::document> doc_;
  PdfLimits limits_;
  mutable std::vector<std::unique_ptr<poppler::page>> pages_;
};

class PopplerReader final : public PdfReader {
 public:
  explicit PopplerReader(PdfLimits limits) : limits_(limits) { silence_poppler(); }

  Expected<std::unique_ptr<PdfDocument>> open(const std::string& path) const override {
    std::ifstream in(path, std::ios::binary | std::ios::ate);
    if (!in) return Error{"PDF_CORRUPT", "PDF文件无法读取"};
    const auto size = static_cast<long long>(in.tellg());
    if (size < 0 || size > limits_.max_file_bytes) {
      return Error{"PDF_TOO_LARGE", "PDF文件过大（超过" + std::to_string(limits_.max_file_bytes >> 20) + " MB），未检查内容"};
    }
    std::vector<char> bytes(static_cast<std::size_t>(size));
    in.seekg(0);
    if (!in.read(bytes.data(), size)) return Error{"PDF_CORRUPT", "PDF文件无法完整读取"};
    if (declares_giant_image(std::string_view(bytes.data(), bytes.size()))) {
      return Error{"PDF_IMAGE_BOMB",
                   "PDF中含有声明尺寸异常巨大的图像（疑似“解压炸弹”），为保护电脑未打开检查"};
    }
    std::unique_ptr<poppler::document> doc(
        poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
    if (!doc) return Error{"PDF_CORRUPT", "PDF文件已损坏或不完整，无法打开"};
    if (doc->is_locked()) return Error{"PDF_ENCRYPTED", "PDF文件已加密（需要密码才能打开），评审专家无法查看"};
    const int pages = doc->pages();
    if (pages <= 0) return Error{"PDF_CORRUPT", "PDF文件没有可读的页面"};
    if (pages > limits_.max_pages) {
      return Error{"PDF_TOO_MANY_PAGES", "PDF页数过多（" + std::to_string(pages) + "页），超过检查上限" +
                                             std::to_string(limits_.max_pages) + "页，未检查内容"};
    }
    return std::unique_ptr<PdfDocument>(std::make_unique<PopplerDocument>(std::move(doc), std::move(bytes), limits_));
  }

 private:
  PdfLimits limits_;
};

}  // namespace

std::unique_ptr<PdfReader> make_poppler_pdf_reader(PdfLimits limits) {
  return std::make_unique<PopplerReader>(limits);
}

}  // namespace evpack
