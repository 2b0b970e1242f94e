#include "evpack/rules/rule_loader.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "support/temp_dir.hpp"

namespace evpack {
namespace {

namespace fs = std::filesystem;

std::string shandong_path() { return testing::source_dir() + "/rules/shandong-2025.yaml"; }

std::string read_all(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// 1-based line of the first line of `text` that contains `needle`, 0 if none.
int line_containing(const std::string& text, const std::string& needle) {
  std::istringstream in(text);
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    if (line.find(needle) != std::string::npos) return n;
  }
  return 0;
}

bool has(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

class ShandongRules : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto loaded = load_rule_set(shandong_path());
    ASSERT_TRUE(loaded.ok()) << loaded.error().message;
    rules_ = new RuleSet(std::move(loaded).value());
  }
  static void TearDownTestSuite() {
    delete rules_;
    rules_ = nullptr;
  }
  static const Indicator& ind(const std::string& id) {
    const Indicator* found = rules_->find_indicator(id);
    EXPECT_NE(found, nullptr) << id;
    static const Indicator kEmpty;
    return found ? *found : kEmpty;
  }
  static RuleSet* rules_;
};
RuleSet* ShandongRules::rules_ = nullptr;

TEST_F(ShandongRules, HeaderAndCounts) {
  const RuleSet& r = *rules_;
  EXPECT_EQ(r.id, "shandong-2025");
  EXPECT_EQ(r.year, 2025);
  EXPECT_DOUBLE_EQ(r.total, 100);
  EXPECT_TRUE(r.scored);
  EXPECT_NE(r.title.find("信用交通县"), std::string::npos);
  EXPECT_NE(r.source.find("章交字〔2025〕25号"), std::string::npos);
  EXPECT_EQ(r.region, "山东省");
  EXPECT_EQ(r.path, shandong_path());

  const std::vector<std::string> expected_ids = {"1.1", "1.2", "1.3", "1.4", "2.1", "2.2", "3.1", "3.2",
                                                 "4.1", "4.2", "4.3", "4.4", "4.5", "5.1", "5.2", "5.3",
                                                 "5.4", "6.1", "6.2", "6.3", "6.4", "7.1", "7.2", "7.3"};
  ASSERT_EQ(r.indicators.size(), 24u);
  for (std::size_t i = 0; i < expected_ids.size(); ++i) {
    EXPECT_EQ(r.indicators[i].id, expected_ids[i]);
    EXPECT_EQ(r.indicators[i].category, expected_ids[i].substr(0, 1));
    EXPECT_FALSE(r.indicators[i].title.empty());
    EXPECT_FALSE(r.indicators[i].units.empty()) << r.indicators[i].id;
    EXPECT_FALSE(r.indicators[i].evidence.empty()) << r.indicators[i].id;
    EXPECT_FALSE(r.indicators[i].keywords.empty()) << r.indicators[i].id;
  }
  ASSERT_EQ(r.bonuses.size(), 9u);
  for (std::size_t i = 0; i < r.bonuses.size(); ++i) EXPECT_EQ(r.bonuses[i].id, "B." + std::to_string(i + 1));
  ASSERT_EQ(r.deductions.size(), 7u);
  for (std::size_t i = 0; i < r.deductions.size(); ++i) EXPECT_EQ(r.deductions[i].id, "D." + std::to_string(i + 1));
  ASSERT_EQ(r.domains.size(), 5u);
}

TEST_F(ShandongRules, CategoryTotalsAsPrinted) {
  const std::vector<std::pair<std::string, double>> expected = {{"制度建设", 13}, {"联动机制", 5},  {"信息管理", 12},
                                                                {"信用应用", 25}, {"诚信宣传", 15}, {"培训交流", 6},
                                                                {"探索创新", 24}};
  ASSERT_EQ(rules_->categories.size(), expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(rules_->categories[i].id, std::to_string(i + 1));
    EXPECT_EQ(rules_->categories[i].title, expected[i].first);
    EXPECT_DOUBLE_EQ(rules_->categories[i].total, expected[i].second);
  }
}

TEST_F(ShandongRules, ModesPointsAndCaps) {
  const Indicator& i31 = ind("3.1");
  EXPECT_EQ(i31.mode, ScoringMode::PerQuarter);
  EXPECT_DOUBLE_EQ(i31.points, 1);
  EXPECT_EQ(i31.per_period_max, 2);
  EXPECT_DOUBLE_EQ(i31.cap, 8);
  EXPECT_TRUE(i31.no_backfill);
  EXPECT_EQ(i31.excludes, std::vector<std::string>{"5.3"});

  const Indicator& i54 = ind("5.4");
  EXPECT_EQ(i54.mode, ScoringMode::PerMonth);
  EXPECT_EQ(i54.deadline_day, 15);
  EXPECT_DOUBLE_EQ(i54.points, 2);
  EXPECT_DOUBLE_EQ(i54.cap, 6);

  for (const char* id : {"4.2", "4.3"}) {
    EXPECT_EQ(ind(id).mode, ScoringMode::PerDomain) << id;
    EXPECT_DOUBLE_EQ(ind(id).points, 2) << id;
    EXPECT_DOUBLE_EQ(ind(id).cap, 8) << id;
  }
  for (const char* id : {"1.4", "2.1", "3.1"}) EXPECT_EQ(ind(id).mode, ScoringMode::PerQuarter) << id;
  for (const char* id : {"3.2", "4.4", "4.5", "5.2", "7.1", "7.2", "7.3"}) {
    EXPECT_EQ(ind(id).mode, ScoringMode::PerItem) << id;
  }
  EXPECT_DOUBLE_EQ(ind("5.2").points, 1.5);
  EXPECT_DOUBLE_EQ(ind("7.1").points, 5);
  EXPECT_DOUBLE_EQ(ind("7.1").cap, 10);
  for (const char* id : {"1.1", "1.2", "5.3", "6.1"}) EXPECT_EQ(ind(id).mode, ScoringMode::SubItems) << id;
  for (const char* id : {"1.3", "2.2", "4.1", "5.1", "6.2", "6.3", "6.4"}) {
    EXPECT_EQ(ind(id).mode, ScoringMode::Once) << id;
    EXPECT_DOUBLE_EQ(ind(id).points, ind(id).cap) << id;
  }
}

TEST_F(ShandongRules, SubItems) {
  const Indicator& i12 = ind("1.2");
  ASSERT_EQ(i12.sub_items.size(), 2u);
  EXPECT_DOUBLE_EQ(i12.sub_items[0].points, 2);
  EXPECT_FALSE(i12.sub_items[0].mode.has_value());
  EXPECT_DOUBLE_EQ(i12.sub_items[1].points, 2);
  ASSERT_TRUE(i12.sub_items[1].mode.has_value());
  EXPECT_EQ(*i12.sub_items[1].mode, ScoringMode::PerMonth);
  EXPECT_TRUE(has(i12.sub_items[1].keywords, "台账"));

  const Indicator& i11 = ind("1.1");
  ASSERT_EQ(i11.sub_items.size(), 2u);
  EXPECT_DOUBLE_EQ(i11.sub_items[0].points, 1);
  EXPECT_DOUBLE_EQ(i11.sub_items[1].points, 2);
  EXPECT_TRUE(has(i11.sub_items[1].keywords, "专班"));

  // 5.3: the article (1) and integrity stories, 0.5 for each of the two types.
  const Indicator& i53 = ind("5.3");
  ASSERT_EQ(i53.sub_items.size(), 3u);
  double sum = 0;
  for (const auto& sub : i53.sub_items) sum += sub.points;
  EXPECT_DOUBLE_EQ(sum, 2);
  EXPECT_DOUBLE_EQ(i53.sub_items[1].points, 0.5);
  EXPECT_DOUBLE_EQ(i53.sub_items[2].points, 0.5);

  const Indicator& i61 = ind("6.1");
  ASSERT_EQ(i61.sub_items.size(), 2u);
  EXPECT_NE(i61.sub_items[0].title.find("山东省交通运输信用管理办法"), std::string::npos);
}

TEST_F(ShandongRules, UnitsAreExpanded) {
  for (const auto& i : rules_->indicators) {
    for (const auto& unit : i.units) EXPECT_EQ(unit.find("两中心一大队"), std::string::npos) << i.id;
  }
  const auto& units = ind("1.2").units;
  EXPECT_EQ(units,
            (std::vector<std::string>{"局法制科", "道路运输事业发展中心", "公路事业发展中心", "综合行政执法大队"}));
  EXPECT_EQ(ind("4.1").units, std::vector<std::string>{"道路运输事业发展中心"});
  EXPECT_TRUE(has(rules_->bonuses[7].units, "局财务科"));
}

TEST_F(ShandongRules, ZeroRulesAndConditions) {
  for (const char* id : {"1.1", "1.2", "1.3", "2.2", "4.2", "4.3", "7.1"})
    EXPECT_TRUE(has(ind(id).zero_rules, "D.6")) << id;
  for (const char* id : {"1.4", "2.1", "5.1", "5.2", "6.1", "6.2", "6.3", "6.4"}) {
    EXPECT_TRUE(has(ind(id).zero_rules, "D.7")) << id;
  }
  EXPECT_TRUE(ind("3.1").zero_rules.empty());

  const Indicator& i12 = ind("1.2");
  ASSERT_EQ(i12.conditions.size(), 1u);
  EXPECT_EQ(i12.conditions[0].id, "gov_site");
  EXPECT_TRUE(i12.conditions[0].zeroes);
  EXPECT_TRUE(has(i12.conditions[0].evidence_keywords, "政府网站"));
  EXPECT_NE(i12.conditions[0].text.find("否则不得分"), std::string::npos);
  for (const char* id : {"4.2", "4.3", "7.1"}) {
    ASSERT_FALSE(ind(id).conditions.empty()) << id;
    EXPECT_TRUE(ind(id).conditions[0].zeroes) << id;
    EXPECT_FALSE(ind(id).conditions[0].evidence_keywords.empty()) << id;
  }
  EXPECT_EQ(ind("4.5").conditions.size(), 4u);  // ledger, penalty record, application, screenshot

  EXPECT_EQ(ind("3.1").evidence, std::vector<EvidenceKind>{EvidenceKind::Screenshot});
  EXPECT_EQ(ind("1.1").evidence, std::vector<EvidenceKind>{EvidenceKind::Document});
}

TEST_F(ShandongRules, BonusesAndDeductions) {
  const Bonus& b6 = rules_->bonuses[5];
  EXPECT_DOUBLE_EQ(b6.points, 0.5);
  EXPECT_DOUBLE_EQ(b6.cap, 2);
  double bonus_points[] = {2, 2, 2, 2, 2, 0.5, 1, 1, 1};
  for (std::size_t i = 0; i < 9; ++i) EXPECT_DOUBLE_EQ(rules_->bonuses[i].points, bonus_points[i]) << i;

  const DeductionEffect effects[] = {DeductionEffect::ZeroTotal,      DeductionEffect::MinusEach,
                                     DeductionEffect::MinusPerDomain, DeductionEffect::MinusEach,
                                     DeductionEffect::MinusOnce,      DeductionEffect::ZeroIndicator,
                                     DeductionEffect::ZeroIndicator};
  for (std::size_t i = 0; i < 7; ++i) EXPECT_EQ(rules_->deductions[i].effect, effects[i]) << i;
  EXPECT_DOUBLE_EQ(rules_->find_deduction("D.2")->points, 3);
  EXPECT_FALSE(rules_->find_deduction("D.3")->detectable);
  EXPECT_TRUE(rules_->find_deduction("D.6")->detectable);
  EXPECT_EQ(rules_->find_deduction("D.9"), nullptr);
}

TEST_F(ShandongRules, EveryDeductionHasTheRoleOfWhatItCounts) {
  const DeductionRole roles[] = {DeductionRole::Fabrication,    DeductionRole::PrivacyLeak,
                                 DeductionRole::SanctionMisuse, DeductionRole::PublicityDelay,
                                 DeductionRole::ArchiveOrder,   DeductionRole::DocumentForm,
                                 DeductionRole::PhotoTime};
  for (std::size_t i = 0; i < 7; ++i) {
    EXPECT_EQ(rules_->deductions[i].role, roles[i]) << i;
    EXPECT_EQ(rules_->deduction_id(roles[i]), "D." + std::to_string(i + 1));
  }
  EXPECT_EQ(rules_->role_of_deduction("D.6"), DeductionRole::DocumentForm);
  const Deduction* form = rules_->deduction_for(DeductionRole::DocumentForm);
  ASSERT_NE(form, nullptr);
  EXPECT_EQ(form->formal_keywords.size(), 13u);
  EXPECT_EQ(form->formal_keywords.front(), "方案");
  EXPECT_EQ(form->informal_keywords.size(), 19u);
  EXPECT_EQ(form->informal_keywords.back(), "申请");
  EXPECT_EQ(rules_->role_of_deduction("D.9"), DeductionRole::None);
  EXPECT_EQ(rules_->deduction_for(DeductionRole::None), nullptr);
}

TEST(RuleLoader, TheOtherRuleSetsName双公示AsTheirOnlyRole) {
  for (const char* id : {"xinzhou-2022", "xuyi-2023-2025", "yiyuan-2023"}) {
    auto r = load_rule_set(testing::source_dir() + "/rules/" + id + ".yaml");
    ASSERT_TRUE(r.ok()) << id;
    EXPECT_EQ(r->deduction_id(DeductionRole::PublicityDelay), "D.4") << id;
    EXPECT_EQ(r->deduction_id(DeductionRole::ArchiveOrder), "") << id;
  }
}

TEST_F(ShandongRules, DomainsFromTheEndOfTheSeed) {
  const auto& d = rules_->domains;
  EXPECT_EQ(d[0].name, "公路工程建设");
  EXPECT_EQ(d[0].sub_domains.size(), 5u);
  EXPECT_EQ(d[2].name, "道路运输");
  EXPECT_EQ(d[2].sub_domains,
            (std::vector<std::string>{"道路客运", "道路货运", "城市交通", "机动车维修", "驾驶员培训"}));
  EXPECT_EQ(d[4].name, "安全生产");
  EXPECT_TRUE(d[4].sub_domains.empty());
}

// The criterion texts are the seed's own words, not paraphrases.
TEST_F(ShandongRules, CriteriaQuoteTheSeed) {
  // The seeds sit beside the shared corpus (-DEVPACK_CORPUS_DIR), also for a worktree elsewhere.
  const std::string seed = read_all(std::string(EVPACK_CORPUS_DIR) + "/../seeds/000_290fcd687c8b20d6.txt");
  ASSERT_FALSE(seed.empty());
  for (const auto& i : rules_->indicators) EXPECT_NE(seed.find(i.criterion), std::string::npos) << i.id;
  for (const auto& b : rules_->bonuses) EXPECT_NE(seed.find(b.criterion), std::string::npos) << b.id;
  for (const auto& d : rules_->deductions) EXPECT_NE(seed.find(d.criterion), std::string::npos) << d.id;
}

TEST_F(ShandongRules, LinesPointAtTheEntries) {
  const std::string text = read_all(shandong_path());
  EXPECT_EQ(ind("1.1").line, line_containing(text, "- id: \"1.1\""));
  EXPECT_EQ(ind("7.3").line, line_containing(text, "- id: \"7.3\""));
  EXPECT_EQ(rules_->categories[4].line, line_containing(text, "- id: \"5\""));
  EXPECT_EQ(rules_->bonuses[0].line, line_containing(text, "- id: B.1"));
  EXPECT_EQ(rules_->deductions[6].line, line_containing(text, "- id: D.7"));
  EXPECT_GT(ind("1.1").line, 0);
}

TEST(RuleLoader, ToStringNamesMatchTheFileFormat) {
  EXPECT_EQ(to_string(ScoringMode::PerQuarter), "per_quarter");
  EXPECT_EQ(to_string(ScoringMode::SubItems), "sub_items");
  EXPECT_EQ(to_string(ScoringMode::Tasks), "tasks");
  EXPECT_EQ(to_string(EvidenceKind::Screenshot), "screenshot");
  EXPECT_EQ(to_string(EvidenceKind::Any), "any");
  EXPECT_EQ(to_string(DeductionEffect::MinusPerDomain), "minus_per_domain");
  EXPECT_EQ(to_string(DeductionEffect::ZeroIndicator), "zero_indicator");
  EXPECT_EQ(to_string(DeductionRole::ArchiveOrder), "archive_order");
  EXPECT_EQ(to_string(DeductionRole::None), "");
  EXPECT_EQ(deduction_role_from_string("photo_time"), DeductionRole::PhotoTime);
  EXPECT_EQ(deduction_role_from_string("D.7"), std::nullopt);
}

const char* const kMinimal = R"(id: mini
title: 测试规则
indicators:
  - id: "1.1"
    title: 成立领导小组
    mode: once
    cap: 3
)";

