#include "evpack/package/package_plan.hpp"

#include <gtest/gtest.h>

#include <cctype>
#include <set>

#include "evpack/evaluate/mapping.hpp"
#include "evpack/rules/rule_loader.hpp"
#include "support/temp_dir.hpp"

namespace evpack {
namespace {

const RuleSet& shandong() {
  static const RuleSet rules = load_rule_set(testing::source_dir() + "/rules/shandong-2025.yaml").value();
  return rules;
}

Evidence evidence(const std::string& rel_path, ContentKind kind, const std::string& date = "") {
  Evidence e;
  e.file.rel_path = rel_path;
  e.file.disk_path = "/nonexistent/" + rel_path;
  e.file.kind = kind;
  const auto dot = rel_path.rfind('.');
  e.file.extension = dot == std::string::npos ? "" : rel_path.substr(dot + 1);
  e.file.size = 1000;
  e.file.sha256 = std::string(64, 'a');
  e.inspection.kind = kind;
  if (!date.empty()) {
    Timestamp t;
    t.date = {std::stoi(date.substr(0, 4)), std::stoi(date.substr(5, 2)), std::stoi(date.substr(8, 2))};
    e.inspection.date.value = t;
    e.inspection.date.source = DateSource::FileName;
  }
  e.placement = map_file(shandong(), e.file);
  return e;
}

CheckResult check_with(std::vector<Evidence> files) {
  CheckResult check;
  check.rules = shandong();
  check.evidence = std::move(files);
  return check;
}

std::string path_of(const PackagePlan& plan, const std::string& original) {
  for (const auto& f : plan.files) {
    if (f.original == original) return f.path;
  }
  return "(missing)";
}

TEST(PackagePlan, ReadableStemDropsDatesNumbersAndCameraNames) {
  const auto named = evidence("一、制度建设/1.1成立领导小组/2025.3.18 领导小组会议.jpg", ContentKind::Jpeg);
  EXPECT_EQ(readable_stem(named, "成立领导小组"), "领导小组会议");
  EXPECT_EQ(readable_stem(evidence("1.1成立领导小组/01-会议纪要.pdf", ContentKind::Pdf), "x"), "会议纪要");
  EXPECT_EQ(readable_stem(evidence("1.1成立领导小组/（2）会议纪要.pdf", ContentKind::Pdf), "x"), "会议纪要");
  EXPECT_EQ(readable_stem(evidence("1.1成立领导小组/会议纪要20250318.pdf", ContentKind::Pdf), "x"), "会议纪要");
  // "3月" is part of the name, not a list number.
  EXPECT_EQ(readable_stem(evidence("1.1成立领导小组/3月会议.pdf", ContentKind::Pdf), "x"), "3月会议");

  auto camera = evidence("1.4领导小组会议/2025年第三季度/IMG_20250916_090027.jpg", ContentKind::Jpeg);
  EXPECT_EQ(readable_stem(camera, "领导小组季度推进"), "领导小组季度推进照片");
  auto wechat = evidence("1.4领导小组会议/专题推进会/微信图片_20250318093012.jpg", ContentKind::Jpeg);
  EXPECT_EQ(readable_stem(wechat, "领导小组季度推进"), "专题推进会照片");  // the item folder names the event
  auto scan = evidence("1.1成立领导小组/扫描全能王 2025-03-18 10.22.pdf", ContentKind::Pdf);
  scan.inspection.document = DocumentFacts{};
  scan.inspection.document->title = "关于成立信用交通县创建工作领导小组的通知";
  EXPECT_EQ(readable_stem(scan, "成立领导小组"), "关于成立信用交通县创建工作领导小组的通知");
}

TEST(PackagePlan, MethodStoresCompressedFormats) {
  EXPECT_EQ(method_for(ContentKind::Jpeg), ZipMethod::Store);
  EXPECT_EQ(method_for(ContentKind::Pdf), ZipMethod::Store);
  EXPECT_EQ(method_for(ContentKind::Heic), ZipMethod::Store);
  EXPECT_EQ(method_for(ContentKind::Video), ZipMethod::Store);
  EXPECT_EQ(method_for(ContentKind::Docx), ZipMethod::Store);
  EXPECT_EQ(method_for(ContentKind::Text), ZipMethod::Deflate);
  EXPECT_EQ(method_for(ContentKind::OleOffice), ZipMethod::Deflate);
}

TEST(PackagePlan, NamesFoldersOrderAndFixedExtensions) {
  auto png_as_jpg = evidence("3.信息管理/3.2数据共享/共享截图.jpg", ContentKind::Png);
  png_as_jpg.file.extension_mismatch = true;
  const auto check =
      check_with({evidence("一、制度建设（13分）/1.1成立领导小组/b 通知.pdf", ContentKind::Pdf, "2025-03-20"),
                  evidence("一、制度建设（13分）/1.1成立领导小组/a 名单.pdf", ContentKind::Pdf, "2025-02-01"),
                  evidence("一、制度建设（13分）/1.1成立领导小组/c 附件.pdf", ContentKind::Pdf), png_as_jpg});
  PlanOptions options;
  options.bag_name = "青石县验收材料";
  auto plan = plan_package(check, options);
  ASSERT_TRUE(plan.ok()) << plan.error().message;
  const std::string folder = "data/01 制度建设（13分）/1.1 成立领导小组/";
  // Dated files first, by date; undated last.
  EXPECT_EQ(path_of(*plan, check.evidence[1].file.rel_path), folder + "01-2025-02-01 a 名单.pdf");
  EXPECT_EQ(path_of(*plan, check.evidence[0].file.rel_path), folder + "02-2025-03-20 b 通知.pdf");
  EXPECT_EQ(path_of(*plan, check.evidence[2].file.rel_path), folder + "03 c 附件.pdf");
  EXPECT_EQ(path_of(*plan, "3.信息管理/3.2数据共享/共享截图.jpg"),
            "data/03 信息管理（12分）/3.2 信用数据共享/01 共享截图.png");
  EXPECT_EQ(plan->files.back().original, "3.信息管理/3.2数据共享/共享截图.jpg");
  EXPECT_TRUE(plan->files.back().extension_fixed);
}

TEST(PackagePlan, DeductionMaterialGoesAfterTheBonusGroup) {
  // run_check places a 双公示 ledger under D.4: it is packed in its own folder.
  auto ledger = evidence("04信用应用/双公示/2025年双公示台账.xlsx", ContentKind::Xlsx);
  ledger.placement.indicator = "D.4";
  const auto check = check_with({ledger, evidence("一、制度建设（13分）/1.1成立领导小组/通知.pdf", ContentKind::Pdf)});
  auto plan = plan_package(check, PlanOptions{});
  ASSERT_TRUE(plan.ok()) << plan.error().message;
  EXPECT_EQ(path_of(*plan, "04信用应用/双公示/2025年双公示台账.xlsx"),
            "data/09 扣分项核查材料/D.4 双公示迟报漏报瞒报/01 2025年双公示台账.xlsx");
  EXPECT_EQ(plan->files.back().original, "04信用应用/双公示/2025年双公示台账.xlsx");
}

TEST(PackagePlan, UnmappedFilesRefuseExcludeOrOtherFolderAndAssignmentsWin) {
  const auto check =
      check_with({evidence("一、制度建设（13分）/1.1成立领导小组/通知.pdf", ContentKind::Pdf),
                  evidence("其他/杂项.docx", ContentKind::Docx), evidence("其他/市局通知.pdf", ContentKind::Pdf)});
  ASSERT_TRUE(check.evidence[1].placement.indicator.empty());
  PlanOptions options;
  auto refused = plan_package(check, options);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, "PACK_UNMAPPED_FILES");
  EXPECT_NE(refused.error().message.find("其他/杂项.docx"), std::string::npos);

