// Cross-file corrections run_check makes after inspection.
#include <gtest/gtest.h>

#include "evpack/app/check.hpp"

#include <algorithm>
#include <filesystem>
#include <set>

#include "support/check_options.hpp"
#include "support/external_tool.hpp"
#include "support/temp_dir.hpp"

namespace evpack {
namespace {

Evidence document(const std::string& rel_path, bool scanned, const std::string& number, const std::string& agency) {
  Evidence e;
  e.file.rel_path = rel_path;
  DocumentFacts doc;
  doc.scanned = scanned;
  doc.has_text_layer = !scanned;
  DocNumber n;
  n.text = number;
  n.agency = agency;
  n.year = 2025;
  n.serial = 8;
  doc.own_number = n;
  e.inspection.document = doc;
  return e;
}

std::string number_of(const Evidence& e) { return e.inspection.document->own_number->text; }

TEST(CorrectScannedAgencies, OneCharacterOffAKnownAgencyIsCorrected) {
  std::vector<Evidence> ev = {
      document("1.1/关于成立领导小组的通知.pdf", false, "青交字〔2025〕3号", "青交字"),
      document("1.4/会议通知（扫描件）.pdf", true, "者交字〔2025〕8号", "者交字"),
  };
  correct_scanned_agencies(ev);
  EXPECT_EQ(number_of(ev[1]), "青交字〔2025〕8号");
  EXPECT_EQ(ev[1].inspection.document->own_number->agency, "青交字");
  EXPECT_NE(ev[1].inspection.document->number.reason.find("者交字"), std::string::npos);
  EXPECT_EQ(number_of(ev[0]), "青交字〔2025〕3号");
}

TEST(CorrectScannedAgencies, ACharacterTheFileNameShowsStands) {
  // The city bureau's notice: 临交字 is one character from the county's 青交字,
  // and the file name says 临山市.
  std::vector<Evidence> ev = {
      document("1.1/通知.pdf", false, "青交字〔2025〕3号", "青交字"),
      document("2.1/临山市交通运输局关于开展联合调研督导的通知（扫描件）.pdf", true, "临交字〔2025〕8号", "临交字"),
  };
  correct_scanned_agencies(ev);
  EXPECT_EQ(number_of(ev[1]), "临交字〔2025〕8号");
}

TEST(CorrectScannedAgencies, AmbiguousOrFarReadingsStand) {
  std::vector<Evidence> ev = {
      document("a.pdf", false, "青交字〔2025〕3号", "青交字"), document("b.pdf", false, "青交发〔2025〕5号", "青交发"),
      document("c.pdf", true, "者交字〔2025〕8号", "者交字"),  // one off 青交字 only: corrected
      document("d.pdf", true, "青交者〔2025〕9号", "青交者"),  // one off both 青交字 and 青交发: ambiguous
      document("e.pdf", true, "临山字〔2025〕2号", "临山字"),  // two off: a different agency
  };
  correct_scanned_agencies(ev);
  EXPECT_EQ(number_of(ev[2]), "青交字〔2025〕8号");
  EXPECT_EQ(number_of(ev[3]), "青交者〔2025〕9号");
  EXPECT_EQ(number_of(ev[4]), "临山字〔2025〕2号");
}

TEST(CorrectScannedAgencies, TiesGoToTheAgencyTheLetterheadShows) {
  std::vector<Evidence> ev = {
      document("a.pdf", false, "青交字〔2025〕3号", "青交字"),
      document("b.pdf", false, "临交字〔2025〕5号", "临交字"),
      document("c.pdf", true, "吾交字〔2025〕91号", "吾交字"),
      document("d.pdf", true, "吾交字〔2025〕92号", "吾交字"),
  };
  ev[2].inspection.document->letterhead_text = "青石县交通运输局文件";
  correct_scanned_agencies(ev);
  EXPECT_EQ(number_of(ev[2]), "青交字〔2025〕91号");
  EXPECT_EQ(number_of(ev[3]), "吾交字〔2025〕92号");  // no letterhead read: still ambiguous
}

TEST(CorrectScannedAgencies, AStrayCharacterInFrontIsDropped) {
  std::vector<Evidence> ev = {
      document("a.pdf", false, "临交字〔2025〕3号", "临交字"),
      document("b.pdf", true, "有临交字〔2025〕49号", "有临交字"),
  };
  correct_scanned_agencies(ev);
  EXPECT_EQ(number_of(ev[1]), "临交字〔2025〕49号");
}

TEST(CorrectScannedAgencies, NumbersInFileNamesAreKnownAgencies) {
  std::vector<Evidence> ev = {
      document("1.1/青交字〔2025〕3号 关于成立领导小组的通知.pdf", true, "青交考〔2025〕3号", "青交考"),
      document("1.4/青交字〔2025〕10号 会议通知.pdf", true, "青效字〔2025〕10号", "青效字"),
  };
  correct_scanned_agencies(ev);
  EXPECT_EQ(number_of(ev[1]), "青交字〔2025〕10号");
}

// D.2 in every file kind a bureau files personal numbers in: a ledger PDF whose cells
// wrap numbers, and sign-in sheets as PDF, Word and Excel (no inspector reads Excel;
// run_check scans its cells).
TEST(RunCheck, PersonalNumbersInLedgersAndSignInSheetsOfEveryFormat) {
  evpack::testing::TempDir dir;
  const auto folder = dir.path() / "六、培训交流" / "6.3 企业信用培训";
  std::filesystem::create_directories(folder);
  for (const char* name : {"ledger_wrapped.pdf", "signin_sheet.pdf", "signin_sheet.docx", "signin_sheet.xlsx"}) {
    std::filesystem::copy_file(evpack::testing::source_dir() + "/tests/data/privacy/" + name, folder / name);
  }
  auto options = evpack::testing::offline_check_options(dir.path().string());
  options.cache_dir.clear();
  const auto result = run_check(options);
  ASSERT_TRUE(result) << result.error().message;
  std::set<std::pair<std::string, std::string>> found;
  for (const Finding& f : result.value().findings) {
    if (f.code.rfind("PRIVACY_", 0) == 0) found.insert({f.file.substr(f.file.rfind('/') + 1), f.code});
  }
  const std::set<std::pair<std::string, std::string>> expected = {
      {"ledger_wrapped.pdf", "PRIVACY_ID_CARD"}, {"ledger_wrapped.pdf", "PRIVACY_MOBILE"},
      {"signin_sheet.pdf", "PRIVACY_MOBILE"},    {"signin_sheet.docx", "PRIVACY_MOBILE"},
      {"signin_sheet.xlsx", "PRIVACY_MOBILE"},
  };
  EXPECT_EQ(found, expected);
}

// Checks `input` and expects a D.5 finding `code` and a D.5 deduction row that counts it.
void expect_counted_in_d5(const std::string& input, const std::string& code) {
  auto options = evpack::testing::offline_check_options(input);
  options.cache_dir.clear();
  const auto result = run_check(options);
  ASSERT_TRUE(result) << result.error().message;
  const auto& findings = result.value().findings;
  EXPECT_TRUE(std::any_of(findings.begin(), findings.end(), [&](const Finding& f) {
    return f.code == code && f.rule == "D.5";
  })) << code;
  const auto& deductions = result.value().evaluation.deductions;
  const auto d5 =
      std::find_if(deductions.begin(), deductions.end(), [](const DeductionResult& d) { return d.id == "D.5"; });
  ASSERT_NE(d5, deductions.end());
  EXPECT_GE(d5->occurrences, 1);
  EXPECT_GT(d5->points, 0);
}

TEST(RunCheck, ScannerFindingsCountInTheDeductionTheyName) {
  // A symlink in the tree is skipped with a D.5 warning; the D.5 row must count it
  // rather than say "未发现" next to the warning.
  evpack::testing::TempDir dir;
  const auto folder = dir.path() / "六、培训交流" / "6.3 企业信用培训";
  std::filesystem::create_directories(folder);
  std::filesystem::copy_file(evpack::testing::source_dir() + "/tests/data/privacy/signin_sheet.docx",
                             folder / "signin_sheet.docx");
  std::filesystem::create_symlink(folder / "signin_sheet.docx", folder / "链接.docx");
  expect_counted_in_d5(dir.path().string(), "SYMLINK_SKIPPED");
}

TEST(RunCheck, UnpackingFindingsCountInTheDeductionTheyName) {
  // Two entries of one name in a zip (ZIP_DUPLICATE_NAME, D.5): the D.5 row counts it, whether
  // run_check unpacks the zip or its caller did and passes the findings on.
  evpack::testing::TempDir dir;
  const std::string zip = dir.str() + "/材料.zip";
  const std::string docx = evpack::testing::source_dir() + "/tests/data/privacy/signin_sheet.docx";
  const std::string script =
      "import zipfile, sys, warnings\n"
      "warnings.simplefilter('ignore')\n"
      "z = zipfile.ZipFile(sys.argv[1], 'w')\n"
      "z.write(sys.argv[2], '六、培训交流/6.3 企业信用培训/签到表.docx')\n"
      "z.write(sys.argv[2], '六、培训交流/6.3 企业信用培训/签到表.docx')\n"
      "z.close()\n";
  ASSERT_EQ(evpack::testing::run_command(std::string(evpack::testing::system_python()) + " -c " +
                                         evpack::testing::shell_quote(script) + " " +
                                         evpack::testing::shell_quote(zip) + " " + evpack::testing::shell_quote(docx))
                .exit_code,
            0);
  expect_counted_in_d5(zip, "ZIP_DUPLICATE_NAME");
}

}  // namespace
}  // namespace evpack
