// Zip archives. Reading (libzip, src/adapters/libzip_archive.cpp): list entries, read the
// first bytes of an entry, stream an entry with limits. Used to tell DOCX/XLSX/PPTX/OFD
// from a plain zip and to read received packages. Writing (libzip, src/adapters/libzip_zip_writer.cpp):
// the writer of the acceptance package.
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
  std::string name;                    ///< UTF-8; decoded from GBK (lossily) when the stored bytes are not UTF-8
  std::string raw_name;                ///< the name bytes as stored in the archive (libzip substitutes the
                                       ///< UTF-8 name of a valid Unicode Path field 0x7075 for them)
  bool name_decoded_from_gbk = false;  ///< true when `name` is a GBK guess, not the stored bytes
  std::uint64_t size = 0;              ///< uncompressed size as declared (untrusted)
  std::uint64_t compressed_size = 0;
  bool is_directory = false;  ///< name ends with '/'
  bool encrypted = false;
  bool symlink = false;      ///< Unix symlink entry (external attributes S_IFLNK)
  std::uint16_t method = 0;  ///< compression method id (0 store, 8 deflate, 12 bzip2 ...)
  std::uint32_t crc32 = 0;   ///< as declared in the central directory
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

/// Kinds of archive open_archive reads.
enum class ArchiveKind { None, Zip, SevenZip, Rar, Tar, CompressedTar };

/// The archive kind of the file at `path` from its first bytes (never its name): zip
/// ("PK\x03\x04", "PK\x05\x06"), 7z, RAR 4/5, tar ("ustar" at byte 257), or a gzip, bzip2,
/// xz or zstd stream (CompressedTar: usually .tar.gz and the like). None for anything else,
/// for non-regular files and for files that cannot be read.
ArchiveKind sniff_archive_kind(const std::string& path);

/// Opens an archive read-only by its content: zips through libzip (open_zip), 7z, RAR and
/// tar (plain or compressed) through libarchive (src/adapters/libarchive_archive.cpp), behind
/// the same ZipReader interface and limits. libarchive's formats keep no per-entry compressed
/// size: each entry's ZipEntry::compressed_size is its share of the archive file (less 31 bytes
/// an entry, so the sizes plus zip local headers never add up to more than the file), and a
/// ratio limit judges the archive's overall ratio. Errors: ZIP_NOT_ZIP (no archive this reads),
/// others as open_zip.
Expected<std::unique_ptr<ZipReader>> open_archive(const std::string& path, const ZipLimits& limits = {});

/// The libarchive reader itself (open_archive chooses it); for tests.
Expected<std::unique_ptr<ZipReader>> open_archive_libarchive(const std::string& path, const ZipLimits& limits = {});

/// Convenience: the entry names (UTF-8, as in ZipEntry::name) of the zip at `path`.
Expected<std::vector<std::string>> list_zip_entry_names(const std::string& path, const ZipLimits& limits = {});

// ---------------------------------------------------------------------------
// Writing

/// How an entry's data is stored. Only these two are read by every unzip tool.
enum class ZipMethod {
  Store,    ///< as is: JPEG, PNG, PDF, HEIC, MP4 and zip-based Office files are compressed already
  Deflate,  ///< deflate; an empty entry is stored (there is nothing to compress)
};

/// How entry names are encoded.
enum class ZipNameEncoding {
  Utf8,  ///< UTF-8 with the language-encoding flag (bit 11) on non-ASCII names: Windows 7 and later,
         ///< 7-Zip, unzip 6, Python
  Gbk,   ///< raw GBK bytes without the flag, for old tools on Chinese Windows (code page 936).
         ///< No Unicode Path field (libzip cannot write one): elsewhere the names look garbled.
         ///< A name whose GBK bytes are also valid UTF-8 (rare, e.g. "gbk/目录.html") keeps
         ///< the flagged UTF-8 form: libzip refuses it raw and readers would take it for UTF-8
};

/// Options of a ZipWriter.
struct ZipWriterOptions {
  ZipNameEncoding names = ZipNameEncoding::Utf8;
  /// Modification time stored in every entry, seconds since the epoch, written as the
  /// UTC wall-clock time (no time-zone dependence: the same input gives the same bytes).
  /// Clamped to 1980-01-01 .. 2107-12-31 (the DOS date range). Default 1980-01-01 00:00:00.
  std::int64_t mtime = 315532800;
  int deflate_level = 6;  ///< 1..9
  /// Polled while data is written (every few KiB); returning true aborts with ZIP_WRITE_CANCELLED.
  std::function<bool()> cancelled;
  /// Called while data is written with the bytes of entry data done so far (all entries)
  /// and the number of entries complete.
  std::function<void(std::uint64_t bytes, std::size_t entries)> progress;
};

/// What was written for one entry, read back from the finished archive's central directory.
struct ZipWrittenEntry {
  std::string name;                     ///< UTF-8, as given
  ZipMethod method = ZipMethod::Store;  ///< the method actually used
  std::uint64_t size = 0;               ///< uncompressed bytes
  std::uint64_t compressed_size = 0;
  std::uint32_t crc32 = 0;
};

/// The finished archive.
struct ZipWriteResult {
  std::uint64_t archive_size = 0;        ///< bytes of the zip file
  std::vector<ZipWrittenEntry> entries;  ///< in the order they were added (= archive order)
};

/// A zip file built by libzip: entries are queued by add_file/add_bytes and written by
/// finish(), which streams each file from disk (memory stays flat whatever the sizes).
/// Deterministic: fixed times and attributes, no extra fields but ZIP64 ones, which libzip
/// writes only where a size, offset or count needs them. Names are '/'-separated relative
/// paths; absolute paths, "..", "\", empty components and duplicates (ASCII
/// case-insensitive, as on Windows) are refused. After any error the writer refuses
/// further calls and leaves no file at the target path.
class ZipWriter {
 public:
  virtual ~ZipWriter() = default;
  /// Queues the regular file at `disk_path` as entry `name`; it is read by finish().
  /// Returns the entry's index. Errors: ZIP_NAME_INVALID, ZIP_NAME_DUPLICATE,
  /// ZIP_NAME_NOT_GBK, ZIP_SOURCE_UNREADABLE (missing, not a regular file), ZIP_WRITE_CANCELLED.
  virtual Expected<std::size_t> add_file(const std::string& name, const std::string& disk_path, ZipMethod method) = 0;
  /// Queues a copy of `data` as entry `name`. Errors as add_file.
  virtual Expected<std::size_t> add_bytes(const std::string& name, std::string_view data, ZipMethod method) = 0;
  /// Writes the archive (to a temp file beside the target, renamed when complete) and
  /// reads back every entry's size and CRC from it. Errors: ZIP_SOURCE_UNREADABLE (a queued
  /// file cannot be read), ZIP_SOURCE_CHANGED (a file changed since it was queued),
  /// ZIP_WRITE_FAILED (disk full, no entry at all ...), ZIP_WRITE_CANCELLED.
  virtual Expected<ZipWriteResult> finish() = 0;
};

/// Prepares a new zip at `path`, which must not exist yet (never overwrites).
/// Errors: ZIP_WRITE_FAILED.
Expected<std::unique_ptr<ZipWriter>> create_zip_writer(const std::string& path, const ZipWriterOptions& options = {});

/// UTF-8 to GBK (CP936) bytes, or nullopt when a character has no GBK form.
std::optional<std::string> utf8_to_gbk(std::string_view utf8);

}  // namespace evpack
