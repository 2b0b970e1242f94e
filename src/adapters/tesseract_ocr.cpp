// Ocr over Tesseract (LSTM engine). Tesseract's headers stay here.
#include <tesseract/baseapi.h>
#include <tesseract/resultiterator.h>

#include <dlfcn.h>

#include <cstdlib>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "evpack/adapters/ocr.hpp"
#include "evpack/util/text.hpp"

namespace evpack {

std::string OcrResult::text() const {
  std::string out;
  for (const auto& line : lines) {
    if (!out.empty()) out += '\n';
    out += line.text;
  }
  return out;
}

Expected<std::vector<PixelRect>> Ocr::find_lines(const RasterImage&) {
  return Error{"OCR_NO_LAYOUT", "该识别引擎不单独分析版面"};
}

namespace {

// Tesseract may be built with OpenMP (Debian's is): its LSTM runs the gates of
// every step in `omp parallel` regions with an explicit num_threads, so each of
// our workers would start a team of threads per step and spend most of its time
// in futex waits (measured: 2 million futex calls and a third of the CPU in the
// kernel for 40 photos). We already run one engine per worker, so OpenMP regions
// are made inactive (max-active-levels 0: one thread, no team). It has to be a
// call at run time, on the calling thread: libgomp reads OMP_THREAD_LIMIT and the
// like from the environment when it is loaded, before main, and since OpenMP 5
// max-active-levels is a per-thread setting. Looked up by name, so a Tesseract
// built without OpenMP needs nothing.
void disable_openmp_teams_on_this_thread() {
  using SetLevels = void (*)(int);
  static const auto set = reinterpret_cast<SetLevels>(dlsym(RTLD_DEFAULT, "omp_set_max_active_levels"));
  if (set != nullptr) set(0);
}

tesseract::PageSegMode page_mode(OcrLayout layout) {
  switch (layout) {
    case OcrLayout::SingleLine: return tesseract::PSM_SINGLE_LINE;
    case OcrLayout::Sparse: return tesseract::PSM_SPARSE_TEXT;
    case OcrLayout::Uniform: return tesseract::PSM_SINGLE_BLOCK;
    case OcrLayout::Block:
    default: return tesseract::PSM_AUTO;
  }
}

class TesseractOcr final : public Ocr {
 public:
  TesseractOcr() = default;
  ~TesseractOcr() override { api_.End(); }
  TesseractOcr(const TesseractOcr&) = delete;
  TesseractOcr& operator=(const TesseractOcr&) = delete;

  bool init(const std::string& languages) {
    // debug_file keeps Tesseract's warnings ("Estimating resolution ...") off stderr.
    if (api_.Init(nullptr, languages.c_str(), tesseract::OEM_LSTM_ONLY) != 0) return false;
    api_.SetVariable("debug_file", "/dev/null");
    api_.SetVariable("user_defined_dpi", "300");
    // Our images are always dark ink on white (binarised panels, page regions):
    // Tesseract's second pass over an inverted copy of every uncertain line never
    // finds better text there and costs up to a second recognition per line.
    api_.SetVariable("tessedit_do_invert", "0");
    return true;
  }

  using Ocr::recognize;
  Expected<OcrResult> recognize(const RasterImage& image, OcrLayout layout, std::string_view only) override {
    // Tesseract expects RGB order for 3-channel input; ours is BGR (set_image).
    if (!set_image(image)) return Error{"OCR_BAD_IMAGE", "待识别的图像为空"};
    api_.SetPageSegMode(page_mode(layout));
    // The LSTM recogniser honours the whitelist (Tesseract 4.1 and later); an empty
    // value lifts it again, so every call states its own set.
    api_.SetVariable("tessedit_char_whitelist", std::string(only).c_str());
    if (api_.Recognize(nullptr) != 0) {
      api_.Clear();
      return Error{"OCR_FAILED", "文字识别失败"};
    }
    OcrResult result;
    collect(result);
    api_.Clear();
    return result;
  }

