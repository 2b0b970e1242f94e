// Formatting shared by every report and package writer: points, lists, HTML text, base64.
// All functions are pure and thread-safe; none throws on malformed input.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace evpack {

/// Points as people write them: "3" for a whole number, "2.5" (one decimal) otherwise.
std::string format_points(double points);

/// Decimal megabytes with one decimal, "5.5 MB" (1 MB = 10^6 bytes, as pack reports sizes;
/// size_text in util/text.hpp counts binary MB).
std::string format_megabytes(std::uint64_t bytes);

/// The parts with `sep` between each two ("a、b、c"); empty parts are kept ("a、、c").
std::string join(const std::vector<std::string>& parts, std::string_view sep);

/// The non-empty parts with `sep` between each two: empty parts leave no separator behind.
std::string join_nonempty(const std::vector<std::string>& parts, std::string_view sep);

/// Text made safe for HTML (element text and quoted attribute values): & < > " ' escaped,
/// invalid UTF-8 replaced (to_utf8_lossy), and control characters other than tab and
/// newline dropped (HTML does not allow them).
std::string html_escape(std::string_view text);

/// Standard base64 (RFC 4648, with '=' padding), as data: URLs want it.
std::string base64_encode(std::string_view bytes);

}  // namespace evpack
