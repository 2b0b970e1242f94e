// libFuzzer target over the .docx text reader (zip + pugixml + our collect walk): any input
// must give text or an Error with a message; no crash, no stack overflow on deep nesting.
// Built by CMake (fuzz/CMakeLists.txt): -DEVPACK_FUZZ=ON with clang; run by tools/fuzz.sh.
#include <cstddef>
#include <cstdint>

#include "evpack/adapters/docx_reader.hpp"
#include "fuzz_file.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const evpack::fuzz::InputFile file(data, size, ".docx");
  if (!file.ok()) return 0;
  auto text = evpack::read_docx_text(file.path(), 100'000);
  if (text.ok() && text->size() > 100'000) __builtin_trap();
  if (!text.ok() && text.error().message.empty()) __builtin_trap();
  return 0;
}
