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
/// A file that is listed but cannot be read stays in `files` with `read_error` set
/// (the inspector turns that into FILE_UNREADABLE). Tree findings: SYMLINK_SKIPPED,
/// JUNK_SKIPPED, SPECIAL_FILE_SKIPPED (FIFOs, devices), DIR_UNREADABLE, DIR_LOOP,
/// FILE_NAME_ENCODING, SCAN_LIMIT_REACHED, FILE_UNREADABLE (entry vanished mid-walk).
Expected<ScanResult> scan_tree(const std::string& root, const ScanOptions& options = {});

/// Decides the content kind from the first bytes (and zip member names).
/// `head` holds the first bytes of the file (at least 64 when available);
/// `path` is used to peek inside zip containers.
ContentKind sniff_content_kind(const std::string& path, const std::string& head, std::uint64_t size);

/// Kinds that a file extension promises ("jpg" -> Jpeg); Other when unknown.
ContentKind kind_from_extension(const std::string& extension);

/// Lower-case extension of a file name without the dot ("会议.JPG" -> "jpg"); empty when
/// there is none or when the part after the last dot is not a plausible extension
/// ("2025.3.18 会议" -> "").
std::string file_extension(const std::string& file_name);

/// True when `extension` promises a kind other than `actual` (a PNG named .jpg, a zip
/// named .docx). Unknown extensions, empty files and unrecognised bytes behind a text
/// extension never count as a mismatch.
bool is_extension_mismatch(const std::string& extension, ContentKind actual);

/// When `name` (one path component, UTF-8) is operating-system junk that never belongs
/// in evidence (Thumbs.db, desktop.ini, .DS_Store, ~$ Office lock files, __MACOSX/ ...),
/// a short Chinese description of what it is; empty otherwise.
std::string os_junk_reason(const std::string& name, bool is_directory);

}  // namespace evpack
