// Watermarks of every style the independent generator draws (tests/data/photos/styles),
// read the way `check` reads them (Tesseract and the scene-text models), against
// what a correct checker reports: present with the right minute, absent where there
// is none, and never a confirmed time for a stamp cut by the picture's side.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "evpack/adapters/metadata_reader.hpp"
#include "evpack/adapters/ocr.hpp"
#include "evpack/adapters/scene_text.hpp"
#include "evpack/inspect/inspector.hpp"
#include "evpack/inspect/photo_inspector.hpp"
#include "evpack/scan/file_record.hpp"
#include "support/temp_dir.hpp"

namespace evpack {
namespace {

struct Expected {
  std::string file;
  std::string state;
  std::string time;
};

std::vector<Expected> expectations(const std::string& dir) {
  std::vector<Expected> out;
  std::ifstream in(dir + "/expected.tsv");
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream fields(line);
    Expected e;
    std::getline(fields, e.file, '\t');
    std::getline(fields, e.state, '\t');
    std::getline(fields, e.time, '\t');
    out.push_back(e);
  }
  return out;
}

TEST(WatermarkStyles, EveryStyleReadToTheMinuteAndNoWrongMinuteConfirmed) {
  const std::string dir = testing::source_dir() + "/tests/data/photos/styles";
  const auto cases = expectations(dir);
  ASSERT_GE(cases.size(), 14u);
  init_metadata_library();
  auto metadata = make_exiv2_metadata_reader();
  auto ocr = make_tesseract_ocr(kPhotoOcrLanguages);
  ASSERT_TRUE(ocr) << ocr.error().message;
  auto scene = make_ppocr_scene_text(default_scene_text_model_dir());
  ASSERT_TRUE(scene) << scene.error().message;
  InspectOptions options;
  int present = 0;
  for (const auto& c : cases) {
    SCOPED_TRACE(c.file);
    FileRecord record;
    record.rel_path = c.file;
    record.kind = ContentKind::Jpeg;
    const Inspection got = inspect_photo(dir + "/" + c.file, record, *metadata, ocr->get(), options, scene->get());
    ASSERT_TRUE(got.photo);
    const PhotoFacts& p = *got.photo;
    EXPECT_EQ(to_string(p.watermark.state), c.state) << p.watermark.reason;
    if (p.watermark.state == Presence::Present) {
      ++present;
      ASSERT_TRUE(p.watermark_time);
      // To the minute: a stamp that shows seconds is reported with them.
      EXPECT_EQ(p.watermark_time->iso().substr(0, 16), c.time) << p.watermark.reason;
    }
  }
  EXPECT_EQ(present, 12);
}

}  // namespace
}  // namespace evpack
