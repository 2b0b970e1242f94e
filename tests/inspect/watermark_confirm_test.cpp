// Watermarks whose camera clock names another minute (a few minutes or months off):
// the scene-text recogniser's reading stands only when Tesseract, a second engine,
// reads the same minute. Photos from a generated hold-out tuning set
// (tests/data/photos/FROM_HOLDOUT.md), read the way `check` reads them.
#include <gtest/gtest.h>

#include <string>

#include "evpack/adapters/metadata_reader.hpp"
#include "evpack/adapters/ocr.hpp"
#include "evpack/adapters/scene_text.hpp"
#include "evpack/inspect/inspector.hpp"
#include "evpack/inspect/photo_inspector.hpp"
#include "evpack/scan/file_record.hpp"
#include "support/temp_dir.hpp"

namespace evpack {
namespace {

class WatermarkConfirmTest : public ::testing::Test {
 protected:
  void SetUp() override {
    init_metadata_library();
    metadata_ = make_exiv2_metadata_reader();
    auto ocr = make_tesseract_ocr(kPhotoOcrLanguages);
    ASSERT_TRUE(ocr) << ocr.error().message;
    ocr_ = std::move(ocr).value();
    auto scene = make_ppocr_scene_text(default_scene_text_model_dir());
    ASSERT_TRUE(scene) << scene.error().message;
    scene_ = std::move(scene).value();
  }
  Inspection inspect(const std::string& name) {
    FileRecord record;
    record.rel_path = name;
    record.kind = ContentKind::Jpeg;
    return inspect_photo(testing::source_dir() + "/tests/data/photos/" + name, record, *metadata_, ocr_.get(),
                         InspectOptions{}, scene_.get());
  }
  static bool has_code(const Inspection& inspection, const std::string& code) {
    for (const auto& f : inspection.findings) {
      if (f.code == code) return true;
    }
    return false;
  }
  std::unique_ptr<MetadataReader> metadata_;
  std::unique_ptr<Ocr> ocr_;
  std::unique_ptr<SceneText> scene_;
};

// White type with a thin dark outline over a bright scene: Otsu's threshold left
// Tesseract hollow letters ("2925-07-92", "QOZ5-OB=OG W7/s4hil"), so the reading
// stayed unconfirmed against a camera clock five minutes (or months) off. Read as
// the lightest ink of its line, Tesseract names the same minute.
TEST_F(WatermarkConfirmTest, AnOutlinedWhiteStampIsConfirmedByTesseractReadingItsLightestInk) {
  const Inspection near = inspect("outlined_stamp_camera_minutes_off.jpg");
  ASSERT_TRUE(near.photo);
  ASSERT_TRUE(near.photo->exif_time);
  EXPECT_EQ(near.photo->exif_time->iso(), "2025-07-02 09:47:15");
  EXPECT_EQ(near.photo->watermark.state, Presence::Present) << near.photo->watermark.reason;
  ASSERT_TRUE(near.photo->watermark_time) << near.photo->watermark.reason;
  EXPECT_EQ(near.photo->watermark_time->iso().substr(0, 16), "2025-07-02 09:42");

  // Months apart: once two engines agree on the stamp, the mismatch is a D.1 signal.
  const Inspection far = inspect("outlined_stamp_camera_months_off.jpg");
  ASSERT_TRUE(far.photo);
  EXPECT_EQ(far.photo->watermark.state, Presence::Present) << far.photo->watermark.reason;
  ASSERT_TRUE(far.photo->watermark_time) << far.photo->watermark.reason;
  EXPECT_EQ(far.photo->watermark_time->iso().substr(0, 16), "2025-02-07 10:32");
  EXPECT_TRUE(has_code(far, "WATERMARK_EXIF_MISMATCH"));
}

// Dark type on a light panel whose date line is 13-26 px tall: Tesseract read it
// as "2028/6/26" or "2025.65" until the line was enlarged to 40 px before reading.
TEST_F(WatermarkConfirmTest, ASmallDateLineIsEnlargedBeforeTesseractReadsIt) {
  for (const auto& [name, minute] :
       {std::pair<std::string, std::string>{"light_panel_small_date_camera_off.jpg", "2025-06-05 14:00"},
        {"light_panel_tiny_date_camera_off.jpg", "2025-06-26 11:58"}}) {
    SCOPED_TRACE(name);
    const Inspection got = inspect(name);
    ASSERT_TRUE(got.photo);
    EXPECT_EQ(got.photo->watermark.state, Presence::Present) << got.photo->watermark.reason;
    ASSERT_TRUE(got.photo->watermark_time) << got.photo->watermark.reason;
    EXPECT_EQ(got.photo->watermark_time->iso().substr(0, 16), minute);
  }
}

// One gray colour and no EXIF looks drawn, and the stamp's 25-40 legible characters
// passed for a capture's text ("截图不要求时间水印"): mostly digits, where a page,
// chat or query screen shows words. Read as photos, their stamps are read.
TEST_F(WatermarkConfirmTest, AOneColourPictureWithAStampIsAPhotoNotACapture) {
  for (const auto& [name, minute] :
       {std::pair<std::string, std::string>{"one_colour_with_osd_stamp.jpg", "2025-09-29 17:07"},
        {"one_colour_with_phone_frame.jpg", "2025-09-09 09:29"}}) {
    SCOPED_TRACE(name);
    const Inspection got = inspect(name);
    ASSERT_TRUE(got.photo);
    EXPECT_FALSE(got.photo->screenshot);
    EXPECT_NE(got.photo->watermark.state, Presence::NotChecked) << got.photo->watermark.reason;
    EXPECT_NE(got.photo->watermark.state, Presence::Absent) << got.photo->watermark.reason;
    if (got.photo->watermark.state == Presence::Present) {
      ASSERT_TRUE(got.photo->watermark_time);
      EXPECT_EQ(got.photo->watermark_time->iso().substr(0, 16), minute);
    }
  }
}

}  // namespace
}  // namespace evpack
