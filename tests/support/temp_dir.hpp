// RAII temporary directory for tests.
#pragma once

#include <filesystem>
#include <fstream>
#include <random>
#include <string>

namespace evpack::testing {

class TempDir {
 public:
  TempDir() {
    std::random_device rd;
    path_ = std::filesystem::temp_directory_path() / ("evpack-test-" + std::to_string(rd()) + std::to_string(rd()));
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  std::string str() const { return path_.string(); }

  /// Writes `content` to `rel` (creating folders) and returns the full path.
  std::filesystem::path write(const std::string& rel, const std::string& content) const {
    const auto p = path_ / std::filesystem::u8path(rel);
    std::filesystem::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << content;
    return p;
  }

 private:
  std::filesystem::path path_;
};

/// Root of the shared corpus (../shared/corpus from the source tree).
inline std::string corpus_dir() { return EVPACK_CORPUS_DIR; }
/// Source tree root.
inline std::string source_dir() { return EVPACK_SOURCE_DIR; }

}  // namespace evpack::testing
