// 发文字号 (document numbers) in text: 章交字〔2025〕25号 and the wrong forms people type.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "evpack/inspect/inspection.hpp"

namespace evpack {

/// A document number found in text, with where it was.
struct FoundDocNumber {
  DocNumber number;
  std::size_t offset = 0;  ///< byte offset in the searched text
  std::size_t length = 0;  ///< bytes
  /// True when the number sits in a citation: inside （…） / (…) right after a 《title》,
  /// or introduced by 根据/按照/依据 on the same line.
  bool cited = false;
  /// True when the number is the only thing on its line (besides 签发人：name).
  bool own_line = false;
};

/// Every document number in `text`: 机关代字 (Han/Latin, 1-12 chars) + year in brackets
/// + serial + 号. Brackets other than 〔〕, a two-digit year, 第, or a leading zero are
/// accepted and listed in DocNumber::form_problems (Chinese), since the number exists.
std::vector<FoundDocNumber> find_doc_numbers(const std::string& text);

/// Parses one number ("鲁交法〔2020〕5号"); nullopt-like empty `text` when not a number.
DocNumber parse_doc_number(const std::string& text);

}  // namespace evpack
