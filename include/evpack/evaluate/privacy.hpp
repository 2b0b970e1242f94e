// Personal data in evidence text (deduction D.2, 泄露隐私): 18-digit ID-card numbers
// (GB 11643 check digit), mainland mobile numbers and bank-card numbers (Luhn), found in
// the text of documents, ledgers, spreadsheets and OCR'd screenshots. Masked numbers
// (370181********7513, 138****1234) are what a careful bureau publishes and are never hit.
// Unified social credit codes (GB 32100) are public, not private: they are only validated.
// Pure functions over UTF-8 text; no I/O.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "evpack/core/types.hpp"

namespace evpack {

/// What a privacy scan found.
enum class PrivacyKind {
  IdCard,             ///< 18-digit resident ID number with a valid check digit and birth date
  Mobile,             ///< mainland mobile number 1[3-9]x xxxx xxxx
  BankCard,           ///< 16-19 digits, Luhn-valid, with a card-issuer prefix
  CreditCodeInvalid,  ///< an 18-character unified social credit code whose check character is wrong
};
/// Stable lowercase name ("id_card", "mobile", "bank_card", "credit_code_invalid").
std::string to_string(PrivacyKind kind);
/// Chinese label ("身份证号", "手机号码", "银行卡号", "统一社会信用代码").
std::string privacy_kind_label_zh(PrivacyKind kind);

/// One hit. The number itself is never kept in full (except a credit code, which is public).
struct PrivacyHit {
  PrivacyKind kind = PrivacyKind::IdCard;
  std::string masked;      ///< "370181********7513", "138****5678", "6222***********0123"
  std::string context;     ///< up to 10 characters before the number ("身份证号：")
  std::size_t offset = 0;  ///< byte offset of the number in the scanned text
  int page = 0;            ///< 1-based page, 0 when unknown
};

/// A piece of text with the page it comes from (0 = unknown).
struct PageText {
  std::string_view text;
  int page = 0;
};

/// Scans one text. Digits may be full-width and split by single spaces or dashes
/// (138 1234 5678, 370181 19900101 7513, 6222 0212 3456 7890 123) as people type them.
/// A form feed (\f) starts a new page: with `first_page` >= 1, hits are numbered from it
/// and each \f adds one; with 0 pages stay unknown. Runs that touch a mask character
/// (*, ＊, ×, ●, X inside the run), an ASCII letter or a longer digit run are skipped;
/// so are numbers labelled as order/serial/document numbers (订单号, 编号, 流水号 ...).
std::vector<PrivacyHit> scan_privacy(std::string_view text, int first_page = 0);

/// Scans OCR text of a scan or a photo of paper (InspectOptions body_text). OCR splits a
/// number where the type has a gap ("1381 234 5678", "13812 345678"): digits parted only by
/// single spaces or dashes on one line are joined when together they make exactly 11 digits
/// or an 18-character ID form, then the text is scanned as scan_privacy does (IDs only with
/// a right check character, mobiles only 13x-19x). Offsets are those of the joined text.
std::vector<PrivacyHit> scan_ocr_privacy(std::string_view text, int first_page = 0);

/// Scans several pages; offsets are relative to each page's text.
std::vector<PrivacyHit> scan_privacy(const std::vector<PageText>& pages);

/// True for an 18-character ID number whose check character (GB 11643, ISO 7064 MOD 11-2)
/// and birth date (real date, not after `today` when valid, year >= 1900) are right.
bool is_valid_id_card(std::string_view id, const CivilDate& today = {});

/// True when `digits` (ASCII digits only) passes the Luhn check.
bool luhn_valid(std::string_view digits);

/// True for an 18-character unified social credit code with a correct check character
/// (GB 32100-2015: charset 0-9 A-H J-N P-R T U W X Y, weights 3^i mod 31).
bool is_valid_credit_code(std::string_view code);

/// Turns the hits of one file into findings: one Error finding per kind (PRIVACY_ID_CARD,
/// PRIVACY_MOBILE, PRIVACY_BANK_CARD) listing count, pages and masked examples, and one
/// Warning USCC_INVALID per invalid credit code. `file` is the relative path; the findings'
/// role is DeductionRole::PrivacyLeak (name_deductions gives them the rule set's id).
std::vector<Finding> privacy_findings(const std::vector<PrivacyHit>& hits, const std::string& file);

}  // namespace evpack
