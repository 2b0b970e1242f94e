// Reading rule files (rules/*.yaml) into RuleSet values. The only file that
// includes yaml-cpp: every yaml-cpp exception is caught here and becomes an
// Error with a Chinese, line-numbered message. Format: docs/rules-format.md.
#include "evpack/rules/rule_loader.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <limits>
#include <map>
#include <optional>
#include <sstream>
#include <string_view>
#include <variant>

#include "evpack/util/text.hpp"
#include "evpack/util/system_error.hpp"
#include "evpack/util/format.hpp"

namespace evpack {

namespace {

namespace fs = std::filesystem;

// Rule files are a few dozen KiB; anything far larger is not a rule file and
// must not be handed to the YAML parser.
constexpr std::uintmax_t kMaxRuleFileBytes = 4u * 1024u * 1024u;
// Points, caps and totals above this are typing mistakes, not scoring tables.
constexpr double kMaxPoints = 100000.0;

// Thrown inside the parser only and turned into an Error at the boundary.
struct RuleFileError {
  int line = 0;
  std::string message;
};

std::string quote(std::string_view s) { return "“" + std::string(s) + "”"; }

// 1-based line of a node, 0 when yaml-cpp knows none. Mark() throws on the
// invalid nodes that operator[] returns for missing keys, hence the check.
int line_of(const YAML::Node& node) {
  if (!node.IsDefined()) return 0;
  const YAML::Mark mark = node.Mark();
  return mark.is_null() ? 0 : mark.line + 1;
}

std::string location(const std::string& file_name, int line) {
  return line > 0 ? file_name + " 第" + std::to_string(line) + "行：" : file_name + "：";
}

// Names in a closed vocabulary (modes, evidence kinds, effects), with the
// values they stand for, in the order users should read them.
template <typename E>
struct Vocabulary {
  const char* what;  // Chinese noun for messages: "计分方式"
  std::vector<std::pair<std::string, E>> names;

  std::optional<E> find(const std::string& name) const {
    for (const auto& [n, v] : names) {
      if (n == name) return v;
    }
    return std::nullopt;
  }
  std::string choices() const {
    std::vector<std::string> all;
    for (const auto& entry : names) all.push_back(entry.first);
    return join(all, "、");
  }
};

const Vocabulary<ScoringMode>& modes() {
  static const Vocabulary<ScoringMode> v{
      "计分方式",
      {{"once", ScoringMode::Once},
       {"per_item", ScoringMode::PerItem},
       {"per_quarter", ScoringMode::PerQuarter},
       {"per_month", ScoringMode::PerMonth},
       {"per_domain", ScoringMode::PerDomain},
       {"sub_items", ScoringMode::SubItems},
       {"tasks", ScoringMode::Tasks}}};
  return v;
}

const Vocabulary<EvidenceKind>& evidence_kinds() {
  static const Vocabulary<EvidenceKind> v{"材料类型",
                                          {{"document", EvidenceKind::Document},
                                           {"photo", EvidenceKind::Photo},
                                           {"screenshot", EvidenceKind::Screenshot},
                                           {"ledger", EvidenceKind::Ledger},
                                           {"video", EvidenceKind::Video},
                                           {"any", EvidenceKind::Any}}};
  return v;
}

const Vocabulary<TargetPeriod>& target_periods() {
  static const Vocabulary<TargetPeriod> v{"目标周期",
                                          {{"total", TargetPeriod::Total},
                                           {"year", TargetPeriod::Year},
                                           {"quarter", TargetPeriod::Quarter},
                                           {"month", TargetPeriod::Month}}};
  return v;
}

const Vocabulary<DeductionEffect>& effects() {
  static const Vocabulary<DeductionEffect> v{"扣分方式",
                                             {{"zero_total", DeductionEffect::ZeroTotal},
                                              {"minus_each", DeductionEffect::MinusEach},
                                              {"minus_per_domain", DeductionEffect::MinusPerDomain},
                                              {"minus_once", DeductionEffect::MinusOnce},
                                              {"zero_indicator", DeductionEffect::ZeroIndicator}}};
  return v;
}

// Plain Levenshtein distance over bytes; keys are ASCII.
std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

std::string kind_name_zh(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Sequence: return "列表";
    case YAML::NodeType::Map: return "键值映射";
    case YAML::NodeType::Null: return "空值";
    default: return "文字";
  }
}

// The keys of one YAML mapping, checked against the keys the format allows.
// Unknown and repeated keys are lint warnings (typo protection), not failures.
class Fields {
 public:
  explicit Fields(int line) : line_(line) {}

