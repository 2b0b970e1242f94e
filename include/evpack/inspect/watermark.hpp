// Burned-in time watermarks (今日水印, 马克, corner date stamps): finding the
// text regions in a photo and reading what they say.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "evpack/adapters/ocr.hpp"
#include "evpack/core/expected.hpp"
#include "evpack/core/raster.hpp"
#include "evpack/core/types.hpp"

namespace evpack {

/// What the text of a watermark says. Every field is optional: OCR reads what it can.
struct WatermarkReading {
  std::optional<CivilDate> date;  ///< 2025.03.18 / 2025-03-18 / 2025年3月18日
  int hour = -1;                  ///< HH:MM read (24 h), -1 when none
  int minute = -1;
  int second = -1;                ///< only when the stamp shows seconds
  int weekday = 0;                ///< 1 = 星期一 ... 7 = 星期日, 0 when not shown
  std::string place;              ///< 地点/address line
  std::string brand;              ///< 今日水印相机 / 马克水印相机 / 元道经纬相机 / 水印相机
  std::string code;               ///< 防伪 code, upper-case alphanumerics
  /// The date and time as one timestamp (time-less when only the date was read).
  std::optional<Timestamp> timestamp() const;
};

/// Parses OCR text of watermark regions. Tolerates OCR noise: full-width digits,
/// spaces inside "09: 37", separators lost in "2025-0318". Never fails: an
/// unrelated text gives an empty reading.
WatermarkReading parse_watermark_text(const std::string& text);

/// How far apart (minutes) the camera clock and a watermark's HH:MM may be for
/// the camera clock to name the watermark's date: a watermark app stamps the
/// moment it took the picture, its own clock a little off the EXIF one.
constexpr int kCameraClockMinutes = 2;

/// Completes a watermark whose HH:MM was read but whose date line was not (a
/// 今日水印 panel's small date beside its large time) from the camera clock:
/// when the EXIF capture time lies within kCameraClockMinutes of that HH:MM on
/// its day (or the day before or after, across midnight), and the weekday
/// printed, if read, names that day, the reading takes that date and true is
/// returned. Otherwise the reading is left alone. A reading that has a date, or
/// no time, is never changed.
bool complete_date_from_camera_clock(WatermarkReading& reading, const std::optional<Timestamp>& exif_time);

/// A region of a photo that holds watermark-like text, prepared for OCR.
struct TextPanel {
  PixelRect box;        ///< in the upright analysis image
  RasterImage ink;      ///< 1-channel, black text on white, same size as `box`
  std::string where;    ///< "bottom" / "top"
  /// The text-like blocks (about one line each) within `ink`, top to bottom.
  std::vector<PixelRect> lines;
};

/// Finds light text over a darker backdrop (white or orange watermark text with a
/// shadow, a scrim or a box) in the bottom and top bands of an upright image of
/// about 720 px on the shorter side. Returns at most one panel per band, holding
/// only the text-like blocks (large bright areas such as walls are left out);
/// empty when nothing text-like is there.
std::vector<TextPanel> find_watermark_panels(const RasterImage& upright);

/// Outcome of looking for a watermark in one photo.
struct WatermarkResult {
  Presence state = Presence::NotChecked;
  double confidence = 0;
  std::string reason;          ///< Chinese, one line
  WatermarkReading reading;
  std::string text;            ///< OCR text of the panels read, lines joined with '\n'
};

/// The photo again, upright, at a higher resolution than the one given to
/// read_watermark (shorter side about 1440 px), or an empty image. Called at most
/// once, and only for a second, closer reading.
using SharperImage = std::function<RasterImage()>;

/// Looks for the watermark in an upright image (any size: it is scaled to the
/// analysis size here), OCR-ing only candidate panels: the bottom band first,
/// the top band only when the bottom gave no date and time. When the panels show
/// a stamp (a date, a time, digits) but no complete date and time, a weekday
/// that contradicts the date or a one-digit hour beside a zero-padded date, their
/// blocks are read a second time, cut from
/// `sharper()` when given (else from `upright`) with the type scaled up.
/// An HH:MM read without its date is completed from `camera_time` (the EXIF
/// capture time) by complete_date_from_camera_clock, and the reason says so.
/// Present = a date and an HH:MM were read; CannotVerify = watermark-like text
/// but no complete date and time; Absent = no such text. An OCR error gives
/// NotChecked with the error's message as the reason.
WatermarkResult read_watermark(const RasterImage& upright, Ocr& ocr, const SharperImage& sharper = {},
                               const std::optional<Timestamp>& camera_time = std::nullopt);

}  // namespace evpack
