// The body of scanned pages and photos of paper read whole, for the privacy scan,
// on documents that can hold personal numbers. Internal to src/inspect.
#pragma once

#include <string>
#include <vector>

#include "evpack/adapters/ocr.hpp"
#include "evpack/inspect/inspection.hpp"
#include "evpack/inspect/inspector.hpp"
#include "evpack/scan/file_record.hpp"
#include "upright_pages.hpp"

namespace evpack {

/// Whether the file's path (folders and name) holds a word of
/// options.personal_number_keywords (承诺书, 签到, 台账 … from the rule set).
bool may_hold_personal_numbers(const FileRecord& record, const InspectOptions& options);

/// Reads the body of the upright `pages` (at most kMaxBodyPages, each once) into
/// `out.body_text`, pages parted by '\f'. `source_dpi` is the resolution of the
/// scan or of the photographed paper: below the floor nothing is read and a
/// PRIVACY_UNVERIFIED finding asks for a manual check. Never throws.
void read_body_text(const UprightPages& pages, Ocr* ocr, double source_dpi, const FileRecord& record, Inspection& out);

}  // namespace evpack
