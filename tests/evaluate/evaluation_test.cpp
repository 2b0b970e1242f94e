#include "evpack/evaluate/evaluation.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "support/rule_fixture.hpp"

namespace evpack {
namespace {

Verdict present() { return {Presence::Present, 0.9, ""}; }
Verdict absent(std::string why = "") { return {Presence::Absent, 0.9, std::move(why)}; }

class EvaluationTest : public ::testing::Test {
 protected:
  RuleSet rules = testing::small_rule_set();
  std::vector<Evidence> evidence;
  EvaluateOptions options{2025, CivilDate{2026, 1, 20}};

  Evidence& add(const std::string& path, ContentKind kind, const std::string& sha = "") {
    Evidence e;
    e.file.rel_path = path;
    e.file.kind = kind;
    e.file.size = 100;
    e.file.sha256 = sha.empty() ? "hash-" + path : sha;
    e.inspection.kind = kind;
    e.placement = map_file(rules, e.file);
    evidence.push_back(std::move(e));
    return evidence.back();
  }

  Evidence& add_document(const std::string& path, CivilDate date, bool header = true, bool number = true,
                         bool seal = true, const std::string& text = "") {
    Evidence& e = add(path, ContentKind::Pdf);
    DocumentFacts doc;
    doc.letterhead = header ? present() : absent();
    doc.number = number ? present() : absent("只有正文中引用的文号");
    doc.seal = seal ? present() : absent();
    if (number) doc.own_number = DocNumber{"青交字〔2025〕3号", "青交字", 2025, 3, {}};
    doc.issue_date = date;
    e.inspection.document = doc;
    e.inspection.text = text;
    e.inspection.date = {Timestamp{date}, DateSource::DocumentDate};
    return e;
  }

  Evidence& add_photo(const std::string& path, Timestamp when, bool watermark = true) {
    Evidence& e = add(path, ContentKind::Jpeg);
    PhotoFacts photo;
    photo.watermark = watermark ? present() : absent();
    if (watermark)
      photo.watermark_time = when;
    else
      photo.exif_time = when;
    e.inspection.photo = photo;
    e.inspection.date = {when, watermark ? DateSource::Watermark : DateSource::Exif};
    return e;
  }

  Evidence& add_screenshot(const std::string& path, CivilDate published) {
    Evidence& e = add(path, ContentKind::Png);
    PhotoFacts photo;
    photo.screenshot = true;
    e.inspection.photo = photo;
    e.inspection.date = {Timestamp{published}, DateSource::Published};
    return e;
  }

  Evaluation run() { return evaluate(rules, evidence, options); }

  static const IndicatorResult& indicator(const Evaluation& ev, const std::string& id) {
    const auto it =
        std::find_if(ev.indicators.begin(), ev.indicators.end(), [&](const IndicatorResult& r) { return r.id == id; });
    EXPECT_NE(it, ev.indicators.end()) << id;
    return *it;
  }

