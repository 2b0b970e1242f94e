// The photos below a benchmark's folder, as the scanner would list them.
#pragma once

#include <time.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <vector>

#include "evpack/scan/file_record.hpp"
#include "evpack/scan/scanner.hpp"

namespace evpack::bench {

/// JPEG, PNG and HEIC files below `root` (by extension), sorted by relative path.
inline std::vector<FileRecord> photo_files(const std::filesystem::path& root) {
  std::vector<FileRecord> files;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
    if (!entry.is_regular_file()) continue;
    const std::string ext = entry.path().extension().string();
    const ContentKind kind = kind_from_extension(ext.empty() ? ext : ext.substr(1));
    if (kind != ContentKind::Jpeg && kind != ContentKind::Png && kind != ContentKind::Heic) continue;
    FileRecord r;
    r.rel_path = std::filesystem::relative(entry.path(), root).string();
    r.disk_path = entry.path().string();
    r.kind = kind;
    r.size = static_cast<std::uint64_t>(entry.file_size());
    files.push_back(std::move(r));
  }
  std::sort(files.begin(), files.end(), [](const auto& a, const auto& b) { return a.rel_path < b.rel_path; });
  return files;
}

/// CPU seconds the calling thread has used.
inline double thread_cpu() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) / 1e9;
}

}  // namespace evpack::bench
