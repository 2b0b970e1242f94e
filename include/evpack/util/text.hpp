// UTF-8 text helpers shared by every stage (names, OCR output, document text).
// All functions are pure and thread-safe; none throws on malformed input.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace evpack {

/// True when `bytes` is well-formed UTF-8 (no overlong forms, no surrogates, <= U+10FFFF).
bool is_valid_utf8(std::string_view bytes);

/// Decodes GBK/GB18030 bytes (Chinese Windows file names, zip names, CSV exports) to UTF-8.
/// Lossy: an undecodable byte becomes U+FFFD and decoding continues. Never fails.
std::string gbk_to_utf8(std::string_view bytes);

/// Strict GBK/GB18030 decoding: nullopt when any byte sequence is not valid GB18030.
std::optional<std::string> decode_gbk_strict(std::string_view bytes);

/// `bytes` as is when it is valid UTF-8, otherwise gbk_to_utf8(bytes). The usual way to
/// turn a name of unknown encoding into something printable.
std::string to_utf8_lossy(std::string_view bytes);

/// ASCII letters A-Z lowered; every other byte (including UTF-8) unchanged.
std::string to_lower_ascii(std::string_view text);

/// Removes leading and trailing white space: ASCII space and controls \t\n\v\f\r,
/// U+3000 (ideographic space), U+00A0 (no-break space), U+200B (zero-width space), U+FEFF (BOM).
std::string trim(std::string_view text);

/// A size for people: "1.5 GB" from 1 GiB up, else megabytes with `mb_decimals` decimals ("200 MB").
std::string size_text(std::uint64_t bytes, int mb_decimals);

/// Removes white space (ASCII blanks and U+3000) between two CJK characters (Han ideographs,
/// CJK or full-width punctuation): OCR output "领 导 小 组 会 议" -> "领导小组会议".
/// Spaces next to Latin letters or digits are kept ("2025 年" stays as is).
std::string remove_spaces_between_han(std::string_view text);

/// Splits into code points, each as its UTF-8 bytes; an invalid byte becomes its own element.
std::vector<std::string> split_utf8_chars(std::string_view text);

/// One character (an element of split_utf8_chars) in U+4000..U+9FFF, judged by its
/// UTF-8 lead byte (three bytes, 0xE4..0xE9): the CJK Unified Ideographs, where the
/// Han characters of documents and OCR output fall.
bool is_han_char(std::string_view ch);

/// One character that is an ASCII digit 0-9.
bool is_ascii_digit_char(std::string_view ch);

/// Plain byte substring test (valid for UTF-8 since UTF-8 is self-synchronising).
/// An empty needle is contained in everything.
bool contains(std::string_view haystack, std::string_view needle);

/// Decodes the code point at `pos` and moves `pos` past it (pos < text.size()). A malformed
/// byte gives U+FFFD and moves one byte, so loops always make progress.
char32_t next_code_point(std::string_view text, std::size_t& pos);

/// The digit a Chinese numeral character stands for: 〇 ○ 零 → 0, 一 … 九 → 1 … 9; -1 for any
/// other character (十 included: it is a multiplier, not a digit).
int chinese_digit_value(char32_t cp);

/// Number of code points; each invalid byte counts as one.
std::size_t utf8_length(std::string_view text);

/// Maps full-width forms U+FF01..U+FF5E (digits, letters, punctuation such as ．，（）：－／)
/// to their ASCII equivalents and U+3000 to a space, as Unicode NFKC does. CJK punctuation
/// outside that block (、。《》〔〕【】“”) is kept: it carries meaning (〔2025〕 in document numbers).
std::string normalize_fullwidth(std::string_view text);

}  // namespace evpack
