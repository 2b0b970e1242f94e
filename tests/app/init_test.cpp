#include "evpack/app/init.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "evpack/rules/folder_names.hpp"
#include "support/rule_fixture.hpp"
#include "support/temp_dir.hpp"

namespace evpack {
namespace {

namespace fs = std::filesystem;

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST(Layout, FolderNamesFollowTheTable) {
  const RuleSet rules = testing::small_rule_set();
  EXPECT_EQ(category_folder_name(rules, rules.categories[0]), "01 制度建设（13分）");
  EXPECT_EQ(indicator_folder_name(rules.indicators[0]), "1.1 成立领导小组");
  EXPECT_EQ(bonus_folder_name(rules), "06 加分项");
  EXPECT_EQ(bonus_item_folder_name(rules.bonuses[0]), "1 创新经验被推广");
}

TEST(Layout, WindowsSafeNames) {
  EXPECT_EQ(windows_safe_name("a/b:c*?"), "a_b_c__");
  EXPECT_EQ(windows_safe_name("报告. "), "报告");
  EXPECT_EQ(windows_safe_name("CON.txt"), "_CON.txt");
  EXPECT_EQ(windows_safe_name(""), "_");
}

TEST(Init, CreatesOneFolderPerIndicatorWithAGuide) {
  testing::TempDir tmp;
  const RuleSet rules = testing::small_rule_set();
  const auto summary = init_evidence_tree((tmp.path() / "材料").string(), rules);
  ASSERT_TRUE(summary) << summary.error().message;
  const fs::path guide = tmp.path() / "材料" / "01 制度建设（13分）" / "1.4 领导小组季度会议" / "说明.txt";
  ASSERT_TRUE(fs::exists(guide));
  const std::string text = read(guide);
  EXPECT_EQ(text.substr(0, 3), "\xEF\xBB\xBF");         // BOM for old Notepad
  EXPECT_NE(text.find("\r\n"), std::string::npos);      // CRLF
  EXPECT_NE(text.find("第一季度"), std::string::npos);  // per-quarter advice
  EXPECT_NE(text.find("水印"), std::string::npos);      // D.7 warning
  EXPECT_EQ(summary->guides_written, static_cast<int>(rules.indicators.size() + rules.bonuses.size()));
  EXPECT_TRUE(fs::is_directory(tmp.path() / "材料" / "06 加分项" / "1 创新经验被推广"));
}

TEST(Init, NeverOverwritesAndKeepsExistingFolders) {
  testing::TempDir tmp;
  const RuleSet rules = testing::small_rule_set();
  const std::string dir = (tmp.path() / "材料").string();
  ASSERT_TRUE(init_evidence_tree(dir, rules));
  const fs::path guide = tmp.path() / "材料" / "01 制度建设（13分）" / "1.1 成立领导小组" / "说明.txt";
  { std::ofstream(guide, std::ios::binary) << "edited"; }
  const auto again = init_evidence_tree(dir, rules);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->folders_created, 0);
  EXPECT_GT(again->existing_kept, 0);
  EXPECT_EQ(read(guide), "edited");
}

// Regression (issue 24): init created folders and guides through a symlinked folder inside
// the target tree, i.e. outside it.
TEST(Init, RefusesToWriteThroughASymlinkedFolder) {
  testing::TempDir tmp;
  const RuleSet rules = testing::small_rule_set();
  const fs::path tree = tmp.path() / "材料";
  const fs::path outside = tmp.path() / "别处";
  fs::create_directories(tree);
  fs::create_directories(outside);
  fs::create_directory_symlink(outside, tree / "01 制度建设（13分）");
  const auto summary = init_evidence_tree(tree.string(), rules);
  ASSERT_FALSE(summary);
  EXPECT_EQ(summary.error().code, "INIT_SYMLINK");
  EXPECT_NE(summary.error().message.find("符号链接"), std::string::npos) << summary.error().message;
  EXPECT_TRUE(fs::is_empty(outside));

  // A symlinked guide file is not written through either.
  testing::TempDir tmp2;
  const fs::path tree2 = tmp2.path() / "材料";
  ASSERT_TRUE(init_evidence_tree(tree2.string(), rules));
  const fs::path guide = tree2 / "01 制度建设（13分）" / "1.1 成立领导小组" / "说明.txt";
  fs::remove(guide);
  fs::create_symlink(tmp2.path() / "victim.txt", guide);
  const auto again = init_evidence_tree(tree2.string(), rules);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, "INIT_SYMLINK");
  EXPECT_FALSE(fs::exists(tmp2.path() / "victim.txt"));
}

}  // namespace
}  // namespace evpack
