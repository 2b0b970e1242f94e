#include "evpack/util/text.hpp"

#include <cstdio>

#include <iconv.h>

#include <cerrno>
#include <cstdint>

namespace evpack {

namespace {

constexpr char32_t kInvalid = 0xFFFFFFFF;
constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

struct Decoded {
  char32_t cp = kInvalid;  // kInvalid for a malformed byte
  std::size_t length = 1;
};

// Decodes one UTF-8 sequence at `pos` (pos < text.size()). Strict: rejects overlong
// forms, surrogates and code points above U+10FFFF; a malformed lead byte or
// sequence consumes exactly one byte so callers always make progress.
Decoded decode_at(std::string_view text, std::size_t pos) {
  const auto b0 = static_cast<unsigned char>(text[pos]);
  if (b0 < 0x80) return {b0, 1};
  std::size_t len = 0;
  char32_t cp = 0;
  char32_t min = 0;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    len = 2, cp = b0 & 0x1F, min = 0x80;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    len = 3, cp = b0 & 0x0F, min = 0x800;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    len = 4, cp = b0 & 0x07, min = 0x10000;
  } else {
    return {};
  }
  if (pos + len > text.size()) return {};
  for (std::size_t i = 1; i < len; ++i) {
    const auto b = static_cast<unsigned char>(text[pos + i]);
    if ((b & 0xC0) != 0x80) return {};
    cp = (cp << 6) | (b & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return {};
  return {cp, len};
}

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

bool is_blank(char32_t cp) {
  return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\v' || cp == '\f' || cp == '\r' || cp == 0x3000 ||
         cp == 0x00A0 || cp == 0x200B || cp == 0xFEFF;
}

bool is_cjk(char32_t cp) {
  return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
         (cp >= 0x20000 && cp <= 0x2FA1F) ||
         (cp >= 0x3001 && cp <= 0x303F) ||  // CJK symbols and punctuation: 、。《》〔〕【】
         (cp >= 0xFF01 && cp <= 0xFF0F) || (cp >= 0xFF1A && cp <= 0xFF20) ||  // full-width punctuation
         (cp >= 0xFF3B && cp <= 0xFF40) || (cp >= 0xFF5B && cp <= 0xFF65) || cp == 0x2014 ||
         (cp >= 0x2018 && cp <= 0x201D) || cp == 0x2026;  // — ‘’“” …
}

// One iconv descriptor per thread: iconv_t is not thread-safe, and opening one per
// call would reload the conversion tables for every name of a large tree.
class Gb18030Decoder {
 public:
  Gb18030Decoder() : cd_(iconv_open("UTF-8", "GB18030")) {}
  ~Gb18030Decoder() {
    if (ok()) iconv_close(cd_);
  }
  Gb18030Decoder(const Gb18030Decoder&) = delete;
  Gb18030Decoder& operator=(const Gb18030Decoder&) = delete;

  bool ok() const { return cd_ != reinterpret_cast<iconv_t>(-1); }

  // Decodes `bytes`; with `strict`, returns false at the first invalid sequence.
  bool decode(std::string_view bytes, bool strict, std::string& out) {
    out.clear();
    if (!ok()) {
      // No gconv module: keep ASCII, replace the rest (never fail a scan over this).
      for (const char c : bytes) {
        if (static_cast<unsigned char>(c) < 0x80) {
          out.push_back(c);
        } else {
          if (strict) return false;
          out += kReplacement;
        }
      }
      return true;
    }
    iconv(cd_, nullptr, nullptr, nullptr, nullptr);
    std::string buffer(bytes.size() * 2 + 16, '\0');
    char* in = const_cast<char*>(bytes.data());  // iconv's API is not const-correct
    std::size_t in_left = bytes.size();
    while (in_left > 0) {
      char* out_ptr = buffer.data();
      std::size_t out_left = buffer.size();
      const std::size_t rc = iconv(cd_, &in, &in_left, &out_ptr, &out_left);
      out.append(buffer.data(), buffer.size() - out_left);
      if (rc != static_cast<std::size_t>(-1)) break;
      if (errno == E2BIG) continue;
      if (strict) return false;
      // EILSEQ (invalid byte) or EINVAL (truncated sequence at the end): replace one byte.
      out += kReplacement;
      ++in;
      --in_left;
      iconv(cd_, nullptr, nullptr, nullptr, nullptr);
    }
    return true;
  }

 private:
  iconv_t cd_;
};

Gb18030Decoder& thread_decoder() {
  thread_local Gb18030Decoder decoder;
  return decoder;
}

}  // namespace

bool is_valid_utf8(std::string_view bytes) {
  for (std::size_t i = 0; i < bytes.size();) {
    const Decoded d = decode_at(bytes, i);
    if (d.cp == kInvalid) return false;
    i += d.length;
  }
  return true;
}

std::string gbk_to_utf8(std::string_view bytes) {
  std::string out;
  thread_decoder().decode(bytes, false, out);
  return out;
}

std::optional<std::string> decode_gbk_strict(std::string_view bytes) {
  std::string out;
  if (!thread_decoder().decode(bytes, true, out)) return std::nullopt;
  return out;
}

std::string to_utf8_lossy(std::string_view bytes) {
  if (is_valid_utf8(bytes)) return std::string(bytes);
  return gbk_to_utf8(bytes);
}

std::string to_lower_ascii(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string size_text(std::uint64_t bytes, int mb_decimals) {
  char buf[48];
  if (bytes >= (1ull << 30))
    std::snprintf(buf, sizeof buf, "%.1f GB", static_cast<double>(bytes) / (1ull << 30));
  else
    std::snprintf(buf, sizeof buf, "%.*f MB", mb_decimals, static_cast<double>(bytes) / (1ull << 20));
  return buf;
}

std::string trim(std::string_view text) {
  std::size_t begin = 0;
  std::size_t end = 0;  // one past the last non-blank code point
  bool seen = false;
  for (std::size_t i = 0; i < text.size();) {
    const Decoded d = decode_at(text, i);
    if (!is_blank(d.cp)) {
      if (!seen) begin = i;
      seen = true;
      end = i + d.length;
    }
    i += d.length;
  }
  return seen ? std::string(text.substr(begin, end - begin)) : std::string();
}

bool is_han_char(std::string_view ch) {
  if (ch.size() != 3) return false;
  const auto b0 = static_cast<unsigned char>(ch[0]);
  return b0 >= 0xE4 && b0 <= 0xE9;
}

bool is_ascii_digit_char(std::string_view ch) { return ch.size() == 1 && ch[0] >= '0' && ch[0] <= '9'; }

std::string remove_spaces_between_han(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  char32_t previous = kInvalid;  // last non-blank code point written
  std::size_t i = 0;
  while (i < text.size()) {
    const Decoded d = decode_at(text, i);
    const bool blank = d.cp == ' ' || d.cp == '\t' || d.cp == 0x3000;
    if (!blank) {
      out.append(text.substr(i, d.length));
      previous = d.cp;
      i += d.length;
      continue;
    }
    // A run of blanks: drop it when CJK characters stand on both sides.
    std::size_t j = i;
    Decoded next{};
    while (j < text.size()) {
      next = decode_at(text, j);
      if (!(next.cp == ' ' || next.cp == '\t' || next.cp == 0x3000)) break;
      j += next.length;
    }
    const bool between_cjk = previous != kInvalid && is_cjk(previous) && j < text.size() && is_cjk(next.cp);
    if (!between_cjk) out.append(text.substr(i, j - i));
    i = j;
  }
  return out;
}

std::vector<std::string> split_utf8_chars(std::string_view text) {
  std::vector<std::string> out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const Decoded d = decode_at(text, i);
    out.emplace_back(text.substr(i, d.length));
    i += d.length;
  }
  return out;
}

bool contains(std::string_view haystack, std::string_view needle) {
  return haystack.find(needle) != std::string_view::npos;
}

char32_t next_code_point(std::string_view text, std::size_t& pos) {
  const Decoded d = decode_at(text, pos);
  pos += d.length;
  return d.cp == kInvalid ? char32_t{0xFFFD} : d.cp;
}

int chinese_digit_value(char32_t cp) {
  switch (cp) {
    case U'〇':
    case U'○':
    case U'零': return 0;
    case U'一': return 1;
    case U'二': return 2;
    case U'三': return 3;
    case U'四': return 4;
    case U'五': return 5;
    case U'六': return 6;
    case U'七': return 7;
    case U'八': return 8;
    case U'九': return 9;
    default: return -1;
  }
}

std::size_t utf8_length(std::string_view text) {
  std::size_t count = 0;
  for (std::size_t i = 0; i < text.size(); ++count) i += decode_at(text, i).length;
  return count;
}

std::string normalize_fullwidth(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const Decoded d = decode_at(text, i);
    if (d.cp >= 0xFF01 && d.cp <= 0xFF5E) {
      append_utf8(out, d.cp - 0xFEE0);
    } else if (d.cp == 0x3000) {
      out.push_back(' ');
    } else {
      out.append(text.substr(i, d.length));
    }
    i += d.length;
  }
  return out;
}

}  // namespace evpack
