// Reading zip archives (libzip in src/adapters/libzip_archive.cpp): list entries,
// read the first bytes of an entry. Used to tell DOCX/XLSX/PPTX/OFD from a plain
// zip, and (later) to read received packages.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "evpack/core/expected.hpp"

namespace evpack {

/// One entry of a zip's central directory.
struct ZipEntry {
  std::string name;       ///< UTF-8; decoded from GBK (lossily) when the stored bytes are not UTF-8
  std::string raw_name;   ///< the name bytes as stored in the archive
  bool name_decoded_from_gbk = false;  ///< true when `name` is a GBK guess, not the stored bytes
  std::uint64_t size = 0;              ///< uncompressed size as declared (untrusted)
  std::uint64_t compressed_size = 0;
  bool is_directory = false;  ///< name ends with '/'
  bool encrypted = false;
};

/// Limits applied to untrusted archives.
struct ZipLimits {
  std::size_t max_entries = 100'000;  ///< entries beyond this are not listed (see ZipReader::truncated)
};

/// An open zip archive, read-only. Not thread-safe: one reader per thread.
class ZipReader {
 public:
  virtual ~ZipReader() = default;
  /// Entries in central-directory order (at most ZipLimits::max_entries).
  virtual const std::vector<ZipEntry>& entries() const = 0;
  /// True when the archive holds more entries than were listed.
  virtual bool truncated() const = 0;
  /// Up to `max_bytes` of the uncompressed data of entry `index` (from entries()).
  /// Errors: ZIP_ENTRY_ENCRYPTED, ZIP_ENTRY_UNSUPPORTED (compression method),
  /// ZIP_ENTRY_CORRUPT, ZIP_ENTRY_MISSING (bad index).
  virtual Expected<std::string> read_head(std::size_t index, std::size_t max_bytes) = 0;
};

/// Opens `path` read-only. Never follows a FIFO or device (only regular files).
/// Errors: ZIP_UNREADABLE (cannot open the file), ZIP_NOT_ZIP (no zip structure),
/// ZIP_CORRUPT (inconsistent or unsupported archive: multi-disk, truncated ...).
Expected<std::unique_ptr<ZipReader>> open_zip(const std::string& path, const ZipLimits& limits = {});

/// Convenience: the entry names (UTF-8, as in ZipEntry::name) of the zip at `path`.
Expected<std::vector<std::string>> list_zip_entry_names(const std::string& path, const ZipLimits& limits = {});

}  // namespace evpack
