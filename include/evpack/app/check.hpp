// The `check` job: scan -> inspect -> map -> evaluate, as one call.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "evpack/core/expected.hpp"
#include "evpack/evaluate/check_result.hpp"
#include "evpack/evaluate/evaluation.hpp"
#include "evpack/inspect/inspector.hpp"
#include "evpack/package/zip_extract.hpp"
#include "evpack/rules/rule_set.hpp"
#include "evpack/scan/file_record.hpp"

namespace evpack {

/// OCR engines a check runs at most: two keep a 2-core PC busy and bound the
/// memory (about 50-60 MB each) on any number of cores.
inline constexpr int kDefaultOcrEngines = 2;

/// Inspects one file instead of the real inspectors (inspect_file with a Toolbox): tests
/// inject fakes (tests/fakes/) so that evaluation, report and package tests need no PDF
/// rendering, EXIF or OCR. `path` is where the file is on disk. Called from worker
/// threads at once: must be thread-safe. Must not throw.
using FileInspector = std::function<Inspection(const std::string& path, const FileRecord& file)>;

struct CheckOptions {
  std::string input;       ///< evidence folder, or a zip (unpacked into a private temp folder first)
  std::string rules_path;  ///< rule file
  /// Worker threads; 0 = hardware concurrency, with at most twice ocr_engines
  /// workers inspecting files when OCR is on.
  int jobs = 0;
  /// OCR engines the workers share (OcrPool); 0 = kDefaultOcrEngines. Never more than the workers.
  int ocr_engines = 0;
  InspectOptions inspect;
  EvaluateOptions evaluate;
  /// Inspection cache (InspectionCache): the directory of its entries and what
  /// inspects (program_fingerprint()). Either empty: every file is inspected.
  std::string cache_dir;
  std::string cache_build;
  /// Called from worker threads after each file: (done, total). May be empty.
  std::function<void(std::size_t, std::size_t)> progress;
  /// Polled before each file (from worker threads); true stops the check with CHECK_CANCELLED.
  std::function<bool()> cancelled;
  /// `input` as the caller already unpacked it (verify, which checks the bag in it first):
  /// checked instead of unpacking `input` again, and kept by the result. May be null.
  std::shared_ptr<const ZipExtraction> unpacked;
  /// Empty: the real inspectors. Set: every file is inspected by it (no OCR engines are
  /// started, options.inspect only passes through the cache key).
  FileInspector inspector;
};

/// Runs the whole check. Fails only on usage errors (missing input, bad rule file, an archive
/// that is no archive), or with CHECK_CANCELLED when `options.cancelled` said so. An archive
/// as input is unpacked here (the one place) into a private temp folder, which the result
/// keeps (CheckResult::unpacked_input); the unpacking's findings count in the deductions
/// they name, like the scanner's, and are listed with the rest.
Expected<CheckResult> run_check(const CheckOptions& options);

/// False when the checked folder holds nothing that looks like evidence: no file at all, or
/// only files that are neither documents, pictures, spreadsheets nor videos and map to no
/// indicator (a wrong folder). The command line then says so and exits with code 4.
bool has_evidence_like_files(const CheckResult& result);

/// Corrects the 机关代字 OCR read on scans when it is one character away from
/// exactly one 代字 the archive's text PDFs or file names use (者交字 → 青交字),
/// unless the file's name or letterhead shows the character read (临交字 of a
/// 临山市 notice stands), or a known 代字 with one stray character in front
/// (有临交字 → 临交字); a tie between two 代字 goes to the one whose character the
/// letterhead shows. The corrected verdict says what was read. run_check
/// calls it after inspection.
void correct_scanned_agencies(std::vector<Evidence>& evidence);

}  // namespace evpack
