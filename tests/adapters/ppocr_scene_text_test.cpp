// PP-OCRv4 through OpenCV DNN on real pixels: the models tools/setup.sh converts must
// load, find the lines of a watermark whatever their colours, and read them.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "evpack/adapters/image_codec.hpp"
#include "evpack/adapters/image_ops.hpp"
#include "evpack/adapters/scene_text.hpp"
#include "support/temp_dir.hpp"

namespace evpack {
namespace {

std::unique_ptr<SceneText> models() {
  auto made = make_ppocr_scene_text(default_scene_text_model_dir());
  EXPECT_TRUE(made) << (made ? "" : made.error().message);
  return made ? std::move(*made) : nullptr;
}

std::string all_text(SceneText& st, const RasterImage& image, const std::vector<SceneTextLine>& lines) {
  std::string text;
  for (const auto& line : lines) {
    auto read = st.read(image, line);
    EXPECT_TRUE(read);
    if (read) text += read->text + "\n";
  }
  return text;
}

TEST(PpocrSceneText, ModelsInstalledBySetUpLoad) {
  // tools/setup.sh (and so tools/test.sh) installs and converts them: a missing
  // model is a set-up defect, not a reason to skip.
  EXPECT_NE(scene_text_fingerprint(default_scene_text_model_dir()), "none");
  EXPECT_NE(models(), nullptr);
}

TEST(PpocrSceneText, FindsAndReadsDarkTextOnALightPanelAndLightTextOnScenery) {
  auto st = models();
  ASSERT_NE(st, nullptr);
  // Dark type on a light translucent panel (top-left 拍摄时间/地点/经纬度 rows) and
  // white type with a shadow straight on the scene (bottom-right stamp): both
  // families the light-on-dark panel search misses.
  for (const auto& [file, want] :
       {std::pair{"tests/data/photos/scene_text_dark_on_light_panel.jpg", "2025年03月04日10:05"},
        std::pair{"tests/data/photos/scene_text_white_stamp_on_scene.jpg", "2025.06.1014:35:12"}}) {
    auto image = decode_image_file(std::string(EVPACK_SOURCE_DIR) + "/" + file);
    ASSERT_TRUE(image) << file;
    auto lines = st->detect(*image, 640);
    ASSERT_TRUE(lines) << lines.error().message;
    EXPECT_GE(lines->size(), 2u) << file;
    std::string text = all_text(*st, *image, *lines);
    text.erase(std::remove(text.begin(), text.end(), ' '), text.end());
    EXPECT_NE(text.find(want), std::string::npos) << file << " read:\n" << text;
  }
}

// OpenCV 4.6's DNN module found nothing any more once the detector's input shape
// had changed (a 16:9 photo after a 4:3 one): every photo after the first of
// another shape lost its watermark. The same image must give the same lines
// whatever came before it.
TEST(PpocrSceneText, DetectionDoesNotDependOnThePhotosBefore) {
  auto st = models();
  ASSERT_NE(st, nullptr);
  auto photo =
      decode_image_file(std::string(EVPACK_SOURCE_DIR) + "/tests/data/photos/scene_text_white_stamp_on_scene.jpg");
  ASSERT_TRUE(photo);
  auto first = st->detect(*photo, 640);
  ASSERT_TRUE(first);
  ASSERT_FALSE(first->empty());
  for (const auto& [w, h] : {std::pair{1200, 675}, std::pair{675, 1200}, std::pair{1000, 1000}}) {
    auto other = st->detect(resize(*photo, w, h), 640);
    ASSERT_TRUE(other);
    EXPECT_FALSE(other->empty()) << w << "x" << h;
  }
  auto again = st->detect(*photo, 640);
  ASSERT_TRUE(again);
  ASSERT_EQ(again->size(), first->size());
  for (std::size_t i = 0; i < first->size(); ++i) {
    EXPECT_EQ((*again)[i].box.x, (*first)[i].box.x);
    EXPECT_EQ((*again)[i].box.y, (*first)[i].box.y);
  }
}

TEST(PpocrSceneText, MissingModelsAreAnErrorInChinese) {
  testing::TempDir dir;
  auto made = make_ppocr_scene_text(dir.str());
  ASSERT_FALSE(made);
  EXPECT_EQ(made.error().code, "SCENE_TEXT_UNAVAILABLE");
  EXPECT_NE(made.error().message.find("tools/setup.sh"), std::string::npos);
  EXPECT_EQ(scene_text_fingerprint(dir.str()), "none");
}

}  // namespace
}  // namespace evpack
