#include "evpack/app/environment.hpp"

#include "evpack/adapters/digest.hpp"
#include "evpack/adapters/ocr.hpp"
#include "evpack/adapters/pdf_reader.hpp"
#include "evpack/adapters/scene_text.hpp"
#include "evpack/adapters/system_fonts.hpp"

namespace evpack {
namespace {

struct PartSource {
  const char* name;
  std::string (*describe)();
};

// Each entry: what it is, and why it changes verdicts.
constexpr PartSource kParts[] = {
    // Tesseract's version and TESSDATA_PREFIX: another engine or language data reads other text.
    {"ocr-engine", &ocr_engine_version},
    // poppler's version, its encoding data (poppler-data's CMaps: without them no
    // text of a PDF with non-embedded Chinese fonts is decoded) and a probe of it.
    {"pdf-library", &pdf_environment_description},
    // The fonts poppler draws non-embedded fonts with: without a Chinese one a
    // letterhead in such a PDF is not drawn.
    {"fonts", &system_fonts_description},
    // The text detection and recognition models (their MANIFEST of SHA-256s, or
    // "none"): without them no photo's watermark can be absent, with other
    // models lines are found and read otherwise.
    {"scene-text-models", [] { return scene_text_fingerprint(default_scene_text_model_dir()); }},
};

}  // namespace

std::vector<EnvironmentPart> environment_parts() {
  std::vector<EnvironmentPart> parts;
  for (const auto& source : kParts) parts.push_back({source.name, source.describe()});
  return parts;
}

std::string environment_fingerprint() {
  std::string out;
  for (const auto& part : environment_parts()) {
    out += part.name + " " + sha256_bytes(part.description.data(), part.description.size()) + "\n";
  }
  return out;
}

}  // namespace evpack
