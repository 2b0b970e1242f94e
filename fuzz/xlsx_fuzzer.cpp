// libFuzzer target over the spreadsheet readers (.xlsx via zip + pugixml, .csv): rows stay
// within the limits, failures explain themselves.
#include <cstddef>
#include <cstdint>

#include "evpack/adapters/table_reader.hpp"
#include "fuzz_file.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  evpack::TableLimits limits;
  limits.max_rows = 500;
  limits.max_columns = 50;
  const evpack::fuzz::InputFile file(data, size, ".xlsx");
  if (file.ok()) {
    auto sheets = evpack::read_xlsx(file.path(), limits);
    if (sheets.ok()) {
      for (const auto& sheet : sheets.value()) {
        if (sheet.rows.size() > limits.max_rows) __builtin_trap();
      }
      (void)evpack::table_text(sheets.value());
    } else if (sheets.error().message.empty()) {
      __builtin_trap();
    }
  }
  const evpack::TableSheet csv = evpack::parse_csv(std::string_view(reinterpret_cast<const char*>(data), size), limits);
  if (csv.rows.size() > limits.max_rows) __builtin_trap();
  return 0;
}
