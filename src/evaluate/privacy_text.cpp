#include "privacy_text.hpp"

namespace evpack::privacy_detail {

std::vector<Char> decode(std::string_view text) {
  std::vector<Char> out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    const auto b = static_cast<unsigned char>(text[i]);
    char32_t cp = 0xFFFD;
    std::size_t len = 1;
    if (b < 0x80) {
      cp = b;
    } else if ((b & 0xE0) == 0xC0 || (b & 0xF0) == 0xE0 || (b & 0xF8) == 0xF0) {
      const std::size_t need = (b & 0xE0) == 0xC0 ? 2 : (b & 0xF0) == 0xE0 ? 3 : 4;
      bool ok = i + need <= text.size();
      char32_t value = need == 2 ? (b & 0x1F) : need == 3 ? (b & 0x0F) : (b & 0x07);
      for (std::size_t k = 1; ok && k < need; ++k) {
        const auto c = static_cast<unsigned char>(text[i + k]);
        if ((c & 0xC0) != 0x80) ok = false;
        value = (value << 6) | (c & 0x3F);
      }
      if (ok) {
        cp = value;
        len = need;
      }
    }
    Char ch{cp, i, len};
    // Full-width forms (０-９, Ａ-Ｚ, ａ-ｚ, ＊, ＃, －, ＋, ．) count as their ASCII letters.
    const char32_t a = cp >= 0xFF01 && cp <= 0xFF5E ? cp - 0xFEE0 : cp;
    if (a >= '0' && a <= '9') {
      ch.cls = CharClass::Digit;
    } else if (a >= 'A' && a <= 'Z') {
      ch.cls = CharClass::Upper;
    } else if (a >= 'a' && a <= 'z') {
      ch.cls = CharClass::Lower;
    } else if (a == '*' || a == '#' || cp == 0x00D7 || cp == 0x25CF || cp == 0x2022 || cp == 0xFE61 || cp == 0x2217) {
      ch.cls = CharClass::Mask;
    } else if (a == ' ' || a == '-' || cp == 0x3000 || cp == 0x00A0 || (cp >= 0x2010 && cp <= 0x2014) || cp == 0x2212) {
      ch.cls = CharClass::Separator;
    } else if (a == '+') {
      ch.cls = CharClass::Plus;
    } else if (a == '.') {
      ch.cls = CharClass::Dot;
    }
    if (ch.cls == CharClass::Digit || ch.cls == CharClass::Upper || ch.cls == CharClass::Lower) {
      ch.ascii = static_cast<char>(a);
    }
    out.push_back(ch);
    i += len;
  }
  return out;
}

std::vector<Run> find_runs(const std::vector<Char>& chars) {
  std::vector<Run> runs;
  std::size_t i = 0;
  while (i < chars.size()) {
    if (!is_alnum_or_mask(chars[i].cls)) {
      ++i;
      continue;
    }
    Run run;
    while (i < chars.size() && is_alnum_or_mask(chars[i].cls)) {
      Group g;
      g.first = i;
      while (i < chars.size() && is_alnum_or_mask(chars[i].cls)) {
        const Char& c = chars[i];
        g.ascii += c.cls == CharClass::Mask ? '*' : c.ascii;
        if (c.cls == CharClass::Mask) g.masked = true;
        if (c.cls == CharClass::Upper || c.cls == CharClass::Lower) g.has_letter = true;
        ++i;
      }
      g.last = i - 1;
      g.digits_only = !g.masked && !g.has_letter;
      if (!g.masked && g.ascii.size() >= 2 && (g.ascii.back() == 'X' || g.ascii.back() == 'x')) {
        g.id_tail = std::all_of(g.ascii.begin(), g.ascii.end() - 1, [](char c) { return c >= '0' && c <= '9'; });
      }
      // X used as a mask inside a digit run ("370181XXXXXXXX7513").
      if (!g.masked && g.has_letter) {
        const std::size_t xs = static_cast<std::size_t>(
            std::count_if(g.ascii.begin(), g.ascii.end(), [](char c) { return c == 'X' || c == 'x'; }));
        const std::size_t digits = static_cast<std::size_t>(
            std::count_if(g.ascii.begin(), g.ascii.end(), [](char c) { return c >= '0' && c <= '9'; }));
        if (xs >= 2 && xs + digits == g.ascii.size()) g.masked = true;
      }
      run.groups.push_back(std::move(g));
      // Continue the run across one separator (or two spaces) followed by a digit.
      std::size_t j = i;
      std::size_t seps = 0;
      bool spaces_only = true;
      while (j < chars.size() && chars[j].cls == CharClass::Separator && seps < 2) {
        if (chars[j].cp != ' ' && chars[j].cp != 0x3000 && chars[j].cp != 0x00A0) spaces_only = false;
        ++j;
        ++seps;
      }
      const bool joinable = seps == 1 || (seps == 2 && spaces_only);
      // A lone X after a separator may be a spaced-out ID's check character.
      const bool lone_x = j < chars.size() && (chars[j].ascii == 'X' || chars[j].ascii == 'x') &&
                          (j + 1 == chars.size() || !is_alnum_or_mask(chars[j + 1].cls));
      if (seps > 0 && joinable && j < chars.size() &&
          (chars[j].cls == CharClass::Digit || chars[j].cls == CharClass::Mask || lone_x)) {
        i = j;
      } else {
        break;
      }
    }
    runs.push_back(std::move(run));
  }
  return runs;
}

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool mobile_shape(std::string_view s) { return s.size() == 11 && s[0] == '1' && s[1] >= '3' && s[1] <= '9'; }

bool plausible_bin(std::string_view s) {
  if (s.size() < 4) return false;
  const int two = (s[0] - '0') * 10 + (s[1] - '0');
  const int four = two * 100 + (s[2] - '0') * 10 + (s[3] - '0');
  return two == 62 || s[0] == '4' || (two >= 51 && two <= 55) || (four >= 2221 && four <= 2720) ||
         (four >= 3528 && four <= 3589) || four == 6011 || four == 6013 || four == 9558 || four == 9559;
}

std::string mask_middle(std::string_view s, std::size_t keep_front, std::size_t keep_back) {
  if (s.size() <= keep_front + keep_back) return std::string(s.size(), '*');
  return std::string(s.substr(0, keep_front)) + std::string(s.size() - keep_front - keep_back, '*') +
         std::string(s.substr(s.size() - keep_back));
}

}  // namespace evpack::privacy_detail
