#include "evpack/evaluate/privacy.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>

#include "evpack/adapters/table_reader.hpp"
#include "evpack/evaluate/file_checks.hpp"
#include "evpack/inspect/inspector.hpp"
#include "support/temp_dir.hpp"

namespace evpack {
namespace {

// Test numbers are made up; check digits computed per GB 11643 / Luhn / GB 32100.
constexpr const char* kId = "370181199001017516";
constexpr const char* kIdX = "11010519491231002X";  // test vector from the GB 11643 literature
constexpr const char* kCard19 = "6222021234567890128";
constexpr const char* kCard16 = "6228480012345671";

std::vector<PrivacyKind> kinds(const std::vector<PrivacyHit>& hits) {
  std::vector<PrivacyKind> out;
  for (const auto& h : hits) out.push_back(h.kind);
  return out;
}

TEST(PrivacyChecks, IdCardCheckDigitAndBirthDate) {
  EXPECT_TRUE(is_valid_id_card(kId));
  EXPECT_TRUE(is_valid_id_card(kIdX));
  EXPECT_TRUE(is_valid_id_card("11010519491231002x"));
  EXPECT_TRUE(is_valid_id_card("34052419800101001X"));
  EXPECT_FALSE(is_valid_id_card("370181199001017515"));  // wrong check digit
  EXPECT_FALSE(is_valid_id_card("37018119900101751"));   // 17 digits
  // A correct check digit but 1990-13-01 is no date.
  EXPECT_FALSE(is_valid_id_card("370181199013017513"));
  EXPECT_FALSE(is_valid_id_card(kId, CivilDate{1985, 1, 1}));  // born after "today"
  EXPECT_TRUE(is_valid_id_card(kId, CivilDate{2025, 1, 1}));
}

TEST(PrivacyChecks, LuhnAndCreditCode) {
  EXPECT_TRUE(luhn_valid(kCard19));
  EXPECT_TRUE(luhn_valid(kCard16));
  EXPECT_FALSE(luhn_valid("6222021234567890127"));
  EXPECT_FALSE(luhn_valid("62220212345678901a8"));
  EXPECT_TRUE(is_valid_credit_code("91350100M000100Y43"));  // GB 32100 test vector
  EXPECT_FALSE(is_valid_credit_code("91350100M000100Y44"));
  EXPECT_FALSE(is_valid_credit_code("91350100M0001TGQXM"));  // legal early pilot code, fails the checksum
  EXPECT_FALSE(is_valid_credit_code("91350100M000100I43"));  // I is not in the charset
}

TEST(PrivacyScan, FindsTheThreeKindsWithMaskedExcerptsAndOffsets) {
  const std::string text =
      std::string("法定代表人身份证号：") + kId + "\n联系电话：13380545727\n开户账号：" + kCard19 + "。";
  const auto hits = scan_privacy(text);
  ASSERT_EQ(hits.size(), 3u);
  EXPECT_EQ(hits[0].kind, PrivacyKind::IdCard);
  EXPECT_EQ(hits[0].masked, "370181********7516");
  EXPECT_EQ(hits[0].context, "法定代表人身份证号：");
  EXPECT_EQ(text.substr(hits[0].offset, 18), kId);
  EXPECT_EQ(hits[1].kind, PrivacyKind::Mobile);
  EXPECT_EQ(hits[1].masked, "133****5727");
  EXPECT_EQ(hits[1].context, "联系电话：");
  EXPECT_EQ(text.substr(hits[1].offset, 11), "13380545727");
  EXPECT_EQ(hits[2].kind, PrivacyKind::BankCard);
  EXPECT_EQ(hits[2].masked, "6222***********0128");
  for (const auto& h : hits) {
    EXPECT_EQ(h.page, 0);
    EXPECT_EQ(h.masked.find("19900101"), std::string::npos);
  }
}

TEST(PrivacyScan, MaskedNumbersAreNeverHit) {
  const std::string text =
      "身份证号：370181********7516 电话：133****5727 卡号：6222 **** **** 0128 "
      "身份证：370181XXXXXXXX7516 手机：133＊＊＊＊5727 号码 133 **** 5727 证件 3701811990****7516";
  EXPECT_TRUE(scan_privacy(text).empty()) << scan_privacy(text)[0].masked;
}

TEST(PrivacyScan, FullWidthAndSplitDigits) {
  // Full-width digits, as typed with a Chinese input method.
  const std::string full = "电话：１３３８０５４５７２７";
  ASSERT_EQ(kinds(scan_privacy(full)), std::vector<PrivacyKind>{PrivacyKind::Mobile});
  EXPECT_EQ(scan_privacy(full)[0].masked, "133****5727");
  EXPECT_EQ(scan_privacy(full)[0].offset, std::string("电话：").size());
  // Mobile split 3-4-4 by spaces or dashes, with a +86 prefix.
  EXPECT_EQ(kinds(scan_privacy("手机 133 8054 5727")), std::vector<PrivacyKind>{PrivacyKind::Mobile});
  EXPECT_EQ(kinds(scan_privacy("手机133-8054-5727。")), std::vector<PrivacyKind>{PrivacyKind::Mobile});
  EXPECT_EQ(kinds(scan_privacy("Tel: +86 133 8054 5727")), std::vector<PrivacyKind>{PrivacyKind::Mobile});
  EXPECT_EQ(kinds(scan_privacy("Tel: +8613380545727")), std::vector<PrivacyKind>{PrivacyKind::Mobile});
  // ID split 6-8-4 and a lower-case x.
  EXPECT_EQ(kinds(scan_privacy("身份证 370181 19900101 7516")), std::vector<PrivacyKind>{PrivacyKind::IdCard});
  EXPECT_EQ(kinds(scan_privacy("身份证110105194912310 02x")), std::vector<PrivacyKind>{});  // not a real split form
  EXPECT_EQ(kinds(scan_privacy("身份证 110105 19491231 002x")), std::vector<PrivacyKind>{PrivacyKind::IdCard});
  EXPECT_EQ(kinds(scan_privacy("身份证号11010519491231002X。")), std::vector<PrivacyKind>{PrivacyKind::IdCard});
  // Card in groups of four, 16 and 19 digits; full-width space (U+3000) as separator.
  EXPECT_EQ(kinds(scan_privacy("卡号 6228 4800 1234 5671")), std::vector<PrivacyKind>{PrivacyKind::BankCard});
  EXPECT_EQ(kinds(scan_privacy("卡号：6222　0212　3456　7890　128")), std::vector<PrivacyKind>{PrivacyKind::BankCard});
  // Visa/Mastercard prefixes only with a word saying it is a card; UnionPay (62) always.
  EXPECT_EQ(kinds(scan_privacy("信用卡号 4111 1111 1111 1111")), std::vector<PrivacyKind>{PrivacyKind::BankCard});
  EXPECT_TRUE(scan_privacy("参考 4111111111111111").empty());
  EXPECT_EQ(kinds(scan_privacy("参考 6228480012345671")), std::vector<PrivacyKind>{PrivacyKind::BankCard});
  // OCR that spaces every digit.
  EXPECT_EQ(kinds(scan_privacy("电话 1 3 3 8 0 5 4 5 7 2 7")), std::vector<PrivacyKind>{PrivacyKind::Mobile});
  EXPECT_EQ(kinds(scan_privacy("身份证 1 1 0 1 0 5 1 9 4 9 1 2 3 1 0 0 2 X")),
            std::vector<PrivacyKind>{PrivacyKind::IdCard});
  EXPECT_TRUE(scan_privacy("1 2 3 4 5 6 7 8 9 1 0 1 1").empty());
  // Two numbers separated by a space stay two numbers.
  EXPECT_EQ(kinds(scan_privacy("13380545727 13912345678")),
            (std::vector<PrivacyKind>{PrivacyKind::Mobile, PrivacyKind::Mobile}));
}

TEST(PrivacyScan, NoFalsePositivesOnOrdinaryNumbers) {
  const char* const texts[] = {
      "青交罚字〔2025〕20号",                          // document number
      "2025-03-18 09:30:15 2025年3月18日 20250318",    // dates
      "联系电话：0531-88776655，传真 0531 8877 6655",  // landlines
      "办公电话（0533）6202117 转 8012",
      "订单号：13380545727",            // labelled order number with a mobile shape
      "订单编号 6222021234567890128",   // labelled, Luhn-valid
      "运单号 SF13380545727",           // letters glued on
      "发票号码 25372000000123456789",  // 20-digit e-invoice number
      "发票号码 2537 2000 0001 2345 6789",
      "单价 13380545727.50 元",  // decimal
      "IP 10.133.80.54",
      "133805457270",  // 12 digits: part of a longer run
      "913380545727",
      "370181199001017515",  // 18 digits, bad check digit
      "123456789012345678",
      "身份证号码：370181199013017513",  // check digit right but no such date
      "批次 4111111111111111",           // labelled test card number
      "ABC-13380545727",                 // code with a dash
      "13380545727-A01",
  };
  for (const char* t : texts) {
    const auto hits = scan_privacy(t);
    EXPECT_TRUE(hits.empty()) << t << " -> " << (hits.empty() ? "" : hits[0].masked);
  }
}

// Numbers wrapped in a table cell, as text extracted with its layout shows them: the
// cell's second line continues at the cell's left edge.
TEST(PrivacyScan, NumbersWrappedInATableCellAreJoined) {
  const std::string table =
      "序   当事人   身份证号码            联系电话       处罚决定书文号       罚款金额（\n"
      "号                                                   元）\n"
      "1   张某    3701811985031    138 0013   青交罚〔2025〕12   20000\n"
      "          27518            8000       号\n"
      "2   李某    370181********   139****5   青交罚〔2025〕15   1380013800\n"
      "          7513             678        号\n"
      "3   王某    1101051949123    13912345   青交罚〔2025〕21   5000\n"
      "          1002X            678        号\n";
  const auto hits = scan_privacy(table);
  std::vector<std::string> masked;
  for (const auto& h : hits) masked.push_back(h.masked);
  EXPECT_EQ(masked,
            (std::vector<std::string>{"370181********7518", "138****8000", "110105********002X", "139****5678"}));
  EXPECT_EQ(table.substr(hits[1].offset, 8), "138 0013");  // the hit points at the number's first line
}

// A vertically centred cell: its first line above the row's other cells, its
// second under them, each piece centred (so starting at another column).
TEST(PrivacyScan, NumbersWrappedInACentredCellAreJoined) {
  const std::string table =
      "序号    企业名称                修复日期        联系人       身份证号            联系电话        状态\n"
      "\n"
      "                                                 371425         18724\n"
      "1     白河宏远公交有限公司          2025-01-08  邵婷                                    修复完成\n"
      "                                              199902051777      879866\n"
      "\n"
      "                                                 370***        157****3\n"
      "2     白河正阳运输有限公司          2025-02-15  阎健庆                                   已修复\n"
      "                                               ********2064      632\n";
  std::vector<std::string> masked;
  for (const auto& h : scan_privacy(table)) masked.push_back(h.masked);
  EXPECT_EQ(masked, (std::vector<std::string>{"371425********1777", "187****9866"}));
}

TEST(PrivacyScan, WrappedIdNeedsNoLabelAndMayTakeThreeLines) {
  EXPECT_EQ(kinds(scan_privacy("姓名  370181\n      19850312\n      7518  张三\n")),
            std::vector<PrivacyKind>{PrivacyKind::IdCard});
  // A paragraph wraps at the line's end and goes on at the next line's start.
  EXPECT_EQ(kinds(scan_privacy("申请人王某，身份证号码370181198503\n127518，联系电话138 0531\n1234，现申请信用修复。")),
            (std::vector<PrivacyKind>{PrivacyKind::IdCard, PrivacyKind::Mobile}));
}

TEST(PrivacyScan, WrappedLookalikesStayApart) {
  const char* const texts[] = {
      // A mobile's shape across two lines without a phone label: amounts in a column.
      "金额\n13500\n138000\n",
      "序号 金额（元）\n1    135000\n     20000\n",
      // Masked numbers wrapped: either piece touches the mask.
      "电话\n139****\n5678\n",
      "联系电话\n139****5\n678\n",
      "身份证号\n370181********\n7513\n",
      // A date over a number, a document number, a landline, a credit code.
      "联系电话\n2025-03-18\n138\n",
      "电话\n青交罚〔2025〕12\n号 13800\n",
      "联系电话\n0531-\n87654321\n",
      "统一社会信用代码91370123MA3CQ8X\nY2K\n",
      // 18 digits across lines whose check character is wrong.
      "身份证号\n3701811985031\n27517\n",
      // Pieces in different columns.
      "联系电话        备注\n138 0013\n                8000\n",
  };
  for (const char* t : texts) {
    const auto hits = scan_privacy(t);
    EXPECT_TRUE(hits.empty()) << t << " -> " << (hits.empty() ? "" : hits[0].masked);
  }
}

TEST(PrivacyScan, CreditCodesAreValidatedNotReported) {
  // Valid code (with and without letters): nothing.
  EXPECT_TRUE(scan_privacy("统一社会信用代码：91350100M000100Y43").empty());
  EXPECT_TRUE(scan_privacy("统一社会信用代码：113701810040000005").empty());
  EXPECT_TRUE(scan_privacy("统一社会信用代码：9137092323RQ3332HP").empty());  // from the sample archive
  // Wrong check character: a hit showing the (public) code in full.
  const auto hits = scan_privacy("统一社会信用代码：91350100M000100Y44");
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].kind, PrivacyKind::CreditCodeInvalid);
  EXPECT_EQ(hits[0].masked, "91350100M000100Y44");
  // An all-digit 18-character run is only taken for a credit code when labelled as one.
  EXPECT_EQ(kinds(scan_privacy("信用代码 113701810040000006")),
            std::vector<PrivacyKind>{PrivacyKind::CreditCodeInvalid});
  EXPECT_TRUE(scan_privacy("编号 113701810040000006").empty());
}

