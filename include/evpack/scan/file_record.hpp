// What the scanner knows about one file of an evidence tree.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "evpack/core/types.hpp"

namespace evpack {

/// One regular file found under the evidence root (or inside a received zip).
struct FileRecord {
  std::string rel_path;   ///< UTF-8, '/'-separated, relative to the root
  std::string disk_path;  ///< path to open on disk (absolute); differs from root/rel_path
                          ///< when the name is not valid UTF-8 (GBK names)
  std::uint64_t size = 0;
  std::int64_t mtime = 0;  ///< seconds since epoch (informational only, never an evidence date)
  ContentKind kind = ContentKind::Other;
  std::string extension;            ///< lower-case, without dot ("jpg"), may be empty
  bool extension_mismatch = false;  ///< e.g. a PNG named .jpg
  std::string sha256;               ///< lower-case hex; empty when the file could not be read
  std::string read_error;           ///< Chinese; non-empty when the file could not be read

  /// Folder part of rel_path split into components (empty at the root).
  std::vector<std::string> folders() const;
  /// Last component of rel_path.
  std::string file_name() const;
};

/// Result of walking a tree: files sorted by rel_path, plus findings about the
/// tree itself (symlinks skipped, unreadable folders, loops).
struct ScanResult {
  std::string root;  ///< as given by the user (UTF-8)
  std::vector<FileRecord> files;
  std::vector<Finding> findings;
};

}  // namespace evpack