  static int count(const Evaluation& ev, const std::string& code) {
    return static_cast<int>(
        std::count_if(ev.findings.begin(), ev.findings.end(), [&](const Finding& f) { return f.code == code; }));
  }
};

TEST_F(EvaluationTest, CompleteFoundingDocumentScoresBothSubItems) {
  add_document("01制度建设/1.1领导小组/关于成立领导小组的通知.pdf", {2025, 3, 5}, true, true, true,
               "成立领导小组……领导小组下设办公室，工作人员2名");
  const Evaluation ev = run();
  const auto& r = indicator(ev, "1.1");
  EXPECT_DOUBLE_EQ(r.points, 3);
  EXPECT_TRUE(r.zeroed_by.empty());
  EXPECT_EQ(r.sub_items_met.size(), 2u);
}

TEST_F(EvaluationTest, MissingSealZeroesTheIndicatorAndNamesTheFile) {
  add_document("01制度建设/1.3工作要点/年度工作要点.pdf", {2025, 2, 1}, true, true, false);
  const Evaluation ev = run();
  const auto& r = indicator(ev, "1.3");
  EXPECT_DOUBLE_EQ(r.points, 0);
  EXPECT_DOUBLE_EQ(r.points_if_fixed, 2);
  ASSERT_EQ(r.zeroed_by.size(), 1u);
  EXPECT_EQ(r.zeroed_by[0].rule, "D.6");
  EXPECT_EQ(r.zeroed_by[0].file, "01制度建设/1.3工作要点/年度工作要点.pdf");
  EXPECT_NE(r.zeroed_by[0].message.find("公章"), std::string::npos);
  EXPECT_EQ(count(ev, "D6_MISSING_SEAL"), 1);
}

TEST_F(EvaluationTest, CannotVerifyIsARiskNotAZero) {
  Evidence& e = add_document("01制度建设/1.3工作要点/扫描件.pdf", {2025, 2, 1});
  e.inspection.document->seal = {Presence::CannotVerify, 0.5, "黑白扫描件无法判断颜色"};
  const Evaluation ev = run();
  EXPECT_DOUBLE_EQ(indicator(ev, "1.3").points, 2);
  EXPECT_EQ(count(ev, "D6_CANNOT_VERIFY"), 1);
}

// 4.4 asks for query screenshots showing 查询时间, 事项, 主体 and 结果: a capture
// read well enough to show three of them lacks the fourth and earns no point (the
// external archive's 信用查询截图3.png); one read badly (one field or none) is
// left to the reviewer and counts.
TEST_F(EvaluationTest, AQueryScreenshotLackingAFieldDoesNotCountButOneReadBadlyDoes) {
  Indicator i44 = testing::make_indicator("4.4", "4", "信用查询应用", ScoringMode::PerItem, 1, 3, {"信用查询"});
  i44.evidence = {EvidenceKind::Screenshot};
  rules.indicators.push_back(i44);
  const std::vector<std::string> all{"查询时间", "查询事项", "主体名称", "查询结果"};
  add_screenshot("04信用应用/4.4信用查询/信用查询截图1.png", {2025, 5, 6}).inspection.photo->query_fields = all;
  add_screenshot("04信用应用/4.4信用查询/信用查询截图2.png", {2025, 6, 6}).inspection.photo->query_fields = {
      "查询事项", "主体名称", "查询结果"};
  add_screenshot("04信用应用/4.4信用查询/信用查询截图3.png", {2025, 7, 6}).inspection.photo->query_fields = {
      "查询结果"};
  const Evaluation ev = run();
  const auto& r = indicator(ev, "4.4");
  EXPECT_DOUBLE_EQ(r.points, 2);
  EXPECT_DOUBLE_EQ(r.points_if_fixed, 3);
  EXPECT_NE(r.reason.find("缺少查询四要素"), std::string::npos) << r.reason;
}

TEST_F(EvaluationTest, QuartersAreCountedAndGapsNamed) {
  add_photo("01制度建设/1.4季度会议/2025年第一季度/会议.jpg", {{2025, 3, 18}, 9, 30});
  add_photo("01制度建设/1.4季度会议/2025年第二季度/会议.jpg", {{2025, 6, 2}, 15, 0});
  add_photo("01制度建设/1.4季度会议/2025年第三季度/会议.jpg", {{2025, 9, 9}, 10, 0});
  const Evaluation ev = run();
  const auto& r = indicator(ev, "1.4");
  EXPECT_DOUBLE_EQ(r.points, 3);
  EXPECT_EQ(r.quarters_covered, (std::vector<int>{1, 2, 3}));
  const auto gap = std::find_if(ev.findings.begin(), ev.findings.end(),
                                [](const Finding& f) { return f.code == "PERIOD_GAP" && f.indicator == "1.4"; });
  ASSERT_NE(gap, ev.findings.end());
  EXPECT_NE(gap->message.find("第四季度"), std::string::npos);
}

// A meeting notice without its seal, filed under 1.4 (scored by photos, no D.6):
// the indicator keeps its points, but the clerk is told (issue 23: it got no
// finding at all).
TEST_F(EvaluationTest, AnUnsealedNoticeUnderAPhotoIndicatorIsAWarningNotAZero) {
  add_photo("01制度建设/1.4季度会议/2025年第一季度/会议.jpg", {{2025, 3, 18}, 9, 30});
  add_document("01制度建设/1.4季度会议/2025年第一季度/关于召开季度会议的通知.pdf", {2025, 3, 12}, true, true, false);
  const Evaluation ev = run();
  EXPECT_DOUBLE_EQ(indicator(ev, "1.4").points, 1);
  EXPECT_TRUE(indicator(ev, "1.4").zeroed_by.empty());
  const auto warn = std::find_if(ev.findings.begin(), ev.findings.end(),
                                 [](const Finding& f) { return f.code == "DOC_FORMAL_MARK_MISSING"; });
  ASSERT_NE(warn, ev.findings.end());
  EXPECT_EQ(warn->severity, Severity::Warning);
  EXPECT_EQ(warn->indicator, "1.4");
  EXPECT_NE(warn->message.find("公章"), std::string::npos);
  EXPECT_EQ(count(ev, "D6_MISSING_SEAL"), 0);
}

TEST_F(EvaluationTest, QuartersNotYetDueAreNoGaps) {
  options.as_of = {2025, 8, 1};
  add_photo("01制度建设/1.4季度会议/2025年第一季度/会议.jpg", {{2025, 3, 18}, 9, 30});
  add_photo("01制度建设/1.4季度会议/2025年第二季度/会议.jpg", {{2025, 6, 2}, 15, 0});
  const Evaluation ev = run();
  EXPECT_EQ(count(ev, "PERIOD_GAP"), 0);
}

TEST_F(EvaluationTest, PhotoWithoutWatermarkZeroesUnderD7) {
  add_photo("二 联动机制/2.1市局对接/2025年第一季度/对接.jpg", {{2025, 2, 10}, 9, 0});
  add_photo("二 联动机制/2.1市局对接/2025年第二季度/对接.jpg", {{2025, 5, 10}, 9, 0}, false);
  const Evaluation ev = run();
  const auto& r = indicator(ev, "2.1");
  EXPECT_DOUBLE_EQ(r.points, 0);
  EXPECT_DOUBLE_EQ(r.points_if_fixed, 2);
  ASSERT_FALSE(r.zeroed_by.empty());
  EXPECT_EQ(r.zeroed_by[0].rule, "D.7");
  EXPECT_EQ(r.zeroed_by[0].file, "二 联动机制/2.1市局对接/2025年第二季度/对接.jpg");
}

TEST_F(EvaluationTest, NewsItemsCapAtTwoPerQuarterAndCannotBeBackfilled) {
  add_screenshot("3.信息管理/3.1信息报送/2025年第一季度/a.png", {2025, 1, 10});
  add_screenshot("3.信息管理/3.1信息报送/2025年第一季度/b.png", {2025, 2, 10});
  add_screenshot("3.信息管理/3.1信息报送/2025年第一季度/c.png", {2025, 3, 10});
  add_screenshot("3.信息管理/3.1信息报送/2025年第一季度/d.png", {2025, 4, 10});  // published in Q2
  const Evaluation ev = run();
  const auto& r = indicator(ev, "3.1");
  EXPECT_DOUBLE_EQ(r.points, 3);  // Q1: 2 (capped), Q2: 1
  EXPECT_EQ(r.quarters_covered, (std::vector<int>{1, 2}));
  EXPECT_EQ(count(ev, "NO_BACKFILL"), 1);
}

TEST_F(EvaluationTest, ItemsCountedUnder53DoNotCountUnder31) {
  add_screenshot("3.信息管理/3.1信息报送/2025年第一季度/a.png", {2025, 1, 10}).file.sha256 = "same";
  add_screenshot("五、诚信宣传/5.3一把手谈信用/a.png", {2025, 1, 10}).file.sha256 = "same";
  const Evaluation ev = run();
  EXPECT_DOUBLE_EQ(indicator(ev, "3.1").points, 0);
  EXPECT_DOUBLE_EQ(indicator(ev, "5.3").points, 2);  // once: the full cap
}

TEST_F(EvaluationTest, MonthlyReportsAfterTheDeadlineDoNotCount) {
  add_document("五、诚信宣传/5.4典型案例/1月报送.pdf", {2025, 1, 10}, false, false, false);
  add_document("五、诚信宣传/5.4典型案例/2月报送.pdf", {2025, 2, 14}, false, false, false);
  add_document("五、诚信宣传/5.4典型案例/3月报送.pdf", {2025, 3, 20}, false, false, false);
  const Evaluation ev = run();
  const auto& r = indicator(ev, "5.4");
  EXPECT_DOUBLE_EQ(r.points, 4);
  EXPECT_EQ(r.months_covered, (std::vector<int>{1, 2}));
  EXPECT_EQ(r.months_late, (std::vector<int>{3}));
  EXPECT_EQ(count(ev, "MONTH_LATE"), 1);
}

TEST_F(EvaluationTest, DistinctDomainsScoreSeparately) {
  add_document("四、信用应用/4.2信用评价/机动车维修/评价办法.pdf", {2025, 4, 1});
  add_document("四、信用应用/4.2信用评价/驾驶员培训/评价办法.pdf", {2025, 4, 2});
  add_document("四、信用应用/4.2信用评价/机动车维修/评价结果.pdf", {2025, 5, 1});
  const Evaluation ev = run();
  const auto& r = indicator(ev, "4.2");
  EXPECT_DOUBLE_EQ(r.points, 4);
  EXPECT_EQ(r.domains_covered.size(), 2u);
}

TEST_F(EvaluationTest, EventFoldersAreItems) {
  add_photo("五、诚信宣传/5.2主题活动/诚信春运/1.jpg", {{2025, 1, 20}, 9, 0});
  add_photo("五、诚信宣传/5.2主题活动/诚信春运/2.jpg", {{2025, 1, 20}, 9, 5});
  add_photo("五、诚信宣传/5.2主题活动/诚信建设万里行/1.jpg", {{2025, 6, 20}, 9, 0});
  const Evaluation ev = run();
  EXPECT_DOUBLE_EQ(indicator(ev, "5.2").points, 3);
}

TEST_F(EvaluationTest, UnmetConditionZeroesWithReason) {
  add_document("01制度建设/1.2工作方案/创建工作方案.pdf", {2025, 3, 1});
  Evaluation ev = run();
  EXPECT_DOUBLE_EQ(indicator(ev, "1.2").points, 0);
  EXPECT_EQ(indicator(ev, "1.2").zeroed_by[0].rule, "gov_site");
  // People read the condition's Chinese label, never its id (the JSON keeps the id).
  EXPECT_NE(indicator(ev, "1.2").reason.find("被条件“政府网站公开”扣为0分"), std::string::npos)
      << indicator(ev, "1.2").reason;
  EXPECT_EQ(indicator(ev, "1.2").reason.find("gov_site"), std::string::npos);

  add_screenshot("01制度建设/1.2工作方案/县政府网站公开截图.png", {2025, 3, 8});
  ev = run();
  EXPECT_DOUBLE_EQ(indicator(ev, "1.2").points, 4);
}

TEST_F(EvaluationTest, LooseAndUnmappedFilesCostD5) {
  add("杂项.docx", ContentKind::Docx);
  add("其他/笔记.txt", ContentKind::Text);
  const Evaluation ev = run();
  EXPECT_EQ(count(ev, "D5_LOOSE_FILE"), 1);
  EXPECT_EQ(count(ev, "D5_UNMAPPED"), 1);
  const auto d5 =
      std::find_if(ev.deductions.begin(), ev.deductions.end(), [](const DeductionResult& d) { return d.id == "D.5"; });
  ASSERT_NE(d5, ev.deductions.end());
  EXPECT_DOUBLE_EQ(d5->points, 3);
  EXPECT_DOUBLE_EQ(ev.totals.deductions, 3);
}

// Findings name a role; the rule set's deduction for that role gives the id they show
// and the deduction they count in, whatever its numbering.
TEST_F(EvaluationTest, FindingsShowTheIdOfTheDeductionTheRuleSetGivesTheirRole) {
  for (auto& d : rules.deductions) {
    if (d.role == DeductionRole::ArchiveOrder) d.id = "K.9";
  }
  add("随手放的.pdf", ContentKind::Pdf);
  Evidence& empty = add("1.2 创建工作方案/空文件.pdf", ContentKind::Empty);
  empty.inspection.findings.push_back(
      {"FILE_EMPTY", Severity::Warning, "", empty.file.rel_path, "", "空文件", "", DeductionRole::ArchiveOrder});
  const Evaluation ev = run();
  const auto loose =
      std::find_if(ev.findings.begin(), ev.findings.end(), [](const Finding& f) { return f.code == "D5_LOOSE_FILE"; });
  ASSERT_NE(loose, ev.findings.end());
  EXPECT_EQ(loose->rule, "K.9");
  EXPECT_EQ(loose->role, DeductionRole::ArchiveOrder);
  const auto k9 =
      std::find_if(ev.deductions.begin(), ev.deductions.end(), [](const DeductionResult& d) { return d.id == "K.9"; });
  ASSERT_NE(k9, ev.deductions.end());
  EXPECT_EQ(k9->occurrences, 2);  // the loose file and the inspector's empty file
  EXPECT_DOUBLE_EQ(k9->points, 3);

  std::vector<Finding> shown = evidence.back().inspection.findings;
  name_deductions(rules, shown);
  EXPECT_EQ(shown.front().rule, "K.9");
}

TEST_F(EvaluationTest, AFindingWhoseRoleTheRuleSetLacksNamesNoDeduction) {
  std::erase_if(rules.deductions, [](const Deduction& d) { return d.role == DeductionRole::ArchiveOrder; });
  add("随手放的.pdf", ContentKind::Pdf);
  const Evaluation ev = run();
  const auto loose =
      std::find_if(ev.findings.begin(), ev.findings.end(), [](const Finding& f) { return f.code == "D5_LOOSE_FILE"; });
  ASSERT_NE(loose, ev.findings.end());
  EXPECT_EQ(loose->rule, "");
  EXPECT_DOUBLE_EQ(ev.totals.deductions, 0);
}

TEST_F(EvaluationTest, ZeroingFollowsTheRoleNotTheId) {
  // The document-form deduction renumbered: indicators that list its new id still zero.
  for (auto& d : rules.deductions) {
    if (d.role == DeductionRole::DocumentForm) d.id = "Z.1";
  }
  for (auto& ind : rules.indicators)
    std::replace(ind.zero_rules.begin(), ind.zero_rules.end(), std::string("D.6"), std::string("Z.1"));
  add_document("01制度建设/1.3工作要点/年度工作要点.pdf", {2025, 2, 1}, true, true, false);
  const Evaluation ev = run();
  const IndicatorResult& r = indicator(ev, "1.3");
  EXPECT_DOUBLE_EQ(r.points, 0);
  ASSERT_FALSE(r.zeroed_by.empty());
  EXPECT_EQ(r.zeroed_by.front().rule, "Z.1");
}

// Which documents the document-form deduction speaks of is rule data (formal_keywords,
// informal_keywords of that deduction), not a list in the code.
TEST_F(EvaluationTest, WhichDocumentsAreFormalComesFromTheRuleFile) {
  add_document("01制度建设/1.3工作要点/工作台账.pdf", {2025, 2, 1}, true, false, false);
  EXPECT_EQ(count(run(), "D6_MISSING_SEAL"), 0);  // a 台账 is no formal document
  for (auto& d : rules.deductions) std::erase(d.informal_keywords, std::string("台账"));
  EXPECT_EQ(count(run(), "D6_MISSING_SEAL"), 1);
  for (auto& d : rules.deductions) d.formal_keywords.push_back("台账");
  for (auto& d : rules.deductions) d.informal_keywords.push_back("台账");
  EXPECT_EQ(count(run(), "D6_MISSING_SEAL"), 1);  // a formal word wins over an informal one
}

TEST_F(EvaluationTest, SameFileUnderTwoIndicatorsIsAD1Risk) {
  add_document("01制度建设/1.3工作要点/要点.pdf", {2025, 2, 1}).file.sha256 = "dup";
  add_document("二 联动机制/2.1市局对接/要点.pdf", {2025, 2, 1}).file.sha256 = "dup";
  const Evaluation ev = run();
  EXPECT_EQ(count(ev, "D1_DUPLICATE_ACROSS_INDICATORS"), 2);
  EXPECT_EQ(ev.totals.d1_risks, 2);
}

TEST_F(EvaluationTest, WatermarkDaysFromExifIsOneD1SignalNotTwo) {
  Evidence& a = add_photo("二 联动机制/2.1市局对接/2025年第一季度/对接.jpg", {{2025, 3, 10}, 9, 0});
  a.inspection.photo->exif_time = Timestamp{{2025, 1, 2}, 9, 12};
  Evidence& b = add_photo("二 联动机制/2.1市局对接/2025年第二季度/对接.jpg", {{2025, 5, 10}, 9, 0});
  b.inspection.photo->exif_time = Timestamp{{2025, 4, 2}, 9, 12};
  // The photo inspector has already reported the second one.
  b.inspection.findings.push_back(
      {"WATERMARK_EXIF_MISMATCH", Severity::Error, "", b.file.rel_path, "", "…", "", DeductionRole::Fabrication});
  const Evaluation ev = run();
  EXPECT_EQ(count(ev, "D1_WATERMARK_EXIF_MISMATCH"), 1);
  const bool first = std::any_of(ev.findings.begin(), ev.findings.end(), [&](const Finding& f) {
    return f.code == "D1_WATERMARK_EXIF_MISMATCH" && f.file == evidence[0].file.rel_path;
  });
  EXPECT_TRUE(first);
}

TEST_F(EvaluationTest, FutureDatesAreFatal) {
  add_photo("01制度建设/1.4季度会议/2025年第四季度/会议.jpg", {{2026, 3, 1}, 9, 0});
  const Evaluation ev = run();
  ASSERT_EQ(count(ev, "DATE_IN_FUTURE"), 1);
  EXPECT_EQ(ev.findings.front().severity, Severity::Fatal);
}

// A watermark reading that was not confirmed (one OCR reading, readings that
// disagree) raises no D.1 signal: a misread year (2032) or a misread day must not
// become a fabrication alarm. The future date is a doubt about the reading.
TEST_F(EvaluationTest, AnUnconfirmedWatermarkRaisesNoD1Signal) {
  Evidence& future = add_photo("01制度建设/1.4季度会议/2025年第四季度/会议.jpg", {{2032, 3, 1}, 9, 0});
  future.inspection.photo->watermark = Verdict{Presence::CannotVerify, 0.5, "两次识别结果不一致"};
  Evidence& apart = add_photo("二 联动机制/2.1市局对接/2025年第一季度/对接.jpg", {{2025, 3, 10}, 9, 0});
  apart.inspection.photo->watermark = Verdict{Presence::CannotVerify, 0.5, "两次识别结果不一致"};
  apart.inspection.photo->exif_time = Timestamp{{2025, 1, 2}, 9, 12};
  const Evaluation ev = run();
  EXPECT_EQ(count(ev, "DATE_IN_FUTURE"), 0);
  EXPECT_EQ(count(ev, "WATERMARK_DATE_DOUBTFUL"), 1);
  EXPECT_EQ(count(ev, "D1_WATERMARK_EXIF_MISMATCH"), 0);
  EXPECT_EQ(ev.totals.d1_risks, 0);
}

TEST_F(EvaluationTest, TotalsAddUpAndD3IsAManualCheck) {
  add_document("01制度建设/1.3工作要点/要点.pdf", {2025, 2, 1});
  add("08 加分项/1 创新经验被推广/通报.pdf", ContentKind::Pdf);
  const Evaluation ev = run();
  EXPECT_DOUBLE_EQ(ev.totals.base, 2);
  EXPECT_DOUBLE_EQ(ev.totals.bonus, 2);
  EXPECT_DOUBLE_EQ(ev.totals.total, 4);
  ASSERT_FALSE(ev.manual_checks.empty());
  EXPECT_NE(ev.manual_checks[0].find("D.3"), std::string::npos);
}

TEST_F(EvaluationTest, EvidenceWithoutAnyIndicatorFilesIsReportedMissing) {
  const Evaluation ev = run();
  EXPECT_EQ(count(ev, "NO_EVIDENCE"), static_cast<int>(rules.indicators.size()));
  EXPECT_DOUBLE_EQ(ev.totals.total, 0);
}

TEST_F(EvaluationTest, AdviceNamesOneLeadUnitAndTheOthersAsHelpers) {
  for (auto& ind : rules.indicators) {
    if (ind.id == "1.2") {
      ind.units = {"局法制科", "局办公室", "运输服务科"};
      ind.lead = "局办公室";
    }
  }
  const auto ev = run();  // no evidence: every indicator gets NO_EVIDENCE
  const auto it = std::find_if(ev.findings.begin(), ev.findings.end(),
                               [](const Finding& f) { return f.code == "NO_EVIDENCE" && f.indicator == "1.2"; });
  ASSERT_NE(it, ev.findings.end());
  EXPECT_NE(it->advice.find("由局办公室牵头，局法制科、运输服务科配合"), std::string::npos) << it->advice;
  const auto one = std::find_if(ev.findings.begin(), ev.findings.end(),
                                [](const Finding& f) { return f.code == "NO_EVIDENCE" && f.indicator == "1.1"; });
  ASSERT_NE(one, ev.findings.end());
  EXPECT_NE(one->advice.find("由局法制科负责"), std::string::npos) << one->advice;
}

}  // namespace
}  // namespace evpack
