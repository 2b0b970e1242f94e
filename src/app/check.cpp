#include "evpack/app/check.hpp"

#include <algorithm>
#include <atomic>
#include <boost/filesystem.hpp>
#include <chrono>
#include <memory>
#include <numeric>
#include <optional>
#include <set>

#include "evpack/adapters/digest.hpp"
#include "evpack/adapters/metadata_reader.hpp"
#include "evpack/adapters/ocr.hpp"
#include "evpack/adapters/pdf_reader.hpp"
#include "evpack/adapters/zip_archive.hpp"
#include "evpack/app/inspection_cache.hpp"
#include "evpack/evaluate/file_checks.hpp"
#include "evpack/evaluate/mapping.hpp"
#include "evpack/inspect/doc_number.hpp"
#include "evpack/inspect/document_inspector.hpp"
#include "evpack/inspect/ocr_pool.hpp"
#include "evpack/inspect/scene_text_pool.hpp"
#include "evpack/rules/calendar.hpp"
#include "evpack/rules/rule_loader.hpp"
#include "evpack/scan/scanner.hpp"
#include "evpack/util/text.hpp"
#include "evpack/util/thread_pool.hpp"

namespace evpack {

namespace {

// An entry no run has used for this long is removed: its file has changed or left the archive.
constexpr std::chrono::hours kCacheEntryLife{24 * 90};

}  // namespace

// OCR of a scan often gets one character of the 机关代字 wrong (者交字 for 青交字,
// 青效字 for 青交字). The archive's own text PDFs, and numbers written in file names,
// show the 代字 the bureau really uses: an OCR'd 代字 one character away from exactly
// one of them is corrected, and the verdict says so.
void correct_scanned_agencies(std::vector<Evidence>& evidence) {
  std::set<std::string> known;
  for (const Evidence& e : evidence) {
    const auto& doc = e.inspection.document;
    if (doc && !doc->scanned && doc->own_number) known.insert(doc->own_number->agency);
    for (const auto& found : find_doc_numbers(e.file.file_name())) known.insert(found.number.agency);
  }
  for (Evidence& e : evidence) {
    auto& doc = e.inspection.document;
    if (!doc || !doc->scanned || !doc->own_number || known.count(doc->own_number->agency) > 0) continue;
    const auto read = split_utf8_chars(doc->own_number->agency);
    const std::string* match = nullptr;
    int matches = 0;
    // Ties (吾交字 is one character from both 青交字 and 临交字) go to the 代字 whose
    // character the letterhead or the file name shows (青石县交通运输局文件).
    const std::string* shown = nullptr;
    int shown_matches = 0;
    for (const std::string& agency : known) {
      const auto chars = split_utf8_chars(agency);
      if (chars.size() != read.size() || chars.size() < 2) continue;
      int diff = 0;
      std::size_t at = 0;
      for (std::size_t i = 0; i < chars.size(); ++i) {
        if (chars[i] != read[i]) {
          ++diff;
          at = i;
        }
      }
      // 临交字 and 青交字 are both real: when the file's name or its letterhead
      // shows the character OCR read (临山市…通知), the reading stands.
      const bool read_is_evidenced = e.file.rel_path.find(read[at]) != std::string::npos ||
                                     doc->letterhead_text.find(read[at]) != std::string::npos;
      if (diff == 1 && !read_is_evidenced) {
        match = &agency;
        ++matches;
        if (e.file.rel_path.find(chars[at]) != std::string::npos ||
            doc->letterhead_text.find(chars[at]) != std::string::npos) {
          shown = &agency;
          ++shown_matches;
        }
      }
    }
    if (matches > 1 && shown_matches == 1) {
      match = shown;
      matches = 1;
    }
    // A stray mark at the margin read as one more character in front (有临交字).
    if (matches == 0 && read.size() >= 3) {
      std::string rest;
      for (std::size_t i = 1; i < read.size(); ++i) rest += read[i];
      if (known.count(rest) > 0) {
        match = &*known.find(rest);
        matches = 1;
      }
    }
    if (matches != 1) continue;
    DocNumber& number = *doc->own_number;
    const std::string was = number.text;
    number.text = *match + number.text.substr(number.agency.size());
    number.agency = *match;
    doc->number.reason = "扫描件识别出发文字号“" + number.text + "”（机关代字按本材料中其他文件校正，原识别为“" + was +
                         "”；" + scan_bracket_note(*doc) + "）";
  }
}

namespace {

// The order files are inspected in (see check_tree): documents, largest first, then
// PNG files, then everything else in scan order.
int inspection_rank(const FileRecord& file) {
  return file.kind == ContentKind::Pdf ? 0 : file.kind == ContentKind::Png ? 1 : 2;
}

std::vector<std::size_t> inspection_order(const std::vector<FileRecord>& files) {
  std::vector<std::size_t> order(files.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    const int ra = inspection_rank(files[a]);
    const int rb = inspection_rank(files[b]);
    if (ra != rb) return ra < rb;
    return ra == 0 && files[a].size > files[b].size;
  });
  return order;
}

// One toolbox per inspecting worker (empty ones when a test injects its inspector).
std::vector<Toolbox> worker_toolboxes(const CheckOptions& options, const InspectOptions& inspect, int jobs) {
  // The workers share a few OCR engines: each takes 50-60 MB, so one per worker
  // would make the memory grow with the core count. OCR is about half of the
  // inspection's CPU, so by default there are at most twice as many workers as
  // engines: more would mostly wait for an engine, each holding its own pages
  // and pictures (10-20 MB) meanwhile.
  const int ocr_engines = options.ocr_engines > 0 ? options.ocr_engines : kDefaultOcrEngines;
  const bool real_inspectors = !options.inspector;
  const bool ocr = options.inspect.ocr && real_inspectors;
  const int workers = options.jobs > 0 || !ocr ? jobs : std::min(jobs, 2 * ocr_engines);
  const auto ocr_pool = ocr ? std::make_shared<OcrPool>(std::min(workers, ocr_engines)) : nullptr;
  // The scene-text models (the general watermark path) are shared the same way,
  // by one engine: it keeps about 190 MB (the detector's working memory at 640x640
  // is 100 MB of it), and only photos whose stamp the fast path could not confirm
  // use it, a second reading of a few lines at 50-150 ms each.
  const auto scene_text_pool = ocr ? std::make_shared<SceneTextPool>(1) : nullptr;
  std::vector<Toolbox> toolboxes(static_cast<std::size_t>(workers));
  if (real_inspectors) {
    for (auto& tools : toolboxes) tools = make_default_toolbox(inspect, ocr_pool, scene_text_pool);
  }
  return toolboxes;
}

// After the inspection: the publicity ledgers, the evaluation, and every finding
// (scanner and unpacking, ledgers, inspections, evaluation) named and sorted.
void evaluate_inspected(CheckResult& result, const CheckOptions& options, const std::vector<Finding>& unpacking) {
  correct_scanned_agencies(result.evidence);
  const std::vector<Finding> ledger_notes =
      check_publicity_ledgers(result.rules, result.evidence, default_calendar_path(options.rules_path), options.input);
  // Unpacking an archive is part of reading the input: its findings join the scanner's.
  result.scan.findings.insert(result.scan.findings.end(), unpacking.begin(), unpacking.end());
  std::vector<Finding> earlier = result.scan.findings;
  result.evaluation = evaluate(result.rules, result.evidence, options.evaluate, earlier);

  result.findings = std::move(earlier);
  result.findings.insert(result.findings.end(), ledger_notes.begin(), ledger_notes.end());
  for (const auto& e : result.evidence) {
    result.findings.insert(result.findings.end(), e.inspection.findings.begin(), e.inspection.findings.end());
  }
  result.findings.insert(result.findings.end(), result.evaluation.findings.begin(), result.evaluation.findings.end());
  name_deductions(result.rules, result.findings);
  sort_findings(result.findings);
}

// Checks a folder. `unpacking` holds the findings of unpacking it from a zip: with the
// scanner's they count in the deductions they name.
Expected<CheckResult> check_tree(const CheckOptions& options, const std::vector<Finding>& unpacking) {
  auto rules = load_rule_set(options.rules_path);
  if (!rules) return rules.error();
  // Reports name the rule file's version by its bytes (the file carries no version number).
  if (auto digest = sha256_file(options.rules_path)) rules->sha256 = digest.value();

  const int jobs = options.jobs > 0 ? options.jobs : default_jobs();
  ScanOptions scan_options;
  scan_options.jobs = jobs;
  auto scan = scan_tree(options.input, scan_options);
  if (!scan) return scan.error();

  CheckResult result;
  result.rules = std::move(rules.value());
  result.scan = std::move(scan.value());
  // Which documents' bodies are read for personal numbers is rule data (D.2).
  InspectOptions inspect = options.inspect;
  if (const Deduction* privacy = result.rules.deduction_for(DeductionRole::PrivacyLeak)) {
    inspect.personal_number_keywords = privacy->personal_number_keywords;
  }

  // exiv2's XMP parser must be initialised before worker threads use it.
  init_metadata_library();

  const auto& files = result.scan.files;
  result.evidence.resize(files.size());
  std::vector<Toolbox> toolboxes = worker_toolboxes(options, inspect, jobs);
  const int workers = static_cast<int>(toolboxes.size());
  const bool real_inspectors = !options.inspector;

  std::optional<InspectionCache> cache;
  if (!options.cache_dir.empty() && !options.cache_build.empty()) {
    cache.emplace(options.cache_dir, options.cache_build, inspect);
  }

  const boost::filesystem::path root(options.input);
  std::atomic<std::size_t> done{0};
  // Each worker owns its toolbox; results land at the file's index, so the
  // merged order is the scan order whatever the scheduling.
  // Documents first, largest first (a 300-page scan must not start last), then
  // PNG files (screen captures, mostly), then everything else in scan order.
  // Besides balancing the load, this lets a worker drop its document OCR (Chinese
  // only) once it reaches the photos, which use Chinese+English: when no worker
  // reads PDFs or captures any more, the pool restarts its Chinese-only engines
  // for the photos. Captures are read Chinese-only too (inspect_photo's
  // screen_ocr): a quarter less CPU than English first, and their small grey
  // type is not taken for letters.
  const auto rank = [&](std::size_t i) { return inspection_rank(files[i]); };
  const std::vector<std::size_t> order = inspection_order(files);
  parallel_for(order.size(), workers, [&](std::size_t position, int worker) {
    if (options.cancelled && options.cancelled()) return;
    const std::size_t index = order[position];
    const FileRecord& file = files[index];
    Toolbox& tools = toolboxes[static_cast<std::size_t>(worker)];
    if (rank(index) == 2 && tools.document_ocr) tools.document_ocr.reset();
    const std::string path = file.disk_path.empty() ? (root / file.rel_path).string() : file.disk_path;
    Evidence& e = result.evidence[index];
    e.file = file;
    auto cached = cache ? cache->find(file) : std::nullopt;
    if (cached) {
      e.inspection = std::move(*cached);
    } else {
      e.inspection = real_inspectors ? inspect_file(path, file, tools, inspect) : options.inspector(path, file);
      // A file cut short by its time budget may read fully on a less busy machine.
      const bool cut_short = std::any_of(e.inspection.findings.begin(), e.inspection.findings.end(),
                                         [](const Finding& f) { return f.code == "FILE_TIME_LIMIT"; });
      if (cache && !cut_short) cache->store(file, e.inspection);
    }
    e.placement = map_file(result.rules, file);
    add_privacy_findings(e, path);
    const std::size_t n = ++done;
    if (options.progress) options.progress(n, files.size());
  });

  if (options.cancelled && options.cancelled()) return Error{"CHECK_CANCELLED", "检查已取消"};
  if (cache) {
    result.reused_inspections = cache->hits();
    cache->prune(kCacheEntryLife);
  }
  evaluate_inspected(result, options, unpacking);
  return result;
}

}  // namespace

