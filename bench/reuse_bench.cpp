// The measurements behind the reuse check's registered comparison (evaluate/reuse.hpp,
// kReuseCoreWindowDistance and the kReuseAlign constants), on any folder of photos:
//
//   reuse_bench DIR [--jobs N] [--distance D] [--times]
//
// Inspects every photo without OCR (the hashes and previews reuse compares do not
// need it), then prints one line per pair whose core hash lies within D (default 12)
// of a core window hash of the other, tab-separated: the distance, the registered
// comparison (aligned_agreement: inliers, scale, turn, blocks, agreeing share,
// colour shift), whether it counts as one photo, and the two paths. Then the pairs
// reused_photo_pairs confirms ("PAIR" lines), and with --times the CPU seconds of
// the core window hashes per photo and of reused_photo_pairs as a whole.
// tools/reuse-truth.py compares the lines with a hold-out set's truth.json.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <string>
#include <vector>

#include "bench_files.hpp"
#include "evpack/adapters/image_codec.hpp"
#include "evpack/adapters/image_ops.hpp"
#include "evpack/adapters/metadata_reader.hpp"
#include "evpack/evaluate/reuse.hpp"
#include "evpack/inspect/inspector.hpp"
#include "evpack/inspect/photo_hash.hpp"
#include "evpack/util/thread_pool.hpp"

namespace fs = std::filesystem;
using namespace evpack;

namespace {}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: reuse_bench DIR [--jobs N] [--distance D] [--times]\n");
    return 2;
  }
  const fs::path root = fs::u8path(argv[1]);
  int jobs = 2;
  int distance = 12;
  bool times = false;
  for (int i = 2; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--jobs" && i + 1 < argc) jobs = std::atoi(argv[++i]);
    if (a == "--distance" && i + 1 < argc) distance = std::atoi(argv[++i]);
    if (a == "--times") times = true;
  }
  std::vector<FileRecord> files = bench::photo_files(root);
  InspectOptions options;
  options.ocr = false;
  init_metadata_library();
  std::vector<Toolbox> tools;
  for (int w = 0; w < jobs; ++w) tools.push_back(make_default_toolbox(options));
  std::vector<Inspection> results(files.size());
  parallel_for(files.size(), jobs, [&](std::size_t i, int worker) {
    results[i] = inspect_file(files[i].disk_path, files[i], tools[static_cast<std::size_t>(worker)], options);
  });
  std::vector<const PhotoFacts*> photos(files.size(), nullptr);
  for (std::size_t i = 0; i < files.size(); ++i) {
    const auto& p = results[i].photo;
    if (p && p->phash && !p->screenshot) photos[i] = &*p;
  }
  for (std::size_t i = 0; i < photos.size(); ++i) {
    for (std::size_t j = i + 1; j < photos.size(); ++j) {
      if (photos[i] == nullptr || photos[j] == nullptr || !photos[i]->core_hash || !photos[j]->core_hash) continue;
      int best = 64;
      for (const auto w : photos[i]->core_window_hashes)
        best = std::min(best, hamming_distance(w, *photos[j]->core_hash));
      for (const auto w : photos[j]->core_window_hashes)
        best = std::min(best, hamming_distance(w, *photos[i]->core_hash));
      if (best > distance) continue;
      const AlignedAgreement a = aligned_agreement(*photos[i], *photos[j]);
      std::printf("%d\t%d\t%.3f\t%.2f\t%d\t%.2f\t%.2f\t%s\t%s\t%s\n", best, a.inliers, a.scale, a.rotation_degrees,
                  a.blocks, a.blocks > 0 ? static_cast<double>(a.agreeing) / a.blocks : 0.0, a.colour_shift,
                  a.same_photo() ? "SAME" : "-", files[i].rel_path.c_str(), files[j].rel_path.c_str());
    }
  }
  const double t0 = bench::thread_cpu();
  const auto pairs = reused_photo_pairs(photos);
  const double t1 = bench::thread_cpu();
  for (const auto& [a, b] : pairs) std::printf("PAIR\t%s\t%s\n", files[a].rel_path.c_str(), files[b].rel_path.c_str());
  if (times) {
    // The core windows of every photo again, from its preview (what the inspector
    // hashes is the 512 px analysis copy; the preview is the closest kept).
    double hash_cpu = 0;
    int hashed = 0;
    for (const auto* p : photos) {
      if (p == nullptr) continue;
      const auto decoded = decode_image_bytes(p->preview);
      if (!decoded) continue;
      const RasterImage gray = to_gray(resize(*decoded, decoded->width * 2, decoded->height * 2));
      const double s = bench::thread_cpu();
      const auto hashes = core_window_hashes(gray);
      hash_cpu += bench::thread_cpu() - s;
      hashed += hashes.empty() ? 0 : 1;
    }
    std::printf("TIMES\tcore windows %.2f ms per photo (%d photos)\treused_photo_pairs %.3f s for %zu photos\n",
                hashed > 0 ? 1000 * hash_cpu / hashed : 0.0, hashed, t1 - t0, files.size());
  }
  return 0;
}
