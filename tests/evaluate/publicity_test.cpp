#include "evpack/evaluate/publicity.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>

#include "evpack/adapters/spreadsheet_writer.hpp"
#include "evpack/adapters/zip_archive.hpp"
#include "support/temp_dir.hpp"

namespace evpack {
namespace {

const WorkCalendar& calendar() {
  static const WorkCalendar c = [] {
    auto loaded = load_work_calendar(testing::source_dir() + "/rules/calendar/cn-holidays.yaml");
    EXPECT_TRUE(loaded.ok());
    return loaded.ok() ? loaded.value() : WorkCalendar{};
  }();
  return c;
}

std::vector<const Finding*> with_code(const PublicityResult& r, const std::string& code) {
  std::vector<const Finding*> out;
  for (const auto& f : r.findings) {
    if (f.code == code) out.push_back(&f);
  }
  return out;
}

TEST(ParseLedgerDate, UsualForms) {
  const CivilDate want{2025, 3, 3};
  for (const char* text :
       {"2025-03-03", "2025-3-3", "2025/3/3", "2025.3.3", "2025.03.03", "2025年3月3日", "2025年03月03日", "20250303",
        "3/3/2025", "2025-03-03 10:20:00", "2025/3/3 10:20", "2025-03-03T10:20", "２０２５－０３－０３", " 2025-03-03 ",
        "45719", "45719.4375", "二〇二五年三月三日"}) {
    EXPECT_EQ(parse_ledger_date(text), want) << text;
  }
  for (const char* text : {"", "无", "2025-02-30", "2025-03", "12345", "2025-03-03至2025-04-03", "1/2/3",
                           "青交罚字〔2025〕20号", "99999999"}) {
    EXPECT_EQ(parse_ledger_date(text), std::nullopt) << text;
  }
}

TEST(PublicityLedgerPath, ByNameAndExtension) {
  EXPECT_TRUE(is_publicity_ledger_path("04信用应用/双公示/2025年行政许可行政处罚双公示台账.xlsx"));
  EXPECT_TRUE(is_publicity_ledger_path("双公示/台账.CSV"));
  EXPECT_TRUE(is_publicity_ledger_path("4.3/行政处罚信息公示台账.xlsx"));
  EXPECT_FALSE(is_publicity_ledger_path("04信用应用/双公示/截图.png"));
  EXPECT_FALSE(is_publicity_ledger_path("04信用应用/双公示/说明.pdf"));
  EXPECT_FALSE(is_publicity_ledger_path("3.信息管理/信用修复台账.xlsx"));
}

// The sample archive's ledger against the generator's own verdicts
// (samples/青石县佐证材料.labels.json, computed independently in Python).
TEST(PublicityLedger, SampleArchiveMatchesTheLabels) {
  const std::string rel = "04信用应用/双公示/2025年行政许可行政处罚双公示台账.xlsx";
  PublicityOptions options;
  options.file = rel;
  const PublicityResult r =
      evaluate_publicity_ledger(testing::source_dir() + "/samples/青石县佐证材料/" + rel, calendar(), options);
  ASSERT_TRUE(r.columns_found);

  std::ifstream in(testing::source_dir() + "/samples/青石县佐证材料.labels.json");
  const nlohmann::json labels = nlohmann::json::parse(in);
  const nlohmann::json* rows = nullptr;
  for (const auto& file : labels["files"]) {
    if (file["path"] == rel) rows = &file["rows"];
  }
  ASSERT_NE(rows, nullptr);
  ASSERT_EQ(r.entries.size(), rows->size());
  int late = 0;
  for (std::size_t i = 0; i < rows->size(); ++i) {
    const auto& want = (*rows)[i];
    const PublicityEntry& e = r.entries[i];
    EXPECT_EQ(e.row, want["row"].get<int>() + 2);  // a title row and the header come first
    EXPECT_EQ(e.kind, want["category"].get<std::string>());
    ASSERT_TRUE(e.decision && e.published && e.deadline && e.working_days);
    EXPECT_EQ(e.decision->iso(), want["decision"].get<std::string>());
    EXPECT_EQ(e.published->iso(), want["published"].get<std::string>());
    EXPECT_EQ(e.deadline->iso(), want["deadline"].get<std::string>());
    EXPECT_EQ(*e.working_days, want["workdays"].get<int>()) << e.row;
    EXPECT_EQ(e.status == PublicityStatus::Late, want["late"].get<bool>()) << e.row;
    late += want["late"].get<bool>() ? 1 : 0;
  }
  EXPECT_EQ(r.summary.rows, 6);
  EXPECT_EQ(r.summary.late, late);
  EXPECT_EQ(r.summary.on_time, 6 - late);
  EXPECT_EQ(r.summary.unknown, 0);

  const auto findings = with_code(r, "D4_LATE_PUBLICITY");
  ASSERT_EQ(findings.size(), static_cast<std::size_t>(late));
  EXPECT_EQ(r.findings.size(), findings.size());
  const Finding& f = *findings[0];
  EXPECT_EQ(f.severity, Severity::Error);
  EXPECT_EQ(f.role, DeductionRole::PublicityDelay);
  EXPECT_EQ(f.file, rel);
  EXPECT_EQ(f.message,
            "第4行（青交罚字〔2025〕20号，行政处罚）：决定日期2025-04-25，公示日期2025-05-09，相隔8个工作日，"
            "超过“自作出行政决定之日起7个工作日内上网公开”的时限（最迟应于2025-05-08公示）");
}

TEST(PublicityLedger, GbkCsvWithTitleFooterAndProblems) {
  const std::string csv =
      "青石县交通运输局双公示信息报送台账（2025年）\n"
      "序号,行政许可决定书文号,许可/处罚,相对人名称,作出决定日期,许可有效期至,\"上网\n日期\",备注\n"
      "1,青交许字〔2025〕1号,许可,甲公司,2025年4月25日,2028年4月24日,2025年5月8日,\n"  // 劳动节; 7th day 05-08
      "2,青交许字〔2025〕2号,许可,乙公司,2025/4/25,2028/4/24,2025/5/9,\n"              // 8 working days
      "3,青交罚字〔2025〕3号,处罚,丙公司,2025-06-03,,,\n"                              // not published
      "4,青交罚字〔2025〕4号,处罚,丁公司,2025-06-31,,2025-07-01,\n"                    // no such date
      "5,青交罚字〔2025〕5号,处罚,戊公司,2025-07-10,,2025-07-01,\n"                    // before decision
      "序号,行政许可决定书文号,许可/处罚,相对人名称,作出决定日期,许可有效期至,上网日期,备注\n"  // repeated header
      ",,,,,,,\n"
      "填表人：张三,,,,审核人：李四,,,\n";
  testing::TempDir dir;
  const auto gbk = utf8_to_gbk(csv);
  ASSERT_TRUE(gbk);
  const auto path = dir.write("双公示台账.csv", *gbk);
  PublicityOptions options;
  options.file = "双公示台账.csv";
  const PublicityResult r = evaluate_publicity_ledger(path.string(), calendar(), options);
  ASSERT_TRUE(r.columns_found);
  EXPECT_EQ(r.summary.rows, 5);
  EXPECT_EQ(r.summary.on_time, 1);
  EXPECT_EQ(r.summary.late, 1);
  EXPECT_EQ(r.summary.incomplete, 3);
  ASSERT_EQ(r.entries.size(), 5u);
  EXPECT_EQ(r.entries[0].working_days, 7);
  EXPECT_EQ(r.entries[0].deadline, (CivilDate{2025, 5, 8}));
  EXPECT_EQ(r.entries[1].status, PublicityStatus::Late);
  EXPECT_EQ(r.entries[1].kind, "行政许可");
  EXPECT_EQ(r.entries[2].kind, "行政处罚");

  const auto late = with_code(r, "D4_LATE_PUBLICITY");
  ASSERT_EQ(late.size(), 1u);
  EXPECT_NE(late[0]->message.find("第4行（青交许字〔2025〕2号，行政许可）"), std::string::npos) << late[0]->message;
  EXPECT_NE(late[0]->message.find("相隔8个工作日"), std::string::npos);
  const auto missing = with_code(r, "D4_NOT_PUBLISHED");
  ASSERT_EQ(missing.size(), 1u);
  EXPECT_NE(missing[0]->message.find("第5行（青交罚字〔2025〕3号"), std::string::npos) << missing[0]->message;
  EXPECT_EQ(missing[0]->severity, Severity::Warning);
  const auto unreadable = with_code(r, "D4_DATE_UNREADABLE");
  ASSERT_EQ(unreadable.size(), 1u);
  EXPECT_NE(unreadable[0]->message.find("2025-06-31"), std::string::npos);
  ASSERT_EQ(with_code(r, "D4_DATE_ORDER").size(), 1u);
  EXPECT_EQ(r.findings.size(), 4u);  // the footer and the repeated header are no entries
  for (const auto& f : r.findings) EXPECT_EQ(f.file, "双公示台账.csv");
}

TEST(PublicityLedger, YearsWithoutCalendarDataAreReportedNotGuessed) {
  TableSheet sheet;
  sheet.rows = {{"文书号", "决定日期", "公示日期"}, {"A1", "2026-12-28", "2027-01-20"},  // needs 2027: unknown
                {"A2", "2027-03-01", "2027-03-30"},                                      // unknown
                {"A3", "2027-03-01", "2027-03-05"},   // 4 calendar days: on time whatever the calendar
                {"A4", "2026-12-01", "2027-01-05"},   // deadline 2026-12-10 is known: late
                {"A5", "2026-12-30", "2026-12-31"}};  // on time
  const PublicityResult r = evaluate_publicity_ledger(std::vector<TableSheet>{sheet}, calendar());
  EXPECT_EQ(r.summary.rows, 5);
  EXPECT_EQ(r.summary.unknown, 2);
  EXPECT_EQ(r.summary.on_time, 2);
  EXPECT_EQ(r.summary.late, 1);
  const auto unknown = with_code(r, "D4_CALENDAR_UNKNOWN");
  ASSERT_EQ(unknown.size(), 1u);
  EXPECT_EQ(unknown[0]->severity, Severity::Warning);
  EXPECT_NE(unknown[0]->message.find("没有2027年的节假日安排，第2行、第3行无法判断"), std::string::npos)
      << unknown[0]->message;
  const auto late = with_code(r, "D4_LATE_PUBLICITY");
  ASSERT_EQ(late.size(), 1u);
  EXPECT_NE(late[0]->message.find("晚于最迟公示日期"), std::string::npos) << late[0]->message;
  EXPECT_NE(late[0]->message.find("2026-12-10"), std::string::npos);

  // With no calendar at all, everything beyond 7 calendar days is unknown.
  const PublicityResult none = evaluate_publicity_ledger(std::vector<TableSheet>{sheet}, WorkCalendar{});
  EXPECT_EQ(none.summary.unknown, 3);
  EXPECT_EQ(none.summary.on_time, 2);
  EXPECT_EQ(with_code(none, "D4_CALENDAR_UNKNOWN").size(), 2u);  // 2026 (rows 2, 5) and 2027 (row 3)
  EXPECT_TRUE(with_code(none, "D4_LATE_PUBLICITY").empty());
}

TEST(PublicityLedger, SeveralSheetsWrittenByLibxlsxwriter) {
  testing::TempDir dir;
  // Dates as bare serial numbers (no date format), kinds only in the sheet names.
  Sheet permits{"行政许可", {{"许可文书号"}, {"许可决定日期"}, {"公开日期"}}, {}};
  permits.rows.push_back({std::string("青交许字〔2024〕9号"), 45558.0, 45580.0});  // 2024-09-23 -> 2024-10-15
  Sheet penalties{"行政处罚", {{"案号"}, {"处罚决定日期"}, {"公示时间"}}, {}};
  penalties.rows.push_back({std::string("青交罚〔2024〕3号"), std::string("2024-09-27"), std::string("2024-10-09")});
  Sheet notes{"说明", {{"填表说明"}}, {}};
  notes.rows.push_back({std::string("日期按年月日填写")});
  const std::string path = (dir.path() / "台账.xlsx").string();
  ASSERT_TRUE(write_xlsx(path, {permits, penalties, notes}).ok());

  const PublicityResult r = evaluate_publicity_ledger(path, calendar());
  ASSERT_TRUE(r.columns_found);
  ASSERT_EQ(r.entries.size(), 2u);
  EXPECT_EQ(r.entries[0].kind, "行政许可");
  EXPECT_EQ(r.entries[0].decision, (CivilDate{2024, 9, 23}));
  // 2024-09-23 (Mon) -> 10-15: 09-29 is a make-up Sunday, 10-01..07 holidays, 10-12 a make-up Saturday.
  EXPECT_EQ(r.entries[0].working_days, 13);
  EXPECT_EQ(r.entries[0].status, PublicityStatus::Late);
  EXPECT_EQ(r.entries[1].kind, "行政处罚");
  EXPECT_EQ(r.entries[1].working_days, 4);  // 09-29 (make-up Sunday), 09-30, 10-08, 10-09
  EXPECT_EQ(r.entries[1].status, PublicityStatus::OnTime);
  const auto late = with_code(r, "D4_LATE_PUBLICITY");
  ASSERT_EQ(late.size(), 1u);
  EXPECT_NE(late[0]->message.find("工作表“行政许可”第2行"), std::string::npos) << late[0]->message;
}

TEST(PublicityLedger, NoColumnsAndUnreadableFiles) {
  TableSheet sheet;
  sheet.rows = {{"序号", "名称", "日期"}, {"1", "x", "2025-01-01"}};
  PublicityResult r = evaluate_publicity_ledger(std::vector<TableSheet>{sheet}, calendar());
  EXPECT_FALSE(r.columns_found);
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(r.findings[0].code, "D4_LEDGER_COLUMNS");
  EXPECT_EQ(r.findings[0].severity, Severity::Warning);

  testing::TempDir dir;
  const auto xls = dir.write("双公示.xls", std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + std::string(100, '\0'));
  r = evaluate_publicity_ledger(xls.string(), calendar());
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(r.findings[0].code, "D4_LEDGER_UNREADABLE");
  EXPECT_NE(r.findings[0].message.find(".xlsx"), std::string::npos);
}

}  // namespace
}  // namespace evpack
