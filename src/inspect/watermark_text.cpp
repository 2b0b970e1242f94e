// Reading what a watermark says: OCR text -> date, HH:MM, weekday, place, brand, code;
// and how complete and self-consistent a reading is.
#include "evpack/inspect/watermark_text.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdlib>
#include <regex>
#include <sstream>
#include <string_view>

#include "evpack/inspect/date_text.hpp"
#include "evpack/util/text.hpp"

namespace evpack {

namespace {

// --- parsing -------------------------------------------------------------------

// OCR letters that stand for digits when they sit among digits ("O9:3l").
std::string fix_digit_lookalikes(const std::string& text) {
  std::string out = text;
  auto is_digit = [&](std::size_t i) { return i < out.size() && std::isdigit(static_cast<unsigned char>(out[i])); };
  for (std::size_t i = 0; i < out.size(); ++i) {
    const char c = out[i];
    if (c != 'O' && c != 'o' && c != 'l' && c != 'I') continue;
    const bool left = i > 0 && (is_digit(i - 1) || out[i - 1] == ':');
    const bool right = is_digit(i + 1) || (i + 1 < out.size() && out[i + 1] == ':');
    if (left || right) out[i] = (c == 'O' || c == 'o') ? '0' : '1';
  }
  // A 9 read as "q" or "g" ("14:4q:40"): only between two digits or colons,
  // where no word has it.
  for (std::size_t i = 1; i + 1 < out.size(); ++i) {
    if (out[i] != 'q' && out[i] != 'g') continue;
    const bool left = is_digit(i - 1) || out[i - 1] == ':';
    const bool right = is_digit(i + 1) || out[i + 1] == ':';
    if (left && right) out[i] = '9';
  }
  return out;
}

int weekday_from(const std::string& text) {
  static const std::array<std::pair<const char*, int>, 8> kDays{
      {{"一", 1}, {"二", 2}, {"三", 3}, {"四", 4}, {"五", 5}, {"六", 6}, {"日", 7}, {"天", 7}}};
  for (const char* prefix : {"星期", "周", "礼拜"}) {
    for (std::size_t at = text.find(prefix); at != std::string::npos; at = text.find(prefix, at + 1)) {
      const std::string rest = text.substr(at + std::char_traits<char>::length(prefix));
      for (const auto& [name, day] : kDays) {
        if (rest.rfind(name, 0) == 0) return day;
      }
    }
  }
  return 0;
}

bool has_han(const std::string& s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) >= 0xE0; });
}

std::string place_from(const std::vector<std::string>& lines) {
  for (const auto& line : lines) {
    for (const char* label : {"地点", "地址", "位置"}) {
      const auto at = line.find(label);
      if (at == std::string::npos) continue;
      std::string rest = line.substr(at + std::char_traits<char>::length(label));
      while (!rest.empty() && (rest[0] == ':' || rest[0] == ' ' || rest[0] == ';' || rest[0] == '.')) rest.erase(0, 1);
      if (rest.rfind("：", 0) == 0) rest.erase(0, std::char_traits<char>::length("："));
      if (has_han(rest)) return trim(rest);
    }
  }
  static const std::array<const char*, 12> kPlaceWords{
      {"省", "市", "县", "区", "镇", "乡", "村", "路", "街", "局", "大厦", "广场"}};
  static const std::array<const char*, 8> kNotPlace{
      {"星期", "水印", "相机", "防伪", "时间", "天气", "打卡", "工作记录"}};
  for (const auto& line : lines) {
    if (utf8_length(line) < 4 || !has_han(line)) continue;
    if (std::any_of(kNotPlace.begin(), kNotPlace.end(), [&](const char* w) { return contains(line, w); })) continue;
    if (std::any_of(kPlaceWords.begin(), kPlaceWords.end(), [&](const char* w) { return contains(line, w); })) {
      return trim(line);
    }
  }
  return {};
}

