// Inspections kept between runs. A bureau checks its archive many times while it
// fixes the gaps, then packs it: a file whose bytes, place in the tree and kind
// are unchanged since a run of the same evpack build with the same inspect
// options gets that run's inspection back instead of being decoded and OCRed
// again. Entries live outside the evidence tree (which is never written to).
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <optional>
#include <string>

#include "evpack/inspect/inspection.hpp"
#include "evpack/inspect/inspector.hpp"
#include "evpack/scan/file_record.hpp"

namespace evpack {

class InspectionCache {
 public:
  /// `dir` holds the entries (created on the first store). `build` names what
  /// inspected: the evpack build and its OCR engine (see program_fingerprint);
  /// the inspect options are added here.
  InspectionCache(std::string dir, const std::string& build, const InspectOptions& options);

  /// The stored inspection of `record`, or nullopt: never stored, a record
  /// without a SHA-256 (unread), or an entry that does not decode, was stored under
  /// another key or whose content fails its SHA-256 (damaged, swapped). A hit marks
  /// the entry as used (prune keeps it). Thread-safe.
  std::optional<Inspection> find(const FileRecord& record);
  /// Keeps `inspection` for `record` (temp file + rename, so a reader never sees
  /// half an entry). Unreadable results are not kept: the cause may pass (a file
  /// locked by another program). A failure to write is counted, never raised:
  /// the cache only saves time. Thread-safe.
  void store(const FileRecord& record, const Inspection& inspection);
  /// Removes entries not used for `max_age`, at most once a day per directory.
  void prune(std::chrono::hours max_age);

  std::size_t hits() const { return hits_; }
  std::size_t stored() const { return stored_; }
  std::size_t write_failures() const { return write_failures_; }
  const std::string& dir() const { return dir_; }

 private:
  std::string entry_path(const FileRecord& record) const;

  std::string dir_;
  std::string salt_;  ///< build + options, hashed into every key
  std::atomic<std::size_t> hits_{0};
  std::atomic<std::size_t> stored_{0};
  std::atomic<std::size_t> write_failures_{0};
};

/// Where entries go by default: $EVPACK_CACHE_DIR, else %LOCALAPPDATA%\evpack\cache
/// (Windows), else $XDG_CACHE_HOME/evpack, else ~/.cache/evpack; "" when none is known.
std::string default_cache_dir();

/// Identifies what inspects: SHA-256 of the running evpack executable (any
/// change of code gives new keys) and the environment_fingerprint() (OCR engine,
/// PDF library and its encoding data, system fonts). "" when the executable
/// cannot be read (then no cache is used).
std::string program_fingerprint();

}  // namespace evpack
