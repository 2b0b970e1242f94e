// Pages whose text this machine did not draw (fonts not embedded and not
// available here, encoding data missing). Internal to src/inspect.
#pragma once

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "evpack/adapters/pdf_reader.hpp"
#include "evpack/inspect/inspection.hpp"
#include "evpack/scan/file_record.hpp"

namespace evpack {

/// Pages whose text this machine did not draw (fonts not embedded and not
/// available here, encoding data missing), and the fonts concerned.
struct FontTrouble {
  std::vector<int> pages;          ///< 1-based
  std::vector<std::string> fonts;  ///< names, each once
  bool text_lost = false;          ///< the text itself could not be decoded (no text layer came out)
  bool on_page(int page) const { return std::find(pages.begin(), pages.end(), page) != pages.end(); }
  bool any() const { return !pages.empty(); }
};

/// Looks at the fonts of the pages the verdicts rest on (`page_images`: index and
/// its render at `dpi`).
FontTrouble check_fonts(const PdfDocument& doc, const std::vector<std::pair<int, const RasterImage*>>& page_images,
                        double dpi, bool has_text_layer);

/// Verdicts on a document some of whose pages this machine did not draw: an
/// "absent" letterhead or seal becomes "cannot verify", and a finding says why.
void judge_with_missing_fonts(const FontTrouble& fonts, const FileRecord& record, DocumentFacts& facts,
                              std::vector<Finding>& findings);

}  // namespace evpack