std::string brand_from(const std::string& text) {
  if (contains(text, "马克")) return "马克水印相机";
  if (contains(text, "元道") || contains(text, "经纬相机")) return "元道经纬相机";
  // OCR reads 今日 as 今目 or 令日 often enough to accept either half.
  if (contains(text, "今日水印") || contains(text, "今目水印") || contains(text, "今日水") ||
      contains(text, "相机真实")) {
    return "今日水印相机";
  }
  if (contains(text, "水印相机")) return "水印相机";
  return {};
}

std::string code_from(const std::string& text) {
  static const std::regex kCode("防伪[^A-Za-z0-9]{0,6}([A-Za-z0-9]{8,20})");
  std::smatch m;
  if (!std::regex_search(text, m, kCode)) return {};
  std::string code = m[1].str();
  std::transform(code.begin(), code.end(), code.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return code;
}

// Years after this in a watermark are misreads (2085 for 2025), not dates.
constexpr int kLastYear = 2050;

// The dates of digital date stamps (film-camera style imprints, camera OSD,
// dashcam-like apps), which set the fields apart with spaces only:
//   '25 6 18 / 25 6 18          two-digit year first (the apostrophe often lost)
//   8 12 '25                    month, day, then the year (cameras' M D 'Y setting)
//   2025 6 16 08:24             four-digit year, spaces between all fields
//   2025 616 08:24              the recogniser dropped one space: taken only when
//                               one split of the digits is a valid month and day
// Each only where it makes a whole word run, so a count or a price in a sentence
// is not a date. Day before month is not guessed: M D is the cameras' default.
// Rewritten to ISO dates before anything else reads the text: "12 '25" would
// otherwise pass for a large HH:MM read spaced out ("12:25").
std::string rewrite_stamp_dates(std::string text) {
  static const std::string kTick = "(?:'|‘|’|`|´|′)";
  // Month and day: "6 18" as written, or "618" / "1212" when the space was lost
  // and only one split gives a valid date.
  static const std::string kMonthDay = "([0-9]{1,2} ?[0-9]{1,2})";
  static const std::regex kSpaced("(^|\\s)(20[0-9]{2}) " + kMonthDay + "(?=$|\\s|[^0-9])");
  static const std::regex kYearLast("(^|\\s)" + kMonthDay + " ?" + kTick + " ?([2-4][0-9])(?=$|\\s|[0-2]?[0-9]:)");
  static const std::regex kTickYearFirst("(^|\\s)" + kTick + " ?([2-4][0-9]) ?" + kMonthDay + "(?=$|\\s|[^0-9])");
  static const std::regex kYearFirst("(^|\\s)([2-4][0-9]) ([01]?[0-9]) ([0-3]?[0-9])(?=$|\\s)");
  // Without the apostrophe and with the space between month and day lost, only
  // right before a time: "25 616 10:48".
  static const std::regex kYearFirstTimed("(^|\\s)([2-4][0-9]) ([0-9]{3,4})(?= [0-2]?[0-9]:[0-5][0-9])");
  const auto valid = [](int y, int m, int d) -> std::optional<CivilDate> {
    const CivilDate date{y, m, d};
    if (date.valid() && y >= 2000 && y <= kLastYear) return date;
    return std::nullopt;
  };
  const auto month_day = [&](int year, const std::string& written) -> std::optional<CivilDate> {
    if (const auto space = written.find(' '); space != std::string::npos) {
      return valid(year, std::stoi(written.substr(0, space)), std::stoi(written.substr(space + 1)));
    }
    // Two digits run together are no month and day: "16 '25" is as likely the
    // day of a "5 16 '25" whose month the detector missed as January 6.
    if (written.size() < 3) return std::nullopt;
    std::optional<CivilDate> only;
    int splits = 0;
    for (std::size_t cut = 1; cut < written.size(); ++cut) {
      if (written.size() == 4 && cut != 2) continue;  // four digits are MMDD
      if (auto d = valid(year, std::stoi(written.substr(0, cut)), std::stoi(written.substr(cut)))) {
        only = d;
        ++splits;
      }
    }
    return splits == 1 ? only : std::nullopt;
  };
  // Each form in turn; a match becomes the ISO date (followed by a space, so a
  // glued time stands apart), which the rest of the parsing reads as any date.
  const auto rewrite = [&](const std::regex& form, auto date_of) {
    std::smatch m;
    std::string::const_iterator from = text.cbegin();
    std::string out;
    while (std::regex_search(from, text.cend(), m, form)) {
      out.append(from, m[0].first);
      out += m[1].str();
      const std::optional<CivilDate> d = date_of(m);
      out += d ? d->iso() + " " : std::string(m[0].first + m[1].length(), m[0].second);
      from = m[0].second;
    }
    out.append(from, text.cend());
    text = std::move(out);
  };
  rewrite(kSpaced, [&](const std::smatch& m) { return month_day(std::stoi(m[2].str()), m[3].str()); });
  rewrite(kYearLast, [&](const std::smatch& m) { return month_day(2000 + std::stoi(m[3].str()), m[2].str()); });
  rewrite(kTickYearFirst, [&](const std::smatch& m) { return month_day(2000 + std::stoi(m[2].str()), m[3].str()); });
  rewrite(kYearFirst, [&](const std::smatch& m) {
    return valid(2000 + std::stoi(m[2].str()), std::stoi(m[3].str()), std::stoi(m[4].str()));
  });
  rewrite(kYearFirstTimed, [&](const std::smatch& m) { return month_day(2000 + std::stoi(m[2].str()), m[3].str()); });
  return text;
}

std::optional<CivilDate> date_from(const std::string& text) {
  for (const auto& found : find_dates(text)) {
    if (found.date.year >= 2000 && found.date.year <= kLastYear) return found.date;
  }
  // OCR drops separators: "2025-0318", "2025.0318", "202503-18".
  // ... or read a separator as another sign or letter: "2025<11-16", "2025-05s22".
  // Never a date cut out of a longer one ("2025.12.95" is not 2025-01-02), and
  // without a sign between month and day only two digits each ("2025-12ave" is
  // not 2025-01-02 either).
  static const std::regex kLoose(
      "(20[0-9]{2}) ?(?:年|[^0-9\\s])? ?(?:([01]?[0-9]) ?(?:月|[^0-9\\s]) ?([0-3]?[0-9])|([01][0-9])([0-3][0-9]))"
      "(?![0-9]|[-./][0-9])");
  for (auto it = std::sregex_iterator(text.begin(), text.end(), kLoose); it != std::sregex_iterator(); ++it) {
    const auto& m = *it;
    const bool signed_day = m[2].matched;
    CivilDate d{std::stoi(m[1].str()), std::stoi(m[signed_day ? 2 : 4].str()), std::stoi(m[signed_day ? 3 : 5].str())};
    if (d.valid() && d.year <= kLastYear) return d;
  }
  return std::nullopt;
}

// The lines read so far, in reading order: blocks side by side on one baseline
// joined with a space, rows with a newline.
}  // namespace

