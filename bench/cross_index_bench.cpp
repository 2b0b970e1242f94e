// The cross-archive index of `evpack serve` at scale (issue 28): N counties' latest checks of
// M photos each, stored in the data folder's SQLite index as finished jobs write them, then
// loaded and matched as the /cross page does. Prints the time of each step.
//
//   build-bench/cross_index_bench [COUNTIES=100] [PHOTOS=1000]
//
// Hashes are random (a generated archive's photos are distinct); one photo is planted in two
// counties with 3 bits changed (a resized, recompressed copy), and one document number is
// filed by both: exactly those two pairs must come back.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include <unistd.h>

#include "evpack/serve/cross_index.hpp"
#include "evpack/serve/store.hpp"

namespace {

double since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

std::string hex(std::uint64_t v) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(v));
  return buf;
}

}  // namespace

int main(int argc, char** argv) {
  const int counties = argc > 1 ? std::atoi(argv[1]) : 100;
  const int photos = argc > 2 ? std::atoi(argv[2]) : 1000;
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("evpack-cross-bench-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  auto store = evpack::Store::open(dir.string());
  if (!store) {
    std::fprintf(stderr, "%s\n", store.error().message.c_str());
    return 1;
  }
  std::mt19937_64 rng(28);
  const std::uint64_t planted = rng();
  std::string planted_grid;
  for (int i = 0; i < 6; ++i) planted_grid += hex(rng());
  std::vector<std::string> jobs;
  auto start = std::chrono::steady_clock::now();
  for (int c = 0; c < counties; ++c) {
    std::vector<evpack::IndexEntry> entries;
    entries.reserve(static_cast<std::size_t>(photos) + 2);
    for (int p = 0; p < photos; ++p) {
      std::string grid;
      for (int i = 0; i < 6; ++i) grid += hex(rng());
      entries.push_back({"phash", hex(rng()), "照片/" + std::to_string(p) + ".jpg", grid, p});
      entries.push_back(
          {"sha", hex(rng()) + hex(rng()) + hex(rng()) + hex(rng()), "照片/" + std::to_string(p) + ".jpg", "", p});
    }
    if (c == 5) entries.push_back({"phash", hex(planted), "照片/会议.jpg", planted_grid, photos});
    if (c == 73) entries.push_back({"phash", hex(planted ^ 0b10110), "照片/会议现场.jpg", planted_grid, photos});
    entries.push_back({"docno", c == 5 || c == 73 ? "济交发〔2025〕12号" : "县" + std::to_string(c) + "交发〔2025〕1号",
                       "通知.pdf", "", photos + 1});
    const std::string job = "job" + std::to_string(c);
    jobs.push_back(job);
    auto put = (*store)->put_index(job, "县" + std::to_string(c), entries);
    if (!put) {
      std::fprintf(stderr, "%s\n", put.error().message.c_str());
      return 1;
    }
  }
  const double stored = since(start);
  start = std::chrono::steady_clock::now();
  const auto entries = (*store)->index_of(jobs);
  const double loaded = since(start);
  start = std::chrono::steady_clock::now();
  const auto matches = evpack::cross_matches(entries);
  const double matched = since(start);
  std::uintmax_t bytes = 0;
  for (const auto& f : fs::recursive_directory_iterator(dir)) {
    if (f.is_regular_file()) bytes += f.file_size();
  }
  std::printf(
      "%d archives x %d photos (%zu index rows): stored %.2f s (%.1f ms per finished check), "
      "loaded %.2f s, matched %.2f s, %zu pairs (want 2), index %.1f MB\n",
      counties, photos, entries.size(), stored, 1000 * stored / counties, loaded, matched, matches.size(),
      static_cast<double>(bytes) / 1e6);
  fs::remove_all(dir);
  return matches.size() == 2 ? 0 : 1;
}
