// PdfReader over poppler-cpp. Poppler's headers stay in this file.
#include <poppler-document.h>
#include <poppler-font.h>
#include <poppler-global.h>
#include <poppler-image.h>
#include <poppler-page-renderer.h>
#include <poppler-page.h>
#include <poppler-version.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <string_view>

#include "evpack/adapters/inflate.hpp"
#include "evpack/adapters/pdf_reader.hpp"
#include "evpack/adapters/system_fonts.hpp"
#include "evpack/util/text.hpp"

namespace evpack {
namespace {

std::string to_utf8(const poppler::ustring& text) {
  const poppler::byte_array bytes = text.to_utf8();
  return std::string(bytes.begin(), bytes.end());
}

// Where poppler's messages about fonts it could not use go: the flag of the page
// being read on this thread (poppler reports synchronously, on the calling thread,
// and a document is only ever used by one thread).
thread_local bool* t_font_failure = nullptr;

// Poppler's words when it cannot decode or draw a text: the CMaps of a
// non-embedded Chinese font missing (Debian's poppler-data: "Missing language
// pack for 'Adobe-GB1' mapping", then "Unknown font tag" and "No font in show"
// for every text operator). Stable since poppler 0.x; a message not matched here
// still leaves the ink check of the document inspector. A font merely not found
// ("Couldn't find a font") shows as a font without a file in page_fonts.
bool font_failure_message(const std::string& message) {
  static constexpr std::string_view kSigns[] = {"Missing language pack", "Unknown font tag", "No font in show",
                                                "Unknown character collection"};
  for (const auto sign : kSigns) {
    if (message.find(sign) != std::string::npos) return true;
  }
  return false;
}

// Poppler prints syntax errors of broken files to stderr; a damaged evidence
// file must become a finding, not noise on the user's terminal. Messages about
// fonts are kept for the page being read (PageFonts::text_failed).
void silence_poppler() {
  static std::once_flag once;
  std::call_once(once, [] {
    poppler::set_debug_error_function(
        [](const std::string& message, void*) {
          if (t_font_failure && font_failure_message(message)) *t_font_failure = true;
        },
        nullptr);
  });
}

/// Sends poppler's font messages to `flag` while it lives.
class FontWatch {
 public:
  explicit FontWatch(bool& flag) : previous_(t_font_failure) { t_font_failure = &flag; }
  ~FontWatch() { t_font_failure = previous_; }
  FontWatch(const FontWatch&) = delete;
  FontWatch& operator=(const FontWatch&) = delete;