std::optional<Timestamp> WatermarkReading::timestamp() const {
  if (!date) return std::nullopt;
  Timestamp t{*date};
  if (hour >= 0) {
    t.hour = hour;
    t.minute = minute;
    t.second = second;
  }
  return t;
}

WatermarkReading parse_watermark_text(const std::string& raw) {
  WatermarkReading out;
  std::string text = normalize_fullwidth(raw);
  // CJK colons and stray spaces around them.
  for (std::size_t at = text.find("："); at != std::string::npos; at = text.find("：", at)) text.replace(at, 3, ":");
  text = fix_digit_lookalikes(remove_spaces_between_han(text));
  // The recogniser runs a segment stamp's fields together: "25 2 608:51",
  // "25 61610:48". An hour has two digits at most, so digits glued in front of an
  // HH:MM belong to the field before it. Not after a dash, dot or slash: the
  // glued date and time of "2025-04-1109:59" are parted below, as a date.
  static const std::regex kGluedBeforeTime("(^|[^0-9./-])([0-9]+)([01][0-9]|2[0-3])(:[0-5][0-9])");
  text = std::regex_replace(text, kGluedBeforeTime, "$1$2 $3$4");
  text = rewrite_stamp_dates(text);
  // OCR reads the 20 of a year as Z0, ZU or 2U ("ZU25-06-18").
  static const std::regex kYearLetters("(^|[^0-9A-Za-z])([2Z][0OU])([0-9]{2}[-./])");
  text = std::regex_replace(text, kYearLetters,
                            "$01"
                            "20$3");  // $01 = group 1, then "20"
  // Large type read spaced out, its colon as a letter or sign: "1 3 e 3 8",
  // "0 8 ° 1 8", "1 7 Py 48", "09 “40" (the big HH:MM of 今日水印; signs of more
  // than one byte in UTF-8 are listed, the pattern counts bytes). Only as a word
  // of its own, so "2025.07.12" and a misread "2025-08e29" stay dates.
  static const std::regex kSpacedTime(
      "(^|\\s)([0-2]) ?([0-9]) ?(?:[^0-9\\s.\\-/]|°|“|”|‘|’){1,2} ?([0-5]) ?([0-9])(?![0-9])");
  text = std::regex_replace(text, kSpacedTime, "$1$2$3:$4$5");
  // The leading 1 of an hour read as L or a bar ("L6:54" for 16:54). Only there:
  // an L beside digits elsewhere is more likely a letter of an anti-fake code.
  static const std::regex kHourLetter("(^|[^0-9A-Za-z])[L|]([0-9] ?: ?[0-5][0-9])(?![0-9])");
  text = std::regex_replace(text, kHourLetter, "$011$2");  // $01 = group 1, then "1"
  // The bar beside a large HH:MM (今日水印's yellow or blue rule) read as one more
  // character in front of it: "116:45", "|09:19", "l10:04". No hour has three
  // digits, so the first is the bar.
  static const std::regex kBarBeforeHour("(^|[^0-9A-Za-z])[1lI|!]([01][0-9]|2[0-3]) ?: ?([0-5][0-9])(?![0-9])");
  text = std::regex_replace(text, kBarBeforeHour, "$1$2:$3");
  // ... and the bar between the time and what follows it: "17:11|2025/02/06"
  // read as "17:1112025/02/06", "15:38|周五" as "15:381 周五".
  static const std::regex kBarAfterTime(
      "((?:^|[^0-9])(?:[01]?[0-9]|2[0-3]) ?: ?[0-5][0-9])[1lI|!](?= ?(?:20[0-9]{2}[-./年]|[^\\x00-\\x7F]|$))");
  text = std::regex_replace(text, kBarAfterTime, "$1 ");
  // A date glued to its time ("2025-04-1109:59"): put the space back.
  static const std::regex kGlued("(20[0-9]{2}[-./][01]?[0-9][-./][0-3][0-9])([0-2][0-9]:[0-5][0-9])");
  text = std::regex_replace(text, kGlued, "$1 $2");

  std::vector<std::string> lines;
  {
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
      line = trim(line);
      if (!line.empty()) lines.push_back(line);
    }
  }

  out.date = date_from(text);
  out.weekday = weekday_from(text);
  // Both separators of a dotted date read as digits ("2025708724" for 2025.08.24):
  // ten digits in a row are no date as they stand. Taken only when the weekday
  // printed beside it (今日水印 and its kind print one) names the same day.
  if (!out.date && out.weekday != 0) {
    static const std::regex kDotsAsDigits("(^|[^0-9])(20[0-9]{2})[0-9]([01][0-9])[0-9]([0-3][0-9])(?![0-9])");
    std::smatch m;
    if (std::regex_search(text, m, kDotsAsDigits)) {
      const CivilDate d{std::stoi(m[2].str()), std::stoi(m[3].str()), std::stoi(m[4].str())};
      if (d.valid() && d.year <= kLastYear && d.weekday() == out.weekday) out.date = d;
    }
  }
  // HH:MM[:SS], not inside a longer number; hours written with one digit too ("9:05").
  // Not the day of a date either ("2025-10-22 :58").
  // A stray dot of its own before it is noise (" .08:16:08").
  static const std::regex kTime(
      "(^|\\s\\.|[^0-9./-])([01]?[0-9]|2[0-3]) ?: ?([0-5][0-9])(?: ?: ?([0-5][0-9]))?(?![0-9])");
  // Prefer a time on the same line as a date (stamps, 拍摄时间 rows), else the first.
  std::optional<std::smatch> first;
  std::optional<std::smatch> beside_date;
  // Nor the month and day of a date written with colons ("2025:02:19").
  const auto in_colon_date = [](const std::string& line, const std::smatch& m) {
    const auto at = static_cast<std::size_t>(m.position(2));
    if (at < 5 || line[at - 1] != ':') return false;
    return std::all_of(line.begin() + static_cast<std::ptrdiff_t>(at - 5),
                       line.begin() + static_cast<std::ptrdiff_t>(at - 1), [](char c) { return c >= '0' && c <= '9'; });
  };
  for (const auto& line : lines) {
    // Of several on a line the most fully written: seconds, a two-digit hour
    // ("1:42 2025-02-01 11:11:42" is 11:11:42; the 1:42 a piece of it read twice).
    std::smatch m;
    int fullest = -1;
    for (auto it = std::sregex_iterator(line.begin(), line.end(), kTime); it != std::sregex_iterator(); ++it) {
      if (in_colon_date(line, *it)) continue;
      const int fullness = ((*it)[4].matched ? 2 : 0) + ((*it)[2].length() == 2 ? 1 : 0);
      if (fullness <= fullest) continue;
      m = *it;
      fullest = fullness;
    }
    if (fullest < 0) continue;
    if (!first) first = m;
    if (date_from(line)) {
      beside_date = m;
      break;
    }
  }
  if (const auto& m = beside_date ? beside_date : first) {
    out.hour = std::stoi((*m)[2].str());
    out.minute = std::stoi((*m)[3].str());
    out.second = (*m)[4].matched ? std::stoi((*m)[4].str()) : -1;
  }
  out.brand = brand_from(text);
  out.code = code_from(text);
  out.place = place_from(lines);
  return out;
}

