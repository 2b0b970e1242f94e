// The rule format (docs/rules-format.md): the top level, categories, indicators with
// their sub-items and conditions, bonuses, deductions and domains, read with YamlReader.
#include "rule_parser.hpp"

#include <algorithm>
#include <initializer_list>

#include "evpack/util/text.hpp"

namespace evpack::rules_yaml {

namespace {

// The names a rule file may use for the enum's `values`: their to_string names, listed
// in that order in messages.
template <typename E>
Vocabulary<E> vocabulary_of(const char* what, std::initializer_list<E> values) {
  Vocabulary<E> out{what, {}};
  for (const E value : values) out.names.emplace_back(to_string(value), value);
  return out;
}

const Vocabulary<ScoringMode>& modes() {
  static const auto v = vocabulary_of(
      "计分方式", {ScoringMode::Once, ScoringMode::PerItem, ScoringMode::PerQuarter, ScoringMode::PerMonth,
                   ScoringMode::PerDomain, ScoringMode::SubItems, ScoringMode::Tasks});
  return v;
}

const Vocabulary<EvidenceKind>& evidence_kinds() {
  static const auto v =
      vocabulary_of("材料类型", {EvidenceKind::Document, EvidenceKind::Photo, EvidenceKind::Screenshot,
                                 EvidenceKind::Ledger, EvidenceKind::Video, EvidenceKind::Any});
  return v;
}

const Vocabulary<TargetPeriod>& target_periods() {
  static const auto v =
      vocabulary_of("目标周期", {TargetPeriod::Total, TargetPeriod::Year, TargetPeriod::Quarter, TargetPeriod::Month});
  return v;
}

const Vocabulary<DeductionEffect>& effects() {
  static const auto v = vocabulary_of(
      "扣分方式", {DeductionEffect::ZeroTotal, DeductionEffect::MinusEach, DeductionEffect::MinusPerDomain,
                   DeductionEffect::MinusOnce, DeductionEffect::ZeroIndicator});
  return v;
}

const Vocabulary<DeductionRole>& roles() {
  static const auto v =
      vocabulary_of("扣分项类型", {DeductionRole::Fabrication, DeductionRole::PrivacyLeak,
                                   DeductionRole::SanctionMisuse, DeductionRole::PublicityDelay,
                                   DeductionRole::ArchiveOrder, DeductionRole::DocumentForm, DeductionRole::PhotoTime});
  return v;
}

class RuleParser : public YamlReader {
 public:
  using YamlReader::YamlReader;

  RuleSet parse(const YAML::Node& root) {
    if (!root.IsDefined() || root.IsNull()) fail(0, "规则文件为空");
    if (!root.IsMap()) fail(root, "规则文件的顶层应为键值映射（id: …、title: …），实际为" + kind_name_zh(root));
    const std::string where = "规则文件顶层";
    const Fields f = fields(root, where,
                            {"id", "title", "source", "region", "year", "end_year", "scored", "total", "categories",
                             "indicators", "bonuses", "deductions", "domains"});
    RuleSet rules;
    rules.id = required_text(f, "id", "编号", where);
    rules.title = required_text(f, "title", "名称", where);
    rules.source = text(f, "source", where).value_or("");
    rules.region = text(f, "region", where).value_or("");
    rules.year = integer(f, "year", where, 0, 9999).value_or(0);
    rules.end_year = integer(f, "end_year", where, 0, 9999).value_or(0);
    rules.scored = boolean(f, "scored", where).value_or(true);
    rules.total = number(f, "total", where).value_or(0);
    scored_ = rules.scored;

    for (const YAML::Node& node : maps(f, "categories", where)) rules.categories.push_back(category(node));
    const YAML::Node* indicators = f.value("indicators");
    if (!indicators) fail(f.line(), where + "缺少必填字段“indicators”（指标列表）");
    for (const YAML::Node& node : maps(f, "indicators", where)) rules.indicators.push_back(indicator(node));
    if (rules.indicators.empty()) fail(*indicators, "指标列表“indicators”为空");
    for (const YAML::Node& node : maps(f, "bonuses", where)) rules.bonuses.push_back(bonus(node));
    for (const YAML::Node& node : maps(f, "deductions", where)) rules.deductions.push_back(deduction(node));
    for (const YAML::Node& node : maps(f, "domains", where)) rules.domains.push_back(domain(node));
    return rules;
  }