  const YAML::Node* get(const std::string& key) const {
    const auto it = values_.find(key);
    return it == values_.end() ? nullptr : &it->second;
  }
  // A key given with a non-null value.
  const YAML::Node* value(const std::string& key) const {
    const YAML::Node* node = get(key);
    return node && !node->IsNull() ? node : nullptr;
  }
  int line() const { return line_; }
  void set(const std::string& key, const YAML::Node& value) { values_.emplace(key, value); }

 private:
  std::map<std::string, YAML::Node> values_;
  int line_ = 0;
};

class Parser {
 public:
  explicit Parser(std::vector<LintMessage>* warnings) : warnings_(warnings) {}

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
  [[noreturn]] void fail(int line, const std::string& message) const { throw RuleFileError{line, message}; }
  [[noreturn]] void fail(const YAML::Node& node, const std::string& message) const {
    fail(line_of(node), message);
  }

  void warn(int line, std::string code, std::string message) const {
    if (warnings_) warnings_->push_back({line, Severity::Warning, std::move(code), std::move(message)});
  }

  Fields fields(const YAML::Node& map, const std::string& where, std::initializer_list<const char*> allowed) const {
    Fields out(line_of(map));
    for (const auto& entry : map) {
      const YAML::Node& key = entry.first;
      if (!key.IsScalar()) {
        warn(line_of(key), "UNKNOWN_KEY", where + "中有一个不是文字的键，已忽略");
        continue;
      }
      const std::string name = key.Scalar();
      const bool known = std::any_of(allowed.begin(), allowed.end(), [&](const char* k) { return name == k; });
      if (!known) {
        std::string message = where + "中有未知字段" + quote(name) + "，已忽略";
        std::string best;
        std::size_t best_distance = 3;
        for (const char* k : allowed) {
          const std::size_t d = edit_distance(to_lower_ascii(name), k);
          if (d < best_distance) {
            best_distance = d;
            best = k;
          }
        }
        message += best.empty() ? "（可用字段：" + join(std::vector<std::string>(allowed.begin(), allowed.end()), "、") + "）"
                                : "，是否想写" + quote(best) + "？";
        warn(line_of(key), "UNKNOWN_KEY", message);
        continue;
      }
      if (out.get(name)) {
        warn(line_of(key), "DUPLICATE_KEY", where + "中字段" + quote(name) + "重复出现，只采用第一次的值");
        continue;
      }
      out.set(name, entry.second);
    }
    return out;
  }

  std::string scalar(const YAML::Node& node, const std::string& key, const std::string& where) const {
    if (!node.IsScalar()) {
      fail(node, where + "的字段" + quote(key) + "应为文字，实际为" + kind_name_zh(node));
    }
    return trim(node.Scalar());
  }

  std::optional<std::string> text(const Fields& f, const std::string& key, const std::string& where) const {
    const YAML::Node* node = f.value(key);
    if (!node) return std::nullopt;
    return scalar(*node, key, where);
  }

  std::string required_text(const Fields& f, const std::string& key, const std::string& label,
                            const std::string& where) const {
    std::optional<std::string> value = text(f, key, where);
    if (!value || value->empty()) fail(f.line(), where + "缺少必填字段" + quote(key) + "（" + label + "）");
    return *value;
  }

  std::optional<double> number(const Fields& f, const std::string& key, const std::string& where) const {
    const YAML::Node* node = f.value(key);
    if (!node) return std::nullopt;
    const std::string raw = scalar(*node, key, where);
    double value = 0;
    try {
      value = node->as<double>();
    } catch (const YAML::Exception&) {
      fail(*node, where + "的字段" + quote(key) + "应为数字，实际为" + quote(raw));
    }
    if (!std::isfinite(value)) fail(*node, where + "的字段" + quote(key) + "应为有限的数字，实际为" + quote(raw));
    if (value < 0) fail(*node, where + "的字段" + quote(key) + "不能为负数（" + raw + "）");
    if (value > kMaxPoints) fail(*node, where + "的字段" + quote(key) + "数值过大（" + raw + "）");
    return value;
  }

