// Red letterhead and red seal verdicts from red-ink geometry.
//
// Geometry from GB/T 9704-2012 (research/domain.md §1): the 发文机关标志 is large
// red type centred in the 156 mm type area, the red rule under the document number
// spans the type area, and an official seal is round, 40-45 mm across (some
// bureaus' seals are 38 or 50 mm; finance seals are smaller).
#include "evpack/inspect/document_marks.hpp"

#include <algorithm>
#include <cmath>

#include "evpack/util/text.hpp"

namespace evpack {
namespace {

// A printed red letterhead is saturated: R - max(G, B) above this on average
// (bright 230,0,18 measures ~210; dark red 153; scans lose a little).
constexpr double kLetterheadRedness = 60;
// Letterhead type is large: taller than body text (3号 ≈ 5.6 mm) and wide.
constexpr double kLetterheadMinHeight = 6.5;
constexpr double kLetterheadMinWidth = 30;
// One glyph (or word) of letterhead type is at least this tall.
constexpr double kLetterheadMinGlyph = 4.5;
// The tallest glyph of letterhead type ("文件" beside a two-line joint header is 24 mm).
constexpr double kLetterheadMaxGlyph = 30;
// Its centre stays within this of the page's centre line.
constexpr double kLetterheadCentreSlack = 35;

// Seal size window (mm) and the narrower window of official seals.
constexpr double kSealMin = 25;
constexpr double kSealMax = 65;
constexpr double kOfficialMin = 36;
constexpr double kOfficialMax = 52;
// Share of the ring that must be inked; broken and partly covered seals stay above it.
constexpr double kMinRing = 0.55;
// A circle leaves the corners of its box empty.
constexpr double kMaxCornerInk = 0.10;
// Text and star inside.
constexpr double kMinInnerInk = 0.02;
// Ink below this mean redness is pale (faded pad, light press, pale scan).
constexpr double kPaleRedness = 45;

std::string mm(double v) { return std::to_string(static_cast<int>(std::lround(v))); }

}  // namespace

LetterheadJudgement judge_letterhead(const RedInkReport& top, double page_width_mm, bool colour_known,
                                     const std::string& header_text) {
  LetterheadJudgement out;
  const double centre = page_width_mm / 2;
  // The red rule: the first long red rule, the band must lie above it.
  for (const RedRule& rule : top.rules) {
    if (rule.box.width >= 0.4 * page_width_mm) {
      out.rule = rule.box;
      break;
    }
  }
  // The header's characters are separate marks when the type is letter-spaced
  // (章 丘 区 …) or set in two lines for 联合行文: take the union of the large red
  // type above the rule.
  std::optional<MmRect> band;
  double ink = 0;
  for (const RedMark& m : top.marks) {
    if (m.mean_redness < kLetterheadRedness) continue;
    if (m.box.height < kLetterheadMinGlyph ||
        m.box.width * m.box.height < 2 * kLetterheadMinGlyph * kLetterheadMinGlyph) {
      continue;
    }
    if (m.ring_coverage >= 0.8 && m.corner_ink <= kMaxCornerInk && m.box.width < 1.4 * m.box.height &&
        m.box.width >= kSealMin) {
      continue;  // a seal, not a header
    }
    // Type on end (a page scanned sideways): glyphs merge into a mark taller than
    // any letterhead glyph and taller than wide.
    if (m.box.height > kLetterheadMaxGlyph && m.box.height > m.box.width) continue;
    if (out.rule && m.box.y + m.box.height / 2 >= out.rule->y) continue;
    if (m.box.height < 3 && m.box.width > 0.5 * page_width_mm) continue;  // another rule
    if (!band) {
      band = m.box;
    } else {
      const double x0 = std::min(band->x, m.box.x);
      const double y0 = std::min(band->y, m.box.y);
      const double x1 = std::max(band->x + band->width, m.box.x + m.box.width);
      const double y1 = std::max(band->y + band->height, m.box.y + m.box.height);
      band = MmRect{x0, y0, x1 - x0, y1 - y0};
    }
    ink += m.ink_share * m.box.width * m.box.height;
  }
  // A letterhead is a line (or two) of type across the page, wider than tall: red
  // ink standing taller than wide is type on end (a page scanned sideways, whose
  // letterhead is found with the page turned) or a stack of marks.
  const bool header_like = band && band->height >= kLetterheadMinHeight && band->width >= kLetterheadMinWidth &&
                           band->width > band->height &&
                           std::abs(band->centre_x() - centre) <= kLetterheadCentreSlack && ink > 0;
  const MmRect* best = header_like ? &*band : nullptr;
  const std::string named = header_text.empty() ? "" : "“" + header_text + "”";
  if (best != nullptr) {
    out.band = *best;
    const double confidence = out.rule ? 0.95 : 0.85;
    std::string reason = "首页上方有红色发文机关标志" + named + "（高约" + mm(best->height) + "毫米）";
    reason += out.rule ? "及红色分隔线" : "，未见红色分隔线";
    out.verdict = {Presence::Present, confidence, reason};
    return out;
  }
  if (!colour_known) {
    out.verdict = {Presence::CannotVerify, 0.5,
                   "灰度或黑白扫描件，无法判断文头" + named + "是否为红色，请提交彩色扫描件或原件核对"};
    return out;
  }
  if (!header_text.empty()) {
    out.verdict = {Presence::Absent, 0.85, "文头" + named + "不是红色（红头文件的发文机关标志应为红色）"};
  } else if (out.rule) {
    out.verdict = {Presence::Absent, 0.7, "首页有红色分隔线，但上方没有红色发文机关标志"};
  } else {
    out.verdict = {Presence::Absent, 0.9, "首页上方没有红色发文机关标志（红头）"};
  }
  return out;
}

std::vector<SealMark> find_round_seals(const RedInkReport& page, int page_number) {
  std::vector<SealMark> seals;
  auto consider = [&](const RedMark& m, bool whole_mark) {
    const double diameter = m.circle.width;
    if (diameter < kSealMin || diameter > kSealMax) return;
    // A connected mark must fill its circle; a circle found by the transform may be
    // the ring of a broken seal whose arcs are separate marks.
    if (whole_mark && (m.box.width < 0.6 * diameter || m.box.height < 0.6 * diameter)) return;
    if (m.ring_coverage < kMinRing || m.corner_ink > kMaxCornerInk || m.inner_ink < kMinInnerInk) return;
    for (const SealMark& s : seals) {
      if (std::hypot(s.box.centre_x() - m.circle.centre_x(), s.box.centre_y() - m.circle.centre_y()) < diameter / 3) {
        return;  // the same seal seen both ways
      }
    }
    SealMark seal;
    seal.page = page_number;
    seal.box = m.circle;
    seal.pale = m.mean_redness < kPaleRedness;
    seal.broken = m.ring_coverage < 0.85;
    double confidence = 0.45 + 0.5 * m.ring_coverage;
    if (diameter < kOfficialMin || diameter > kOfficialMax) confidence *= 0.85;
    if (seal.pale) confidence *= 0.9;
    seal.confidence = std::min(0.98, confidence);
    seals.push_back(seal);
  };
  for (const RedMark& m : page.marks) consider(m, true);
  for (const RedMark& m : page.circles) consider(m, false);
  std::sort(seals.begin(), seals.end(), [](const SealMark& a, const SealMark& b) {
    return a.confidence != b.confidence ? a.confidence > b.confidence : a.box.y < b.box.y;
  });
  return seals;
}

Verdict judge_seal(const std::vector<SealMark>& seals, bool colour_known, int pages_checked, int page_count) {
  if (!seals.empty()) {
    const SealMark& s = seals.front();
    std::string reason =
        "第" + std::to_string(s.page) + "页有红色圆形印章（直径约" + mm((s.box.width + s.box.height) / 2) + "毫米";
    if (seals.size() > 1) reason += "，共" + std::to_string(seals.size()) + "枚";
    reason += "）";
    if (s.pale) reason += "，印章颜色较浅";
    if (s.broken) reason += "，印章边框不完整或被遮挡";
    return {Presence::Present, s.confidence, reason};
  }
  if (!colour_known) {
    return {Presence::CannotVerify, 0.5, "灰度或黑白扫描件，无法判断是否加盖红色公章，请提交彩色扫描件或原件核对"};
  }
  if (pages_checked < page_count) {
    return {
        Presence::Absent, 0.7,
        "检查的" + std::to_string(pages_checked) + "页（共" + std::to_string(page_count) + "页）中未见红色圆形公章"};
  }
  return {Presence::Absent, 0.9, "全文未见红色圆形公章"};
}

}  // namespace evpack
