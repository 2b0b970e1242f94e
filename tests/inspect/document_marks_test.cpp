#include "evpack/inspect/document_marks.hpp"

#include <gtest/gtest.h>

#include "evpack/adapters/image_codec.hpp"
#include "evpack/adapters/red_ink.hpp"
#include "support/temp_dir.hpp"

namespace evpack {
namespace {

using evpack::testing::corpus_dir;

RasterImage load(const std::string& name) {
  auto image = decode_image_file(corpus_dir() + "/seals/" + name);
  EXPECT_TRUE(image.ok()) << name;
  return image ? *image : RasterImage{};
}

std::vector<SealMark> seals_in(const RasterImage& image, double px_per_mm) {
  RedInkOptions options;
  options.px_per_mm = px_per_mm;
  return find_round_seals(analyse_red_ink(image, options), 1);
}

double diameter(const SealMark& s) { return (s.box.width + s.box.height) / 2; }

// Real seals, at the scale of an official seal (about 42 mm across).
TEST(FindRoundSeals, RealCompanySealScan) {
  const auto seals = seals_in(load("seal_company_round_crop.png"), 266 / 42.0);
  ASSERT_EQ(seals.size(), 1u);
  EXPECT_NEAR(diameter(seals[0]), 42, 4);
  EXPECT_GE(seals[0].confidence, 0.8);
}

TEST(FindRoundSeals, RealSealPhotographedOnGreyPaper) {
  const auto seals = seals_in(load("seal_supply-coop_photo.jpg"), 566 / 45.0);
  ASSERT_EQ(seals.size(), 1u);
  EXPECT_NEAR(diameter(seals[0]), 42, 5);
}

// Company seal, a smaller round finance seal and a square name seal side by side:
// the two round ones are seals, the square one is not.
TEST(FindRoundSeals, SquareNameSealIsNotRound) {
  const double px_per_mm = 230 / 42.0;
  const auto seals = seals_in(load("seals_three_kinds_scan.jpg"), px_per_mm);
  ASSERT_EQ(seals.size(), 2u);
  const double square_left_mm = 640 / px_per_mm;  // the name seal starts at x ≈ 650 px
  for (const auto& s : seals) EXPECT_LT(s.box.centre_x(), square_left_mm);
  EXPECT_GT(std::abs(seals[0].box.centre_x() - seals[1].box.centre_x()), 40);
}

TEST(FindRoundSeals, GrayCopyHasNoColourAndNoRedSeal) {
  RasterImage gray = load("seal_company_round_crop.png");
  for (std::size_t i = 0; i + 2 < gray.pixels.size(); i += 3) {
    const auto v = static_cast<std::uint8_t>((gray.pixels[i] + gray.pixels[i + 1] + gray.pixels[i + 2]) / 3);
    gray.pixels[i] = gray.pixels[i + 1] = gray.pixels[i + 2] = v;
  }
  RedInkOptions options;
  options.px_per_mm = 266 / 42.0;
  const RedInkReport report = analyse_red_ink(gray, options);
  EXPECT_FALSE(report.colour);
  EXPECT_TRUE(find_round_seals(report, 1).empty());
  const Verdict v = judge_seal({}, report.colour, 1, 1);
  EXPECT_EQ(v.state, Presence::CannotVerify);  // never "absent" when red cannot be seen
}

// A drawn page: red letter-spaced header, red rule, black text; then the same
// page with a black header.
RasterImage page_with_header(bool red) {
  const double px = 60 / 25.4;
  RasterImage img;
  img.width = static_cast<int>(210 * px);
  img.height = static_cast<int>(150 * px);
  img.pixels.assign(static_cast<std::size_t>(img.width) * img.height * 3, 255);
  auto fill = [&](double x, double y, double w, double h, std::uint8_t b, std::uint8_t g, std::uint8_t r) {
    for (int yy = static_cast<int>(y * px); yy < static_cast<int>((y + h) * px); ++yy) {
      for (int xx = static_cast<int>(x * px); xx < static_cast<int>((x + w) * px); ++xx) {
        auto* p = &img.pixels[(static_cast<std::size_t>(yy) * img.width + xx) * 3];
        p[0] = b;
        p[1] = g;
        p[2] = r;
      }
    }
  };
  for (int i = 0; i < 9; ++i) {  // nine 14 mm glyphs, 3 mm apart, centred
    const double x = 105 - (9 * 14 + 8 * 3) / 2.0 + i * 17;
    fill(x, 72, 14, 2, red ? 18 : 20, red ? 0 : 20, red ? 230 : 20);
    fill(x + 6, 72, 2, 14, red ? 18 : 20, red ? 0 : 20, red ? 230 : 20);
    fill(x, 84, 14, 2, red ? 18 : 20, red ? 0 : 20, red ? 230 : 20);
  }
  fill(28, 112, 156, 0.8, red ? 18 : 20, red ? 0 : 20, red ? 230 : 20);
  fill(80, 100, 50, 5, 30, 30, 30);  // the number line, black
  return img;
}

TEST(JudgeLetterhead, LetterSpacedRedHeaderAboveTheRule) {
  RedInkOptions options;
  options.px_per_mm = 60 / 25.4;
  const auto red =
      judge_letterhead(analyse_red_ink(page_with_header(true), options), 210, true, "青石县交通运输局文件");
  EXPECT_EQ(red.verdict.state, Presence::Present) << red.verdict.reason;
  ASSERT_TRUE(red.band.has_value());
  ASSERT_TRUE(red.rule.has_value());
  EXPECT_NEAR(red.band->centre_x(), 105, 3);
  EXPECT_NEAR(red.rule->y, 112, 2);

  const auto black =
      judge_letterhead(analyse_red_ink(page_with_header(false), options), 210, true, "青石县交通运输局文件");
  EXPECT_EQ(black.verdict.state, Presence::Absent);
  EXPECT_NE(black.verdict.reason.find("不是红色"), std::string::npos);

  const auto gray = judge_letterhead(RedInkReport{}, 210, false, "");
  EXPECT_EQ(gray.verdict.state, Presence::CannotVerify);
}

}  // namespace
}  // namespace evpack
