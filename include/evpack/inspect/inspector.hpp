// Dispatching a file to the inspector for its kind.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "evpack/adapters/metadata_reader.hpp"
#include "evpack/adapters/ocr.hpp"
#include "evpack/adapters/pdf_reader.hpp"
#include "evpack/adapters/scene_text.hpp"
#include "evpack/inspect/inspection.hpp"
#include "evpack/scan/file_record.hpp"

namespace evpack {

class OcrPool;
class SceneTextPool;

/// Settings shared by all inspectors.
struct InspectOptions {
  bool ocr = true;               ///< use OCR for scans/watermarks when available
  int max_text_chars = 200'000;  ///< cap on Inspection::text
  /// Watermark time and EXIF time further apart than this are a finding.
  int watermark_tolerance_minutes = 10;
  /// Time budget for one file (0 = none): long loops stop when it has passed, and a file
  /// that took longer gets FILE_TIME_LIMIT (its inspection is then not cached).
  double max_seconds_per_file = 60;
  /// Words of a file's path (承诺书, 签到, 台账 …: the privacy_leak deduction's
  /// personal_number_keywords) that mark a document able to hold personal numbers:
  /// the body of its scanned pages or photographed sheet is read whole by OCR
  /// (Inspection::body_text). Empty: no body is read.
  std::vector<std::string> personal_number_keywords;
};

/// Languages of the OCR of photos and screenshots, and of documents (Chinese
/// only: with English added, Tesseract reads the 号 of 72号 as a 5).
/// Photos put English first: Tesseract reads each word in the first language and
/// tries the others only when that reading is not acceptable, and a Chinese
/// reading rarely is (no dictionary words without spaces), so "chi_sim+eng" read
/// most words twice. The small English model settles the digits of a time
/// stamp on its own. Measured (tools/bench-photos.sh, seed 4): 9 % less CPU on
/// the labelled set, 15 % on the 12-megapixel bench photos, 19 % on screen
/// captures; watermark recall unchanged, one more time read to the minute.
inline constexpr const char* kPhotoOcrLanguages = "eng+chi_sim";
inline constexpr const char* kDocumentOcrLanguages = "chi_sim";

/// The libraries an inspector may use. One Toolbox per worker thread
/// (poppler documents are not thread-safe).
struct Toolbox {
  std::unique_ptr<PdfReader> pdf;
  std::unique_ptr<MetadataReader> metadata;
  /// OCR of photos and screenshots; null when OCR is disabled. The default one
  /// borrows a Tesseract engine from an OcrPool per call; engines start on first
  /// use (init costs 0.1-0.2 s and about 50-60 MB).
  std::unique_ptr<Ocr> ocr;
  /// OCR of documents and screen captures, in kDocumentOcrLanguages; null when OCR
  /// is disabled, in which case they fall back to `ocr`. run_check inspects all
  /// PDFs and then all PNG files first and resets this once a worker reaches the
  /// other files, which tells the pool that the worker needs no Chinese-only
  /// engine any more (captures found among them are read with `ocr`).
  std::unique_ptr<Ocr> document_ocr;
  /// Text detection and line recognition in photos (the general watermark path);
  /// null when OCR is disabled. The default one borrows an engine from a
  /// SceneTextPool per call; engines load their models on first use.
  std::unique_ptr<SceneText> scene_text;
};

/// Builds the real toolbox (poppler, exiv2, and Tesseract when options.ocr).
/// Its OCR comes from `ocr_pool`, shared by all the workers of a run; without
/// one, the toolbox gets a pool of its own with an engine per language set.
/// Likewise its scene text comes from `scene_text_pool` (or a pool of one engine).
Toolbox make_default_toolbox(const InspectOptions& options, std::shared_ptr<OcrPool> ocr_pool = {},
                             std::shared_ptr<SceneTextPool> scene_text_pool = {});

/// Inspects one file. Never throws: any failure becomes a Finding on the
/// returned Inspection with readable == false.
/// `path` is the absolute path on disk; `record` its scan record.
Inspection inspect_file(const std::string& path, const FileRecord& record, Toolbox& tools,
                        const InspectOptions& options);

}  // namespace evpack