TEST(PrivacyScan, PagesFromFormFeedsAndPageTexts) {
  const std::string text = std::string("第一页\f第二页 手机13380545727\f\f第四页 ") + kId;
  const auto hits = scan_privacy(text, 1);
  ASSERT_EQ(hits.size(), 2u);
  EXPECT_EQ(hits[0].page, 2);
  EXPECT_EQ(hits[1].page, 4);
  EXPECT_EQ(scan_privacy(text)[0].page, 0);

  const std::string p1 = "无";
  const std::string p7 = std::string("身份证") + kIdX;
  const auto paged = scan_privacy(std::vector<PageText>{{p1, 1}, {p7, 7}});
  ASSERT_EQ(paged.size(), 1u);
  EXPECT_EQ(paged[0].page, 7);
  EXPECT_EQ(paged[0].offset, std::string("身份证").size());
}

TEST(PrivacyScan, SurvivesHostileText) {
  std::string junk;
  for (int i = 0; i < 5000; ++i) junk += static_cast<char>((i * 7919) % 256);
  junk += "\xe4\xb8";  // truncated UTF-8 at the end
  EXPECT_NO_THROW(scan_privacy(junk, 1));
  EXPECT_TRUE(scan_privacy("").empty());
  std::string digits(100000, '1');
  EXPECT_TRUE(scan_privacy(digits).empty());
  std::string spaced;
  for (int i = 0; i < 20000; ++i) spaced += "1338 ";
  EXPECT_NO_THROW(scan_privacy(spaced));
}

