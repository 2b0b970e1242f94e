// Text in photos, found and read by models trained on scene text (PP-OCRv4 through
// OpenCV's DNN module, src/adapters/opencv/ppocr_scene_text.cpp): a detector that
// outlines every line of type whatever its colour, polarity, outline or backdrop,
// and a line recogniser for Chinese, digits and Latin letters. Tesseract (ocr.hpp)
// stays the reader of scanned pages; this one reads what a camera app burned into
// a photo where the fast light-on-dark panel search found nothing it could trust.
#pragma once

#include <array>
#include <memory>
#include <string>
#include <vector>

#include "evpack/core/expected.hpp"
#include "evpack/core/raster.hpp"

namespace evpack {

/// A point in pixel coordinates of the image given to detect().
struct PointF {
  float x = 0;
  float y = 0;
};

/// One line of type as the detector outlines it.
struct SceneTextLine {
  std::array<PointF, 4> corners;  ///< clockwise from the top-left of the text
  PixelRect box;                  ///< the corners' bounding box, clamped to the image
  double score = 0;               ///< mean text probability inside the outline, 0..1
};

/// What the recogniser read on one line.
struct LineText {
  std::string text;       ///< UTF-8 as read (full-width forms as the model gives them)
  double confidence = 0;  ///< mean probability of the characters kept, 0..1 (0 when empty)
};

/// Not thread-safe: one call at a time per instance (the inspection shares a few
/// through a SceneTextPool).
class SceneText {
 public:
  virtual ~SceneText() = default;
  /// Lines of text in a BGR or gray image of any size; it is scaled so its longer
  /// side is `long_side` px (multiples of 32) for the detector, and the lines come
  /// back in the image's own coordinates, top to bottom. Fails with SCENE_TEXT_FAILED
  /// when the model cannot run on it.
  virtual Expected<std::vector<SceneTextLine>> detect(const RasterImage& image, int long_side) = 0;
  /// Reads the line outlined by `line` in `image` (the image given to detect() or
  /// one scaled from it by `scale`, so higher-resolution pixels can be read): the
  /// outline is cut out upright (a line standing on end is turned).
  virtual Expected<LineText> read(const RasterImage& image, const SceneTextLine& line, double scale = 1.0) = 0;
  /// Reads a crop that holds one line of text.
  virtual Expected<LineText> read(const RasterImage& line_image) = 0;
};

/// The PP-OCRv4 models converted at set-up (tools/models/setup-models.sh) in
/// `model_dir`. Fails with SCENE_TEXT_UNAVAILABLE (Chinese message naming the set-up
/// step) when the files are missing or OpenCV cannot load them.
Expected<std::unique_ptr<SceneText>> make_ppocr_scene_text(const std::string& model_dir);

/// Where the models are looked for: $EVPACK_MODEL_DIR, else the folder set at
/// build time (the build tree's models/), else `models/` beside the executable.
std::string default_scene_text_model_dir();

/// Identifies the models in `model_dir` for keys of results that depend on what
/// they read: the text of its MANIFEST (sha256 of every file), or "none".
std::string scene_text_fingerprint(const std::string& model_dir);

}  // namespace evpack
