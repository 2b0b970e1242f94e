// One cleanup path for temp files: registered ones go at exit and on signals; what a run
// killed with SIGKILL left is removed by the next run (its pid names no live process).
#include "evpack/util/temp_files.hpp"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "support/external_tool.hpp"
#include "support/temp_dir.hpp"

namespace evpack {
namespace {

namespace fs = std::filesystem;
using testing::run_command;
using testing::shell_quote;

TEST(TempFiles, RegisteredPathsAndTheirPartFilesAreRemoved) {
  const testing::TempDir dir;
  remove_registered_temps();  // whatever earlier tests in this process left registered
  const fs::path folder = dir.path() / (temp_name_marker() + "zip-abc");
  fs::create_directories(folder / "sub");
  std::ofstream(folder / "sub" / "a.txt") << "a";
  const fs::path out = dir.path() / "out.zip.tmp-1-0";
  std::ofstream(out) << "x";
  std::ofstream(dir.path() / "out.zip.tmp-1-0.part1-0") << "x";
  std::ofstream(dir.path() / "out.zip") << "keep";
  register_temp(folder.string());
  register_temp(out.string());
  EXPECT_EQ(remove_registered_temps(), 2u);
  EXPECT_FALSE(fs::exists(folder));
  EXPECT_FALSE(fs::exists(out));
  EXPECT_FALSE(fs::exists(dir.path() / "out.zip.tmp-1-0.part1-0"));
  EXPECT_TRUE(fs::exists(dir.path() / "out.zip"));
  EXPECT_EQ(remove_registered_temps(), 0u);
}

// Regression (issue 24): kill -9 during pack left "<target>.tmp-PID-1.partPID-0" files and
// unpacked copies in $TMPDIR that no later run removed.
TEST(TempFiles, WhatAKilledRunLeftIsRemovedByTheNextRun) {
  const testing::TempDir dir;
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    const std::string pid = std::to_string(::getpid());
    const fs::path unpacked = dir.path() / ("evpack-" + pid + "-zip-Xy12ab");
    std::error_code ec;
    fs::create_directories(unpacked / "材料", ec);
    std::ofstream(unpacked / "材料" / "a.pdf") << "pdf";
    std::ofstream(dir.path() / ("验收.zip.tmp-" + pid + "-1")) << "zip";
    std::ofstream(dir.path() / ("验收.zip.tmp-" + pid + "-1.part" + pid + "-0")) << "part";
    ::raise(SIGKILL);
    ::_exit(0);
  }
  int status = 0;
  ASSERT_EQ(::waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFSIGNALED(status));
  // Entries of live processes (this one, pid 1) and other files stay.
  const fs::path mine = dir.path() / (temp_name_marker() + "zip-live");
  fs::create_directories(mine);
  fs::create_directories(dir.path() / "evpack-1-zip-live");
  std::ofstream(dir.path() / "evpack-notes.txt") << "user file";
  std::ofstream(dir.path() / "报告.json") << "{}";
  std::size_t before = 0;
  for (const auto& e : fs::directory_iterator(dir.path())) before += e.exists() ? 1 : 0;
  ASSERT_EQ(before, 7u);

  // The next run: the real binary removes stale entries under its $TMPDIR at start.
  const auto r = run_command("TMPDIR=" + shell_quote(dir.str()) + " " + shell_quote(EVPACK_BINARY) + " rules list");
  EXPECT_EQ(r.exit_code, 0) << r.output;
  std::vector<std::string> left;
  for (const auto& e : fs::directory_iterator(dir.path())) left.push_back(e.path().filename().string());
  std::sort(left.begin(), left.end());
  std::vector<std::string> kept{"evpack-1-zip-live", "evpack-notes.txt", mine.filename().string(), "报告.json"};
  std::sort(kept.begin(), kept.end());
  EXPECT_EQ(left, kept) << ::testing::PrintToString(left);
  EXPECT_EQ(remove_stale_temps(dir.str()), 0u);
}

// Regression (issue 24): SIGTERM during `check X.zip` left the unpacked copy in $TMPDIR.
TEST(TempFiles, SigtermDuringACheckOfAZipLeavesNothing) {
  const testing::TempDir dir;
  fs::create_directories(dir.path() / "tmp");
  const std::string zip = (dir.path() / "材料.zip").string();
  const auto made = run_command(
      "cd " + shell_quote(testing::source_dir() + "/samples") + " && " + testing::system_python() + " -c " +
      shell_quote("import shutil,sys; shutil.make_archive(sys.argv[1][:-4], 'zip', '.', '青石县佐证材料')") + " " +
      shell_quote(zip));
  ASSERT_EQ(made.exit_code, 0) << made.output;
  const std::string script = "TMPDIR=" + shell_quote(dir.str() + "/tmp") + " " + shell_quote(EVPACK_BINARY) +
                             " check --no-cache -j 1 " + shell_quote(zip) +
                             " >/dev/null 2>&1 & pid=$!; "
                             "for i in $(seq 1 400); do ls " +
                             shell_quote(dir.str() + "/tmp") +
                             " | grep -q '^evpack-' && break; sleep 0.05; done; "
                             "sleep 1; kill -TERM $pid; wait $pid; echo rc=$?; ls -A " +
                             shell_quote(dir.str() + "/tmp") + " | wc -l";
  const auto r = run_command("bash -c " + shell_quote(script));
  EXPECT_NE(r.output.find("rc=143"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("\n0\n"), std::string::npos) << r.output;
}

}  // namespace
}  // namespace evpack
