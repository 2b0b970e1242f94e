// Reading YAML mappings with Chinese, line-numbered messages: the generic half of the
// rule-file parser (rule_parser.cpp holds the rule format itself). Private to src/rules/,
// which confines yaml-cpp: every yaml-cpp exception is caught in rule_loader.cpp.
#pragma once

#include <yaml-cpp/yaml.h>

#include <cstddef>
#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "evpack/rules/rule_loader.hpp"
#include "evpack/util/text.hpp"

namespace evpack::rules_yaml {

// Thrown inside the parser only and turned into an Error at the boundary.
struct RuleFileError {
  int line = 0;
  std::string message;
};

/// “s” in Chinese quotation marks.
std::string quote(std::string_view s);
std::string join(const std::vector<std::string>& parts, std::string_view sep);
/// 1-based line of a node, 0 when yaml-cpp knows none.
int line_of(const YAML::Node& node);
/// Levenshtein distance over bytes (keys are ASCII).
std::size_t edit_distance(std::string_view a, std::string_view b);
/// "列表", "键值映射", "空值" or "文字".
std::string kind_name_zh(const YAML::Node& node);

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

// Typed reads of one mapping's keys. Failures throw RuleFileError with the node's line;
// unknown and repeated keys are warnings when `warnings` is given.
class YamlReader {
 public:
  explicit YamlReader(std::vector<LintMessage>* warnings) : warnings_(warnings) {}

 protected:
  [[noreturn]] void fail(int line, const std::string& message) const;
  [[noreturn]] void fail(const YAML::Node& node, const std::string& message) const;
  void warn(int line, std::string code, std::string message) const;
  Fields fields(const YAML::Node& map, const std::string& where, std::initializer_list<const char*> allowed) const;
  std::string scalar(const YAML::Node& node, const std::string& key, const std::string& where) const;
  std::optional<std::string> text(const Fields& f, const std::string& key, const std::string& where) const;
  std::string required_text(const Fields& f, const std::string& key, const std::string& label,
                            const std::string& where) const;
  std::optional<double> number(const Fields& f, const std::string& key, const std::string& where) const;
  std::optional<int> integer(const Fields& f, const std::string& key, const std::string& where, int min, int max) const;
  std::optional<bool> boolean(const Fields& f, const std::string& key, const std::string& where) const;
  // A list of texts; a single text stands for a list of one.
  std::vector<std::string> texts(const Fields& f, const std::string& key, const std::string& where) const;

  template <typename E>
  E enum_value(const YAML::Node& node, const Vocabulary<E>& vocabulary, const std::string& key,
               const std::string& where) const {
    const std::string raw = scalar(node, key, where);
    if (const auto value = vocabulary.find(to_lower_ascii(raw))) return *value;
    fail(node, where + "：未知的" + vocabulary.what + quote(raw) + "，可选：" + vocabulary.choices());
  }
  // The mappings listed under `key` (each item must be a mapping).
  std::vector<YAML::Node> maps(const Fields& f, const std::string& key, const std::string& where) const;
  // "指标“1.1”" once the id is known, "第3个指标" before.
  static std::string name_of(const char* noun, const Fields& f, std::size_t ordinal);
  // The fields of a mapping without warnings, to name the item in messages.
  static Fields fields_quiet(const YAML::Node& map);

 private:
  std::vector<LintMessage>* warnings_;
};

}  // namespace evpack::rules_yaml
