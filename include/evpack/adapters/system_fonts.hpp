// The fonts of this machine, as fontconfig offers them (implemented in
// src/adapters/fontconfig_fonts.cpp). The PDF library draws every font a PDF does
// not carry with one of these, so they decide whether such a page shows its text.
#pragma once

#include <optional>
#include <string>

namespace evpack {

/// Share (0..1) of the characters of `utf8` that the font file at `path` has a
/// glyph for (blanks and ASCII controls not counted; 1 when none is left).
/// nullopt when the file cannot be read as a font. Thread-safe; each file is
/// read once per process.
std::optional<double> font_file_coverage(const std::string& path, const std::string& utf8);

/// One line per font fontconfig offers (file, face index, family, style), sorted:
/// changes when a font is installed or removed. "" when fontconfig cannot start.
std::string system_fonts_description();

}  // namespace evpack
