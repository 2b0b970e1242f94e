// What of this machine, besides evpack's own code, can change a verdict: the OCR
// engine and its language data, the PDF library and its encoding data, the fonts
// that PDFs without embedded fonts are drawn with. The inspection cache keys its
// entries with it (program_fingerprint), so a machine that is fixed (poppler-data
// installed, a font added) never gets the old, wrong results back.
#pragma once

#include <string>
#include <vector>

namespace evpack {

/// One part of the environment: a name, and a description of it whose every
/// change may change what the inspectors find. Descriptions may be long (a
/// list of files with their sizes or hashes): only their SHA-256 is kept.
struct EnvironmentPart {
  std::string name;
  std::string description;
};

/// The parts, in a fixed order. To add one (the data of a new library), add a
/// line to kParts in src/app/environment.cpp. Takes some
/// tens of milliseconds (fontconfig lists the fonts; the PDF library draws a probe).
std::vector<EnvironmentPart> environment_parts();

/// One line per part, "name SHA-256-of-description": what program_fingerprint
/// adds to the executable's hash.
std::string environment_fingerprint();

}  // namespace evpack
