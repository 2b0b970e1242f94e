// Judging the red letterhead (发文机关标志 + red rule) and the red round seal
// from red-ink measurements (adapters/red_ink.hpp). Pure functions: geometry in,
// verdicts out, so they are tested on real seal images and generated pages alike.
#pragma once

#include <optional>
#include <vector>

#include "evpack/adapters/red_ink.hpp"
#include "evpack/core/types.hpp"

namespace evpack {

/// What the top of the first page shows.
struct LetterheadJudgement {
  Verdict verdict;
  std::optional<MmRect> band;  ///< the red 发文机关标志, page millimetres
  std::optional<MmRect> rule;  ///< the red separator line under the number
};

/// Judges the letterhead from the red ink of the top of page 1 (image origin = page
/// origin). `colour_known`: false for a grayscale/bilevel scan (then never "absent").
/// `header_text`: the header read from text, "" if none; used in the reason only.
LetterheadJudgement judge_letterhead(const RedInkReport& top, double page_width_mm, bool colour_known,
                                     const std::string& header_text);

/// A red round seal found on a page.
struct SealMark {
  int page = 0;  ///< 1-based
  MmRect box;    ///< page millimetres
  double confidence = 0;
  bool pale = false;    ///< light ink
  bool broken = false;  ///< ring partly missing or covered
};

/// Round red seals among the marks of one page (best first). A seal is a red,
/// roughly circular mark about 30-60 mm across whose outer ring is mostly drawn,
/// with ink inside (text, star) and empty corners (which rules out square name seals
/// and blocks of red text).
std::vector<SealMark> find_round_seals(const RedInkReport& page, int page_number);

/// The seal verdict over all pages inspected. `colour_known` as above.
Verdict judge_seal(const std::vector<SealMark>& seals, bool colour_known, int pages_checked, int page_count);

}  // namespace evpack
