#include "evpack/adapters/zip_archive.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <map>

#include "scan/stored_zip.hpp"
#include "support/temp_dir.hpp"

namespace evpack {
namespace {

using testing::TempDir;

std::string corpus_zip(const std::string& name) { return testing::corpus_dir() + "/zip/" + name; }

std::unique_ptr<ZipReader> open_ok(const std::string& path) {
  auto reader = open_zip(path);
  EXPECT_TRUE(reader.ok()) << path << ": " << (reader.ok() ? "" : reader.error().message);
  return reader.ok() ? std::move(reader.value()) : nullptr;
}

TEST(ZipArchive, ListsNamesAndReadsHeadsOfAGeneratedZip) {
  TempDir dir;
  const auto path = dir.write(
      "材料.zip", testing::make_stored_zip(
                      {{"[Content_Types].xml", "<Types/>"}, {"word/document.xml", "<w:document/>"}, {"word/", ""}}));
  auto names = list_zip_entry_names(path.string());
  ASSERT_TRUE(names.ok());
  EXPECT_EQ(names.value(), (std::vector<std::string>{"[Content_Types].xml", "word/document.xml", "word/"}));

  auto reader = open_ok(path.string());
  ASSERT_TRUE(reader);
  EXPECT_FALSE(reader->truncated());
  EXPECT_FALSE(reader->entries()[1].is_directory);
  EXPECT_TRUE(reader->entries()[2].is_directory);
  EXPECT_EQ(reader->entries()[1].size, 13u);
  EXPECT_EQ(reader->read_head(1, 5).value(), "<w:do");
  EXPECT_EQ(reader->read_head(0, 100).value(), "<Types/>");
  EXPECT_EQ(reader->read_head(7, 5).error().code, "ZIP_ENTRY_MISSING");
}

TEST(ZipArchive, GbkNamesWithoutFlagAreDecoded) {
  auto reader = open_ok(corpus_zip("cp936_old7z_gbk-names-no-utf8-flag.zip"));
  ASSERT_TRUE(reader);
  const auto& entries = reader->entries();
  const auto it =
      std::find_if(entries.begin(), entries.end(), [](const ZipEntry& e) { return e.name == "你好世界.txt"; });
  ASSERT_NE(it, entries.end());
  EXPECT_TRUE(it->name_decoded_from_gbk);
  EXPECT_EQ(it->raw_name, "\xC4\xE3\xBA\xC3\xCA\xC0\xBD\xE7.txt");
  // The flagged UTF-8 entry in the same (mixed) archive is taken as is.
  const auto symbols =
      std::find_if(entries.begin(), entries.end(), [](const ZipEntry& e) { return e.name.starts_with("©®"); });
  ASSERT_NE(symbols, entries.end());
  EXPECT_FALSE(symbols->name_decoded_from_gbk);
}

TEST(ZipArchive, GeneratedGbkNameAndUnicodePathExtra) {
  TempDir dir;
  const auto path = dir.write("gbk.zip", testing::make_stored_zip({{"\xBB\xE1\xD2\xE9.jpg", "x"}}, false));
  auto names = list_zip_entry_names(path.string());
  ASSERT_TRUE(names.ok());
  EXPECT_EQ(names.value(), std::vector<std::string>{"会议.jpg"});

  // Info-ZIP Unicode Path extra field: the UTF-8 name wins over the GBK bytes.
  auto extra = list_zip_entry_names(corpus_zip("gbk-name_with-unicode-path-extra.zip"));
  ASSERT_TRUE(extra.ok());
  EXPECT_EQ(extra.value(), std::vector<std::string>{"中文路径.txt"});
}

TEST(ZipArchive, EncryptedEntriesAreReportedNotRead) {
  auto reader = open_ok(corpus_zip("libzip_encrypt.zip"));
  ASSERT_TRUE(reader);
  ASSERT_EQ(reader->entries().size(), 2u);
  EXPECT_EQ(reader->entries()[0].name, "encrypted");
  EXPECT_TRUE(reader->entries()[0].encrypted);
  EXPECT_FALSE(reader->entries()[1].encrypted);
  EXPECT_EQ(reader->read_head(0, 16).error().code, "ZIP_ENTRY_ENCRYPTED");
  EXPECT_TRUE(reader->read_head(1, 16).ok());

  auto aes = open_ok(corpus_zip("libarchive_winzip_aes256.zip"));
  ASSERT_TRUE(aes);
  EXPECT_TRUE(aes->entries()[0].encrypted);
  EXPECT_FALSE(aes->read_head(0, 16).ok());
}

TEST(ZipArchive, BrokenArchivesAreErrorsNotCrashes) {
  const std::string not_zip = testing::corpus_dir() + "/pdf/cn-govdoc_typst-template.pdf";
  EXPECT_EQ(open_zip(not_zip).error().code, "ZIP_NOT_ZIP");
  EXPECT_FALSE(open_zip(corpus_zip("libarchive_malformed1.zip")).ok());
  EXPECT_FALSE(open_zip(corpus_zip("libzip_testfile-truncated.zip")).ok());
  EXPECT_EQ(open_zip(corpus_zip("libzip_multidisk.zip")).error().code, "ZIP_CORRUPT");
  EXPECT_EQ(open_zip(testing::corpus_dir() + "/zip/missing.zip").error().code, "ZIP_UNREADABLE");
  EXPECT_EQ(open_zip(testing::corpus_dir() + "/zip").error().code, "ZIP_UNREADABLE");

  // Whatever opens must read without crashing: every entry of every corpus zip.
  for (const char* name : {"libzip_broken.zip", "libzip_testbzip2broken.zip", "libzip_testfile-zstd.zip",
                           "libarchive_uncompressed_size_off_by_4gib.zip", "libzip_junk-at-start.zip",
                           "libzip_incons-file-count-overflow.zip", "libzip_streamed-zip64.zip", "zip-slip.zip"}) {
    auto reader = open_zip(corpus_zip(name));
    if (!reader) continue;
    for (std::size_t i = 0; i < reader.value()->entries().size(); ++i) {
      auto head = reader.value()->read_head(i, 64);
      if (!head) {
        EXPECT_FALSE(head.error().code.empty()) << name;
      }
    }
  }
  auto bzip2 = open_ok(corpus_zip("libzip_testbzip2broken.zip"));
  ASSERT_TRUE(bzip2);
  EXPECT_FALSE(bzip2->read_head(0, 1000).ok());
}

TEST(ZipArchive, BombsAreListedAndReadInBoundedTime) {
  const auto start = std::chrono::steady_clock::now();
  auto reader = open_ok(corpus_zip("zipbomb_zbsm-style_overlapping.zip"));
  ASSERT_TRUE(reader);
  EXPECT_GT(reader->entries().size(), 100u);
  EXPECT_GT(reader->entries()[1].size, 2'000'000'000u);  // declared, never inflated
  auto head = reader->read_head(1, 4096);
  ASSERT_TRUE(head.ok());
  EXPECT_EQ(head.value().size(), 4096u);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
}

TEST(ZipArchive, EntryLimitTruncatesTheListing) {
  ZipLimits limits;
  limits.max_entries = 3;
  auto reader = open_zip(corpus_zip("zipbomb_zbsm-style_overlapping.zip"), limits);
  ASSERT_TRUE(reader.ok());
  EXPECT_EQ(reader.value()->entries().size(), 3u);
  EXPECT_TRUE(reader.value()->truncated());
}

TEST(ZipArchive, SymlinkEntriesAreMarked) {
  auto reader = open_ok(corpus_zip("libarchive_symlink.zip"));
  ASSERT_TRUE(reader);
  int links = 0;
  for (const auto& e : reader->entries()) {
    if (e.symlink) {
      ++links;
      EXPECT_EQ(e.name, "symlink");
    }
  }
  EXPECT_EQ(links, 1);
}

TEST(ZipArchive, ReadEntryStopsAtTheByteLimit) {
  // bigzero.zip inside is 4 MB; the limit stops the read long before.
  auto reader = open_ok(corpus_zip("libzip_bigzero-zip.zip"));
  ASSERT_TRUE(reader);
  std::uint64_t seen = 0;
  auto limited = reader->read_entry(
      0,
      [&](std::string_view chunk) {
        seen += chunk.size();
        return true;
      },
      100'000);
  ASSERT_FALSE(limited.ok());
  EXPECT_EQ(limited.error().code, "ZIP_ENTRY_TOO_LARGE");
  EXPECT_LE(seen, 100'000u);
  auto whole = reader->read_entry(
      0, [](std::string_view) { return true; }, 1ull << 30);
  ASSERT_TRUE(whole.ok());
  EXPECT_EQ(whole.value(), reader->entries()[0].size);
  auto stopped = reader->read_entry(
      0, [](std::string_view) { return false; }, 1ull << 30);
  EXPECT_EQ(stopped.error().code, "ZIP_READ_STOPPED");
}

TEST(ZipArchive, ReadEntryReportsCrcAndDataErrors) {
  // unzip -t on this file: storedcrcerror and deflatecrcerror have bad CRCs, deflatezliberror
  // bad deflate data, cryptok is encrypted.
  auto reader = open_ok(corpus_zip("libzip_broken.zip"));
  ASSERT_TRUE(reader);
  std::map<std::string, std::string> outcome;
  for (std::size_t i = 0; i < reader->entries().size(); ++i) {
    auto n = reader->read_entry(
        i, [](std::string_view) { return true; }, 1ull << 30);
    outcome[reader->entries()[i].name] = n ? "ok" : n.error().code;
  }
  EXPECT_EQ(outcome, (std::map<std::string, std::string>{{"storedok", "ok"},
                                                         {"storedcrcerror", "ZIP_ENTRY_CORRUPT"},
                                                         {"deflateok", "ok"},
                                                         {"deflatecrcerror", "ZIP_ENTRY_CORRUPT"},
                                                         {"deflatezliberror", "ZIP_ENTRY_CORRUPT"},
                                                         {"cryptok", "ZIP_ENTRY_ENCRYPTED"}}));
}

}  // namespace
}  // namespace evpack
