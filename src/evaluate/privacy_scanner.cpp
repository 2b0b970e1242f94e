// The privacy scanner: judges each run of digits by shape, check digit and label, and
// joins numbers wrapped across lines (table cells, paragraphs). It errs towards
// silence: a finding that is wrong costs the user's trust in every other finding.
#include "privacy_scanner.hpp"

#include <algorithm>

#include "evpack/evaluate/privacy.hpp"

namespace evpack::privacy_detail {

namespace {

class Scanner {
 public:
  Scanner(std::string_view text, int first_page) : text_(text), chars_(decode(text)), first_page_(first_page) {}

  std::vector<PrivacyHit> run() {
    for (const Run& r : find_runs(chars_)) judge(r);
    join_wrapped();
    std::sort(hits_.begin(), hits_.end(), [](const PrivacyHit& a, const PrivacyHit& b) { return a.offset < b.offset; });
    return std::move(hits_);
  }

 private:
  // The text before char index `first`, up to `max_chars` characters, on the same line.
  std::string context_before(std::size_t first, std::size_t max_chars) const {
    std::size_t start = first;
    std::size_t n = 0;
    while (start > 0 && n < max_chars) {
      const char32_t cp = chars_[start - 1].cp;
      if (cp == '\n' || cp == '\r' || cp == '\f') break;
      --start;
      ++n;
    }
    if (start == first) return "";
    const std::size_t from = chars_[start].offset;
    std::string context = trim(text_.substr(from, chars_[first].offset - from));
    std::replace(context.begin(), context.end(), '\t', ' ');  // cells of a spreadsheet row
    return context;
  }

  int page_at(std::size_t offset) const {
    if (first_page_ < 1) return 0;
    return first_page_ +
           static_cast<int>(std::count(text_.begin(), text_.begin() + static_cast<std::ptrdiff_t>(offset), '\f'));
  }

  // Characters just outside a candidate that make it part of something longer:
  // a letter or digit glued on ("ABC13812345678"), or a decimal point between digits.
  // A dash between two codes joins them too ("SD-13380545727", "13380545727-A01").
  bool glued(std::size_t first, std::size_t last) const {
    const auto is_dash = [](const Char& c) {
      return c.cls == CharClass::Separator && c.cp != ' ' && c.cp != 0x3000 && c.cp != 0x00A0;
    };
    if (first > 0) {
      const Char& before = chars_[first - 1];
      if (is_alnum_or_mask(before.cls)) return true;
      if ((before.cls == CharClass::Dot && first > 1 && chars_[first - 2].cls == CharClass::Digit) ||
          (is_dash(before) && first > 1 && is_alnum_or_mask(chars_[first - 2].cls))) {
        return true;
      }
    }
    if (last + 1 < chars_.size()) {
      const Char& after = chars_[last + 1];
      if (is_alnum_or_mask(after.cls)) return true;
      if (last + 2 < chars_.size() && ((after.cls == CharClass::Dot && chars_[last + 2].cls == CharClass::Digit) ||
                                       (is_dash(after) && is_alnum_or_mask(chars_[last + 2].cls)))) {
        return true;
      }
    }
    return false;
  }

  void add(PrivacyKind kind, std::string masked, std::size_t first) {
    PrivacyHit hit;
    hit.kind = kind;
    hit.masked = std::move(masked);
    hit.context = context_before(first, 10);
    hit.offset = chars_[first].offset;
    hit.page = page_at(hit.offset);
    hits_.push_back(std::move(hit));
  }

  bool labelled_not_personal(std::size_t first) const {
    return contains_any(context_before(first, 8), kNotPersonalLabels);
  }

  bool try_id(const std::string& digits, std::size_t first) {
    if (digits.size() != 18 || !is_valid_id_card(digits)) return false;
    add(PrivacyKind::IdCard, mask_middle(digits, 6, 4), first);
    return true;
  }

  bool try_mobile(const std::string& digits, std::size_t first) {
    if (!mobile_shape(digits) || labelled_not_personal(first)) return false;
    add(PrivacyKind::Mobile, mask_middle(digits, 3, 4), first);
    return true;
  }

  // Random 16-19 digit runs pass Luhn and some issuer prefix about 2% of the time, mostly
  // through Visa's "4". Domestic debit cards are UnionPay (62); other prefixes count only
  // when the text says it is a card or account number.
  bool try_bank_card(const std::string& digits, std::size_t first) {
    if (digits.size() < 16 || digits.size() > 19 || !all_digits(digits)) return false;
    if (!plausible_bin(digits) || !luhn_valid(digits) || labelled_not_personal(first)) return false;
    if (digits.compare(0, 2, "62") != 0 && !contains_any(context_before(first, 12), kCardLabels)) return false;
    add(PrivacyKind::BankCard, mask_middle(digits, 4, 4), first);
    return true;
  }