TEST(RuleLoader, MinimalFileAndDefaults) {
  auto r = load_rule_set_from_string(kMinimal, "mini.yaml");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->path, "mini.yaml");
  EXPECT_TRUE(r->scored);
  ASSERT_EQ(r->indicators.size(), 1u);
  const Indicator& i = r->indicators[0];
  EXPECT_EQ(i.category, "1");     // inferred from the id
  EXPECT_DOUBLE_EQ(i.points, 3);  // once: points default to the cap
  EXPECT_EQ(i.per_period_max, 1);
  EXPECT_EQ(i.line, 4);
}

TEST(RuleLoader, ScalarListsAndFlexibleCase) {
  const std::string text = std::string(kMinimal) + "    units: 局法制科\n    evidence: Photo\n";
  auto r = load_rule_set_from_string(text, "mini.yaml");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->indicators[0].units, std::vector<std::string>{"局法制科"});
  EXPECT_EQ(r->indicators[0].evidence, std::vector<EvidenceKind>{EvidenceKind::Photo});
}

TEST(RuleLoader, BrokenYamlGivesLineNumber) {
  const std::string text = "id: x\ntitle: y\nindicators:\n  - id: \"1.1\"\n    title: [未闭合\n    mode: once\n";
  auto r = load_rule_set_from_string(text, "broken.yaml");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "RULES_INVALID");
  EXPECT_EQ(r.error().message.rfind("broken.yaml 第", 0), 0u) << r.error().message;
  EXPECT_NE(r.error().message.find("YAML 格式错误"), std::string::npos) << r.error().message;

  // A tab-indented key after a mapping: yaml-cpp stops at line 3.
  auto bad_indent = load_rule_set_from_string("id: x\ntitle: y\n  bad: : :\n", "indent.yaml");
  ASSERT_FALSE(bad_indent.ok());
  EXPECT_NE(bad_indent.error().message.find("indent.yaml 第3行："), std::string::npos) << bad_indent.error().message;

  std::string tabbed = kMinimal;
  tabbed.replace(tabbed.find("    mode"), 4, "\t");
  auto tab = load_rule_set_from_string(tabbed, "tab.yaml");
  ASSERT_FALSE(tab.ok());
  EXPECT_EQ(tab.error().message.rfind("tab.yaml 第6行：", 0), 0u) << tab.error().message;
  EXPECT_NE(tab.error().message.find("制表符"), std::string::npos) << tab.error().message;
}

