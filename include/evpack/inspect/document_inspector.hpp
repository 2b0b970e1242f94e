// Inspecting documents: PDF (text and scanned), and later Word/OFD.
#pragma once

#include <optional>
#include <string>

#include "evpack/adapters/ocr.hpp"
#include "evpack/adapters/pdf_reader.hpp"
#include "evpack/inspect/inspection.hpp"
#include "evpack/inspect/inspector.hpp"
#include "evpack/scan/file_record.hpp"

namespace evpack {

/// Inspects a PDF: page count, text, own document number, cited numbers,
/// 成文日期, and (when implemented) red letterhead and seal. `ocr` may be null.
/// Never throws; corrupt/encrypted/huge PDFs become findings with readable == false.
Inspection inspect_pdf(const std::string& path, const FileRecord& record, const PdfReader& pdf, Ocr* ocr,
                       const InspectOptions& options);

/// Inspects a picture (JPEG, PNG ...) as a photo of a page of a document when it
/// shows one: a four-sided sheet in a paper's proportion, whole in the picture,
/// holding lines of type. The sheet is flattened and read like a colour scan
/// (letterhead, number, seal, 成文日期); a sheet too coarse or too oblique to show a
/// missing letterhead or seal gives "cannot verify" with the reason. `orientation`
/// is the picture's EXIF orientation. nullopt when the picture shows no such page
/// (or cannot be decoded: the photo inspector reports that). Never throws.
std::optional<Inspection> inspect_image_document(const std::string& path, const FileRecord& record, int orientation,
                                                 Ocr* ocr, const InspectOptions& options);

/// Inspects a Word .docx: its text gives the number, title and date; the letterhead
/// cannot be judged and there is no seal (a Word file does not satisfy D.6).
/// Unreadable files become findings with readable == false.
Inspection inspect_word(const std::string& path, const FileRecord& record, const InspectOptions& options);

/// Fills document facts that come from text alone (number, cited numbers, date,
/// header text, title). Used for PDF text layers, OCR output and Word text.
void read_document_text(const std::string& text, DocumentFacts& facts);

/// How a scanned number's brackets were judged, for verdict reasons: from the ink
/// of the scan, or not (then 〔〕 stands and the original decides).
std::string scan_bracket_note(const DocumentFacts& facts);

}  // namespace evpack
