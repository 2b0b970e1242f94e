// Every finding code documented in docs/report-format.md has a Chinese name.
#include "evpack/report/finding_names.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <regex>

#include "support/temp_dir.hpp"

namespace evpack {
namespace {

TEST(FindingNames, TableIsSortedAndEveryNameIsChinese) {
  const auto names = finding_names();
  ASSERT_GT(names.size(), 150u);
  for (std::size_t i = 1; i < names.size(); ++i) EXPECT_LT(names[i - 1].first, names[i].first);
  for (const auto& [code, name] : names) {
    // No identifier-like word (product names such as Word, Excel, PDF are fine).
    EXPECT_FALSE(std::regex_search(name, std::regex("(^|[^A-Za-z0-9_])[a-z_]{3,}($|[^A-Za-z0-9_])")))
        << code << " " << name;
    EXPECT_FALSE(std::regex_search(name, std::regex("[A-Z0-9]+_[A-Z0-9_]+"))) << code << " " << name;
    EXPECT_EQ(finding_name_zh(code), name);
  }
  EXPECT_EQ(finding_name_zh("WATERMARK_EXIF_MISMATCH"), "水印时间与拍摄时间不符");
  EXPECT_EQ(finding_name_zh("NO_SUCH_CODE"), "其他问题");
}

TEST(FindingNames, EveryDocumentedCodeHasAName) {
  std::ifstream in(evpack::testing::source_dir() + "/docs/report-format.md");
  const std::string doc((std::istreambuf_iterator<char>(in)), {});
  const auto table = doc.find("## Finding codes");
  ASSERT_NE(table, std::string::npos);
  const std::string part = doc.substr(table);
  static const std::regex code("`([A-Z][A-Z0-9]*_[A-Z0-9_]+)`");
  int checked = 0;
  for (auto it = std::sregex_iterator(part.begin(), part.end(), code); it != std::sregex_iterator(); ++it) {
    const std::string c = (*it)[1].str();
    if (c.rfind("EVPACK_", 0) == 0) continue;  // environment variables
    ++checked;
    EXPECT_TRUE(has_finding_name(c)) << c;
  }
  EXPECT_GT(checked, 60);
}

}  // namespace
}  // namespace evpack
