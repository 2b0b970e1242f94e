// XLSX reading (src/adapters/xlsx_reader.cpp): the sample archive's ledger, a workbook
// written by libxlsxwriter (shared strings), and hand-written workbooks with the forms
// other generators use (prefixed namespaces, rich text, 1904 dates, sparse cells).
#include <gtest/gtest.h>

#include "evpack/adapters/spreadsheet_writer.hpp"
#include "evpack/adapters/table_reader.hpp"
#include "evpack/adapters/zip_archive.hpp"
#include "support/temp_dir.hpp"

namespace evpack {
namespace {

using Rows = std::vector<std::vector<std::string>>;
using Parts = std::vector<std::pair<std::string, std::string>>;

constexpr const char* kMain = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

// Writes a zip of the given parts and returns its path.
std::string write_zip(const testing::TempDir& dir, const std::string& name, const Parts& parts) {
  const std::string path = (dir.path() / name).string();
  auto w = create_zip_writer(path);
  EXPECT_TRUE(w.ok());
  for (const auto& [part, data] : parts) EXPECT_TRUE((*w)->add_bytes(part, data, ZipMethod::Deflate).ok());
  EXPECT_TRUE((*w)->finish().ok());
  return path;
}

std::string workbook(const std::string& sheets, const std::string& extra = "") {
  return std::string("<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"") + kMain +
         "\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">" + extra + "<sheets>" +
         sheets + "</sheets></workbook>";
}

std::string sheet_xml(const std::string& rows) {
  return std::string("<worksheet xmlns=\"") + kMain + "\"><sheetData>" + rows + "</sheetData></worksheet>";
}

TEST(ReadXlsx, TheSampleArchiveLedger) {
  const std::string path =
      testing::source_dir() + "/samples/青石县佐证材料/04信用应用/双公示/2025年行政许可行政处罚双公示台账.xlsx";
  auto book = read_xlsx(path);
  ASSERT_TRUE(book.ok()) << book.error().message;
  ASSERT_EQ(book->size(), 1u);
  const TableSheet& s = (*book)[0];
  EXPECT_EQ(s.name, "双公示台账");
  ASSERT_EQ(s.rows.size(), 8u);
  EXPECT_EQ(s.rows[0], std::vector<std::string>{"青石县交通运输局2025年双公示信息台账"});
  EXPECT_EQ(s.rows[1],
            (std::vector<std::string>{"序号", "类别", "决定文书号", "行政相对人", "决定日期", "公示日期", "公示网站"}));
  // Dates are numbers in format 14 (m/d/yyyy): read as dates.
  EXPECT_EQ(s.rows[2][4], "2025-03-03");
  EXPECT_EQ(s.rows[2][5], "2025-03-07");
  EXPECT_EQ(s.rows[3][2], "青交罚字〔2025〕20号");
  EXPECT_EQ(s.rows[7][0], "6");
  EXPECT_FALSE(s.truncated);
}

TEST(ReadXlsx, SharedStringsFromLibxlsxwriter) {
  testing::TempDir dir;
  Sheet permits{"行政许可", {{"许可文书号"}, {"许可决定日期"}, {"上网日期"}}, {}};
  permits.rows.push_back({std::string("青交许字〔2025〕27号"), 45719.0, 45723.0});
  permits.rows.push_back({std::string("青交许字〔2025〕28号"), std::monostate{}, std::string("2025年3月9日")});
  Sheet penalties{"行政处罚", {{"处罚决定书文号"}}, {}};
  penalties.rows.push_back({std::string("青交罚字〔2025〕20号")});
  const std::string path = (dir.path() / "台账.xlsx").string();
  ASSERT_TRUE(write_xlsx(path, {permits, penalties}).ok());

  auto book = read_table(path);
  ASSERT_TRUE(book.ok()) << book.error().message;
  ASSERT_EQ(book->size(), 2u);
  EXPECT_EQ((*book)[0].name, "行政许可");
  EXPECT_EQ((*book)[0].rows, (Rows{{"许可文书号", "许可决定日期", "上网日期"},
                                   {"青交许字〔2025〕27号", "45719", "45723"},  // plain numbers, no date format
                                   {"青交许字〔2025〕28号", "", "2025年3月9日"}}));
  EXPECT_EQ((*book)[1].name, "行政处罚");
  EXPECT_EQ((*book)[1].rows, (Rows{{"处罚决定书文号"}, {"青交罚字〔2025〕20号"}}));
}

TEST(ReadXlsx, FormsOtherGeneratorsWrite) {
  testing::TempDir dir;
  const std::string rels =
      "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
      "<Relationship Id=\"rId7\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" "
      "Target=\"/xl/worksheets/data.xml\"/>"
      "<Relationship Id=\"rId8\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" "
      "Target=\"strings.xml\"/>"
      "<Relationship Id=\"rId9\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" "
      "Target=\"./styles.xml\"/></Relationships>";
  // Prefixed namespace as the .NET Open XML SDK writes it; rich text with a phonetic guide.
  const std::string strings =
      std::string("<x:sst xmlns:x=\"") + kMain +
      "\"><x:si><x:t>决定日期</x:t></x:si>"
      "<x:si><x:r><x:rPr><x:b/></x:rPr><x:t>公示</x:t></x:r><x:r><x:t xml:space=\"preserve\">日期 </x:t></x:r>"
      "<x:rPh><x:t>こうじ</x:t></x:rPh></x:si><x:si><x:t>备注&amp;说明</x:t></x:si></x:sst>";
  const std::string styles =
      std::string("<x:styleSheet xmlns:x=\"") + kMain +
      "\"><x:numFmts><x:numFmt numFmtId=\"176\" formatCode=\"yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;\"/>"
      "<x:numFmt numFmtId=\"177\" formatCode=\"0.00_);[Red]\\(0.00\\)\"/></x:numFmts>"
      "<x:cellXfs><x:xf numFmtId=\"0\"/><x:xf numFmtId=\"176\"/><x:xf numFmtId=\"177\"/><x:xf numFmtId=\"31\"/>"
      "<x:xf numFmtId=\"22\"/></x:cellXfs></x:styleSheet>";
  const std::string data =
      std::string("<x:worksheet xmlns:x=\"") + kMain +
      "\"><x:sheetData>"
      "<x:row r=\"2\"><x:c r=\"A2\" t=\"s\"><x:v>0</x:v></x:c><x:c r=\"C2\" t=\"s\"><x:v>1</x:v></x:c>"
      "<x:c r=\"D2\" t=\"s\"><x:v>2</x:v></x:c></x:row>"
      // No r attributes: cells and rows follow each other.
      "<x:row><x:c s=\"1\"><x:v>44257</x:v></x:c><x:c s=\"2\"><x:v>12.5</x:v></x:c>"
      "<x:c s=\"3\"><x:v>44258</x:v></x:c><x:c t=\"b\"><x:v>1</x:v></x:c></x:row>"
      "<x:row r=\"5\"><x:c r=\"B5\" s=\"4\"><x:v>44257.75</x:v></x:c>"
      "<x:c r=\"C5\" t=\"inlineStr\"><x:is><x:t>行内</x:t></x:is></x:c>"
      "<x:c r=\"D5\" t=\"s\"><x:v>99</x:v></x:c><x:c r=\"E5\" t=\"e\"><x:v>#N/A</x:v></x:c></x:row>"
      "</x:sheetData></x:worksheet>";
  const std::string path = write_zip(dir, "other.xlsx",
                                     {{"[Content_Types].xml", "<Types/>"},
                                      {"xl/workbook.xml", workbook("<sheet name=\"数据\" sheetId=\"3\" r:id=\"rId7\"/>",
                                                                   "<workbookPr date1904=\"1\"/>")},
                                      {"xl/_rels/workbook.xml.rels", rels},
                                      {"xl/strings.xml", strings},
                                      {"xl/styles.xml", styles},
                                      {"xl/worksheets/data.xml", data}});
  auto book = read_xlsx(path);
  ASSERT_TRUE(book.ok()) << book.error().message;
  ASSERT_EQ(book->size(), 1u);
  EXPECT_EQ((*book)[0].name, "数据");
  EXPECT_EQ((*book)[0].rows, (Rows{{},
                                   {"决定日期", "", "公示日期 ", "备注&说明"},
                                   {"2025-03-03", "12.5", "2025-03-04", "TRUE"},
                                   {},
                                   {"", "2025-03-03 18:00:00", "行内", "", "#N/A"}}));
}

TEST(ReadXlsx, BrokenAndHostileWorkbooks) {
  testing::TempDir dir;
  const std::string rels =
      "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
      "<Relationship Id=\"rId1\" Type=\"worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>";
  const auto book_with = [&](const std::string& name, const std::string& sheet) {
    return read_xlsx(write_zip(dir, name,
                               {{"xl/workbook.xml", workbook("<sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/>")},
                                {"xl/_rels/workbook.xml.rels", rels},
                                {"xl/worksheets/sheet1.xml", sheet}}));
  };
  // Malformed XML.
  auto book = book_with("bad.xlsx", "<worksheet><sheetData><row>");
  ASSERT_FALSE(book.ok());
  EXPECT_EQ(book.error().code, "XLSX_CORRUPT");
  EXPECT_NE(book.error().message.find("xl/worksheets/sheet1.xml"), std::string::npos);
  // A far-away row and a far-away column are cut, not allocated.
  book = book_with(
      "far.xlsx", sheet_xml("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>a</t></is></c>"
                            "<c r=\"XFD1\"><v>1</v></c></row><row r=\"1048576\"><c r=\"A1048576\"><v>2</v></c></row>"));
  ASSERT_TRUE(book.ok()) << book.error().message;
  EXPECT_EQ((*book)[0].rows, (Rows{{"a"}}));
  EXPECT_TRUE((*book)[0].truncated);
  // An entity expansion attempt: pugixml does not expand DTD entities.
  book = book_with("dtd.xlsx", "<!DOCTYPE x [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;\">]>" +
                                   sheet_xml("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>&b;</t></is></c></row>"));
  if (book.ok()) {
    ASSERT_EQ((*book)[0].rows.size(), 1u);
    EXPECT_LT((*book)[0].rows[0].size() == 1 ? (*book)[0].rows[0][0].size() : 0u, 40u);
  }
  // A part that inflates beyond the limit.
  TableLimits limits;
  limits.max_bytes = 1000;
  const std::string big = sheet_xml(std::string(5000, ' '));
  const std::string path = write_zip(dir, "big.xlsx",
                                     {{"xl/workbook.xml", workbook("<sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/>")},
                                      {"xl/_rels/workbook.xml.rels", rels},
                                      {"xl/worksheets/sheet1.xml", big}});
  book = read_xlsx(path, limits);
  ASSERT_FALSE(book.ok());
  EXPECT_EQ(book.error().code, "TABLE_TOO_LARGE");
  // The sheet part named in the workbook is missing.
  book = read_xlsx(write_zip(dir, "missing.xlsx",
                             {{"xl/workbook.xml", workbook("<sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/>")},
                              {"xl/_rels/workbook.xml.rels", rels}}));
  ASSERT_FALSE(book.ok());
  EXPECT_EQ(book.error().code, "XLSX_CORRUPT");
  // No sheets at all.
  book = read_xlsx(write_zip(dir, "empty.xlsx", {{"xl/workbook.xml", workbook("")}}));
  ASSERT_FALSE(book.ok());
  EXPECT_EQ(book.error().code, "XLSX_CORRUPT");
}

}  // namespace
}  // namespace evpack