  Expected<std::vector<PixelRect>> find_lines(const RasterImage& image) override {
    if (!set_image(image)) return Error{"OCR_BAD_IMAGE", "待识别的图像为空"};
    api_.SetPageSegMode(tesseract::PSM_AUTO);
    std::vector<PixelRect> lines;
    std::unique_ptr<tesseract::PageIterator> it(api_.AnalyseLayout());
    if (it) {
      do {
        int left = 0;
        int top = 0;
        int right = 0;
        int bottom = 0;
        if (!it->BoundingBox(tesseract::RIL_TEXTLINE, &left, &top, &right, &bottom)) continue;
        lines.push_back({left, top, right - left, bottom - top});
      } while (it->Next(tesseract::RIL_TEXTLINE));
    }
    api_.Clear();
    return lines;
  }

 private:
  // Hands `image` to Tesseract (RGB order for colour); false when it is unusable.
  bool set_image(const RasterImage& image) {
    if (image.empty() || (image.channels != 1 && image.channels != 3)) return false;
    rgb_.clear();
    const std::uint8_t* data = image.pixels.data();
    if (image.channels == 3) {
      rgb_.resize(image.pixels.size());
      for (std::size_t i = 0; i + 2 < image.pixels.size(); i += 3) {
        rgb_[i] = image.pixels[i + 2];
        rgb_[i + 1] = image.pixels[i + 1];
        rgb_[i + 2] = image.pixels[i];
      }
      data = rgb_.data();
    }
    disable_openmp_teams_on_this_thread();
    api_.SetImage(data, image.width, image.height, image.channels, image.width * image.channels);
    return true;
  }

  // The lines read by the last Recognize, appended to `result`.
  void collect(OcrResult& result) {
    std::unique_ptr<tesseract::ResultIterator> it(api_.GetIterator());
    if (it) {
      // Symbol by symbol; a line's text and box are taken at its first symbol.
      bool keep = false;  // the current line has text
      do {
        int left = 0;
        int top = 0;
        int right = 0;
        int bottom = 0;
        if (it->IsAtBeginningOf(tesseract::RIL_TEXTLINE)) {
          std::unique_ptr<char[]> raw(it->GetUTF8Text(tesseract::RIL_TEXTLINE));
          std::string text = raw ? trim(remove_spaces_between_han(raw.get())) : std::string{};
          keep = !text.empty();
          if (!keep) continue;
          it->BoundingBox(tesseract::RIL_TEXTLINE, &left, &top, &right, &bottom);
          result.lines.push_back({std::move(text),
                                  it->Confidence(tesseract::RIL_TEXTLINE) / 100.0,
                                  {left, top, right - left, bottom - top},
                                  {}});
        }
        if (!keep) continue;
        std::unique_ptr<char[]> symbol(it->GetUTF8Text(tesseract::RIL_SYMBOL));
        if (!symbol || !it->BoundingBox(tesseract::RIL_SYMBOL, &left, &top, &right, &bottom)) continue;
        result.lines.back().symbols.push_back({symbol.get(), {left, top, right - left, bottom - top}});
      } while (it->Next(tesseract::RIL_SYMBOL));
    }
  }

  tesseract::TessBaseAPI api_;
  std::vector<std::uint8_t> rgb_;  ///< the RGB copy handed to Tesseract (it keeps no copy of its own)
};

}  // namespace

std::string ocr_engine_version() {
  std::string version = std::string("tesseract ") + tesseract::TessBaseAPI::Version();
  if (const char* data = std::getenv("TESSDATA_PREFIX"); data && *data) version += std::string(" data=") + data;
  return version;
}

Expected<std::unique_ptr<Ocr>> make_tesseract_ocr(const std::string& languages) {
  auto engine = std::make_unique<TesseractOcr>();
  if (!engine->init(languages)) {
    return Error{"OCR_UNAVAILABLE", "文字识别（OCR）不可用：缺少Tesseract语言数据“" + languages +
                                        "”（Debian软件包 tesseract-ocr-chi-sim、tesseract-ocr-eng）"};
  }
  return std::unique_ptr<Ocr>(std::move(engine));
}

}  // namespace evpack
