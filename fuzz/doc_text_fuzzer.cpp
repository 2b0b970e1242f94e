// libFuzzer target over the text parsers of documents: document numbers (inspect/doc_number)
// and dates (inspect/date_text), on arbitrary UTF-8 or broken bytes.
#include <cstddef>
#include <cstdint>
#include <string>

#include "evpack/inspect/date_text.hpp"
#include "evpack/inspect/doc_number.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  for (const auto& found : evpack::find_doc_numbers(text)) (void)found;
  (void)evpack::parse_doc_number(text);
  (void)evpack::find_dates(text);
  (void)evpack::date_from_name(text);
  (void)evpack::period_from_name(text);
  return 0;
}
