#include "evpack/inspect/year_brackets.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <string>
#include <vector>

namespace evpack {
namespace {

// A number line drawn as a scan binarises it: 机关代字 (two Han boxes), the year
// in its brackets, a serial and 号, with the symbols OCR would report for it.
constexpr int kHeight = 64;
constexpr int kDigitTop = 18;
constexpr int kDigitHeight = 28;
constexpr int kBracketTop = 13;
constexpr int kBracketHeight = 38;
constexpr int kBracketWidth = 10;
constexpr int kStroke = 3;

enum class Drawn { Tortoise, BoldTortoise, Square, Round, Solid, Hollow, Short };

class Line {
 public:
  explicit Line(int width) : image_{width, kHeight, 1, std::vector<std::uint8_t>(width * kHeight, 255)} {}

  void ink(int x, int y) {
    if (x >= 0 && x < image_.width && y >= 0 && y < image_.height) image_.pixels[y * image_.width + x] = 0;
  }
  void rect(int x, int y, int w, int h) {
    for (int yy = y; yy < y + h; ++yy) {
      for (int xx = x; xx < x + w; ++xx) ink(xx, yy);
    }
  }
  // A Han character: a box with a cross.
  int han(int x, const std::string& text) {
    const int size = 36;
    rect(x, 14, size, kStroke);
    rect(x, 14 + size - kStroke, size, kStroke);
    rect(x, 14, kStroke, size);
    rect(x + size - kStroke, 14, kStroke, size);
    rect(x + size / 2 - 1, 14, kStroke, size);
    symbols.push_back({text, {x, 14, size, size}});
    return x + size;
  }
  // A digit: an outlined box.
  int digit(int x, const std::string& text) {
    const int w = 14;
    rect(x, kDigitTop, w, kStroke);
    rect(x, kDigitTop + kDigitHeight - kStroke, w, kStroke);
    rect(x, kDigitTop, kStroke, kDigitHeight);
    rect(x + w - kStroke, kDigitTop, kStroke, kDigitHeight);
    symbols.push_back({text, {x, kDigitTop, w, kDigitHeight}});
    return x + w;
  }
  // An opening bracket with its stroke at the left of [x, x + kBracketWidth); a
  // closing one is the mirror image.
  int bracket(int x, Drawn shape, bool closing) {
    const int w = shape == Drawn::BoldTortoise ? kBracketWidth + 2 : kBracketWidth;
    const int top = shape == Drawn::Short ? kDigitTop : kBracketTop;
    const int h = shape == Drawn::Short ? kDigitHeight : kBracketHeight;
    const auto put = [&](int cx, int ry) { ink(closing ? x + w - 1 - cx : x + cx, top + ry); };
    const auto span = [&](int c0, int c1, int ry) {
      for (int cx = std::max(0, c0); cx <= std::min(w - 1, c1); ++cx) put(cx, ry);
    };
    for (int ry = 0; ry < h; ++ry) {
      const double t = static_cast<double>(ry) / (h - 1);
      switch (shape) {
        case Drawn::Square:
        case Drawn::Short: span(0, ry < kStroke || ry >= h - kStroke ? w - 1 : kStroke - 1, ry); break;
        case Drawn::Tortoise:
        case Drawn::BoldTortoise: {
          // Straight in the middle, slanting out to the tips over the last sixth.
          const int stroke = shape == Drawn::BoldTortoise ? 5 : kStroke;
          const double end = std::min(t, 1 - t) * 6;
          const int at = end >= 1 ? 1 : static_cast<int>(std::lround(1 + (w - stroke - 1) * (1 - end)));
          span(at, at + stroke - 1, ry);
          break;
        }
        case Drawn::Round: {
          const int at = static_cast<int>(std::lround((w - kStroke) * (2 * t - 1) * (2 * t - 1)));
          span(at, at + kStroke - 1, ry);
          break;
        }
        case Drawn::Solid: {
          // 【 as fonts draw it: heavy wedges at the ends, a thin stroke between.
          const double heavy = std::max(0.0, 1 - std::min(t, 1 - t) / 0.3);
          span(0, static_cast<int>(std::lround(w * (0.28 + 0.72 * heavy))) - 1, ry);
          break;
        }
        case Drawn::Hollow:
          if (ry < 2 || ry >= h - 2) {
            span(0, w - 1, ry);
          } else {
            span(0, 1, ry);
            span(5, 6, ry);
          }
          break;
      }
    }
    return x + w;
  }

