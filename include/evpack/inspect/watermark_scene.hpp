// The general watermark path: every line of type the scene-text detector finds in
// a photo, read near the edges first, grouped into panels, and read a second time
// from other pixels to confirm a date and time.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "evpack/adapters/ocr.hpp"
#include "evpack/adapters/scene_text.hpp"
#include "evpack/core/expected.hpp"
#include "evpack/core/raster.hpp"
#include "evpack/inspect/watermark_text.hpp"

namespace evpack {

/// A line the detector found, and what was read on it.
struct ReadLine {
  SceneTextLine line;  ///< in the analysis copy
  std::string text;
  double confidence = 0;
};

/// A group of lines set close together (one watermark panel, stamp or table) and
/// what they say read together, rows top to bottom.
struct ScenePanel {
  std::vector<ReadLine> lines;
  std::string text;
  WatermarkJudgement judged;
};

/// What the general path found.
struct SceneWatermark {
  std::optional<ScenePanel> best;  ///< the panel whose reading is most complete (shows a stamp)
  int lines_found = 0;             ///< lines the detector outlined
  int lines_read = 0;              ///< lines the recogniser read
  /// Outlines of the lines read (analysis coordinates), for a later pass to skip.
  std::vector<PixelRect> read_boxes;
  /// A line near the top or bottom edge that is mostly digits (stamp_like) but reads as no date or
  /// time: a digital stamp the recogniser could not make out, so the photo cannot
  /// be said to have none. Its text, or empty.
  std::string unread_stamp;
};

/// How a pass of the general path looks: the detector's longer side, and the
/// pixels lines are read from (`read_from`, `scale` times the analysis size; the
/// analysis copy itself when null).
struct SceneLook {
  int detect_side = 640;
  const RasterImage* read_from = nullptr;
  double scale = 1.0;
  /// Detect over a mosaic of the four edge strips of `read_from` (the left and
  /// right two thirds of its top and bottom fifths, stacked into one square at
  /// `detect_side`) instead of the whole picture: small type along the edges (a
  /// phone frame's date line) seen at about twice the whole picture's scale, for
  /// one detector call and no second detector shape.
  bool edge_mosaic = false;
  int max_lines = 12;  ///< lines read at most
  /// Read only lines whose centre lies within this share of the height from the
  /// top or bottom edge, or of the width from a side (1 = anywhere).
  double margin = 1.0;
};

/// Detects the lines of type in `analysis` (an upright copy, shorter side about
/// kWatermarkAnalysisShort), reads those near the edges first (where watermark
/// apps put their stamps; at most look.max_lines), skipping lines that overlap
/// `skip` (read by an earlier pass), and stops once a panel of them shows a
/// settled date and time. Fails with the detector's or recogniser's error.
Expected<SceneWatermark> read_scene_watermark(const RasterImage& analysis, SceneText& scene_text,
                                              const SceneLook& look = {}, const std::vector<PixelRect>& skip = {});

/// Reads the lines of `panel` that hold digits again, each cut wider than the
/// first time, from `sharp` (the same upright photo, `scale` times the analysis
/// size; the analysis copy itself with scale 1 when no sharper pixels exist), and
/// judges the panel's text with the new readings: a second reading to confirm the
/// first.
/// `along` and `across` grow each outline about its centre (1.12 and 1.25: a
/// sixteenth of the line's length more at each end).
Expected<WatermarkJudgement> reread_scene_panel(const ScenePanel& panel, const RasterImage& sharp, double scale,
                                                SceneText& scene_text, double along = 1.12, double across = 1.25);

/// The lines of `panel` that hold digits read by another engine (`ocr`, Tesseract):
/// each level line cut (a little wider) from `sharp` (`scale` times the analysis
/// copy), made black type on white whatever its polarity, read as one line; the
/// panel's text judged with those readings. An independent reading for the
/// general path's panels, which the recogniser alone would only confirm with
/// itself. Lines standing on end are left as first read. The panel returned holds
/// the other engine's text and its judgement.
/// `ink` says how the type is told from its backdrop: `Otsu` (gray, Otsu's
/// threshold, either polarity) or `Brightest` (the lightest, least coloured
/// pixels: white type whose dark outline or shadow Otsu's threshold would take
/// for the type, leaving hollow letters).
enum class SceneInk { Otsu, Brightest };
Expected<ScenePanel> read_scene_panel_with_ocr(const ScenePanel& panel, const RasterImage& sharp, double scale,
                                               Ocr& ocr, SceneInk ink = SceneInk::Otsu);

/// Joins the texts of lines in reading order: lines whose centres fall within one
/// row's height are one row (joined with a space, left to right), rows with '\n'.
std::string join_read_lines(std::vector<ReadLine> lines);

}  // namespace evpack
