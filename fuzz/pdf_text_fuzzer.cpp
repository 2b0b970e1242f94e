// libFuzzer target over the PDF path evpack owns: the pre-scan of streams (bombs, active
// content) before poppler, poppler's text of the first pages, and our number and date
// parsers over that text. poppler itself is not instrumented; our code is.
#include <algorithm>
#include <cstddef>
#include <cstdint>

#include "evpack/adapters/pdf_reader.hpp"
#include "evpack/inspect/date_text.hpp"
#include "evpack/inspect/doc_number.hpp"
#include "fuzz_file.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const auto reader = [] {
    evpack::PdfLimits limits;
    limits.max_stream_bytes = 64 << 20;  // keep runs fast; the logic is the same
    limits.max_pages = 50;
    return evpack::make_poppler_pdf_reader(limits);
  }();
  const evpack::fuzz::InputFile file(data, size, ".pdf");
  if (!file.ok()) return 0;
  auto doc = reader->open(file.path());
  if (!doc.ok()) {
    if (doc.error().message.empty()) __builtin_trap();
    return 0;
  }
  (void)doc.value()->active_content();
  const int pages = std::min(doc.value()->page_count(), 3);
  for (int i = 0; i < pages; ++i) {
    const std::string text = doc.value()->page_text(i);
    (void)evpack::find_doc_numbers(text);
    (void)evpack::find_dates(text);
  }
  return 0;
}
