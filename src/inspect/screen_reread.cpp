// Second readings of a screen capture: segments whose first whole-page reading
// looks wrong (a year followed by letters, a time without its date, a label
// without a value, a clipped right-aligned line, a label read as letters, a day
// before a one-digit hour) read again alone; read_screenshot, which runs the
// capture's OCR, the second readings and read_screen; and the
// QUERY_FIELDS_MISSING finding.
#include <algorithm>
#include <cctype>
#include <optional>
#include <utility>

#include "evpack/adapters/image_ops.hpp"
#include "evpack/inspect/date_text.hpp"
#include "evpack/inspect/screenshot.hpp"
#include "evpack/util/text.hpp"
#include "screen_capture.hpp"
#include "screen_text.hpp"

namespace evpack {

namespace screen {

namespace {

// Lines whose first reading looks wrong, read again on their own. A whole-page
// reading in kPhotoOcrLanguages (English first) of small grey type goes wrong in
// ways seen on phone and desktop captures: the English model takes Chinese for
// letters (单位名称 read as "HUSH", 来源 as "RR", 年/月/日 in "2025年03月20日" as
// "20254F03A 20H"), and a label's start is dropped from a right-aligned line
// ("5-06 09:15:32" for 查询时间：2025-05-06 09:15:32). Read alone (one line, type
// tried twice) they come out right.
constexpr int kTinyType = 12;
// At most this many segments are read again per capture, in at most kMaxOcrCalls
// readings (each 20-60 ms).
constexpr int kMaxRereads = 8;
constexpr int kMaxOcrCalls = 12;

enum class Suspect { None, Year, Label, Time, Spacing, Clipped, Latin };

// Runs of ASCII letters standing apart from digits and code punctuation: in a
// Chinese page these are Chinese words read by the English model. Letters inside
// codes (91370123MA3CQ8XY2K, QS-XK-2025) and URLs are real.
int stray_letter_runs(std::string_view text) {
  if (contains_any(text, {"http", "www.", ".cn", ".com", "@"})) return 0;
  const auto letter = [](char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); };
  const auto code_char = [](char c) { return (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == '/'; };
  int runs = 0;
  for (std::size_t i = 0; i < text.size();) {
    if (!letter(text[i])) {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < text.size() && letter(text[j])) ++j;
    const bool in_code = (i > 0 && code_char(text[i - 1])) || (j < text.size() && code_char(text[j]));
    if (!in_code && j - i <= 6) ++runs;
    i = j;
  }
  return runs;
}

// What looks wrong in a segment's first reading.
// A two-digit day, a space and a one-digit hour ("2025/12/20 9:47:12"): the space
// may have moved, pages pad hours ("2025/12/2 09:47:12").
bool space_may_have_moved(const std::string& text, const FoundDate& d) {
  const std::size_t end = d.offset + d.text.size();
  const auto digit = [&](std::size_t k) { return k < text.size() && text[k] >= '0' && text[k] <= '9'; };
  return end >= 2 && digit(end - 1) && digit(end - 2) && end + 2 < text.size() && text[end] == ' ' && digit(end + 1) &&
         text[end + 2] == ':';
}

Suspect suspect(const Segment& segment) {
  const std::string& text = segment.text;
  const auto dates = find_dates(text);
  if (!dates.empty() && space_may_have_moved(text, dates.front())) return Suspect::Spacing;
  if (dates.empty()) {
    // A year (19xx/20xx) with letters right after it, or run into more digits:
    // 年/月 read as letters or digits ("20254F03A", "202547 923A").
    const auto digit_at = [&](std::size_t k) { return k < text.size() && text[k] >= '0' && text[k] <= '9'; };
    for (std::size_t i = 0; i + 4 < text.size(); ++i) {
      if ((i > 0 && digit_at(i - 1)) || !(text.compare(i, 2, "20") == 0 || text.compare(i, 2, "19") == 0) ||
          !digit_at(i + 2) || !digit_at(i + 3)) {
        continue;
      }
      if (digit_at(i + 4) && !digit_at(i + 8)) return Suspect::Year;
      for (std::size_t k = i + 4; k < std::min(text.size(), i + 7); ++k) {
        if ((text[k] >= 'A' && text[k] <= 'Z') || (text[k] >= 'a' && text[k] <= 'z')) return Suspect::Year;
      }
    }
    // A time of day without its date (no Han, a dash of the date left): the date
    // and its label may be lost to its left.
    const auto colon = text.find(':');
    if (colon != std::string::npos && colon >= 1 && digit_at(colon - 1) && digit_at(colon + 1) && digit_at(colon + 2) &&
        han_count(text) == 0 && text.find('-') != std::string::npos) {
      return Suspect::Time;
    }
  }
  // Letters where a label stands, before a colon: a Chinese label read by the
  // English model ("HUSH:" for 单位名称：). Letters elsewhere cost no field (read
  // again too, they were half the readings and a tenth of the capture's time).
  for (auto colon = text.find_first_of(":;"); colon != std::string::npos; colon = text.find_first_of(":;", colon + 1)) {
    std::size_t end = colon;
    while (end > 0 && text[end - 1] == ' ') --end;
    std::size_t start = end;
    while (start > 0 && std::isalpha(static_cast<unsigned char>(text[start - 1])) != 0) --start;
    if (start < end && stray_letter_runs(text.substr(start, end - start)) > 0 &&
        (start == 0 || !std::isalnum(static_cast<unsigned char>(text[start - 1])))) {
      return Suspect::Latin;
    }
  }
  return Suspect::None;
}

// How Chinese a reading looks: Han characters, less the stray letter runs.
int chinese_score(const std::string& text) { return static_cast<int>(han_count(text)) - 2 * stray_letter_runs(text); }

// The region of `gray` a segment is read again from: widened to the left for a
// time whose date and label were lost, to the right for a label whose value
// was, and stopping short of the lines above and below. nullopt when too small.
std::optional<PixelRect> reread_region(const RasterImage& gray, Suspect why, const Segment& segment,
                                       const std::vector<Segment>& all) {
  const int h = std::max(1, segment.box.height);
  const int left = why == Suspect::Time || why == Suspect::Clipped ? 14 * h : h / 2;
  const int right = why == Suspect::Label ? 20 * h : h / 2;
  const int x0 = std::max(0, segment.box.x - left);
  const int x1 = std::min(gray.width, segment.right() + right);
  int y0 = std::max(0, segment.box.y - h / 3);
  int y1 = std::min(gray.height, segment.bottom() + h / 3);
  // A single line only: the margin stops short of the lines above and below.
  for (const Segment& o : all) {
    if (&o == &segment || same_row(o, segment) || o.right() <= x0 || o.box.x >= x1) continue;
    if (o.bottom() <= segment.box.y + h / 2) y0 = std::max(y0, std::min(o.bottom(), segment.box.y));
    if (o.box.y >= segment.bottom() - h / 2) y1 = std::min(y1, std::max(o.box.y, segment.bottom()));
  }
  if (x1 - x0 < 4 || y1 - y0 < 4) return std::nullopt;
  return PixelRect{x0, y0, x1 - x0, y1 - y0};
}

// Whether a new reading `now` of a segment first read as `was` is better for
// what looked wrong: a date where there was none, more Chinese where letters
// were, a label with more after it.
bool reads_better(Suspect why, const std::string& was, const std::string& now) {
  const bool dated = find_dates(was).empty() && !find_dates(now).empty();
  switch (why) {
    case Suspect::Latin: return chinese_score(now) > chinese_score(was);
    case Suspect::Clipped: return read_label(now).has_value() && !read_label(was).has_value();
    case Suspect::Spacing: {
      const auto read = find_dates(now);
      return !read.empty() && !space_may_have_moved(now, read.front()) &&
             read.front().date != find_dates(was).front().date;
    }
    case Suspect::Label:
      return dated || (utf8_length(now) > utf8_length(was) + 1 && chinese_score(now) >= chinese_score(was));
    default: return dated;
  }
}

// Reads a segment again from `gray` (one line, small type enlarged) from its
// reread_region. The new reading is returned as a line of its own (boxes in
// `gray`'s pixels) when it reads_better.
std::optional<OcrLine> reread(const RasterImage& gray, Ocr& ocr, Suspect why, const Segment& segment,
                              const std::vector<Segment>& all, int& calls) {
  const auto rect = reread_region(gray, why, segment, all);
  if (!rect) return std::nullopt;
  const int h = std::max(1, segment.box.height);
  const int x0 = rect->x;
  const int y0 = rect->y;
  const RasterImage region = crop(gray, *rect);
  const std::string& was = segment.text;
  // Two tries: as it is (tiny type doubled), then half as large again with the
  // contrast stretched (light grey type). Resampling alone makes mid-sized grey
  // type read worse ("20254703 208" for 2025年03月20日 at 35 px enlarged to 40,
  // "202547 23A" for 2025年7月23日 at 16 px doubled; stretched at 1.5 it is read).
  for (const bool second : {false, true}) {
    // A clipped line is read once: most such lines were whole (measured on the tune
    // sets' 82 captures: 2 of 84 readings found a lost label).
    if (calls >= kMaxOcrCalls || (second && why == Suspect::Clipped)) return std::nullopt;
    const double scale = second ? 1.5 : (h < kTinyType ? 2.0 : 1.0);
    RasterImage input =
        scale > 1.0 ? resize(region, static_cast<int>(region.width * scale), static_cast<int>(region.height * scale))
                    : region;
    if (second) input = stretch_contrast(input);
    constexpr int kMargin = 8;
    ++calls;
    auto again = ocr.recognize(frame_in_white(input, kMargin), OcrLayout::SingleLine);
    if (!again || again->lines.empty()) continue;
    OcrLine best = again->lines.front();
    for (const OcrLine& l : again->lines) {
      if (l.text.size() > best.text.size()) best = l;
    }
    if (!reads_better(why, was, clean(best.text))) continue;
    const auto back = [&](PixelRect r) {
      return PixelRect{x0 + static_cast<int>((r.x - kMargin) / scale), y0 + static_cast<int>((r.y - kMargin) / scale),
                       static_cast<int>(r.width / scale), static_cast<int>(r.height / scale)};
    };
    for (OcrSymbol& symbol : best.symbols) symbol.box = back(symbol.box);
    best.box = back(best.box);
    return best;
  }
  return std::nullopt;
}

// What looks wrong in each segment of a capture's first reading.
std::vector<Suspect> suspects(const RasterImage& gray, const std::vector<Segment>& segments) {
  std::vector<Suspect> why(segments.size());
  for (std::size_t i = 0; i < segments.size(); ++i) {
    const Segment& s = segments[i];
    why[i] = suspect(s);
    // A label whose value is nowhere (after it, right of it, under it): the value
    // may have been lost to the whole-page reading.
    const auto label = read_label(s.text);
    if (why[i] != Suspect::None || !label || in_menu_row(segments, s) || outcome_phrase(s.text)) continue;
    bool valued = false;
    for (unsigned role = 1; role <= kResultRole; role <<= 1) {
      valued = valued || ((label->roles & role) != 0 && has_value(segments, s, *label, role));
    }
    if (!valued) why[i] = Suspect::Label;
  }
  // Right-aligned lines in the page's head (查询时间 and 查询用途 in the corner of a
  // record page) whose start was lost: a value with nothing to its left.
  for (std::size_t i = 0; i < segments.size(); ++i) {
    const Segment& s = segments[i];
    if (why[i] != Suspect::None || read_label(s.text) || s.box.y > gray.height * 2 / 5 ||
        s.box.x < gray.width * 3 / 5 || in_menu_row(segments, s)) {
      continue;
    }
    if (in_column(segments, s)) continue;  // a list beside the page (最新动态), not a field
    const Segment* l = left_of(segments, s);
    if (l == nullptr || s.box.x - l->right() > 10 * s.box.height) why[i] = Suspect::Clipped;
  }
  return why;
}

// The lines of a capture with its suspect segments read again (at most
// kMaxRereads of them).
std::vector<OcrLine> with_second_readings(const RasterImage& gray, Ocr& ocr, const std::vector<OcrLine>& lines) {
  const std::vector<Segment> segments = cut_segments(lines);
  const std::vector<Suspect> why = suspects(gray, segments);
  // The better readings join the lines after the one they improve.
  std::vector<std::vector<OcrLine>> extra(lines.size());
  std::vector<bool> superseded(lines.size(), false);
  int rereads = 0;
  int calls = 0;
  for (const Suspect kind :
       {Suspect::Year, Suspect::Time, Suspect::Spacing, Suspect::Label, Suspect::Clipped, Suspect::Latin}) {
    for (std::size_t i = 0; i < segments.size() && rereads < kMaxRereads; ++i) {
      if (why[i] != kind) continue;
      ++rereads;
      if (auto line = reread(gray, ocr, kind, segments[i], segments, calls)) {
        // A date read otherwise replaces the first reading's, which must not compete with it.
        if (kind == Suspect::Spacing) superseded[segments[i].line] = true;
        extra[segments[i].line].push_back(std::move(*line));
      }
    }
  }
  std::vector<OcrLine> all;
  all.reserve(lines.size() + static_cast<std::size_t>(rereads));
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (!superseded[i]) all.push_back(lines[i]);
    for (OcrLine& l : extra[i]) all.push_back(std::move(l));
  }
  return all;
}

}  // namespace

}  // namespace screen

std::optional<ScreenReading> read_screenshot(const RasterImage& gray, Ocr& ocr) {
  auto recognised = read_capture_lines(gray, ocr);
  if (!recognised) return std::nullopt;
  return read_screen(screen::with_second_readings(gray, ocr, recognised->lines));
}

std::optional<Finding> query_fields_finding(const ScreenReading& reading, const FileRecord& record) {
  if (!reading.credit_query || reading.query_fields.size() == kQueryFieldNames.size()) return std::nullopt;
  std::string missing;
  for (const char* field : kQueryFieldNames) {
    if (std::find(reading.query_fields.begin(), reading.query_fields.end(), field) != reading.query_fields.end())
      continue;
    missing += (missing.empty() ? "" : "、") + std::string(field);
  }
  return Finding{"QUERY_FIELDS_MISSING",
                 Severity::Warning,
                 "",
                 record.rel_path,
                 "",
                 "信用查询截图中未识别到：" + missing + "（查询截图应显示查询时间、查询事项、主体名称和查询结果）",
                 "截取包含完整查询信息的页面"};
}

}  // namespace evpack
