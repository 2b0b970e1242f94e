// libFuzzer target over the text parsers of the deduction checks (see fuzz/CMakeLists.txt):
// the privacy scan, CSV parsing, the 双公示 ledger evaluation and its date parser.
//
// Built by CMake (fuzz/CMakeLists.txt): -DEVPACK_FUZZ=ON with clang gives the libFuzzer
// binary; every normal build replays fuzz/corpus/text_tables/ as a CTest test. tools/fuzz.sh runs it.
// Run:  ./text_tables_fuzzer -max_len=4096 -timeout=5
// Any input must give hits/rows/findings; a crash, hang or sanitizer report is a bug.
#include <cstddef>
#include <cstdint>
#include <string>

#include "evpack/adapters/table_reader.hpp"
#include "evpack/evaluate/privacy.hpp"
#include "evpack/evaluate/publicity.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  for (const auto& hit : evpack::scan_privacy(text, 1)) {
    if (hit.offset >= text.size() || hit.masked.empty()) __builtin_trap();
    // A finding never shows a personal number in full.
    if (hit.kind != evpack::PrivacyKind::CreditCodeInvalid && hit.masked.find('*') == std::string::npos) {
      __builtin_trap();
    }
  }
  evpack::TableLimits limits;
  limits.max_rows = 200;
  limits.max_columns = 20;
  const evpack::TableSheet sheet = evpack::parse_csv(text, limits);
  if (sheet.rows.size() > limits.max_rows) __builtin_trap();
  const evpack::WorkCalendar none;
  (void)evpack::evaluate_publicity_ledger(std::vector<evpack::TableSheet>{sheet}, none);
  (void)evpack::parse_ledger_date(text);
  return 0;
}
