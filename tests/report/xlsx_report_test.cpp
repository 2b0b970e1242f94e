// The findings workbook of the sample archive, read back with the table reader.
#include "evpack/report/xlsx_report.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>

#include "evpack/adapters/table_reader.hpp"
#include "fakes/fake_inspectors.hpp"
#include "support/check_options.hpp"
#include "support/external_tool.hpp"
#include "support/temp_dir.hpp"

namespace evpack {
namespace {

// The sample checked with the fake inspectors (tests/fakes/: no PDF rendering, no EXIF),
// with the one defect the Excel report must carry planted: the work plan of 1.3 has no seal (D.6).
const CheckResult& sample() {
  static const CheckResult result = [] {
    evpack::testing::FakeInspectors fakes;
    fakes.document = [](const FileRecord& file) {
      Inspection in = evpack::testing::fake_document_inspection(file);
      if (file.file_name() == "关于印发2025年全县交通运输工作要点的通知.pdf")
        in.document->seal.state = Presence::Absent;
      return in;
    };
    auto r = run_check(
        evpack::testing::fake_check_options(evpack::testing::source_dir() + "/samples/青石县佐证材料", fakes));
    EXPECT_TRUE(r) << (r ? "" : r.error().message);
    return std::move(r).value();
  }();
  return result;
}

const TableSheet* sheet_named(const std::vector<TableSheet>& sheets, const std::string& name) {
  const auto it = std::find_if(sheets.begin(), sheets.end(), [&](const TableSheet& s) { return s.name == name; });
  return it == sheets.end() ? nullptr : &*it;
}

TEST(XlsxReport, FindingsScoresAndToDoPerUnitReadBack) {
  const CheckResult& r = sample();
  evpack::testing::TempDir dir;
  const std::string path = dir.str() + "/问题清单.xlsx";
  auto written = write_findings_xlsx(path, r);
  ASSERT_TRUE(written) << written.error().message;
  auto sheets = read_xlsx(path);
  ASSERT_TRUE(sheets) << sheets.error().message;

  ASSERT_GE(sheets->size(), 3u);
  EXPECT_EQ((*sheets)[0].name, "问题清单");
  EXPECT_EQ((*sheets)[1].name, "得分估算");
  const TableSheet& findings = (*sheets)[0];
  ASSERT_EQ(findings.rows.size(), r.findings.size() + 1);
  EXPECT_EQ(findings.rows[0][0], "序号");
  EXPECT_EQ(findings.rows[0][5], "牵头科室");
  EXPECT_EQ(findings.rows[0][6], "配合科室");
  EXPECT_EQ(findings.rows[0][7], "问题名称");
  EXPECT_EQ(findings.rows[0][8], "问题说明");
  EXPECT_EQ(findings.rows[0][9], "整改建议");
  EXPECT_EQ(findings.rows[0].back(), "代码");
  // Worst first, as sorted by the check; numbers stay numbers.
  EXPECT_EQ(findings.rows[1][0], "1");
  EXPECT_EQ(findings.rows[1][1], severity_label_zh(r.findings[0].severity));
  EXPECT_EQ(findings.rows[1][8], r.findings[0].message);
  bool d6 = false;
  for (const auto& row : findings.rows) {
    if (row.size() > 11 && row[11] == "D6_MISSING_SEAL") {
      d6 = true;
      EXPECT_EQ(row[3], "1.3");
      EXPECT_EQ(row[7], "公文缺少公章");
      EXPECT_NE(row[10].find("关于印发2025年全县交通运输工作要点的通知.pdf"), std::string::npos);
      EXPECT_EQ(row[5], r.rules.find_indicator("1.3")->units.front()) << "the lead unit of 1.3";
    }
  }
  EXPECT_TRUE(d6);

  // Scores: one row per indicator and bonus, then a blank row and the total.
  const TableSheet& scores = (*sheets)[1];
  ASSERT_EQ(scores.rows.size(), 1 + r.evaluation.indicators.size() + r.evaluation.bonuses.size() + 2);
  EXPECT_EQ(scores.rows[1][0], r.evaluation.indicators[0].id);
  const auto& total = scores.rows.back();
  EXPECT_EQ(total[0], "合计");
  EXPECT_EQ(std::stod(total[3]), r.evaluation.totals.total);

  // A to-do sheet per unit; each finding (above 提示) of an indicator is on the sheet of its
  // lead unit only (the first the rule file lists), the others named as 配合.
  const Indicator* i13 = r.rules.find_indicator("1.3");
  ASSERT_TRUE(i13 && i13->units.size() >= 2);
  for (const auto& unit : i13->units) {
    const TableSheet* todo = sheet_named(*sheets, "待办-" + unit);
    if (todo == nullptr) continue;  // a unit that leads nothing has no sheet
    EXPECT_EQ(todo->rows[0][5], "整改建议");
    const auto row13 = std::find_if(todo->rows.begin(), todo->rows.end(), [](const std::vector<std::string>& row) {
      return row.size() > 2 && row[2] == "1.3";
    });
    EXPECT_EQ(row13 != todo->rows.end(), unit == i13->units.front()) << unit;
    if (row13 != todo->rows.end()) {
      EXPECT_NE((*row13)[8].find(i13->units[1]), std::string::npos) << "配合";
    }
  }
  // The unmapped docx maps to no indicator: its D.5 finding goes to the units the rule file
  // names for D.5 (whoever assembles the materials), not to 未指定科室.
  const std::string d5_lead = r.rules.find_deduction("D.5")->units.at(0);
  const TableSheet* d5 = sheet_named(*sheets, "待办-" + d5_lead);
  ASSERT_NE(d5, nullptr);
  const bool docx = std::any_of(d5->rows.begin(), d5->rows.end(), [](const std::vector<std::string>& row) {
    return row.size() > 7 && row[7] == "其他/杂项.docx";
  });
  EXPECT_TRUE(docx);
  EXPECT_EQ(sheet_named(*sheets, "待办-未指定科室"), nullptr) << "every finding of the sample has a unit";
}

TEST(XlsxReport, SheetsHaveFiltersFrozenHeadersAndWrappedLongColumns) {
  const auto sheets = findings_sheets(sample());
  for (const auto& s : sheets) {
    EXPECT_TRUE(s.freeze_header) << s.name;
    EXPECT_TRUE(s.autofilter) << s.name;
    ASSERT_FALSE(s.columns.empty());
    for (const auto& c : s.columns) {
      if (c.header == "问题说明" || c.header == "整改建议") {
        EXPECT_TRUE(c.wrap);
        EXPECT_GE(c.width, 40);
      }
    }
  }
  // Info-only units get no to-do sheet; English headers with --lang en.
  const auto en = findings_sheets(sample(), ReportLang::En);
  EXPECT_EQ(en[0].name, "Findings");
  EXPECT_EQ(en[0].columns[7].header, "Finding");
  EXPECT_EQ(en.back().name.rfind("To-do ", 0), 0u);
}

TEST(XlsxReport, IsByteIdenticalFromRunToRun) {
  evpack::testing::TempDir dir;
  ASSERT_TRUE(write_findings_xlsx(dir.str() + "/a.xlsx", sample()));
  ASSERT_TRUE(write_findings_xlsx(dir.str() + "/b.xlsx", sample()));
  std::ifstream a(dir.path() / "a.xlsx", std::ios::binary), b(dir.path() / "b.xlsx", std::ios::binary);
  const std::string sa((std::istreambuf_iterator<char>(a)), {}), sb((std::istreambuf_iterator<char>(b)), {});
  EXPECT_GT(sa.size(), 5000u);
  EXPECT_EQ(sa, sb);
}

// Each finding above 提示 is on exactly one to-do sheet, its lead unit's; D.4 findings go to
// the units the rule file names for D.4, not to 未指定科室.
TEST(XlsxReport, ToDoRowsEqualFindingsOncePerLeadUnit) {
  const CheckResult& r = sample();
  const auto sheets = findings_sheets(r);
  std::size_t todo_rows = 0;
  std::size_t manual_rows = 0;
  std::multiset<std::string> listed;
  for (const auto& s : sheets) {
    if (s.name.rfind("待办-", 0) != 0) continue;
    for (const auto& row : s.rows) {
      const auto* severity = std::get_if<std::string>(&row[1]);
      if (severity && *severity == "人工核查") {
        ++manual_rows;
        continue;
      }
      ++todo_rows;
      const auto* code = std::get_if<std::string>(&row.back());
      const auto* message = std::get_if<std::string>(&row[6]);
      ASSERT_TRUE(code && message);
      listed.insert(*code + "|" + *message);
    }
  }
  std::size_t above_info = 0;
  std::size_t manual = 0;
  std::multiset<std::string> expected;
  for (const auto& f : r.findings) {
    if (f.severity == Severity::Info) continue;
    ++above_info;
    expected.insert(f.code + "|" + f.message);
  }
  for (const auto& i : r.evaluation.indicators) manual += i.manual_checks.size();
  EXPECT_EQ(todo_rows, above_info);
  EXPECT_EQ(listed, expected);
  EXPECT_EQ(manual_rows, manual);
  for (const auto& f : r.findings) {
    if (f.rule != "D.4" || !f.indicator.empty()) continue;
    EXPECT_EQ(lead_unit(r, f), r.rules.find_deduction("D.4")->units.front()) << f.message;
  }
}

// Printed on A4 landscape, all columns on one page width, the header row on every page.
TEST(XlsxReport, PageSetUpIsA4LandscapeFitToWidthWithRepeatedHeader) {
  evpack::testing::TempDir dir;
  const std::string path = dir.str() + "/问题清单.xlsx";
  ASSERT_TRUE(write_findings_xlsx(path, sample()));
  const std::string out = dir.str() + "/x";
  ASSERT_EQ(std::system(("unzip -q -o '" + path + "' -d '" + out + "'").c_str()), 0);
  auto read = [](const std::string& p) {
    std::ifstream in(p);
    return std::string((std::istreambuf_iterator<char>(in)), {});
  };
  const std::string sheet1 = read(out + "/xl/worksheets/sheet1.xml");
  EXPECT_NE(sheet1.find("<pageSetUpPr fitToPage=\"1\"/>"), std::string::npos) << sheet1.substr(0, 600);
  EXPECT_NE(sheet1.find("paperSize=\"9\""), std::string::npos);
  EXPECT_NE(sheet1.find("orientation=\"landscape\""), std::string::npos);
  EXPECT_NE(sheet1.find("fitToHeight=\"0\""), std::string::npos);
  const std::string workbook = read(out + "/xl/workbook.xml");
  EXPECT_NE(workbook.find("_xlnm.Print_Titles"), std::string::npos);
}

// Printed through LibreOffice, every page is A4 landscape and shows the first and the last
// column header of its sheet: each sheet fits the page width and repeats its header row.
TEST(XlsxReportPrint, EverySheetFitsA4LandscapeWidthInLibreOffice) {
  if (!evpack::testing::tool_available("soffice") || !evpack::testing::tool_available("pdftotext")) {
    GTEST_SKIP() << "LibreOffice or poppler-utils missing (tools/deps.sh installs them)";
  }
  using evpack::testing::run_command;
  using evpack::testing::shell_quote;
  evpack::testing::TempDir dir;
  const std::string xlsx = dir.str() + "/问题清单.xlsx";
  ASSERT_TRUE(write_findings_xlsx(xlsx, sample()));
  const auto converted =
      run_command("HOME=" + shell_quote(dir.str()) + " soffice --headless --convert-to pdf --outdir " +
                  shell_quote(dir.str()) + " " + shell_quote(xlsx));
  const std::string pdf = dir.str() + "/问题清单.pdf";
  ASSERT_TRUE(std::filesystem::exists(pdf)) << converted.output;
  const auto info = run_command("pdfinfo -f 1 -l 1000 " + shell_quote(pdf));
  const std::regex page_size("Page +([0-9]+) size: +([0-9.]+) x ([0-9.]+) pts");
  int pages = 0;
  for (auto it = std::sregex_iterator(info.output.begin(), info.output.end(), page_size); it != std::sregex_iterator();
       ++it) {
    ++pages;
    EXPECT_NEAR(std::stod((*it)[2].str()), 841.89, 1) << "A4 landscape width";
    EXPECT_NEAR(std::stod((*it)[3].str()), 595.28, 1) << "A4 landscape height";
  }
  const auto sheets = findings_sheets(sample());
  ASSERT_GT(pages, 0) << info.output;
  EXPECT_LE(pages, static_cast<int>(sheets.size()) * 3) << "one column a page would print dozens";
  for (int p = 1; p <= pages; ++p) {
    const auto text =
        run_command("pdftotext -f " + std::to_string(p) + " -l " + std::to_string(p) + " " + shell_quote(pdf) + " -");
    const bool whole_header = std::any_of(sheets.begin(), sheets.end(), [&](const Sheet& s) {
      return text.output.find(s.columns.front().header) != std::string::npos &&
             text.output.find(s.columns.back().header) != std::string::npos;
    });
    EXPECT_TRUE(whole_header) << "page " << p << ":\n" << text.output.substr(0, 400);
  }
}

}  // namespace
}  // namespace evpack
