// Fake inspectors for run_check (CheckOptions::inspector): facts made from the file's
// name and kind alone, never from its bytes, so evaluation, report and package tests run
// without PDF rendering, EXIF or OCR (the sample in well under a second). Each fake says
// what a real inspector would find in a well-made file; tests change one fact to plant a
// defect (FakeInspectors' functions are plain std::function members).
#pragma once

#include <functional>
#include <string>

#include "evpack/app/check.hpp"

namespace evpack::testing {

/// A document (PDF, OFD, Word): red letterhead, own number and red seal present; the
/// 成文日期 is the date in the file name (or its folders), when there is one.
Inspection fake_document_inspection(const FileRecord& file);

/// A photo: EXIF camera time and a burned-in watermark time that agree, both the date in
/// the file name (or its folders) at 10:00; no watermark and no EXIF when there is none.
Inspection fake_photo_inspection(const FileRecord& file);

/// A screenshot (a PNG, or a picture whose name says 截图/截屏): the publication date is
/// the date in the name.
Inspection fake_screenshot_inspection(const FileRecord& file);

/// Any other file (spreadsheets, text, videos): readable, no facts beyond its date.
Inspection fake_other_inspection(const FileRecord& file);

/// One fake per kind, replaceable one by one.
struct FakeInspectors {
  std::function<Inspection(const FileRecord&)> document = fake_document_inspection;
  std::function<Inspection(const FileRecord&)> photo = fake_photo_inspection;
  std::function<Inspection(const FileRecord&)> screenshot = fake_screenshot_inspection;
  std::function<Inspection(const FileRecord&)> other = fake_other_inspection;
  /// Called once per file (from worker threads): how many files were "inspected".
  std::function<void(const FileRecord&)> on_inspect;
};

/// The FileInspector to put in CheckOptions::inspector: dispatches by the file's kind and name.
FileInspector fake_inspector(FakeInspectors fakes = {});

/// Fakes that answer from a generator's labels file (samples/*.labels.json: the truth the
/// files were made with: dates, letterhead, number, seal, watermark and EXIF times, capture
/// dates), matched by content (SHA-256 of the files under `evidence_dir`), so renamed copies
/// (the packed data of a package) get the same facts. Unlabelled files get the name-based fakes.
FakeInspectors labelled_fakes(const std::string& evidence_dir, const std::string& labels_json);

/// offline_check_options (support/check_options.hpp) with the fake inspectors.
CheckOptions fake_check_options(const std::string& input, FakeInspectors fakes = {});

}  // namespace evpack::testing
