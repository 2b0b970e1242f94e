#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>

#include "evpack/rules/rule_loader.hpp"
#include "support/temp_dir.hpp"

namespace evpack {
namespace {

// A small rule file with no problems: every check below changes one thing.
const char* const kClean = R"(id: mini
title: 测试规则
year: 2025
total: 10
categories:
  - id: "1"
    title: 制度建设
    total: 6
  - id: "2"
    title: 信息管理
    total: 4
indicators:
  - id: "1.1"
    title: 成立领导小组
    mode: sub_items
    cap: 3
    zero_rules: [D.6]
    sub_items:
      - id: group
        title: 领导小组
        points: 1
      - id: office
        title: 专班
        points: 2
  - id: "1.2"
    title: 季度会议
    mode: per_quarter
    points: 1
    cap: 3
    zero_rules: [D.7]
  - id: "2.1"
    title: 信息报送
    mode: per_quarter
    points: 1
    per_period_max: 2
    cap: 4
    no_backfill: true
    excludes: ["1.2"]
bonuses:
  - id: B.1
    title: 推广
    points: 0.5
    cap: 2
deductions:
  - id: D.6
    title: 三要素
    effect: zero_indicator
  - id: D.7
    title: 水印
    effect: zero_indicator
domains:
  - name: 道路运输
    sub_domains: [城市交通]
)";

int line_containing(const std::string& text, const std::string& needle) {
  std::istringstream in(text);
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    if (line.find(needle) != std::string::npos) return n;
  }
  return 0;
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const std::size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

std::vector<LintMessage> lint_text(const std::string& text) {
  testing::TempDir dir;
  return lint_rule_file(dir.write("mini.yaml", text).string());
}

std::string describe(const std::vector<LintMessage>& messages) {
  std::string out;
  for (const auto& m : messages) out += std::to_string(m.line) + " " + m.code + " " + m.message + "\n";
  return out;
}

// The only message of `messages`, which must carry `code` (a copy: callers pass temporaries).
LintMessage only(const std::vector<LintMessage>& messages, const std::string& code) {
  EXPECT_EQ(messages.size(), 1u) << describe(messages);
  if (messages.size() != 1) return {};
  EXPECT_EQ(messages[0].code, code) << describe(messages);
  return messages[0];
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

TEST(RuleLint, CleanFileHasNoMessages) {
  const auto messages = lint_text(kClean);
  EXPECT_TRUE(messages.empty()) << describe(messages);
}

TEST(RuleLint, ShandongReportsExactlyTheTwoPrintedMismatches) {
  const std::string path = testing::source_dir() + "/rules/shandong-2025.yaml";
  const auto messages = lint_rule_file(path);
  ASSERT_EQ(messages.size(), 2u) << describe(messages);
  for (const auto& m : messages) {
    EXPECT_EQ(m.code, "CATEGORY_TOTAL_MISMATCH");
    EXPECT_EQ(m.severity, Severity::Warning);
  }
  EXPECT_TRUE(contains(messages[0].message, "诚信宣传")) << messages[0].message;
  EXPECT_TRUE(contains(messages[0].message, "15分")) << messages[0].message;
  EXPECT_TRUE(contains(messages[0].message, "合计为14分")) << messages[0].message;
  EXPECT_TRUE(contains(messages[1].message, "培训交流")) << messages[1].message;
  EXPECT_TRUE(contains(messages[1].message, "6分")) << messages[1].message;
  EXPECT_TRUE(contains(messages[1].message, "合计为7分")) << messages[1].message;

  auto rules = load_rule_set(path);
  ASSERT_TRUE(rules.ok());
  EXPECT_EQ(messages[0].line, rules->find_category("5")->line);
  EXPECT_EQ(messages[1].line, rules->find_category("6")->line);
  // The same two come from the in-memory check.
  EXPECT_EQ(lint_rule_set(rules.value()).size(), 2u);
}

TEST(RuleLint, CategoryTotalMismatch) {
  const std::string text = replaced(kClean, "    total: 4\n", "    total: 5\n");
  const auto messages = lint_text(text);
  ASSERT_EQ(messages.size(), 2u) << describe(messages);  // the category, and the categories' sum vs 10
  EXPECT_EQ(messages[0].code, "CATEGORY_TOTAL_MISMATCH");
  EXPECT_EQ(messages[0].line, line_containing(text, "- id: \"2\""));
  EXPECT_EQ(messages[0].message, "类别“2 信息管理”印制的总分为5分，但其指标最高分合计为4分（2.1 4分）");
  EXPECT_EQ(messages[1].code, "TOTAL_MISMATCH");
  EXPECT_EQ(messages[1].line, 0);
  EXPECT_TRUE(contains(messages[1].message, "各类别总分合计为11分")) << messages[1].message;
}

TEST(RuleLint, TotalMismatch) {
  // Both sums differ from the stated total: the categories' totals and the indicators' caps.
  const auto messages = lint_text(replaced(kClean, "total: 10", "total: 100"));
  ASSERT_EQ(messages.size(), 2u) << describe(messages);
  EXPECT_EQ(messages[0].code, "TOTAL_MISMATCH");
  EXPECT_EQ(messages[0].message, "各类别总分合计为10分，与规则总分100分不一致");
  EXPECT_EQ(messages[1].code, "TOTAL_MISMATCH");
  EXPECT_EQ(messages[1].message, "全部指标最高分合计为10分，与规则总分100分不一致");
}

TEST(RuleLint, DuplicateId) {
  const std::string text =
      replaced(replaced(kClean, "  - id: \"1.2\"", "  - id: \"1.1\""), "excludes: [\"1.2\"]", "excludes: [\"1.1\"]");
  const auto messages = lint_text(text);
  ASSERT_FALSE(messages.empty());
  const auto dup =
      std::find_if(messages.begin(), messages.end(), [](const LintMessage& m) { return m.code == "DUPLICATE_ID"; });
  ASSERT_NE(dup, messages.end()) << describe(messages);
  EXPECT_EQ(dup->severity, Severity::Error);
  EXPECT_EQ(dup->line, line_containing(text, "title: 季度会议") - 1);
  EXPECT_TRUE(contains(dup->message, "第13行已使用")) << dup->message;
  EXPECT_EQ(messages.size(), 1u) << describe(messages);

  const LintMessage sub = only(lint_text(replaced(kClean, "id: office", "id: group")), "DUPLICATE_ID");
  EXPECT_TRUE(contains(sub.message, "分项编号“group”重复")) << sub.message;
}

TEST(RuleLint, TwoDeductionsWithOneRoleAreAnError) {
  const std::string text =
      replaced(replaced(kClean, "    title: 三要素\n", "    title: 三要素\n    role: document_form\n"),
               "    title: 水印\n", "    title: 水印\n    role: document_form\n");
  const LintMessage m = only(lint_text(text), "DUPLICATE_ID");
  EXPECT_EQ(m.line, line_containing(text, "- id: D.7"));
  EXPECT_TRUE(contains(m.message, "扣分项类型编号“document_form”重复")) << m.message;
}

TEST(RuleLint, AnUnknownRoleFailsTheLoadAndListsTheRoles) {
  const std::string text = replaced(kClean, "    title: 水印\n", "    title: 水印\n    role: watermark\n");
  const LintMessage m = only(lint_text(text), "RULES_INVALID");
  EXPECT_EQ(m.line, line_containing(text, "role: watermark"));
  EXPECT_TRUE(contains(m.message,
                       "未知的扣分项类型“watermark”，可选：fabrication、privacy_leak、sanction_misuse、"
                       "publicity_delay、archive_order、document_form、photo_time"))
      << m.message;
}

TEST(RuleLint, UnknownCategory) {
  const std::string text = replaced(kClean, "  - id: \"2.1\"\n", "  - id: \"2.1\"\n    category: \"9\"\n");
  const auto messages = lint_text(text);
  // Category 2 loses its only indicator, so its total no longer matches either.
  ASSERT_EQ(messages.size(), 2u) << describe(messages);
  const auto it =
      std::find_if(messages.begin(), messages.end(), [](const LintMessage& m) { return m.code == "UNKNOWN_CATEGORY"; });
  ASSERT_NE(it, messages.end());
  EXPECT_EQ(it->line, line_containing(text, "- id: \"2.1\""));
  EXPECT_TRUE(contains(it->message, "类别“9”不存在")) << it->message;
}

TEST(RuleLint, UnknownDeduction) {
  const std::string text = replaced(kClean, "zero_rules: [D.7]", "zero_rules: [D.8]");
  const LintMessage m = only(lint_text(text), "UNKNOWN_DEDUCTION");
  EXPECT_EQ(m.line, line_containing(text, "- id: \"1.2\""));
  EXPECT_TRUE(contains(m.message, "“D.8”")) << m.message;
}

TEST(RuleLint, UnknownIndicatorInExcludes) {
  const LintMessage m =
      only(lint_text(replaced(kClean, "excludes: [\"1.2\"]", "excludes: [\"5.3\"]")), "UNKNOWN_INDICATOR");
  EXPECT_TRUE(contains(m.message, "“5.3”")) << m.message;
}

TEST(RuleLint, PointsExceedCap) {
  // 1.2: 4 points a quarter with a cap of 3.
  const std::string text = replaced(kClean, "    points: 1\n    cap: 3\n", "    points: 4\n    cap: 3\n");
  const LintMessage m = only(lint_text(text), "POINTS_EXCEED_CAP");
  EXPECT_EQ(m.line, line_containing(text, "- id: \"1.2\""));
  const LintMessage b =
      only(lint_text(replaced(kClean, "points: 0.5\n    cap: 2", "points: 3\n    cap: 2")), "POINTS_EXCEED_CAP");
  EXPECT_TRUE(contains(b.message, "加分项B.1")) << b.message;
}

TEST(RuleLint, CapUnreachable) {
  // 2.1: at most 2 items a quarter at 0.25 points make 2 points a year, short of the cap of 4.
  const std::string text =
      replaced(kClean, "    points: 1\n    per_period_max: 2\n", "    points: 0.25\n    per_period_max: 2\n");
  const LintMessage m = only(lint_text(text), "CAP_UNREACHABLE");
  EXPECT_EQ(m.line, line_containing(text, "- id: \"2.1\""));
  EXPECT_TRUE(contains(m.message, "每季度最多2条、每条0.25分，全年最多2分，达不到最高分4分")) << m.message;

  // A once indicator whose points are below its cap.
  const std::string once = replaced(kClean, "    mode: per_quarter\n    points: 1\n    cap: 3\n",
                                    "    mode: once\n    points: 2\n    cap: 3\n");
  EXPECT_EQ(only(lint_text(once), "CAP_UNREACHABLE").line, line_containing(once, "- id: \"1.2\""));
}

TEST(RuleLint, SubItemsMismatch) {
  const std::string text = replaced(kClean, "        points: 2\n", "        points: 1.5\n");
  const LintMessage m = only(lint_text(text), "SUBITEMS_MISMATCH");
  EXPECT_EQ(m.line, line_containing(text, "- id: \"1.1\""));
  EXPECT_TRUE(contains(m.message, "最高分为3分，但各分项合计2.5分")) << m.message;
}

TEST(RuleLint, UnknownKeyIsAWarningWithASuggestion) {
  const std::string text = replaced(kClean, "    no_backfill: true\n", "    no_backfil: true\n");
  const auto messages = lint_text(text);
  // no_backfill is gone, so the file still loads; only the typo is reported.
  const LintMessage m = only(messages, "UNKNOWN_KEY");
  EXPECT_EQ(m.severity, Severity::Warning);
  EXPECT_EQ(m.line, line_containing(text, "no_backfil:"));
  EXPECT_TRUE(contains(m.message, "“no_backfil”")) << m.message;
  EXPECT_TRUE(contains(m.message, "是否想写“no_backfill”")) << m.message;
  // The loader itself accepts the file.
  EXPECT_TRUE(load_rule_set_from_string(text, "mini.yaml").ok());
}

TEST(RuleLint, DuplicateKey) {
  const std::string text = replaced(kClean, "    title: 季度会议\n", "    title: 季度会议\n    title: 会议\n");
  const LintMessage m = only(lint_text(text), "DUPLICATE_KEY");
  EXPECT_EQ(m.line, line_containing(text, "title: 会议"));
}

TEST(RuleLint, OptionsForOtherModes) {
  const std::string text = replaced(kClean, "    zero_rules: [D.7]\n", "    zero_rules: [D.7]\n    deadline_day: 15\n");
  const LintMessage m = only(lint_text(text), "MODE_OPTION_IGNORED");
  EXPECT_TRUE(contains(m.message, "deadline_day")) << m.message;
}

TEST(RuleLint, PerDomainWithoutDomains) {
  // 道路运输 and its sub-domain 城市交通 are two units: 2 x 2 points reach the cap of 3.
  std::string text = replaced(kClean, "    mode: per_quarter\n    points: 1\n    cap: 3\n",
                              "    mode: per_domain\n    points: 2\n    cap: 3\n");
  EXPECT_TRUE(lint_text(text).empty()) << describe(lint_text(text));
  // At 1 point they do not.
  EXPECT_EQ(only(lint_text(replaced(text, "points: 2\n    cap: 3", "points: 1\n    cap: 3")), "CAP_UNREACHABLE").line,
            line_containing(text, "- id: \"1.2\""));
  text = text.substr(0, text.find("domains:"));
  const LintMessage m = only(lint_text(text), "NO_DOMAINS");
  EXPECT_TRUE(contains(m.message, "指标1.2按领域计分")) << m.message;
}

TEST(RuleLint, TaskSystemsSkipPointChecks) {
  const char* text = R"(id: tasks
title: 任务体系
scored: false
total: 10
categories:
  - id: "1"
    title: 组织管理
    total: 3
indicators:
  - id: "1.1"
    title: 成立领导小组
    mode: once
    points: 5
    cap: 1
  - id: "1.2"
    title: 任务
    mode: tasks
)";
  const auto messages = lint_text(text);
  EXPECT_TRUE(messages.empty()) << describe(messages);
}

TEST(RuleLint, LoadFailureBecomesOneErrorWithItsLine) {
  const std::string text = replaced(kClean, "mode: sub_items", "mode: per_year");
  const auto messages = lint_text(text);
  ASSERT_EQ(messages.size(), 1u) << describe(messages);
  EXPECT_EQ(messages[0].code, "RULES_INVALID");
  EXPECT_EQ(messages[0].severity, Severity::Error);
  EXPECT_EQ(messages[0].line, line_containing(text, "per_year"));
  EXPECT_TRUE(contains(messages[0].message, "可选：once、per_item")) << messages[0].message;

  const auto missing = lint_rule_file("/nonexistent/rules.yaml");
  ASSERT_EQ(missing.size(), 1u);
  EXPECT_EQ(missing[0].code, "RULES_UNREADABLE");
}

}  // namespace
}  // namespace evpack