 private:
  Category category(const YAML::Node& node) {
    const Fields peek = fields_quiet(node);
    const std::string where = name_of("类别", peek, ++category_count_);
    const Fields f = fields(node, where, {"id", "title", "total", "keywords"});
    Category c;
    c.line = f.line();
    c.id = required_text(f, "id", "编号", where);
    c.title = required_text(f, "title", "名称", where);
    c.total = number(f, "total", where).value_or(0);
    c.keywords = texts(f, "keywords", where);
    return c;
  }

  Indicator indicator(const YAML::Node& node) {
    const Fields peek = fields_quiet(node);
    const std::string where = name_of("指标", peek, ++indicator_count_);
    const Fields f =
        fields(node, where, {"id",   "category",       "title",        "criterion",   "mode",     "points",
                             "cap",  "per_period_max", "deadline_day", "no_backfill", "excludes", "units",
                             "lead", "evidence",       "zero_rules",   "conditions",  "keywords", "sub_items",
                             "due",  "min_count",      "min_count_per"});
    Indicator ind;
    ind.line = f.line();
    ind.id = required_text(f, "id", "编号", where);
    ind.title = required_text(f, "title", "名称", where);
    ind.category = text(f, "category", where).value_or("");
    if (ind.category.empty()) {
      // "1.1" belongs to category "1" unless the file says otherwise.
      if (const auto dot = ind.id.find('.'); dot != std::string::npos) ind.category = ind.id.substr(0, dot);
    }
    ind.criterion = text(f, "criterion", where).value_or("");
    const YAML::Node* mode = f.value("mode");
    if (!mode) fail(f.line(), where + "缺少必填字段“mode”（计分方式），可选：" + modes().choices());
    ind.mode = enum_value(*mode, modes(), "mode", where);

    const bool pointless = !scored_ || ind.mode == ScoringMode::Tasks;
    const std::optional<double> cap = number(f, "cap", where);
    if (!cap && !pointless) fail(f.line(), where + "缺少必填字段“cap”（最高分）");
    ind.cap = cap.value_or(0);

    ind.per_period_max = integer(f, "per_period_max", where, 1, 1000).value_or(1);
    ind.deadline_day = integer(f, "deadline_day", where, 0, 31).value_or(0);
    ind.no_backfill = boolean(f, "no_backfill", where).value_or(false);
    ind.excludes = texts(f, "excludes", where);
    ind.units = texts(f, "units", where);
    ind.lead = text(f, "lead", where).value_or("");
    ind.evidence = evidence(f, where);
    ind.zero_rules = texts(f, "zero_rules", where);
    ind.keywords = texts(f, "keywords", where);
    ind.due = text(f, "due", where).value_or("");
    ind.min_count = integer(f, "min_count", where, 0, 100000).value_or(0);
    if (const YAML::Node* per = f.value("min_count_per")) {
      ind.min_count_per = enum_value(*per, target_periods(), "min_count_per", where);
    }
    std::size_t ordinal = 0;
    for (const YAML::Node& c : maps(f, "conditions", where)) ind.conditions.push_back(condition(c, where, ++ordinal));
    ordinal = 0;
    for (const YAML::Node& s : maps(f, "sub_items", where)) ind.sub_items.push_back(sub_item(s, where, ++ordinal));

    if (const auto points = number(f, "points", where)) {
      ind.points = *points;
    } else if (ind.mode == ScoringMode::Once) {
      ind.points = ind.cap;
    } else if (ind.mode == ScoringMode::SubItems) {
      for (const auto& sub : ind.sub_items) ind.points += sub.cap > 0 ? sub.cap : sub.points;
    } else if (!pointless) {
      fail(f.line(), where + "缺少必填字段“points”（每" + unit_of(ind.mode) + "的分值）");
    }
    return ind;
  }

  // `evidence:` as one kind or a list of kinds.
  std::vector<EvidenceKind> evidence(const Fields& f, const std::string& where) const {
    std::vector<EvidenceKind> out;
    const YAML::Node* node = f.value("evidence");
    if (!node) return out;
    if (node->IsScalar()) {
      out.push_back(enum_value(*node, evidence_kinds(), "evidence", where));
    } else if (node->IsSequence()) {
      for (const auto& item : *node) out.push_back(enum_value(item, evidence_kinds(), "evidence", where));
    } else {
      fail(*node, where + "的字段“evidence”应为列表，实际为" + kind_name_zh(*node));
    }
    return out;
  }

  static std::string unit_of(ScoringMode mode) {
    switch (mode) {
      case ScoringMode::PerQuarter: return "条/季度";
      case ScoringMode::PerMonth: return "个月";
      case ScoringMode::PerDomain: return "个领域";
      default: return "项";
    }
  }

