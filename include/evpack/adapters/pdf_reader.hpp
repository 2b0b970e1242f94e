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

/// Fonts of a page that the PDF does not carry, and whether this machine drew
/// them. A page whose glyphs were not drawn shows no letterhead type even when
/// the document has one: its verdicts must not be "absent".
struct PageFonts {
  /// Fonts the page uses without carrying them (drawn with a font of this machine).
  std::vector<std::string> not_embedded;
  /// Of those, the ones this machine could not draw: no font to stand in for it,
  /// or a stand-in without most of the characters set in it.
  std::vector<std::string> undrawn;
  /// The library could not decode or draw text of the page at all: the encoding
  /// data of a Chinese font (Adobe-GB1 CMaps, Debian's poppler-data) is missing,
  /// or a text operator had no usable font.
  bool text_failed = false;
  bool operator==(const PageFonts&) const = default;
};

/// Limits that keep hostile PDFs bounded.
struct PdfLimits {
  int max_pages = 2000;                      ///< more pages: refused as "too many pages"
  double max_page_side_pt = 14400;           ///< 200 inches; larger pages are not rendered
  long long max_render_pixels = 40'000'000;  ///< per render call
  long long max_file_bytes = 1LL << 30;      ///< larger files are refused unread (1 GiB)
  long long max_stream_bytes = 512LL << 20;  ///< one /FlateDecode stream, decoded (512 MiB)
};

/// Active content a PDF carries (what a reviewer's PDF viewer may run or open).
struct PdfActiveContent {
  bool javascript = false;      ///< /JavaScript or /JS actions
  bool launch = false;          ///< /Launch actions (start another program or file)
  bool embedded_files = false;  ///< /EmbeddedFiles (attachments)
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
  /// The page's fonts as this machine drew them (see PageFonts). Text and
  /// renders of the page made before this call count towards text_failed.
  virtual PageFonts page_fonts(int /*page_index*/) const { return {}; }
  /// Pixels per inch of the largest page-shaped image in the file (sides in the
  /// page's proportion) if it filled the first page: the resolution of a scanned
  /// or photographed page (a picture placed smaller than the page has more, so
  /// this errs low). 0 when there is no such image.
  virtual double largest_image_dpi() const { return 0; }
  /// JavaScript, launch actions and attachments found in the file (also inside
  /// compressed object streams).
  virtual PdfActiveContent active_content() const { return {}; }
  /// Renders a page, or a region of it (in points), at `dpi` as BGR pixels.
  /// Fails (never throws) when the page cannot be rendered or exceeds limits.
  virtual Expected<RasterImage> render(int page_index, double dpi,
                                       std::optional<PageRect> region = std::nullopt) const = 0;
};

class PdfReader {
 public:
  virtual ~PdfReader() = default;
  /// Opens a PDF. Errors (codes): PDF_CORRUPT, PDF_ENCRYPTED, PDF_TOO_MANY_PAGES, PDF_TOO_LARGE,
  /// PDF_IMAGE_BOMB (an image declared so large that decoding it would exhaust memory),
  /// PDF_STREAM_BOMB (a compressed stream that decodes to more than PdfLimits::max_stream_bytes;
  /// found by inflating each /FlateDecode stream, counting only, before the library sees the file).
  virtual Expected<std::unique_ptr<PdfDocument>> open(const std::string& path) const = 0;
};

/// The poppler-cpp implementation.
std::unique_ptr<PdfReader> make_poppler_pdf_reader(PdfLimits limits = {});

/// Where the PDF library finds its encoding data (CMaps); "" restores the
/// built-in place (Debian: /usr/share/poppler). Takes effect only while no
/// document is open (returns false otherwise): for tests that stand for a
/// machine without poppler-data, and for a portable install that ships it.
bool set_pdf_encoding_data_dir(const std::string& dir);

/// What of the PDF library's set-up changes what it draws, one line per item:
/// its version, the encoding data files (names and sizes) it finds, and whether
/// a Chinese text with a non-embedded Adobe-GB1 font is decoded and drawn.
/// Part of the inspection cache's environment fingerprint.
std::string pdf_environment_description();

}  // namespace evpack