bool has_date_and_time(const WatermarkReading& r) { return r.date && r.hour >= 0; }

bool shows_stamp(const WatermarkReading& r) { return r.date || r.hour >= 0 || !r.brand.empty() || !r.code.empty(); }

bool weekday_agrees(const WatermarkReading& r) { return !r.date || r.weekday == 0 || r.weekday == r.date->weekday(); }

bool same_minute(const WatermarkReading& a, const WatermarkReading& b) {
  return has_date_and_time(a) && has_date_and_time(b) && *a.date == *b.date && a.hour == b.hour && a.minute == b.minute;
}

bool digits_confirm_month_day_time(const WatermarkReading& reading, const std::string& text) {
  if (!has_date_and_time(reading)) return false;
  std::string digits;
  for (const char c : text) {
    if (c >= '0' && c <= '9') digits += c;
  }
  const auto two = [](int v) {
    return std::string(1, static_cast<char>('0' + v / 10)) + static_cast<char>('0' + v % 10);
  };
  const std::string date = two(reading.date->month) + two(reading.date->day);
  const std::string time = two(reading.hour) + two(reading.minute);
  const auto at = digits.find(date);
  return at != std::string::npos && digits.find(time, at + date.size()) != std::string::npos;
}

bool text_shows_clock(const WatermarkReading& reading, const std::string& text) {
  if (reading.hour < 0 || reading.minute < 0) return false;
  // Full-width colons become ':' so that one byte separates the fields.
  std::string t;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text.compare(i, 3, "\xEF\xBC\x9A") == 0) {  // U+FF1A
      t += ':';
      i += 2;
    } else {
      t += text[i];
    }
  }
  const auto digit = [&](std::size_t i) { return i < t.size() && t[i] >= '0' && t[i] <= '9'; };
  const std::string minute{static_cast<char>('0' + reading.minute / 10), static_cast<char>('0' + reading.minute % 10)};
  const std::string hour = std::to_string(reading.hour);
  for (std::size_t colon = t.find(':'); colon != std::string::npos; colon = t.find(':', colon + 1)) {
    if (t.compare(colon + 1, 2, minute) != 0 || digit(colon + 3)) continue;
    // The hour as written before the colon: "8" or "08" for 8, "16" for 16.
    std::size_t start = colon;
    while (start > 0 && digit(start - 1) && colon - start < 2) --start;
    if (start > 0 && digit(start - 1)) continue;
    const std::string h = t.substr(start, colon - start);
    if (h == hour || (h.size() == 2 && h[0] == '0' && h.substr(1) == hour)) return true;
  }
  return false;
}

