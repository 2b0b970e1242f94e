#include "evpack/evaluate/mapping.hpp"

#include <gtest/gtest.h>

#include "support/rule_fixture.hpp"

namespace evpack {
namespace {

FileRecord file(std::string path) {
  FileRecord f;
  f.rel_path = std::move(path);
  return f;
}

class MappingTest : public ::testing::Test {
 protected:
  RuleSet rules = testing::small_rule_set();
  Placement map(const std::string& path) { return map_file(rules, file(path)); }
};

TEST(LeadingNumber, ReadsTheNamingStylesUsersUse) {
  EXPECT_EQ(leading_number("一、制度建设（13分）"), "1");
  EXPECT_EQ(leading_number("01制度建设"), "1");
  EXPECT_EQ(leading_number("1-1 领导小组"), "1.1");
  EXPECT_EQ(leading_number("二 联动机制"), "2");
  EXPECT_EQ(leading_number("一把手谈信用"), "");  // a word, not a number
  EXPECT_EQ(leading_number("一站式服务"), "");
  EXPECT_EQ(leading_number("七探索创新"), "7");
  EXPECT_EQ(leading_number("2.1市局对接"), "2.1");
  EXPECT_EQ(leading_number("3.信息管理"), "3");
  EXPECT_EQ(leading_number("１．２ 工作方案"), "1.2");
  EXPECT_EQ(leading_number("（三）信息管理"), "3");
  EXPECT_EQ(leading_number("十一、其他"), "11");
  EXPECT_EQ(leading_number("1_4季度会议"), "1.4");
}

TEST(LeadingNumber, IgnoresDatesPeriodsAndQuantities) {
  EXPECT_EQ(leading_number("2025年第一季度"), "");
  EXPECT_EQ(leading_number("20250318会议纪要"), "");
  EXPECT_EQ(leading_number("2025.3.18 领导小组会议"), "");
  EXPECT_EQ(leading_number("一季度"), "");
  EXPECT_EQ(leading_number("三月"), "");
  EXPECT_EQ(leading_number("领导小组"), "");
  EXPECT_EQ(leading_number(""), "");
}

TEST(ChineseNumerals, ConvertsUpToNinetyNine) {
  EXPECT_EQ(chinese_numeral_value("一"), 1);
  EXPECT_EQ(chinese_numeral_value("十"), 10);
  EXPECT_EQ(chinese_numeral_value("十二"), 12);
  EXPECT_EQ(chinese_numeral_value("二十"), 20);
  EXPECT_EQ(chinese_numeral_value("九十九"), 99);
  EXPECT_EQ(chinese_numeral_value("abc"), 0);
}

TEST_F(MappingTest, ChineseCategoryAndDottedIndicator) {
  const Placement p = map("一、制度建设（13分）/1.成立领导小组/关于成立领导小组的通知.pdf");
  EXPECT_EQ(p.indicator, "1.1");
  EXPECT_EQ(p.how, MappedBy::FolderNumber);
  EXPECT_FALSE(p.loose_at_root);
}

TEST_F(MappingTest, ZeroPaddedCategoryAndDashedIndicator) {
  EXPECT_EQ(map("01制度建设/1-1 领导小组/名单.pdf").indicator, "1.1");
  EXPECT_EQ(map("01制度建设/1-2 工作方案/方案.pdf").indicator, "1.2");
}

TEST_F(MappingTest, SpaceSeparatedCategory) { EXPECT_EQ(map("二 联动机制/2.1市局对接/通知.pdf").indicator, "2.1"); }

TEST_F(MappingTest, QuarterFolderBelowIndicatorGivesAHint) {
  const Placement p = map("3.信息管理/3.1信息报送/2025年第一季度/截图1.png");
  EXPECT_EQ(p.indicator, "3.1");
  EXPECT_EQ(p.quarter_hint, 1);
  EXPECT_EQ(p.item_key, "");  // a period folder is not an item
}

TEST_F(MappingTest, EventSubFolderIsAnItem) {
  const Placement p = map("五、诚信宣传/2.主题活动/诚信春运/照片1.jpg");
  EXPECT_EQ(p.indicator, "5.2");
  EXPECT_EQ(p.item_key, "五、诚信宣传/2.主题活动/诚信春运");
}

TEST_F(MappingTest, KeywordFallbackWithoutNumbers) {
  const Placement p = map("制度建设/领导小组/文件.pdf");
  EXPECT_EQ(p.indicator, "1.1");
  EXPECT_EQ(p.how, MappedBy::FolderTitle);
  EXPECT_EQ(map("材料/季度会议/2025年第二季度/照片.jpg").indicator, "1.4");
}

TEST_F(MappingTest, FileNameFallback) {
  const Placement p = map("制度建设/1.2创建工作方案.pdf");
  EXPECT_EQ(p.indicator, "1.2");
  EXPECT_EQ(p.how, MappedBy::FileName);
}

TEST_F(MappingTest, LooseAndUnmappedFiles) {
  EXPECT_TRUE(map("说明文档.docx").loose_at_root);
  EXPECT_EQ(map("说明文档.docx").indicator, "");
  const Placement p = map("其他/杂项.docx");
  EXPECT_EQ(p.indicator, "");
  EXPECT_FALSE(p.loose_at_root);
  EXPECT_FALSE(p.why.empty());
}

TEST_F(MappingTest, BonusFolder) {
  EXPECT_EQ(map("08 加分项/1 创新经验被推广/通报.pdf").indicator, "B.1");
  EXPECT_EQ(map("加分项/市级网站发布/截图.png").indicator, "B.6");
}

TEST_F(MappingTest, SubItemAndDomainHints) {
  EXPECT_EQ(map("01制度建设/1.1领导小组/设立专班的通知.pdf").sub_item, "office");
  EXPECT_EQ(map("四、信用应用/4.2信用评价/机动车维修/评价结果.pdf").domain, "机动车维修");
}

TEST_F(MappingTest, GuideFileIsMarked) { EXPECT_TRUE(map("01 制度建设（13分）/1.1 成立领导小组/说明.txt").guide); }

TEST_F(MappingTest, ANoteCalled说明AtTheRootIsALooseFileNotAGuide) {
  // init writes its guide only into indicator folders; the bureau's own 说明.txt
  // at the root (or in a folder that maps nowhere) is a loose note, D.5.
  const Placement root = map("说明.txt");
  EXPECT_FALSE(root.guide);
  EXPECT_TRUE(root.loose_at_root);
  EXPECT_FALSE(map("杂项/说明.txt").guide);
}

TEST_F(MappingTest, NonexistentIndicatorNumberFallsBackToKeywords) {
  // "1.9" does not exist; the title still says 工作方案.
  EXPECT_EQ(map("一、制度建设/1.9 工作方案/方案.pdf").indicator, "1.2");
}

}  // namespace
}  // namespace evpack
