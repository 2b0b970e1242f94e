// libFuzzer target over the watermark text parser (inspect/watermark_text): OCR output of
// a photo's stamp, garbled or hostile, must give a reading or none, never a crash.
#include <cstddef>
#include <cstdint>
#include <string>

#include "evpack/inspect/watermark_text.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  (void)evpack::parse_watermark_text(text);
  (void)evpack::judge_watermark_text(text);
  return 0;
}
