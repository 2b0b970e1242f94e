#include "yaml_reader.hpp"

#include <algorithm>
#include <cmath>

#include "evpack/util/text.hpp"

namespace evpack::rules_yaml {

namespace {

// Points, caps and totals above this are typing mistakes, not scoring tables.
constexpr double kMaxPoints = 100000.0;

}  // namespace

std::string quote(std::string_view s) { return "“" + std::string(s) + "”"; }

std::string join(const std::vector<std::string>& parts, std::string_view sep) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i) out += sep;
    out += parts[i];
  }
  return out;
}

// 1-based line of a node, 0 when yaml-cpp knows none. Mark() throws on the
// invalid nodes that operator[] returns for missing keys, hence the check.
int line_of(const YAML::Node& node) {
  if (!node.IsDefined()) return 0;
  const YAML::Mark mark = node.Mark();
  return mark.is_null() ? 0 : mark.line + 1;
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
void YamlReader::fail(int line, const std::string& message) const { throw RuleFileError{line, message}; }

void YamlReader::fail(const YAML::Node& node, const std::string& message) const { fail(line_of(node), message); }

void YamlReader::warn(int line, std::string code, std::string message) const {
  if (warnings_) warnings_->push_back({line, Severity::Warning, std::move(code), std::move(message)});
}

Fields YamlReader::fields(const YAML::Node& map, const std::string& where,
                          std::initializer_list<const char*> allowed) const {
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
      message += best.empty()
                     ? "（可用字段：" + join(std::vector<std::string>(allowed.begin(), allowed.end()), "、") + "）"
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

std::string YamlReader::scalar(const YAML::Node& node, const std::string& key, const std::string& where) const {
  if (!node.IsScalar()) {
    fail(node, where + "的字段" + quote(key) + "应为文字，实际为" + kind_name_zh(node));
  }
  return trim(node.Scalar());
}

std::optional<std::string> YamlReader::text(const Fields& f, const std::string& key, const std::string& where) const {
  const YAML::Node* node = f.value(key);
  if (!node) return std::nullopt;
  return scalar(*node, key, where);
}

std::string YamlReader::required_text(const Fields& f, const std::string& key, const std::string& label,
                                      const std::string& where) const {
  std::optional<std::string> value = text(f, key, where);
  if (!value || value->empty()) fail(f.line(), where + "缺少必填字段" + quote(key) + "（" + label + "）");
  return *value;
}

std::optional<double> YamlReader::number(const Fields& f, const std::string& key, const std::string& where) const {
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

std::optional<int> YamlReader::integer(const Fields& f, const std::string& key, const std::string& where, int min,
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

std::optional<bool> YamlReader::boolean(const Fields& f, const std::string& key, const std::string& where) const {
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
std::vector<std::string> YamlReader::texts(const Fields& f, const std::string& key, const std::string& where) const {
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

// The mappings listed under `key` (each item must be a mapping).
std::vector<YAML::Node> YamlReader::maps(const Fields& f, const std::string& key, const std::string& where) const {
  std::vector<YAML::Node> out;
  const YAML::Node* node = f.value(key);
  if (!node) return out;
  if (!node->IsSequence())
    fail(*node, where + "的字段" + quote(key) + "应为列表（每项以“- ”开头），实际为" + kind_name_zh(*node));
  for (const auto& item : *node) {
    if (!item.IsMap()) fail(item, quote(key) + "中的每一项应为键值映射，实际为" + kind_name_zh(item));
    out.push_back(item);
  }
  return out;
}

// "指标“1.1”" once the id is known, "第3个指标" before.
std::string YamlReader::name_of(const char* noun, const Fields& f, std::size_t ordinal) {
  if (const YAML::Node* id = f.value("id"); id && id->IsScalar()) return std::string(noun) + quote(trim(id->Scalar()));
  return "第" + std::to_string(ordinal) + "个" + noun;
}

// The fields of a mapping without warnings, to name the item in messages.
Fields YamlReader::fields_quiet(const YAML::Node& map) {
  Fields out(line_of(map));
  for (const auto& entry : map) {
    if (entry.first.IsScalar() && !out.get(entry.first.Scalar())) out.set(entry.first.Scalar(), entry.second);
  }
  return out;
}

}  // namespace evpack::rules_yaml