  options.unmapped = UnmappedPolicy::Exclude;
  auto excluded = plan_package(check, options);
  ASSERT_TRUE(excluded.ok());
  EXPECT_EQ(excluded->files.size(), 1u);
  EXPECT_EQ(excluded->left_out.size(), 2u);

  options.unmapped = UnmappedPolicy::OtherFolder;
  options.assignments = {{"其他/市局通知.pdf", "2.1"}};
  auto other = plan_package(check, options);
  ASSERT_TRUE(other.ok());
  EXPECT_EQ(path_of(*other, "其他/杂项.docx"), "data/99 未归类材料/其他/杂项.docx");
  EXPECT_EQ(path_of(*other, "其他/市局通知.pdf"), "data/02 联动机制（5分）/2.1 市局对接/01 市局通知.pdf");

  options.assignments = {{"其他", "9.9"}};
  EXPECT_EQ(plan_package(check, options).error().code, "PACK_BAD_ASSIGNMENT");
}

TEST(PackagePlan, UnmappedNamesThatCollideTwiceStayDistinct) {
  // X.pdf and x.pdf collide on case-insensitive file systems; the renamed "3-x.pdf" then collides
  // with a third original of that name.
  const auto check = check_with({evidence("其他/X.pdf", ContentKind::Pdf), evidence("其他/x.pdf", ContentKind::Pdf),
                                 evidence("其他/3-x.pdf", ContentKind::Pdf)});
  PlanOptions options;
  options.unmapped = UnmappedPolicy::OtherFolder;
  auto plan = plan_package(check, options);
  ASSERT_TRUE(plan.ok()) << plan.error().message;
  std::set<std::string> lowered;
  for (const auto& f : plan->files) {
    std::string lower = f.path;
    for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    EXPECT_TRUE(lowered.insert(lower).second) << "two files packed as " << f.path;
  }
  EXPECT_EQ(plan->files.size(), 3u);
}

TEST(PackagePlan, GuideFilesAreLeftOutAndUnreadableFilesRefused) {
  auto guide = evidence("一、制度建设（13分）/1.1成立领导小组/说明.txt", ContentKind::Text);
  auto unreadable = evidence("一、制度建设（13分）/1.1成立领导小组/锁定.pdf", ContentKind::Pdf);
  unreadable.file.read_error = "没有读取该文件的权限";
  auto plan = plan_package(
      check_with({guide, evidence("一、制度建设（13分）/1.1成立领导小组/通知.pdf", ContentKind::Pdf)}), {});
  ASSERT_TRUE(plan.ok());
  ASSERT_EQ(plan->left_out.size(), 1u);
  EXPECT_EQ(plan->left_out[0].path, guide.file.rel_path);
  auto refused = plan_package(check_with({unreadable}), {});
  EXPECT_EQ(refused.error().code, "PACK_UNREADABLE_FILES");
  EXPECT_EQ(plan_package(check_with({}), {}).error().code, "PACK_EMPTY");
}

TEST(PackagePlan, LongNamesAreCutToTheWindowsPathBudget) {
  const std::string long_name(300, 'x');
  std::string han;
  for (int i = 0; i < 80; ++i) han += "很";
  const auto check =
      check_with({evidence("一、制度建设（13分）/1.1成立领导小组/" + han + ".pdf", ContentKind::Pdf, "2025-03-01"),
                  evidence("一、制度建设（13分）/1.1成立领导小组/" + han + "2.pdf", ContentKind::Pdf)});
  PlanOptions options;
  options.bag_name = "青石县验收材料";
  options.max_path_units = 60;
  auto plan = plan_package(check, options);
  ASSERT_TRUE(plan.ok());
  for (const auto& f : plan->files) {
    EXPECT_LE(utf16_units(plan->bag_name + "/" + f.path), 60u) << f.path;
    EXPECT_TRUE(f.path.ends_with(".pdf")) << f.path;
  }
  EXPECT_EQ(utf16_units("a很😀"), 4u);
  EXPECT_EQ(safe_component("CON", 10), "_CON");
  EXPECT_EQ(safe_component("会议:纪要?. ", 10), "会议_纪要_");
  EXPECT_EQ(safe_component(long_name, 5), "xxxxx");
}

TEST(PackagePlan, VolumesCutBetweenIndicatorFolders) {
  std::vector<Evidence> files;
  for (int i = 0; i < 4; ++i) {
    files.push_back(evidence("一、制度建设（13分）/1.1成立领导小组/a" + std::to_string(i) + ".pdf", ContentKind::Pdf));
    files.push_back(evidence("二 联动机制/2.2 协调联动机制/b" + std::to_string(i) + ".pdf", ContentKind::Pdf));
  }
  for (auto& f : files) f.file.size = 1 << 20;
  PlanOptions options;
  options.split_size = (4u << 20) + (1u << 20) + 64 * 1024;  // one indicator (4 MiB) plus the reserve
  auto plan = plan_package(check_with(files), options);
  ASSERT_TRUE(plan.ok());
  EXPECT_EQ(plan->volumes, 2);
  for (const auto& f : plan->files) EXPECT_EQ(f.volume, f.indicator == "1.1" ? 0 : 1) << f.path;
  EXPECT_TRUE(plan->oversized_volumes.empty());

  options.split_size = (2u << 20) + (1u << 20);  // smaller than one indicator: cut between files
  auto small = plan_package(check_with(files), options);
  ASSERT_TRUE(small.ok());
  EXPECT_GE(small->volumes, 4);
}

}  // namespace
}  // namespace evpack
