// The evpack binary that CLI tests start keeps its inspection cache under
// EVPACK_CACHE_DIR: point it at a folder of this test process, removed at exit,
// so tests never write to the user's cache nor reuse each other's results.
#include <cstdlib>
#include <filesystem>
#include <string>

#include <unistd.h>

namespace {

struct TestCacheDir {
  std::filesystem::path path;
  TestCacheDir() {
    if (std::getenv("EVPACK_CACHE_DIR")) return;
    path = std::filesystem::temp_directory_path() / ("evpack-test-cache-" + std::to_string(::getpid()));
    ::setenv("EVPACK_CACHE_DIR", path.c_str(), 1);
  }
  ~TestCacheDir() {
    std::error_code ec;
    if (!path.empty()) std::filesystem::remove_all(path, ec);
  }
};

const TestCacheDir test_cache_dir;

}  // namespace
