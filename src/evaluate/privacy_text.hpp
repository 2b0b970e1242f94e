// The text side of the privacy scan (privacy.hpp): UTF-8 decoded into classified
// characters, digits grouped into runs, the shape checks of numbers, the labels that say
// what a number is. Private to src/evaluate/.
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "evpack/util/text.hpp"

namespace evpack::privacy_detail {

enum class CharClass { Digit, Upper, Lower, Mask, Separator, Plus, Dot, Other };

struct Char {
  char32_t cp = 0;
  std::size_t offset = 0;  // byte offset in the text
  std::size_t length = 1;  // bytes
  CharClass cls = CharClass::Other;
  char ascii = 0;  // normalised ASCII form for digits and letters
};

// Decodes UTF-8; an invalid byte becomes one Other char so offsets stay exact.
std::vector<Char> decode(std::string_view text);

inline bool is_alnum_or_mask(CharClass c) {
  return c == CharClass::Digit || c == CharClass::Upper || c == CharClass::Lower || c == CharClass::Mask;
}

// A maximal sequence of digits, letters and mask characters without separators.
struct Group {
  std::size_t first = 0;  // index into chars
  std::size_t last = 0;   // inclusive
  std::string ascii;      // normalised characters ('*' for any mask)
  bool masked = false;
  bool has_letter = false;
  bool digits_only = false;
  bool id_tail = false;  // digits ending in one X/x (an ID number's check character)
};

// Groups joined by single separators (or two spaces, as PDF extraction produces).
struct Run {
  std::vector<Group> groups;
};

/// The runs of `chars`, in text order.
std::vector<Run> find_runs(const std::vector<Char>& chars);

/// Non-empty and ASCII digits only.
bool all_digits(std::string_view s);
/// 11 digits starting 13-19: a mainland mobile number's shape.
bool mobile_shape(std::string_view s);
/// Prefixes of cards issued in China: UnionPay 62, Visa 4, Mastercard 51-55 and 2221-2720,
/// JCB 3528-3589, Discover/Great Wall 6011/6013, and the old domestic 9558/9559.
bool plausible_bin(std::string_view s);
/// `s` with all but `keep_front` and `keep_back` characters as '*'.
std::string mask_middle(std::string_view s, std::size_t keep_front, std::size_t keep_back);

// Words that label a number as something other than a person's: an order, a document,
// a licence. Seen within a few characters before the number.
inline constexpr std::array<std::string_view, 24> kNotPersonalLabels = {
    "订单",   "单号",   "编号",   "流水号", "文号",   "批次",   "条码",     "条形码", "发票", "工单", "运单", "快递",
    "合同号", "序列号", "交易号", "凭证号", "登记号", "证书号", "许可证号", "备案号", "案号", "代码", "No",   "NO"};

inline constexpr std::array<std::string_view, 10> kCardLabels = {"卡号", "账号",   "帐号", "银行",   "开户",
                                                                 "账户", "信用卡", "银联", "储蓄卡", "借记卡"};

inline constexpr std::array<std::string_view, 4> kCreditCodeLabels = {"信用代码", "社会信用", "统一代码", "信用码"};

template <std::size_t N>
bool contains_any(std::string_view text, const std::array<std::string_view, N>& words) {
  return std::any_of(words.begin(), words.end(), [&](std::string_view w) { return contains(text, w); });
}

}  // namespace evpack::privacy_detail
