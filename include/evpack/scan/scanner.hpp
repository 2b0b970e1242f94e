// Walking an evidence tree into FileRecords (Boost.Filesystem).
#pragma once

#include <cstdint>
#include <string>

#include "evpack/core/expected.hpp"
#include "evpack/core/types.hpp"
#include "evpack/scan/file_record.hpp"

namespace evpack {

struct ScanOptions {
  bool compute_sha256 = true;
  std::uint64_t max_files = 200'000;  ///< stop with a finding beyond this
  int jobs = 0;                       ///< hashing threads; 0 = hardware concurrency
};

/// Walks `root` recursively. Never follows symlinks (a symlink becomes a finding),
/// never modifies anything, skips OS junk (Thumbs.db, .DS_Store, desktop.ini, ~$ lock
/// files) with an Info finding. Files are sorted by rel_path.
/// Fails only when `root` is not a readable directory (SCAN_ROOT_MISSING).
Expected<ScanResult> scan_tree(const std::string& root, const ScanOptions& options = {});

/// Decides the content kind from the first bytes (and zip member names).
/// `head` holds the first bytes of the file (at least 64 when available);
/// `path` is used to peek inside zip containers.
ContentKind sniff_content_kind(const std::string& path, const std::string& head, std::uint64_t size);

/// Kinds that a file extension promises ("jpg" -> Jpeg); Other when unknown.
ContentKind kind_from_extension(const std::string& extension);

}  // namespace evpack
