#include "evpack/rules/rule_set.hpp"

#include <algorithm>

namespace evpack {

namespace {

template <typename T>
const T* find_by_id(const std::vector<T>& items, const std::string& id) {
  const auto it = std::find_if(items.begin(), items.end(), [&](const T& item) { return item.id == id; });
  return it == items.end() ? nullptr : &*it;
}

}  // namespace

std::string to_string(ScoringMode mode) {
  switch (mode) {
    case ScoringMode::Once: return "once";
    case ScoringMode::PerItem: return "per_item";
    case ScoringMode::PerQuarter: return "per_quarter";
    case ScoringMode::PerMonth: return "per_month";
    case ScoringMode::PerDomain: return "per_domain";
    case ScoringMode::SubItems: return "sub_items";
    case ScoringMode::Tasks: return "tasks";
  }
  return "once";
}

std::string to_string(EvidenceKind kind) {
  switch (kind) {
    case EvidenceKind::Document: return "document";
    case EvidenceKind::Photo: return "photo";
    case EvidenceKind::Screenshot: return "screenshot";
    case EvidenceKind::Ledger: return "ledger";
    case EvidenceKind::Video: return "video";
    case EvidenceKind::Any: return "any";
  }
  return "any";
}

std::string to_string(TargetPeriod period) {
  switch (period) {
    case TargetPeriod::Total: return "total";
    case TargetPeriod::Year: return "year";
    case TargetPeriod::Quarter: return "quarter";
    case TargetPeriod::Month: return "month";
  }
  return "total";
}

std::string to_string(DeductionEffect effect) {
  switch (effect) {
    case DeductionEffect::ZeroTotal: return "zero_total";
    case DeductionEffect::MinusEach: return "minus_each";
    case DeductionEffect::MinusPerDomain: return "minus_per_domain";
    case DeductionEffect::MinusOnce: return "minus_once";
    case DeductionEffect::ZeroIndicator: return "zero_indicator";
  }
  return "minus_once";
}

const Indicator* RuleSet::find_indicator(const std::string& wanted) const { return find_by_id(indicators, wanted); }

const Category* RuleSet::find_category(const std::string& wanted) const { return find_by_id(categories, wanted); }

const Deduction* RuleSet::find_deduction(const std::string& wanted) const { return find_by_id(deductions, wanted); }

const Deduction* RuleSet::deduction_for(DeductionRole role) const {
  if (role == DeductionRole::None) return nullptr;
  for (const Deduction& d : deductions) {
    if (d.role == role) return &d;
  }
  return nullptr;
}

std::string RuleSet::deduction_id(DeductionRole role) const {
  const Deduction* d = deduction_for(role);
  return d ? d->id : "";
}

DeductionRole RuleSet::role_of_deduction(const std::string& wanted) const {
  const Deduction* d = find_deduction(wanted);
  return d ? d->role : DeductionRole::None;
}

}  // namespace evpack