TEST(RuleLoader, AcceptsByteOrderMark) {
  auto r = load_rule_set_from_string("\xEF\xBB\xBF" + std::string(kMinimal), "bom.yaml");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->id, "mini");
}

TEST(RuleLoader, UnknownModeListsTheValidOnes) {
  std::string text = kMinimal;
  text.replace(text.find("mode: once"), 10, "mode: per_year");
  auto r = load_rule_set_from_string(text, "shandong-2025.yaml");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "RULES_INVALID");
  EXPECT_EQ(r.error().message,
            "shandong-2025.yaml 第6行：指标“1.1”：未知的计分方式“per_year”，可选：once、per_item、per_quarter、"
            "per_month、per_domain、sub_items、tasks");
}

TEST(RuleLoader, UnknownEvidenceKindAndEffect) {
  auto r = load_rule_set_from_string(std::string(kMinimal) + "    evidence: [photo, pic]\n", "a.yaml");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("第8行"), std::string::npos) << r.error().message;
  EXPECT_NE(r.error().message.find("未知的材料类型“pic”，可选：document、photo、screenshot、ledger、video、any"),
            std::string::npos)
      << r.error().message;

  auto d = load_rule_set_from_string(
      std::string(kMinimal) + "deductions:\n  - id: D.1\n    title: 弄虚作假\n    effect: minus_all\n", "b.yaml");
  ASSERT_FALSE(d.ok());
  EXPECT_NE(d.error().message.find("b.yaml 第11行：扣分项“D.1”：未知的扣分方式“minus_all”"), std::string::npos)
      << d.error().message;
}

