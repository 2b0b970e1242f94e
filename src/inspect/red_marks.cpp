// Red letterhead and red seal: the pages looked at at kMarksDpi, the first for its
// letterhead (turned when it is found only so), the last ones for a seal.
#include "red_marks.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "document_common.hpp"
#include "evpack/adapters/image_ops.hpp"
#include "evpack/inspect/document_marks.hpp"

namespace evpack {
namespace {

/// The red ink of a page's upper part, where a letterhead and its rule stand.
RedInkReport head_zone(const RedInkReport& page) {
  RedInkReport top;
  top.colour = page.colour;
  for (const auto& m : page.marks) {
    if (m.box.y < kHeadZoneMm) top.marks.push_back(m);
  }
  for (const auto& r : page.rules) {
    if (r.box.y < kHeadZoneMm) top.rules.push_back(r);
  }
  return top;
}

/// A page scanned or photographed sideways (or upside down) holds its letterhead
/// along another edge: turned upright, it is found, and the page is read turned
/// from then on (number line, 成文日期). Whether it was found.
bool find_turned_letterhead(const RasterImage& image, const RedInkOptions& ink, int count, UprightPages& pages,
                            DocumentFacts& facts, std::optional<LetterheadJudgement>& head, PageMarks& marks) {
  for (const int orientation : {6, 8, 3}) {
    RasterImage turned = apply_orientation(image, orientation);
    const double width_mm = turned.width / ink.px_per_mm;
    auto upright = judge_letterhead(head_zone(analyse_red_ink(turned, ink)), width_mm, true, facts.letterhead_text);
    if (upright.verdict.state != Presence::Present) continue;
    upright.verdict.reason += "（页面方向不正，转正后判断）";
    head = std::move(upright);
    marks.band = head->band;
    marks.rule = head->rule;
    marks.turned = true;
    pages.set_orientation(0, orientation);
    marks.first = std::move(turned);
    if (count == 1) marks.last = marks.first;
    return true;
  }
  return false;
}

}  // namespace

/// Red letterhead and red seal, from pages rendered at low resolution. A first
/// page whose letterhead is found only turned is set upright in `pages`.
PageMarks check_red_marks(UprightPages& pages, bool has_text_layer, DocumentFacts& facts) {
  PageMarks marks;
  const int count = pages.count();
  RedInkOptions ink;
  ink.px_per_mm = kMarksDpi / 25.4;
  bool colour_seen = has_text_layer;  // born-digital: black is black
  bool rendered_any = false;
  std::vector<SealMark> seals;
  int checked = 0;
  std::optional<LetterheadJudgement> head;
  // Page order: the first (letterhead), then the last backwards (seals sit at the end).
  std::vector<int> order;
  if (count > 0) order.push_back(0);
  for (int i = count - 1; i > 0 && static_cast<int>(order.size()) < kMaxSealPages; --i) order.push_back(i);
  for (const int index : order) {
    auto image = pages.render(index, kMarksDpi);
    if (!image) continue;
    rendered_any = true;
    ++checked;
    const RedInkReport report = analyse_red_ink(*image, ink);
    if (index == 0) marks.first = *image;
    if (index == count - 1) marks.last = *image;
    colour_seen = colour_seen || report.colour;
    if (index == 0) {
      head = judge_letterhead(head_zone(report), pages.size_mm(0).first, true, facts.letterhead_text);
      marks.band = head->band;
      marks.rule = head->rule;
      if (head->verdict.state == Presence::Absent && !has_text_layer) {
        find_turned_letterhead(*image, ink, count, pages, facts, head, marks);
      }
    }
    auto found = find_round_seals(report, index + 1);
    seals.insert(seals.end(), found.begin(), found.end());
    if (!seals.empty() && seals.front().confidence >= 0.8 && index != 0) break;
  }
  std::stable_sort(seals.begin(), seals.end(),
                   [](const SealMark& a, const SealMark& b) { return a.confidence > b.confidence; });
  if (!rendered_any) {
    facts.letterhead = {Presence::CannotVerify, 0.0, "页面无法渲染，未能检查红头"};
    facts.seal = {Presence::CannotVerify, 0.0, "页面无法渲染，未能检查公章"};
    return marks;
  }
  facts.colour_known = colour_seen;
  if (head) {
    if (!colour_seen && head->verdict.state == Presence::Absent) {
      head = judge_letterhead(RedInkReport{}, pages.size_mm(0).first, false, facts.letterhead_text);
    }
    facts.letterhead = head->verdict;
  } else {
    facts.letterhead = {Presence::CannotVerify, 0.0, "首页无法渲染，未能检查红头"};
  }
  facts.seal = judge_seal(seals, colour_seen, checked, count);
  if (!seals.empty()) facts.seal_page = seals.front().page;
  marks.seals = std::move(seals);
  return marks;
}

/// A scan or photo of paper coarser than kMinScanDpi cannot show that a letterhead
/// or seal is missing: such verdicts become "cannot verify".
void judge_scan_resolution(double dpi, DocumentFacts& facts) {
  if (dpi <= 0 || dpi >= kMinScanDpi) return;
  const std::string why = "分辨率过低：扫描图像约" + std::to_string(static_cast<int>(std::lround(dpi))) + " dpi";
  const std::string instead = "；请提交不低于150 dpi（建议300 dpi）的彩色扫描件";
  if (facts.letterhead.state == Presence::Absent) {
    facts.letterhead = {Presence::CannotVerify, 0.3, why + "，无法判断红头" + instead};
  }
  if (facts.seal.state == Presence::Absent) {
    facts.seal = {Presence::CannotVerify, 0.3, why + "，无法确认是否缺少公章" + instead};
  }
}

}  // namespace evpack
