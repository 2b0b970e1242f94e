#include <gtest/gtest.h>
#include <sys/resource.h>

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

using testing::run_command;
using testing::shell_quote;
using testing::TempDir;
using testing::tool_available;

std::string read_all(const std::filesystem::path& path) {
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

// Writes a small mixed archive and returns its path.
std::string write_sample(const TempDir& dir, const std::string& file_name, const ZipWriterOptions& options,
                         std::vector<ZipWrittenEntry>* written = nullptr) {
  const auto photo = dir.write("src/照片.jpg", random_bytes(300'000, 7));
  const std::string path = (dir.path() / file_name).string();
  auto writer = create_zip_writer(path, options);
  EXPECT_TRUE(writer.ok());
  auto add = [&](Expected<ZipWrittenEntry> e) {
    EXPECT_TRUE(e.ok()) << (e.ok() ? "" : e.error().message);
    if (e.ok() && written) written->push_back(e.value());
  };
  add(writer.value()->add_file("材料/01 制度建设（13分）/1.1 成立领导小组/01-2025-03-18 领导小组会议.jpg",
                               photo.string(), ZipMethod::Store));
  add(writer.value()->add_bytes("材料/目录.html", text_of(50'000), ZipMethod::Deflate));
  add(writer.value()->add_bytes("材料/bagit.txt", "BagIt-Version: 1.0\n", ZipMethod::Deflate));
  add(writer.value()->add_bytes("材料/空文件.txt", "", ZipMethod::Deflate));
  auto size = writer.value()->finish();
  EXPECT_TRUE(size.ok());
  EXPECT_EQ(size.value(), std::filesystem::file_size(path));
  return path;
}

TEST(ZlibZipWriter, EntriesReadBackWithLibzipWithMethodsSizesAndHashes) {
  TempDir dir;
  std::vector<ZipWrittenEntry> written;
  const std::string path = write_sample(dir, "包.zip", {}, &written);
  ASSERT_EQ(written.size(), 4u);
  EXPECT_EQ(written[0].method, ZipMethod::Store);
  EXPECT_EQ(written[1].method, ZipMethod::Deflate);
  EXPECT_LT(written[1].compressed_size, written[1].size / 3);
  // Deflating 19 bytes or nothing does not pay: stored instead.
  EXPECT_EQ(written[2].method, ZipMethod::Store);
  EXPECT_EQ(written[3].method, ZipMethod::Store);
  EXPECT_EQ(written[3].sha256, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");

  auto reader = open_zip(path);
  ASSERT_TRUE(reader.ok()) << reader.error().message;
  const auto& entries = reader.value()->entries();
  ASSERT_EQ(entries.size(), 4u);
  for (std::size_t i = 0; i < entries.size(); ++i) {
    EXPECT_EQ(entries[i].name, written[i].name);
    EXPECT_FALSE(entries[i].name_decoded_from_gbk);
    EXPECT_EQ(entries[i].size, written[i].size);
    EXPECT_EQ(entries[i].crc32, written[i].crc32);
    EXPECT_EQ(entries[i].method, written[i].method == ZipMethod::Deflate ? 8 : 0);
    EXPECT_FALSE(entries[i].symlink);
    Sha256Stream sha;
    auto n = reader.value()->read_entry(i, [&](std::string_view chunk) {
      sha.update(chunk.data(), chunk.size());
      return true;
    }, 1 << 30);
    ASSERT_TRUE(n.ok()) << n.error().message;
    EXPECT_EQ(n.value(), written[i].size);
    EXPECT_EQ(sha.finish(), written[i].sha256);
  }
  EXPECT_EQ(reader.value()->read_head(1, 100000).value(), text_of(50'000));
}

TEST(ZlibZipWriter, SameInputGivesIdenticalBytesAndFixedTimes) {
  TempDir dir;
  ZipWriterOptions options;
  options.mtime = 1742287800;  // 2025-03-18 08:50:00 UTC
  const auto a = read_all(write_sample(dir, "a.zip", options));
  std::filesystem::last_write_time(dir.path() / "src/照片.jpg", std::filesystem::file_time_type::clock::now());
  const auto b = read_all(write_sample(dir, "b.zip", options));
  EXPECT_EQ(a, b);
  ASSERT_TRUE(tool_available(testing::system_python()));
  const auto dates = run_command(std::string(testing::system_python()) +
                                 " -c \"import zipfile,sys; print(set(i.date_time for i in zipfile.ZipFile(sys.argv[1]).infolist()))\" " +
                                 shell_quote((dir.path() / "a.zip").string()));
  EXPECT_EQ(dates.output, "{(2025, 3, 18, 8, 50, 0)}\n");
}

TEST(ZlibZipWriter, ExternalToolsTestTheArchiveCleanAndSeeChineseNames) {
  TempDir dir;
  const std::string path = write_sample(dir, "包.zip", {});
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
  }
  ASSERT_TRUE(tool_available(testing::system_python()));
  const auto t = run_command(std::string(testing::system_python()) + " -m zipfile -t " + shell_quote(path));
  EXPECT_EQ(t.exit_code, 0) << t.output;
  // Bit 11 (UTF-8) on every non-ASCII name, and only there.
  const auto flags = run_command(std::string(testing::system_python()) +
                                 " -c \"import zipfile,sys\nfor i in zipfile.ZipFile(sys.argv[1]).infolist(): "
                                 "print(i.filename, i.flag_bits & 0x800)\" " + shell_quote(path));
  EXPECT_NE(flags.output.find("材料/目录.html 2048"), std::string::npos) << flags.output;
  EXPECT_NE(flags.output.find("材料/空文件.txt 2048"), std::string::npos) << flags.output;
}

TEST(ZlibZipWriter, GbkNamesCarryNoFlagAndAUnicodePathField) {
  TempDir dir;
  ZipWriterOptions options;
  options.names = ZipNameEncoding::Gbk;
  const std::string path = (dir.path() / "gbk.zip").string();
  auto writer = create_zip_writer(path, options);
  ASSERT_TRUE(writer.ok());
  ASSERT_TRUE(writer.value()->add_bytes("会议/签到表.txt", "x", ZipMethod::Store).ok());
  ASSERT_TRUE(writer.value()->add_bytes("readme.txt", "y", ZipMethod::Store).ok());
  auto emoji = writer.value()->add_bytes("会议/😀.txt", "z", ZipMethod::Store);
  ASSERT_FALSE(emoji.ok());
  EXPECT_EQ(emoji.error().code, "ZIP_NAME_NOT_GBK");
  ASSERT_TRUE(writer.value()->finish().ok());

  auto reader = open_zip(path);
  ASSERT_TRUE(reader.ok());
  ASSERT_EQ(reader.value()->entries().size(), 2u);
  const ZipEntry& e = reader.value()->entries()[0];
  EXPECT_EQ(e.name, "会议/签到表.txt");  // the stored bytes are GBK: checked with Python below

  // Python reads unflagged names as CP437: the bytes are GBK, and no flag is set.
  const auto py = run_command(std::string(testing::system_python()) +
                              " -c \"import zipfile,sys\ni=zipfile.ZipFile(sys.argv[1]).infolist()[0]\n"
                              "print(i.flag_bits & 0x800, i.filename.encode('cp437').decode('gbk'))\" " +
                              shell_quote(path));
  EXPECT_EQ(py.output, "0 会议/签到表.txt\n");
  const auto raw = run_command(std::string(testing::system_python()) +
                               " -c \"import zipfile,sys\nprint(zipfile.ZipFile(sys.argv[1]).infolist()[0].filename.encode('cp437').hex())\" " +
                               shell_quote(path));
  EXPECT_EQ(raw.output, "bbe1d2e92fc7a9b5bdb1ed2e747874\n");  // 会议/签到表.txt in GBK
  if (tool_available("7z")) {
    const auto r = run_command("7z l " + shell_quote(path));
    EXPECT_NE(r.output.find("会议/签到表.txt"), std::string::npos) << r.output;  // from the 0x7075 field
  }
}

TEST(ZlibZipWriter, RefusesNamesThatEscapeOrCollide) {
  TempDir dir;
  auto writer = create_zip_writer((dir.path() / "x.zip").string());
  ASSERT_TRUE(writer.ok());
  auto& w = *writer.value();
  for (const char* bad : {"../evil.txt", "/etc/passwd", "a/../../b", "a\\b.txt", "a//b", "C:/x.txt", "a/./b", "dir/",
                          "tab\there", ""}) {
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

TEST(ZlibZipWriter, NeverOverwritesAndReportsUnreadableSources) {
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
}

TEST(ZlibZipWriter, CancelStopsBetweenChunksAndPoisonsTheWriter) {
  TempDir dir;
  const auto big = dir.write("big.bin", random_bytes(3 << 20, 3));
  int polls = 0;
  std::uint64_t progress = 0;
  ZipWriterOptions options;
  options.cancelled = [&] { return ++polls > 2; };
  options.progress = [&](std::uint64_t done) { progress = done; };
  auto writer = create_zip_writer((dir.path() / "c.zip").string(), options);
  ASSERT_TRUE(writer.ok());
  auto e = writer.value()->add_file("big.bin", big.string(), ZipMethod::Store);
  ASSERT_FALSE(e.ok());
  EXPECT_EQ(e.error().code, "ZIP_WRITE_CANCELLED");
  EXPECT_EQ(progress, 2u << 20);  // two 1 MiB chunks went through before the third poll
  EXPECT_FALSE(writer.value()->add_bytes("later.txt", "x", ZipMethod::Store).ok());
  EXPECT_FALSE(writer.value()->finish().ok());
}

TEST(ZlibZipWriter, AFailingDiskIsAnErrorNotACrash) {
  // RLIMIT_FSIZE makes write() fail with EFBIG, like a full disk would with ENOSPC.
  TempDir dir;
  const auto big = dir.write("big.bin", random_bytes(2 << 20, 5));
  rlimit old{};
  ASSERT_EQ(::getrlimit(RLIMIT_FSIZE, &old), 0);
  const auto old_handler = std::signal(SIGXFSZ, SIG_IGN);
  rlimit small = old;
  small.rlim_cur = 256 * 1024;
  ASSERT_EQ(::setrlimit(RLIMIT_FSIZE, &small), 0);
  auto writer = create_zip_writer((dir.path() / "full.zip").string());
  Expected<ZipWrittenEntry> e = Error{"", ""};
  if (writer) e = writer.value()->add_file("big.bin", big.string(), ZipMethod::Store);
  ::setrlimit(RLIMIT_FSIZE, &old);
  std::signal(SIGXFSZ, old_handler);
  ASSERT_TRUE(writer.ok());
  ASSERT_FALSE(e.ok());
  EXPECT_EQ(e.error().code, "ZIP_WRITE_FAILED");
  EXPECT_FALSE(writer.value()->finish().ok());
}

TEST(ZlibZipWriter, MoreThan65535EntriesUseZip64EndRecords) {
  TempDir dir;
  const std::string path = (dir.path() / "many.zip").string();
  ZipWriterOptions options;
  options.compute_sha256 = false;
  auto writer = create_zip_writer(path, options);
  ASSERT_TRUE(writer.ok());
  constexpr int kCount = 70'000;
  for (int i = 0; i < kCount; ++i) {
    ASSERT_TRUE(writer.value()->add_bytes("d/" + std::to_string(i), "", ZipMethod::Store).ok());
  }
  ASSERT_TRUE(writer.value()->finish().ok());
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
TEST(ZlibZipWriter, EntryOver4GiBUsesZip64Sizes) {
  if (std::getenv("EVPACK_SLOW_TESTS") == nullptr) GTEST_SKIP() << "set EVPACK_SLOW_TESTS=1";
  TempDir dir;
  const auto sparse = dir.path() / "sparse.bin";
  { std::ofstream(sparse, std::ios::binary) << ""; }
  std::filesystem::resize_file(sparse, (4ull << 30) + 12345);
  const std::string path = (dir.path() / "big.zip").string();
  ZipWriterOptions options;
  options.compute_sha256 = false;
  options.deflate_level = 1;
  auto writer = create_zip_writer(path, options);
  ASSERT_TRUE(writer.ok());
  auto e = writer.value()->add_file("zeros.bin", sparse.string(), ZipMethod::Deflate);
  ASSERT_TRUE(e.ok()) << e.error().message;
  EXPECT_TRUE(e->zip64);
  ASSERT_TRUE(writer.value()->add_bytes("after.txt", "after", ZipMethod::Store).ok());
  ASSERT_TRUE(writer.value()->finish().ok());
  auto reader = open_zip(path);
  ASSERT_TRUE(reader.ok()) << reader.error().message;
  EXPECT_EQ(reader.value()->entries()[0].size, (4ull << 30) + 12345);
  EXPECT_EQ(reader.value()->read_head(1, 10).value(), "after");
  const auto py = run_command(std::string(testing::system_python()) + " -m zipfile -t " + shell_quote(path));
  EXPECT_EQ(py.exit_code, 0) << py.output;
}

}  // namespace
}  // namespace evpack
