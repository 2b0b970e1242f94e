// Photo inspection accuracy and speed on a labelled set (tools/gen_photoset.py)
// or on any folder of photos (then only speed and the watermark verdicts).
//
//   photo_bench DIR [--jobs N] [--no-ocr] [--verbose] [--distance D] [--labels FILE] [--core] [--times FILE]
//
// --times writes one line per photo (thread CPU seconds, verdict, style label,
// path, reason) to FILE: where the photo path spends its time, by kind of photo.
//
// With DIR/labels.json it prints watermark detection precision/recall, exact-
// minute time reads, duplicate-pair precision/recall (BK-tree pairs against the
// labelled reuse groups, hashes and colour grids as `check` compares them) and
// photos per second. Without labels it lists every
// photo read as watermark "present" (for folders known to have none). --labels
// reads the labels from another file; --core lists every pair whose core hashes
// (the middle of the picture, PhotoFacts::core_hash) are within 20 bits, with
// the correlation and colour difference of their previews' middles and whether
// they are one photo: the measurements behind kReuseCoreDistance,
// kReuseCoreCorrelation and kReuseCoreColourDifference.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include <sys/resource.h>

#include "bench_files.hpp"
#include "evpack/adapters/image_ops.hpp"
#include "evpack/adapters/metadata_reader.hpp"
#include "evpack/evaluate/reuse.hpp"
#include "evpack/inspect/inspector.hpp"
#include "evpack/inspect/photo_inspector.hpp"
#include "evpack/util/thread_pool.hpp"

namespace fs = std::filesystem;
using namespace evpack;

namespace {

struct Label {
  bool watermark = false;
  std::string time;   // "YYYY-MM-DD HH:MM"
  std::string group;  // reuse group, "" when unique
  std::string style;
};

std::string minute_of(const Timestamp& t) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d %02d:%02d", t.date.year, t.date.month, t.date.day, t.hour, t.minute);
  return buf;
}