TEST(RuleLoader, MissingRequiredFieldsAreErrors) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"    cap: 3\n", "缺少必填字段“cap”（最高分）"},
      {"    mode: once\n", "缺少必填字段“mode”（计分方式）"},
      {"    title: 成立领导小组\n", "缺少必填字段“title”（名称）"},
      {"  - id: \"1.1\"\n", "缺少必填字段“id”（编号）"},
  };
  for (const auto& [line, expected] : cases) {
    std::string text = kMinimal;
    const std::size_t at = text.find(line);
    ASSERT_NE(at, std::string::npos) << line;
    // Remove the line but keep the list item marker in place.
    text.replace(at, line.size(), line.rfind("  - ", 0) == 0 ? "  - dummy: 1\n" : "");
    auto r = load_rule_set_from_string(text, "m.yaml");
    ASSERT_FALSE(r.ok()) << line;
    EXPECT_EQ(r.error().code, "RULES_INVALID");
    EXPECT_NE(r.error().message.find(expected), std::string::npos) << r.error().message;
    EXPECT_NE(r.error().message.find("m.yaml 第4行："), std::string::npos) << r.error().message;
  }
  auto no_id = load_rule_set_from_string("title: x\nindicators: []\n", "top.yaml");
  ASSERT_FALSE(no_id.ok());
  EXPECT_NE(no_id.error().message.find("缺少必填字段“id”"), std::string::npos) << no_id.error().message;
  auto no_indicators = load_rule_set_from_string("id: a\ntitle: x\n", "top.yaml");
  ASSERT_FALSE(no_indicators.ok());
  EXPECT_NE(no_indicators.error().message.find("indicators"), std::string::npos);
}