  std::optional<int> integer(const Fields& f, const std::string& key, const std::string& where, int min,
                             int max) const {
    const YAML::Node* node = f.value(key);
    if (!node) return std::nullopt;
    const std::string raw = scalar(*node, key, where);
    long long value = 0;
    try {
      value = node->as<long long>();
    } catch (const YAML::Exception&) {
      fail(*node, where + "的字段" + quote(key) + "应为整数，实际为" + quote(raw));
    }
    if (value < min || value > max) {
      fail(*node, where + "的字段" + quote(key) + "应在" + std::to_string(min) + "到" + std::to_string(max) +
                      "之间，实际为" + raw);
    }
    return static_cast<int>(value);
  }

  std::optional<bool> boolean(const Fields& f, const std::string& key, const std::string& where) const {
    const YAML::Node* node = f.value(key);
    if (!node) return std::nullopt;
    const std::string raw = scalar(*node, key, where);
    try {
      return node->as<bool>();
    } catch (const YAML::Exception&) {
      fail(*node, where + "的字段" + quote(key) + "应为 true 或 false，实际为" + quote(raw));
    }
  }

  // A list of texts; a single text stands for a list of one.
  std::vector<std::string> texts(const Fields& f, const std::string& key, const std::string& where) const {
    std::vector<std::string> out;
    const YAML::Node* node = f.value(key);
    if (!node) return out;
    if (node->IsScalar()) {
      if (std::string s = trim(node->Scalar()); !s.empty()) out.push_back(std::move(s));
      return out;
    }
    if (!node->IsSequence()) fail(*node, where + "的字段" + quote(key) + "应为列表，实际为" + kind_name_zh(*node));
    for (const auto& item : *node) {
      if (item.IsNull()) continue;
      if (!item.IsScalar()) {
        fail(item, where + "的字段" + quote(key) + "的每一项应为文字，实际为" + kind_name_zh(item));
      }
      if (std::string s = trim(item.Scalar()); !s.empty()) out.push_back(std::move(s));
    }
    return out;
  }

  template <typename E>
  E enum_value(const YAML::Node& node, const Vocabulary<E>& vocabulary, const std::string& key,
               const std::string& where) const {
    const std::string raw = scalar(node, key, where);
    if (const auto value = vocabulary.find(to_lower_ascii(raw))) return *value;
    fail(node, where + "：未知的" + vocabulary.what + quote(raw) + "，可选：" + vocabulary.choices());
  }

  // The mappings listed under `key` (each item must be a mapping).
  std::vector<YAML::Node> maps(const Fields& f, const std::string& key, const std::string& where) const {
    std::vector<YAML::Node> out;
    const YAML::Node* node = f.value(key);
    if (!node) return out;
    if (!node->IsSequence()) fail(*node, where + "的字段" + quote(key) + "应为列表（每项以“- ”开头），实际为" +
                                             kind_name_zh(*node));
    for (const auto& item : *node) {
      if (!item.IsMap()) fail(item, quote(key) + "中的每一项应为键值映射，实际为" + kind_name_zh(item));
      out.push_back(item);
    }
    return out;
  }

  // "指标“1.1”" once the id is known, "第3个指标" before.
  static std::string name_of(const char* noun, const Fields& f, std::size_t ordinal) {
    if (const YAML::Node* id = f.value("id"); id && id->IsScalar()) return std::string(noun) + quote(trim(id->Scalar()));
    return "第" + std::to_string(ordinal) + "个" + noun;
  }

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
    const Fields f = fields(node, where,
                            {"id", "category", "title", "criterion", "mode", "points", "cap", "per_period_max",
                             "deadline_day", "no_backfill", "excludes", "units", "lead", "evidence", "zero_rules",
                             "conditions", "keywords", "sub_items", "due", "min_count", "min_count_per"});
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
    if (const YAML::Node* evidence = f.value("evidence")) {
      if (evidence->IsScalar()) {
        ind.evidence.push_back(enum_value(*evidence, evidence_kinds(), "evidence", where));
      } else if (evidence->IsSequence()) {
        for (const auto& item : *evidence) ind.evidence.push_back(enum_value(item, evidence_kinds(), "evidence", where));
      } else {
        fail(*evidence, where + "的字段“evidence”应为列表，实际为" + kind_name_zh(*evidence));
      }
    }
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
    const Fields f = fields(node, where, {"id", "title", "criterion", "effect", "points", "detectable", "units"});
    Deduction d;
    d.line = f.line();
    d.id = required_text(f, "id", "编号", where);
    d.title = required_text(f, "title", "名称", where);
    d.criterion = text(f, "criterion", where).value_or("");
    const YAML::Node* effect = f.value("effect");
    if (!effect) fail(f.line(), where + "缺少必填字段“effect”（扣分方式），可选：" + effects().choices());
    d.effect = enum_value(*effect, effects(), "effect", where);
    d.points = number(f, "points", where).value_or(0);
    d.detectable = boolean(f, "detectable", where).value_or(true);
    d.units = texts(f, "units", where);
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