 private:
  bool* previous_;
};

// A stand-in font that has fewer of the characters set in a font than this
// draws visibly broken text (boxes or nothing): CJK text drawn with a Latin font
// covers 0-10 %, with a CJK font 98-100 % (external archive, Noto Sans CJK for
// Heiti: 100 %).
constexpr double kMinStandInCoverage = 0.9;

// Decompression bombs: poppler decodes a JBIG2 stream at its declared size
// (100000 x 100000 px is 1.2 GB and minutes of CPU) even for text extraction,
// and cannot be interrupted. The declared sizes are readable without decoding:
// JBIG2 page-information and region segments, and image /Width and /Height.
constexpr unsigned long long kMaxImagePixels = 1ULL << 28;  // 16384 x 16384

std::uint32_t be32(std::string_view d, std::size_t at) {
  if (at + 4 > d.size()) return 0;
  return (std::uint32_t(static_cast<unsigned char>(d[at])) << 24) |
         (std::uint32_t(static_cast<unsigned char>(d[at + 1])) << 16) |
         (std::uint32_t(static_cast<unsigned char>(d[at + 2])) << 8) |
         std::uint32_t(static_cast<unsigned char>(d[at + 3]));
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
    if (w > 0 && h > 0 &&
        static_cast<unsigned long long>(w) * static_cast<unsigned long long>(h) > kMaxImagePixels * 4) {
      return true;
    }
  }
  return false;
}

// True when name `name` (e.g. "/JS") stands in `d` as a whole name (a delimiter follows).
bool has_name(std::string_view d, std::string_view name) {
  for (std::size_t i = d.find(name); i != std::string_view::npos; i = d.find(name, i + 1)) {
    const std::size_t end = i + name.size();
    if (end >= d.size()) return true;
    const char c = d[end];
    if (c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '/' || c == '<' || c == '>' || c == '[' ||
        c == ']' || c == '(' || c == ')' || c == '%' || c == '\0') {
      return true;
    }
  }
  return false;
}

void note_active_content(std::string_view d, PdfActiveContent& active) {
  active.javascript = active.javascript || has_name(d, "/JavaScript") || has_name(d, "/JS");
  active.launch = active.launch || has_name(d, "/Launch");
  active.embedded_files = active.embedded_files || has_name(d, "/EmbeddedFiles");
}

// Object streams hold dictionaries compressed; only their start is scanned for active content.
constexpr std::size_t kObjectStreamScan = 16u << 20;

struct StreamScan {
  bool bomb = false;
  PdfActiveContent active;
};

// Inflates (counting only) every /FlateDecode stream of the file as written: poppler would
// decode a 4 GB stream hidden in a 4 MB file page by page, at great cost, before anything
// could stop it. Stream dictionaries are never inside object streams, so all stand in the bytes.
StreamScan scan_streams(std::string_view d, std::uint64_t limit) {
  StreamScan out;
  note_active_content(d, out.active);
  for (std::size_t s = d.find("stream"); s != std::string_view::npos; s = d.find("stream", s + 6)) {
    if (s >= 3 && d.substr(s - 3, 3) == "end") continue;
    std::size_t start = s + 6;
    if (start < d.size() && d[start] == '\r') ++start;
    if (start >= d.size() || d[start] != '\n') {
      if (start < d.size() && d[start - 1] != '\r') continue;  // "stream" inside some other token
    } else {
      ++start;
    }
    const std::size_t obj = d.rfind(" obj", s);
    if (obj == std::string_view::npos || s - obj > 4096) continue;
    const std::string_view dict = d.substr(obj, s - obj);
    if (dict.find("/FlateDecode") == std::string_view::npos && dict.find("/Fl ") == std::string_view::npos &&
        dict.find("/Fl/") == std::string_view::npos && dict.find("/Fl]") == std::string_view::npos) {
      continue;
    }
    std::size_t end = d.find("endstream", start);
    if (end == std::string_view::npos) end = d.size();
    const bool object_stream = dict.find("/ObjStm") != std::string_view::npos;
    const InflateResult r = inflate_zlib(d.substr(start, end - start), limit, object_stream ? kObjectStreamScan : 0);
    if (r.over_limit) {
      out.bomb = true;
      return out;
    }
    if (object_stream) note_active_content(r.kept, out.active);
    s = end;
  }
  return out;
}

/// Width and height in pixels of each image XObject of the file. Image
/// dictionaries are never inside object streams (streams cannot be), so they
/// stand in the file's bytes as written; /Width and /Height are read the way
/// declares_giant_image reads them.
std::vector<std::pair<double, double>> image_sizes(std::string_view d) {
  std::vector<std::pair<double, double>> out;
  for (std::size_t i = d.find("/Width"); i != std::string_view::npos; i = d.find("/Width", i + 1)) {
    if (i + 6 < d.size() && d[i + 6] == 's') continue;  // a font's /Widths
    const std::size_t obj = d.rfind(" obj", i);
    const std::size_t stream = d.find("stream", i);
    if (obj == std::string_view::npos || stream == std::string_view::npos || i - obj > 4096 || stream - i > 4096) {
      continue;
    }
    const std::string_view dict = d.substr(obj, stream - obj);
    if (dict.find("/Image") == std::string_view::npos) continue;
    const long long w = number_after(dict, "/Width", 0, dict.size());
    const long long h = number_after(dict, "/Height", 0, dict.size());
    if (w > 0 && h > 0) out.emplace_back(static_cast<double>(w), static_cast<double>(h));
  }
  return out;
}

// An image whose sides keep the page's proportion within this is a picture of
// the whole page (A4 scans 1.41, phone photos of paper 1.33); seals (1.0) and
// logos are not.
constexpr double kPageShapeSlack = 0.15;

class PopplerDocument final : public PdfDocument {
 public:
  PopplerDocument(std::unique_ptr<poppler::document> doc, std::vector<char> bytes, PdfLimits limits,
                  PdfActiveContent active)
      : bytes_(std::move(bytes)),
        doc_(std::move(doc)),
        limits_(limits),
        active_(active),
        pages_(static_cast<std::size_t>(doc_->pages())) {}

  int page_count() const override { return doc_->pages(); }

  PdfActiveContent active_content() const override { return active_; }

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
    const FontWatch watch(font_failed(index));
    return to_utf8(p->text(poppler::rectf(), poppler::page::physical_layout));
  }