TEST(PrivacyFindings, OneFindingPerKindWithPagesAndNoFullNumber) {
  const std::string text =
      std::string("身份证") + kId + "\f身份证" + kIdX + " 手机13380545727\f统一社会信用代码：91350100M000100Y44";
  const auto findings = privacy_findings(scan_privacy(text, 1), "04信用应用/承诺书.pdf");
  ASSERT_EQ(findings.size(), 3u);
  const auto find = [&](const std::string& code) {
    return std::find_if(findings.begin(), findings.end(), [&](const Finding& f) { return f.code == code; });
  };
  const auto id = find("PRIVACY_ID_CARD");
  ASSERT_NE(id, findings.end());
  EXPECT_EQ(id->severity, Severity::Error);
  EXPECT_EQ(id->role, DeductionRole::PrivacyLeak);
  EXPECT_EQ(id->file, "04信用应用/承诺书.pdf");
  EXPECT_NE(id->message.find("发现2处未打码的身份证号（第1页、第2页）"), std::string::npos) << id->message;
  EXPECT_NE(id->message.find("370181********7516"), std::string::npos);
  EXPECT_EQ(id->message.find(kId), std::string::npos);
  EXPECT_EQ(id->message.find("19491231"), std::string::npos);
  const auto mobile = find("PRIVACY_MOBILE");
  ASSERT_NE(mobile, findings.end());
  EXPECT_EQ(mobile->severity, Severity::Warning);
  EXPECT_EQ(mobile->message.find("13380545727"), std::string::npos);
  const auto uscc = find("USCC_INVALID");
  ASSERT_NE(uscc, findings.end());
  EXPECT_EQ(uscc->severity, Severity::Warning);
  EXPECT_NE(uscc->message.find("91350100M000100Y44"), std::string::npos);
  EXPECT_NE(uscc->message.find("第3页"), std::string::npos);
  EXPECT_TRUE(privacy_findings({}, "x.pdf").empty());
}

