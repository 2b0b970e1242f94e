// The rule files shipped in rules/: each loads, lints as expected, and evaluates a small
// archive built for it (text files and a CSV ledger dated by their names).
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "evpack/app/check.hpp"
#include "evpack/rules/rule_loader.hpp"
#include "evpack/rules/task_due.hpp"
#include "support/temp_dir.hpp"

namespace evpack {
namespace {

std::string rule_path(const std::string& id) { return evpack::testing::source_dir() + "/rules/" + id + ".yaml"; }

RuleSet load(const std::string& id) {
  auto rules = load_rule_set(rule_path(id));
  EXPECT_TRUE(rules) << (rules ? "" : rules.error().message);
  return rules ? std::move(rules).value() : RuleSet{};
}

const Indicator& task(const RuleSet& rules, const std::string& id) {
  const Indicator* ind = rules.find_indicator(id);
  EXPECT_NE(ind, nullptr) << id;
  static const Indicator none;
  return ind ? *ind : none;
}

const IndicatorResult& result(const CheckResult& r, const std::string& id) {
  const auto it = std::find_if(r.evaluation.indicators.begin(), r.evaluation.indicators.end(),
                               [&](const IndicatorResult& i) { return i.id == id; });
  EXPECT_NE(it, r.evaluation.indicators.end()) << id;
  static const IndicatorResult none;
  return it == r.evaluation.indicators.end() ? none : *it;
}

int count(const CheckResult& r, const std::string& code, const std::string& indicator = "") {
  return static_cast<int>(std::count_if(r.findings.begin(), r.findings.end(), [&](const Finding& f) {
    return f.code == code && (indicator.empty() || f.indicator == indicator);
  }));
}

CheckResult check(const evpack::testing::TempDir& dir, const std::string& id, CivilDate as_of, int year = 0) {
  CheckOptions options;
  options.input = dir.str();
  options.rules_path = rule_path(id);
  options.jobs = 2;
  options.inspect.ocr = false;
  options.evaluate.as_of = as_of;
  options.evaluate.year = year;
  auto r = run_check(options);
  EXPECT_TRUE(r) << (r ? "" : r.error().message);
  return std::move(r).value();
}

const char* const kTaskSystems[] = {"yiyuan-2023", "shandong-2023", "xinzhou-2022", "xuyi-2023-2025"};

TEST(RuleFiles, EveryTaskSystemLoadsAndLintsClean) {
  for (const std::string id : kTaskSystems) {
    SCOPED_TRACE(id);
    const RuleSet rules = load(id);
    EXPECT_EQ(rules.id, id);
    EXPECT_FALSE(rules.scored);
    EXPECT_FALSE(rules.title.empty());
    EXPECT_FALSE(rules.source.empty());
    const int last = rules.end_year ? rules.end_year : rules.year;
    for (const auto& ind : rules.indicators) {
      EXPECT_EQ(ind.mode, ScoringMode::Tasks) << ind.id;
      EXPECT_FALSE(ind.criterion.empty()) << ind.id;
      EXPECT_FALSE(ind.keywords.empty()) << ind.id;
      const auto window = parse_task_due(ind.due, rules.year, last);
      ASSERT_TRUE(window) << ind.id << " " << ind.due;
      EXPECT_GE(window->from.year, rules.year) << ind.id;
      EXPECT_LE(window->to.year, last) << ind.id;
    }
    // The seeds' inconsistencies are textual (kept in the criteria and noted in the
    // files' comments); nothing in the encoded values disagrees, so lint says nothing.
    const auto messages = lint_rule_file(rule_path(id));
    for (const auto& m : messages) ADD_FAILURE() << m.line << " " << m.code << " " << m.message;
  }
}

TEST(RuleFiles, Shandong2025KeepsItsTwoPrintedMismatches) {
  const auto messages = lint_rule_file(rule_path("shandong-2025"));
  ASSERT_EQ(messages.size(), 2u);
  for (const auto& m : messages) EXPECT_EQ(m.code, "CATEGORY_TOTAL_MISMATCH");
}

TEST(RuleFiles, TasksAreEncodedAsTheSeedsWriteThem) {
  const RuleSet yiyuan = load("yiyuan-2023");
  EXPECT_EQ(yiyuan.year, 2023);
  EXPECT_EQ(yiyuan.categories.size(), 10u);  // nine tasks, then phases and safeguards
  const Indicator& meetings = task(yiyuan, "10.4");
  EXPECT_EQ(meetings.due, "2023-03至2023-08");
  EXPECT_EQ(meetings.min_count, 1);
  EXPECT_EQ(meetings.min_count_per, TargetPeriod::Month);
  EXPECT_EQ(task(yiyuan, "4.1").units, std::vector<std::string>{"县交通运输管理服务中心"});
  EXPECT_EQ(task(yiyuan, "1.1").units.front(), "政策法规科");  // the lead unit comes first
  ASSERT_NE(yiyuan.find_deduction("D.4"), nullptr);            // 7 working days: the ledger check runs

  const RuleSet shandong = load("shandong-2023");
  EXPECT_EQ(shandong.indicators.size(), 13u);
  EXPECT_EQ(shandong.categories.size(), 5u);
  EXPECT_EQ(shandong.indicators.back().id, "5.13");

  const RuleSet xinzhou = load("xinzhou-2022");
  EXPECT_EQ(xinzhou.year, 2022);
  EXPECT_EQ(xinzhou.indicators.size(), 24u);
  EXPECT_EQ(xinzhou.indicators.back().id, "6.24");
  EXPECT_EQ(task(xinzhou, "4.11").units.front(), "局建设管理科");

  const RuleSet xuyi = load("xuyi-2023-2025");
  EXPECT_EQ(xuyi.year, 2023);
  EXPECT_EQ(xuyi.end_year, 2025);
  EXPECT_EQ(xuyi.indicators.size(), 5u + 5u + 12u + 8u + 4u);
  EXPECT_EQ(task(xuyi, "4.1").min_count, 2);  // 年均开展2次以上诚信宣传活动
  EXPECT_EQ(task(xuyi, "4.1").min_count_per, TargetPeriod::Year);
  EXPECT_EQ(task(xuyi, "4.3").min_count, 2);  // 信用专项培训次数每年不少于2次
  EXPECT_EQ(task(xuyi, "4.3").min_count_per, TargetPeriod::Year);
  EXPECT_EQ(task(xuyi, "3.1").min_count, 2);  // the table's 不少于2个, not the body's 1
  EXPECT_EQ(task(xuyi, "3.1").min_count_per, TargetPeriod::Total);
  EXPECT_EQ(task(xuyi, "3.6").due, "2023-2024");
  EXPECT_EQ(task(xuyi, "3.4").units, std::vector<std::string>{"综合计划科"});
}

TEST(RuleFiles, ListShowsEveryRuleSet) {
  const auto sets = list_rule_sets(evpack::testing::source_dir() + "/rules");
  std::set<std::string> ids;
  for (const auto& s : sets) ids.insert(s.id + (s.scored ? ":计分" : ":任务"));
  for (const std::string id : kTaskSystems) EXPECT_TRUE(ids.count(id + ":任务")) << id;
  EXPECT_TRUE(ids.count("shandong-2025:计分"));
}

TEST(RuleFiles, XuyiArchiveCoverageByYearAndTargets) {
  evpack::testing::TempDir dir;
  // 4.1 宣传活动: two in 2023, one in 2024 (target: 2 a year); 4.3 培训: two in 2023.
  dir.write("四、诚信文化宣传体系/4.1 信用主题宣传活动/2023-05-10 信用交通宣传月活动记录.txt", "宣传月活动");
  dir.write("四、诚信文化宣传体系/4.1 信用主题宣传活动/2023-12-01 诚信春运宣传.txt", "诚信春运");
  dir.write("四、诚信文化宣传体系/4.1 信用主题宣传活动/2024-06-15 宣传活动.txt", "宣传活动");
  dir.write("四、诚信文化宣传体系/4.3 信用管理培训/2023-04-20 两类人员信用培训.txt", "培训记录");
  dir.write("四、诚信文化宣传体系/4.3 信用管理培训/2023-09-20 信用修复培训.txt", "培训记录");
  // 1.5 实施方案 (due 2023) done in 2024: late; 3.1 信用承诺 in one field only.
  dir.write("一、信用组织管理体系/1.5 建设实施方案/2024-02-01 盱眙县信用交通县建设实施方案.txt", "实施方案");
  dir.write("三、信用管理和激励体系/3.1 信用承诺应用领域/2023-07-01 行政许可信用承诺书.txt", "承诺书");
  const CheckResult r = check(dir, "xuyi-2023-2025", {2026, 1, 20});
  ASSERT_FALSE(r.rules.scored);

  const IndicatorResult& campaigns = result(r, "4.1");
  EXPECT_TRUE(campaigns.task);
  ASSERT_EQ(campaigns.periods.size(), 3u);
  EXPECT_EQ(campaigns.periods[0].label, "2023年");
  EXPECT_EQ(campaigns.periods[0].items, 2);
  EXPECT_TRUE(campaigns.periods[0].met);
  EXPECT_EQ(campaigns.periods[1].items, 1);
  EXPECT_FALSE(campaigns.periods[1].met);
  EXPECT_EQ(campaigns.periods[2].items, 0);
  EXPECT_EQ(campaigns.status, TaskStatus::Partial);
  EXPECT_EQ(count(r, "TASK_TARGET_UNMET", "4.1"), 1);  // 2024: 1 of 2
  EXPECT_EQ(count(r, "TASK_GAP", "4.1"), 1);           // 2025: none

  const IndicatorResult& trainings = result(r, "4.3");
  EXPECT_EQ(trainings.items, 2);
  EXPECT_EQ(trainings.status, TaskStatus::Partial);

  const IndicatorResult& plan = result(r, "1.5");
  EXPECT_EQ(plan.periods.size(), 1u);
  EXPECT_EQ(plan.periods[0].label, "2023年底前");
  EXPECT_EQ(plan.items, 1);
  EXPECT_EQ(count(r, "TASK_LATE", "1.5"), 1);

  const IndicatorResult& pledges = result(r, "3.1");
  EXPECT_EQ(pledges.items, 1);
  EXPECT_EQ(count(r, "TASK_TARGET_UNMET", "3.1"), 1);  // 1 of 2 fields

  EXPECT_EQ(result(r, "5.4").status, TaskStatus::Missing);  // 2025 回头看
  EXPECT_EQ(r.evaluation.coverage.tasks, 34);
  EXPECT_EQ(r.evaluation.coverage.with_evidence, 4);
  EXPECT_EQ(r.evaluation.coverage.done, 1);  // 1.5, late but done
  EXPECT_EQ(r.evaluation.coverage.partial, 3);
  EXPECT_EQ(r.evaluation.coverage.missing + r.evaluation.coverage.done + r.evaluation.coverage.partial, 34);

  // Checked early in 2025 for 2024 only: 2023's tasks are out of the year, 2025's are not due.
  const CheckResult y2024 = check(dir, "xuyi-2023-2025", {2025, 1, 5}, 2024);
  EXPECT_EQ(result(y2024, "1.5").status, TaskStatus::OutOfYear);
  const IndicatorResult& campaigns2024 = result(y2024, "4.1");
  ASSERT_EQ(campaigns2024.periods.size(), 1u);
  EXPECT_EQ(campaigns2024.periods[0].label, "2024年");
  EXPECT_EQ(campaigns2024.periods[0].items, 1);
  EXPECT_EQ(result(y2024, "5.3").status, TaskStatus::NotDue);   // 第五届, due 2025
  EXPECT_EQ(result(y2024, "3.4").status, TaskStatus::Missing);  // 第三方信用报告, due 2024
}

TEST(RuleFiles, YiyuanArchiveMonthlyMeetingsAndLedger) {
  evpack::testing::TempDir dir;
  for (const char* month : {"03", "04", "05", "07"}) {
    dir.write(std::string("十、实施步骤和保障措施/10.4 领导小组月度会议/2023-") + month + "-10 领导小组会议纪要.txt",
              "会议");
  }
  dir.write("一、组织机制建设/1.1 成立创建工作领导小组/2023-03-15 关于成立领导小组的通知.txt", "通知");
  // 双公示 ledger: one entry on time, one published 9 working days after the decision.
  dir.write("二、信用信息管理和双公示/2.3 双公示/2023年双公示台账.csv",
            "序号,决定文书号,许可/处罚,相对人名称,作出决定日期,上网日期\n"
            "1,源交许字〔2023〕1号,行政许可,某运输公司,2023-05-08,2023-05-10\n"
            "2,源交罚字〔2023〕2号,行政处罚,某维修厂,2023-05-08,2023-05-19\n");
  const CheckResult r = check(dir, "yiyuan-2023", {2023, 7, 20});

  const IndicatorResult& meetings = result(r, "10.4");
  ASSERT_EQ(meetings.periods.size(), 6u);  // 2023年3月 … 2023年8月
  EXPECT_EQ(meetings.periods[0].label, "2023年3月");
  EXPECT_EQ(meetings.periods[5].label, "2023年8月");
  EXPECT_EQ(meetings.items, 4);
  EXPECT_FALSE(meetings.periods[3].met);  // June
  EXPECT_FALSE(meetings.periods[4].due);  // July is not over on 2023-07-20
  EXPECT_TRUE(meetings.periods[4].met);
  EXPECT_EQ(meetings.status, TaskStatus::Partial);
  EXPECT_EQ(count(r, "TASK_GAP", "10.4"), 1);  // June only

  EXPECT_EQ(result(r, "1.1").status, TaskStatus::Done);
  EXPECT_EQ(result(r, "10.3").status, TaskStatus::NotDue);  // 总结提升阶段 ends in August
  EXPECT_EQ(result(r, "2.3").items, 1);
  EXPECT_EQ(count(r, "D4_LATE_PUBLICITY"), 1);
  // No score for a task system.
  EXPECT_EQ(r.evaluation.totals.base, 0);
}

TEST(RuleFiles, ShandongAndXinzhouArchivesCountTheirYear) {
  evpack::testing::TempDir dir;
  dir.write("五、信用交通文化建设和经验推广/5.12 开展信用交通宣传活动/2023-06-01 宣传月活动.txt", "宣传");
  dir.write("三、构建全链条全周期监管体系/3.8 完善信用修复机制/2022-12-01 信用修复流程.txt", "修复");
  const CheckResult r = check(dir, "shandong-2023", {2024, 1, 10});
  EXPECT_EQ(result(r, "5.12").status, TaskStatus::Done);
  EXPECT_EQ(result(r, "3.8").status, TaskStatus::Missing);  // dated 2022: not this year's work
  EXPECT_EQ(count(r, "DATE_OUT_OF_YEAR"), 1);
  EXPECT_EQ(r.evaluation.coverage.done, 1);
  EXPECT_EQ(r.evaluation.coverage.missing, 12);

  evpack::testing::TempDir xz;
  xz.write("六、交通行业诚信文化建设/6.24 信用专题培训/2022-08-08 信用专题培训.txt", "培训");
  const CheckResult x = check(xz, "xinzhou-2022", {2022, 9, 1});
  EXPECT_EQ(result(x, "6.24").status, TaskStatus::Done);  // done before it is due
  EXPECT_EQ(x.evaluation.coverage.not_due, 23);           // the rest is due by the end of 2022
  EXPECT_EQ(count(x, "TASK_GAP"), 0);
}

}  // namespace
}  // namespace evpack
