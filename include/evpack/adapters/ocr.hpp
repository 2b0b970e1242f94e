// Text recognition in our vocabulary (Tesseract in src/adapters/tesseract_ocr.cpp).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "evpack/core/expected.hpp"
#include "evpack/core/raster.hpp"

namespace evpack {

/// How the region is laid out: Block = find the layout (columns, blocks) first;
/// Uniform = one block of uniform lines (faster, steadier on a cropped region);
/// SingleLine = exactly one line; Sparse = scattered text.
enum class OcrLayout { Block, SingleLine, Sparse, Uniform };

/// One character as read, and about where it is: the LSTM engine places
/// characters, it does not outline them (boxes may overlap or stray a few pixels).
struct OcrSymbol {
  std::string text;  ///< UTF-8, usually one character
  PixelRect box;
};

struct OcrLine {
  std::string text;       ///< UTF-8, spaces between Han characters removed
  double confidence = 0;  ///< 0..1
  PixelRect box;
  std::vector<OcrSymbol> symbols;  ///< the line's characters, in reading order
};

struct OcrResult {
  std::vector<OcrLine> lines;
  std::string text() const;  ///< lines joined with '\n'
};

/// An engine is not thread-safe: one call at a time (run_check lends a few to all
/// its workers through an OcrPool).
class Ocr {
 public:
  virtual ~Ocr() = default;
  /// Recognises text in `image` (a region already cropped by the caller). A
  /// non-empty `only` restricts the characters read to those it lists (ASCII),
  /// e.g. the digits and separators of a date stamp.
  virtual Expected<OcrResult> recognize(const RasterImage& image, OcrLayout layout, std::string_view only) = 0;
  Expected<OcrResult> recognize(const RasterImage& image, OcrLayout layout) { return recognize(image, layout, {}); }

  /// The boxes of the lines of text in `image` (layout analysis only, nothing read): about a
  /// tenth of the cost of reading a page of text. Engines without a separate layout step
  /// fail with OCR_NO_LAYOUT.
  virtual Expected<std::vector<PixelRect>> find_lines(const RasterImage& image);
};

/// Tesseract with the given languages ("chi_sim", "eng+chi_sim"). Fails with OCR_UNAVAILABLE
/// when the language data is missing.
Expected<std::unique_ptr<Ocr>> make_tesseract_ocr(const std::string& languages);

/// The OCR engine's version and where its language data comes from, for keys of
/// results that depend on what it reads ("tesseract 5.3.0").
std::string ocr_engine_version();

}  // namespace evpack