// The committed ledger and sign-in sheets (tests/data/privacy, made by make_privacy.py)
// as check reads them: every planted number found, nothing else.
TEST(PrivacyFixtures, LedgerAndSignInSheetsInEveryFormat) {
  InspectOptions options;
  options.ocr = false;
  Toolbox tools = make_default_toolbox(options);
  const std::map<std::string, std::pair<ContentKind, std::multiset<std::string>>> expected = {
      {"ledger_wrapped.pdf",
       {ContentKind::Pdf, {"370181********7518", "138****8000", "110105********002X", "139****5678"}}},
      {"signin_sheet.pdf", {ContentKind::Pdf, {"159****2108", "188****7766", "137****9988"}}},
      {"signin_sheet.xlsx", {ContentKind::Xlsx, {"159****2108", "188****7766", "137****9988"}}},
      {"signin_sheet.docx", {ContentKind::Docx, {"159****2108", "188****7766", "137****9988"}}},
  };
  for (const auto& [name, want] : expected) {
    SCOPED_TRACE(name);
    FileRecord record;
    record.rel_path = "6.3/" + name;
    record.disk_path = testing::source_dir() + "/tests/data/privacy/" + name;
    record.kind = want.first;
    // Spreadsheets are scanned by their cells (run_check), the others by the inspector's text.
    std::string text;
    if (record.kind == ContentKind::Xlsx) {
      const auto sheets = read_table(record.disk_path);
      ASSERT_TRUE(sheets);
      text = table_text(sheets.value());
    } else {
      text = inspect_file(record.disk_path, record, tools, options).text;
    }
    std::multiset<std::string> found;
    for (const auto& hit : scan_privacy(text, 1)) found.insert(hit.masked);
    EXPECT_EQ(found, want.second) << text;
  }
}

}  // namespace
}  // namespace evpack

