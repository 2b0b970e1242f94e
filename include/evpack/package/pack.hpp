// Writing the acceptance package: the planned files, the catalogue, the self-check report
// and BagIt manifests into one zip (or several volumes), atomically, then re-reading every
// entry to check it against the manifest before the zip appears at its target path.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "evpack/adapters/zip_archive.hpp"
#include "evpack/core/expected.hpp"
#include "evpack/evaluate/check_result.hpp"
#include "evpack/package/package_plan.hpp"

namespace evpack {

/// Where a long pack run is.
struct PackProgress {
  enum class Phase { Writing, Verifying };
  Phase phase = Phase::Writing;
  std::size_t files_done = 0;
  std::size_t files_total = 0;
  std::uint64_t bytes_done = 0;
  std::uint64_t bytes_total = 0;
};

struct PackOptions {
  std::string output;  ///< target zip ("青石县验收材料.zip"); volumes get "-第N卷" before ".zip"
  PlanOptions plan;    ///< an empty bag_name becomes the output file's stem
  ZipNameEncoding names = ZipNameEncoding::Utf8;
  /// Entry time and Bagging-Date, seconds since the epoch. -1: $SOURCE_DATE_EPOCH when set,
  /// else the newest modification time among the packed files (so the same tree gives the same zip).
  std::int64_t mtime = -1;
  std::string tool_version;  ///< shown in the catalogue and bag-info.txt
  std::string input_label;   ///< the input as the user gave it (for the JSON report)
  /// Check date shown in 自检报告.html; quarters and months after it are "not due" there.
  /// Invalid: no date shown, every period due.
  CivilDate check_date;
  /// The thumbnails of 自检报告.html (JPEG bytes, one per evidence; make_thumbnails in app/),
  /// asked for once the plan is accepted. Empty: the report has none.
  std::function<std::vector<std::string>()> report_thumbnails;
  int jobs = 0;  ///< threads for the verification pass; 0 = default
  /// Polled while writing and verifying; true stops with PACK_CANCELLED (no zip is left behind).
  std::function<bool()> cancelled;
  /// Called with the progress; calls are serialised, never concurrent.
  std::function<void(const PackProgress&)> progress;
};

struct PackResult {
  PackagePlan plan;
  std::vector<std::string> outputs;      ///< zip paths, one per volume
  std::vector<std::uint64_t> zip_sizes;  ///< bytes of each zip
  std::uint64_t payload_bytes = 0;
  double write_seconds = 0;
  double verify_seconds = 0;
  double sync_seconds = 0;  ///< fsync and rename of the verified volumes
};

/// Parses a volume size such as "200M", "1.5G", "500K" or "1000000" (decimal units: 200M is
/// 200,000,000 bytes, which fits a portal limit of 200 MB in either reading). nullopt when invalid.
std::optional<std::uint64_t> parse_size(const std::string& text);

/// Path of volume `volume` (0-based) of `volumes`: the output itself for one volume,
/// "青石县验收材料-第2卷.zip" otherwise.
std::string volume_path(const std::string& output, int volume, int volumes);

/// Plans and writes the package. Nothing appears at the target path(s) unless every volume
/// was written and verified. Errors: those of plan_package, PACK_WRITE_FAILED (disk full,
/// unreadable file …), PACK_VERIFY_FAILED (an entry differs from the manifest: the file
/// changed after the check), PACK_CANCELLED.
Expected<PackResult> write_package(const CheckResult& check, const PackOptions& options);

/// One entry expected in a written zip.
struct ExpectedEntry {
  std::string name;
  std::uint64_t size = 0;
  std::uint32_t crc32 = 0;
  std::string sha256;
};

/// Re-opens the zip at `path` and checks that it holds exactly `entries`: names, sizes,
/// CRC-32 (libzip verifies the data against it) and SHA-256 of every entry's data.
/// `progress` receives bytes read (serialised). Errors: PACK_VERIFY_FAILED, PACK_CANCELLED.
Expected<bool> verify_written_zip(const std::string& path, const std::vector<ExpectedEntry>& entries, int jobs,
                                  const std::function<bool()>& cancelled,
                                  const std::function<void(std::uint64_t)>& progress);

}  // namespace evpack