  void judge(const Run& run) {
    std::size_t i = 0;
    while (i < run.groups.size()) i += std::max<std::size_t>(1, judge_at(run, i));
  }

  // Judges groups starting at `i`; returns how many groups the verdict covers.
  std::size_t judge_at(const Run& run, std::size_t i) {
    const auto& g = run.groups;
    const auto size_is = [&](std::size_t k, std::size_t n) {
      return i + k < g.size() && g[i + k].digits_only && g[i + k].ascii.size() == n;
    };
    const auto joined = [&](std::size_t count) {
      std::string s;
      for (std::size_t k = 0; k < count; ++k) s += g[i + k].ascii;
      return s;
    };
    const auto outer_glued = [&](std::size_t count) { return glued(g[i].first, g[i + count - 1].last); };
    if (g[i].masked) return 1;

    // +86 / 86 prefix before a mobile number.
    if (g[i].ascii == "86" && g[i].digits_only) {
      if (size_is(1, 3) && size_is(2, 4) && size_is(3, 4) && mobile_shape(joined(4).substr(2)) &&
          !glued(g[i + 1].first, g[i + 3].last)) {
        if (try_mobile(joined(4).substr(2), g[i + 1].first)) return 4;
      }
      if (size_is(1, 11) && !glued(g[i + 1].first, g[i + 1].last) && try_mobile(g[i + 1].ascii, g[i + 1].first)) {
        return 2;
      }
    }
    // Split forms people type.
    if (size_is(0, 3) && size_is(1, 4) && size_is(2, 4) && !outer_glued(3)) {  // 138 1234 5678
      if (try_mobile(joined(3), g[i].first)) return 3;
    }
    if (size_is(0, 3) && size_is(1, 8) && !outer_glued(2)) {  // 138-12345678
      if (try_mobile(joined(2), g[i].first)) return 2;
    }
    if (size_is(0, 6) && size_is(1, 8) && i + 2 < g.size() && g[i + 2].ascii.size() == 4 &&
        (g[i + 2].digits_only || g[i + 2].id_tail) && !outer_glued(3)) {  // 370181 19900101 7513
      if (try_id(joined(3), g[i].first)) return 3;
    }
    if (size_is(0, 4) && size_is(1, 4) && size_is(2, 4) && size_is(3, 4)) {  // 6222 0212 3456 7890 [123]
      std::size_t count = 4;
      if (i + 4 < g.size() && g[i + 4].digits_only && g[i + 4].ascii.size() <= 3) count = 5;
      // Five groups of four make 20 digits: an e-invoice number, not a card.
      const bool twenty = size_is(4, 4);
      if (!twenty && !outer_glued(count) && try_bank_card(joined(count), g[i].first)) return count;
      if (twenty) return 5;
    }

    // OCR output with a space between every digit ("1 3 3 8 0 5 4 5 7 2 7").
    std::size_t singles = 0;
    while (i + singles < g.size() && g[i + singles].digits_only && g[i + singles].ascii.size() == 1) ++singles;
    if (singles == 17 && i + 17 < g.size() && (g[i + 17].ascii == "X" || g[i + 17].ascii == "x")) singles = 18;
    if (singles >= 11) {
      const std::string digits = joined(singles);
      if (!outer_glued(singles)) {
        if (singles == 18) try_id(digits, g[i].first) || try_bank_card(digits, g[i].first);
        if (singles == 11) try_mobile(digits, g[i].first);
        if (singles != 18 && singles >= 16 && singles <= 19) try_bank_card(digits, g[i].first);
      }
      return singles;
    }

    // One group alone.
    const Group& one = g[i];
    if (glued(one.first, one.last)) return 1;
    const bool after_plus = one.first > 0 && chars_[one.first - 1].cls == CharClass::Plus;
    if (one.digits_only) {
      const std::string& s = one.ascii;
      if (s.size() == 18 && try_id(s, one.first)) return 1;
      if (s.size() == 11) {
        try_mobile(s, one.first);
        return 1;
      }
      if (s.size() == 13 && after_plus && s.compare(0, 2, "86") == 0) {
        try_mobile(s.substr(2), one.first);
        return 1;
      }
      if (s.size() == 18 && credit_code_shape(s) && contains_any(context_before(one.first, 10), kCreditCodeLabels)) {
        check_credit_code(s, one.first);
        return 1;
      }
      try_bank_card(s, one.first);
      return 1;
    }
    if (one.id_tail) {
      try_id(one.ascii, one.first);
      return 1;
    }
    if (one.has_letter && one.ascii.size() == 18 && credit_code_shape(one.ascii))
      check_credit_code(one.ascii, one.first);
    return 1;
  }

