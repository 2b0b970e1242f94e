// A hand-built rule set shaped like the Shandong 2025 table (a subset), so
// mapping and evaluation tests do not depend on the YAML loader.
#pragma once

#include "evpack/rules/rule_set.hpp"

namespace evpack::testing {

inline Indicator make_indicator(std::string id, std::string category, std::string title, ScoringMode mode,
                                double points, double cap, std::vector<std::string> keywords,
                                std::vector<std::string> zero_rules = {}) {
  Indicator ind;
  ind.id = std::move(id);
  ind.category = std::move(category);
  ind.title = std::move(title);
  ind.mode = mode;
  ind.points = points;
  ind.cap = cap;
  ind.keywords = std::move(keywords);
  ind.zero_rules = std::move(zero_rules);
  ind.units = {"局法制科"};
  return ind;
}

inline RuleSet small_rule_set() {
  RuleSet rules;
  rules.id = "test";
  rules.title = "测试规则";
  rules.year = 2025;
  rules.total = 100;
  rules.categories = {{0, "1", "制度建设", 13, {"组织领导"}},
                      {0, "2", "联动机制", 5, {}},
                      {0, "3", "信息管理", 12, {}},
                      {0, "4", "信用应用", 25, {}},
                      {0, "5", "诚信宣传", 15, {}}};
  Indicator i11 =
      make_indicator("1.1", "1", "成立领导小组", ScoringMode::SubItems, 3, 3, {"领导小组", "专班"}, {"D.6"});
  i11.evidence = {EvidenceKind::Document};
  i11.sub_items = {{"group", "成立领导小组", 1, 0, {"领导小组"}, std::nullopt},
                   {"office", "设立办公室或专班", 2, 0, {"专班", "办公室"}, std::nullopt}};
  Indicator i12 = make_indicator("1.2", "1", "创建工作方案", ScoringMode::Once, 4, 4, {"工作方案"}, {"D.6"});
  i12.evidence = {EvidenceKind::Document};
  i12.conditions = {{"gov_site",
                     "创建工作方案须在所在地人民政府网站主动公开和发布，否则不得分",
                     {"政府网站", "政府网", "公开"},
                     true,
                     "政府网站公开"}};
  Indicator i13 =
      make_indicator("1.3", "1", "落实年度工作要点", ScoringMode::Once, 2, 2, {"工作要点", "年度计划"}, {"D.6"});
  i13.evidence = {EvidenceKind::Document};
  Indicator i14 =
      make_indicator("1.4", "1", "领导小组季度会议", ScoringMode::PerQuarter, 1, 4, {"季度会议", "专题学习"}, {"D.7"});
  Indicator i21 = make_indicator("2.1", "2", "市局对接", ScoringMode::PerQuarter, 1, 4, {"市局对接", "对接"}, {"D.7"});
  Indicator i31 = make_indicator("3.1", "3", "信息报送", ScoringMode::PerQuarter, 1, 8, {"信息报送"});
  i31.per_period_max = 2;
  i31.no_backfill = true;
  i31.excludes = {"5.3"};
  Indicator i42 = make_indicator("4.2", "4", "信用评价", ScoringMode::PerDomain, 2, 8, {"信用评价"}, {"D.6"});
  Indicator i52 =
      make_indicator("5.2", "5", "主题活动", ScoringMode::PerItem, 1.5, 3, {"诚信春运", "诚信建设万里行"}, {"D.7"});
  Indicator i53 = make_indicator("5.3", "5", "一把手谈信用", ScoringMode::Once, 1, 2, {"一把手谈信用"});
  Indicator i54 = make_indicator("5.4", "5", "月度案例报送", ScoringMode::PerMonth, 2, 6, {"典型案例", "月度报送"});
  i54.deadline_day = 15;
  rules.indicators = {i11, i12, i13, i14, i21, i31, i42, i52, i53, i54};
  rules.bonuses = {{0, "B.1", "创新经验被推广", "", 2, 2, {"局办公室"}, {"推广"}},
                   {0, "B.6", "市级网站发布", "", 0.5, 2, {"局法制科"}, {"市级网站"}}};
  rules.deductions = {
      {0, "D.1", "弄虚作假", "", DeductionEffect::ZeroTotal, 0, true, {}, DeductionRole::Fabrication},
      {0, "D.3", "失信惩戒不当", "", DeductionEffect::MinusPerDomain, 3, false, {}, DeductionRole::SanctionMisuse},
      {0, "D.5", "材料凌乱", "", DeductionEffect::MinusOnce, 3, true, {}, DeductionRole::ArchiveOrder},
      {0,
       "D.6",
       "三要素",
       "",
       DeductionEffect::ZeroIndicator,
       0,
       true,
       {},
       DeductionRole::DocumentForm,
       {"方案", "办法", "制度", "通知", "意见", "规定", "细则", "要点", "计划", "决定", "机制", "规则", "政策"},
       {"台账", "记录", "签到", "截图", "报道", "新闻", "照片", "纪要", "简报", "总结", "汇报", "名单", "报告", "信息",
        "案例", "课件", "发言", "承诺书", "申请"}},
      {0, "D.7", "时间水印", "", DeductionEffect::ZeroIndicator, 0, true, {}, DeductionRole::PhotoTime}};
  rules.domains = {{"道路运输", {"道路客运", "道路货运", "城市交通", "机动车维修", "驾驶员培训"}},
                   {"公路工程建设", {"公路设计", "公路施工"}}};
  return rules;
}

}  // namespace evpack::testing
