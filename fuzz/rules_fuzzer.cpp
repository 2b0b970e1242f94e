// libFuzzer target over the rule loader and linter (not built by default).
//
// Build (clang; yaml-cpp itself is not instrumented, our parser code is):
//   clang++ -std=c++20 -g -O1 -fsanitize=fuzzer,address,undefined -Iinclude \
//     fuzz/rules_fuzzer.cpp src/rules/*.cpp src/util/text.cpp -lyaml-cpp -o rules_fuzzer
// Run with the real rule files as the seed corpus:
//   mkdir -p /tmp/rules-corpus && cp rules/*.yaml /tmp/rules-corpus/
//   ./rules_fuzzer -max_len=65536 -timeout=5 /tmp/rules-corpus
// Any input must end in a RuleSet or an Error; a crash, hang or sanitizer
// report is a bug in src/rules/.
#include <cstddef>
#include <cstdint>
#include <string>

#include "evpack/rules/rule_loader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  auto rules = evpack::load_rule_set_from_string(text, "fuzz.yaml");
  if (rules.ok()) {
    // Lint must cope with whatever the loader accepted.
    (void)evpack::lint_rule_set(rules.value());
    for (const auto& ind : rules->indicators) (void)rules->find_indicator(ind.id);
  } else if (rules.error().message.empty()) {
    __builtin_trap();  // every failure must explain itself
  }
  return 0;
}
