// 7z, RAR and tar archives through libarchive: the sample packed with 7z, tar and RAR gives the same
// check as the folder, and hostile tar entries meet the same checks as in zips.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <tuple>

#include "evpack/adapters/zip_archive.hpp"
#include "evpack/app/check.hpp"
#include "evpack/package/zip_extract.hpp"
#include "support/check_options.hpp"
#include "support/external_tool.hpp"
#include "support/temp_dir.hpp"

namespace evpack {
namespace {

namespace fs = std::filesystem;
using testing::run_command;
using testing::shell_quote;

std::string sample_dir() { return testing::source_dir() + "/samples/青石县佐证材料"; }

using FindingKey = std::tuple<std::string, std::string, std::string>;

std::multiset<FindingKey> keys(const CheckResult& r) {
  std::multiset<FindingKey> out;
  for (const auto& f : r.findings) out.insert({f.code, f.file, f.message});
  return out;
}

CheckResult check(const std::string& input) {
  auto r = run_check(testing::offline_check_options(input));
  EXPECT_TRUE(r) << (r ? "" : r.error().message);
  return std::move(r).value();
}

TEST(LibarchiveArchive, SniffsKindsByContent) {
  testing::TempDir dir;
  const auto write = [&](const std::string& name, const std::string& bytes) {
    std::ofstream(dir.path() / name, std::ios::binary) << bytes;
    return (dir.path() / name).string();
  };
  EXPECT_EQ(sniff_archive_kind(write("a.bin", std::string("7z\xBC\xAF\x27\x1C", 6) + "xxxx")), ArchiveKind::SevenZip);
  EXPECT_EQ(sniff_archive_kind(write("b.bin", std::string("Rar!\x1A\x07\x00", 7) + "xx")), ArchiveKind::Rar);
  EXPECT_EQ(sniff_archive_kind(write("c.7z", "PK\x03\x04 but named .7z")), ArchiveKind::Zip);
  EXPECT_EQ(sniff_archive_kind(write("d.tar.gz", "not an archive at all")), ArchiveKind::None);
  EXPECT_EQ(sniff_archive_kind(dir.str()), ArchiveKind::None);
}

// The sample as .7z (p7zip) and .tar.gz (tar): the same files, scores and findings as the
// folder (file paths are the same: the single top folder is the content root).
TEST(LibarchiveArchive, SevenZipTarGzAndRarOfTheSampleCheckLikeTheFolder) {
  if (!testing::tool_available("7z") || !testing::tool_available("tar"))
    GTEST_SKIP() << "7z (p7zip-full) or tar missing";
  testing::TempDir dir;
  const std::string parent = fs::path(sample_dir()).parent_path().string();
  const std::string seven = dir.str() + "/青石县佐证材料.7z";
  const std::string targz = dir.str() + "/青石县佐证材料.tar.gz";
  const std::string rar = dir.str() + "/青石县佐证材料.rar";
  ASSERT_EQ(
      run_command("cd " + shell_quote(parent) + " && 7z a -bd -y " + shell_quote(seven) + " 青石县佐证材料").exit_code,
      0);
  ASSERT_EQ(run_command("tar czf " + shell_quote(targz) + " -C " + shell_quote(parent) + " 青石县佐证材料").exit_code,
            0);
  // RAR can only be written by the non-free rar tool: tests/data/make_rar.py writes a RAR 4
  // archive with stored files from the format's technote (7z and unrar read it too).
  ASSERT_EQ(run_command(std::string(testing::system_python()) + " " +
                        shell_quote(testing::source_dir() + "/tests/data/make_rar.py") + " " + shell_quote(rar) + " " +
                        shell_quote(sample_dir()))
                .exit_code,
            0);
  EXPECT_EQ(sniff_archive_kind(seven), ArchiveKind::SevenZip);
  EXPECT_EQ(sniff_archive_kind(targz), ArchiveKind::CompressedTar);
  EXPECT_EQ(sniff_archive_kind(rar), ArchiveKind::Rar);

  // The compressed sizes are estimates that fit the file side by side with zip headers.
  for (const auto& archive : {seven, targz, rar}) {
    auto reader = open_archive(archive);
    ASSERT_TRUE(reader) << reader.error().message;
    std::uint64_t span = 0;
    for (const auto& e : reader.value()->entries()) span += 30 + e.compressed_size;
    EXPECT_LE(span, fs::file_size(archive)) << archive;
    EXPECT_EQ(reader.value()->entries().size() >= 49, true);
  }

  const CheckResult folder = check(sample_dir());
  for (const auto& archive : {seven, targz, rar}) {
    const CheckResult packed = check(archive);
    EXPECT_EQ(packed.evidence.size(), folder.evidence.size()) << archive;
    EXPECT_DOUBLE_EQ(packed.evaluation.totals.total, folder.evaluation.totals.total) << archive;
    ASSERT_EQ(packed.evaluation.indicators.size(), folder.evaluation.indicators.size());
    for (std::size_t i = 0; i < folder.evaluation.indicators.size(); ++i) {
      EXPECT_DOUBLE_EQ(packed.evaluation.indicators[i].points, folder.evaluation.indicators[i].points)
          << archive << " " << folder.evaluation.indicators[i].id;
    }
    EXPECT_EQ(keys(packed), keys(folder)) << archive;
  }
}

// A tar whose entries escape the folder or link elsewhere: findings, the rest unpacked, nothing
// written outside. A tar that expands far beyond its own size: refused whole (one budget and
// one total ratio for every archive kind), nothing written.
TEST(LibarchiveArchive, HostileTarEntriesAreReportedNotObeyed) {
  testing::TempDir dir;
  const auto make_tar = [&](const std::string& path, const std::string& entries) {
    const std::string script =
        "import io, tarfile, sys\n"
        "t = tarfile.open(sys.argv[1], 'w:gz')\n"
        "def add(name, data):\n"
        "    i = tarfile.TarInfo(name); i.size = len(data); t.addfile(i, io.BytesIO(data))\n" +
        entries + "t.close()\n";
    return run_command(std::string(testing::system_python()) + " -c " + shell_quote(script) + " " + shell_quote(path))
        .exit_code;
  };
  const std::string tar = dir.str() + "/hostile.tar.gz";
  ASSERT_EQ(
      make_tar(
          tar,
          "add('材料/../../escape.txt', b'x')\n"
          "add('材料/正常.txt', b'hello')\n"
          "l = tarfile.TarInfo('材料/link'); l.type = tarfile.SYMTYPE; l.linkname = '/etc/passwd'; t.addfile(l)\n"),
      0);
  auto x = extract_zip_safely(tar);
  ASSERT_TRUE(x) << x.error().message;
  std::set<std::string> codes;
  for (const auto& f : x->findings) codes.insert(f.code);
  EXPECT_TRUE(codes.count("ZIP_PATH_TRAVERSAL")) << ::testing::PrintToString(codes);
  EXPECT_TRUE(codes.count("ZIP_SYMLINK"));
  EXPECT_TRUE(fs::is_regular_file(fs::path(x->root) / "材料" / "正常.txt"));
  EXPECT_FALSE(fs::exists(fs::path(x->root) / "材料" / "link"));
  EXPECT_FALSE(fs::exists(fs::path(x->root).parent_path() / "escape.txt"));

  const std::string bomb = dir.str() + "/bomb.tar.gz";
  ASSERT_EQ(make_tar(bomb, "add('材料/正常.txt', b'hello')\nadd('材料/zeros.bin', bytes(64 << 20))\n"), 0);
  auto b = extract_zip_safely(bomb);
  ASSERT_TRUE(b) << b.error().message;
  codes.clear();
  for (const auto& f : b->findings) codes.insert(f.code);
  EXPECT_TRUE(codes.count("ZIP_BOMB")) << "64 MiB of zeros in a 64 KiB archive";
  EXPECT_FALSE(fs::exists(fs::path(b->root) / "材料" / "zeros.bin"));
}

}  // namespace
}  // namespace evpack
