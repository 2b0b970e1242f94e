// The confirmation rule of read_watermark, with readers that say what the test
// wants: a time is Present only when the camera clock or a second, independent
// reading agrees with it; one reading alone, or two that disagree, is cannot-verify.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "evpack/adapters/image_codec.hpp"
#include "evpack/inspect/watermark.hpp"
#include "support/temp_dir.hpp"

namespace evpack {
namespace {

// Tesseract's stand-in: every block reads as `text`.
class FixedOcr final : public Ocr {
 public:
  explicit FixedOcr(std::string text) : text_(std::move(text)) {}
  using Ocr::recognize;
  Expected<OcrResult> recognize(const RasterImage&, OcrLayout, std::string_view) override {
    ++calls;
    OcrResult r;
    r.lines.push_back({text_, 0.9, {}, {}});
    return r;
  }
  int calls = 0;

 private:
  std::string text_;
};

// The scene-text models' stand-in: finds the lines it is given and reads every
// line as `text`.
class FixedSceneText final : public SceneText {
 public:
  FixedSceneText(std::string text, std::vector<SceneTextLine> lines = {})
      : text_(std::move(text)), lines_(std::move(lines)) {}
  Expected<std::vector<SceneTextLine>> detect(const RasterImage&, int) override {
    ++detects;
    return lines_;
  }
  Expected<LineText> read(const RasterImage&, const SceneTextLine&, double) override {
    ++reads;
    return LineText{text_, 0.95};
  }
  Expected<LineText> read(const RasterImage&) override {
    ++reads;
    return LineText{text_, 0.95};
  }
  int detects = 0;
  int reads = 0;

 private:
  std::string text_;
  std::vector<SceneTextLine> lines_;
};

// A photo whose bottom-right stamp the light-on-dark panel search finds.
RasterImage stamped_photo() {
  auto image = decode_image_file(testing::source_dir() + "/tests/data/photos/scene_text_white_stamp_on_scene.jpg");
  EXPECT_TRUE(image);
  return image ? *image : RasterImage{};
}

Timestamp at(int y, int mo, int d, int h, int mi, int s) { return Timestamp{CivilDate{y, mo, d}, h, mi, s}; }

TEST(ReadWatermark, TheCameraClockConfirmsWithoutASecondReader) {
  FixedOcr ocr("2025.06.10 14:35:12");
  FixedSceneText scene("nothing");
  const auto r = read_watermark(stamped_photo(), ocr, {}, at(2025, 6, 10, 14, 35, 40), &scene);
  EXPECT_EQ(r.state, Presence::Present) << r.reason;
  EXPECT_EQ(r.confirmed_by, "camera");
  EXPECT_EQ(r.reading.timestamp()->iso(), "2025-06-10 14:35:12");
  EXPECT_EQ(scene.reads + scene.detects, 0);
}

TEST(ReadWatermark, ASecondReaderThatAgreesConfirms) {
  FixedOcr ocr("2025.06.10 14:35:12");
  FixedSceneText scene("2025.06.1014:35:12");
  const auto r = read_watermark(stamped_photo(), ocr, {}, std::nullopt, &scene);
  EXPECT_EQ(r.state, Presence::Present) << r.reason;
  EXPECT_EQ(r.confirmed_by, "reread");
  EXPECT_GT(scene.reads, 0);
}

// The camera clock days away from the stamp (a reused photo): the stamp's time is
// confirmed by the second reader, so the mismatch the inspector reports rests on
// two readings, not one.
TEST(ReadWatermark, ConfirmedAgainstACameraClockDaysAway) {
  FixedOcr ocr("2025.06.10 14:35:12");
  FixedSceneText scene("2025.06.10 14:35:12");
  const auto r = read_watermark(stamped_photo(), ocr, {}, at(2025, 9, 1, 8, 0, 0), &scene);
  EXPECT_EQ(r.state, Presence::Present) << r.reason;
  EXPECT_EQ(r.reading.timestamp()->iso(), "2025-06-10 14:35:12");
}

TEST(ReadWatermark, ReadingsThatDisagreeAreCannotVerifyNeverPresent) {
  FixedOcr ocr("2025.06.10 14:35:12");
  FixedSceneText scene("2025.06.10 14:36:12");  // one digit apart
  const auto r = read_watermark(stamped_photo(), ocr, {}, std::nullopt, &scene);
  EXPECT_EQ(r.state, Presence::CannotVerify) << r.reason;
  EXPECT_TRUE(r.confirmed_by.empty());
  EXPECT_NE(r.reason.find("无法可靠识别"), std::string::npos) << r.reason;
}

TEST(ReadWatermark, ASingleReadingWithoutASecondReaderIsCannotVerify) {
  FixedOcr ocr("2025.06.10 14:35:12");
  const auto r = read_watermark(stamped_photo(), ocr, {}, std::nullopt, nullptr);
  EXPECT_EQ(r.state, Presence::CannotVerify) << r.reason;
}

// A date without a time of day proves no moment: never present, never absent.
TEST(ReadWatermark, ADateOnlyStampIsCannotVerify) {
  FixedOcr ocr("'25 6 18");
  FixedSceneText scene("'25 6 18");
  const auto r = read_watermark(stamped_photo(), ocr, {}, at(2025, 6, 18, 9, 0, 0), &scene);
  EXPECT_EQ(r.state, Presence::CannotVerify) << r.reason;
  ASSERT_TRUE(r.reading.date);
  EXPECT_EQ(r.reading.date->iso(), "2025-06-18");
  EXPECT_NE(r.reason.find("只显示日期"), std::string::npos) << r.reason;
}

// No text anywhere, both paths looked: absent. Without the general detector the
// light-on-dark search alone cannot rule other styles out.
TEST(ReadWatermark, AbsentOnlyWhereBothPathsLooked) {
  const RasterImage gray{800, 600, 3, std::vector<std::uint8_t>(800 * 600 * 3, 90)};
  FixedOcr ocr("");
  FixedSceneText scene("");
  EXPECT_EQ(read_watermark(gray, ocr, {}, std::nullopt, &scene).state, Presence::Absent);
  EXPECT_GT(scene.detects, 0);
  EXPECT_EQ(read_watermark(gray, ocr, {}, std::nullopt, nullptr).state, Presence::CannotVerify);
}

}  // namespace
}  // namespace evpack
