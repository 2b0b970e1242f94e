// What the text of a time watermark says, and how far a reading can be trusted.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "evpack/core/types.hpp"

namespace evpack {

/// What the text of a watermark says. Every field is optional: OCR reads what it can.
struct WatermarkReading {
  std::optional<CivilDate> date;  ///< 2025.03.18 / 2025-03-18 / 2025年3月18日
  int hour = -1;                  ///< HH:MM read (24 h), -1 when none
  int minute = -1;
  int second = -1;    ///< only when the stamp shows seconds
  int weekday = 0;    ///< 1 = 星期一 ... 7 = 星期日, 0 when not shown
  std::string place;  ///< 地点/address line
  std::string brand;  ///< 今日水印相机 / 马克水印相机 / 元道经纬相机 / 水印相机
  std::string code;   ///< 防伪 code, upper-case alphanumerics
  /// The date and time as one timestamp (time-less when only the date was read).
  std::optional<Timestamp> timestamp() const;
};

/// Parses OCR text of watermark regions. Tolerates OCR noise: full-width digits,
/// spaces inside "09: 37", separators lost in "2025-0318". Never fails: an
/// unrelated text gives an empty reading.
WatermarkReading parse_watermark_text(const std::string& text);

/// A date and an HH:MM were read.
bool has_date_and_time(const WatermarkReading& reading);
/// Anything that shows a stamp is there: a date, a time, a brand or a 防伪 code.
bool shows_stamp(const WatermarkReading& reading);
/// No weekday printed, or it names the date read.
bool weekday_agrees(const WatermarkReading& reading);
/// Both readings have a date and an HH:MM, and they are the same to the minute.
bool same_minute(const WatermarkReading& a, const WatermarkReading& b);
/// Another engine's raw `text` shows the month, day, hour and minute of `reading`
/// in that order among its digits ("区 2 有 01.25 15:40:52" for 2025-01-25 15:40):
/// the parts both engines read agree although the other engine lost the year.
bool digits_confirm_month_day_time(const WatermarkReading& reading, const std::string& text);
/// Another engine's raw `text` shows the hour and minute of `reading` as a clock
/// ("16:24", "8：05", the hour not preceded and the minute not followed by
/// another digit).
bool text_shows_clock(const WatermarkReading& reading, const std::string& text);

/// A text's reading, how complete it is (date and time count most, a weekday that
/// agrees a little, one that contradicts the date against it, a lost hour digit
/// against it), and whether it is settled: complete, its weekday agreeing, no
/// hour digit lost ("2025-04-26 2:09:02"). Settled is not confirmed: it is one reading.
struct WatermarkJudgement {
  WatermarkReading reading;
  int score = 0;
  bool settled = false;
};
WatermarkJudgement judge_watermark_text(const std::string& text);

/// The characters of a date and time stamp.
inline constexpr std::string_view kStampCharacters = "0123456789-.:/ ";
/// ASCII digits in `s`.
int count_ascii_digits(const std::string& s);
/// Mostly digits (at least 4, twice the other characters): a date or time line.
bool stamp_like(const std::string& s);

/// How far (seconds) the camera clock may lie outside the minute a watermark
/// shows and still confirm it: the app stamps the moment it composes the picture,
/// the camera clock records the capture a little before or after. Tighter than a
/// minute on purpose: misread segment digits (5/6, 7/9) move a time by one or two
/// minutes, and a wrong minute must never pass as confirmed.
constexpr int kCameraClockSeconds = 30;

/// The camera time lies within the minute `hour`:`minute` of `day`, give or take
/// kCameraClockSeconds (a camera time without seconds: the same minute).
bool camera_shows_minute(const Timestamp& camera, const CivilDate& day, int hour, int minute);

/// Completes a watermark whose HH:MM was read but whose date line was not (a
/// 今日水印 panel's small date beside its large time) from the camera clock:
/// when the EXIF capture time shows that HH:MM (camera_shows_minute) on its day
/// (or the day before or after, across midnight), and the weekday printed, if
/// read, names that day, the reading takes that date and true is returned.
/// Otherwise the reading is left alone. A reading that has a date, or no time, is
/// never changed.
bool complete_date_from_camera_clock(WatermarkReading& reading, const std::optional<Timestamp>& exif_time);

}  // namespace evpack
