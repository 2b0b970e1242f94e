// PDF access in our vocabulary (implemented with poppler-cpp in
// src/adapters/poppler_pdf_reader.cpp; fakes in tests/fakes).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "evpack/core/expected.hpp"
#include "evpack/core/raster.hpp"

namespace evpack {

/// Rectangle in PDF points (1/72 inch), origin at the top-left of the page.
struct PageRect {
  double x = 0;
  double y = 0;
  double width = 0;
  double height = 0;
};

/// A run of text with its position on the page.
struct PageTextBox {
  std::string text;  ///< UTF-8
  PageRect box;
  double font_size = 0;
};

/// Limits that keep hostile PDFs bounded.
struct PdfLimits {
  int max_pages = 2000;              ///< more pages: refused as "too many pages"
  double max_page_side_pt = 14400;   ///< 200 inches; larger pages are not rendered
  long long max_render_pixels = 40'000'000;  ///< per render call
  long long max_file_bytes = 1LL << 30;      ///< larger files are refused unread (1 GiB)
};

/// An opened PDF. Not thread-safe: use one per thread.
class PdfDocument {
 public:
  virtual ~PdfDocument() = default;
  virtual int page_count() const = 0;
  /// True when the file lacks its end (no %%EOF near the end: a cut-off copy or
  /// download); the library may still have reconstructed some pages.
  virtual bool truncated() const { return false; }
  /// Page size in points (after /Rotate); {0,0} when the page cannot be read.
  virtual PageRect page_size(int page_index) const = 0;
  /// Text of a page in reading order (physical layout); "" if none.
  virtual std::string page_text(int page_index) const = 0;
  /// Text boxes with positions.
  virtual std::vector<PageTextBox> text_boxes(int page_index) const = 0;
  /// Renders a page, or a region of it (in points), at `dpi` as BGR pixels.
  /// Fails (never throws) when the page cannot be rendered or exceeds limits.
  virtual Expected<RasterImage> render(int page_index, double dpi,
                                       std::optional<PageRect> region = std::nullopt) const = 0;
};

class PdfReader {
 public:
  virtual ~PdfReader() = default;
  /// Opens a PDF. Errors (codes): PDF_CORRUPT, PDF_ENCRYPTED, PDF_TOO_MANY_PAGES, PDF_TOO_LARGE,
  /// PDF_IMAGE_BOMB (an image declared so large that decoding it would exhaust memory).
  virtual Expected<std::unique_ptr<PdfDocument>> open(const std::string& path) const = 0;
};

/// The poppler-cpp implementation.
std::unique_ptr<PdfReader> make_poppler_pdf_reader(PdfLimits limits = {});

}  // namespace evpack
