// Time watermarks, the fast path: where light text is, and what it says.
//
//   upright photo ──> analysis copy (shorter side kWatermarkAnalysisShort)
//     bottom band / top band ──> bright top-hat (text brighter than its surroundings)
//       ──> ink mask ──> smeared into blocks ──> text-shaped blocks kept
//       ──> black-on-white panel ──> OCR (sparse text) ──> parse_watermark_text
//
// Watermark cameras draw light text (white, or orange for date stamps) with a
// shadow, a scrim or a translucent box behind it, so a white top-hat isolates it
// from large bright areas (walls, sky, paper) that are wider than a stroke. OCR
// sees only the kept blocks, binarised: the scene around them is blanked, which
// makes Tesseract both faster and far less inventive.
//
// This file drives the steps (read_watermark_panels); the ink mask is in
// watermark_ink.cpp, panel finding and the first reading in watermark_panels.cpp,
// the closer second reading in watermark_close.cpp (watermark_fast_path.hpp).
#include <algorithm>
#include <optional>
#include <utility>

#include "evpack/inspect/watermark.hpp"
#include "watermark_fast_path.hpp"

namespace evpack {

namespace {

using fast_path::PanelRead;

// The most complete reading of a photo's panels so far, and its panel.
struct BestReading {
  WatermarkJudgement judged{{}, -1, false};
  std::optional<std::size_t> panel;
  // Keeps the reading of panel `p` when it shows a stamp and is more complete.
  bool take(WatermarkJudgement candidate, std::size_t p) {
    if (!shows_stamp(candidate.reading) || candidate.score <= judged.score) return false;
    judged = std::move(candidate);
    panel = p;
    return true;
  }
};

// The first reading of the panels in turn, the bottom band first.
Expected<std::vector<PanelRead>> first_reading(const std::vector<TextPanel>& panels, Ocr& ocr, BestReading& best) {
  std::vector<PanelRead> reads;
  for (std::size_t p = 0; p < panels.size(); ++p) {
    auto read = fast_path::read_panel(panels[p], ocr);
    if (!read) return read.error();
    reads.push_back(std::move(*read));
    best.take(judge_watermark_text(reads.back().text), p);
    if (has_date_and_time(best.judged.reading)) break;  // the bottom band held it: the top band need not be read
  }
  return reads;
}

// A closer second look where the first left the date or the time out, read a
// weekday the date contradicts or lost a digit of the hour, but saw signs of a
// stamp: a date, a time, digits. A panel's new reading replaces its first when
// it is the best. Returns whether the best reading is settled.
Expected<bool> closer_look(const RasterImage& analysis, const SharperImage& sharper,
                           const std::vector<TextPanel>& panels, std::vector<PanelRead>& reads, Ocr& ocr,
                           BestReading& best) {
  // The sharper copy is decoded only once a panel is worth the second look:
  // photos without any stamp never pay for it.
  const RasterImage* sharp = nullptr;
  double scale = 1;
  for (std::size_t p = 0; p < reads.size(); ++p) {
    if (!fast_path::worth_a_closer_look(reads[p].text)) continue;
    if (sharp == nullptr) {
      const RasterImage& decoded = sharper.get();
      const int analysis_short = std::min(analysis.width, analysis.height);
      sharp = std::min(decoded.width, decoded.height) > analysis_short ? &decoded : &analysis;
      scale = static_cast<double>(std::min(sharp->width, sharp->height)) / analysis_short;
    }
    auto reread = fast_path::reread_panel(panels[p], reads[p], *sharp, scale, ocr);
    if (!reread) return reread.error();
    if (!best.take(judge_watermark_text(reread->text), p)) continue;
    reads[p] = std::move(*reread);
    if (best.judged.settled) break;
  }
  return best.judged.settled;
}

// The blocks that showed the date or the time, for a second reading by another
// reader; when no block shows either on its own (the panel's reading joined
// them), every block with digits.
std::vector<PanelReading::StampBlock> stamp_blocks(const TextPanel& panel, const PanelRead& read) {
  std::vector<PanelReading::StampBlock> out;
  for (const bool any_digits : {false, true}) {
    for (std::size_t i = 0; i < panel.lines.size(); ++i) {
      const WatermarkReading own = parse_watermark_text(read.texts[i]);
      const bool stamp = own.date.has_value() || own.hour >= 0;
      if (any_digits ? count_ascii_digits(read.texts[i]) < 2 : !stamp) continue;
      const PixelRect& line = panel.lines[i];
      out.push_back(
          {{panel.box.x + line.x, panel.box.y + line.y, line.width, line.height}, own.date.has_value(), own.hour >= 0});
    }
    if (!out.empty()) break;
  }
  return out;
}

}  // namespace

Expected<PanelReading> read_watermark_panels(const RasterImage& analysis, Ocr& ocr, const SharperImage& sharper) {
  PanelReading out;
  if (analysis.empty()) return out;
  const auto panels = find_watermark_panels(analysis);
  BestReading best;
  auto reads = first_reading(panels, ocr, best);
  if (!reads) return reads.error();
  if (!best.judged.settled) {
    auto settled = closer_look(analysis, sharper, panels, *reads, ocr, best);
    if (!settled) return settled.error();
  }
  out.best = std::move(best.judged);
  for (const auto& read : *reads) {
    if (read.text.empty()) continue;
    out.text_seen = true;
    if (!out.text.empty()) out.text += '\n';
    out.text += read.text;
  }
  if (best.panel) out.stamp_blocks = stamp_blocks(panels[*best.panel], (*reads)[*best.panel]);
  return out;
}

}  // namespace evpack
