// Burned-in time watermarks (今日水印, 马克, corner date stamps): finding the
// text regions in a photo and reading what they say.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include "evpack/adapters/ocr.hpp"
#include "evpack/adapters/scene_text.hpp"
#include "evpack/core/expected.hpp"
#include "evpack/core/raster.hpp"
#include "evpack/core/types.hpp"
#include "evpack/inspect/watermark_text.hpp"

namespace evpack {

/// A region of a photo that holds watermark-like text, prepared for OCR.
struct TextPanel {
  PixelRect box;      ///< in the upright analysis image
  RasterImage ink;    ///< 1-channel, black text on white, same size as `box`
  std::string where;  ///< "bottom" / "top"
  /// The text-like blocks (about one line each) within `ink`, top to bottom.
  std::vector<PixelRect> lines;
};

/// Finds light text over a darker backdrop (white or orange watermark text with a
/// shadow, a scrim or a box) in the bottom and top bands of an upright image of
/// about 720 px on the shorter side. Returns at most one panel per band, holding
/// only the text-like blocks (large bright areas such as walls are left out);
/// empty when nothing text-like is there.
std::vector<TextPanel> find_watermark_panels(const RasterImage& upright);

/// Shorter side of the copy of a photo the watermark is looked for in. At this
/// size the smallest lines of the common templates (place, weekday: ~1/32 of the
/// shorter side) are still ~22 px tall, and a 12-megapixel photo costs no more
/// than a phone screenshot.
constexpr int kWatermarkAnalysisShort = 720;

/// The photo again, upright, at a higher resolution than the analysis copy
/// (shorter side about 1440 px), for closer second readings: decoded on first use
/// only (most photos never need it) and kept for later ones.
class SharperImage {
 public:
  SharperImage() = default;
  /// `decode` returns the pixels, or an empty image when it cannot.
  template <typename Decode, typename = std::enable_if_t<std::is_invocable_r_v<RasterImage, Decode&>>>
  SharperImage(Decode decode) : decode_(std::move(decode)) {}  // NOLINT: a lambda is one
  /// The pixels; empty when there is no decoder or it failed.
  const RasterImage& get() const {
    if (!done_) {
      if (decode_) image_ = decode_();
      done_ = true;
    }
    return image_;
  }
  explicit operator bool() const { return static_cast<bool>(decode_); }

 private:
  std::function<RasterImage()> decode_;
  mutable RasterImage image_;
  mutable bool done_ = false;
};

/// What the light-on-dark panel search and Tesseract made of a photo (the fast path).
struct PanelReading {
  WatermarkJudgement best{{}, -1, false};  ///< the most complete reading of a panel
  std::string text;                        ///< OCR text of the panels read
  bool text_seen = false;                  ///< any text at all came out
  /// A block of the best panel that showed the date or the time (or, when none
  /// did on its own, any digits), in the analysis copy: where a second reader
  /// looks to confirm them.
  struct StampBlock {
    PixelRect box;
    bool date = false;  ///< its own text reads as a date
    bool time = false;  ///< its own text reads as an HH:MM
  };
  std::vector<StampBlock> stamp_blocks;
};

/// The fast path: find_watermark_panels on `analysis` (an upright copy with a
/// shorter side of about kWatermarkAnalysisShort), OCR of their blocks (the bottom
/// band first, the top band only when the bottom gave no date and time), and when
/// the panels show a stamp but not a settled reading, a closer second reading of
/// their blocks cut from `sharper` with the type scaled up. Fails with the OCR's
/// error.
Expected<PanelReading> read_watermark_panels(const RasterImage& analysis, Ocr& ocr, const SharperImage& sharper);

/// The stamp blocks of a panel reading, each with the rest of its line, read by
/// their seven-segment bars (segment_digits.hpp) from `pixels`, an upright copy
/// `scale` times the analysis copy the blocks were found in: an engine
/// independent of OCR for date imprints and camera displays. nullopt when no line
/// reads as seven-segment type.
std::optional<WatermarkJudgement> read_segment_blocks(const RasterImage& pixels, double scale,
                                                      const std::vector<PanelReading::StampBlock>& blocks);

/// Outcome of looking for a watermark in one photo.
struct WatermarkResult {
  Presence state = Presence::NotChecked;
  double confidence = 0;
  std::string reason;  ///< Chinese, one line
  /// The reading shown to the user: confirmed when state is Present; otherwise
  /// the best unconfirmed guess (a date-only stamp, two readings that disagree).
  WatermarkReading reading;
  std::string text;  ///< OCR text of the regions read, lines joined with '\n'
  /// How a Present reading was confirmed: "camera" (the EXIF time agrees to the
  /// minute), "reread" (a second, independent reading agrees); empty otherwise.
  std::string confirmed_by;
  /// The general text detector ran (the fast path found nothing it could confirm).
  bool scene_text_used = false;
};

/// Looks for the time watermark in an upright photo (any size: scaled to
/// kWatermarkAnalysisShort here). A wrong time is worse than none, so a reading is
/// Present only when confirmed: the EXIF capture time agrees to the minute
/// (camera_shows_minute), or a second, independent reading (another reader, or
/// the same one on other pixels) gives the same date and HH:MM.
///  1. The fast path (read_watermark_panels): light type on darker backdrops in
///     the bottom and top bands, read by Tesseract. Its date and time are
///     confirmed by the camera clock or by `scene_text` reading the same blocks.
///  2. Otherwise, when `scene_text` is given, the general path: the text
///     detector finds every line of type in the photo whatever its colour,
///     polarity or place; lines near the edges are read (nearest first) until
///     a panel of them shows a date and a time, which a second reading from
///     `sharper`'s pixels must confirm.
/// An HH:MM read without its date is completed from `camera_time` by
/// complete_date_from_camera_clock (the reason says so). Present = a confirmed
/// date and HH:MM; CannotVerify = a stamp whose time could not be read reliably
/// (readings that disagree, a single reading, a date without a time of day, a
/// weekday contradicting the date), or no general detector to look with; Absent =
/// no such text where both paths looked. An OCR error gives NotChecked with the
/// error's message as the reason.
WatermarkResult read_watermark(const RasterImage& upright, Ocr& ocr, const SharperImage& sharper = {},
                               const std::optional<Timestamp>& camera_time = std::nullopt,
                               SceneText* scene_text = nullptr);

}  // namespace evpack
