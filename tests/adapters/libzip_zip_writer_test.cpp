#include <gtest/gtest.h>
#include <sys/resource.h>
#include <sys/stat.h>

#include <algorithm>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "evpack/adapters/digest.hpp"
#include "evpack/adapters/zip_archive.hpp"
#include "support/external_tool.hpp"
#include "support/temp_dir.hpp"

namespace evpack {
namespace {

namespace fs = std::filesystem;
using testing::run_command;
using testing::shell_quote;
using testing::TempDir;
using testing::tool_available;

std::string read_all(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::string random_bytes(std::size_t n, unsigned seed) {
  std::mt19937 gen(seed);
  std::string out(n, '\0');
  for (auto& c : out) c = static_cast<char>(gen() & 0xFF);
  return out;
}

std::string text_of(std::size_t n) {
  std::string out;
  while (out.size() < n) out += "信用交通县验收材料，第" + std::to_string(out.size()) + "行。\n";
  return out;
}

std::string sha_of(std::string_view data) { return sha256_bytes(data.data(), data.size()); }

// Entries of the directory (names only): shows leftovers such as libzip temp files.
std::vector<std::string> listing(const fs::path& dir) {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(dir)) out.push_back(e.path().filename().string());
  std::sort(out.begin(), out.end());
  return out;
}

const std::string kPhotoName = "材料/01 制度建设（13分）/1.1 成立领导小组/01-2025-03-18 领导小组会议.jpg";
const std::string kCorpusJpeg = "/exif/Canon_40D.jpg";
const std::string kCorpusPdf = "/pdf/cn-gongwen_report.pdf";

// Writes a small mixed archive (a real JPEG and PDF from the corpus, text, an empty file).
ZipWriteResult write_sample(const TempDir& dir, const std::string& file_name, const ZipWriterOptions& options) {
  const std::string path = (dir.path() / file_name).string();
  auto writer = create_zip_writer(path, options);
  EXPECT_TRUE(writer.ok());
  if (!writer) return {};
  auto& w = *writer.value();
  EXPECT_TRUE(w.add_file(kPhotoName, testing::corpus_dir() + kCorpusJpeg, ZipMethod::Store).ok());
  EXPECT_TRUE(w.add_file("材料/02 公文.pdf", testing::corpus_dir() + kCorpusPdf, ZipMethod::Store).ok());
  EXPECT_TRUE(w.add_bytes("材料/目录.html", text_of(50'000), ZipMethod::Deflate).ok());
  EXPECT_TRUE(w.add_bytes("材料/bagit.txt", "BagIt-Version: 1.0\n", ZipMethod::Deflate).ok());
  EXPECT_TRUE(w.add_bytes("材料/空文件.txt", "", ZipMethod::Deflate).ok());
  auto done = w.finish();
  EXPECT_TRUE(done.ok()) << (done ? "" : done.error().message);
  if (!done) return {};
  EXPECT_EQ(done->archive_size, fs::file_size(path));
  return done.value();
}

TEST(LibzipZipWriter, EntriesReadBackWithMethodsSizesAndContent) {
  TempDir dir;
  const ZipWriteResult written = write_sample(dir, "包.zip", {});
  ASSERT_EQ(written.entries.size(), 5u);
  EXPECT_EQ(written.entries[0].name, kPhotoName);
  EXPECT_EQ(written.entries[0].method, ZipMethod::Store);
  EXPECT_EQ(written.entries[0].size, fs::file_size(testing::corpus_dir() + kCorpusJpeg));
  EXPECT_EQ(written.entries[0].compressed_size, written.entries[0].size);
  EXPECT_EQ(written.entries[1].method, ZipMethod::Store);
  EXPECT_EQ(written.entries[2].method, ZipMethod::Deflate);
  EXPECT_LT(written.entries[2].compressed_size, written.entries[2].size / 3);
  EXPECT_EQ(written.entries[3].method, ZipMethod::Deflate);
  EXPECT_EQ(written.entries[4].method, ZipMethod::Store);  // nothing to deflate
  EXPECT_EQ(written.entries[4].size, 0u);

  const std::vector<std::string> contents = {read_all(testing::corpus_dir() + kCorpusJpeg),
                                             read_all(testing::corpus_dir() + kCorpusPdf), text_of(50'000),
                                             "BagIt-Version: 1.0\n", ""};
  auto reader = open_zip((dir.path() / "包.zip").string());
  ASSERT_TRUE(reader.ok()) << reader.error().message;
  const auto& entries = reader.value()->entries();
  ASSERT_EQ(entries.size(), 5u);
  for (std::size_t i = 0; i < entries.size(); ++i) {
    EXPECT_EQ(entries[i].name, written.entries[i].name);
    EXPECT_FALSE(entries[i].name_decoded_from_gbk);
    EXPECT_EQ(entries[i].size, contents[i].size());
    EXPECT_EQ(entries[i].crc32, written.entries[i].crc32);
    EXPECT_EQ(entries[i].method, written.entries[i].method == ZipMethod::Deflate ? 8 : 0);
    EXPECT_FALSE(entries[i].symlink);
    Sha256Stream sha;
    auto n = reader.value()->read_entry(
        i,
        [&](std::string_view chunk) {
          sha.update(chunk.data(), chunk.size());
          return true;
        },
        1 << 30);
    ASSERT_TRUE(n.ok()) << n.error().message;
    EXPECT_EQ(sha.finish(), sha_of(contents[i])) << entries[i].name;
  }
  // Nothing but the zip in the directory: libzip's temp file was renamed into place.
  EXPECT_EQ(listing(dir.path()), std::vector<std::string>{"包.zip"});
}

TEST(LibzipZipWriter, SameInputGivesIdenticalBytesWithFixedTimesAndAttributes) {
  TempDir dir;
  const auto photo = dir.write("src/照片.jpg", random_bytes(300'000, 7));
  ZipWriterOptions options;
  options.mtime = 1742287800;  // 2025-03-18 08:50:00 UTC
  auto write = [&](const std::string& name) {
    auto writer = create_zip_writer((dir.path() / name).string(), options);
    EXPECT_TRUE(writer.ok());
    EXPECT_TRUE(writer.value()->add_file("照片.jpg", photo.string(), ZipMethod::Store).ok());
    EXPECT_TRUE(writer.value()->add_bytes("说明.txt", text_of(5000), ZipMethod::Deflate).ok());
    EXPECT_TRUE(writer.value()->finish().ok());
    return read_all(dir.path() / name);
  };
  const auto a = write("a.zip");
  // Another mtime and mode on the source, another time zone: the same bytes.
  fs::last_write_time(photo, fs::file_time_type::clock::now());
  fs::permissions(photo, fs::perms::owner_read | fs::perms::owner_write);
  const char* old_tz = std::getenv("TZ");
  const std::string saved_tz = old_tz ? old_tz : "";
  ::setenv("TZ", "America/New_York", 1);
  ::tzset();
  const auto b = write("b.zip");
  if (old_tz)
    ::setenv("TZ", saved_tz.c_str(), 1);
  else
    ::unsetenv("TZ");
  ::tzset();
  EXPECT_EQ(a, b);
  const auto info = run_command(std::string(testing::system_python()) +
                                " -c \"import zipfile,sys\nfor i in zipfile.ZipFile(sys.argv[1]).infolist(): "
                                "print(i.date_time, oct(i.external_attr >> 16), i.extra.hex() or '-')\" " +
                                shell_quote((dir.path() / "a.zip").string()));
  EXPECT_EQ(info.output, "(2025, 3, 18, 8, 50, 0) 0o100644 -\n(2025, 3, 18, 8, 50, 0) 0o100644 -\n");
}

TEST(LibzipZipWriter, ExternalToolsTestTheArchiveCleanAndSeeChineseNames) {
  TempDir dir;
  write_sample(dir, "包.zip", {});
  const std::string path = (dir.path() / "包.zip").string();
  if (tool_available("unzip")) {
    const auto r = run_command("unzip -t " + shell_quote(path));
    EXPECT_EQ(r.exit_code, 0) << r.output;
    EXPECT_NE(r.output.find("No errors detected"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("01-2025-03-18 领导小组会议.jpg"), std::string::npos) << r.output;
  }
  if (tool_available("7z")) {
    const auto r = run_command("7z t " + shell_quote(path));
    EXPECT_EQ(r.exit_code, 0) << r.output;
    EXPECT_NE(r.output.find("Everything is Ok"), std::string::npos) << r.output;
    const auto l = run_command("7z l " + shell_quote(path));
    EXPECT_NE(l.output.find("材料/02 公文.pdf"), std::string::npos) << l.output;
  }
  ASSERT_TRUE(tool_available(testing::system_python()));
  const auto t = run_command(std::string(testing::system_python()) + " -m zipfile -t " + shell_quote(path));
  EXPECT_EQ(t.exit_code, 0) << t.output;
  // Bit 11 (UTF-8) on every non-ASCII name.
  const auto flags = run_command(std::string(testing::system_python()) +
                                 " -c \"import zipfile,sys\nfor i in zipfile.ZipFile(sys.argv[1]).infolist(): "
                                 "print(i.filename, i.flag_bits & 0x800)\" " +
                                 shell_quote(path));
  EXPECT_NE(flags.output.find("材料/目录.html 2048"), std::string::npos) << flags.output;
  EXPECT_NE(flags.output.find("材料/空文件.txt 2048"), std::string::npos) << flags.output;
}

TEST(LibzipZipWriter, GbkNamesAreRawGbkBytesWithoutTheFlag) {
  TempDir dir;
  ZipWriterOptions options;
  options.names = ZipNameEncoding::Gbk;
  const std::string path = (dir.path() / "gbk.zip").string();
  auto writer = create_zip_writer(path, options);
  ASSERT_TRUE(writer.ok());
  ASSERT_TRUE(writer.value()->add_bytes("会议/签到表.txt", "x", ZipMethod::Store).ok());
  ASSERT_TRUE(writer.value()->add_bytes("readme.txt", "y", ZipMethod::Store).ok());
  // GBK C4BF C2BC is valid UTF-8 as well: this one stays flagged UTF-8.
  ASSERT_TRUE(writer.value()->add_bytes("gbk/目录.html", "w", ZipMethod::Store).ok());
  auto emoji = writer.value()->add_bytes("会议/😀.txt", "z", ZipMethod::Store);
  ASSERT_FALSE(emoji.ok());
  EXPECT_EQ(emoji.error().code, "ZIP_NAME_NOT_GBK");
  ASSERT_TRUE(writer.value()->finish().ok());

  auto reader = open_zip(path);
  ASSERT_TRUE(reader.ok());
  ASSERT_EQ(reader.value()->entries().size(), 3u);
  const ZipEntry& e = reader.value()->entries()[0];
  EXPECT_EQ(e.name, "会议/签到表.txt");
  EXPECT_TRUE(e.name_decoded_from_gbk);
  EXPECT_EQ(e.raw_name, "\xbb\xe1\xd2\xe9/\xc7\xa9\xb5\xbd\xb1\xed.txt");
  EXPECT_EQ(reader.value()->entries()[2].name, "gbk/目录.html");
  EXPECT_FALSE(reader.value()->entries()[2].name_decoded_from_gbk);

  // Python reads unflagged names as CP437: the bytes are GBK, and no flag is set.
  const auto py = run_command(std::string(testing::system_python()) +
                              " -c \"import zipfile,sys\ni=zipfile.ZipFile(sys.argv[1]).infolist()[0]\n"
                              "print(i.flag_bits & 0x800, i.filename.encode('cp437').decode('gbk'))\n"
                              "print(zipfile.ZipFile(sys.argv[1]).infolist()[2].flag_bits & 0x800)\" " +
                              shell_quote(path));
  EXPECT_EQ(py.output, "0 会议/签到表.txt\n2048\n");
  if (tool_available("unzip")) {
    const auto r = run_command("unzip -t " + shell_quote(path));
    EXPECT_EQ(r.exit_code, 0) << r.output;
  }
  if (tool_available("7z")) {
    const auto r = run_command("7z t " + shell_quote(path));
    EXPECT_EQ(r.exit_code, 0) << r.output;
  }
}

TEST(LibzipZipWriter, RefusesNamesThatEscapeOrCollide) {
  TempDir dir;
  auto writer = create_zip_writer((dir.path() / "x.zip").string());
  ASSERT_TRUE(writer.ok());
  auto& w = *writer.value();
  for (const char* bad :
       {"../evil.txt", "/etc/passwd", "a/../../b", "a\\b.txt", "a//b", "C:/x.txt", "a/./b", "dir/", "tab\there", ""}) {
    auto e = w.add_bytes(bad, "x", ZipMethod::Store);
    ASSERT_FALSE(e.ok()) << bad;
    EXPECT_EQ(e.error().code, "ZIP_NAME_INVALID") << bad;
  }
  ASSERT_TRUE(w.add_bytes("材料/Photo.JPG", "x", ZipMethod::Store).ok());
  auto dup = w.add_bytes("材料/photo.jpg", "y", ZipMethod::Store);
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.error().code, "ZIP_NAME_DUPLICATE");
  ASSERT_TRUE(w.finish().ok());
  EXPECT_EQ(open_zip((dir.path() / "x.zip").string()).value()->entries().size(), 1u);
}

TEST(LibzipZipWriter, NeverOverwritesAndReportsUnreadableSources) {
  TempDir dir;
  const auto existing = dir.write("exists.zip", "keep me");
  EXPECT_EQ(create_zip_writer(existing.string()).error().code, "ZIP_WRITE_FAILED");
  EXPECT_EQ(read_all(existing), "keep me");

  auto writer = create_zip_writer((dir.path() / "y.zip").string());
  ASSERT_TRUE(writer.ok());
  auto missing = writer.value()->add_file("a.jpg", (dir.path() / "missing.jpg").string(), ZipMethod::Store);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, "ZIP_SOURCE_UNREADABLE");
  auto directory = writer.value()->add_file("b.jpg", dir.str(), ZipMethod::Store);
  ASSERT_FALSE(directory.ok());
  EXPECT_EQ(directory.error().code, "ZIP_SOURCE_UNREADABLE");
  ASSERT_EQ(::mkfifo((dir.path() / "fifo").c_str(), 0600), 0);
  auto fifo = writer.value()->add_file("c.jpg", (dir.path() / "fifo").string(), ZipMethod::Store);  // must not block
  ASSERT_FALSE(fifo.ok());
  EXPECT_EQ(fifo.error().code, "ZIP_SOURCE_UNREADABLE");
}

TEST(LibzipZipWriter, AnArchiveWithoutEntriesIsAnError) {
  TempDir dir;
  auto writer = create_zip_writer((dir.path() / "empty.zip").string());
  ASSERT_TRUE(writer.ok());
  auto done = writer.value()->finish();
  ASSERT_FALSE(done.ok());
  EXPECT_EQ(done.error().code, "ZIP_WRITE_FAILED");
  EXPECT_TRUE(fs::is_empty(dir.path()));
}

TEST(LibzipZipWriter, AFileGoneBeforeWritingFailsTheArchiveAndLeavesNothing) {
  TempDir dir;
  const auto a = dir.write("src/a.jpg", random_bytes(100'000, 1));
  const auto b = dir.write("src/b.jpg", random_bytes(100'000, 2));
  auto writer = create_zip_writer((dir.path() / "gone.zip").string());
  ASSERT_TRUE(writer.ok());
  ASSERT_TRUE(writer.value()->add_file("a.jpg", a.string(), ZipMethod::Store).ok());
  ASSERT_TRUE(writer.value()->add_file("b.jpg", b.string(), ZipMethod::Store).ok());
  fs::remove(b);
  auto done = writer.value()->finish();
  ASSERT_FALSE(done.ok());
  EXPECT_EQ(done.error().code, "ZIP_SOURCE_UNREADABLE");
  EXPECT_NE(done.error().message.find("b.jpg"), std::string::npos) << done.error().message;
  EXPECT_EQ(listing(dir.path()), std::vector<std::string>{"src"});
  EXPECT_FALSE(writer.value()->add_bytes("later.txt", "x", ZipMethod::Store).ok());
}

TEST(LibzipZipWriter, AFileChangedBeforeWritingIsRefused) {
  TempDir dir;
  const auto a = dir.write("src/a.jpg", random_bytes(100'000, 1));
  auto writer = create_zip_writer((dir.path() / "changed.zip").string());
  ASSERT_TRUE(writer.ok());
  ASSERT_TRUE(writer.value()->add_file("a.jpg", a.string(), ZipMethod::Store).ok());
  { std::ofstream(a, std::ios::binary | std::ios::app) << "appended"; }
  auto done = writer.value()->finish();
  ASSERT_FALSE(done.ok());
  EXPECT_EQ(done.error().code, "ZIP_SOURCE_CHANGED");
  EXPECT_EQ(listing(dir.path()), std::vector<std::string>{"src"});
}

TEST(LibzipZipWriter, AFileShrunkOrSwappedForAFifoBeforeWritingIsRefusedWithoutHanging) {
  TempDir dir;
  const auto a = dir.write("src/a.jpg", random_bytes(3 << 20, 1));
  auto shrunk = create_zip_writer((dir.path() / "shrunk.zip").string());
  ASSERT_TRUE(shrunk.ok());
  ASSERT_TRUE(shrunk.value()->add_file("a.jpg", a.string(), ZipMethod::Store).ok());
  fs::resize_file(a, 1 << 20);
  auto done = shrunk.value()->finish();
  ASSERT_FALSE(done.ok());
  EXPECT_EQ(done.error().code, "ZIP_SOURCE_CHANGED");

  const auto b = dir.write("src/b.jpg", random_bytes(1000, 2));
  auto swapped = create_zip_writer((dir.path() / "fifo.zip").string());
  ASSERT_TRUE(swapped.ok());
  ASSERT_TRUE(swapped.value()->add_file("b.jpg", b.string(), ZipMethod::Store).ok());
  fs::remove(b);
  ASSERT_EQ(::mkfifo(b.c_str(), 0600), 0);
  done = swapped.value()->finish();  // must not block on the FIFO
  ASSERT_FALSE(done.ok());
  EXPECT_EQ(done.error().code, "ZIP_SOURCE_UNREADABLE");
  EXPECT_EQ(listing(dir.path()), std::vector<std::string>{"src"});
}

TEST(LibzipZipWriter, FilesOfEverySizeAroundTheIoChunkComeBackExact) {
  // Data moves in 1 MiB chunks: sizes on either side of a chunk, several chunks and a
  // part, stored and deflated, each read back whole; the archive mode follows the umask.
  TempDir dir;
  const std::vector<std::size_t> sizes = {0, 1, (1u << 20) - 1, 1u << 20, (1u << 20) + 1, (7u << 19) + 3};
  std::vector<std::string> contents;
  auto writer = create_zip_writer((dir.path() / "sizes.zip").string());
  ASSERT_TRUE(writer.ok());
  for (std::size_t i = 0; i < sizes.size(); ++i) {
    const std::string data =
        i % 2 == 0 ? random_bytes(sizes[i], static_cast<unsigned>(i)) : text_of(sizes[i]).substr(0, sizes[i]);
    const auto file = dir.write("src/" + std::to_string(i) + ".bin", data);
    contents.push_back(data);
    ASSERT_TRUE(
        writer.value()
            ->add_file(std::to_string(i) + ".bin", file.string(), i % 2 == 0 ? ZipMethod::Store : ZipMethod::Deflate)
            .ok());
  }
  auto done = writer.value()->finish();
  ASSERT_TRUE(done.ok()) << done.error().message;
  auto reader = open_zip((dir.path() / "sizes.zip").string());
  ASSERT_TRUE(reader.ok()) << reader.error().message;
  ASSERT_EQ(reader.value()->entries().size(), sizes.size());
  for (std::size_t i = 0; i < sizes.size(); ++i) {
    std::string back;
    auto n = reader.value()->read_entry(
        i,
        [&](std::string_view chunk) {
          back.append(chunk);
          return true;
        },
        1 << 30);
    ASSERT_TRUE(n.ok()) << n.error().message;
    EXPECT_EQ(back.size(), sizes[i]);
    EXPECT_TRUE(back == contents[i]) << "entry " << i;
  }
  const mode_t mask = ::umask(022);
  ::umask(mask);
  EXPECT_EQ(fs::status(dir.path() / "sizes.zip").permissions(), static_cast<fs::perms>(0666 & ~mask));
  EXPECT_EQ(listing(dir.path()), (std::vector<std::string>{"sizes.zip", "src"}));
}

TEST(LibzipZipWriter, ProgressCountsBytesAndEntriesUpToTheTotal) {
  TempDir dir;
  const auto big = dir.write("big.bin", random_bytes(5 << 20, 3));
  std::vector<std::pair<std::uint64_t, std::size_t>> seen;
  ZipWriterOptions options;
  options.progress = [&](std::uint64_t bytes, std::size_t entries) { seen.emplace_back(bytes, entries); };
  auto writer = create_zip_writer((dir.path() / "p.zip").string(), options);
  ASSERT_TRUE(writer.ok());
  ASSERT_TRUE(writer.value()->add_bytes("a.txt", text_of(1 << 20), ZipMethod::Deflate).ok());
  ASSERT_TRUE(writer.value()->add_file("big.bin", big.string(), ZipMethod::Store).ok());
  ASSERT_TRUE(writer.value()->finish().ok());
  ASSERT_GE(seen.size(), 5u);  // at least every MiB
  for (std::size_t i = 1; i < seen.size(); ++i) {
    EXPECT_GE(seen[i].first, seen[i - 1].first);
    EXPECT_GE(seen[i].second, seen[i - 1].second);
  }
  EXPECT_EQ(seen.back().first, text_of(1 << 20).size() + (5u << 20));
  EXPECT_EQ(seen.back().second, 2u);
}

TEST(LibzipZipWriter, CancelStopsWhileWritingAndLeavesNothing) {
  TempDir dir;
  const auto big = dir.write("big.bin", random_bytes(3 << 20, 3));
  int polls = 0;
  std::uint64_t progress = 0;
  ZipWriterOptions options;
  options.cancelled = [&] { return ++polls > 100; };  // 100 polls: a few hundred KiB
  options.progress = [&](std::uint64_t done, std::size_t) { progress = done; };
  auto writer = create_zip_writer((dir.path() / "c.zip").string(), options);
  ASSERT_TRUE(writer.ok());
  ASSERT_TRUE(writer.value()->add_file("big.bin", big.string(), ZipMethod::Store).ok());
  auto e = writer.value()->finish();
  ASSERT_FALSE(e.ok());
  EXPECT_EQ(e.error().code, "ZIP_WRITE_CANCELLED");
  EXPECT_LT(progress, 3u << 20);
  EXPECT_LT(polls, 1000);  // stopped at once, not after the whole file
  EXPECT_EQ(listing(dir.path()), std::vector<std::string>{"big.bin"});
  EXPECT_FALSE(writer.value()->add_bytes("later.txt", "x", ZipMethod::Store).ok());
  EXPECT_FALSE(writer.value()->finish().ok());
}

TEST(LibzipZipWriter, AFailingDiskIsAnErrorNotACrash) {
  // RLIMIT_FSIZE makes write() fail with EFBIG, like a full disk would with ENOSPC.
  TempDir dir;
  const auto big = dir.write("big.bin", random_bytes(2 << 20, 5));
  auto writer = create_zip_writer((dir.path() / "full.zip").string());
  ASSERT_TRUE(writer.ok());
  ASSERT_TRUE(writer.value()->add_file("big.bin", big.string(), ZipMethod::Store).ok());
  rlimit old{};
  ASSERT_EQ(::getrlimit(RLIMIT_FSIZE, &old), 0);
  const auto old_handler = std::signal(SIGXFSZ, SIG_IGN);
  rlimit small = old;
  small.rlim_cur = 256 * 1024;
  ASSERT_EQ(::setrlimit(RLIMIT_FSIZE, &small), 0);
  auto e = writer.value()->finish();
  ::setrlimit(RLIMIT_FSIZE, &old);
  std::signal(SIGXFSZ, old_handler);
  ASSERT_FALSE(e.ok());
  EXPECT_EQ(e.error().code, "ZIP_WRITE_FAILED");
  EXPECT_EQ(listing(dir.path()), std::vector<std::string>{"big.bin"});
}

TEST(LibzipZipWriter, QueuedFilesHoldNoFileDescriptors) {
  // 600 queued files with at most 64 descriptors open: libzip opens each only when writing it.
  TempDir dir;
  std::vector<fs::path> files;
  for (int i = 0; i < 600; ++i) files.push_back(dir.write("src/" + std::to_string(i) + ".txt", text_of(100 + i)));
  rlimit old{};
  ASSERT_EQ(::getrlimit(RLIMIT_NOFILE, &old), 0);
  rlimit small = old;
  small.rlim_cur = 64;
  auto writer = create_zip_writer((dir.path() / "many.zip").string());
  ASSERT_TRUE(writer.ok());
  ASSERT_EQ(::setrlimit(RLIMIT_NOFILE, &small), 0);
  bool added = true;
  for (std::size_t i = 0; i < files.size(); ++i) {
    added = added &&
            writer.value()->add_file("d/" + std::to_string(i) + ".txt", files[i].string(), ZipMethod::Deflate).ok();
  }
  auto done = writer.value()->finish();
  ::setrlimit(RLIMIT_NOFILE, &old);
  EXPECT_TRUE(added);
  ASSERT_TRUE(done.ok()) << done.error().message;
  EXPECT_EQ(done->entries.size(), 600u);
  EXPECT_EQ(done->entries[599].size, text_of(699).size());
}

TEST(LibzipZipWriter, MoreThan65535EntriesUseZip64EndRecords) {
  TempDir dir;
  const std::string path = (dir.path() / "many.zip").string();
  auto writer = create_zip_writer(path);
  ASSERT_TRUE(writer.ok());
  constexpr int kCount = 70'000;
  for (int i = 0; i < kCount; ++i) {
    ASSERT_TRUE(writer.value()->add_bytes("d/" + std::to_string(i), "", ZipMethod::Store).ok());
  }
  auto done = writer.value()->finish();
  ASSERT_TRUE(done.ok()) << done.error().message;
  EXPECT_EQ(done->entries.size(), static_cast<std::size_t>(kCount));
  ZipLimits limits;
  limits.max_entries = 100'000;
  auto reader = open_zip(path, limits);
  ASSERT_TRUE(reader.ok()) << reader.error().message;
  EXPECT_EQ(reader.value()->entries().size(), static_cast<std::size_t>(kCount));
  EXPECT_EQ(reader.value()->entries().back().name, "d/69999");
  const auto py = run_command(std::string(testing::system_python()) +
                              " -c \"import zipfile,sys; print(len(zipfile.ZipFile(sys.argv[1]).infolist()))\" " +
                              shell_quote(path));
  EXPECT_EQ(py.output, "70000\n");
}

// Over 4 GiB of data: ZIP64 sizes and offsets. Slow (reads 4+ GiB), so opt-in:
// EVPACK_SLOW_TESTS=1.
TEST(LibzipZipWriter, EntryOver4GiBUsesZip64Sizes) {
  if (std::getenv("EVPACK_SLOW_TESTS") == nullptr) GTEST_SKIP() << "set EVPACK_SLOW_TESTS=1";
  TempDir dir;
  const auto sparse = dir.path() / "sparse.bin";
  { std::ofstream(sparse, std::ios::binary) << ""; }
  fs::resize_file(sparse, (4ull << 30) + 12345);
  const std::string path = (dir.path() / "big.zip").string();
  ZipWriterOptions options;
  options.deflate_level = 1;
  auto writer = create_zip_writer(path, options);
  ASSERT_TRUE(writer.ok());
  ASSERT_TRUE(writer.value()->add_file("zeros.bin", sparse.string(), ZipMethod::Deflate).ok());
  ASSERT_TRUE(writer.value()->add_bytes("after.txt", "after", ZipMethod::Store).ok());
  auto done = writer.value()->finish();
  ASSERT_TRUE(done.ok()) << done.error().message;
  EXPECT_EQ(done->entries[0].size, (4ull << 30) + 12345);
  auto reader = open_zip(path);
  ASSERT_TRUE(reader.ok()) << reader.error().message;
  EXPECT_EQ(reader.value()->entries()[0].size, (4ull << 30) + 12345);
  EXPECT_EQ(reader.value()->read_head(1, 10).value(), "after");
  const auto py = run_command(std::string(testing::system_python()) + " -m zipfile -t " + shell_quote(path));
  EXPECT_EQ(py.exit_code, 0) << py.output;
}

}  // namespace
}  // namespace evpack