  std::vector<PageTextBox> text_boxes(int index) const override {
    std::vector<PageTextBox> out;
    const poppler::page* p = page(index);
    if (!p) return out;
    const FontWatch watch(font_failed(index));
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
    const FontWatch watch(font_failed(index));
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

  PageFonts page_fonts(int index) const override {
    PageFonts out;
    const poppler::page* p = page(index);
    if (!p) return out;
    bool& failed = font_failed(index);
    const FontWatch watch(failed);
    // A fresh iterator lists every font of its first page (one that goes on lists
    // only fonts not seen on earlier pages).
    std::vector<poppler::font_info> fonts;
    if (const std::unique_ptr<poppler::font_iterator> it(doc_->create_font_iterator(index)); it && it->has_next()) {
      fonts = it->next();
    }
    const bool any_not_embedded =
        std::any_of(fonts.begin(), fonts.end(), [](const poppler::font_info& f) { return !f.is_embedded(); });
    std::map<std::string, std::string> chars_by_font;  // what is set in each font
    if (any_not_embedded) {
      for (const auto& box : p->text_list(poppler::page::text_list_include_font)) {
        const auto chars = split_utf8_chars(to_utf8(box.text()));
        const bool per_glyph =
            box.has_font_info() && static_cast<int>(chars.size()) == static_cast<int>(box.text().size());
        for (std::size_t i = 0; i < chars.size(); ++i) {
          chars_by_font[box.get_font_name(per_glyph ? static_cast<int>(i) : 0)] += chars[i];
        }
      }
    }
    for (const auto& f : fonts) {
      if (f.is_embedded()) continue;
      const std::string name = f.name().empty() ? "(未命名字体)" : f.name();
      out.not_embedded.push_back(name);
      if (f.file().empty()) {
        out.undrawn.push_back(name);
        continue;
      }
      const auto set = chars_by_font.find(f.name());
      if (set == chars_by_font.end() || set->second.empty()) continue;
      const auto coverage = font_file_coverage(f.file(), set->second);
      if (!coverage || *coverage < kMinStandInCoverage) out.undrawn.push_back(name);
    }
    out.text_failed = failed;
    return out;
  }

  double largest_image_dpi() const override {
    const PageRect size = page_size(0);
    if (size.width <= 0 || size.height <= 0) return 0;
    // A landscape picture on a portrait page is turned: long side against long side.
    const double long_in = std::max(size.width, size.height) / 72.0;
    const double short_in = std::min(size.width, size.height) / 72.0;
    double best_area = 0;
    double dpi = 0;
    for (const auto& [w, h] : image_sizes(std::string_view(bytes_.data(), bytes_.size()))) {
      const double long_px = std::max(w, h);
      const double short_px = std::min(w, h);
      const double shape = (long_px / short_px) / (long_in / short_in);
      if (std::abs(shape - 1) > kPageShapeSlack || w * h <= best_area) continue;
      best_area = w * h;
      dpi = std::min(long_px / long_in, short_px / short_in);
    }
    return dpi;
  }

 private:
  bool& font_failed(int index) const {
    thread_local bool spare = false;  // never reached: callers look the page up first
    if (index < 0 || index >= static_cast<int>(pages_.size())) return spare;
    return font_failed_[static_cast<std::size_t>(index)];
  }

  const poppler::page* page(int index) const {
    if (index < 0 || index >= static_cast<int>(pages_.size())) return nullptr;
    auto& slot = pages_[static_cast<std::size_t>(index)];
    if (!slot) slot.reset(doc_->create_page(index));
    return slot.get();
  }

  std::vector<char> bytes_;  ///< poppler reads from this buffer: it must outlive doc_
  std::unique_ptr<poppler::document> doc_;
  PdfLimits limits_;
  PdfActiveContent active_;
  mutable std::vector<std::unique_ptr<poppler::page>> pages_;
  /// Per page: poppler said it could not decode or draw a text of it.
  std::unique_ptr<bool[]> font_failed_ = std::make_unique<bool[]>(pages_.size());
};

class PopplerReader final : public PdfReader {
 public:
  explicit PopplerReader(PdfLimits limits) : limits_(limits) { silence_poppler(); }

