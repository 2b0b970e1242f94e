// The findings workbook of the sample archive, read back with the table reader.
#include "evpack/report/xlsx_report.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "evpack/adapters/table_reader.hpp"
#include "support/check_options.hpp"
#include "support/temp_dir.hpp"

namespace evpack {
namespace {

const CheckResult& sample() {
  static const CheckResult result = [] {
    auto r = run_check(evpack::testing::offline_check_options(evpack::testing::source_dir() + "/samples/青石县佐证材料"));
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
  EXPECT_EQ(findings.rows[0][6], "问题");
  EXPECT_EQ(findings.rows[0][7], "整改建议");
  // Worst first, as sorted by the check; numbers stay numbers.
  EXPECT_EQ(findings.rows[1][0], "1");
  EXPECT_EQ(findings.rows[1][1], severity_label_zh(r.findings[0].severity));
  EXPECT_EQ(findings.rows[1][6], r.findings[0].message);
  bool d6 = false;
  for (const auto& row : findings.rows) {
    if (row.size() > 9 && row[9] == "D6_MISSING_SEAL") {
      d6 = true;
      EXPECT_EQ(row[3], "1.3");
      EXPECT_NE(row[8].find("关于印发2025年全县交通运输工作要点的通知.pdf"), std::string::npos);
      EXPECT_FALSE(row[5].empty()) << "units of 1.3";
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

  // A to-do sheet per unit; each finding (above 提示) of an indicator is on the sheet of
  // every unit of that indicator.
  const Indicator* i13 = r.rules.find_indicator("1.3");
  ASSERT_TRUE(i13 && !i13->units.empty());
  for (const auto& unit : i13->units) {
    const TableSheet* todo = sheet_named(*sheets, "待办-" + unit);
    ASSERT_NE(todo, nullptr) << unit;
    EXPECT_EQ(todo->rows[0][4], "整改建议");
    const bool has = std::any_of(todo->rows.begin(), todo->rows.end(), [](const std::vector<std::string>& row) {
      return row.size() > 2 && row[2] == "1.3";
    });
    EXPECT_TRUE(has) << unit;
  }
  // The unmapped docx has no unit.
  const TableSheet* unassigned = sheet_named(*sheets, "待办-未指定科室");
  ASSERT_NE(unassigned, nullptr);
  const bool docx = std::any_of(unassigned->rows.begin(), unassigned->rows.end(), [](const std::vector<std::string>& row) {
    return row.size() > 6 && row[6] == "其他/杂项.docx";
  });
  EXPECT_TRUE(docx);
}

TEST(XlsxReport, SheetsHaveFiltersFrozenHeadersAndWrappedLongColumns) {
  const auto sheets = findings_sheets(sample());
  for (const auto& s : sheets) {
    EXPECT_TRUE(s.freeze_header) << s.name;
    EXPECT_TRUE(s.autofilter) << s.name;
    ASSERT_FALSE(s.columns.empty());
    for (const auto& c : s.columns) {
      if (c.header == "问题" || c.header == "整改建议") {
        EXPECT_TRUE(c.wrap);
        EXPECT_GE(c.width, 40);
      }
    }
  }
  // Info-only units get no to-do sheet; English headers with --lang en.
  const auto en = findings_sheets(sample(), ReportLang::En);
  EXPECT_EQ(en[0].name, "Findings");
  EXPECT_EQ(en[0].columns[6].header, "Finding");
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

}  // namespace
}  // namespace evpack
