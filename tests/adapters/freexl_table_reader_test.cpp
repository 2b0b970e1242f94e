// Legacy .xls ledgers through FreeXL: an .xls 双公示 ledger (made from the sample's .xlsx by
// LibreOffice at test time) gives the same D.4 findings as the .xlsx; .et files are read by
// their content.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>

#include "evpack/adapters/table_reader.hpp"
#include "evpack/app/check.hpp"
#include "support/check_options.hpp"
#include "support/external_tool.hpp"
#include "support/temp_dir.hpp"

namespace evpack {
namespace {

namespace fs = std::filesystem;
using testing::run_command;
using testing::shell_quote;

const std::string kLedger = "04信用应用/双公示/2025年行政许可行政处罚双公示台账";

std::set<std::pair<std::string, std::string>> d4(const CheckResult& r) {
  std::set<std::pair<std::string, std::string>> out;
  for (const auto& f : r.findings) {
    if (f.rule == "D.4") out.insert({f.code, f.message});
  }
  return out;
}

TEST(FreexlTableReader, XlsLedgerGivesTheSameD4FindingsAsItsXlsx) {
  if (!testing::tool_available("soffice")) GTEST_SKIP() << "LibreOffice missing (tools/deps.sh installs it)";
  testing::TempDir dir;
  const fs::path copy = dir.path() / "青石县佐证材料";
  fs::copy(testing::source_dir() + "/samples/青石县佐证材料", copy, fs::copy_options::recursive);
  const fs::path xlsx = copy / (kLedger + ".xlsx");
  const auto converted =
      run_command("HOME=" + shell_quote(dir.str()) + " soffice --headless --convert-to xls --outdir " +
                  shell_quote(xlsx.parent_path().string()) + " " + shell_quote(xlsx.string()));
  const fs::path xls = copy / (kLedger + ".xls");
  ASSERT_TRUE(fs::exists(xls)) << converted.output;

  auto a = read_table(xlsx.string());
  auto b = read_table(xls.string());
  ASSERT_TRUE(a) << a.error().message;
  ASSERT_TRUE(b) << b.error().message;
  ASSERT_FALSE(b->empty());
  EXPECT_EQ(b->front().rows, a->front().rows) << "cells, numbers and dates read alike";

  const CheckResult with_xlsx = run_check(testing::offline_check_options(copy.string())).value();
  fs::remove(xlsx);
  const CheckResult with_xls = run_check(testing::offline_check_options(copy.string())).value();
  const auto expected = d4(with_xlsx);
  EXPECT_GE(expected.size(), 2u);
  EXPECT_EQ(d4(with_xls), expected);
}

TEST(FreexlTableReader, EtFilesAreReadByContentOrGiveAClearMessage) {
  testing::TempDir dir;
  // A WPS .et saved as XLSX (its default today) is a zip: read as XLSX.
  const fs::path et = dir.path() / "台账.et";
  fs::copy_file(testing::source_dir() + "/samples/青石县佐证材料/" + kLedger + ".xlsx", et);
  auto sheets = read_table(et.string());
  ASSERT_TRUE(sheets) << sheets.error().message;
  EXPECT_FALSE(sheets->front().rows.empty());
  // Anything else binary: a Chinese message that says what to do.
  const fs::path odd = dir.path() / "旧台账.et";
  std::ofstream(odd, std::ios::binary) << std::string("\x00\x01\x02WPS\xff\xfe", 9) << std::string(200, '\x03');
  auto refused = read_table(odd.string());
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().message.find("另存为 .xlsx"), std::string::npos) << refused.error().message;
  // An OLE2 file that is no workbook (a .doc named .et): FreeXL refuses it, with the same advice.
  const fs::path ole = dir.path() / "假表格.et";
  std::ofstream(ole, std::ios::binary) << std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) << std::string(600, '\0');
  auto not_xls = read_table(ole.string());
  ASSERT_FALSE(not_xls);
  EXPECT_EQ(not_xls.error().code, "TABLE_LEGACY_XLS");
  EXPECT_NE(not_xls.error().message.find("另存为 .xlsx"), std::string::npos);
}

}  // namespace
}  // namespace evpack
