// libFuzzer target over the rule loader and linter (see fuzz/CMakeLists.txt).
//
// Built by CMake (fuzz/CMakeLists.txt): -DEVPACK_FUZZ=ON with clang gives the libFuzzer
// binary; every normal build replays fuzz/corpus/rules/ as a CTest test. tools/fuzz.sh runs it.
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
