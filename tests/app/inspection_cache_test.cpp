// Inspections kept between runs: what makes a hit, what never does, pruning, and
// a second check of a real archive that reuses them and reports the same.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>

#include "evpack/app/check.hpp"
#include "evpack/app/inspection_cache.hpp"
#include "evpack/report/json_report.hpp"
#include "support/check_options.hpp"
#include "support/temp_dir.hpp"

namespace evpack {
namespace {

namespace fs = std::filesystem;

FileRecord record(const std::string& rel_path, const std::string& sha256) {
  FileRecord r;
  r.rel_path = rel_path;
  r.sha256 = sha256;
  r.kind = ContentKind::Pdf;
  r.extension = "pdf";
  return r;
}

Inspection inspection(const std::string& title) {
  Inspection in;
  in.kind = ContentKind::Pdf;
  DocumentFacts doc;
  doc.title = title;
  doc.page_count = 2;
  in.document = doc;
  in.text = title;
  return in;
}

std::vector<fs::path> entries(const fs::path& dir) {
  std::vector<fs::path> out;
  std::error_code ec;
  for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->is_regular_file() && it->path().extension() == ".inspection") out.push_back(it->path());
  }
  return out;
}

constexpr const char* kSha = "0f343b0931126a20f133d67c2b018a3b5a4e22e8d2b6f5b5e2b8e3e0c9b0a111";

TEST(InspectionCache, GivesBackWhatWasStoredForTheSameFile) {
  const evpack::testing::TempDir dir;
  InspectionCache cache((dir.path() / "cache").string(), "build-1", {});
  const FileRecord r = record("1.1 领导小组/通知.pdf", kSha);
  EXPECT_FALSE(cache.find(r));
  cache.store(r, inspection("关于成立领导小组的通知"));
  const auto found = cache.find(r);
  ASSERT_TRUE(found);
  EXPECT_EQ(*found, inspection("关于成立领导小组的通知"));
  EXPECT_EQ(cache.hits(), 1u);
  EXPECT_EQ(cache.stored(), 1u);
  // A second cache object over the same folder (the next run) finds it too.
  InspectionCache next((dir.path() / "cache").string(), "build-1", {});
  EXPECT_TRUE(next.find(r));
}

TEST(InspectionCache, AnythingThatCouldChangeTheInspectionMisses) {
  const evpack::testing::TempDir dir;
  const std::string where = (dir.path() / "cache").string();
  InspectOptions options;
  InspectionCache cache(where, "build-1", options);
  const FileRecord r = record("1.1/通知.pdf", kSha);
  cache.store(r, inspection("通知"));
  ASSERT_TRUE(cache.find(r));

  FileRecord other_bytes = r;
  other_bytes.sha256[0] = '1';
  EXPECT_FALSE(cache.find(other_bytes));
  FileRecord moved = r;
  moved.rel_path = "1.2/通知.pdf";  // findings name the file: another place is another inspection
  EXPECT_FALSE(cache.find(moved));
  FileRecord renamed_kind = r;
  renamed_kind.extension = "jpg";
  renamed_kind.extension_mismatch = true;
  EXPECT_FALSE(cache.find(renamed_kind));
  FileRecord unread = r;
  unread.sha256.clear();  // the scanner could not read it: nothing to key on
  EXPECT_FALSE(cache.find(unread));

  EXPECT_FALSE(InspectionCache(where, "build-2", options).find(r));  // another evpack build or OCR engine
  InspectOptions no_ocr = options;
  no_ocr.ocr = false;
  EXPECT_FALSE(InspectionCache(where, "build-1", no_ocr).find(r));
  InspectOptions tolerance = options;
  tolerance.watermark_tolerance_minutes = 30;
  EXPECT_FALSE(InspectionCache(where, "build-1", tolerance).find(r));
}

