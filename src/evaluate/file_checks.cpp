#include "evpack/evaluate/file_checks.hpp"

#include <algorithm>
#include <filesystem>
#include <optional>

#include "evpack/adapters/table_reader.hpp"
#include "evpack/evaluate/privacy.hpp"
#include "evpack/evaluate/publicity.hpp"
#include "evpack/rules/calendar.hpp"

namespace evpack {

void add_privacy_findings(Evidence& e, const std::string& path) {
  std::string cells;
  if (e.inspection.text.empty() &&
      (e.file.kind == ContentKind::Xlsx || e.file.kind == ContentKind::Text || e.file.kind == ContentKind::OleOffice)) {
    if (auto sheets = read_table(path)) cells = table_text(sheets.value());
  }
  const std::string& text = cells.empty() ? e.inspection.text : cells;
  std::vector<PrivacyHit> hits;
  if (!text.empty()) hits = scan_privacy(text, text.find('\f') != std::string::npos ? 1 : 0);
  // The body of a scan or photo of paper, read whole by OCR (its key regions are in
  // `text` too: a number found in both is counted once, by its masked form).
  bool from_body = false;
  if (!e.inspection.body_text.empty()) {
    for (PrivacyHit& h : scan_ocr_privacy(e.inspection.body_text, 1)) {
      const bool seen = std::any_of(hits.begin(), hits.end(),
                                    [&](const PrivacyHit& o) { return o.kind == h.kind && o.masked == h.masked; });
      if (seen) continue;
      hits.push_back(std::move(h));
      from_body = true;
    }
  }
  if (hits.empty()) return;
  auto findings = privacy_findings(hits, e.file.rel_path);
  if (from_body) {
    for (Finding& f : findings) {
      if (f.code.rfind("PRIVACY_", 0) == 0)
        f.message += "（据“" + e.file.file_name() + "”正文的文字识别结果，请对照原件核对）";
    }
  }
  e.inspection.findings.insert(e.inspection.findings.end(), findings.begin(), findings.end());
}

std::vector<Finding> check_publicity_ledgers(const RuleSet& rules, std::vector<Evidence>& evidence,
                                             const std::string& calendar_path, const std::string& root) {
  std::vector<Finding> notes;
  const Deduction* deduction = rules.deduction_for(DeductionRole::PublicityDelay);
  if (!deduction) return notes;
  const std::string& rule = deduction->id;
  std::optional<Expected<WorkCalendar>> calendar;
  bool any = false;
  for (Evidence& e : evidence) {
    if (!is_publicity_ledger_path(e.file.rel_path)) continue;
    any = true;
    // The ledger is the material the deduction is checked against: it belongs to the
    // deduction (packed under 扣分项核查材料), not to the unmapped files.
    if (e.placement.indicator.empty()) {
      e.placement.indicator = rule;
      e.placement.loose_at_root = false;
      e.placement.how =
          e.file.file_name().find("双公示") != std::string::npos ? MappedBy::FileName : MappedBy::FolderTitle;
      e.placement.why = "双公示台账，用于扣分项" + rule + "（" + deduction->title + "）的核查";
    }
    if (!calendar) calendar = load_work_calendar(calendar_path);
    const std::string path =
        e.file.disk_path.empty() ? (std::filesystem::path(root) / e.file.rel_path).string() : e.file.disk_path;
    PublicityOptions publicity;
    publicity.file = e.file.rel_path;
    static const WorkCalendar kNoCalendar;
    const WorkCalendar& days = calendar->ok() ? calendar->value() : kNoCalendar;
    auto sheets = read_table(path);
    const PublicityResult checked = sheets ? evaluate_publicity_ledger(sheets.value(), days, publicity)
                                           : evaluate_publicity_ledger(path, days, publicity);
    auto& findings = e.inspection.findings;
    findings.insert(findings.end(), checked.findings.begin(), checked.findings.end());
    // Its cells were scanned for personal numbers with every other file's text.
  }
  if (any && calendar && !calendar->ok()) {
    notes.push_back(
        {"CALENDAR_UNREADABLE", Severity::Warning, rule, "", "",
         "工作日日历无法读取，双公示台账中决定后超过7天才公示的条目无法判断是否超时：" + calendar->error().message,
         "确认规则文件旁的 calendar/cn-holidays.yaml 存在且格式正确", DeductionRole::PublicityDelay});
  }
  if (!any) {
    notes.push_back({"D4_LEDGER_MISSING", Severity::Info, rule, "", "",
                     "未找到双公示台账（文件名或文件夹含“双公示”的 .xlsx、.xls 或 .csv），公示时限未能自动检查",
                     "如有双公示台账，请以 .xlsx、.xls 或 .csv 格式放入材料，文件名含“双公示”",
                     DeductionRole::PublicityDelay});
  }
  return notes;
}

}  // namespace evpack