TEST(RuleLoader, PointsRequiredForCountingModes) {
  std::string text = kMinimal;
  text.replace(text.find("mode: once"), 10, "mode: per_quarter");
  auto r = load_rule_set_from_string(text, "p.yaml");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("缺少必填字段“points”"), std::string::npos) << r.error().message;
}

TEST(RuleLoader, WrongValueTypes) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"    points: 三分\n", "字段“points”应为数字，实际为“三分”"},
      {"    points: -1\n", "不能为负数"},
      {"    points: .nan\n", "有限的数字"},
      {"    deadline_day: 40\n", "字段“deadline_day”应在0到31之间"},
      {"    per_period_max: 1.5\n", "字段“per_period_max”应为整数"},
      {"    no_backfill: 也许\n", "应为 true 或 false"},
      {"    keywords: {a: b}\n", "字段“keywords”应为列表"},
      {"    keywords: [[嵌套]]\n", "每一项应为文字"},
      {"    sub_items: 分项\n", "字段“sub_items”应为列表"},
  };
  for (const auto& [extra, expected] : cases) {
    auto r = load_rule_set_from_string(std::string(kMinimal) + extra, "t.yaml");
    ASSERT_FALSE(r.ok()) << extra;
    EXPECT_NE(r.error().message.find(expected), std::string::npos) << r.error().message;
    EXPECT_NE(r.error().message.find("t.yaml 第"), std::string::npos) << r.error().message;
  }
}

