#include "evpack/scan/scanner.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "evpack/adapters/digest.hpp"
#include "scan/stored_zip.hpp"
#include "support/temp_dir.hpp"

namespace evpack {
namespace {

namespace stdfs = std::filesystem;
using testing::TempDir;

const std::string kGbkName = "\xBB\xE1\xD2\xE9.jpg";  // "会议.jpg" in GBK

std::string slurp(const stdfs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

void copy_corpus(const TempDir& dir, const std::string& corpus_rel, const std::string& rel) {
  dir.write(rel, slurp(testing::corpus_dir() + "/" + corpus_rel));
}

const FileRecord* find_file(const ScanResult& scan, const std::string& rel) {
  for (const auto& f : scan.files) {
    if (f.rel_path == rel) return &f;
  }
  return nullptr;
}

std::vector<const Finding*> findings_with(const ScanResult& scan, const std::string& code) {
  std::vector<const Finding*> out;
  for (const auto& f : scan.findings) {
    if (f.code == code) out.push_back(&f);
  }
  return out;
}

const Finding* finding_for(const ScanResult& scan, const std::string& code, const std::string& file) {
  for (const auto& f : scan.findings) {
    if (f.code == code && f.file == file) return &f;
  }
  return nullptr;
}

// Everything observable about a tree without following links: names, types, sizes,
// contents, link targets, permissions and modification times (ns).
std::map<std::string, std::string> snapshot(const stdfs::path& root) {
  std::map<std::string, std::string> out;
  auto describe = [&](const stdfs::path& p) {
    struct stat st {};
    if (::lstat(p.c_str(), &st) != 0) return std::string("lstat failed");
    std::ostringstream s;
    s << st.st_mode << ' ' << st.st_size << ' ' << st.st_mtim.tv_sec << '.' << st.st_mtim.tv_nsec;
    if (S_ISREG(st.st_mode) && (st.st_mode & S_IRUSR)) s << ' ' << sha256_file(p.string()).value();
    if (S_ISLNK(st.st_mode)) s << " -> " << stdfs::read_symlink(p).string();
    return s.str();
  };
  out["."] = describe(root);
  std::error_code ec;
  for (auto it = stdfs::recursive_directory_iterator(root, stdfs::directory_options::skip_permission_denied, ec);
       it != stdfs::recursive_directory_iterator(); it.increment(ec)) {
    out[it->path().lexically_relative(root).string()] = describe(it->path());
  }
  return out;
}

// The tree a county bureau might hand in, with every trap the scanner must survive.
class ScanTreeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string c1 = "一、制度建设（13分）/1.1成立领导小组/";
    copy_corpus(dir_, "exif/Canon_40D.jpg", c1 + "2025.3.18 会议.jpg");
    copy_corpus(dir_, "pdf/cn-govdoc_typst-template.pdf", c1 + "关于成立领导小组的通知.pdf");
    copy_corpus(dir_, "heic/IMG_5195.HEIC", "一、制度建设（13分）/1.4季度研究/IMG_5195.HEIC");
    copy_corpus(dir_, "seals/seal_company_round_crop.png", "二、联动机制/截图.jpg");  // a PNG named .jpg
    dir_.write("二、联动机制/空文件.docx", "");
    dir_.write("三、信息管理/台账.docx",
               testing::make_stored_zip({{"[Content_Types].xml", "<Types/>"}, {"word/document.xml", "<w:document/>"}}));
    dir_.write("三、信息管理/数据.xlsx",
               testing::make_stored_zip({{"[Content_Types].xml", "<Types/>"}, {"xl/workbook.xml", "<workbook/>"}}));
    dir_.write("三、信息管理/电子公文.ofd", testing::make_stored_zip({{"OFD.xml", "<ofd:OFD/>"}}));
    copy_corpus(dir_, "zip/libarchive_nested.zip", "三、信息管理/打包.zip");
    dir_.write("三、信息管理/旧版.doc", std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + std::string(504, '\0'));
    dir_.write("三、信息管理/统计.csv", "\xD0\xF2\xBA\xC5,\xB5\xA5\xCE\xBB\r\n1,\xBB\xE1\xD2\xE9\r\n");  // GBK
    dir_.write("abc.txt", "abc");

    // OS junk.
    dir_.write("一、制度建设（13分）/Thumbs.db", "junk");
    dir_.write("二、联动机制/desktop.ini", "[.ShellClassInfo]");
    dir_.write(".DS_Store", "junk");
    dir_.write("三、信息管理/~$台账.docx", "lock");
    dir_.write("__MACOSX/三、信息管理/._台账.docx", "resource fork");

    // Links: to a file, to an ancestor (a loop if followed), outside the root, dangling, to itself.
    const auto& root = dir_.path();
    stdfs::create_symlink(root / stdfs::u8path("二、联动机制/截图.jpg"), root / stdfs::u8path("二、联动机制/链接.jpg"));
    stdfs::create_directory_symlink("..", root / stdfs::u8path("一、制度建设（13分）/回到上级"));
    stdfs::create_directory_symlink(testing::corpus_dir() + "/pdf", root / "outside");
    stdfs::create_symlink(root / "nowhere.pdf", root / "dangling.pdf");
    stdfs::create_symlink(root / "self", root / "self");

    // A name in GBK bytes, as unpacked from a zip made on Chinese Windows.
    stdfs::create_directories(root / stdfs::u8path("四、GBK"));
    std::ofstream(root / stdfs::u8path("四、GBK") / kGbkName, std::ios::binary) << "gbk named";

    // A FIFO: opening it for reading would block forever.
    ASSERT_EQ(::mkfifo((root / "pipe").c_str(), 0600), 0);
  }