  SubItem sub_item(const YAML::Node& node, const std::string& owner, std::size_t ordinal) {
    const Fields peek = fields_quiet(node);
    const std::string where = owner + "的" + name_of("分项", peek, ordinal);
    const Fields f = fields(node, where, {"id", "title", "points", "cap", "keywords", "mode"});
    SubItem sub;
    sub.id = required_text(f, "id", "编号", where);
    sub.title = required_text(f, "title", "名称", where);
    const std::optional<double> points = number(f, "points", where);
    if (!points && scored_) fail(f.line(), where + "缺少必填字段“points”（分值）");
    sub.points = points.value_or(0);
    sub.cap = number(f, "cap", where).value_or(0);
    sub.keywords = texts(f, "keywords", where);
    if (const YAML::Node* mode = f.value("mode")) sub.mode = enum_value(*mode, modes(), "mode", where);
    return sub;
  }

  Condition condition(const YAML::Node& node, const std::string& owner, std::size_t ordinal) {
    const Fields peek = fields_quiet(node);
    const std::string where = owner + "的" + name_of("条件", peek, ordinal);
    const Fields f = fields(node, where, {"id", "label", "text", "evidence_keywords", "zeroes"});
    Condition c;
    c.id = required_text(f, "id", "编号", where);
    c.label = text(f, "label", where).value_or("");
    c.text = required_text(f, "text", "条件内容", where);
    c.evidence_keywords = texts(f, "evidence_keywords", where);
    c.zeroes = boolean(f, "zeroes", where).value_or(true);
    return c;
  }

  Bonus bonus(const YAML::Node& node) {
    const Fields peek = fields_quiet(node);
    const std::string where = name_of("加分项", peek, ++bonus_count_);
    const Fields f = fields(node, where, {"id", "title", "criterion", "points", "cap", "units", "keywords"});
    Bonus b;
    b.line = f.line();
    b.id = required_text(f, "id", "编号", where);
    b.title = required_text(f, "title", "名称", where);
    b.criterion = text(f, "criterion", where).value_or("");
    const std::optional<double> points = number(f, "points", where);
    if (!points && scored_) fail(f.line(), where + "缺少必填字段“points”（加分值）");
    b.points = points.value_or(0);
    b.cap = number(f, "cap", where).value_or(b.points);
    b.units = texts(f, "units", where);
    b.keywords = texts(f, "keywords", where);
    return b;
  }

  Deduction deduction(const YAML::Node& node) {
    const Fields peek = fields_quiet(node);
    const std::string where = name_of("扣分项", peek, ++deduction_count_);
    const Fields f = fields(node, where,
                            {"id", "title", "role", "criterion", "effect", "points", "detectable", "units",
                             "formal_keywords", "informal_keywords", "personal_number_keywords"});
    Deduction d;
    d.line = f.line();
    d.id = required_text(f, "id", "编号", where);
    d.title = required_text(f, "title", "名称", where);
    if (const YAML::Node* role = f.value("role")) d.role = enum_value(*role, roles(), "role", where);
    d.criterion = text(f, "criterion", where).value_or("");
    const YAML::Node* effect = f.value("effect");
    if (!effect) fail(f.line(), where + "缺少必填字段“effect”（扣分方式），可选：" + effects().choices());
    d.effect = enum_value(*effect, effects(), "effect", where);
    d.points = number(f, "points", where).value_or(0);
    d.detectable = boolean(f, "detectable", where).value_or(true);
    d.units = texts(f, "units", where);
    d.formal_keywords = texts(f, "formal_keywords", where);
    d.informal_keywords = texts(f, "informal_keywords", where);
    d.personal_number_keywords = texts(f, "personal_number_keywords", where);
    return d;
  }

  Domain domain(const YAML::Node& node) {
    const std::string where = "第" + std::to_string(++domain_count_) + "个重点领域";
    const Fields f = fields(node, where, {"name", "sub_domains"});
    Domain d;
    d.name = required_text(f, "name", "名称", where);
    d.sub_domains = texts(f, "sub_domains", where);
    return d;
  }

  bool scored_ = true;
  std::size_t category_count_ = 0;
  std::size_t indicator_count_ = 0;
  std::size_t bonus_count_ = 0;
  std::size_t deduction_count_ = 0;
  std::size_t domain_count_ = 0;
};

}  // namespace

RuleSet parse_rule_document(const YAML::Node& root, std::vector<LintMessage>* warnings) {
  return RuleParser(warnings).parse(root);
}

}  // namespace evpack::rules_yaml