namespace {

// How complete a reading is: a date and a time count most; a weekday confirms the
// date it agrees with and counts against one it contradicts (a misread digit).
int completeness(const WatermarkReading& r) {
  int score = (r.date ? 4 : 0) + (r.hour >= 0 ? 4 : 0) + (shows_stamp(r) ? 1 : 0);
  if (r.date && r.weekday != 0) score += weekday_agrees(r) ? 1 : -2;
  return score;
}

// A one-digit hour beside a zero-padded date ("2025-04-26 2:09:02"): cameras that
// pad the date pad the hour as well, so a digit was lost.
bool short_hour(const std::string& text) {
  static const std::regex kPaddedDate("20[0-9]{2}[-./][01][0-9][-./][0-3][0-9]");
  static const std::regex kOneDigit("(^|[^0-9])[0-9] ?: ?[0-5][0-9]");
  static const std::regex kTwoDigits("(^|[^0-9])[0-2][0-9] ?: ?[0-5][0-9]");
  return std::regex_search(text, kPaddedDate) && std::regex_search(text, kOneDigit) &&
         !std::regex_search(text, kTwoDigits);
}

// A one-digit day after a zero-padded month ("2025-06-1", "2025/06/1 星期三"):
// apps that pad the month pad the day, so its second digit was lost (or cut off).
bool short_day(const std::string& text) {
  static const std::regex kShortDay("20[0-9]{2}[-./]0[1-9][-./][0-9](?![0-9])");
  return std::regex_search(text, kShortDay);
}

}  // namespace

