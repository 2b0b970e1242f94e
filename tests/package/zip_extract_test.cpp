#include "evpack/package/zip_extract.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "evpack/adapters/zip_archive.hpp"
#include "scan/stored_zip.hpp"
#include "support/temp_dir.hpp"

namespace evpack {
namespace {

namespace fs = std::filesystem;
using testing::TempDir;

std::string corpus_zip(const std::string& name) { return testing::corpus_dir() + "/zip/" + name; }

std::set<std::string> codes_of(const ZipExtraction& x) {
  std::set<std::string> codes;
  for (const auto& f : x.findings) codes.insert(f.code);
  return codes;
}

std::vector<std::string> files_under(const std::string& root) {
  std::vector<std::string> out;
  for (const auto& e : fs::recursive_directory_iterator(root)) {
    if (!e.is_directory()) out.push_back(fs::relative(e.path(), root).generic_string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string read_all(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

TEST(ZipExtract, ZipSlipEntriesAreRefusedAndNothingLandsOutside) {
  for (const char* name : {"zip-slip.zip", "zip-slip-win.zip"}) {
    const bool evil_before = fs::exists("/tmp/evil.txt");
    auto x = extract_zip_safely(corpus_zip(name));
    ASSERT_TRUE(x.ok()) << name;
    EXPECT_TRUE(codes_of(x.value()).count("ZIP_PATH_TRAVERSAL")) << name;
    EXPECT_EQ(files_under(x->root), std::vector<std::string>{"good.txt"}) << name;
    EXPECT_EQ(fs::exists("/tmp/evil.txt"), evil_before);
    EXPECT_FALSE(fs::exists(fs::path(x->root).parent_path() / "evil.txt"));
  }
}

TEST(ZipExtract, SymlinksEncryptedAndDuplicatesAreReportedNotObeyed) {
  auto link = extract_zip_safely(corpus_zip("libarchive_symlink.zip"));
  ASSERT_TRUE(link.ok());
  EXPECT_TRUE(codes_of(link.value()).count("ZIP_SYMLINK"));
  for (const auto& e : fs::recursive_directory_iterator(link->root)) EXPECT_FALSE(e.is_symlink()) << e.path();

  auto crypt = extract_zip_safely(corpus_zip("libzip_encrypt.zip"));
  ASSERT_TRUE(crypt.ok());
  EXPECT_TRUE(codes_of(crypt.value()).count("ZIP_ENCRYPTED"));
  EXPECT_EQ(files_under(crypt->root).size(), 1u);  // the plain entry only
  auto aes = extract_zip_safely(corpus_zip("libarchive_winzip_aes256.zip"));
  ASSERT_TRUE(aes.ok());
  EXPECT_TRUE(codes_of(aes.value()).count("ZIP_ENCRYPTED"));

  auto dup = extract_zip_safely(corpus_zip("libzip_filename_duplicate.zip"));
  if (dup.ok()) {  // libzip may refuse the archive outright; either way nothing is overwritten
    EXPECT_TRUE(codes_of(dup.value()).count("ZIP_DUPLICATE_NAME"));
    EXPECT_EQ(files_under(dup->root), std::vector<std::string>{"test1"});
  }
}

TEST(ZipExtract, GbkNamesAreDecodedAndNoted) {
  auto x = extract_zip_safely(corpus_zip("cp936_old7z_gbk-names-no-utf8-flag.zip"));
  ASSERT_TRUE(x.ok());
  EXPECT_TRUE(codes_of(x.value()).count("ZIP_NAME_GBK"));
  const auto files = files_under(x->root);
  EXPECT_NE(std::find(files.begin(), files.end(), "你好世界.txt"), files.end()) << ::testing::PrintToString(files);
  // Case-insensitive duplicates in a generated zip.
  TempDir dir;
  const auto zip = dir.write("dup.zip", testing::make_stored_zip({{"材料/A.jpg", "1"}, {"材料/a.jpg", "2"}}));
  auto d = extract_zip_safely(zip.string());
  ASSERT_TRUE(d.ok());
  EXPECT_TRUE(codes_of(d.value()).count("ZIP_DUPLICATE_NAME"));
  EXPECT_EQ(read_all(fs::path(d->root) / fs::u8path("材料/A.jpg")), "1");
}

TEST(ZipExtract, BombsHitTheLimitsQuickly) {
  const auto start = std::chrono::steady_clock::now();
  auto bomb = extract_zip_safely(corpus_zip("zipbomb_zbsm-style_overlapping.zip"));
  ASSERT_TRUE(bomb.ok());
  EXPECT_TRUE(codes_of(bomb.value()).count("ZIP_BOMB"));
  EXPECT_EQ(bomb->files_written, 0u);
  // bigzero.zip (4 MB of a 10 KB entry: ratio 404) holds 4 GiB of zeros (ratio ~1000).
  auto outer = extract_zip_safely(corpus_zip("libzip_bigzero-zip.zip"));
  ASSERT_TRUE(outer.ok());
  EXPECT_TRUE(codes_of(outer.value()).count("ZIP_BOMB"));
  EXPECT_EQ(outer->files_written, 0u);
  // With a looser ratio the outer entry is unpacked, the nested zip opened, and its entry refused.
  ZipSafetyLimits loose;
  loose.max_ratio = 500;
  loose.max_total_ratio = 500;
  auto nested = extract_zip_safely(corpus_zip("libzip_bigzero-zip.zip"), loose);
  ASSERT_TRUE(nested.ok());
  EXPECT_TRUE(codes_of(nested.value()).count("ZIP_NESTED"));
  EXPECT_TRUE(codes_of(nested.value()).count("ZIP_BOMB"));
  EXPECT_LT(nested->bytes_written, 8u << 20);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));

  ZipSafetyLimits tight;
  tight.max_total_bytes = 1000;
  TempDir dir;
  const auto zip = dir.write("big.zip", testing::make_stored_zip({{"a.txt", std::string(2000, 'x')}}));
  auto limited = extract_zip_safely(zip.string(), tight);
  ASSERT_TRUE(limited.ok());
  EXPECT_TRUE(codes_of(limited.value()).count("ZIP_BOMB"));
  EXPECT_TRUE(files_under(limited->root).empty());
}

// One stored entry whose data `copies` central-directory records all point at.
std::string overlapping_zip(int copies, const std::string& data) {
  const auto u16 = testing::append_le16;
  const auto u32 = testing::append_le32;
  const std::uint32_t crc = testing::crc32_of(data);
  const auto size = static_cast<std::uint32_t>(data.size());
  std::string body;
  u32(body, 0x04034b50);
  u16(body, 10), u16(body, 0), u16(body, 0), u16(body, 0), u16(body, 0x5A21);
  u32(body, crc), u32(body, size), u32(body, size);
  u16(body, 5), u16(body, 0);
  body += "0.txt" + data;
  std::string central;
  for (int i = 0; i < copies; ++i) {
    const std::string name = std::to_string(i) + ".txt";
    u32(central, 0x02014b50);
    u16(central, 20), u16(central, 10), u16(central, 0), u16(central, 0), u16(central, 0), u16(central, 0x5A21);
    u32(central, crc), u32(central, size), u32(central, size);
    u16(central, static_cast<std::uint32_t>(name.size())), u16(central, 0), u16(central, 0);
    u16(central, 0), u16(central, 0), u32(central, 0), u32(central, 0);
    central += name;
  }
  std::string out = body + central;
  u32(out, 0x06054b50);
  u16(out, 0), u16(out, 0), u16(out, copies), u16(out, copies);
  u32(out, static_cast<std::uint32_t>(central.size())), u32(out, static_cast<std::uint32_t>(body.size()));
  u16(out, 0);
  return out;
}

// Regressions from the audit of issue 24: a 1 MiB floor let many well-compressed entries
// through, overlapping entries multiplied one entry's data, and each nested zip had a fresh budget.
TEST(ZipExtract, ManySmallBombEntriesAreRefused) {
  TempDir dir;
  const auto zeros = dir.write("zeros.bin", std::string(1 << 20, '\0'));
  const std::string path = (dir.path() / "many.zip").string();
  {
    ZipWriterOptions options;
    options.deflate_level = 1;
    auto writer = create_zip_writer(path, options);
    ASSERT_TRUE(writer.ok());
    for (int i = 0; i < 2000; ++i) {
      ASSERT_TRUE((*writer)->add_file("z" + std::to_string(i) + ".bin", zeros.string(), ZipMethod::Deflate).ok());
    }
    ASSERT_TRUE((*writer)->finish().ok());
  }
  EXPECT_LT(fs::file_size(path), 12u << 20);
  auto x = extract_zip_safely(path);
  ASSERT_TRUE(x.ok());
  EXPECT_TRUE(codes_of(x.value()).count("ZIP_BOMB"));
  EXPECT_EQ(x->bytes_written, 0u);
  // Without the total-ratio limit, each entry still fails its own ratio (no size floor).
  ZipSafetyLimits per_entry;
  per_entry.max_total_ratio = 1e9;
  auto y = extract_zip_safely(path, per_entry);
  ASSERT_TRUE(y.ok());
  EXPECT_TRUE(codes_of(y.value()).count("ZIP_BOMB"));
  EXPECT_EQ(y->bytes_written, 0u);
}

TEST(ZipExtract, OverlappingEntriesAreRefused) {
  TempDir dir;
  const auto zip = dir.write("overlap.zip", overlapping_zip(50, std::string(100'000, 'x')));
  auto x = extract_zip_safely(zip.string());
  ASSERT_TRUE(x.ok());
  EXPECT_TRUE(codes_of(x.value()).count("ZIP_BOMB"));
  EXPECT_EQ(x->bytes_written, 0u);
  EXPECT_TRUE(files_under(x->root).empty());
}

TEST(ZipExtract, OneByteBudgetForAllNestingLevels) {
  TempDir dir;
  const std::string inner = testing::make_stored_zip({{"data.txt", std::string(1500, 'x')}});
  const auto outer = dir.write("outer.zip", testing::make_stored_zip({{"a.zip", inner}, {"b.zip", inner}}));
  ZipSafetyLimits limits;
  limits.max_total_bytes = 5000;
  auto x = extract_zip_safely(outer.string(), limits);
  ASSERT_TRUE(x.ok());
  EXPECT_TRUE(codes_of(x.value()).count("ZIP_BOMB"));
  EXPECT_LE(x->bytes_written, 5000u);
  const auto files = files_under(x->root);
  EXPECT_NE(std::find(files.begin(), files.end(), "a/data.txt"), files.end()) << ::testing::PrintToString(files);
  EXPECT_EQ(std::find(files.begin(), files.end(), "b/data.txt"), files.end()) << ::testing::PrintToString(files);
}

TEST(ZipExtract, TooManyEntriesFailsBeforeWritingAnything) {
  TempDir dir;
  std::vector<std::pair<std::string, std::string>> entries;
  for (int i = 0; i < 101; ++i) entries.emplace_back(std::to_string(i) + ".txt", "");
  const auto zip = dir.write("many.zip", testing::make_stored_zip(entries));
  ZipSafetyLimits limits;
  limits.max_entries = 100;
  auto x = extract_zip_safely(zip.string(), limits);
  ASSERT_TRUE(x.ok());
  EXPECT_TRUE(codes_of(x.value()).count("ZIP_TOO_MANY_ENTRIES"));
  EXPECT_EQ(x->files_written, 0u);
  EXPECT_TRUE(files_under(x->root).empty());
}

TEST(ZipExtract, NestedZipsOpenOneLevel) {
  auto x = extract_zip_safely(corpus_zip("libarchive_nested.zip"));
  ASSERT_TRUE(x.ok());
  EXPECT_TRUE(codes_of(x.value()).count("ZIP_NESTED"));
  const auto files = files_under(x->root);
  EXPECT_EQ(std::count_if(files.begin(), files.end(), [](const std::string& f) { return f.starts_with("small/"); }), 1)
      << ::testing::PrintToString(files);
  EXPECT_EQ(std::find(files.begin(), files.end(), "small.zip"), files.end());

  // Two levels: the inner one stays a file, with a finding.
  TempDir dir;
  const std::string inner = testing::make_stored_zip({{"deep.txt", "deep"}});
  const std::string middle = testing::make_stored_zip({{"inner.zip", inner}});
  const auto outer = dir.write("outer.zip", testing::make_stored_zip({{"middle.zip", middle}}));
  auto two = extract_zip_safely(outer.string());
  ASSERT_TRUE(two.ok());
  EXPECT_TRUE(codes_of(two.value()).count("ZIP_NESTED_TOO_DEEP"));
  EXPECT_EQ(files_under(two->root), std::vector<std::string>{"middle/inner.zip"});
}

TEST(ZipExtract, CorruptTruncatedAndUnsupportedArchives) {
  auto broken = extract_zip_safely(corpus_zip("libzip_broken.zip"));
  ASSERT_TRUE(broken.ok());
  EXPECT_TRUE(codes_of(broken.value()).count("ZIP_ENTRY_CORRUPT"));
  EXPECT_EQ(files_under(broken->root), (std::vector<std::string>{"deflateok", "storedok"}));

  auto zstd = extract_zip_safely(corpus_zip("libzip_testfile-zstd.zip"));
  ASSERT_TRUE(zstd.ok());
  EXPECT_TRUE(codes_of(zstd.value()).count("ZIP_ENTRY_UNSUPPORTED") ||
              codes_of(zstd.value()).count("ZIP_ENTRY_CORRUPT"));

  auto truncated = extract_zip_safely(corpus_zip("libzip_testfile-truncated.zip"));
  ASSERT_FALSE(truncated.ok());
  EXPECT_TRUE(truncated.error().code.starts_with("ZIP_"));
  EXPECT_FALSE(extract_zip_safely(testing::corpus_dir() + "/pdf/cn-govdoc_typst-template.pdf").ok());

  // A truncated copy of a good zip (upload cut off): an error, never a crash.
  TempDir dir;
  const std::string good = testing::make_stored_zip({{"a.txt", std::string(5000, 'a')}, {"b.txt", "b"}});
  const auto cut = dir.write("cut.zip", good.substr(0, good.size() - 30));
  EXPECT_FALSE(extract_zip_safely(cut.string()).ok());
}

TEST(ZipExtract, TempFolderIsPrivateAndRemoved) {
  std::string root;
  {
    auto x = extract_zip_safely(corpus_zip("cp936_new7z.zip"));
    ASSERT_TRUE(x.ok());
    root = x->root;
    EXPECT_EQ(fs::status(root).permissions() & fs::perms::all, fs::perms::owner_all);
    ZipExtraction moved = std::move(x.value());
    EXPECT_TRUE(fs::exists(root));
  }
  EXPECT_FALSE(fs::exists(root));
  EXPECT_TRUE(looks_like_zip_file(corpus_zip("cp936_new7z.zip")));
  EXPECT_FALSE(looks_like_zip_file(testing::corpus_dir() + "/SOURCES.md"));
}

}  // namespace
}  // namespace evpack
