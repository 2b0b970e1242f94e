// Unpacking an untrusted zip (a received package, or `evpack check x.zip`) into a private
// temp folder so the ordinary check can run on it. Hostile or odd entries are reported as
// findings and skipped, never obeyed: paths that escape (zip-slip), absolute paths, symlinks,
// encrypted entries, duplicate names, bombs (size, ratio, entry-count limits), corrupt data.
// Nested zips are opened one level deep, under the same limits; the byte and entry budgets
// are shared by all levels of one extraction (a nested zip gets no fresh budget).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "evpack/core/expected.hpp"
#include "evpack/core/types.hpp"

namespace evpack {

/// Limits on what an untrusted zip may make us write.
struct ZipSafetyLimits {
  /// Entries of all levels together. A zip listing more is refused before anything is unpacked.
  std::uint64_t max_entries = 100'000;
  /// Bytes unpacked by one extraction, all nesting levels together (the run's budget in $TMPDIR).
  std::uint64_t max_total_bytes = 32ull << 30;
  std::uint64_t max_entry_bytes = 4ull << 30;  ///< one entry, uncompressed
  double max_ratio = 200;                      ///< uncompressed / compressed, every entry (no size floor)
  double max_total_ratio = 100;                ///< declared uncompressed total / size of the zip file
  int max_nested_depth = 1;                    ///< zips inside the zip that are opened
};

/// A zip unpacked into a private folder (mode 0700 under $TMPDIR); the folder is removed
/// when the object is destroyed. Move-only.
class ZipExtraction {
 public:
  ZipExtraction() = default;
  ~ZipExtraction();
  ZipExtraction(ZipExtraction&& other) noexcept;
  ZipExtraction& operator=(ZipExtraction&& other) noexcept;
  ZipExtraction(const ZipExtraction&) = delete;
  ZipExtraction& operator=(const ZipExtraction&) = delete;

  std::string root;               ///< the private folder holding the unpacked entries
  std::vector<Finding> findings;  ///< hostile, odd or unreadable entries (file = entry name)
  std::size_t entries = 0;        ///< entries listed in the zip (outer level)
  std::size_t files_written = 0;  ///< files unpacked, nested ones included
  std::uint64_t bytes_written = 0;

  /// Where the evidence starts: the single top folder when the zip holds only one, and its
  /// data/ folder when that top folder is a BagIt bag (an evpack package).
  std::string content_root() const;
  /// The bag folder (holding bagit.txt), or "" when the zip is not a bag.
  std::string bag_root() const;
};

/// Unpacks `zip_path`. Fails only when the file is no readable zip at all (ZIP_UNREADABLE,
/// ZIP_NOT_ZIP, ZIP_CORRUPT) or the temp folder cannot be made (EXTRACT_FAILED); everything
/// else becomes a finding: ZIP_PATH_TRAVERSAL, ZIP_SYMLINK, ZIP_ENCRYPTED, ZIP_DUPLICATE_NAME,
/// ZIP_BOMB (sizes, ratios, the shared budget, overlapping entries), ZIP_TOO_MANY_ENTRIES, ZIP_ENTRY_CORRUPT, ZIP_ENTRY_UNSUPPORTED, ZIP_SIZE_MISMATCH,
/// ZIP_NAME_GBK, ZIP_NESTED, ZIP_NESTED_TOO_DEEP, EXTRACT_FAILED (disk full …).
Expected<ZipExtraction> extract_zip_safely(const std::string& zip_path, const ZipSafetyLimits& limits = {});

/// True when `path` names a regular file that starts like a zip ("PK\x03\x04", or an empty
/// zip's "PK\x05\x06").
bool looks_like_zip_file(const std::string& path);

}  // namespace evpack
