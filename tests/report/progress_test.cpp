// The terminal progress bar: line formatting, throttling and erasing, without a terminal.
#include "evpack/report/progress.hpp"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

#include "evpack/report/console_report.hpp"

namespace evpack {
namespace {

TEST(Progress, WantedOnlyOnANonDumbTerminalWithoutQuiet) {
  EXPECT_TRUE(progress_wanted(true, false, "xterm-256color"));
  EXPECT_TRUE(progress_wanted(true, false, nullptr));
  EXPECT_FALSE(progress_wanted(false, false, "xterm"));
  EXPECT_FALSE(progress_wanted(true, true, "xterm"));
  EXPECT_FALSE(progress_wanted(true, false, "dumb"));
}

TEST(Progress, FormatsDurationsInChineseAndEnglish) {
  EXPECT_EQ(format_duration(0), "0秒");
  EXPECT_EQ(format_duration(44.6), "45秒");
  EXPECT_EQ(format_duration(185), "3分05秒");
  EXPECT_EQ(format_duration(3725), "1小时02分");
  EXPECT_EQ(format_duration(185, true), "3m05s");
  EXPECT_EQ(format_duration(-3), "0秒");
  EXPECT_EQ(format_duration(1.0 / 0.0), "2777小时46分");  // capped, never UB
}

TEST(Progress, LineShowsCountsRateAndTimeLeft) {
  const std::string line = format_progress_line("检查中", 120, 2000, 4.0, 100);
  EXPECT_NE(line.find("120/2000 个文件 6%"), std::string::npos) << line;
  EXPECT_NE(line.find("30 个/秒"), std::string::npos) << line;
  EXPECT_NE(line.find("剩余约 1分03秒"), std::string::npos) << line;  // 1880 files at 30/s
  EXPECT_NE(line.find("[=>"), std::string::npos) << line;
  EXPECT_LE(display_width(line), 99);
  // No estimate before one second or before the first file.
  const std::string early = format_progress_line("检查中", 3, 2000, 0.5, 100);
  EXPECT_EQ(early.find("剩余"), std::string::npos) << early;
  EXPECT_EQ(format_progress_line("检查中", 0, 10, 5, 100).find("剩余"), std::string::npos);
  // Done: full bar, no time left.
  const std::string done = format_progress_line("检查中", 10, 10, 2, 100);
  EXPECT_NE(done.find("[==============================]"), std::string::npos) << done;
  EXPECT_EQ(done.find("剩余"), std::string::npos);
  EXPECT_NE(format_progress_line("Checking", 5, 10, 2, 100, true).find("5/10 files 50% 2.5 files/s about 2s left"),
            std::string::npos);
}

TEST(Progress, LineFitsNarrowTerminals) {
  for (const int columns : {20, 30, 40, 50, 60, 80}) {
    const std::string line = format_progress_line("检查中", 1234, 5678, 12.5, columns);
    EXPECT_LE(display_width(line), columns - 1) << columns << ": " << line;
  }
  // The bar goes before the numbers do.
  const std::string narrow = format_progress_line("检查中", 1234, 5678, 12.5, 50);
  EXPECT_EQ(narrow.find('['), std::string::npos) << narrow;
  EXPECT_NE(narrow.find("1234/5678"), std::string::npos) << narrow;
  // Done beyond total and total zero do not break anything.
  EXPECT_NE(format_progress_line("x", 12, 10, 1, 80).find("10/10"), std::string::npos);
  EXPECT_NE(format_progress_line("x", 0, 0, 1, 80).find("0/0"), std::string::npos);
}

TEST(Progress, BarThrottlesRedrawsAndErasesAtTheEnd) {
  double now = 100;
  std::vector<std::string> written;
  ProgressBar bar(
      "检查中", [&](const std::string& s) { written.push_back(s); }, 80, false, [&] { return now; }, 0.1);
  bar.update(1, 100);
  bar.update(2, 100);  // same instant: skipped
  now += 0.05;
  bar.update(3, 100);  // 50 ms later: skipped
  now += 0.1;
  bar.update(4, 100);
  bar.update(100, 100);  // the last item is always drawn
  EXPECT_EQ(bar.draws(), 3u);
  ASSERT_EQ(written.size(), 3u);
  EXPECT_EQ(written[0].rfind("\r检查中 [", 0), 0u) << written[0];
  EXPECT_NE(written[0].find("\033[K"), std::string::npos);
  EXPECT_NE(written[2].find("100/100"), std::string::npos);
  bar.finish();
  ASSERT_EQ(written.size(), 4u);
  EXPECT_EQ(written[3], "\r\033[K");
  bar.update(100, 100);
  bar.finish();
  EXPECT_EQ(written.size(), 4u) << "nothing after finish";
}

TEST(Progress, FinishWithoutDrawingLeavesTheTerminalAlone) {
  std::vector<std::string> written;
  ProgressBar bar("x", [&](const std::string& s) { written.push_back(s); });
  bar.finish();
  EXPECT_TRUE(written.empty());
}

TEST(Progress, UpdatesFromManyThreadsAreSerialised) {
  std::string out;
  std::size_t calls = 0;
  ProgressBar bar(
      "x",
      [&](const std::string& s) {
        out += s;
        ++calls;
      },
      80, false, {}, 0.0);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 250; ++i) bar.update(static_cast<std::size_t>(t * 250 + i), 1000);
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(calls, 1000u);
  EXPECT_EQ(bar.draws(), 1000u);
}

}  // namespace
}  // namespace evpack