Expected<CheckResult> run_check(const CheckOptions& options) {
  std::shared_ptr<const ZipExtraction> unpacked = options.unpacked;
  // An archive (a received package, or the evidence zipped): unpack it into a private temp
  // folder with the hostile-zip checks, check that folder, and report the zip as the input.
  if (!unpacked && sniff_archive_kind(options.input) != ArchiveKind::None) {  // zip, 7z, rar, tar.*
    if (auto rules = load_rule_set(options.rules_path); !rules) return rules.error();
    auto extracted = extract_zip_safely(options.input);
    if (!extracted) return extracted.error();
    unpacked = std::make_shared<const ZipExtraction>(std::move(extracted.value()));
  }
  if (!unpacked) return check_tree(options, {});
  CheckOptions inner = options;
  inner.input = unpacked->content_root();
  auto result = check_tree(inner, unpacked->findings);
  if (!result) return result.error();
  result->scan.root = options.input;
  result->unpacked_input = unpacked;
  return result;
}

bool has_evidence_like_files(const CheckResult& result) {
  return std::any_of(result.evidence.begin(), result.evidence.end(), [](const Evidence& e) {
    switch (e.file.kind) {
      case ContentKind::Pdf:
      case ContentKind::Ofd:
      case ContentKind::Jpeg:
      case ContentKind::Png:
      case ContentKind::Heic:
      case ContentKind::OtherImage:
      case ContentKind::Docx:
      case ContentKind::Xlsx:
      case ContentKind::Pptx:
      case ContentKind::OleOffice:
      case ContentKind::Video: return true;
      default: return !e.placement.indicator.empty();
    }
  });
}

}  // namespace evpack
