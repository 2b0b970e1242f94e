// The per-file time budget (issue 24): a file over it gets FILE_TIME_LIMIT, the run goes on,
// and its inspection is not cached.
#include <gtest/gtest.h>

#include <filesystem>

#include "evpack/app/check.hpp"
#include "evpack/inspect/inspector.hpp"
#include "support/check_options.hpp"
#include "support/temp_dir.hpp"

namespace evpack {
namespace {

namespace fs = std::filesystem;

std::size_t count_code(const std::vector<Finding>& findings, const std::string& code) {
  std::size_t n = 0;
  for (const auto& f : findings) n += f.code == code;
  return n;
}

TEST(InspectorTimeLimit, AFileOverItsBudgetGetsAFindingAndIsNotCached) {
  testing::TempDir dir;
  const std::string samples = testing::source_dir() + "/samples/青石县佐证材料";
  CheckOptions options = testing::offline_check_options(samples);
  options.cache_dir = (dir.path() / "cache").string();
  options.cache_build = "test-build";
  options.inspect.max_seconds_per_file = 1e-9;  // every file is over it
  auto first = run_check(options);
  ASSERT_TRUE(first.ok()) << first.error().message;
  const std::size_t files = first->evidence.size();
  ASSERT_GT(files, 10u);
  EXPECT_EQ(count_code(first->findings, "FILE_TIME_LIMIT"), files);
  auto second = run_check(options);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->reused_inspections, 0u);  // nothing was cached

  options.inspect.max_seconds_per_file = 60;
  auto normal = run_check(options);
  ASSERT_TRUE(normal.ok());
  EXPECT_EQ(count_code(normal->findings, "FILE_TIME_LIMIT"), 0u);
}

}  // namespace
}  // namespace evpack
