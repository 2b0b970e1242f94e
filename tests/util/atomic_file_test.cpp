#include "evpack/util/atomic_file.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "support/temp_dir.hpp"

namespace evpack {
namespace {

namespace fs = std::filesystem;

TEST(AtomicFile, WritesAndReplacesWithoutLeavingTempFiles) {
  testing::TempDir tmp;
  const std::string path = (tmp.path() / "报告.json").string();
  ASSERT_TRUE(write_file_atomically(path, "first"));
  ASSERT_TRUE(write_file_atomically(path, "second"));
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  EXPECT_EQ(ss.str(), "second");
  int entries = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(tmp.path())) ++entries;
  EXPECT_EQ(entries, 1);
}

TEST(AtomicFile, FailureLeavesTargetUntouchedAndSaysWhyInChinese) {
  testing::TempDir tmp;
  const auto missing_dir = (tmp.path() / "没有这个目录" / "r.json").string();
  const auto result = write_file_atomically(missing_dir, "x");
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, "OUTPUT_WRITE_FAILED");
  EXPECT_NE(result.error().message.find("无法写入"), std::string::npos);
  EXPECT_FALSE(fs::exists(missing_dir));
}

// Report writers never replace or write through a symbolic link (issue 24).
TEST(AtomicFile, RefusesASymlinkAsTheTarget) {
  testing::TempDir dir;
  const auto victim = dir.path() / "victim.txt";
  std::filesystem::create_symlink(victim, dir.path() / "report.html");
  const auto written = write_file_atomically((dir.path() / "report.html").string(), "<html>");
  ASSERT_FALSE(written);
  EXPECT_NE(written.error().message.find("符号链接"), std::string::npos);
  EXPECT_TRUE(std::filesystem::is_symlink(dir.path() / "report.html"));
  EXPECT_FALSE(std::filesystem::exists(victim));
  EXPECT_EQ(symlink_below(dir.str(), (dir.path() / "report.html").string()), (dir.path() / "report.html").string());
  EXPECT_EQ(symlink_below(dir.str(), (dir.path() / "a" / "b.txt").string()), "");
}

}  // namespace
}  // namespace evpack
