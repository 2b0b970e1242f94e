// The scoring modes of the rule format (docs/rules-format.md): once, per item with a cap,
// per quarter, per month with a deadline day, per distinct domain, sub-items. Each turns
// the items of one indicator into raw points and the reason people read.
#include "evaluator.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

namespace evpack::evaluation {

Evaluator::Raw Evaluator::score_once(const Indicator& ind, const std::vector<Item>& items) {
  const bool any = std::any_of(items.begin(), items.end(), [&](const Item& it) { return in_year(it); });
  if (!any) return {0, "无本年度有效材料"};
  return {ind.cap > 0 ? ind.cap : ind.points, "已有佐证材料"};
}

// A credit-query screenshot read well enough to find some of the four things a
// query must show (查询时间, 事项, 主体, 结果) but not all: the page lacks what
// the criterion asks for (a page read badly shows none or one of them and is
// left to the reviewer).
bool Evaluator::incomplete_query(const Evidence& e) const {
  if (evidence_role(e) != EvidenceRole::Screenshot || !e.inspection.photo) return false;
  const std::size_t found = e.inspection.photo->query_fields.size();
  return found >= 2 && found < kQueryFieldNames.size();
}

Evaluator::Raw Evaluator::score_per_item(const Indicator& ind, const std::vector<Item>& items) {
  int counted = 0;
  int incomplete = 0;
  for (const auto& item : items) {
    if (!in_year(item)) continue;
    const bool only_incomplete_queries = std::all_of(item.members.begin(), item.members.end(),
                                                     [&](std::size_t i) { return incomplete_query(evidence_[i]); });
    if (only_incomplete_queries && !item.members.empty()) {
      ++incomplete;
    } else {
      ++counted;
    }
  }
  Raw raw;
  raw.points = std::min(ind.cap, counted * ind.points);
  raw.if_fixed = std::min(ind.cap, (counted + incomplete) * ind.points);
  raw.reason = "共" + std::to_string(counted) + "项，每项" + format_points(ind.points) + "分，最多" +
               format_points(ind.cap) + "分";
  if (incomplete > 0) raw.reason += "（另有" + std::to_string(incomplete) + "项查询截图缺少查询四要素，未计分）";
  return raw;
}

Evaluator::Raw Evaluator::score_per_quarter(const Indicator& ind, const std::vector<Item>& items, IndicatorResult& r) {
  std::map<int, int> per_quarter;
  for (const auto& item : items) {
    if (!in_year(item) || item.date.quarter == 0) {
      if (item.date.quarter == 0) {
        for (const std::size_t i : item.members) {
          add("PERIOD_UNKNOWN", Severity::Warning, DeductionRole::None, evidence_[i].file.rel_path, ind.id,
              "无法确定材料所属季度（没有读到日期，文件夹也未注明季度）",
              "文件名或文件夹名注明日期或季度，例如“2025年第一季度”");
        }
      }
      continue;
    }
    int quarter = item.date.quarter;
    if (ind.no_backfill) {
      for (const std::size_t i : item.members) {
        const int hint = evidence_[i].placement.quarter_hint;
        const ItemDate d = date_of(evidence_[i]);
        if (hint && !d.from_hint && d.quarter && hint != d.quarter) {
          add("NO_BACKFILL", Severity::Warning, DeductionRole::None, evidence_[i].file.rel_path, ind.id,
              std::string("材料放在") + kQuarterNames[hint] + "文件夹，但日期为 " + d.date.iso() + "（" +
                  kQuarterNames[d.quarter] + "），不允许补报，只能计入" + kQuarterNames[d.quarter],
              "按发布日期归入正确季度；上季度缺的条数无法补报");
        }
      }
    }
    ++per_quarter[quarter];
  }
  double pts = 0;
  std::vector<std::string> parts;
  for (int q = 1; q <= 4; ++q) {
    const int n = std::min(per_quarter[q], std::max(ind.per_period_max, 1));
    if (n > 0) {
      r.quarters_covered.push_back(q);
      pts += n * ind.points;
      if (ind.per_period_max > 1) parts.push_back(std::string(kQuarterNames[q]) + std::to_string(n) + "条");
    } else if (quarter_due(q) && !items.empty()) {
      add("PERIOD_GAP", Severity::Warning, DeductionRole::None, "", ind.id,
          std::string(kQuarterNames[q]) + "无有效材料（指标" + ind.id + " " + ind.title + "）",
          "补充" + std::string(kQuarterNames[q]) + "的材料" + owners(ind));
    }
  }
  pts = std::min(pts, ind.cap);
  std::string reason =
      r.quarters_covered.empty() ? "没有任何季度的有效材料" : "覆盖" + quarter_list(r.quarters_covered);
  if (!parts.empty()) reason += "（" + join(parts, "，") + "）";
  return {pts, reason};
}

Evaluator::Raw Evaluator::score_per_month(const Indicator& ind, const std::vector<Item>& items, IndicatorResult& r) {
  std::set<int> on_time;
  std::set<int> late;
  for (const auto& item : items) {
    if (!in_year(item) || item.date.month == 0) continue;
    const int m = item.date.month;
    if (ind.deadline_day > 0 && item.date.date.valid() && item.date.date.day > ind.deadline_day) {
      late.insert(m);
      continue;
    }
    if (ind.deadline_day > 0 && !item.date.date.valid()) {
      for (const std::size_t i : item.members) {
        add("MONTH_DATE_UNKNOWN", Severity::Warning, DeductionRole::None, evidence_[i].file.rel_path, ind.id,
            "无法读到报送日期，不能确认是否在每月" + std::to_string(ind.deadline_day) + "日前报送",
            "提供带报送日期的材料（如报送截图、回执）");
      }
    }
    on_time.insert(m);
  }
  for (const int m : late) {
    if (on_time.count(m)) continue;
    r.months_late.push_back(m);
    add("MONTH_LATE", Severity::Warning, DeductionRole::None, "", ind.id,
        std::to_string(m) + "月的报送晚于" + std::to_string(ind.deadline_day) + "日，该月不计分",
        "以后每月" + std::to_string(ind.deadline_day) + "日前报送");
  }
  r.months_covered.assign(on_time.begin(), on_time.end());
  const double pts = std::min(ind.cap, static_cast<double>(on_time.size()) * ind.points);
  std::string reason = "按期报送" + std::to_string(on_time.size()) + "个月";
  if (!on_time.empty()) reason += "（" + month_list(r.months_covered) + "）";
  if (!r.months_late.empty()) reason += "，逾期" + month_list(r.months_late);
  return {pts, reason};
}

Evaluator::Raw Evaluator::score_per_domain(const Indicator& ind, const std::vector<Item>& items, IndicatorResult& r) {
  std::set<std::string> domains;
  bool unknown = false;
  for (const auto& item : items) {
    if (!in_year(item)) continue;
    std::string domain;
    for (const std::size_t i : item.members) {
      const Evidence& e = evidence_[i];
      domain = e.placement.domain;
      if (domain.empty()) domain = find_domain(rules_, e.inspection.text.substr(0, 4000));
      if (!domain.empty()) break;
    }
    if (domain.empty()) {
      unknown = true;
    } else {
      domains.insert(domain);
    }
  }
  if (domains.empty() && unknown) {
    add("DOMAIN_UNKNOWN", Severity::Warning, DeductionRole::None, "", ind.id,
        "指标" + ind.id + "的材料未注明重点领域，暂按1个领域估算",
        "按领域分文件夹存放（如“道路运输-机动车维修”），每个领域单独计分");
    domains.insert("（未注明领域）");
  }
  r.domains_covered.assign(domains.begin(), domains.end());
  const double pts = std::min(ind.cap, static_cast<double>(domains.size()) * ind.points);
  return {pts, "涉及" + std::to_string(domains.size()) + "个领域" +
                   (domains.empty() ? "" : "（" + join(r.domains_covered, "、") + "）")};
}

Evaluator::Raw Evaluator::score_sub_items(const Indicator& ind, const std::vector<std::size_t>& members,
                                          IndicatorResult& r) {
  double pts = 0;
  std::vector<std::string> parts;
  for (const auto& sub : ind.sub_items) {
    std::vector<std::size_t> mine;
    for (const std::size_t i : members) {
      const Evidence& e = evidence_[i];
      std::vector<std::string> words = sub.keywords;
      words.push_back(sub.title);
      if (e.placement.sub_item == sub.id || contains_any(e.file.file_name(), words) ||
          contains_any(e.inspection.text, words)) {
        mine.push_back(i);
      }
    }
    if (mine.empty()) {
      parts.push_back(sub.title + "：缺");
      continue;
    }
    double sub_pts = sub.points;
    if (sub.mode && *sub.mode == ScoringMode::PerMonth) {
      sub_pts = score_monthly_sub_item(ind, sub, mine, r, parts);
    } else {
      parts.push_back(sub.title + "：有");
    }
    if (sub.cap > 0) sub_pts = std::min(sub_pts, sub.cap);
    if (sub_pts > 0) r.sub_items_met.push_back(sub.id);
    pts += sub_pts;
  }
  return {std::min(pts, ind.cap), join(parts, "；")};
}

// A sub-item kept monthly (工作记录, 台账): its points in proportion to the months due that
// have a record, rounded down to half points; the missing months are a gap.
double Evaluator::score_monthly_sub_item(const Indicator& ind, const SubItem& sub, const std::vector<std::size_t>& mine,
                                         IndicatorResult& r, std::vector<std::string>& parts) {
  std::set<int> months;
  for (const std::size_t i : mine) {
    const ItemDate d = date_of(evidence_[i]);
    if (d.month && (!d.date.valid() || !year_ || d.date.year == year_)) months.insert(d.month);
  }
  int due = 0;
  for (int m = 1; m <= 12; ++m) due += month_due(m, 0) ? 1 : 0;
  due = std::max(due, 1);
  const double ratio = std::min(1.0, static_cast<double>(months.size()) / due);
  const double points = std::floor(sub.points * ratio * 2.0) / 2.0;
  std::vector<int> covered(months.begin(), months.end());
  r.months_covered = covered;
  parts.push_back(sub.title + "：" + std::to_string(months.size()) + "/" + std::to_string(due) + "个月");
  if (static_cast<int>(months.size()) < due) {
    std::vector<int> missing;
    for (int m = 1; m <= 12; ++m) {
      if (month_due(m, 0) && !months.count(m)) missing.push_back(m);
    }
    add("PERIOD_GAP", Severity::Warning, DeductionRole::None, "", ind.id,
        sub.title + "缺少" + month_list(missing) + "的记录", "补齐每月的工作记录或台账" + owners(ind));
  }
  return points;
}

// The raw points of a scored indicator by its mode (tasks are covered, not scored).
Evaluator::Raw Evaluator::score_mode(const Indicator& ind, const std::vector<std::size_t>& members,
                                     IndicatorResult& r) {
  const std::vector<Item> items = group_items(members);
  switch (ind.mode) {
    case ScoringMode::Once: return score_once(ind, items);
    case ScoringMode::PerItem: return score_per_item(ind, items);
    case ScoringMode::PerQuarter: return score_per_quarter(ind, items, r);
    case ScoringMode::PerMonth: return score_per_month(ind, items, r);
    case ScoringMode::PerDomain: return score_per_domain(ind, items, r);
    case ScoringMode::SubItems: return score_sub_items(ind, members, r);
    case ScoringMode::Tasks: break;  // score_task
  }
  return {};
}

}  // namespace evpack::evaluation
