// What the parts of the document inspector share: resolutions, page zones and
// the shape of a document finding. Internal to src/inspect.
#pragma once

#include <string>

#include "evpack/inspect/inspection.hpp"
#include "evpack/scan/file_record.hpp"

namespace evpack {

// Resolution of the colour analysis: a 42 mm seal is ~100 px, a 0.5 mm rule ~1 px.
inline constexpr double kMarksDpi = 60;
// The letterhead and its rule lie in the upper half of the first page.
inline constexpr double kHeadZoneMm = 150;
// Pages searched for a seal (the last pages first, where seals are): enough for a
// document with attachments, bounded for a 2,000-page scan.
inline constexpr int kMaxSealPages = 40;
inline constexpr double kMmPerPt = 25.4 / 72;
// Below this resolution a scan or photo of paper does not show a letterhead or a
// seal reliably enough to call them absent (measured on the red-header documents
// of the docset rasterised at 30-100 dpi, docs/ARCHITECTURE.md): their verdicts
// become "cannot verify" instead.
inline constexpr double kMinScanDpi = 100;
inline constexpr double kOcrDpi = 200;
// The second reading of a 成文日期 or a number line not read whole at kOcrDpi.
inline constexpr double kRetryOcrDpi = 300;

/// A finding about the document `record` (no indicator: mapping adds it).
Finding doc_finding(const FileRecord& record, std::string code, Severity severity, DeductionRole role,
                    std::string message, std::string advice);

}  // namespace evpack
