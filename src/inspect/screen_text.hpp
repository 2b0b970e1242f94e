// The text of a screen capture as screenshot reading sees it, shared by its
// files: segments and their geometry (screen_segments.cpp), what a label means
// (screen_labels.cpp), values and the fields of a page (screenshot.cpp), the
// second readings of suspect segments (screen_reread.cpp). Internal to
// src/inspect: the public interface is evpack/inspect/screenshot.hpp.
#pragma once

#include <cstddef>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "evpack/adapters/ocr.hpp"
#include "evpack/core/raster.hpp"

namespace evpack::screen {

// Longest label, in characters (被查询主体名称 is 7, 统一社会信用代码 8).
constexpr std::size_t kMaxLabel = 10;

// --- segments and their geometry (screen_segments.cpp) -----------------------------

struct Segment {
  std::string text;
  PixelRect box;
  std::size_t line = 0;  // index of its OCR line
  int right() const { return box.x + box.width; }
  int bottom() const { return box.y + box.height; }
};

bool contains_any(std::string_view text, std::initializer_list<std::string_view> words);
bool ends_with(std::string_view text, std::string_view tail);
std::size_t han_count(std::string_view text);
bool has_digit(std::string_view text);

// An OCR text made fit to read fields from: full-width forms folded, spaces
// between Han characters dropped, OCR's doubts and mixed date separators
// removed, a date glued to its time parted.
std::string clean(const std::string& raw);

// Cuts each OCR line at wide gaps between its characters. The spaces are the
// OCR's own (between words, between a date and its time); symbol boxes only say
// where to cut: a narrow "1" stands as far from its neighbours as a space does.
std::vector<Segment> cut_segments(const std::vector<OcrLine>& lines);

bool same_row(const Segment& a, const Segment& b);
// The nearest segment right of `s` on its row.
const Segment* right_of(const std::vector<Segment>& all, const Segment& s);
// The nearest segment left of `s` on its row.
const Segment* left_of(const std::vector<Segment>& all, const Segment& s);
// The nearest segment under `s` that shares its column: left edges aligned
// (labels over values) or the boxes overlapping (a table's header and cells).
const Segment* below(const std::vector<Segment>& all, const Segment& s);
// The nearest segment above `s` in its column (the mirror of below()).
const Segment* above(const std::vector<Segment>& all, const Segment& s);

// One of three or more segments aligned at their left or right edge, one under
// another: the items of a list.
bool in_column(const std::vector<Segment>& all, const Segment& s);
// A date in a column of three or more dates: an article list beside the article.
bool in_list(const std::vector<Segment>& all, const Segment& s);
// Segments in a row of four or more short ones: a navigation bar or a row of tabs,
// whose words (信用评价, 行政管理) are labels of nothing.
bool in_menu_row(const std::vector<Segment>& all, const Segment& s);

// --- what a label means (screen_labels.cpp) ----------------------------------------

enum Role : unsigned {
  kQueryTimeRole = 1,  // the time the query was made or its report produced
  kPublishedRole = 2,  // the time a page or article was published
  kMatterRole = 4,     // the matter the query serves
  kSubjectRole = 8,    // who was queried
  kResultRole = 16,    // what the query found
};

// A date label's roles. Its head is 时间/日期/时刻 (or 查询于, 截至); its qualifier
// says whose date it is: a record's own (成立日期, 许可决定日期, 有效期至) is neither.
unsigned date_roles(std::string_view label);

// A segment read as a label and what follows it in the segment.
struct Labelled {
  std::string label;
  std::string value;  // empty when the segment holds the label alone
  unsigned roles = 0;
};

// The text without what OCR leaves between a label and its value: the colon (or a
// semicolon, a comma read for it), spaces.
std::string strip_colon(std::string text);

// A segment's text read as a label: before a colon, the whole text, or the
// longest leading part of a label run into its value; nullopt when no label.
std::optional<Labelled> read_label(const std::string& text);

// A label as written: before a colon, or the whole text. Not a label run into its
// value (a value such as 驾驶员培训机构备案 holds the head 机构 too).
std::optional<Labelled> explicit_label(const std::string& text);

bool is_label_only(const Segment& s);

// --- values (screenshot.cpp) -------------------------------------------------------

// Whether a label segment has a value of `role` after its colon, to its right or under it.
bool has_value(const std::vector<Segment>& all, const Segment& s, const Labelled& label, unsigned role);

// Words of a finding: what a query turned up, or that it turned up nothing.
bool outcome_phrase(std::string_view text);

}  // namespace evpack::screen
