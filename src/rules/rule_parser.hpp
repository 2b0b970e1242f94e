// The rule format read from a YAML document. Private to src/rules/.
#pragma once

#include <vector>

#include "evpack/rules/rule_set.hpp"
#include "yaml_reader.hpp"

namespace evpack::rules_yaml {

/// The rule set `root` describes. Throws RuleFileError (with the line) on anything the
/// format does not allow, and yaml-cpp's exceptions on conversions it cannot make; adds
/// unknown or repeated keys to `warnings` when given.
RuleSet parse_rule_document(const YAML::Node& root, std::vector<LintMessage>* warnings);

}  // namespace evpack::rules_yaml
