// The own number of a scan: where its line may be, read (finer, or with the light
// evened out, when the first reading fails), and its brackets as the ink shows.
#include "scan_reading.hpp"

#include <algorithm>
#include <cmath>
#include <regex>
#include <sstream>
#include <utility>
#include <vector>

#include "evpack/inspect/doc_number.hpp"
#include "evpack/inspect/ocr_repair.hpp"
#include "page_ink.hpp"

namespace evpack {
namespace {

using Place = std::pair<PageRect, RegionText>;

/// The lines of OCR text, each repaired as a number line.
std::string repaired_number_lines(const std::string& read) {
  std::string repaired;
  std::istringstream lines(read);
  for (std::string line; std::getline(lines, line);) repaired += repair_ocr_number(line) + "\n";
  return repaired;
}

/// With a red rule: above it, or (the letter form) the first line under it.
std::vector<Place> places_at_rule(const MmRect& rule, double w) {
  std::vector<Place> places;
  // Down to the rule's lower edge: on a slanted scan the rule's box is as tall as
  // its climb, and the number at its low end sits below the box's top. The rule
  // itself drops out with the red (or is erased when gray).
  places.push_back({PageRect{12, rule.y - 14, w - 24, 14 + rule.height}, RegionText::NumberLine});
  // The letter form (信函格式, GB/T 9704 §10.1) sets the number under the red
  // rule at the right margin: the first line below the rule.
  places.push_back({PageRect{12, rule.y + rule.height, w - 24, 13}, RegionText::FirstLine});
  return places;
}

/// Without a red rule: the line under the letterhead type (black or gray).
void place_under_letterhead_type(const RasterImage& first, double w, double h, std::vector<Place>& places) {
  const double px = kMarksDpi / 25.4;
  // Lines are found in the central columns only: over a narrow band a scan turned
  // by 3° still shows separate lines (the number line is centred, or starts at
  // the left margin and reaches past the centre line for 上行文).
  const auto lines = text_lines(first, px, w / 2 - 35, w / 2 + 35, 20, std::min(h, kHeadZoneMm + 20));
  double after = -1;
  for (const auto& [l, fill] : lines) {
    if (l.height >= 8) {  // letterhead type (also black or gray); the title below is smaller
      after = l.y + l.height;
      break;
    }
  }
  const double band = 70;
  for (const auto& [l, fill] : lines) {
    // A line filling the whole band is the separator rule (gray on a gray scan) or
    // body text; the number line is shorter (centred) or has a gap (上行文: the
    // number at the left margin, 签发人 at the right).
    if (l.width >= 0.95 * band && fill >= 0.8) continue;
    if (after >= 0 && l.y > after && l.y < after + 45 && l.height >= 3 && l.height < 8) {
      places.push_back({PageRect{12, l.y - 3, w - 24, l.height + 6}, RegionText::NumberLine});
      break;
    }
  }
}

/// Without a letterhead: the first lines of the page.
void place_in_first_lines(const RasterImage& first, double w, double h, std::vector<Place>& places) {
  const double px = kMarksDpi / 25.4;
  // No letterhead type: the number of a document without a letterhead stands on
  // the first lines of the page, often at the right margin (outside the central
  // columns), above the title.
  // Lines are found in the right-hand columns and the central ones (over the
  // whole width a slanted scan joins them), each kept once, top to bottom.
  auto head = text_lines(first, px, w - 80, w - 12, 15, std::min(h, 110.0));
  for (const auto& line : text_lines(first, px, w / 2 - 35, w / 2 + 35, 15, std::min(h, 110.0))) {
    const bool seen = std::any_of(head.begin(), head.end(), [&](const InkLine& o) {
      return std::abs(o.box.centre_y() - line.box.centre_y()) < 4;
    });
    if (!seen) head.push_back(line);
  }
  std::sort(head.begin(), head.end(), [](const InkLine& a, const InkLine& b) { return a.box.y < b.box.y; });
  int tried = 0;
  for (const auto& [l, fill] : head) {
    if (l.height < 2.5 || l.height > 10) continue;
    places.push_back({PageRect{12, l.y - 3, w - 24, l.height + 6}, RegionText::NumberLine});
    if (++tried == 3) break;
  }
}

/// The number read at `place`, or what was read there when no number came out.
std::string read_number_at(const UprightPages& pages, Ocr& ocr, const Place& region,
                           std::optional<YearBrackets>& seen) {
  // Not a structured binding: clang before 16 cannot capture one (tools/fuzz.sh uses clang 14).
  const PageRect& place = region.first;
  const RegionText how = region.second;
  const auto read_number = [&](double dpi, std::optional<YearBrackets>& brackets) {
    return repaired_number_lines(
        ocr_region(pages, ocr, 0, place, {.dpi = dpi, .what = how, .erase_rules = true, .brackets = &brackets}));
  };
  std::string read = read_number(kOcrDpi, seen);
  // A year read but no number around it (a one-digit serial read as "?"): the
  // line is read once more, finer.
  static const std::regex kYear("(19|20)[0-9]{2}");
  if (find_doc_numbers(read).empty() && std::regex_search(read, kYear)) {
    std::optional<YearBrackets> finer_seen;
    std::string finer = read_number(kRetryOcrDpi, finer_seen);
    if (!find_doc_numbers(finer).empty()) {
      read = std::move(finer);
      seen = finer_seen;
    }
  }
  // A photographed sheet's shaded end comes out black from Otsu's threshold: a
  // line not read is read again with its light evened out (not first: where the
  // light is even, evening it out thinned type under a seal).
  if (find_doc_numbers(read).empty() && pages.has_sheet(0)) {
    std::optional<YearBrackets> even_seen;
    std::string repaired = repaired_number_lines(ocr_region(
        pages, ocr, 0, place, {.what = how, .erase_rules = true, .brackets = &even_seen, .even_light = true}));
    if (!find_doc_numbers(repaired).empty()) {
      read = std::move(repaired);
      seen = even_seen;
    }
  }
  return read;
}

}  // namespace

std::string read_number_line(UprightPages& pages, Ocr& ocr, const PageMarks& marks,
                             std::optional<YearBrackets>& brackets) {
  const auto [w, h] = pages.size_mm(0);
  // Where the number line may be, most likely first; the first that reads as a
  // number is taken.
  std::vector<Place> places;
  if (marks.rule) {
    places = places_at_rule(*marks.rule, w);
  } else {
    place_under_letterhead_type(marks.first, w, h, places);
    place_in_first_lines(marks.first, w, h, places);
  }
  for (const auto& region : places) {
    std::optional<YearBrackets> seen;
    std::string read = read_number_at(pages, ocr, region, seen);
    if (!find_doc_numbers(read).empty()) {
      brackets = seen;
      return read;
    }
  }
  return {};
}

/// The own number read off a scan carries 〔〕 (normalise_ocr_brackets); its
/// brackets become the ones their ink shows, and its form is judged anew.
void apply_year_brackets(const YearBrackets& brackets, DocumentFacts& facts) {
  constexpr std::string_view kOpen = "〔";
  constexpr std::string_view kClose = "〕";
  DocNumber& number = *facts.own_number;
  const std::size_t open = number.text.find(kOpen);
  const std::size_t close = number.text.find(kClose);
  if (open == std::string::npos || close == std::string::npos || close < open) return;
  const std::string year = number.text.substr(open + kOpen.size(), close - open - kOpen.size());
  const std::string text =
      number.text.substr(0, open) + brackets.open + year + brackets.close + number.text.substr(close + kClose.size());
  DocNumber judged = parse_doc_number(text);
  if (judged.text.empty()) return;
  number = std::move(judged);
  facts.number_brackets_seen = true;
}

}  // namespace evpack