  RasterImage image_;
  std::vector<OcrSymbol> symbols;
};

// 青交〔2025〕16号 with the given shapes and the gap between each bracket and its
// outer neighbour. `open_as` is what OCR reports for the opening bracket ("" for
// nothing).
Line number_line(Drawn open, Drawn close, int outer_gap, const std::string& open_as = "[") {
  Line line(600);
  int x = line.han(10, "青");
  x = line.han(x + 6, "交");
  x += outer_gap;
  const int at = x;
  x = line.bracket(x, open, false);
  if (!open_as.empty()) line.symbols.push_back({open_as, {at, kBracketTop, kBracketWidth, kBracketHeight}});
  x += 4;
  for (const char* d : {"2", "0", "2", "5"}) x = line.digit(x, d) + 4;
  const int close_at = x;
  x = line.bracket(x, close, true);
  line.symbols.push_back({"]", {close_at, kBracketTop, kBracketWidth, kBracketHeight}});
  x += outer_gap;
  x = line.digit(x, "1") + 4;
  x = line.digit(x, "6") + 6;
  line.han(x, "号");
  return line;
}

std::optional<YearBrackets> judged(const Line& line) { return year_brackets(line.image_, line.symbols); }

const int kNarrowGap = kDigitHeight / 3;  // ASCII brackets sit close to their neighbours
const int kWideGap = kDigitHeight;        // fullwidth ones stand in their own em box

TEST(YearBrackets, EachShapeIsTold) {
  EXPECT_EQ(judged(number_line(Drawn::Tortoise, Drawn::Tortoise, kWideGap)), (YearBrackets{"〔", "〕"}));
  EXPECT_EQ(judged(number_line(Drawn::Square, Drawn::Square, kNarrowGap)), (YearBrackets{"[", "]"}));
  EXPECT_EQ(judged(number_line(Drawn::Square, Drawn::Square, kWideGap)), (YearBrackets{"［", "］"}));
  EXPECT_EQ(judged(number_line(Drawn::Round, Drawn::Round, kNarrowGap)), (YearBrackets{"(", ")"}));
  EXPECT_EQ(judged(number_line(Drawn::Round, Drawn::Round, kWideGap)), (YearBrackets{"（", "）"}));
  EXPECT_EQ(judged(number_line(Drawn::Solid, Drawn::Solid, kWideGap)), (YearBrackets{"【", "】"}));
  EXPECT_EQ(judged(number_line(Drawn::Hollow, Drawn::Hollow, kWideGap)), (YearBrackets{"〖", "〗"}));
}

TEST(YearBrackets, TortoiseShellsStayWhateverTheGapOrWeight) {
  // 〔〕 set tight (a document typed with condensed spacing) are still 〔〕.
  EXPECT_EQ(judged(number_line(Drawn::Tortoise, Drawn::Tortoise, kNarrowGap)), (YearBrackets{"〔", "〕"}));
  // A bold face fills half the box as 【 does, but ends in tips, not heavy blocks.
  EXPECT_EQ(judged(number_line(Drawn::BoldTortoise, Drawn::BoldTortoise, kWideGap)), (YearBrackets{"〔", "〕"}));
}

TEST(YearBrackets, TheOpeningBracketReadAsOneOrNotAtAll) {
  EXPECT_EQ(judged(number_line(Drawn::Square, Drawn::Square, kNarrowGap, "1")), (YearBrackets{"[", "]"}));
  EXPECT_EQ(judged(number_line(Drawn::Round, Drawn::Round, kNarrowGap, "")), (YearBrackets{"(", ")"}));
}

TEST(YearBrackets, NoJudgementWhenUnclear) {
  // The two brackets disagree.
  EXPECT_FALSE(judged(number_line(Drawn::Square, Drawn::Round, kNarrowGap)));
  EXPECT_FALSE(judged(number_line(Drawn::Tortoise, Drawn::Square, kWideGap)));
  // No taller than the digits: not told from a digit (a small ﹝ or a 1).
  EXPECT_FALSE(judged(number_line(Drawn::Short, Drawn::Short, kNarrowGap)));
  // No year after Han characters.
  Line no_han = number_line(Drawn::Square, Drawn::Square, kNarrowGap);
  no_han.symbols[0].text = "A";
  no_han.symbols[1].text = "B";
  EXPECT_FALSE(judged(no_han));
  Line no_year = number_line(Drawn::Square, Drawn::Square, kNarrowGap);
  no_year.symbols[3].text = "3";  // 3025 is no year
  EXPECT_FALSE(judged(no_year));
  // Not a binarised one-channel image.
  Line colour = number_line(Drawn::Square, Drawn::Square, kNarrowGap);
  colour.image_.channels = 3;
  EXPECT_FALSE(judged(colour));
}

}  // namespace
}  // namespace evpack