double pct(long a, long b) { return b == 0 ? 100.0 : 100.0 * static_cast<double>(a) / static_cast<double>(b); }

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(
        stderr,
        "usage: photo_bench DIR [--jobs N] [--no-ocr] [--verbose] [--distance D] [--labels FILE] [--core] [--times FILE]\n");
    return 2;
  }
  const fs::path root = fs::u8path(argv[1]);
  int jobs = 2;
  bool verbose = false;
  bool core = false;
  fs::path labels_file = root / "labels.json";
  fs::path times_file;
  int distance = kReuseDistance;
  InspectOptions options;
  for (int i = 2; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--jobs" && i + 1 < argc) jobs = std::atoi(argv[++i]);
    if (a == "--distance" && i + 1 < argc) distance = std::atoi(argv[++i]);
    if (a == "--no-ocr") options.ocr = false;
    if (a == "--verbose") verbose = true;
    if (a == "--core") core = true;
    if (a == "--labels" && i + 1 < argc) labels_file = fs::u8path(argv[++i]);
    if (a == "--times" && i + 1 < argc) times_file = fs::u8path(argv[++i]);
  }

  std::map<std::string, Label> labels;
  if (std::ifstream in(labels_file); in) {
    const auto j = nlohmann::json::parse(in);
    for (const auto& p : j.at("photos")) {
      labels[p.at("file").get<std::string>()] = {p.at("watermark").get<bool>(), p.value("time", ""),
                                                 p.value("group", ""), p.value("style", "")};
    }
  }

  std::vector<FileRecord> files = bench::photo_files(root);
  if (files.empty()) {
    std::fprintf(stderr, "photo_bench: no photos under %s\n", argv[1]);
    return 1;
  }

  init_metadata_library();
  std::vector<Toolbox> tools;
  for (int w = 0; w < jobs; ++w) tools.push_back(make_default_toolbox(options));
  std::vector<Inspection> results(files.size());
  std::vector<double> cpu_of(files.size(), 0.0);
  const auto start = std::chrono::steady_clock::now();
  parallel_for(files.size(), jobs, [&](std::size_t i, int worker) {
    timespec t0{};
    timespec t1{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t0);
    results[i] = inspect_file(files[i].disk_path, files[i], tools[static_cast<std::size_t>(worker)], options);
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t1);
    cpu_of[i] = static_cast<double>(t1.tv_sec - t0.tv_sec) + static_cast<double>(t1.tv_nsec - t0.tv_nsec) / 1e9;
  });
  if (!times_file.empty()) {
    std::ofstream out(times_file);
    for (std::size_t i = 0; i < files.size(); ++i) {
      const auto& photo = results[i].photo;
      const auto it = labels.find(files[i].rel_path);
      out << cpu_of[i] << '\t' << (photo ? to_string(photo->watermark.state) : "unreadable") << '\t' << '\t'
          << (it != labels.end() ? (it->second.watermark ? it->second.style : "none") : "?") << '\t'
          << files[i].rel_path << '\t' << (photo ? photo->watermark.reason : "") << '\n';
    }
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  // CPU time of the whole process (all workers): on a shared machine the wall
  // clock says more about the neighbours than about us.
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  const double cpu = static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
                     static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;

  long tp = 0, fp = 0, fn = 0, tn = 0, uncertain = 0, exact = 0, labelled_present = 0;
  std::map<std::string, std::pair<long, long>> by_style;  // style -> (detected, total)
  for (std::size_t i = 0; i < files.size(); ++i) {
    const auto& photo = results[i].photo;
    const bool present = photo && photo->watermark.state == Presence::Present;
    if (photo && photo->watermark.state == Presence::CannotVerify) ++uncertain;
    const auto it = labels.find(files[i].rel_path);
    if (it == labels.end()) {
      if (present || verbose) {
        std::printf("%s %s: %s %s\n", present ? "PRESENT" : "-", files[i].rel_path.c_str(),
                    photo ? to_string(photo->watermark.state).c_str() : "unreadable",
                    photo ? photo->watermark.reason.c_str() : "");
      }
      fp += present ? 1 : 0;
      continue;
    }
    const Label& label = it->second;
    const std::string read =
        photo && photo->watermark_time && photo->watermark_time->has_time() ? minute_of(*photo->watermark_time) : "";
    if (label.watermark) {
      ++labelled_present;
      auto& s = by_style[label.style];
      ++s.second;
      if (present) ++s.first;
      present ? ++tp : ++fn;
      if (read == label.time) ++exact;
    } else {
      present ? ++fp : ++tn;
    }
    const bool wrong = present != label.watermark || (label.watermark && read != label.time);
    if (verbose && wrong) {
      std::string text = photo ? photo->watermark_text : "";
      std::replace(text.begin(), text.end(), '\n', '|');
      std::printf("MISS %s [%s %s] read=%s state=%s text=%s\n", files[i].rel_path.c_str(), label.style.c_str(),
                  label.time.c_str(), read.c_str(), photo ? to_string(photo->watermark.state).c_str() : "?",
                  text.c_str());
    }
  }

  std::printf(
      "photos: %zu in %.1f s on %d workers = %.2f photos/s%s; CPU %.2f s per photo, so %.2f photos/s on %d idle cores\n",
      files.size(), seconds, jobs, static_cast<double>(files.size()) / seconds, options.ocr ? "" : " (no OCR)",
      cpu / static_cast<double>(files.size()), static_cast<double>(files.size()) * jobs / cpu, jobs);
  if (labels.empty()) {
    std::printf("watermark present (false positives when the folder has none): %ld, uncertain: %ld\n", fp, uncertain);
    return 0;
  }
  std::printf("watermark: precision %.1f%% (%ld/%ld), recall %.1f%% (%ld/%ld), uncertain %ld\n", pct(tp, tp + fp), tp,
              tp + fp, pct(tp, tp + fn), tp, tp + fn, uncertain);
  for (const auto& [style, s] : by_style) {
    std::printf("  style %-7s detected %ld/%ld\n", style.c_str(), s.first, s.second);
  }
  std::printf("time read to the exact minute: %.1f%% (%ld/%ld watermarked photos)\n", pct(exact, labelled_present),
              exact, labelled_present);

  std::vector<std::optional<std::uint64_t>> hashes(files.size());
  std::vector<const PhotoFacts*> photos(files.size(), nullptr);
  std::set<std::pair<std::size_t, std::size_t>> truth;
  std::map<std::string, std::vector<std::size_t>> groups;
  for (std::size_t i = 0; i < files.size(); ++i) {
    if (results[i].photo) {
      hashes[i] = results[i].photo->phash;
      photos[i] = &*results[i].photo;
    }
    const auto it = labels.find(files[i].rel_path);
    if (it != labels.end() && !it->second.group.empty()) groups[it->second.group].push_back(i);
  }
  for (const auto& [g, members] : groups) {
    for (std::size_t a = 0; a < members.size(); ++a) {
      for (std::size_t b = a + 1; b < members.size(); ++b) truth.insert({members[a], members[b]});
    }
  }
  const auto dup_start = std::chrono::steady_clock::now();
  const auto pairs = reused_photo_pairs(photos, distance);
  const double dup_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - dup_start).count();
  long hit = 0;
  for (const auto& p : pairs) {
    if (truth.count(p) != 0) {
      ++hit;
    } else if (verbose) {
      std::printf("FALSE PAIR %s ~ %s (%d, colours %.1f)\n", files[p.first].rel_path.c_str(),
                  files[p.second].rel_path.c_str(), hamming_distance(*hashes[p.first], *hashes[p.second]),
                  colour_difference(photos[p.first]->colour_grid, photos[p.second]->colour_grid));
    }
  }
  if (verbose) {
    for (const auto& t : truth) {
      if (std::find(pairs.begin(), pairs.end(), t) == pairs.end()) {
        std::printf("MISSED PAIR %s ~ %s (%d, colours %.1f)\n", files[t.first].rel_path.c_str(),
                    files[t.second].rel_path.c_str(),
                    hashes[t.first] && hashes[t.second] ? hamming_distance(*hashes[t.first], *hashes[t.second]) : -1,
                    photos[t.first] && photos[t.second]
                        ? colour_difference(photos[t.first]->colour_grid, photos[t.second]->colour_grid)
                        : -1.0);
      }
    }
  }
  if (core) {
    for (std::size_t a = 0; a < files.size(); ++a) {
      for (std::size_t b = a + 1; b < files.size(); ++b) {
        if (photos[a] == nullptr || photos[b] == nullptr || !photos[a]->core_hash || !photos[b]->core_hash) continue;
        const int d = hamming_distance(*photos[a]->core_hash, *photos[b]->core_hash);
        if (d > 20) continue;
        const auto c = core_correlation(*photos[a], *photos[b]);
        std::printf("CORE %s d=%d corr=%.3f colours=%.1f whole=%d %s ~ %s\n", truth.count({a, b}) ? "same" : "diff", d,
                    c ? *c : -1.0, core_colour_difference(*photos[a], *photos[b]),
                    hamming_distance(*hashes[a], *hashes[b]), files[a].rel_path.c_str(), files[b].rel_path.c_str());
      }
    }
  }
  const long false_pairs = static_cast<long>(pairs.size()) - hit;
  std::printf(
      "duplicate pairs (hash distance <= %d, colours <= %.1f): precision %.1f%% (%ld/%zu), recall %.1f%% (%ld/%zu), false pairs %.2f%% of reported, %.1f ms\n",
      distance, kReuseColourDifference, pct(hit, static_cast<long>(pairs.size())), hit, pairs.size(),
      pct(hit, static_cast<long>(truth.size())), hit, truth.size(), pct(false_pairs, static_cast<long>(pairs.size())),
      dup_ms);
  return 0;
}
