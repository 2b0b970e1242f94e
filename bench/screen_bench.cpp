// Screen-capture reading, speed and accuracy, without the rest of `check`.
//
//   screen_bench DIR [--truth TRUTH.json] [--languages chi_sim] [--verbose]
//
// Reads every PNG (and every JPEG the truth names a screenshot) below DIR as
// `check` reads a capture (downscaled to 2400 px, grey, read_screenshot with a
// Chinese-only engine) and prints the thread CPU seconds of each reading and on
// average. With a truth file (tools/gen_holdout.py's or ../shared/external's,
// paths relative to DIR) it prints screenshot dates exact and query fields
// exact, the measures evaluate.py prints, and the misses; --verbose prints
// what was read, --boxes the lines find_text_lines found.
#include <algorithm>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "bench_files.hpp"
#include "evpack/adapters/image_codec.hpp"
#include "evpack/adapters/image_ops.hpp"
#include "evpack/adapters/ocr.hpp"
#include "evpack/inspect/inspector.hpp"
#include "evpack/inspect/screenshot.hpp"

namespace fs = std::filesystem;
using namespace evpack;

namespace {

struct Truth {
  std::string date;                 // "" when none
  std::vector<std::string> fields;  // sorted; empty when not a query
  bool query = false;
};

std::map<std::string, Truth> load_truth(const std::string& path) {
  std::map<std::string, Truth> out;
  std::ifstream in(path);
  const auto json = nlohmann::json::parse(in);
  const std::map<std::string, std::string> names = {
      {"time", "查询时间"}, {"matter", "查询事项"}, {"subject", "主体名称"}, {"result", "查询结果"}};
  for (const auto& f : json.at("files")) {
    if (f.value("kind", "") != "screenshot") continue;
    Truth t;
    if (f.contains("date") && f["date"].is_string()) t.date = f["date"].get<std::string>();
    if (f.contains("query_fields") && f["query_fields"].is_object()) {
      t.query = true;
      for (const auto& [k, v] : f["query_fields"].items()) {
        if (v.get<bool>()) t.fields.push_back(names.at(k));
      }
      std::sort(t.fields.begin(), t.fields.end());
    }
    out[f.at("path").get<std::string>()] = t;
  }
  return out;
}

// Counts of what the truth names and what was read right.
struct Score {
  int dates = 0, dates_right = 0, queries = 0, queries_right = 0;
};

// Scores one reading against its truth; returns what was missed ("" when nothing).
std::string score(const std::optional<ScreenReading>& reading, const Truth& truth, Score& score) {
  const std::string date = reading && reading->date ? reading->date->iso() : "";
  std::vector<std::string> fields = reading ? reading->query_fields : std::vector<std::string>{};
  std::sort(fields.begin(), fields.end());
  std::string why;
  if (!truth.date.empty()) {
    ++score.dates;
    if (date == truth.date)
      ++score.dates_right;
    else
      why += " date " + date + " want " + truth.date;
  }
  if (truth.query) {
    ++score.queries;
    if (fields == truth.fields)
      ++score.queries_right;
    else
      why += " fields " + std::to_string(fields.size()) + " want " + std::to_string(truth.fields.size());
  }
  return why;
}

// The captures below `root`: PNG files and the files the truth names.
std::vector<std::string> captures(const fs::path& root, const std::map<std::string, Truth>& truth) {
  std::vector<std::string> files;
  for (const auto& e : fs::recursive_directory_iterator(root)) {
    if (!e.is_regular_file()) continue;
    const std::string rel = fs::relative(e.path(), root).string();
    std::string ext = e.path().extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
    if (ext == ".png" || truth.count(rel) != 0) files.push_back(rel);
  }
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: screen_bench DIR [--truth TRUTH.json] [--languages L] [--verbose] [--boxes]\n");
    return 2;
  }
  const fs::path root = argv[1];
  std::string truth_path;
  std::string languages = kDocumentOcrLanguages;
  bool verbose = false;
  bool boxes = false;  // print the lines find_text_lines finds
  for (int i = 2; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--truth" && i + 1 < argc) truth_path = argv[++i];
    if (a == "--languages" && i + 1 < argc) languages = argv[++i];
    if (a == "--verbose") verbose = true;
    if (a == "--boxes") boxes = true;
  }
  const auto truth = truth_path.empty() ? std::map<std::string, Truth>{} : load_truth(truth_path);
  const std::vector<std::string> files = captures(root, truth);
  auto made = make_tesseract_ocr(languages);
  if (!made) {
    std::fprintf(stderr, "%s\n", made.error().message.c_str());
    return 1;
  }
  double total = 0;
  Score scored;
  for (const std::string& rel : files) {
    auto image = decode_image_file((root / rel).string());
    if (!image) continue;
    const RasterImage gray = to_gray(downscale(*image, 2400));
    if (boxes) {
      for (const PixelRect& r : find_text_lines(gray)) std::printf("  box %d,%d %dx%d\n", r.x, r.y, r.width, r.height);
    }
    const double t0 = bench::thread_cpu();
    const auto reading = read_screenshot(gray, **made);
    const double spent = bench::thread_cpu() - t0;
    total += spent;
    const auto t = truth.find(rel);
    const std::string why = t == truth.end() ? "" : score(reading, t->second, scored);
    std::printf("%.3f %s%s\n", spent, rel.c_str(), why.c_str());
    if (verbose && reading) std::printf("  %s\n", reading->text.c_str());
  }
  std::printf("captures %zu, CPU-s %.2f, per capture %.3f\n", files.size(), total,
              files.empty() ? 0.0 : total / static_cast<double>(files.size()));
  if (!truth.empty()) {
    std::printf("screenshot dates %d/%d, query fields %d/%d\n", scored.dates_right, scored.dates, scored.queries_right,
                scored.queries);
  }
  return 0;
}
