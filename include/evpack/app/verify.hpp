// `evpack verify`: checks a zip that was received (an evpack package or any other zip of
// evidence): its structure, hostile entries, the BagIt manifest (missing, extra, altered
// files), and re-runs the check on its contents, unpacked only into a private temp folder.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "evpack/app/check.hpp"
#include "evpack/core/expected.hpp"
#include "evpack/package/zip_extract.hpp"

namespace evpack {

struct VerifyOptions {
  CheckOptions check;     ///< `input` and `unpacked` are ignored (set to the package and its unpacked copy)
  bool run_check = true;  ///< false: structure and manifest only
  ZipSafetyLimits limits;
};

/// What the manifest comparison found.
struct ManifestReport {
  bool is_bag = false;                   ///< bagit.txt present
  bool has_manifest = false;             ///< manifest-sha256.txt present and readable
  std::size_t listed = 0;                ///< payload files in the manifest
  std::size_t verified = 0;              ///< present with the right SHA-256
  std::vector<std::string> missing;      ///< listed, not in the zip
  std::vector<std::string> extra;        ///< in data/, not listed
  std::vector<std::string> altered;      ///< SHA-256 differs
  std::vector<std::string> tag_altered;  ///< catalogue/report/bag files that differ from tagmanifest
};

struct VerifyReport {
  std::string package;            ///< as given
  std::size_t entries = 0;        ///< entries in the zip
  std::vector<Finding> findings;  ///< structure, hostile entries, manifest (sorted)
  ManifestReport manifest;
  std::optional<CheckResult> check;  ///< the re-run check (its findings include the unpacking findings)

  /// True when the zip opened, nothing hostile was found and a manifest exists and matches:
  /// no finding of severity Error or worse.
  bool intact() const;
};

/// Verifies the zip at `path`. Errors: only usage errors (bad rule file); a zip that does
/// not open is a report with a fatal ZIP_* finding.
Expected<VerifyReport> verify_package(const std::string& path, const VerifyOptions& options);

/// Chinese text summary of a report for the terminal.
std::string render_verify_summary(const VerifyReport& report, int max_findings);

}  // namespace evpack
