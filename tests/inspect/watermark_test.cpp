#include "evpack/inspect/watermark.hpp"

#include <gtest/gtest.h>

namespace evpack {
namespace {

TEST(ParseWatermarkText, JinriBlockGivesTimeDateWeekdayPlaceBrandCode) {
  const auto r = parse_watermark_text(
      "09:37\n2025.03.18\n星期二 晴 12°C\n青石县交通运输局\n今日水印\n相机真实时间\n防伪 5HYAURSUMDYR");
  ASSERT_TRUE(r.date);
  EXPECT_EQ(r.date->iso(), "2025-03-18");
  EXPECT_EQ(r.hour, 9);
  EXPECT_EQ(r.minute, 37);
  EXPECT_EQ(r.second, -1);
  EXPECT_EQ(r.weekday, 2);
  EXPECT_EQ(r.weekday, r.date->weekday());
  EXPECT_EQ(r.place, "青石县交通运输局");
  EXPECT_EQ(r.brand, "今日水印相机");
  EXPECT_EQ(r.code, "5HYAURSUMDYR");
  ASSERT_TRUE(r.timestamp());
  EXPECT_EQ(r.timestamp()->iso(), "2025-03-18 09:37");
}

TEST(ParseWatermarkText, CornerStampWithSecondsAndOcrNoise) {
  auto r = parse_watermark_text("2025-03-18 09:37:12");
  ASSERT_TRUE(r.date);
  EXPECT_EQ(r.timestamp()->iso(), "2025-03-18 09:37:12");
  // Full-width digits and colon, letter O for zero, spaces around the colon.
  r = parse_watermark_text("２０２５－０３－１８　O9： 37");
  ASSERT_TRUE(r.date);
  EXPECT_EQ(r.date->iso(), "2025-03-18");
  EXPECT_EQ(r.hour, 9);
  EXPECT_EQ(r.minute, 37);
  // A separator lost by OCR.
  r = parse_watermark_text("时间: 2025-0318 09:37");
  ASSERT_TRUE(r.date);
  EXPECT_EQ(r.date->iso(), "2025-03-18");
  EXPECT_EQ(r.minute, 37);
}

TEST(ParseWatermarkText, HourLeadingOneReadAsALetter) {
  auto r = parse_watermark_text("2025.02.07\nL6:54 星期五 晴 12°C");
  EXPECT_EQ(r.hour, 16);
  EXPECT_EQ(r.minute, 54);
  r = parse_watermark_text("|7:05");
  EXPECT_EQ(r.hour, 17);
  // An L inside an anti-fake code stays a letter.
  r = parse_watermark_text("09:37\n防伪 AL5:12");
  EXPECT_EQ(r.hour, 9);
  EXPECT_EQ(r.code.find('1'), std::string::npos);
}

// A 执法记录仪 stamp's 9 read as "q" by the recogniser (seed-2001 tuning set):
// taken for a 9 only between digits or colons; a word keeps its letters.
TEST(ParseWatermarkText, NineReadAsQBetweenDigits) {
  auto r = parse_watermark_text("2025/06/27 14:4q:40");
  ASSERT_TRUE(r.date);
  EXPECT_EQ(r.timestamp()->iso(), "2025-06-27 14:49:40");
  r = parse_watermark_text("2025/06/27 1g:05");
  EXPECT_EQ(r.hour, 19);
  r = parse_watermark_text("2025-06-27 10:05\nDSJ-q7 eq:1");
  EXPECT_EQ(r.hour, 10);
  EXPECT_EQ(r.minute, 5);
}

TEST(ParseWatermarkText, DotsReadAsDigitsNeedTheWeekdayToAgree) {
  // 2025-08-24 was a Sunday: the dots of 2025.08.24 read as 7s.
  auto r = parse_watermark_text("2025708724 17:32\n今日水印 星期日 晴 12°C");
  ASSERT_TRUE(r.date);
  EXPECT_EQ(r.date->month, 8);
  EXPECT_EQ(r.date->day, 24);
  EXPECT_EQ(r.hour, 17);
  // Another weekday, or none: ten digits are not taken for a date.
  EXPECT_FALSE(parse_watermark_text("2025708724 17:32\n星期一").date);
  EXPECT_FALSE(parse_watermark_text("2025708724 17:32").date);
}

TEST(ParseWatermarkText, MarkerAndTableRowsGivePlace) {
  const auto r =
      parse_watermark_text("工作记录 马克水印\n时 间: 2025-11-05 07:09\n地 点: 青石县汽车站\n天 气: 晴 12°C");
  EXPECT_EQ(r.timestamp()->iso(), "2025-11-05 07:09");
  EXPECT_EQ(r.place, "青石县汽车站");
  EXPECT_EQ(r.brand, "马克水印相机");
  const auto t =
      parse_watermark_text("拍摄时间：2025-06-01 14:05\n地    点：青石县治超站\n经 纬 度：36.7128°N 117.5412°E");
  EXPECT_EQ(t.timestamp()->iso(), "2025-06-01 14:05");
  EXPECT_EQ(t.place, "青石县治超站");
}

TEST(ParseWatermarkText, TimeBesideTheDateWinsOverAnEarlierOne) {
  const auto r = parse_watermark_text("限时 10:00-12:00 停车\n2025-05-06 15:20:01");
  EXPECT_EQ(r.hour, 15);
  EXPECT_EQ(r.minute, 20);
}

TEST(ParseWatermarkText, SceneryTextIsNoWatermark) {
  for (const char* text :
       {"信用交通 诚信出行", "服务热线 12328", "限速 60 km/h 前方 300 米", "K101路 青石汽车站", ""}) {
    const auto r = parse_watermark_text(text);
    EXPECT_FALSE(r.date) << text;
    EXPECT_EQ(r.hour, -1) << text;
    EXPECT_FALSE(r.timestamp()) << text;
  }
  // Impossible times and dates are not read.
  const auto r = parse_watermark_text("2025-02-30 25:61");
  EXPECT_FALSE(r.date);
  EXPECT_EQ(r.hour, -1);
}

// Digital date stamps set their fields apart with spaces only; the recogniser
// sometimes drops a space or glues the year to the time. Each form as read from
// generated stamps (tools/gen_holdout.py --split tune, seed 1).
TEST(ParseWatermarkText, DigitalDateStampsWithSpacesAndTwoDigitYears) {
  struct Case {
    const char* text;
    const char* date;
    int hour;
    int minute;
  };
  for (const Case& c : {Case{"8 12 '25 15:03", "2025-08-12", 15, 3},   // M D 'YY, then the time
                        Case{"812 '2515:03", "2025-08-12", 15, 3},     // spaces lost: 8/12 is the only month/day
                        Case{"'25 6 18", "2025-06-18", -1, -1},        // date only
                        Case{"25 5 29", "2025-05-29", -1, -1},         // the apostrophe lost
                        Case{"2025 6 16 08:24", "2025-06-16", 8, 24},  // four-digit year, spaces
                        Case{"2025 616± 08:24", "2025-06-16", 8, 24},  // one space lost: 6/16 only
                        Case{"25 2 608:51", "2025-02-06", 8, 51},      // the day glued to the hour
                        Case{"25 61610:48", "2025-06-16", 10, 48}}) {  // month, day and hour run together
    const auto r = parse_watermark_text(c.text);
    ASSERT_TRUE(r.date) << c.text;
    EXPECT_EQ(r.date->iso(), c.date) << c.text;
    EXPECT_EQ(r.hour, c.hour) << c.text;
    EXPECT_EQ(r.minute, c.minute) << c.text;
  }
  // Digits that split into more than one valid month and day are no date, nor
  // two digits run together (the "16 '25" of "5 16 '25" whose 5 went unread).
  EXPECT_FALSE(parse_watermark_text("2025 112 08:24").date);
  EXPECT_FALSE(parse_watermark_text("16'25 10:44").date);
  EXPECT_FALSE(parse_watermark_text("'25 16 10:44").date);
  // Numbers in a sentence are no date stamp.
  EXPECT_FALSE(parse_watermark_text("第25 6 18条").date);
}

// The bar beside a large HH:MM (今日水印's yellow or blue rule) read as a
// character in front of it.
TEST(ParseWatermarkText, BarBeforeTheLargeTimeIsDropped) {
  for (const char* text : {"116:45\n2025/02/21星期五", "|16:45\n2025/02/21星期五", "l16:45 2025/02/21星期五"}) {
    const auto r = parse_watermark_text(text);
    ASSERT_TRUE(r.timestamp()) << text;
    EXPECT_EQ(r.timestamp()->iso(), "2025-02-21 16:45") << text;
  }
  EXPECT_EQ(parse_watermark_text("110:04\n2025年2月21日周五").hour, 10);
  // The bar after the time, before the date beside it.
  EXPECT_EQ(parse_watermark_text("2025-04-18\n15:381 周五").minute, 38);
  EXPECT_EQ(parse_watermark_text("15:381").minute, 38);
  for (const char* text : {"17:11|2025/02/06", "17:1112025/02/06", "17:11 l2025/02/06"}) {
    const auto r = parse_watermark_text(text);
    ASSERT_TRUE(r.timestamp()) << text;
    EXPECT_EQ(r.timestamp()->iso(), "2025-02-06 17:11") << text;
  }
}

TEST(ParseWatermarkText, GluedDateAndTimeAndLettersInTheYear) {
  // A table row whose space OCR dropped.
  auto r = parse_watermark_text("拍摄时间: 2025-04-1109:59\n地点: 青石县治超站");
  ASSERT_TRUE(r.timestamp());
  EXPECT_EQ(r.timestamp()->iso(), "2025-04-11 09:59");
  // The 20 of the year read as letters.
  r = parse_watermark_text("18:34:31 ZU25-06-18");
  ASSERT_TRUE(r.timestamp());
  EXPECT_EQ(r.timestamp()->iso(), "2025-06-18 18:34:31");
  // A separator read as another sign or a letter.
  r = parse_watermark_text("2025<11-16 12:46:03");
  ASSERT_TRUE(r.timestamp());
  EXPECT_EQ(r.timestamp()->iso(), "2025-11-16 12:46:03");
  r = parse_watermark_text("11:29:53 2025-05s22");
  ASSERT_TRUE(r.timestamp());
  EXPECT_EQ(r.timestamp()->iso(), "2025-05-22 11:29:53");
  // A date whose separator was read as a letter is no time.
  r = parse_watermark_text("2025-08e29");
  ASSERT_TRUE(r.date);
  EXPECT_EQ(r.date->iso(), "2025-08-29");
  EXPECT_EQ(r.hour, -1);
  // A year far ahead is a misread, not a date.
  EXPECT_FALSE(parse_watermark_text("18:34:31 2085-06-18").date);
  // An impossible day is no date, not a shorter one cut out of it.
  EXPECT_FALSE(parse_watermark_text("2025.12.95").date);
  // Letters elsewhere are left alone.
  r = parse_watermark_text("ZOO 2025-06-18 08:01");
  EXPECT_EQ(r.timestamp()->iso(), "2025-06-18 08:01");
}

TEST(ParseWatermarkText, LargeTimeReadSpacedOut) {
  // The big HH:MM of 今日水印 as OCR reads it at times: spaced out, the colon a letter.
  auto r = parse_watermark_text("1 3 e 3 8   2025.12.05\n星期五 晴 12°C");
  ASSERT_TRUE(r.timestamp());
  EXPECT_EQ(r.timestamp()->iso(), "2025-12-05 13:38");
  r = parse_watermark_text("0 8 ° 1 8\n2025.07.03");
  EXPECT_EQ(r.timestamp()->iso(), "2025-07-03 08:18");
  // Dates, temperatures and coordinates are no times.
  for (const char* text : {"2025.07.12", "星期五 晴 12°C", "36.7128°N 117.5412°E", "2025-07-12"}) {
    EXPECT_EQ(parse_watermark_text(text).hour, -1) << text;
  }
}

// OCR noise around a time: a colon read as a quotation mark (three bytes in
// UTF-8), a stray dot before the hour, and a piece of a time read twice on the
// line of the whole one.
TEST(ParseWatermarkText, QuoteForAColonStrayDotAndAPieceReadTwice) {
  auto r = parse_watermark_text("09 “40   2025.05.31\ne 星期六晴 12°C 今日水印");
  ASSERT_TRUE(r.timestamp());
  EXPECT_EQ(r.timestamp()->iso(), "2025-05-31 09:40");
  r = parse_watermark_text("Vv    -\n2025-10-02 .08:16:08");
  ASSERT_TRUE(r.timestamp());
  EXPECT_EQ(r.timestamp()->iso(), "2025-10-02 08:16:08");  // not 16:08
  r = parse_watermark_text("1:42 2025-02-01 11:11:42");
  ASSERT_TRUE(r.timestamp());
  EXPECT_EQ(r.timestamp()->iso(), "2025-02-01 11:11:42");
  // The temperature beside a weekday stays a temperature.
  r = parse_watermark_text("2025.05.31\n星期六 晴 12°C");
  EXPECT_EQ(r.hour, -1);
  // And of two plain times on a line, the first.
  r = parse_watermark_text("2025-02-01 09:30 10:45");
  EXPECT_EQ(r.timestamp()->iso(), "2025-02-01 09:30");
}

// OCR that ends a date early ("2025-12" and letters) or keeps only the day
// before a time's colon gives no invented date or hour.
TEST(ParseWatermarkText, CutDatesAndDaysBeforeAColonAreNotRead) {
  auto r = parse_watermark_text("| 2025-12ave\n星期六 晴 12°C");
  EXPECT_FALSE(r.date) << r.date->iso();  // not 2025-01-02
  r = parse_watermark_text("2025-10-22 :58:16");
  ASSERT_TRUE(r.date);
  EXPECT_EQ(r.date->iso(), "2025-10-22");
  EXPECT_EQ(r.hour, -1);  // not 22:58
  // A date written with colons holds no time; the time after it is read.
  r = parse_watermark_text("2025:02:19");
  ASSERT_TRUE(r.date);
  EXPECT_EQ(r.date->iso(), "2025-02-19");
  EXPECT_EQ(r.hour, -1);  // not 02:19
  r = parse_watermark_text("2025:02:19 17:25");
  ASSERT_TRUE(r.timestamp());
  EXPECT_EQ(r.timestamp()->iso(), "2025-02-19 17:25");
  r = parse_watermark_text("拍摄时间:09:37\n2025.03.18");  // a label's colon is no date
  ASSERT_TRUE(r.timestamp());
  EXPECT_EQ(r.timestamp()->iso(), "2025-03-18 09:37");
  // Without a sign between them, month and day are two digits each.
  r = parse_watermark_text("2025 0305 10:00");
  ASSERT_TRUE(r.date);
  EXPECT_EQ(r.date->iso(), "2025-03-05");
}

// The date of a watermark whose HH:MM was read but whose date line was not comes
// from the camera clock when it shows the same minute (within kCameraClockSeconds
// of it) and the weekday printed, if read, agrees.
// The external archive's 诚信春运宣传.jpg: PP-OCR reads "2025.01.2515:40:52",
// Tesseract the same pixels as "区 2 有 01.25 15:40:52" (year lost).
TEST(DigitsConfirmMonthDayTime, AgreesWhenTheOtherEngineLostOnlyTheYear) {
  const auto g = parse_watermark_text("2025.01.2515:40:52");
  ASSERT_TRUE(has_date_and_time(g));
  EXPECT_TRUE(digits_confirm_month_day_time(g, "区 2 有 01.25 15:40:52"));
  EXPECT_TRUE(digits_confirm_month_day_time(g, "2025-01-25 15:40"));
  // Another minute, another day, or the time before the date: no confirmation.
  EXPECT_FALSE(digits_confirm_month_day_time(g, "区 2 有 01.25 15:46:52"));
  EXPECT_FALSE(digits_confirm_month_day_time(g, "01.26 15:40"));
  EXPECT_FALSE(digits_confirm_month_day_time(g, "15:40 01.25"));
  EXPECT_FALSE(digits_confirm_month_day_time(g, ""));
  EXPECT_FALSE(digits_confirm_month_day_time(parse_watermark_text("2025.01.25"), "01.25 15:40"));
}

// Tesseract's readings of hold-out panels whose PP-OCR reading was right: the
// clock line survives where the 年月日 date does not.
TEST(TextShowsClock, FindsTheHourAndMinuteAsAClockOnly) {
  const auto g = parse_watermark_text("会议签到\n16:24\n2025年6月12日星期四");
  ASSERT_TRUE(has_date_and_time(g));
  EXPECT_TRUE(text_shows_clock(g, "会议签到/16:24/2025466124 星期四"));
  EXPECT_TRUE(text_shows_clock(g, "16：24"));
  EXPECT_TRUE(text_shows_clock(g, "x 16:24:57"));
  EXPECT_FALSE(text_shows_clock(g, "16:25"));
  EXPECT_FALSE(text_shows_clock(g, "116:24"));
  EXPECT_FALSE(text_shows_clock(g, "16:241"));
  EXPECT_FALSE(text_shows_clock(g, "1624"));
  const auto morning = parse_watermark_text("2025-04-03\n08:32");
  EXPECT_TRUE(text_shows_clock(morning, "08:32"));
  EXPECT_TRUE(text_shows_clock(morning, "8:32"));
  EXPECT_FALSE(text_shows_clock(morning, "18:32"));
  EXPECT_FALSE(text_shows_clock(morning, "2 31"));
}

TEST(CompleteDateFromCameraClock, TakesTheCameraDateOnlyWhenTheMomentAgrees) {
  const auto at = [](int y, int mo, int d, int h, int mi, int s) { return Timestamp{CivilDate{y, mo, d}, h, mi, s}; };
  const auto time_only = [](int h, int m, int weekday) {
    WatermarkReading r;
    r.hour = h;
    r.minute = m;
    r.weekday = weekday;
    return r;
  };
  WatermarkReading r = time_only(13, 1, 0);
  ASSERT_TRUE(complete_date_from_camera_clock(r, at(2025, 6, 17, 13, 0, 43)));  // 17 s before 13:01
  EXPECT_EQ(r.timestamp()->iso(), "2025-06-17 13:01");
  r = time_only(13, 1, 2);                                                      // 星期二: 2025-06-17 is a Tuesday
  EXPECT_TRUE(complete_date_from_camera_clock(r, at(2025, 6, 17, 13, 2, 20)));  // 21 s after 13:01:59
  r = time_only(13, 1, 3);  // 星期三 contradicts the camera's day
  EXPECT_FALSE(complete_date_from_camera_clock(r, at(2025, 6, 17, 13, 1, 0)));
  EXPECT_FALSE(r.date);
  r = time_only(13, 1, 0);  // another moment: a misread segment digit a minute or two off, or hours
  EXPECT_FALSE(complete_date_from_camera_clock(r, at(2025, 6, 17, 13, 2, 59)));
  EXPECT_FALSE(complete_date_from_camera_clock(r, at(2025, 6, 17, 12, 59, 10)));
  EXPECT_FALSE(complete_date_from_camera_clock(r, at(2025, 6, 17, 15, 1, 0)));
  EXPECT_FALSE(complete_date_from_camera_clock(r, std::nullopt));
  EXPECT_FALSE(complete_date_from_camera_clock(r, Timestamp{CivilDate{2025, 6, 17}}));  // a date without time
  EXPECT_FALSE(r.date);
  // Across midnight: the watermark's 00:00 is the day after the camera's 23:59:50.
  r = time_only(0, 0, 0);
  ASSERT_TRUE(complete_date_from_camera_clock(r, at(2025, 12, 31, 23, 59, 50)));
  EXPECT_EQ(r.timestamp()->iso(), "2026-01-01 00:00");
  r = time_only(23, 59, 0);
  ASSERT_TRUE(complete_date_from_camera_clock(r, at(2025, 3, 1, 0, 0, 10)));
  EXPECT_EQ(r.timestamp()->iso(), "2025-02-28 23:59");
  // A camera time without seconds confirms its own minute only.
  r = time_only(13, 1, 0);
  EXPECT_TRUE(complete_date_from_camera_clock(r, Timestamp{CivilDate{2025, 6, 17}, 13, 1, -1}));
  r = time_only(13, 1, 0);
  EXPECT_FALSE(complete_date_from_camera_clock(r, Timestamp{CivilDate{2025, 6, 17}, 13, 2, -1}));
  // A date already read, or no time read, is never changed.
  r = time_only(13, 1, 0);
  r.date = CivilDate{2025, 6, 18};
  EXPECT_FALSE(complete_date_from_camera_clock(r, at(2025, 6, 17, 13, 1, 0)));
  EXPECT_EQ(r.date->iso(), "2025-06-18");
  r = WatermarkReading{};
  EXPECT_FALSE(complete_date_from_camera_clock(r, at(2025, 6, 17, 13, 1, 0)));
  EXPECT_FALSE(r.date);
}

TEST(FindWatermarkPanels, BlankImageHasNone) {
  RasterImage gray{960, 720, 3, std::vector<std::uint8_t>(960 * 720 * 3, 90)};
  EXPECT_TRUE(find_watermark_panels(gray).empty());
  EXPECT_TRUE(find_watermark_panels(RasterImage{}).empty());
}

}  // namespace
}  // namespace evpack
