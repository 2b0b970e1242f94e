// libFuzzer target over the untrusted-zip path: unpacking with the hostile-zip checks and
// the BagIt manifest parser (see fuzz/CMakeLists.txt).
//
// Built by CMake (fuzz/CMakeLists.txt): -DEVPACK_FUZZ=ON with clang gives the libFuzzer
// binary; every normal build replays fuzz/corpus/zip_extract/ as a CTest test. tools/fuzz.sh runs it.
// Run with the corpus zips (and an evpack package) as seeds:
//   mkdir -p /tmp/zip-corpus && cp ../shared/corpus/zip/*.zip /tmp/zip-corpus/
//   ./zip_extract_fuzzer -max_len=262144 -timeout=10 /tmp/zip-corpus
// Any input must end in an extraction (with findings) or an Error; a crash, hang, sanitizer
// report or a file written outside the private folder is a bug.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "evpack/package/bagit.hpp"
#include "evpack/package/zip_extract.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  (void)evpack::parse_manifest(text);
  (void)evpack::parse_tag_file(text);

  char path[] = "/tmp/evpack-fuzz-XXXXXX";
  const int fd = ::mkstemp(path);
  if (fd < 0) return 0;
  const bool written = ::write(fd, data, size) == static_cast<ssize_t>(size);
  ::close(fd);
  if (written) {
    evpack::ZipSafetyLimits limits;
    limits.max_total_bytes = 64 << 20;  // keep runs fast; the logic is the same
    limits.max_entry_bytes = 16 << 20;
    auto extracted = evpack::extract_zip_safely(path, limits);
    if (extracted) {
      for (const auto& entry : std::filesystem::recursive_directory_iterator(extracted->root)) {
        if (entry.is_symlink()) __builtin_trap();  // never create links
      }
      (void)extracted->content_root();
    } else if (extracted.error().message.empty()) {
      __builtin_trap();  // every failure must explain itself
    }
  }
  ::unlink(path);
  return 0;
}
