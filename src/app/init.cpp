#include "evpack/app/init.hpp"

#include <boost/filesystem.hpp>
#include <cmath>
#include <cstdio>

#include "evpack/evaluate/mapping.hpp"
#include "evpack/rules/folder_names.hpp"
#include "evpack/util/atomic_file.hpp"
#include "evpack/util/format.hpp"
#include "evpack/util/system_error.hpp"

namespace evpack {

namespace fs = boost::filesystem;

namespace {

std::string evidence_label(EvidenceKind kind) {
  switch (kind) {
    case EvidenceKind::Document: return "正式文件（PDF扫描件，带红头、文号、公章）";
    case EvidenceKind::Photo: return "现场照片（水印相机拍摄，带时间水印）";
    case EvidenceKind::Screenshot: return "网页/系统截图（能看到发布或查询时间）";
    case EvidenceKind::Ledger: return "台账或记录（Excel/Word/PDF）";
    case EvidenceKind::Video: return "视频";
    case EvidenceKind::Any: return "任意能证明工作的材料";
  }
  return "";
}

std::string mode_advice(const Indicator& ind, int year) {
  const std::string y = year ? std::to_string(year) + "年" : "";
  switch (ind.mode) {
    case ScoringMode::PerQuarter:
      return "按季度计分：请在本文件夹下建“" + y + "第一季度”…“" + y + "第四季度”子文件夹，每季度都要有材料" +
             (ind.per_period_max > 1 ? "（每季度最多计" + std::to_string(ind.per_period_max) + "条）" : "") +
             (ind.no_backfill ? "；不允许补报，按发布日期计入季度" : "") + "。";
    case ScoringMode::PerMonth:
      return "按月计分：每月一份，文件名写明日期（如“" + y + "3月10日报送.pdf”）" +
             (ind.deadline_day ? "；须在每月" + std::to_string(ind.deadline_day) + "日前报送，逾期当月不计分" : "") +
             "。";
    case ScoringMode::PerItem: return "按项计分：每项活动/案例单独建一个子文件夹，放通知、照片、报道等。";
    case ScoringMode::PerDomain: return "按领域计分：每个重点领域（如“道路运输-机动车维修”）单独建一个子文件夹。";
    case ScoringMode::SubItems: return "分项计分：各分项材料都要有（见下）。";
    default: return "";
  }
}

Error link_error(const std::string& link) {
  return Error{"INIT_SYMLINK",
               "目录中的“" + link +
                   "”是符号链接（可能指向目录以外），为免写到别处，拒绝在其中建立文件夹或文件；请删除该链接后重试"};
}

}  // namespace

std::string indicator_guide_text(const RuleSet& rules, const Indicator& ind) {
  std::string t;
  t += "指标 " + ind.id + " " + ind.title + "\n";
  if (rules.scored) t += "分值：" + format_points(ind.points) + "分/单位，最多" + format_points(ind.cap) + "分\n";
  if (!ind.due.empty()) t += "完成时限：" + ind.due + "\n";
  t += "责任科室（单位）：" + join(ind.units, "、") + "\n\n";
  t += "评分标准：\n" + ind.criterion + "\n\n";
  t += "需要的材料：\n";
  for (const auto kind : ind.evidence) t += "  · " + evidence_label(kind) + "\n";
  if (!ind.sub_items.empty()) {
    t += "分项：\n";
    for (const auto& sub : ind.sub_items) t += "  · " + sub.title + "（" + format_points(sub.points) + "分）\n";
  }
  const std::string advice = mode_advice(ind, rules.year);
  if (!advice.empty()) t += "\n" + advice + "\n";
  bool warned = false;
  for (const auto& rule : ind.zero_rules) {
    if (rules.role_of_deduction(rule) == DeductionRole::DocumentForm) {
      t += "\n注意：制度、方案、办法等文件必须同时具备红头、文号、公章，缺一项本指标计0分。\n";
      warned = true;
    } else if (rules.role_of_deduction(rule) == DeductionRole::PhotoTime) {
      t += (warned ? "" : "\n") +
           std::string("注意：会议、活动照片必须用水印相机拍摄（带真实时间水印），否则本指标计0分。\n");
      warned = true;
    }
  }
  for (const auto& cond : ind.conditions) t += "条件：" + cond.text + "\n";
  t += "\n本文件由 evpack init 生成，检查时会被忽略，可以保留也可以删除。\n";
  return t;
}

Expected<InitSummary> init_evidence_tree(const std::string& dir, const RuleSet& rules) {
  InitSummary summary;
  boost::system::error_code ec;
  const fs::path root(dir);
  fs::create_directories(root, ec);
  if (ec) return Error{"INIT_FAILED", "无法创建目录 " + dir + "：" + system_error_zh(ec)};

  // A symlinked folder inside the tree would send folders and guides outside it.
  std::string link;
  const auto make_dir = [&](const fs::path& p) -> bool {
    link = symlink_below(dir, p.string());
    if (!link.empty()) return false;
    if (fs::is_directory(p, ec)) {
      ++summary.existing_kept;
      return true;
    }
    fs::create_directories(p, ec);
    if (ec) return false;
    ++summary.folders_created;
    return true;
  };
  const auto write_guide = [&](const fs::path& p, const std::string& text) -> Expected<bool> {
    if (const std::string l = symlink_below(dir, p.string()); !l.empty()) return link_error(l);
    if (fs::exists(p, ec)) return true;  // never overwrite what a user may have edited
    std::string crlf = "\xEF\xBB\xBF";
    for (const char c : text) {
      if (c == '\n') crlf += '\r';
      crlf += c;
    }
    auto ok = write_file_atomically(p.string(), crlf);
    if (ok) ++summary.guides_written;
    return ok;
  };

  const auto failed = [&](const fs::path& p) -> Error {
    if (!link.empty()) return link_error(link);
    return Error{"INIT_FAILED", "无法创建目录 " + p.string() + "：" + system_error_zh(ec)};
  };

  for (const auto& cat : rules.categories) {
    const fs::path cat_dir = root / category_folder_name(rules, cat);
    if (!make_dir(cat_dir)) return failed(cat_dir);
    for (const auto& ind : rules.indicators) {
      if (ind.category != cat.id) continue;
      const fs::path ind_dir = cat_dir / indicator_folder_name(ind);
      if (!make_dir(ind_dir)) return failed(ind_dir);
      auto ok = write_guide(ind_dir / kGuideFileName, indicator_guide_text(rules, ind));
      if (!ok) return ok.error();
    }
  }
  if (!rules.bonuses.empty()) {
    const fs::path bonus_dir = root / bonus_folder_name(rules);
    if (!make_dir(bonus_dir)) return failed(bonus_dir);
    for (const auto& b : rules.bonuses) {
      const fs::path d = bonus_dir / bonus_item_folder_name(b);
      if (!make_dir(d)) return failed(d);
      auto ok = write_guide(d / kGuideFileName,
                            "加分项 " + b.id + " " + b.title + "\n加分：" + format_points(b.points) + "分" +
                                (b.cap > b.points ? "/项，最多" + format_points(b.cap) + "分" : "") +
                                "\n责任科室（单位）：" + join(b.units, "、") + "\n\n评分标准：\n" + b.criterion +
                                "\n\n本文件由 evpack init 生成，检查时会被忽略。\n");
      if (!ok) return ok.error();
    }
  }
  return summary;
}

}  // namespace evpack