namespace evpack {
namespace {

TEST(PrivacyOcrScan, NumbersSplitByOcrAreJoinedOnlyWhenSound) {
  // OCR parts a number where the type has a gap, not where people group digits.
  const auto split = scan_ocr_privacy("联系电话：1381 234 5678\n身份证号：110105 1949 1231 002X");
  ASSERT_EQ(split.size(), 2U);
  EXPECT_EQ(split[0].masked, "138****5678");
  EXPECT_EQ(split[1].masked, "110105********002X");
  // A misread digit breaks the check character: no ID; 12x is no mobile prefix.
  EXPECT_TRUE(scan_ocr_privacy("身份证号：370181 1985 0312 7519").empty());
  EXPECT_TRUE(scan_ocr_privacy("电话：1281 234 5678").empty());
  // Full-width digits, and digits that only happen to neighbour each other on a line
  // (a row number and a date) are not joined into anything.
  EXPECT_EQ(scan_ocr_privacy("手机：１３９１２３４５６７８").size(), 1U);
  EXPECT_TRUE(scan_ocr_privacy("3 2025 07 22 14 30").empty());
}

/// A fixture of tests/data/privacy checked as run_check checks it: inspected with
/// the real OCR engines and the rule set's personal-number keywords, then scanned.
Evidence checked_fixture(const std::string& name, const std::string& rel_path, ContentKind kind) {
  InspectOptions options;
  options.personal_number_keywords = {"承诺书", "签到"};
  static Toolbox tools = make_default_toolbox(options);
  Evidence e;
  e.file.rel_path = rel_path;
  e.file.disk_path = testing::source_dir() + "/tests/data/privacy/" + name;
  e.file.kind = kind;
  e.inspection = inspect_file(e.file.disk_path, e.file, tools, options);
  add_privacy_findings(e, e.file.disk_path);
  return e;
}

const Finding* finding(const Evidence& e, const std::string& code) {
  for (const Finding& f : e.inspection.findings) {
    if (f.code == code) return &f;
  }
  return nullptr;
}

TEST(PrivacyScannedFixtures, APhotoOfASignInSheetShowsItsMobiles) {
  const Evidence e = checked_fixture("signin_sheet_photo.jpg", "6.3/培训签到表.jpg", ContentKind::Jpeg);
  const Finding* mobile = finding(e, "PRIVACY_MOBILE");
  ASSERT_NE(mobile, nullptr) << e.inspection.body_text;
  for (const char* masked : {"159****2108", "188****7766", "137****9988"}) {
    EXPECT_NE(mobile->message.find(masked), std::string::npos) << mobile->message;
  }
  EXPECT_NE(mobile->message.find("培训签到表.jpg"), std::string::npos) << mobile->message;
  EXPECT_EQ(finding(e, "PRIVACY_ID_CARD"), nullptr);
}

// A sign-in sheet photographed whole, its 签到时间 column and dated header read as
// a time stamp: the time is no watermark reading (cannot-verify, no "以水印时间为准"),
// and the photo is read as the sheet it shows, its mobiles found.
TEST(PrivacyScannedFixtures, TimesPrintedOnAPhotographedSheetAreNoWatermark) {
  const Evidence e = checked_fixture("signin_sheet_photo_times.jpg", "6.3/信用修复宣讲会签到表.jpg", ContentKind::Jpeg);
  ASSERT_TRUE(e.inspection.photo.has_value());
  EXPECT_TRUE(e.inspection.photo->shows_sheet);
  EXPECT_NE(e.inspection.photo->watermark.state, Presence::Present) << e.inspection.photo->watermark.reason;
  EXPECT_EQ(finding(e, "EXIF_STRIPPED_WATERMARK_OK"), nullptr);
  EXPECT_TRUE(e.inspection.document.has_value());
  const Finding* mobile = finding(e, "PRIVACY_MOBILE");
  ASSERT_NE(mobile, nullptr) << e.inspection.body_text;
  for (const char* masked : {"199****2059", "183****4579"}) {
    EXPECT_NE(mobile->message.find(masked), std::string::npos) << mobile->message;
  }
}

TEST(PrivacyScannedFixtures, AScanWithAnIdWhoseCheckDigitIsWrongIsNoLeak) {
  const Evidence e = checked_fixture("commitment_bad_id_scan.pdf", "4.1/信用承诺书.pdf", ContentKind::Pdf);
  // The body was read (the signatory's line is there) and judged: no D.2, no doubt.
  EXPECT_NE(e.inspection.body_text.find("承诺"), std::string::npos) << e.inspection.body_text;
  EXPECT_EQ(finding(e, "PRIVACY_ID_CARD"), nullptr) << e.inspection.body_text;
  EXPECT_EQ(finding(e, "PRIVACY_MOBILE"), nullptr) << e.inspection.body_text;
  EXPECT_EQ(finding(e, "PRIVACY_UNVERIFIED"), nullptr);
}

TEST(PrivacyScannedFixtures, MaskedNumbersOnAPhotoOfPaperAreNoLeak) {
  const Evidence e = checked_fixture("commitment_masked_photo.jpg", "4.1/信用承诺书.jpg", ContentKind::Jpeg);
  EXPECT_NE(e.inspection.body_text.find("承诺"), std::string::npos) << e.inspection.body_text;
  EXPECT_EQ(finding(e, "PRIVACY_ID_CARD"), nullptr) << e.inspection.body_text;
  EXPECT_EQ(finding(e, "PRIVACY_MOBILE"), nullptr) << e.inspection.body_text;
}

TEST(PrivacyScannedFixtures, AFiftyDpiScanAsksForAManualCheckNotAD2) {
  const Evidence e = checked_fixture("commitment_50dpi_scan.pdf", "4.1/信用承诺书.pdf", ContentKind::Pdf);
  EXPECT_TRUE(e.inspection.body_text.empty());
  EXPECT_EQ(finding(e, "PRIVACY_ID_CARD"), nullptr);
  EXPECT_EQ(finding(e, "PRIVACY_MOBILE"), nullptr);
  const Finding* doubt = finding(e, "PRIVACY_UNVERIFIED");
  ASSERT_NE(doubt, nullptr);
  EXPECT_EQ(doubt->role, DeductionRole::None);
  EXPECT_EQ(doubt->severity, Severity::Warning);
  EXPECT_NE(doubt->message.find("分辨率过低，无法核对是否含个人身份证号/手机号，请人工核对"), std::string::npos);
}

TEST(PrivacyScannedFixtures, OnlyDocumentsThatCanHoldPersonalNumbersAreReadWhole) {
  // The same scan filed as a notice: its body is not read (OCR of a page costs).
  const Evidence e = checked_fixture("commitment_bad_id_scan.pdf", "1.1/工作通知.pdf", ContentKind::Pdf);
  EXPECT_TRUE(e.inspection.body_text.empty());
}

}  // namespace
}  // namespace evpack