  TempDir dir_;
};

TEST_F(ScanTreeTest, FindsEveryRealFileSortedByPath) {
  const auto scan = scan_tree(dir_.str());
  ASSERT_TRUE(scan.ok()) << scan.error().message;
  std::vector<std::string> paths;
  for (const auto& f : scan->files) paths.push_back(f.rel_path);
  const std::vector<std::string> expected = {
      "abc.txt",
      "一、制度建设（13分）/1.1成立领导小组/2025.3.18 会议.jpg",
      "一、制度建设（13分）/1.1成立领导小组/关于成立领导小组的通知.pdf",
      "一、制度建设（13分）/1.4季度研究/IMG_5195.HEIC",
      "三、信息管理/打包.zip",
      "三、信息管理/数据.xlsx",
      "三、信息管理/旧版.doc",
      "三、信息管理/电子公文.ofd",
      "三、信息管理/统计.csv",
      "三、信息管理/台账.docx",
      "二、联动机制/截图.jpg",
      "二、联动机制/空文件.docx",
      "四、GBK/会议.jpg",
  };
  // Byte order of UTF-8: 一 (E4 B8 80) < 三 (E4 B8 89) < 二 (E4 BA 8C) < 四 (E5 9B 9B).
  std::vector<std::string> sorted_expected = expected;
  std::sort(sorted_expected.begin(), sorted_expected.end());
  EXPECT_EQ(paths, sorted_expected);
  EXPECT_TRUE(std::is_sorted(paths.begin(), paths.end()));
  EXPECT_EQ(scan->root, dir_.str());
}

TEST_F(ScanTreeTest, KindsComeFromBytesAndMismatchesAreFlagged) {
  const auto scan = scan_tree(dir_.str());
  ASSERT_TRUE(scan.ok());
  const std::map<std::string, ContentKind> expected = {
      {"一、制度建设（13分）/1.1成立领导小组/2025.3.18 会议.jpg", ContentKind::Jpeg},
      {"一、制度建设（13分）/1.1成立领导小组/关于成立领导小组的通知.pdf", ContentKind::Pdf},
      {"一、制度建设（13分）/1.4季度研究/IMG_5195.HEIC", ContentKind::Heic},
      {"二、联动机制/截图.jpg", ContentKind::Png},
      {"二、联动机制/空文件.docx", ContentKind::Empty},
      {"三、信息管理/台账.docx", ContentKind::Docx},
      {"三、信息管理/数据.xlsx", ContentKind::Xlsx},
      {"三、信息管理/电子公文.ofd", ContentKind::Ofd},
      {"三、信息管理/打包.zip", ContentKind::Zip},
      {"三、信息管理/旧版.doc", ContentKind::OleOffice},
      {"三、信息管理/统计.csv", ContentKind::Text},
      {"abc.txt", ContentKind::Text},
      {"四、GBK/会议.jpg", ContentKind::Text},
  };
  for (const auto& [rel, kind] : expected) {
    const FileRecord* f = find_file(scan.value(), rel);
    ASSERT_NE(f, nullptr) << rel;
    EXPECT_EQ(f->kind, kind) << rel << " is " << to_string(f->kind);
    EXPECT_TRUE(f->read_error.empty()) << rel << ": " << f->read_error;
  }
  EXPECT_TRUE(find_file(scan.value(), "二、联动机制/截图.jpg")->extension_mismatch);
  EXPECT_FALSE(find_file(scan.value(), "二、联动机制/空文件.docx")->extension_mismatch);
  EXPECT_FALSE(find_file(scan.value(), "一、制度建设（13分）/1.4季度研究/IMG_5195.HEIC")->extension_mismatch);
  EXPECT_TRUE(find_file(scan.value(), "四、GBK/会议.jpg")->extension_mismatch);  // text named .jpg
  int mismatches = 0;
  for (const auto& f : scan->files) mismatches += f.extension_mismatch ? 1 : 0;
  EXPECT_EQ(mismatches, 2);

  const FileRecord* heic = find_file(scan.value(), "一、制度建设（13分）/1.4季度研究/IMG_5195.HEIC");
  EXPECT_EQ(heic->extension, "heic");
  EXPECT_EQ(heic->size, 833284u);
  EXPECT_GT(heic->mtime, 1'600'000'000);
}

TEST_F(ScanTreeTest, Sha256MatchesKnownVectorsAndDiskPathsOpen) {
  const auto scan = scan_tree(dir_.str());
  ASSERT_TRUE(scan.ok());
  EXPECT_EQ(find_file(scan.value(), "abc.txt")->sha256,
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(find_file(scan.value(), "二、联动机制/空文件.docx")->sha256,
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  for (const auto& f : scan->files) {
    EXPECT_EQ(f.sha256.size(), 64u) << f.rel_path;
    EXPECT_TRUE(stdfs::path(f.disk_path).is_absolute()) << f.disk_path;
    EXPECT_EQ(sha256_file(f.disk_path).value(), f.sha256) << f.rel_path;
  }
}

TEST_F(ScanTreeTest, GbkNameIsKeptWithALossyPathAndAWarning) {
  const auto scan = scan_tree(dir_.str());
  ASSERT_TRUE(scan.ok());
  const FileRecord* f = find_file(scan.value(), "四、GBK/会议.jpg");
  ASSERT_NE(f, nullptr);
  EXPECT_TRUE(f->disk_path.ends_with("/" + kGbkName));
  EXPECT_EQ(slurp(f->disk_path), "gbk named");
  EXPECT_EQ(f->sha256, sha256_bytes("gbk named", 9));
  const Finding* warning = finding_for(scan.value(), "FILE_NAME_ENCODING", "四、GBK/会议.jpg");
  ASSERT_NE(warning, nullptr);
  EXPECT_EQ(warning->severity, Severity::Warning);
  EXPECT_NE(warning->message.find("会议.jpg"), std::string::npos);
  EXPECT_EQ(findings_with(scan.value(), "FILE_NAME_ENCODING").size(), 1u);
}

TEST_F(ScanTreeTest, SymlinksAreSkippedWithFindingsAndTheWalkCompletes) {
  const auto scan = scan_tree(dir_.str());
  ASSERT_TRUE(scan.ok());
  const auto links = findings_with(scan.value(), "SYMLINK_SKIPPED");
  ASSERT_EQ(links.size(), 5u);
  for (const Finding* f : links) {
    EXPECT_EQ(f->severity, Severity::Warning);
    EXPECT_EQ(f->role, DeductionRole::ArchiveOrder);
    EXPECT_NE(f->message.find("符号链接"), std::string::npos);
    EXPECT_FALSE(f->advice.empty());
  }
  const Finding* to_file = finding_for(scan.value(), "SYMLINK_SKIPPED", "二、联动机制/链接.jpg");
  ASSERT_NE(to_file, nullptr);
  EXPECT_NE(to_file->message.find("截图.jpg"), std::string::npos);  // names where it points
  const Finding* loop = finding_for(scan.value(), "SYMLINK_SKIPPED", "一、制度建设（13分）/回到上级");
  ASSERT_NE(loop, nullptr);
  EXPECT_NE(loop->message.find("“..”"), std::string::npos);
  const Finding* outside = finding_for(scan.value(), "SYMLINK_SKIPPED", "outside");
  ASSERT_NE(outside, nullptr);
  EXPECT_NE(outside->message.find("之外"), std::string::npos);
  const Finding* dangling = finding_for(scan.value(), "SYMLINK_SKIPPED", "dangling.pdf");
  ASSERT_NE(dangling, nullptr);
  EXPECT_NE(dangling->message.find("不存在"), std::string::npos);
  const Finding* self = finding_for(scan.value(), "SYMLINK_SKIPPED", "self");
  ASSERT_NE(self, nullptr);
  EXPECT_NE(self->message.find("循环"), std::string::npos);
  // Nothing reached through a link was recorded.
  for (const auto& f : scan->files) {
    EXPECT_EQ(f.rel_path.find("回到上级"), std::string::npos);
    EXPECT_FALSE(f.rel_path.starts_with("outside"));
  }
}

TEST_F(ScanTreeTest, JunkAndSpecialFilesAreSkippedWithInfoFindings) {
  const auto scan = scan_tree(dir_.str());
  ASSERT_TRUE(scan.ok());
  for (const char* rel : {"一、制度建设（13分）/Thumbs.db", "二、联动机制/desktop.ini", ".DS_Store",
                          "三、信息管理/~$台账.docx", "__MACOSX"}) {
    const Finding* f = finding_for(scan.value(), "JUNK_SKIPPED", rel);
    ASSERT_NE(f, nullptr) << rel;
    EXPECT_EQ(f->severity, Severity::Info);
    EXPECT_EQ(find_file(scan.value(), rel), nullptr);
  }
  EXPECT_EQ(findings_with(scan.value(), "JUNK_SKIPPED").size(), 5u);  // nothing from inside __MACOSX
  const Finding* pipe = finding_for(scan.value(), "SPECIAL_FILE_SKIPPED", "pipe");
  ASSERT_NE(pipe, nullptr);
  EXPECT_EQ(find_file(scan.value(), "pipe"), nullptr);
}

TEST_F(ScanTreeTest, InputTreeIsUnmodified) {
  const auto before = snapshot(dir_.path());
  ASSERT_GT(before.size(), 20u);
  const auto scan = scan_tree(dir_.str());
  ASSERT_TRUE(scan.ok());
  EXPECT_EQ(snapshot(dir_.path()), before);
}

TEST_F(ScanTreeTest, ResultDoesNotDependOnThreadCount) {
  ScanOptions one;
  one.jobs = 1;
  ScanOptions four;
  four.jobs = 4;
  const auto a = scan_tree(dir_.str(), one);
  const auto b = scan_tree(dir_.str() + "/", four);
  ASSERT_TRUE(a.ok() && b.ok());
  ASSERT_EQ(a->files.size(), b->files.size());
  for (std::size_t i = 0; i < a->files.size(); ++i) {
    EXPECT_EQ(a->files[i].rel_path, b->files[i].rel_path);
    EXPECT_EQ(a->files[i].disk_path, b->files[i].disk_path);
    EXPECT_EQ(a->files[i].sha256, b->files[i].sha256);
    EXPECT_EQ(a->files[i].kind, b->files[i].kind);
  }
  ASSERT_EQ(a->findings.size(), b->findings.size());
  for (std::size_t i = 0; i < a->findings.size(); ++i) {
    EXPECT_EQ(a->findings[i].code, b->findings[i].code);
    EXPECT_EQ(a->findings[i].file, b->findings[i].file);
    EXPECT_EQ(a->findings[i].message, b->findings[i].message);
  }
}

TEST_F(ScanTreeTest, WithoutHashingKindsAreStillSniffed) {
  ScanOptions options;
  options.compute_sha256 = false;
  const auto scan = scan_tree(dir_.str(), options);
  ASSERT_TRUE(scan.ok());
  for (const auto& f : scan->files) EXPECT_TRUE(f.sha256.empty()) << f.rel_path;
  EXPECT_EQ(find_file(scan.value(), "三、信息管理/台账.docx")->kind, ContentKind::Docx);
}

TEST_F(ScanTreeTest, FileLimitStopsWithAFindingAndKeepsTheSameFiles) {
  ScanOptions options;
  options.max_files = 4;
  const auto a = scan_tree(dir_.str(), options);
  const auto b = scan_tree(dir_.str(), options);
  ASSERT_TRUE(a.ok() && b.ok());
  ASSERT_EQ(a->files.size(), 4u);
  EXPECT_EQ(findings_with(a.value(), "SCAN_LIMIT_REACHED").size(), 1u);
  for (std::size_t i = 0; i < 4; ++i) EXPECT_EQ(a->files[i].rel_path, b->files[i].rel_path);
}

TEST(ScanTree, RootMustBeAReadableDirectory) {
  TempDir dir;
  const auto missing = scan_tree((dir.path() / "不存在").string());
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, "SCAN_ROOT_MISSING");
  EXPECT_NE(missing.error().message.find("不存在"), std::string::npos);

  const auto file = dir.write("a.pdf", "%PDF-1.4");
  const auto not_dir = scan_tree(file.string());
  ASSERT_FALSE(not_dir.ok());
  EXPECT_EQ(not_dir.error().code, "SCAN_ROOT_MISSING");

  stdfs::create_directories(dir.path() / "sub");
  const auto empty = scan_tree((dir.path() / "sub").string() + "/..");  // resolves to dir itself
  ASSERT_TRUE(empty.ok());
  EXPECT_EQ(empty->files.size(), 1u);
}

TEST(ScanTree, UnreadableFilesAndFoldersAreFindingsNotExceptions) {
  if (::geteuid() == 0) GTEST_SKIP() << "root can read anything; permissions cannot be tested";
  TempDir dir;
  const auto secret = dir.write("一、制度建设/secret.pdf", "%PDF-1.4 secret");
  dir.write("二、联动机制/locked/inner.pdf", "%PDF-1.4");
  const auto locked = dir.path() / stdfs::u8path("二、联动机制/locked");
  stdfs::permissions(secret, stdfs::perms::none);
  stdfs::permissions(locked, stdfs::perms::none);
  const auto scan = scan_tree(dir.str());
  stdfs::permissions(secret, stdfs::perms::owner_all);
  stdfs::permissions(locked, stdfs::perms::owner_all);
  ASSERT_TRUE(scan.ok());
  const FileRecord* f = find_file(scan.value(), "一、制度建设/secret.pdf");
  ASSERT_NE(f, nullptr);  // still listed: the reviewer will see it
  EXPECT_FALSE(f->read_error.empty());
  EXPECT_TRUE(f->sha256.empty());
  EXPECT_NE(finding_for(scan.value(), "DIR_UNREADABLE", "二、联动机制/locked"), nullptr);
  EXPECT_EQ(find_file(scan.value(), "二、联动机制/locked/inner.pdf"), nullptr);
}

TEST(ScanTree, FiveThousandFilesInFiftyFoldersQuicklyAndSorted) {
  TempDir dir;
  for (int folder = 0; folder < 50; ++folder) {
    const auto sub = dir.path() / stdfs::u8path("第" + std::to_string(folder) + "组");
    stdfs::create_directories(sub);
    for (int i = 0; i < 100; ++i) {
      std::ofstream(sub / stdfs::u8path("照片" + std::to_string(i) + ".txt")) << folder << ":" << i;
    }
  }
  const auto start = std::chrono::steady_clock::now();
  const auto scan = scan_tree(dir.str());
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ASSERT_TRUE(scan.ok());
  ASSERT_EQ(scan->files.size(), 5000u);
  EXPECT_TRUE(scan->findings.empty());
  EXPECT_TRUE(std::is_sorted(scan->files.begin(), scan->files.end(),
                             [](const FileRecord& a, const FileRecord& b) { return a.rel_path < b.rel_path; }));
  std::set<std::string> digests;
  for (const auto& f : scan->files) digests.insert(f.sha256);
  EXPECT_EQ(digests.size(), 5000u);  // every file hashed, contents all differ
  EXPECT_LT(seconds, 10.0);          // ~0.2 s on the 2-core dev machine; generous for loaded CI
  std::printf("[ scan     ] 5000 files in 50 folders: %.3f s\n", seconds);
}

TEST(ScanTree, OsJunkNames) {
  EXPECT_FALSE(os_junk_reason("Thumbs.db", false).empty());
  EXPECT_FALSE(os_junk_reason("THUMBS.DB", false).empty());
  EXPECT_FALSE(os_junk_reason("desktop.ini", false).empty());
  EXPECT_FALSE(os_junk_reason(".DS_Store", false).empty());
  EXPECT_FALSE(os_junk_reason("~$台账.docx", false).empty());
  EXPECT_FALSE(os_junk_reason("__MACOSX", true).empty());
  EXPECT_TRUE(os_junk_reason("__MACOSX", false).empty());
  EXPECT_TRUE(os_junk_reason("台账.docx", false).empty());
  EXPECT_TRUE(os_junk_reason("Thumbs", true).empty());
}

}  // namespace
}  // namespace evpack
