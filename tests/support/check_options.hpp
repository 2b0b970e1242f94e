// The check options most end-to-end tests run with: the Shandong rule file, two
// workers, no OCR (scans and watermarks have their own tests), a fixed check date.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <utility>

#include "evpack/app/check.hpp"
#include "support/temp_dir.hpp"

namespace evpack::testing {

inline CheckOptions offline_check_options(const std::string& input) {
  CheckOptions options;
  options.input = input;
  options.rules_path = source_dir() + "/rules/shandong-2025.yaml";
  options.jobs = 2;
  options.inspect.ocr = false;
  options.evaluate.as_of = {2026, 1, 20};
  return options;
}

/// run_check with offline_check_options, failing the test when the check fails.
inline CheckResult offline_check(const std::string& input) {
  auto result = run_check(offline_check_options(input));
  EXPECT_TRUE(result) << (result ? "" : result.error().message);
  return std::move(result).value();
}

}  // namespace evpack::testing