  // The fields of a mapping without warnings, to name the item in messages.
  static Fields fields_quiet(const YAML::Node& map) {
    Fields out(line_of(map));
    for (const auto& entry : map) {
      if (entry.first.IsScalar() && !out.get(entry.first.Scalar())) out.set(entry.first.Scalar(), entry.second);
    }
    return out;
  }

  std::vector<LintMessage>* warnings_;
  bool scored_ = true;
  std::size_t category_count_ = 0;
  std::size_t indicator_count_ = 0;
  std::size_t bonus_count_ = 0;
  std::size_t deduction_count_ = 0;
  std::size_t domain_count_ = 0;
};

// yaml-cpp's parser messages, in Chinese where we know them.
std::string translate_yaml_message(const std::string& msg) {
  static const std::pair<const char*, const char*> kKnown[] = {
      {"end of map not found", "映射没有正确结束（请检查缩进和冒号）"},
      {"end of map flow not found", "花括号 { } 没有闭合"},
      {"end of sequence not found", "列表没有正确结束（请检查缩进）"},
      {"end of sequence flow not found", "方括号 [ ] 没有闭合"},
      {"illegal map value", "此处不能出现“键: 值”（请检查缩进，或给含冒号的文字加引号）"},
      {"illegal map key", "此处不能出现键"},
      {"illegal block entry", "此处不能出现列表项“- ”（请检查缩进）"},
      {"illegal flow end", "多余的右括号"},
      {"unknown token", "无法识别的内容"},
      {"illegal tab when looking for indentation", "缩进中不能使用制表符（Tab），请改用空格"},
      {"illegal EOF in scalar", "引号没有闭合，文件已结束"},
      {"illegal character in scalar", "文字中有不允许的字符"},
      {"unknown escape character: ", "双引号中有未知的转义字符"},
      {"the referenced anchor is not defined", "引用的锚点未定义"},
      {"unexpected character in block scalar", "多行文字中有不允许的字符"},
  };
  for (const auto& [en, zh] : kKnown) {
    if (msg.rfind(en, 0) == 0) return std::string(zh) + "（" + msg + "）";
  }
  return msg;
}

// A failed load: the stable code, the line (0 when none) and the message
// without the "file 第N行：" prefix, so lint can show the line separately.
struct LoadFailure {
  std::string code;
  int line = 0;
  std::string message;
};

std::variant<RuleSet, LoadFailure> parse_rule_text(const std::string& text, const std::string& name,
                                                   std::vector<LintMessage>* warnings) {
  if (!is_valid_utf8(text)) {
    return LoadFailure{"RULES_INVALID", 0, "规则文件不是 UTF-8 编码（可能是 GBK），请用 UTF-8 另存后再试"};
  }
  const auto line_of_mark = [](const YAML::Mark& mark) { return mark.is_null() ? 0 : mark.line + 1; };
  try {
    const YAML::Node root = YAML::Load(text);
    Parser parser(warnings);
    RuleSet rules = parser.parse(root);
    rules.path = name;
    return rules;
  } catch (const RuleFileError& e) {
    return LoadFailure{"RULES_INVALID", e.line, e.message};
  } catch (const YAML::ParserException& e) {
    return LoadFailure{"RULES_INVALID", line_of_mark(e.mark), "YAML 格式错误：" + translate_yaml_message(e.msg)};
  } catch (const YAML::Exception& e) {
    return LoadFailure{"RULES_INVALID", line_of_mark(e.mark), "无法解析规则文件：" + translate_yaml_message(e.msg)};
  } catch (const std::exception& e) {
    return LoadFailure{"RULES_INVALID", 0, std::string("无法解析规则文件：") + e.what()};
  }
}

Expected<std::string> read_rule_file(const std::string& path) {
  const fs::path p(path);
  const std::string file_name = p.filename().string();
  std::error_code ec;
  const fs::file_status status = fs::status(p, ec);
  if (ec || !fs::exists(status)) return Error{"RULES_UNREADABLE", "找不到规则文件 " + path};
  if (!fs::is_regular_file(status)) return Error{"RULES_UNREADABLE", path + " 不是文件，无法作为规则文件读取"};
  const std::uintmax_t size = fs::file_size(p, ec);
  if (ec) return Error{"RULES_UNREADABLE", "无法读取规则文件 " + path + "：" + system_error_zh(ec)};
  if (size > kMaxRuleFileBytes) {
    return Error{"RULES_UNREADABLE", file_name + "：文件过大（" + std::to_string(size / 1024) +
                                         " KB），不像是规则文件（上限 4 MB）"};
  }
  std::ifstream in(p, std::ios::binary);
  if (!in) return Error{"RULES_UNREADABLE", "无法打开规则文件 " + path + "（请检查权限）"};
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) return Error{"RULES_UNREADABLE", "读取规则文件 " + path + " 时出错"};
  return buffer.str();
}

