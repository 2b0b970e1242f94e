// The real binary, as a user runs it.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

#include "support/temp_dir.hpp"

namespace evpack {
namespace {

namespace fs = std::filesystem;

int run(const std::string& args, const std::string& environment = "") {
  const std::string command = environment + "'" + EVPACK_BINARY + "' " + args + " > /dev/null 2>&1";
  const int status = std::system(command.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

nlohmann::json read_json(const fs::path& path) {
  std::ifstream in(path);
  return nlohmann::json::parse(in);
}

TEST(Cli, CheckOfTheSampleWritesTheDocumentedJson) {
  evpack::testing::TempDir dir;
  const fs::path report = dir.path() / "report.json";
  ASSERT_EQ(run("check '" + evpack::testing::source_dir() +
                "/samples/青石县佐证材料' --no-ocr --quiet --as-of 2026-01-20 --json '" + report.string() + "'"),
            0);
  const auto j = read_json(report);
  ASSERT_TRUE(j.contains("files"));
  ASSERT_TRUE(j.contains("indicators"));
  ASSERT_TRUE(j.contains("findings"));
  EXPECT_EQ(j["files"].size(), 49u);
  bool found_54 = false;
  for (const auto& ind : j["indicators"]) {
    if (ind["id"] == "5.4") {
      found_54 = true;
      EXPECT_DOUBLE_EQ(ind["points"].get<double>(), 6);
    }
  }
  EXPECT_TRUE(found_54);
  for (const auto& f : j["findings"]) {
    EXPECT_FALSE(f["code"].get<std::string>().empty());
    EXPECT_FALSE(f["message"].get<std::string>().empty());
  }
}

TEST(Cli, LintReportsExactlyTheTwoSeedInconsistencies) {
  evpack::testing::TempDir dir;
  const fs::path out = dir.path() / "lint.txt";
  const std::string cmd = std::string("'") + EVPACK_BINARY + "' rules lint '" + evpack::testing::source_dir() +
                          "/rules/shandong-2025.yaml' > '" + out.string() + "' 2>&1";
  std::system(cmd.c_str());
  std::ifstream in(out);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_NE(text.find("诚信宣传"), std::string::npos) << text;
  EXPECT_NE(text.find("培训交流"), std::string::npos) << text;
}

TEST(Cli, LintTakesSeveralFilesAndFailsOnABrokenOne) {
  evpack::testing::TempDir dir;
  const fs::path broken = dir.path() / "my-rules.yaml";
  std::ofstream(broken) << "id: my\ntitle: 我的规则\ncategories: [\n";
  const fs::path out = dir.path() / "lint.txt";
  const std::string src = evpack::testing::source_dir();
  const std::string cmd = std::string("'") + EVPACK_BINARY + "' rules lint '" + src + "/rules/xuyi-2023-2025.yaml' '" +
                          broken.string() + "' > '" + out.string() + "' 2>&1";
  const int status = std::system(cmd.c_str());
  std::ifstream in(out);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(WEXITSTATUS(status), 2) << text;
  EXPECT_NE(text.find("== " + src + "/rules/xuyi-2023-2025.yaml\n规则文件检查通过"), std::string::npos) << text;
  EXPECT_NE(text.find("== " + broken.string()), std::string::npos) << text;
  EXPECT_NE(text.find("行"), std::string::npos) << text;  // a line-numbered message for the broken file
}

TEST(Cli, UsageErrorsExitWithTwo) {
  EXPECT_EQ(run("check /nonexistent/folder/你好"), 2);
  EXPECT_EQ(run("check . --as-of 2025-13-45"), 2);
}

// Every real file in ../shared/corpus (photos, HEIC, PDFs incl. fuzzed and bombs, zips)
// filed under one indicator: the run completes, every file is listed, nothing crashes.
TEST(Cli, EveryCorpusFileIsInspected) {
  evpack::testing::TempDir dir;
  const fs::path root = dir.path() / "材料";
  const fs::path target = root / "五、诚信宣传" / "5.2主题活动";
  fs::create_directories(target);
  std::size_t copied = 0;
  for (const auto& entry : fs::recursive_directory_iterator(evpack::testing::corpus_dir())) {
    if (!entry.is_regular_file()) continue;
    const std::string ext = entry.path().extension().string();
    if (ext == ".md" || ext == ".tsv") continue;
    const fs::path rel = fs::relative(entry.path(), evpack::testing::corpus_dir());
    std::string flat = rel.string();
    for (char& c : flat) {
      if (c == '/') c = '_';
    }
    fs::copy_file(entry.path(), target / flat);
    ++copied;
  }
  ASSERT_GT(copied, 50u);
  const fs::path report = dir.path() / "r.json";
  const int code = run("check '" + root.string() + "' --no-ocr --quiet --json '" + report.string() + "'");
  EXPECT_EQ(code, 0);
  const auto j = read_json(report);
  EXPECT_EQ(j["files"].size(), copied);
}

}  // namespace
}  // namespace evpack

namespace evpack {
namespace {

// 5,000 generated files with corrupt, truncated, zero-byte and misnamed files, a
// symlink loop and links leaving the root: the run completes and every bad file
// has a finding of its own.
TEST(Cli, StressArchiveGivesAFindingPerBadFile) {
  evpack::testing::TempDir dir;
  const fs::path data = dir.path() / "stress";
  const std::string gen = "/usr/bin/python3 '" + evpack::testing::source_dir() +
                          "/tools/gen_samples.py' --preset stress --files 5000 --out '" + data.string() +
                          "' > /dev/null 2>&1";
  ASSERT_EQ(std::system(gen.c_str()), 0) << "generator failed";
  const fs::path report = dir.path() / "r.json";
  ASSERT_EQ(run("check '" + data.string() + "' --no-ocr --quiet --json '" + report.string() + "'"), 0);
  const auto j = read_json(report);
  std::set<std::string> with_finding;
  for (const auto& f : j["findings"]) {
    if (f["file"].is_string()) with_finding.insert(f["file"].get<std::string>());
  }
  const auto labels = read_json(dir.path() / "stress.labels.json");
  int bad = 0;
  for (const auto& f : labels["files"]) {
    const std::string kind = f["kind"].is_string() ? f["kind"].get<std::string>() : "";
    if (kind != "corrupt_jpeg" && kind != "truncated_pdf" && kind != "empty") continue;
    ++bad;
    EXPECT_TRUE(with_finding.count(f["path"].get<std::string>())) << f["path"] << " (" << kind << ")";
  }
  EXPECT_GT(bad, 500);
  EXPECT_GE(j["files"].size(), 4900u);
}

// A machine without a Chinese font (fontconfig offers none): poppler finds no font
// to draw a non-embedded STSong-Light with. The document's letterhead and seal are
// "cannot verify", never "absent" (D.6 would zero the indicator), and a finding
// says the fonts are missing.
TEST(Cli, WithoutAChineseFontNothingIsAbsent) {
  evpack::testing::TempDir dir;
  const fs::path evidence = dir.path() / "evidence" / "一、制度建设" / "1.成立领导小组";
  fs::create_directories(evidence);
  fs::copy_file(evpack::testing::source_dir() + "/tests/data/docs/text_stsong_not_embedded.pdf",
                evidence / "关于成立领导小组的通知.pdf");
  fs::create_directories(dir.path() / "no-fonts");
  dir.write("fonts.conf", "<?xml version=\"1.0\"?>\n<!DOCTYPE fontconfig SYSTEM \"fonts.dtd\">\n<fontconfig><dir>" +
                              (dir.path() / "no-fonts").string() + "</dir><cachedir>" +
                              (dir.path() / "fc-cache").string() + "</cachedir></fontconfig>\n");
  const fs::path report = dir.path() / "report.json";
  ASSERT_EQ(run("check '" + (dir.path() / "evidence").string() +
                    "' --no-ocr --no-cache --quiet --as-of 2025-12-31 --json '" + report.string() + "'",
                "FONTCONFIG_FILE='" + (dir.path() / "fonts.conf").string() + "' "),
            0);
  const auto j = read_json(report);
  ASSERT_EQ(j["files"].size(), 1u);
  const auto& doc = j["files"][0]["document"];
  EXPECT_NE(doc["letterhead"]["state"], "absent") << doc["letterhead"];
  EXPECT_NE(doc["seal"]["state"], "absent") << doc["seal"];
  bool fonts_finding = false;
  for (const auto& f : j["findings"]) {
    fonts_finding = fonts_finding || f["code"] == "PDF_FONTS_MISSING";
    EXPECT_NE(f["code"], "D6_MISSING_HEADER");
    EXPECT_NE(f["code"], "D6_MISSING_SEAL");
  }
  EXPECT_TRUE(fonts_finding);
}

}  // namespace
}  // namespace evpack