  // -------------------------------------------------------------------------
  // Numbers wrapped across lines. A table cell too narrow for an ID or a mobile
  // number continues it on the next line at the cell's left edge (text extracted
  // with its layout keeps the column: "138 0013" over "8000"); a paragraph
  // continues it at the start of the next line. Pieces are joined only when the
  // whole passes its own test: an ID its check character and birth date; a mobile
  // (whose shape alone is weak: amounts in a column would join too) also needs a
  // phone label before it or heading its column.

  struct Line {
    std::size_t first = 0;  // char index of its first character
    std::size_t end = 0;    // one past its last (the '\n' or '\f', or the end)
    bool page_end = false;  // ends with a form feed
  };

  // Digits on one line, in groups joined by single spaces (138 0013) or a dash after
  // a group of three or four (138-0013-), an ID's X last.
  struct Piece {
    std::size_t line = 0;
    std::size_t column = 0;      // code points from the line's start
    std::size_t end_column = 0;  // one past its last
    std::size_t first = 0;       // char indexes
    std::size_t last = 0;
    std::string digits;
    bool line_start = false;  // only blanks before it on its line
    bool line_end = false;    // only blanks after it on its line
  };

  std::vector<Line> lines() const {
    std::vector<Line> out;
    Line line;
    for (std::size_t i = 0; i < chars_.size(); ++i) {
      const char32_t cp = chars_[i].cp;
      if (cp == '\n' || cp == '\f') {
        line.end = i;
        line.page_end = cp == '\f';
        out.push_back(line);
        line = Line{i + 1};
      }
    }
    line.end = chars_.size();
    out.push_back(line);
    return out;
  }

  bool blank(std::size_t from, std::size_t to) const {
    for (std::size_t k = from; k < to; ++k) {
      const char32_t cp = chars_[k].cp;
      if (cp != ' ' && cp != 0x3000 && cp != 0x00A0 && cp != '\t' && cp != '\r') return false;
    }
    return true;
  }

  std::vector<Piece> pieces(const Line& line, std::size_t index) const {
    std::vector<Piece> out;
    std::size_t i = line.first;
    while (i < line.end) {
      if (chars_[i].cls != CharClass::Digit || (i > line.first && chars_[i - 1].cls == CharClass::Digit)) {
        ++i;
        continue;
      }
      Piece p;
      p.line = index;
      p.first = i;
      std::size_t j = i;
      std::size_t group = 0;
      for (;;) {
        while (j < line.end && chars_[j].cls == CharClass::Digit) {
          p.digits += chars_[j].ascii;
          ++group;
          ++j;
        }
        if (j < line.end && (chars_[j].ascii == 'X' || chars_[j].ascii == 'x') &&
            (j + 1 == line.end || !is_alnum_or_mask(chars_[j + 1].cls))) {
          p.digits += 'X';
          ++j;
          break;
        }
        const bool space = j + 1 < line.end && (chars_[j].cp == ' ' || chars_[j].cp == 0x3000);
        const bool dash =
            j + 1 < line.end && chars_[j].cls == CharClass::Separator && !space && (group == 3 || group == 4);
        if ((space || dash) && chars_[j + 1].cls == CharClass::Digit) {
          ++j;
          group = 0;
          continue;
        }
        break;
      }
      p.last = j - 1;
      p.column = p.first - line.first;
      p.end_column = j - line.first;
      p.line_start = blank(line.first, p.first);
      p.line_end = blank(j, line.end);
      if (!glued(p.first, p.last)) out.push_back(std::move(p));
      i = j;
    }
    return out;
  }

  // A phone label before the piece on its line, or heading its column on the lines above.
  bool phone_labelled(const std::vector<Line>& all, const Piece& p) const {
    static constexpr std::array<std::string_view, 9> kPhoneWords = {"电话", "手机", "联系方式", "联系号码", "移动电话",
                                                                    "Tel",  "TEL",  "电 话",    "手 机"};
    const auto labelled = [&](std::string_view text) {
      return std::any_of(kPhoneWords.begin(), kPhoneWords.end(), [&](std::string_view w) { return contains(text, w); });
    };
    if (labelled(context_before(p.first, 12))) return true;
    const std::size_t from = p.column >= 2 ? p.column - 2 : 0;
    const std::size_t to = p.end_column + 2;
    for (std::size_t k = p.line, steps = 0; k > 0 && steps < 40; ++steps) {
      --k;
      const Line& line = all[k];
      if (line.page_end) break;
      if (line.first + from >= line.end) continue;
      const std::size_t a = line.first + from;
      const std::size_t b = std::min(line.end, line.first + to);
      const std::size_t offset_a = chars_[a].offset;
      const std::size_t offset_b = b < chars_.size() ? chars_[b].offset : text_.size();
      if (labelled(text_.substr(offset_a, offset_b - offset_a))) return true;
    }
    return false;
  }

