// Times each stage of `evpack check` on an evidence folder and prints the figures:
//   build/bench/pipeline_bench DIR [RULES] [JOBS]
// Stages: scan (walk + SHA-256), inspect (per kind), map + evaluate. OCR is off
// unless EVPACK_BENCH_OCR=1, so the figure isolates the parsing libraries.
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <mutex>

#include "evpack/adapters/metadata_reader.hpp"
#include "evpack/evaluate/evaluation.hpp"
#include "evpack/evaluate/mapping.hpp"
#include "evpack/inspect/inspector.hpp"
#include "evpack/rules/rule_loader.hpp"
#include "evpack/scan/scanner.hpp"
#include "evpack/util/thread_pool.hpp"

namespace {

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

long peak_rss_mib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: pipeline_bench DIR [RULES] [JOBS]\n");
    return 2;
  }
  const std::string dir = argv[1];
  const std::string rules_path = argc > 2 ? argv[2] : std::string(EVPACK_SOURCE_DIR) + "/rules/shandong-2025.yaml";
  const int jobs = argc > 3 ? std::atoi(argv[3]) : evpack::default_jobs();

  auto rules = evpack::load_rule_set(rules_path);
  if (!rules) {
    std::fprintf(stderr, "%s\n", rules.error().message.c_str());
    return 2;
  }
  auto t = std::chrono::steady_clock::now();
  evpack::ScanOptions scan_options;
  scan_options.jobs = jobs;
  auto scan = evpack::scan_tree(dir, scan_options);
  if (!scan) {
    std::fprintf(stderr, "%s\n", scan.error().message.c_str());
    return 2;
  }
  const double scan_s = seconds_since(t);
  std::uint64_t bytes = 0;
  for (const auto& f : scan->files) bytes += f.size;

  evpack::InspectOptions inspect_options;
  inspect_options.ocr = std::getenv("EVPACK_BENCH_OCR") != nullptr;
  evpack::init_metadata_library();
  std::vector<evpack::Toolbox> tools(static_cast<std::size_t>(jobs));
  for (auto& tb : tools) tb = evpack::make_default_toolbox(inspect_options);
  std::vector<evpack::Evidence> evidence(scan->files.size());
  std::map<std::string, std::pair<int, double>> per_kind;  // kind -> (files, cpu seconds)
  std::mutex mutex;
  t = std::chrono::steady_clock::now();
  evpack::parallel_for(scan->files.size(), jobs, [&](std::size_t i, int worker) {
    const auto& f = scan->files[i];
    const auto start = std::chrono::steady_clock::now();
    evidence[i].file = f;
    evidence[i].inspection = evpack::inspect_file(f.disk_path.empty() ? dir + "/" + f.rel_path : f.disk_path, f,
                                                  tools[static_cast<std::size_t>(worker)], inspect_options);
    const double s = seconds_since(start);
    const std::lock_guard lock(mutex);
    auto& slot = per_kind[evpack::to_string(f.kind)];
    ++slot.first;
    slot.second += s;
  });
  const double inspect_s = seconds_since(t);

  t = std::chrono::steady_clock::now();
  for (auto& e : evidence) e.placement = evpack::map_file(rules.value(), e.file);
  const auto evaluation = evpack::evaluate(rules.value(), evidence, {});
  const double eval_s = seconds_since(t);

  std::printf("pipeline_bench %s: %zu files, %.1f MiB, jobs=%d, ocr=%s\n", dir.c_str(), scan->files.size(),
              static_cast<double>(bytes) / 1048576.0, jobs, inspect_options.ocr ? "on" : "off");
  std::printf("  scan+sha256   %7.2f s  (%.1f MiB/s)\n", scan_s, static_cast<double>(bytes) / 1048576.0 / scan_s);
  std::printf("  inspect       %7.2f s  (%.1f files/s)\n", inspect_s,
              static_cast<double>(scan->files.size()) / inspect_s);
  for (const auto& [kind, slot] : per_kind) {
    std::printf("    %-10s %6d files  %8.1f ms/file (cpu)\n", kind.c_str(), slot.first,
                1000.0 * slot.second / slot.first);
  }
  std::printf("  map+evaluate  %7.3f s\n", eval_s);
  std::printf("  total         %7.2f s, peak memory %ld MiB, estimated score %.1f\n", scan_s + inspect_s + eval_s,
              peak_rss_mib(), evaluation.totals.total);
  return 0;
}
