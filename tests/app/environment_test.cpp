#include "evpack/app/environment.hpp"

#include <gtest/gtest.h>

#include <cstdlib>

#include "evpack/adapters/pdf_reader.hpp"
#include "evpack/app/inspection_cache.hpp"
#include "support/temp_dir.hpp"

namespace evpack {
namespace {

TEST(Environment, NamesWhatChangesVerdicts) {
  const auto parts = environment_parts();
  std::vector<std::string> names;
  for (const auto& p : parts) {
    names.push_back(p.name);
    EXPECT_FALSE(p.description.empty()) << p.name;
  }
  EXPECT_EQ(names, (std::vector<std::string>{"ocr-engine", "pdf-library", "fonts", "scene-text-models"}));
  EXPECT_EQ(environment_fingerprint(), environment_fingerprint());  // stable on one machine
}

// A machine fixed by installing poppler-data gets other cache keys, so it never
// serves the results inspected without it (every letterhead of a PDF with
// non-embedded Chinese fonts "absent").
TEST(Environment, PopplerDataInstalledOrNotChangesTheFingerprint) {
  const std::string with = environment_fingerprint();
  const std::string program = program_fingerprint();
  std::string without;
  {
    evpack::testing::TempDir empty;
    ASSERT_TRUE(set_pdf_encoding_data_dir(empty.str()));
    without = environment_fingerprint();
    EXPECT_NE(program_fingerprint(), program);
    ASSERT_TRUE(set_pdf_encoding_data_dir(""));
  }
  EXPECT_NE(with, without);
  EXPECT_EQ(environment_fingerprint(), with);
  EXPECT_NE(program.find(with), std::string::npos);
}

// Installing the scene-text models (tools/setup.sh) changes verdicts (a photo can
// be found to have no watermark only with them), so it changes the key too.
TEST(Environment, SceneTextModelsPresentOrNotChangeTheFingerprint) {
  const std::string with = environment_fingerprint();
  ASSERT_EQ(std::getenv("EVPACK_MODEL_DIR"), nullptr) << "the test sets it itself";
  evpack::testing::TempDir empty;
  ::setenv("EVPACK_MODEL_DIR", empty.str().c_str(), 1);
  const std::string without = environment_fingerprint();
  ::unsetenv("EVPACK_MODEL_DIR");
  EXPECT_NE(with, without);
  EXPECT_EQ(environment_fingerprint(), with);
}

}  // namespace
}  // namespace evpack
