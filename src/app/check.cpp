#include "evpack/app/check.hpp"

#include <atomic>
#include <boost/filesystem.hpp>

#include "evpack/adapters/metadata_reader.hpp"
#include "evpack/adapters/ocr.hpp"
#include "evpack/adapters/pdf_reader.hpp"
#include "evpack/evaluate/mapping.hpp"
#include "evpack/package/zip_extract.hpp"
#include "evpack/rules/rule_loader.hpp"
#include "evpack/scan/scanner.hpp"
#include "evpack/util/thread_pool.hpp"

namespace evpack {

Expected<CheckResult> run_check(const CheckOptions& options) {
  auto rules = load_rule_set(options.rules_path);
  if (!rules) return rules.error();

  // A zip (a received package, or the evidence zipped): unpack it into a private temp
  // folder with the hostile-zip checks, check that folder, and report the zip as the input.
  if (looks_like_zip_file(options.input)) {
    auto extracted = extract_zip_safely(options.input);
    if (!extracted) return extracted.error();
    CheckOptions inner = options;
    inner.input = extracted->content_root();
    auto result = run_check(inner);
    if (!result) return result.error();
    result->scan.root = options.input;
    result->findings.insert(result->findings.end(), extracted->findings.begin(), extracted->findings.end());
    sort_findings(result->findings);
    return result;
  }

  const int jobs = options.jobs > 0 ? options.jobs : default_jobs();
  ScanOptions scan_options;
  scan_options.jobs = jobs;
  auto scan = scan_tree(options.input, scan_options);
  if (!scan) return scan.error();

  CheckResult result;
  result.rules = std::move(rules.value());
  result.scan = std::move(scan.value());

  // exiv2's XMP parser must be initialised before worker threads use it.
  init_metadata_library();

  const auto& files = result.scan.files;
  result.evidence.resize(files.size());
  std::vector<Toolbox> toolboxes(static_cast<std::size_t>(jobs));
  for (auto& tools : toolboxes) tools = make_default_toolbox(options.inspect);

  const boost::filesystem::path root(options.input);
  std::atomic<std::size_t> done{0};
  // Each worker owns its toolbox; results land at the file's index, so the
  // merged order is the scan order whatever the scheduling.
  parallel_for(files.size(), jobs, [&](std::size_t index, int worker) {
    const FileRecord& file = files[index];
    const std::string path = file.disk_path.empty() ? (root / file.rel_path).string() : file.disk_path;
    Evidence& e = result.evidence[index];
    e.file = file;
    e.inspection = inspect_file(path, file, toolboxes[static_cast<std::size_t>(worker)], options.inspect);
    e.placement = map_file(result.rules, file);
    const std::size_t n = ++done;
    if (options.progress) options.progress(n, files.size());
  });

  result.evaluation = evaluate(result.rules, result.evidence, options.evaluate);

  result.findings = result.scan.findings;
  for (const auto& e : result.evidence) {
    result.findings.insert(result.findings.end(), e.inspection.findings.begin(), e.inspection.findings.end());
  }
  result.findings.insert(result.findings.end(), result.evaluation.findings.begin(), result.evaluation.findings.end());
  sort_findings(result.findings);
  return result;
}

}  // namespace evpack
