#include "evpack/app/environment.hpp"

#include <gtest/gtest.h>

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
  EXPECT_EQ(names, (std::vector<std::string>{"ocr-engine", "pdf-library", "fonts"}));
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

}  // namespace
}  // namespace evpack