std::variant<RuleSet, LoadFailure> load(const std::string& path, std::vector<LintMessage>* warnings) {
  auto text = read_rule_file(path);
  if (!text) return LoadFailure{text.error().code, 0, text.error().message};
  return parse_rule_text(text.value(), path, warnings);
}

Expected<RuleSet> to_expected(std::variant<RuleSet, LoadFailure> result, const std::string& name) {
  if (auto* rules = std::get_if<RuleSet>(&result)) return std::move(*rules);
  const LoadFailure& failure = std::get<LoadFailure>(result);
  if (failure.code == "RULES_UNREADABLE") return Error{failure.code, failure.message};
  return Error{failure.code, location(fs::path(name).filename().string(), failure.line) + failure.message};
}

}  // namespace

Expected<RuleSet> load_rule_set(const std::string& path) { return to_expected(load(path, nullptr), path); }

Expected<RuleSet> load_rule_set_from_string(const std::string& text, const std::string& name) {
  return to_expected(parse_rule_text(text, name, nullptr), name);
}

std::vector<LintMessage> lint_rule_file(const std::string& path) {
  std::vector<LintMessage> messages;
  auto result = load(path, &messages);
  if (const auto* failure = std::get_if<LoadFailure>(&result)) {
    // Warnings gathered before the failure are kept: a misspelt key is often the cause.
    messages.push_back({failure->line, Severity::Error, failure->code, failure->message});
  } else {
    std::vector<LintMessage> semantic = lint_rule_set(std::get<RuleSet>(result));
    messages.insert(messages.end(), semantic.begin(), semantic.end());
  }
  std::stable_sort(messages.begin(), messages.end(), [](const LintMessage& a, const LintMessage& b) {
    // Line-numbered messages in file order; file-wide ones after them.
    const int la = a.line > 0 ? a.line : std::numeric_limits<int>::max();
    const int lb = b.line > 0 ? b.line : std::numeric_limits<int>::max();
    return la < lb;
  });
  return messages;
}

std::vector<RuleSetInfo> list_rule_sets(const std::string& dir) {
  std::vector<fs::path> files;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    std::error_code type_ec;
    if (it->path().extension() == ".yaml" && it->is_regular_file(type_ec)) files.push_back(it->path());
  }
  std::sort(files.begin(), files.end(),
            [](const fs::path& a, const fs::path& b) { return a.filename().string() < b.filename().string(); });
  std::vector<RuleSetInfo> out;
  for (const auto& file : files) {
    // Only files that load are listed: what the list offers must be usable.
    auto rules = load_rule_set(file.string());
    if (!rules) continue;
    out.push_back({rules->id, rules->title, file.string(), rules->scored});
  }
  return out;
}

}  // namespace evpack
