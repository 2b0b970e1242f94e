// Zip archives. Reading (libzip, src/adapters/libzip_archive.cpp): list entries, read the
// first bytes of an entry, stream an entry with limits. Used to tell DOCX/XLSX/PPTX/OFD
// from a plain zip and to read received packages. Writing (zlib, src/adapters/zlib_zip_writer.cpp):
// a streaming writer for the acceptance package.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "evpack/core/expected.hpp"

namespace evpack {

/// One entry of a zip's central directory.
struct ZipEntry {
  std::string name;       ///< UTF-8; decoded from GBK (lossily) when the stored bytes are not UTF-8
  std::string raw_name;   ///< the name bytes as stored in the archive (libzip substitutes the
                          ///< UTF-8 name of a valid Unicode Path field 0x7075 for them)
  bool name_decoded_from_gbk = false;  ///< true when `name` is a GBK guess, not the stored bytes
  std::uint64_t size = 0;              ///< uncompressed size as declared (untrusted)
  std::uint64_t compressed_size = 0;
  bool is_directory = false;  ///< name ends with '/'
  bool encrypted = false;
  bool symlink = false;                  ///< Unix symlink entry (external attributes S_IFLNK)
  std::uint16_t method = 0;              ///< compression method id (0 store, 8 deflate, 12 bzip2 ...)
  std::uint32_t crc32 = 0;               ///< as declared in the central directory
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
  /// Streams the whole uncompressed data of entry `index` to `sink` in chunks and returns
  /// the byte count. Stops with ZIP_ENTRY_TOO_LARGE as soon as more than `max_bytes` came
  /// out (a bomb, or a header that lies about the size), with ZIP_READ_STOPPED when `sink`
  /// returns false. libzip checks the CRC at the end: a mismatch is ZIP_ENTRY_CORRUPT.
  /// Other errors as read_head.
  virtual Expected<std::uint64_t> read_entry(std::size_t index, const std::function<bool(std::string_view)>& sink,
                                             std::uint64_t max_bytes) = 0;
};

/// Opens `path` read-only. Never follows a FIFO or device (only regular files).
/// Errors: ZIP_UNREADABLE (cannot open the file), ZIP_NOT_ZIP (no zip structure),
/// ZIP_CORRUPT (inconsistent or unsupported archive: multi-disk, truncated ...).
Expected<std::unique_ptr<ZipReader>> open_zip(const std::string& path, const ZipLimits& limits = {});

/// Convenience: the entry names (UTF-8, as in ZipEntry::name) of the zip at `path`.
Expected<std::vector<std::string>> list_zip_entry_names(const std::string& path, const ZipLimits& limits = {});

// ---------------------------------------------------------------------------
// Writing

/// How an entry's data is stored. Only these two are read by every unzip tool.
enum class ZipMethod {
  Store,    ///< as is: JPEG, PNG, PDF, HEIC, MP4 and zip-based Office files are compressed already
  Deflate,  ///< deflate (zlib); an entry that does not shrink is stored instead
};

/// How entry names are encoded.
enum class ZipNameEncoding {
  Utf8,  ///< UTF-8 with the language-encoding flag (bit 11): Windows 7 and later, 7-Zip, unzip 6, Python
  Gbk,   ///< GBK bytes without the flag (old Chinese-Windows tools), plus an Info-ZIP Unicode Path
         ///< extra field (0x7075) holding the UTF-8 name for tools that read it
};

/// Options of a ZipWriter.
struct ZipWriterOptions {
  ZipNameEncoding names = ZipNameEncoding::Utf8;
  /// Modification time stored in every entry, seconds since the epoch, written as the
  /// UTC wall-clock time (no time-zone dependence: the same input gives the same bytes).
  /// Clamped to 1980-01-01 .. 2107-12-31 (the DOS date range). Default 1980-01-01 00:00:00.
  std::int64_t mtime = 315532800;
  int deflate_level = 6;          ///< zlib level 1..9
  bool compute_sha256 = true;     ///< fill ZipWrittenEntry::sha256 (costs one SHA-256 pass)
  /// Polled between chunks of data; returning true aborts with ZIP_WRITE_CANCELLED.
  std::function<bool()> cancelled;
  /// Called after each chunk with the total bytes of entry data read so far.
  std::function<void(std::uint64_t)> progress;
};

/// What was written for one entry.
struct ZipWrittenEntry {
  std::string name;                  ///< UTF-8, as given
  ZipMethod method = ZipMethod::Store;  ///< the method actually used
  std::uint64_t size = 0;            ///< uncompressed bytes
  std::uint64_t compressed_size = 0;
  std::uint32_t crc32 = 0;
  std::string sha256;                ///< lower-case hex of the data; empty unless compute_sha256
  std::uint64_t offset = 0;          ///< of the local header
  bool zip64 = false;                ///< the entry needed ZIP64 fields
};

/// A zip file written front to back: entries go to disk as they are added, memory stays
/// flat whatever the sizes. ZIP64 records are written only where a size, offset or count
/// needs them. Names are '/'-separated relative paths; absolute paths, "..", "\", empty
/// components and duplicates (ASCII case-insensitive, as on Windows) are refused.
/// After any error the writer refuses further calls; the caller removes the file.
class ZipWriter {
 public:
  virtual ~ZipWriter() = default;
  /// Copies the regular file at `disk_path` into entry `name`. The file is read once;
  /// if its size changes while it is read the entry fails (ZIP_SOURCE_CHANGED).
  /// Errors: ZIP_NAME_INVALID, ZIP_NAME_DUPLICATE, ZIP_NAME_NOT_GBK, ZIP_SOURCE_UNREADABLE,
  /// ZIP_SOURCE_CHANGED, ZIP_WRITE_FAILED (disk full ...), ZIP_WRITE_CANCELLED.
  virtual Expected<ZipWrittenEntry> add_file(const std::string& name, const std::string& disk_path,
                                             ZipMethod method) = 0;
  /// Writes `data` as entry `name`. Errors as add_file.
  virtual Expected<ZipWrittenEntry> add_bytes(const std::string& name, std::string_view data, ZipMethod method) = 0;
  /// Writes the central directory and closes the file; returns the archive size in bytes.
  /// Errors: ZIP_WRITE_FAILED.
  virtual Expected<std::uint64_t> finish() = 0;
  /// Bytes written to the archive so far.
  virtual std::uint64_t bytes_written() const = 0;
};

/// Creates a new zip at `path`, which must not exist yet (never overwrites).
/// Errors: ZIP_WRITE_FAILED.
Expected<std::unique_ptr<ZipWriter>> create_zip_writer(const std::string& path, const ZipWriterOptions& options = {});

/// UTF-8 to GBK (CP936) bytes, or nullopt when a character has no GBK form.
std::optional<std::string> utf8_to_gbk(std::string_view utf8);

}  // namespace evpack