  // Reports the joined number when it is one; true when it was.
  bool judge_joined(const std::vector<Line>& all, const Piece& head, const std::string& digits) {
    if (digits.size() == 18 && is_valid_id_card(digits)) {
      add(PrivacyKind::IdCard, mask_middle(digits, 6, 4), head.first);
      return true;
    }
    if (digits.size() == 11 && all_digits(digits) && mobile_shape(digits) && !labelled_not_personal(head.first) &&
        phone_labelled(all, head)) {
      add(PrivacyKind::Mobile, mask_middle(digits, 3, 4), head.first);
      return true;
    }
    return false;
  }

  // Whether `line` holds only blanks in the code point columns [from, to).
  bool blank_span(const Line& line, std::size_t from, std::size_t to) const {
    for (std::size_t c = from; c < to && line.first + c < line.end; ++c) {
      if (!blank(line.first + c, line.first + c + 1)) return false;
    }
    return true;
  }

  // The pieces continuing `head`'s cell: on the first line below with text in the
  // cell's columns (the head's, two either side), at most three lines on and within
  // the page. The lines between must be blank there: a vertically centred cell puts
  // its first line above its row's other cells and its second below them. Centred
  // text starts at other columns on each line, so columns need only overlap.
  std::vector<const Piece*> under(const Piece& head, const std::vector<Line>& all,
                                  const std::vector<std::vector<Piece>>& by_line) const {
    std::vector<const Piece*> out;
    const std::size_t from = head.column >= 2 ? head.column - 2 : 0;
    const std::size_t to = head.end_column + 2;
    for (std::size_t j = head.line + 1; j < all.size() && j <= head.line + 3; ++j) {
      if (all[j - 1].page_end) break;
      for (const Piece& p : by_line[j]) {
        if (p.column < to && p.end_column > from) out.push_back(&p);
      }
      if (!out.empty() || !blank_span(all[j], from, to)) break;
    }
    return out;
  }

  void join_wrapped() {
    const std::vector<Line> all = lines();
    std::vector<std::vector<Piece>> by_line(all.size());
    for (std::size_t k = 0; k < all.size(); ++k) by_line[k] = pieces(all[k], k);
    // Where a line's text starts: a paragraph's next line starts at its left margin.
    std::vector<std::size_t> margin(all.size());
    for (std::size_t k = 0; k < all.size(); ++k) {
      std::size_t i = all[k].first;
      while (i < all[k].end && blank(i, i + 1)) ++i;
      margin[k] = i - all[k].first;
    }
    for (std::size_t k = 0; k + 1 < all.size(); ++k) {
      for (const Piece& head : by_line[k]) {
        if (head.digits.size() < 2 || head.digits.size() >= 18 || head.digits.back() == 'X') continue;
        bool done = false;
        // A table cell: the pieces under it, and a third line in a cell narrower still.
        for (const Piece* next : under(head, all, by_line)) {
          const std::string digits = head.digits + next->digits;
          if (judge_joined(all, head, digits)) {
            done = true;
            break;
          }
          if (digits.size() >= 18 || digits.back() == 'X') continue;
          for (const Piece* third : under(*next, all, by_line)) {
            if (judge_joined(all, head, digits + third->digits)) {
              done = true;
              break;
            }
          }
          if (done) break;
        }
        // A paragraph: the end of this line and the start of the next, at the margin.
        if (done || !head.line_end || all[k].page_end) continue;
        for (const Piece& next : by_line[k + 1]) {
          if (next.line_start && next.column <= margin[k] + 2 && judge_joined(all, head, head.digits + next.digits))
            break;
        }
      }
    }
  }

  static bool credit_code_shape(std::string_view s) {
    static constexpr std::string_view kCharset = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    static constexpr std::string_view kRegistration = "123456789ANY";
    if (s.size() != 18 || kRegistration.find(s[0]) == std::string_view::npos) return false;
    for (std::size_t k = 0; k < s.size(); ++k) {
      const bool ok = (k >= 2 && k < 8) ? (s[k] >= '0' && s[k] <= '9') : kCharset.find(s[k]) != std::string_view::npos;
      if (!ok) return false;
    }
    return true;
  }

  void check_credit_code(const std::string& code, std::size_t first) {
    if (is_valid_credit_code(code)) return;
    // A credit code is public: it is shown in full so the user can find and correct it.
    add(PrivacyKind::CreditCodeInvalid, code, first);
  }

  std::string_view text_;
  std::vector<Char> chars_;
  int first_page_ = 0;
  std::vector<PrivacyHit> hits_;
};

}  // namespace

std::vector<PrivacyHit> scan_text(std::string_view text, int first_page) { return Scanner(text, first_page).run(); }

}  // namespace evpack::privacy_detail
