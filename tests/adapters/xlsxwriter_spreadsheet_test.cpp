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
  EXPECT_NE(sheet1.find("<pane ySplit=\"1\""), std::string::npos);                 // frozen header
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

// Regression (issue 24): file names starting with '=' landed in cells as ordinary text.
TEST(XlsxwriterSpreadsheet, FormulaLikeTextIsAQuotedStringCell) {
  Sheet sheet;
  sheet.name = "问题清单";
  sheet.columns = {{"文件"}, {"说明", 0, true}};
  sheet.rows = {{std::string("=HYPERLINK(\"http://x\",\"点击\").pdf"), std::string("+1 说明")},
                {std::string("-2.jpg"), std::string("@SUM(A1)")},
                {std::string("普通.pdf"), std::string("正常")}};
  auto bytes = render_xlsx({sheet});
  ASSERT_TRUE(bytes.ok()) << bytes.error().message;
  TempDir dir;
  const auto path = dir.write("f.xlsx", bytes.value());
  const auto xml = members(path.string());
  const std::string& ws = xml.at("xl/worksheets/sheet1.xml");
  EXPECT_EQ(ws.find("<f>"), std::string::npos) << ws;  // no formula anywhere
  // Each formula-like cell is a string cell styled as Text (number format "@"); the plain one is not.
  const std::string& styles = xml.at("xl/styles.xml");
  EXPECT_NE(styles.find("formatCode=\"@\""), std::string::npos) << styles;
  const std::string shared = xml.count("xl/sharedStrings.xml") ? xml.at("xl/sharedStrings.xml") : "";
  EXPECT_NE((shared + ws).find("=HYPERLINK"), std::string::npos);
  auto style_of = [&](const std::string& ref) {
    const auto at = ws.find("<c r=\"" + ref + "\"");
    if (at == std::string::npos) return std::string("?");
    const auto s_at = ws.find(" s=\"", at);
    const auto end = ws.find('>', at);
    if (s_at == std::string::npos || s_at > end) return std::string("0");
    return ws.substr(s_at + 4, ws.find('"', s_at + 4) - s_at - 4);
  };
  EXPECT_EQ(style_of("A2"), style_of("A3"));
  EXPECT_NE(style_of("A2"), style_of("A4"));
  EXPECT_NE(style_of("B2"), style_of("B4"));
  const std::string a2 = ws.substr(ws.find("<c r=\"A2\""), 40);
  EXPECT_TRUE(a2.find("t=\"s\"") != std::string::npos || a2.find("t=\"inlineStr\"") != std::string::npos) << a2;
}

TEST(XlsxwriterSpreadsheet, UnwritableTargetIsAnError) {
  auto written = write_xlsx("/nonexistent-dir/目录.xlsx", sample_sheets());
  ASSERT_FALSE(written.ok());
  EXPECT_EQ(written.error().code, "OUTPUT_WRITE_FAILED");
}

}  // namespace
}  // namespace evpack
