// Task systems (RuleSet::scored == false): each task's time frame, the periods it is
// looked at in, the items found per period against the quantified target, and a status
// (done, partial, missing, not due, out of the years checked) instead of points.
#include "evaluator.hpp"

#include <algorithm>

namespace evpack::evaluation {

// The periods a task is looked at in: every month/quarter/year of its time frame
// when the target is per period, every year of a multi-year frame, else the frame.
std::vector<TaskPeriod> Evaluator::task_periods(const Indicator& ind, const TaskWindow& w) const {
  std::vector<TaskPeriod> out;
  const int per_period = std::max(ind.min_count, 1);
  const auto push = [&](std::string label, CivilDate from, CivilDate to, int required) {
    TaskPeriod p;
    p.label = std::move(label);
    p.from = std::max(from, w.from);
    p.to = std::min(to, w.to);
    p.required = required;
    p.due = !as_of_.valid() || as_of_ > p.to;
    out.push_back(std::move(p));
  };
  const auto month_end = [](int y, int m) {
    const CivilDate next = m == 12 ? CivilDate{y + 1, 1, 1} : CivilDate{y, m + 1, 1};
    return CivilDate::from_days_since_epoch(next.days_since_epoch() - 1);
  };
  if (ind.min_count_per == TargetPeriod::Month || ind.min_count_per == TargetPeriod::Quarter) {
    const int step = ind.min_count_per == TargetPeriod::Month ? 1 : 3;
    int y = w.from.year;
    int m = ind.min_count_per == TargetPeriod::Month ? w.from.month : (w.from.month - 1) / 3 * 3 + 1;
    while (CivilDate{y, m, 1} <= w.to && out.size() < 240) {
      const int last_month = m + step - 1;
      push(std::to_string(y) + "年" +
               (step == 1 ? std::to_string(m) + "月" : std::string(kQuarterNames[(m - 1) / 3 + 1])),
           {y, m, 1}, month_end(y, last_month), per_period);
      m += step;
      if (m > 12) {
        m -= 12;
        ++y;
      }
    }
    return out;
  }
  const bool by_year = ind.min_count_per == TargetPeriod::Year || (!w.deadline && w.to.year > w.from.year);
  if (by_year) {
    for (int y = w.from.year; y <= w.to.year && out.size() < 100; ++y) {
      push(std::to_string(y) + "年", {y, 1, 1}, {y, 12, 31}, ind.min_count_per == TargetPeriod::Year ? per_period : 1);
    }
    return out;
  }
  std::string label;
  if (w.deadline) {
    label = std::to_string(w.to.year) + "年" +
            (w.to.month == 12 && w.to.day == 31 ? "" : std::to_string(w.to.month) + "月") + "底前";
  } else if (w.from == CivilDate{w.from.year, 1, 1} && w.to == CivilDate{w.from.year, 12, 31}) {
    label = std::to_string(w.from.year) + "年";
  } else {
    label = std::to_string(w.from.year) + "年" + std::to_string(w.from.month) + "月至" + std::to_string(w.to.year) +
            "年" + std::to_string(w.to.month) + "月";
  }
  push(label, w.from, w.to, ind.min_count_per == TargetPeriod::Total ? 1 : per_period);
  return out;
}

// The time frame of a task: its `due` read against the rule set's years, narrowed to the
// years checked. False (and the status OutOfYear) when the frame lies outside them.
// `deadline` is the end of the frame as the rule file gives it.
bool Evaluator::task_window(const Indicator& ind, IndicatorResult& r, TaskWindow& w, CivilDate& deadline) const {
  const auto parsed = parse_task_due(ind.due, rules_.year, system_last_year_);
  if (parsed) {
    w = parsed.value();
  } else {  // lint reports it; read the task as ongoing meanwhile
    w.continuous = true;
    w.from = {rules_.year, 1, 1};
    w.to = {system_last_year_, 12, 31};
  }
  deadline = w.to;
  if (!w.from.valid() || !w.to.valid()) {  // a rule file without a year and a due without one
    w.from = {year_ ? year_ : 2000, 1, 1};
    w.to = {last_year_ ? last_year_ : 2100, 12, 31};
  }
  // Checking one year of a multi-year system: only that year's part of the frame.
  if (year_) {
    const CivilDate first{year_, 1, 1};
    const CivilDate last{last_year_, 12, 31};
    if (w.to < first || w.from > last) {
      r.status = TaskStatus::OutOfYear;
      r.reason = "完成时间（" + ind.due + "）不在检查年度 " + years_label() + " 内";
      return false;
    }
    w.from = std::max(w.from, first);
    if (!w.deadline) w.to = std::min(w.to, last);
  }
  return true;
}

// Counts the items of a task into its periods (r.periods); items done after a deadline
// count, late.
Evaluator::TaskCount Evaluator::count_task_items(const Indicator& ind, const std::vector<Item>& items,
                                                 const TaskWindow& w, IndicatorResult& r) {
  TaskCount count;
  for (const auto& item : items) {
    if (!in_year(item)) continue;
    const CivilDate d = item.date.date;
    if (d.valid() && d < w.from) continue;  // before the frame (and reported as out of year if so)
    if (d.valid() && d > w.to) {
      if (!w.deadline) continue;
      // Done after the deadline: it counts, but late.
      ++count.late;
      count.late_files.push_back(evidence_[item.members.front()].file.rel_path);
      ++count.total;
      if (!r.periods.empty()) ++r.periods.back().items;
      continue;
    }
    ++count.total;
    if (d.valid()) {
      for (auto& p : r.periods) {
        if (d >= p.from && d <= p.to) {
          ++p.items;
          break;
        }
      }
    } else if (r.periods.size() == 1) {
      ++r.periods.front().items;  // undated: given the benefit of the doubt
    } else {
      for (const std::size_t i : item.members) {
        add("PERIOD_UNKNOWN", Severity::Warning, DeductionRole::None, evidence_[i].file.rel_path, ind.id,
            "无法确定材料属于哪个年度或月份（没有读到日期），任务" + ind.id + "按期核对时未计入",
            "文件名或文件夹名注明日期，例如“2024年3月”");
      }
    }
  }
  return count;
}

// Marks each period met or not, says it in `parts`, and names the due periods that fall
// short. True when every due period is met; `any_due` tells whether any is due.
bool Evaluator::assess_task_periods(const Indicator& ind, IndicatorResult& r, std::vector<std::string>& parts,
                                    bool& any_due) {
  bool all_due_met = true;
  for (auto& p : r.periods) {
    p.met = p.items >= p.required;
    any_due = any_due || p.due;
    std::string part = p.label + "：";
    if (p.items > 0) part += std::to_string(p.items) + "项";
    if (p.required > 1) part += (p.items > 0 ? "/" : "0/") + std::to_string(p.required) + "项";
    if (p.items == 0 && p.required <= 1)
      part += p.due ? "缺" : "未到期";
    else if (!p.due && !p.met)
      part += "（未到期）";
    parts.push_back(part);
    if (!p.due || p.met) continue;
    all_due_met = false;
    if (p.items == 0) {
      add("TASK_GAP", Severity::Warning, DeductionRole::None, "", ind.id,
          "任务" + ind.id + "（" + ind.title + "）" + p.label + "没有佐证材料",
          "补充" + p.label + "的材料" + owners(ind));
    } else {
      add("TASK_TARGET_UNMET", Severity::Warning, DeductionRole::None, "", ind.id,
          "任务" + ind.id + "（" + ind.title + "）量化目标要求" + p.label + "至少" + std::to_string(p.required) +
              "项，只找到" + std::to_string(p.items) + "项",
          "补充材料" + owners(ind));
    }
  }
  return all_due_met;
}

// Tasks mode: coverage by period and the quantified target, no points.
void Evaluator::score_task(const Indicator& ind, const std::vector<Item>& items, IndicatorResult& r) {
  r.task = true;
  r.due = ind.due;
  r.cap = 0;
  TaskWindow w;
  CivilDate deadline;
  if (!task_window(ind, r, w, deadline)) return;
  r.periods = task_periods(ind, w);

  const TaskCount count = count_task_items(ind, items, w, r);
  r.items = count.total;
  for (const auto& f : count.late_files) {
    add("TASK_LATE", Severity::Warning, DeductionRole::None, f, ind.id,
        "任务" + ind.id + "（" + ind.title + "）要求" + deadline.iso() + "前完成，该材料日期晚于完成时间",
        "核实完成时间；逾期完成的任务在验收时可能不被认可");
  }
  bool any_due = false;
  std::vector<std::string> parts;
  bool all_due_met = assess_task_periods(ind, r, parts, any_due);
  // A target over the whole frame ("应用领域不少于2个").
  const int total = count.total;
  bool total_met = true;
  if (ind.min_count_per == TargetPeriod::Total && ind.min_count > 1) {
    total_met = total >= ind.min_count;
    parts.push_back("合计" + std::to_string(total) + "项（目标至少" + std::to_string(ind.min_count) + "项）");
    const bool frame_due = !as_of_.valid() || as_of_ > w.to;
    if (!total_met && frame_due && total > 0) {
      add("TASK_TARGET_UNMET", Severity::Warning, DeductionRole::None, "", ind.id,
          "任务" + ind.id + "（" + ind.title + "）量化目标要求至少" + std::to_string(ind.min_count) + "项，只找到" +
              std::to_string(total) + "项",
          "补充材料" + owners(ind));
    }
    if (frame_due) all_due_met = all_due_met && total_met;
  }
  const bool all_met =
      total_met && std::all_of(r.periods.begin(), r.periods.end(), [](const TaskPeriod& p) { return p.met; });
  if (!any_due) {
    r.status = total > 0 && all_met ? TaskStatus::Done : TaskStatus::NotDue;
  } else if (total == 0) {
    r.status = TaskStatus::Missing;
  } else {
    r.status = all_due_met ? TaskStatus::Done : TaskStatus::Partial;
  }
  r.reason = task_status_label_zh(r.status) + "：" + join(parts, "；");
  if (count.late > 0) r.reason += "；逾期" + std::to_string(count.late) + "项";
  if (!r.zeroed_by.empty()) r.reason += "；" + r.zeroed_by.front().message;
}

}  // namespace evpack::evaluation