  Expected<std::unique_ptr<PdfDocument>> open(const std::string& path) const override {
    std::ifstream in(path, std::ios::binary | std::ios::ate);
    if (!in) return Error{"PDF_CORRUPT", "PDF文件无法读取"};
    const auto size = static_cast<long long>(in.tellg());
    if (size < 0 || size > limits_.max_file_bytes) {
      return Error{"PDF_TOO_LARGE",
                   "PDF文件过大（超过" + std::to_string(limits_.max_file_bytes >> 20) + " MB），未检查内容"};
    }
    std::vector<char> bytes(static_cast<std::size_t>(size));
    in.seekg(0);
    if (!in.read(bytes.data(), size)) return Error{"PDF_CORRUPT", "PDF文件无法完整读取"};
    if (declares_giant_image(std::string_view(bytes.data(), bytes.size()))) {
      return Error{"PDF_IMAGE_BOMB", "PDF中含有声明尺寸异常巨大的图像（疑似“解压炸弹”），为保护电脑未打开检查"};
    }
    const StreamScan streams = scan_streams(std::string_view(bytes.data(), bytes.size()),
                                            static_cast<std::uint64_t>(limits_.max_stream_bytes));
    if (streams.bomb) {
      return Error{"PDF_STREAM_BOMB", "PDF中有压缩数据流解压后超过" + std::to_string(limits_.max_stream_bytes >> 20) +
                                          " MB（疑似“解压炸弹”），为保护电脑未打开检查"};
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
    return std::unique_ptr<PdfDocument>(
        std::make_unique<PopplerDocument>(std::move(doc), std::move(bytes), limits_, streams.active));
  }

 private:
  PdfLimits limits_;
};

}  // namespace

std::unique_ptr<PdfReader> make_poppler_pdf_reader(PdfLimits limits) { return std::make_unique<PopplerReader>(limits); }

namespace {

// Where poppler looks for its encoding data unless told otherwise (set at
// poppler's build; Debian's poppler-data installs there).
constexpr const char* kDefaultEncodingDataDir = "/usr/share/poppler";
std::mutex g_data_dir_mutex;
std::string g_data_dir;  ///< set_pdf_encoding_data_dir's, "" for the default

/// One page, 72 x 36 pt, with "文件" in STSong-Light (Adobe-GB1, not embedded,
/// UniGB-UCS2-H): what iText and ReportLab write for Chinese text.
std::string gb1_probe_pdf() {
  const std::string objects[] = {
      "<< /Type /Catalog /Pages 2 0 R >>",
      "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 72 36] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
      "<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [6 0 R] >>",
      "<< /Length 36 >>\nstream\nBT /F1 24 Tf 4 8 Td <65874EF6> Tj ET\nendstream",
      "<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) "
      "/Ordering (GB1) /Supplement 0 >> /FontDescriptor 7 0 R /DW 1000 >>",
      "<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 "
      "/Ascent 752 /Descent -271 /CapHeight 737 /StemV 58 >>"};
  std::string pdf = "%PDF-1.4\n";
  std::vector<std::size_t> offsets;
  int number = 1;
  for (const auto& body : objects) {
    offsets.push_back(pdf.size());
    pdf += std::to_string(number++) + " 0 obj\n" + body + "\nendobj\n";
  }
  const std::size_t xref = pdf.size();
  pdf += "xref\n0 " + std::to_string(offsets.size() + 1) + "\n0000000000 65535 f \n";
  for (const std::size_t off : offsets) {
    char line[32];
    std::snprintf(line, sizeof line, "%010zu 00000 n \n", off);
    pdf += line;
  }
  pdf += "trailer\n<< /Size " + std::to_string(offsets.size() + 1) + " /Root 1 0 R >>\nstartxref\n" +
         std::to_string(xref) + "\n%%EOF\n";
  return pdf;
}

/// Whether this machine decodes and draws the probe's Chinese text.
std::string gb1_probe() {
  const std::string bytes = gb1_probe_pdf();
  std::vector<char> copy(bytes.begin(), bytes.end());
  std::unique_ptr<poppler::document> doc(
      poppler::document::load_from_raw_data(copy.data(), static_cast<int>(copy.size())));
  if (!doc) return "gb1-probe: unreadable";
  PopplerDocument probe(std::move(doc), std::move(copy), PdfLimits{}, PdfActiveContent{});
  const std::string text = probe.page_text(0);
  auto image = probe.render(0, 72.0, std::nullopt);
  long dark = 0;
  if (image) {
    for (std::size_t i = 0; i < image->pixels.size(); ++i) dark += image->pixels[i] < 128;
  }
  const PageFonts fonts = probe.page_fonts(0);
  std::string line = "gb1-probe: text=" + std::string(text.find("文件") != std::string::npos ? "decoded" : "lost") +
                     " ink=" + (dark > 20 ? "drawn" : "none") + " failed=" + (fonts.text_failed ? "1" : "0") +
                     " undrawn=" + std::to_string(fonts.undrawn.size());
  return line;
}

}  // namespace

bool set_pdf_encoding_data_dir(const std::string& dir) {
  std::lock_guard lock(g_data_dir_mutex);
  if (!poppler::set_data_dir(dir)) return false;
  g_data_dir = dir;
  return true;
}

std::string pdf_environment_description() {
  silence_poppler();
  std::string dir;
  {
    std::lock_guard lock(g_data_dir_mutex);
    dir = g_data_dir.empty() ? kDefaultEncodingDataDir : g_data_dir;
  }
  std::string out = "poppler " + poppler::version_string() + "\nencoding data " + dir + "\n";
  // Names and sizes of the data files: a poppler-data installed, removed or
  // upgraded changes them.
  std::vector<std::string> files;
  std::error_code ec;
  for (std::filesystem::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    std::error_code size_ec;
    if (!it->is_regular_file(size_ec)) continue;
    const auto size = it->file_size(size_ec);
    files.push_back(std::filesystem::relative(it->path(), dir, size_ec).string() + " " + std::to_string(size));
  }
  std::sort(files.begin(), files.end());
  for (const auto& f : files) out += f + "\n";
  out += gb1_probe() + "\n";
  return out;
}

}  // namespace evpack
