// The OCR of a screen capture, its layout first: an article's running text is
// left unread (see screen_capture.hpp).
#include "screen_capture.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <utility>
#include <vector>

namespace evpack {

namespace {

// Characters of a paragraph's opening line that are read (a date such as
// 2025年12月23日 and what follows it).
constexpr int kOpeningCharacters = 14;

// Whether the type of a line's box is set close: no gap between its inked
// columns wider than one and a half times its height (table rows and form lines
// leave wider ones between their cells). A column is ink when its darkest pixel
// lies well below the box's mean (dark type) or its lightest well above it.
bool set_close(const RasterImage& gray, const PixelRect& b) {
  const int x0 = std::clamp(b.x, 0, gray.width);
  const int x1 = std::clamp(b.x + b.width, 0, gray.width);
  const int y0 = std::clamp(b.y, 0, gray.height);
  const int y1 = std::clamp(b.y + b.height, 0, gray.height);
  if (x1 - x0 < 2 || y1 - y0 < 4) return false;
  const auto at = [&](int x, int y) {
    return static_cast<int>(gray.pixels[static_cast<std::size_t>(y) * gray.width + x]);
  };
  long sum = 0;
  for (int y = y0; y < y1; ++y) {
    for (int x = x0; x < x1; ++x) sum += at(x, y);
  }
  const double mean = static_cast<double>(sum) / ((x1 - x0) * (y1 - y0));
  const bool dark_type = mean >= 128;
  int longest_gap = 0;
  int gap = 0;
  bool seen_ink = false;
  for (int x = x0; x < x1; ++x) {
    int extreme = dark_type ? 255 : 0;
    for (int y = y0; y < y1; ++y) extreme = dark_type ? std::min(extreme, at(x, y)) : std::max(extreme, at(x, y));
    if (dark_type ? extreme < mean - 40 : extreme > mean + 40) {
      if (seen_ink) longest_gap = std::max(longest_gap, gap);
      seen_ink = true;
      gap = 0;
    } else {
      ++gap;
    }
  }
  return seen_ink && longest_gap * 2 <= 3 * (y1 - y0);
}

// Whether each line of the layout is running text past its first line: lines
// set close (no gap much wider than a character between the words), stacked
// at one type size down a column, three or more of them long and wrapped at
// the column's right edge (a form's values stacked under their labels end
// where their text ends, and hold a dozen characters, not twenty). An article's
// body says nothing about what a capture is checked for (the date it was
// published, the fields of a query, the page's subject and heading), and reading
// it is most of a capture's OCR (measured: a 1920x1080 news page, 34 lines, 1.2
// CPU-s whole, 0.09 for the layout). Its first line is read: a paragraph opening
// "8月23日，" dates the event. A table's rows are not running text (their cells
// stand apart), nor are form lines (a label, a gap, its value).
enum class Running { No, Opening, Rest };

std::vector<Running> running_text(const std::vector<PixelRect>& lines, const RasterImage& gray) {
  const std::size_t n = lines.size();
  std::vector<bool> close(n, false);
  for (std::size_t i = 0; i < n; ++i) close[i] = set_close(gray, lines[i]);
  const auto is_long = [&](const PixelRect& b) { return b.width * 5 >= gray.width * 2 && b.width >= 18 * b.height; };
  // Each close-set line joins the nearest close-set line above it of about the
  // same height, its left edge within an indent, at most three lines higher.
  std::vector<std::size_t> group(n);
  for (std::size_t i = 0; i < n; ++i) group[i] = i;
  const auto root = [&](std::size_t i) {
    while (group[i] != i) i = group[i] = group[group[i]];
    return i;
  };
  for (std::size_t i = 0; i < n; ++i) {
    if (!close[i]) continue;
    const PixelRect& b = lines[i];
    int best = -1;
    for (std::size_t j = 0; j < n; ++j) {
      if (j == i || !close[j]) continue;
      const PixelRect& a = lines[j];
      const int hi = std::max(a.height, b.height);
      const int lo = std::min(a.height, b.height);
      const int gap = b.y - (a.y + a.height);
      if (a.y >= b.y || gap > 3 * hi || gap < -hi / 2 || lo * 10 < hi * 7 || std::abs(a.x - b.x) > 3 * hi) continue;
      if (best < 0 || a.y > lines[static_cast<std::size_t>(best)].y) best = static_cast<int>(j);
    }
    if (best >= 0) group[root(i)] = root(static_cast<std::size_t>(best));
  }
  std::vector<int> right(n, 0);
  std::vector<int> top(n, -1);
  for (std::size_t i = 0; i < n; ++i) {
    if (!close[i]) continue;
    const std::size_t r = root(i);
    right[r] = std::max(right[r], lines[i].x + lines[i].width);
    if (top[r] < 0 || lines[i].y < lines[static_cast<std::size_t>(top[r])].y) top[r] = static_cast<int>(i);
  }
  // Long lines wrapped at their column's right edge.
  // Long lines wrapped at their column's right edge, or lines of thirty characters
  // and more (paragraphs of one line each; a form's value is never that long).
  std::vector<int> long_lines(n, 0);
  for (std::size_t i = 0; i < n; ++i) {
    const PixelRect& b = lines[i];
    const bool wrapped = right[root(i)] - (b.x + b.width) <= 2 * b.height;
    if (close[i] && is_long(b) && (wrapped || b.width >= 30 * b.height)) ++long_lines[root(i)];
  }
  std::vector<Running> out(n, Running::No);
  for (std::size_t i = 0; i < n; ++i) {
    const std::size_t r = root(i);
    if (close[i] && long_lines[r] >= 3) out[i] = top[r] == static_cast<int>(i) ? Running::Opening : Running::Rest;
  }
  return out;
}

}  // namespace

namespace {

// Header words of a column that may hold personal numbers (D.2: mobiles, ID cards).
bool personal_column(const std::string& header) {
  for (const char* word : {"电话", "手机", "联系方式", "身份证", "证件号", "证件号码"}) {
    if (header.find(word) != std::string::npos) return true;
  }
  return false;
}

// The cells of a table's unread body under a header that names personal numbers,
// read now: a capture's text is searched for privacy leaks (a sign-in list's
// mobiles), and the first reading left those rows out.
void read_personal_columns(const RasterImage& gray, const std::vector<PixelRect>& unread, Ocr& ocr, OcrResult& read) {
  std::vector<PixelRect> cells;
  for (const OcrLine& line : read.lines) {
    if (!personal_column(line.text)) continue;
    for (const PixelRect& c : unread) {
      const int shared = std::min(c.x + c.width, line.box.x + line.box.width) - std::max(c.x, line.box.x);
      if (c.y > line.box.y && shared > 0) cells.push_back(c);
    }
  }
  if (cells.empty()) return;
  std::sort(cells.begin(), cells.end(),
            [](const PixelRect& a, const PixelRect& b) { return a.y != b.y ? a.y < b.y : a.x < b.x; });
  cells.erase(std::unique(cells.begin(), cells.end(),
                          [](const PixelRect& a, const PixelRect& b) { return a.x == b.x && a.y == b.y; }),
              cells.end());
  if (auto more = read_lines_together(gray, cells, ocr)) {
    for (OcrLine& line : more->lines) read.lines.push_back(std::move(line));
  }
}

}  // namespace

std::optional<OcrResult> read_capture_lines(const RasterImage& gray, Ocr& ocr) {
  if (gray.channels == 1) {
    const std::vector<PixelRect> layout = find_text_lines(gray);
    if (!layout.empty()) {
      const std::vector<Running> running = running_text(layout, gray);
      const std::vector<bool> body = table_body(layout);
      const std::vector<bool> menu = menu_rows(layout);
      const std::vector<bool> furniture = page_furniture(layout, gray.width, gray.height);
      std::vector<PixelRect> kept;
      std::vector<PixelRect> unread_body;
      for (std::size_t i = 0; i < layout.size(); ++i) {
        if (body[i]) unread_body.push_back(layout[i]);
        if (running[i] == Running::Rest || body[i] || menu[i] || furniture[i]) continue;
        PixelRect line = layout[i];
        // A paragraph's opening dates the event ("8月23日，"): its first characters only.
        if (running[i] == Running::Opening) line.width = std::min(line.width, kOpeningCharacters * line.height);
        kept.push_back(line);
      }
      auto read = read_lines_together(gray, kept, ocr);
      if (read && !unread_body.empty()) read_personal_columns(gray, unread_body, ocr, *read);
      return read;
    }
  }
  auto whole = ocr.recognize(gray, OcrLayout::Block);
  if (!whole) return std::nullopt;
  return std::move(*whole);
}

}  // namespace evpack