TEST(RuleLoader, TaskSystemsNeedNoPoints) {
  const char* text = R"(id: yiyuan-2023
title: 沂源县创建方案任务
scored: false
year: 2023
indicators:
  - id: "1"
    title: 成立领导小组
    mode: tasks
    due: 2023-03
    min_count: 2
)";
  auto r = load_rule_set_from_string(text, "yiyuan.yaml");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_FALSE(r->scored);
  EXPECT_EQ(r->indicators[0].mode, ScoringMode::Tasks);
  EXPECT_EQ(r->indicators[0].due, "2023-03");
  EXPECT_EQ(r->indicators[0].min_count, 2);
  EXPECT_EQ(r->indicators[0].category, "");
}

TEST(RuleLoader, FilesThatAreNotRuleFiles) {
  testing::TempDir dir;
  auto missing = load_rule_set((dir.path() / "nope.yaml").string());
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, "RULES_UNREADABLE");
  EXPECT_NE(missing.error().message.find("nope.yaml"), std::string::npos);

  auto directory = load_rule_set(dir.str());
  ASSERT_FALSE(directory.ok());
  EXPECT_EQ(directory.error().code, "RULES_UNREADABLE");

  // Saved as GBK by a Windows editor: "title: 测试" in GBK.
  const auto gbk = dir.write("gbk.yaml", "id: a\ntitle: \xB2\xE2\xCA\xD4\nindicators: []\n");
  auto g = load_rule_set(gbk.string());
  ASSERT_FALSE(g.ok());
  EXPECT_EQ(g.error().code, "RULES_INVALID");
  EXPECT_NE(g.error().message.find("UTF-8"), std::string::npos) << g.error().message;

  auto empty = load_rule_set(dir.write("empty.yaml", "").string());
  ASSERT_FALSE(empty.ok());
  EXPECT_NE(empty.error().message.find("规则文件为空"), std::string::npos);

  auto list = load_rule_set(dir.write("list.yaml", "- a\n- b\n").string());
  ASSERT_FALSE(list.ok());
  EXPECT_NE(list.error().message.find("顶层应为键值映射"), std::string::npos);

  auto big = load_rule_set(dir.write("big.yaml", std::string(5 * 1024 * 1024, '#')).string());
  ASSERT_FALSE(big.ok());
  EXPECT_EQ(big.error().code, "RULES_UNREADABLE");
}