TEST(InspectionCache, UnreadableResultsAreNotKept) {
  const evpack::testing::TempDir dir;
  InspectionCache cache((dir.path() / "cache").string(), "build-1", {});
  Inspection failed = inspection("");
  failed.readable = false;  // e.g. locked by another program: may read next time
  cache.store(record("a.pdf", kSha), failed);
  EXPECT_EQ(cache.stored(), 0u);
  EXPECT_FALSE(cache.find(record("a.pdf", kSha)));
}

TEST(InspectionCache, ADamagedEntryIsAMissAndIsReplaced) {
  const evpack::testing::TempDir dir;
  InspectionCache cache((dir.path() / "cache").string(), "build-1", {});
  const FileRecord r = record("a.pdf", kSha);
  cache.store(r, inspection("通知"));
  const auto stored = entries(dir.path() / "cache");
  ASSERT_EQ(stored.size(), 1u);
  const auto size = fs::file_size(stored[0]);
  fs::resize_file(stored[0], size / 2);
  EXPECT_FALSE(cache.find(r));
  cache.store(r, inspection("通知"));
  EXPECT_EQ(fs::file_size(stored[0]), size);
  EXPECT_TRUE(cache.find(r));
}

std::string bytes_of(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

void put(const fs::path& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
}

// Regression (issue 24): single-bit flips that still decode, and entries swapped on disk,
// changed the report. Every flip of every byte's low bit must be a miss.
TEST(InspectionCache, FlippedBitsAndSwappedEntriesAreMisses) {
  const evpack::testing::TempDir dir;
  InspectionCache cache((dir.path() / "cache").string(), "build-1", {});
  const FileRecord a = record("a.pdf", kSha);
  const FileRecord b = record("b.pdf", kSha);
  cache.store(a, inspection("关于成立领导小组的通知"));
  cache.store(b, inspection("关于印发实施方案的通知"));
  ASSERT_TRUE(cache.find(a));
  const auto stored = entries(dir.path() / "cache");
  ASSERT_EQ(stored.size(), 2u);
  const std::string original = bytes_of(stored[0]);
  const FileRecord& owner = original.find("领导小组") != std::string::npos ? a : b;
  int hits = 0;
  for (std::size_t i = 0; i < original.size(); ++i) {
    for (int bit : {0, 5}) {
      std::string flipped = original;
      flipped[i] = static_cast<char>(flipped[i] ^ (1 << bit));
      put(stored[0], flipped);
      hits += cache.find(owner).has_value();
    }
  }
  EXPECT_EQ(hits, 0);
  put(stored[0], original);
  ASSERT_TRUE(cache.find(owner));

  // Swap the two entries' files: each decodes, neither is the other's.
  const std::string other = bytes_of(stored[1]);
  put(stored[0], other);
  put(stored[1], original);
  EXPECT_FALSE(cache.find(a));
  EXPECT_FALSE(cache.find(b));
}

TEST(InspectionCache, AFolderThatCannotBeWrittenOnlyCountsFailures) {
  const evpack::testing::TempDir dir;
  dir.write("cache", "a file where the folder should be");
  InspectionCache cache((dir.path() / "cache").string(), "build-1", {});
  cache.store(record("a.pdf", kSha), inspection("通知"));
  EXPECT_EQ(cache.write_failures(), 1u);
  EXPECT_FALSE(cache.find(record("a.pdf", kSha)));
}

TEST(InspectionCache, PruneRemovesEntriesNotUsedForLongAndKeepsTheRest) {
  const evpack::testing::TempDir dir;
  const fs::path where = dir.path() / "cache";
  InspectionCache cache(where.string(), "build-1", {});
  const FileRecord old_one = record("old.pdf", kSha);
  const FileRecord used = record("used.pdf", kSha);
  cache.store(old_one, inspection("旧"));
  cache.store(used, inspection("新"));
  dir.write("cache/ab/abc.inspection.tmp-1-1", "left by a killed run");
  const auto long_ago = fs::file_time_type::clock::now() - std::chrono::hours(24 * 100);
  for (const auto& p : entries(where)) fs::last_write_time(p, long_ago);
  fs::last_write_time(where / "ab/abc.inspection.tmp-1-1", long_ago);
  ASSERT_TRUE(cache.find(used));  // a hit marks the entry as used now

  cache.prune(std::chrono::hours(24 * 90));
  EXPECT_FALSE(cache.find(old_one));
  EXPECT_TRUE(cache.find(used));
  EXPECT_FALSE(fs::exists(where / "ab/abc.inspection.tmp-1-1"));

  // At most once a day: an entry that ages now stays until tomorrow's run.
  for (const auto& p : entries(where)) fs::last_write_time(p, long_ago);
  cache.prune(std::chrono::hours(24 * 90));
  EXPECT_EQ(entries(where).size(), 1u);
}

CheckOptions options_for(const std::string& input, const std::string& cache_dir) {
  CheckOptions options = evpack::testing::offline_check_options(input);
  options.cache_dir = cache_dir;
  options.cache_build = "test-build";
  return options;
}

// The bundled sample archive plus corpus photos: the second check inspects nothing
// that is unchanged, and its report is the same byte for byte; a replaced file is
// inspected again.
TEST(InspectionCache, ASecondCheckReusesUnchangedFilesAndReportsTheSame) {
  const evpack::testing::TempDir dir;
  const fs::path tree = dir.path() / "材料";
  fs::copy(fs::u8path(evpack::testing::source_dir() + "/samples/青石县佐证材料"), tree, fs::copy_options::recursive);
  const fs::path photos = tree / fs::u8path("五、诚信宣传（15分）");
  ASSERT_TRUE(fs::is_directory(photos));
  fs::copy_file(fs::path(evpack::testing::corpus_dir()) / "exif/Canon_40D.jpg", photos / "Canon_40D.jpg");
  fs::copy_file(fs::path(evpack::testing::corpus_dir()) / "heic/IMG_5195.HEIC", photos / "IMG_5195.HEIC");
  const std::string cache = (dir.path() / "cache").string();

  auto first = run_check(options_for(tree.string(), cache));
  ASSERT_TRUE(first);
  EXPECT_EQ(first->reused_inspections, 0u);
  std::size_t readable = 0;
  for (const Evidence& e : first->evidence) readable += (e.inspection.readable && !e.file.sha256.empty()) ? 1 : 0;
  ASSERT_GE(readable, 40u);
  EXPECT_LT(readable, first->evidence.size());  // the sample has a truncated PDF and an empty file

  auto second = run_check(options_for(tree.string(), cache));
  ASSERT_TRUE(second);
  EXPECT_EQ(second->reused_inspections, readable);
  const ReportContext context{tree.string(), "test"};
  EXPECT_EQ(render_json_report(*second, context), render_json_report(*first, context));

  // Another photo under the same name: its bytes changed, so it is inspected again.
  fs::copy_file(fs::path(evpack::testing::corpus_dir()) / "exif/DSCN0010.jpg", photos / "Canon_40D.jpg",
                fs::copy_options::overwrite_existing);
  auto third = run_check(options_for(tree.string(), cache));
  ASSERT_TRUE(third);
  EXPECT_EQ(third->reused_inspections, readable - 1);
  const auto it = std::find_if(third->evidence.begin(), third->evidence.end(),
                               [](const Evidence& e) { return e.file.rel_path.ends_with("Canon_40D.jpg"); });
  ASSERT_NE(it, third->evidence.end());
  ASSERT_TRUE(it->inspection.photo);
  EXPECT_EQ(it->inspection.photo->make, "NIKON");

  // Without a cache folder nothing is reused.
  auto uncached = run_check(options_for(tree.string(), ""));
  ASSERT_TRUE(uncached);
  EXPECT_EQ(uncached->reused_inspections, 0u);
}

}  // namespace
}  // namespace evpack
