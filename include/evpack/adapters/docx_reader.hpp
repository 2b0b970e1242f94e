// Text of a Word .docx file (zip adapter + pugixml in src/adapters/docx_reader.cpp).
#pragma once

#include <cstddef>
#include <string>

#include "evpack/core/expected.hpp"

namespace evpack {

/// The body text of word/document.xml: one line per paragraph, tabs and line
/// breaks kept, at most `max_chars` bytes. Errors: DOCX_CORRUPT (not a zip, no
/// word/document.xml, broken XML), DOCX_TOO_LARGE (document.xml over 64 MiB
/// uncompressed: a bomb), DOCX_TOO_DEEP (elements nested over 256 levels), DOCX_ENCRYPTED.
Expected<std::string> read_docx_text(const std::string& path, std::size_t max_chars);

}  // namespace evpack