// Whatever bytes a rule file holds, loading ends in a value or an Error.
TEST(RuleLoader, SurvivesCorruptedRuleFiles) {
  const std::string text = read_all(shandong_path());
  ASSERT_GT(text.size(), 1000u);
  int failures = 0;
  for (std::size_t cut = 0; cut < text.size(); cut += 97) {
    auto r = load_rule_set_from_string(text.substr(0, cut), "cut.yaml");
    if (!r.ok()) {
      ++failures;
      EXPECT_EQ(r.error().code, "RULES_INVALID");
      EXPECT_EQ(r.error().message.rfind("cut.yaml", 0), 0u);
    }
  }
  EXPECT_GT(failures, 0);
  const char flips[] = {':', '-', '[', '{', '"', '\'', '\t', '\n', '&', '*', '!', '|', '>', '%', '@', '\0'};
  for (std::size_t pos = 0, k = 0; pos < text.size(); pos += 61, ++k) {
    std::string mutated = text;
    mutated[pos] = flips[k % sizeof flips];
    auto r = load_rule_set_from_string(mutated, "flip.yaml");
    if (!r.ok()) {
      EXPECT_FALSE(r.error().message.empty());
    }
  }
  std::string deep(20000, '[');
  auto d = load_rule_set_from_string("id: a\ntitle: " + deep, "deep.yaml");
  EXPECT_FALSE(d.ok());
}

TEST(RuleLoader, CorpusFilesAreRejectedCleanly) {
  int tried = 0;
  for (const auto& dir : {"pdf", "zip", "exif", "seals"}) {
    std::error_code ec;
    for (fs::directory_iterator it(fs::path(testing::corpus_dir()) / dir, ec), end; !ec && it != end;
         it.increment(ec)) {
      if (!it->is_regular_file() || it->file_size() > 3 * 1024 * 1024) continue;
      auto r = load_rule_set(it->path().string());
      EXPECT_FALSE(r.ok()) << it->path();
      if (!r.ok()) {
        EXPECT_FALSE(r.error().message.empty());
      }
      ++tried;
    }
  }
  EXPECT_GT(tried, 50);
}

TEST(RuleLoader, ListRuleSetsSortedAndSkipsBrokenFiles) {
  testing::TempDir dir;
  dir.write("b-tasks.yaml",
            "id: b\ntitle: 乙\nscored: false\nindicators:\n  - id: t1\n    title: 任务\n    mode: tasks\n");
  dir.write("a.yaml", kMinimal);
  dir.write("broken.yaml", "id: [\n");
  dir.write("notes.txt", kMinimal);
  dir.write("sub/c.yaml", kMinimal);
  const auto sets = list_rule_sets(dir.str());
  ASSERT_EQ(sets.size(), 2u);
  EXPECT_EQ(sets[0].id, "mini");
  EXPECT_EQ(sets[0].title, "测试规则");
  EXPECT_TRUE(sets[0].scored);
  EXPECT_EQ(fs::path(sets[0].path).filename(), "a.yaml");
  EXPECT_EQ(sets[1].id, "b");
  EXPECT_FALSE(sets[1].scored);

  EXPECT_TRUE(list_rule_sets((dir.path() / "missing").string()).empty());

  const auto real = list_rule_sets(testing::source_dir() + "/rules");
  EXPECT_TRUE(std::any_of(real.begin(), real.end(), [](const RuleSetInfo& s) { return s.id == "shandong-2025"; }));
}

}  // namespace
}  // namespace evpack
