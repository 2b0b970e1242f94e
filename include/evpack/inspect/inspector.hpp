// Dispatching a file to the inspector for its kind.
#pragma once

#include <memory>
#include <string>

#include "evpack/adapters/metadata_reader.hpp"
#include "evpack/adapters/ocr.hpp"
#include "evpack/adapters/pdf_reader.hpp"
#include "evpack/inspect/inspection.hpp"
#include "evpack/scan/file_record.hpp"

namespace evpack {

/// Settings shared by all inspectors.
struct InspectOptions {
  bool ocr = true;             ///< use OCR for scans/watermarks when available
  int max_text_chars = 200'000;  ///< cap on Inspection::text
  /// Watermark time and EXIF time further apart than this are a finding.
  int watermark_tolerance_minutes = 10;
};

/// The libraries an inspector may use. One Toolbox per worker thread
/// (poppler documents and Tesseract engines are not thread-safe).
struct Toolbox {
  std::unique_ptr<PdfReader> pdf;
  std::unique_ptr<MetadataReader> metadata;
  /// OCR engine; the default one starts Tesseract lazily on its first use
  /// (init costs time and tens of MB). Null when OCR is disabled.
  std::unique_ptr<Ocr> ocr;
  /// OCR engine for documents (Chinese only: with English added, Tesseract reads
  /// the 号 of 72号 as a 5). Lazy like `ocr`; null when OCR is disabled, in which
  /// case documents fall back to `ocr`. run_check inspects all PDFs first and
  /// resets this once a worker reaches the other files, so that a worker holds one
  /// Tesseract engine at a time.
  std::unique_ptr<Ocr> document_ocr;
};

/// Builds the real toolbox (poppler, exiv2, Tesseract when options.ocr).
Toolbox make_default_toolbox(const InspectOptions& options);

/// Inspects one file. Never throws: any failure becomes a Finding on the
/// returned Inspection with readable == false.
/// `path` is the absolute path on disk; `record` its scan record.
Inspection inspect_file(const std::string& path, const FileRecord& record, Toolbox& tools,
                        const InspectOptions& options);

}  // namespace evpack
