// Small previews of the evidence for the HTML report, made after the check (app/), so
// that report/ only embeds bytes it is handed.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "evpack/evaluate/check_result.hpp"

namespace evpack {

/// How thumbnails are made.
struct ThumbnailOptions {
  /// First-page render resolution for PDFs the inspector left without a preview
  /// (A4 at 24 dpi is 198 x 281 px).
  double pdf_dpi = 24;
  int jobs = 0;  ///< worker threads; 0 = all cores
  /// Called from worker threads after each file: (done, total). May be empty.
  std::function<void(std::size_t, std::size_t)> progress;
};

/// Small JPEG previews (kPreviewSide, kPreviewQuality), one per entry of result.evidence
/// (same order): photos and screenshots upright (the inspector's PhotoFacts::preview, made
/// from the pixels it decoded anyway), HEIC pictures, and the first page of PDFs (the
/// inspector's DocumentFacts::preview). Empty for other kinds and for files that cannot be
/// decoded (the check already reported those). Computed in parallel; never throws for a bad
/// file. Files without a preview are read from FileRecord::disk_path, so they must still
/// exist: a checked archive's temp folder lives as long as the result (CheckResult::unpacked_input).
std::vector<std::string> make_thumbnails(const CheckResult& result, const ThumbnailOptions& options = {});

}  // namespace evpack