WatermarkJudgement judge_watermark_text(const std::string& text) {
  WatermarkJudgement j{parse_watermark_text(text)};
  const bool lost_digit = (j.reading.hour >= 0 && short_hour(text)) || (j.reading.date && short_day(text));
  j.score = completeness(j.reading) - (lost_digit ? 2 : 0);
  j.settled = has_date_and_time(j.reading) && weekday_agrees(j.reading) && !lost_digit;
  return j;
}

int count_ascii_digits(const std::string& s) {
  return static_cast<int>(std::count_if(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c) != 0; }));
}

bool stamp_like(const std::string& s) {
  int digits = 0;
  int other = 0;  // characters, not bytes: a Han character counts once
  for (const unsigned char c : s) {
    if (std::isdigit(c) != 0) {
      ++digits;
    } else if ((c & 0xC0) != 0x80 && kStampCharacters.find(static_cast<char>(c)) == std::string_view::npos) {
      ++other;
    }
  }
  return digits >= 4 && digits >= 2 * other;
}

bool camera_shows_minute(const Timestamp& camera, const CivilDate& day, int hour, int minute) {
  if (!camera.has_time() || !camera.date.valid() || !day.valid() || hour < 0 || minute < 0) return false;
  const std::int64_t start = Timestamp{day, hour, minute, 0}.minutes_since_epoch() * 60;
  const std::int64_t at = camera.minutes_since_epoch() * 60 + std::max(0, camera.second);
  if (camera.second < 0) return at == start;
  return at >= start - kCameraClockSeconds && at <= start + 59 + kCameraClockSeconds;
}

bool complete_date_from_camera_clock(WatermarkReading& reading, const std::optional<Timestamp>& exif_time) {
  if (reading.date || reading.hour < 0 || !exif_time || !exif_time->has_time() || !exif_time->date.valid())
    return false;
  // The day before or after too: 23:59:50 on the camera clock can be 00:00 of
  // the next day on the watermark.
  for (const int shift : {0, -1, 1}) {
    const CivilDate day = CivilDate::from_days_since_epoch(exif_time->date.days_since_epoch() + shift);
    if (!camera_shows_minute(*exif_time, day, reading.hour, reading.minute)) continue;
    if (reading.weekday != 0 && reading.weekday != day.weekday()) return false;
    reading.date = day;
    return true;
  }
  return false;
}

}  // namespace evpack
