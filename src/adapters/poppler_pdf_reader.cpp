// PdfReader over poppler-cpp. Poppler's headers stay in this file.
#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-image.h>
#include <poppler-page-renderer.h>
#include <poppler-page.h>

#include <cmath>
#include <cstring>
#include <mutex>

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

class PopplerDocument final : public PdfDocument {
 public:
  PopplerDocument(std::unique_ptr<poppler::document> doc, PdfLimits limits)
      : doc_(std::move(doc)), limits_(limits), pages_(static_cast<std::size_t>(doc_->pages())) {}

  int page_count() const override { return doc_->pages(); }

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

  std::unique_ptr<poppler::document> doc_;
  PdfLimits limits_;
  mutable std::vector<std::unique_ptr<poppler::page>> pages_;
};

class PopplerReader final : public PdfReader {
 public:
  explicit PopplerReader(PdfLimits limits) : limits_(limits) { silence_poppler(); }

  Expected<std::unique_ptr<PdfDocument>> open(const std::string& path) const override {
    std::unique_ptr<poppler::document> doc(poppler::document::load_from_file(path));
    if (!doc) return Error{"PDF_CORRUPT", "PDF文件已损坏或不完整，无法打开"};
    if (doc->is_locked()) return Error{"PDF_ENCRYPTED", "PDF文件已加密（需要密码才能打开），评审专家无法查看"};
    const int pages = doc->pages();
    if (pages <= 0) return Error{"PDF_CORRUPT", "PDF文件没有可读的页面"};
    if (pages > limits_.max_pages) {
      return Error{"PDF_TOO_MANY_PAGES", "PDF页数过多（" + std::to_string(pages) + "页），超过检查上限" +
                                             std::to_string(limits_.max_pages) + "页，未检查内容"};
    }
    return std::unique_ptr<PdfDocument>(std::make_unique<PopplerDocument>(std::move(doc), limits_));
  }

 private:
  PdfLimits limits_;
};

}  // namespace

std::unique_ptr<PdfReader> make_poppler_pdf_reader(PdfLimits limits) {
  return std::make_unique<PopplerReader>(limits);
}

}  // namespace evpack
