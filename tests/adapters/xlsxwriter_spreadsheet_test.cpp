#include <gtest/gtest.h>
#include <map>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "evpack/adapters/spreadsheet_writer.hpp"
#include "evpack/adapters/zip_archive.hpp"
#include "support/temp_dir.hpp"

namespace evpack {
namespace {

using testing::TempDir;

std::vector<Sheet> sample_sheets() {
  Sheet files;
  files.name = "目录";
  files.columns = {{"序号", 6}, {"指标"}, {"文件名", 0, true}, {"页数"}};
  files.rows = {{1.0, std::string("1.1 成立领导小组"), std::string("01-2025-03-18 领导小组会议.jpg"), 1.0},
                {2.0, std::string("1.4 季度会议"), std::string("含控制符\x01的名称 & <标签>"), std::monostate{}},
                {3.0, std::string("1.2"), std::string(), 12.5}};
  Sheet findings;
  findings.name = "问题/清单[1]";  // characters Excel forbids in sheet names
  findings.columns = {{"代码"}, {"说明"}};
  findings.rows = {{std::string("PHOTO_NO_WATERMARK"), std::string("照片没有时间水印")}};
  findings.freeze_header = false;
  findings.autofilter = false;
  return {files, findings};
}

// Every member of the xlsx, uncompressed, keyed by name.
std::map<std::string, std::string> members(const std::string& xlsx_path) {
  std::map<std::string, std::string> out;
  auto reader = open_zip(xlsx_path);
  EXPECT_TRUE(reader.ok());
  if (!reader) return out;
  for (std::size_t i = 0; i < reader.value()->entries().size(); ++i) {
    out[reader.value()->entries()[i].name] = reader.value()->read_head(i, 1 << 20).value();
  }
  return out;
}

TEST(XlsxwriterSpreadsheet, WritesSheetsWithHeaderFreezeFilterAndChineseText) {
  TempDir dir;
  const std::string path = (dir.path() / "目录.xlsx").string();
  ASSERT_TRUE(write_xlsx(path, sample_sheets(), {"测试目录", "evpack", "", 946684800}).ok());
  const auto xml = members(path);
  ASSERT_TRUE(xml.count("xl/workbook.xml"));
  EXPECT_NE(xml.at("xl/workbook.xml").find("name=\"目录\""), std::string::npos);
  EXPECT_NE(xml.at("xl/workbook.xml").find("name=\"问题_清单_1_\""), std::string::npos);
  const std::string& sheet1 = xml.at("xl/worksheets/sheet1.xml");
  EXPECT_NE(sheet1.find("01-2025-03-18 领导小组会议.jpg"), std::string::npos);
  EXPECT_NE(sheet1.find("含控制符的名称 &amp; &lt;标签&gt;"), std::string::npos);  // control char dropped, XML escaped
  EXPECT_NE(sheet1.find("<pane ySplit=\"1\""), std::string::npos);                  // frozen header
  EXPECT_NE(sheet1.find("<autoFilter ref=\"A1:D4\""), std::string::npos);
  EXPECT_NE(sheet1.find("<v>12.5</v>"), std::string::npos);
  const std::string& sheet2 = xml.at("xl/worksheets/sheet2.xml");
  EXPECT_EQ(sheet2.find("<pane"), std::string::npos);
  EXPECT_EQ(sheet2.find("<autoFilter"), std::string::npos);
  EXPECT_NE(xml.at("docProps/core.xml").find("2000-01-01T00:00:00Z"), std::string::npos);
  // No temp file is left beside the target.
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir.path()), {}), 1);
}

TEST(XlsxwriterSpreadsheet, SameInputGivesIdenticalBytes) {
  auto first = render_xlsx(sample_sheets());
  ASSERT_TRUE(first.ok()) << first.error().message;
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));  // a wall-clock time would differ now
  auto second = render_xlsx(sample_sheets());
  ASSERT_TRUE(second.ok());
  EXPECT_GT(first->size(), 1000u);
  EXPECT_EQ(first.value(), second.value());
}

TEST(XlsxwriterSpreadsheet, UnwritableTargetIsAnError) {
  auto written = write_xlsx("/nonexistent-dir/目录.xlsx", sample_sheets());
  ASSERT_FALSE(written.ok());
  EXPECT_EQ(written.error().code, "OUTPUT_WRITE_FAILED");
}

}  // namespace
}  // namespace evpack
