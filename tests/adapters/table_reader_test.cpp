#include "evpack/adapters/table_reader.hpp"

#include <gtest/gtest.h>

#include "evpack/adapters/zip_archive.hpp"
#include "support/temp_dir.hpp"

namespace evpack {
namespace {

using Rows = std::vector<std::vector<std::string>>;

TEST(ParseCsv, QuotesLineEndsAndEmptyRows) {
  const TableSheet t = parse_csv(
      "序号,文书号,备注\r\n1,\"青交罚字〔2025〕20号\",\"含,逗号\"\r\n\r\n2,\"a \"\"引号\"\"\",\"两\n行\"\n3,,");
  EXPECT_EQ(t.rows, (Rows{{"序号", "文书号", "备注"},
                          {"1", "青交罚字〔2025〕20号", "含,逗号"},
                          {},
                          {"2", "a \"引号\"", "两\n行"},
                          {"3", "", ""}}));
  EXPECT_TRUE(t.name.empty());
  EXPECT_FALSE(t.truncated);
  // Old Mac line ends, no final newline.
  EXPECT_EQ(parse_csv("a,b\rc,d").rows, (Rows{{"a", "b"}, {"c", "d"}}));
  EXPECT_TRUE(parse_csv("").rows.empty());
}

TEST(ParseCsv, DelimiterFromTheFirstLine) {
  EXPECT_EQ(parse_csv("决定日期\t公示日期\n2025/3/3\t2025/3/7\n").rows,
            (Rows{{"决定日期", "公示日期"}, {"2025/3/3", "2025/3/7"}}));
  EXPECT_EQ(parse_csv("a;b;c\n1;2,5;3\n").rows, (Rows{{"a", "b", "c"}, {"1", "2,5", "3"}}));
}

TEST(ParseCsv, EncodingsBomUtf16AndGbk) {
  const std::string utf8 = "类别,决定日期\n行政许可,2025-03-03\n";
  const Rows expected{{"类别", "决定日期"}, {"行政许可", "2025-03-03"}};
  EXPECT_EQ(parse_csv(utf8).rows, expected);
  EXPECT_EQ(parse_csv("\xEF\xBB\xBF" + utf8).rows, expected);  // Excel's "CSV UTF-8"
  const auto gbk = utf8_to_gbk(utf8);
  ASSERT_TRUE(gbk);
  ASSERT_NE(*gbk, utf8);
  EXPECT_EQ(parse_csv(*gbk).rows, expected);  // Excel's plain "CSV" on Chinese Windows
  // UTF-16LE with BOM (Excel "Unicode text"), tab separated; one character outside the BMP.
  const std::u16string wide = u"类别\t名称\n行政处罚\t𠀀\n";
  std::string le = "\xFF\xFE";
  for (char16_t u : wide) {
    le += static_cast<char>(u & 0xFF);
    le += static_cast<char>(u >> 8);
  }
  EXPECT_EQ(parse_csv(le).rows, (Rows{{"类别", "名称"}, {"行政处罚", "𠀀"}}));
}

TEST(ParseCsv, LimitsAreKept) {
  TableLimits limits;
  limits.max_rows = 2;
  limits.max_columns = 2;
  const TableSheet t = parse_csv("a,b,c\n1,2,3\n4,5,6\n", limits);
  EXPECT_EQ(t.rows, (Rows{{"a", "b"}, {"1", "2"}}));
  EXPECT_TRUE(t.truncated);
  // An unterminated quote swallows the rest but does not hang or crash.
  EXPECT_EQ(parse_csv("a,\"b\nc").rows, (Rows{{"a", "b\nc"}}));
}

TEST(ExcelSerial, DatesTimesAndBothEpochs) {
  EXPECT_EQ(excel_serial_to_text(45719), "2025-03-03");
  EXPECT_EQ(excel_serial_to_text(45965), "2025-11-04");
  EXPECT_EQ(excel_serial_to_text(45719.5), "2025-03-03 12:00:00");
  EXPECT_EQ(excel_serial_to_text(0.4375), "10:30:00");
  EXPECT_EQ(excel_serial_to_text(1), "1900-01-01");
  EXPECT_EQ(excel_serial_to_text(59), "1900-02-28");
  EXPECT_EQ(excel_serial_to_text(61), "1900-03-01");
  EXPECT_EQ(excel_serial_to_text(44257, true), "2025-03-03");  // 1904 system: 1462 days less
  EXPECT_EQ(excel_serial_to_text(-1), "");
  EXPECT_EQ(excel_serial_to_text(1e12), "");
}

TEST(ReadTable, DispatchesByContentNotExtension) {
  testing::TempDir dir;
  const auto csv = dir.write("台账.xlsx", "类别,决定日期\n行政许可,2025-03-03\n");  // CSV named .xlsx
  auto t = read_table(csv.string());
  ASSERT_TRUE(t.ok()) << t.error().message;
  ASSERT_EQ(t->size(), 1u);
  EXPECT_EQ((*t)[0].rows.size(), 2u);

  const auto xls = dir.write("旧.xls", std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + std::string(512, '\0'));
  t = read_table(xls.string());
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.error().code, "TABLE_LEGACY_XLS");
  EXPECT_NE(t.error().message.find(".xlsx"), std::string::npos);

  const auto bin = dir.write("x.csv", std::string("\x01\x02\x00\x03", 4));
  t = read_table(bin.string());
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.error().code, "TABLE_NOT_TABLE");

  t = read_table((dir.path() / "none.csv").string());
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.error().code, "TABLE_UNREADABLE");

  TableLimits small;
  small.max_bytes = 10;
  t = read_table(csv.string(), small);
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.error().code, "TABLE_TOO_LARGE");
}

TEST(ReadTable, AZipThatIsNoWorkbook) {
  testing::TempDir dir;
  const std::string path = (dir.path() / "x.xlsx").string();
  {
    auto w = create_zip_writer(path);
    ASSERT_TRUE(w.ok());
    ASSERT_TRUE((*w)->add_bytes("readme.txt", "hello", ZipMethod::Deflate).ok());
    ASSERT_TRUE((*w)->finish().ok());
  }
  auto t = read_table(path);
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.error().code, "TABLE_NOT_TABLE");
  // Truncated zip.
  const auto broken = dir.write("y.xlsx", "PK\x03\x04garbage");
  t = read_table(broken.string());
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.error().code, "XLSX_CORRUPT");
}

}  // namespace
}  // namespace evpack
