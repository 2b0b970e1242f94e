#include "evpack/inspect/photo_inspector.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <set>

#include "evpack/adapters/image_codec.hpp"
#include "evpack/adapters/image_ops.hpp"
#include "evpack/adapters/ocr.hpp"
#include "evpack/inspect/inspector.hpp"
#include "support/temp_dir.hpp"

namespace evpack {
namespace {

namespace fs = std::filesystem;
using testing::corpus_dir;
using testing::source_dir;
using testing::TempDir;

std::string exif_file(const std::string& name) { return corpus_dir() + "/exif/" + name; }
std::string heic_file(const std::string& name) { return corpus_dir() + "/heic/" + name; }
std::string fixture(const std::string& name) { return source_dir() + "/tests/data/photos/" + name; }

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

ContentKind kind_of(const fs::path& path) {
  std::string ext = path.extension().string();
  for (auto& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (ext == ".heic" || ext == ".heif") return ContentKind::Heic;
  if (ext == ".png") return ContentKind::Png;
  return ContentKind::Jpeg;
}

FileRecord record_for(const fs::path& path) {
  FileRecord record;
  record.rel_path = "照片/" + path.filename().string();
  record.disk_path = path.string();
  record.kind = kind_of(path);
  return record;
}

const Finding* find_code(const Inspection& inspection, const std::string& code) {
  for (const auto& f : inspection.findings) {
    if (f.code == code) return &f;
  }
  return nullptr;
}

// A MetadataReader that always fails, as exiv2 does on a broken EXIF block.
class BrokenMetadata final : public MetadataReader {
 public:
  Expected<PhotoMetadata> read(const std::string&) const override {
    return Error{"META_UNREADABLE", "照片元数据（EXIF）无法读取：corrupted image metadata"};
  }
};

// A drawn phone capture: gray chat background, white and green bubbles, avatars, a bar.
RasterImage chat_screenshot(int w, int h) {
  RasterImage image{w, h, 3, std::vector<std::uint8_t>(static_cast<std::size_t>(w) * h * 3)};
  auto fill = [&](int x0, int y0, int x1, int y1, std::uint8_t b, std::uint8_t g, std::uint8_t r) {
    for (int y = std::max(0, y0); y < std::min(h, y1); ++y) {
      for (int x = std::max(0, x0); x < std::min(w, x1); ++x) {
        auto* p = &image.pixels[(static_cast<std::size_t>(y) * w + x) * 3];
        p[0] = b;
        p[1] = g;
        p[2] = r;
      }
    }
  };
  fill(0, 0, w, h, 237, 237, 237);
  fill(0, 0, w, h / 12, 247, 247, 247);
  std::mt19937 rng(3);
  for (int i = 0, y = h / 10; y + 120 < h; ++i, y += 160) {
    const bool mine = i % 2 == 1;
    const int bw = 300 + static_cast<int>(rng() % 500);
    const int x0 = mine ? w - 160 - bw : 160;
    fill(x0, y, x0 + bw, y + 110, mine ? 105 : 255, mine ? 236 : 255, mine ? 149 : 255);
    for (int k = 0; k < 12; ++k) {  // "text": dark strokes inside the bubble
      const int tx = x0 + 20 + k * (bw - 40) / 12;
      fill(tx, y + 35, tx + (bw - 40) / 16, y + 75, 30, 30, 30);
    }
    const int ax = mine ? w - 130 : 20;
    fill(ax, y, ax + 100, y + 100, static_cast<std::uint8_t>(rng()), 120, 200);
  }
  return image;
}

class PhotoInspectorTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { init_metadata_library(); }

  Inspection inspect(const fs::path& path) { return inspect(path, record_for(path)); }
  Inspection inspect(const fs::path& path, const FileRecord& record) {
    return inspect_photo(path.string(), record, *reader_, nullptr, options_);
  }

  std::unique_ptr<MetadataReader> reader_ = make_exiv2_metadata_reader();
  InspectOptions options_;
  TempDir dir_;
};

TEST_F(PhotoInspectorTest, CameraPhotoGivesAllFacts) {
  const auto result = inspect(exif_file("DSCN0010.jpg"));
  EXPECT_TRUE(result.readable);
  EXPECT_EQ(result.kind, ContentKind::Jpeg);
  EXPECT_TRUE(result.findings.empty()) << result.findings.front().code;
  ASSERT_TRUE(result.photo);
  const PhotoFacts& facts = *result.photo;
  EXPECT_TRUE(facts.has_exif);
  ASSERT_TRUE(facts.exif_time);
  EXPECT_EQ(facts.exif_time->iso(), "2008-10-22 16:28:39");
  EXPECT_EQ(facts.make, "NIKON");
  EXPECT_EQ(facts.model, "COOLPIX P6000");
  ASSERT_TRUE(facts.gps);
  EXPECT_NEAR(facts.gps->latitude, 43.467448, 1e-6);
  EXPECT_NEAR(facts.gps->longitude, 11.885127, 1e-6);
  EXPECT_TRUE(facts.has_thumbnail);
  EXPECT_EQ(facts.width, 640);
  EXPECT_EQ(facts.height, 480);
  EXPECT_FALSE(facts.screenshot);
  ASSERT_TRUE(facts.phash);
  // The hash is the one of the downscaled upright picture.
  EXPECT_LE(hamming_distance(*facts.phash, perceptual_hash(*decode_image_file(exif_file("DSCN0010.jpg")))), 4);
  // Without an OCR engine the watermark is not checked, and the verdict says why;
  // the date is the dispatcher's choice.
  EXPECT_EQ(facts.watermark.state, Presence::NotChecked);
  EXPECT_EQ(facts.watermark.reason, "文字识别（OCR）不可用，未检查时间水印");
  EXPECT_FALSE(facts.watermark_time);
  EXPECT_TRUE(result.text.empty());
  EXPECT_EQ(result.date.source, DateSource::None);
}

TEST_F(PhotoInspectorTest, EveryCorpusFileInspectsWithoutCrashing) {
  const std::set<std::string> known{"IMAGE_CORRUPT",    "IMAGE_TOO_LARGE",        "EXIF_UNREADABLE",
                                    "HEIC_NOT_DECODED", "PHOTO_EDITING_SOFTWARE", "IMAGE_UNSUPPORTED",
                                    "PHOTO_ILLEGIBLE"};
  int unreadable = 0;
  for (const char* folder : {"/exif", "/heic"}) {
    for (const auto& entry : fs::directory_iterator(corpus_dir() + folder)) {
      SCOPED_TRACE(entry.path().string());
      const auto result = inspect(entry.path());
      ASSERT_TRUE(result.photo);
      for (const auto& f : result.findings) {
        EXPECT_TRUE(known.count(f.code)) << f.code;
        EXPECT_FALSE(f.message.empty());
        EXPECT_EQ(f.file, "照片/" + entry.path().filename().string());
      }
      if (!result.readable) {
        ++unreadable;
        EXPECT_TRUE(find_code(result, "IMAGE_CORRUPT"));
        EXPECT_FALSE(result.photo->phash);
      } else {
        EXPECT_GT(result.photo->width, 0);
        EXPECT_GT(result.photo->height, 0);
      }
    }
  }
  // 6 broken JPEGs and 2 libheif fuzz files.
  EXPECT_EQ(unreadable, 8);
}

TEST_F(PhotoInspectorTest, LandscapesAreMeasuredUpright) {
  const auto reference = inspect(exif_file("landscape_1.jpg"));
  ASSERT_TRUE(reference.photo && reference.photo->phash);
  for (int o = 1; o <= 8; ++o) {
    SCOPED_TRACE(o);
    const auto result = inspect(exif_file("landscape_" + std::to_string(o) + ".jpg"));
    ASSERT_TRUE(result.photo);
    EXPECT_EQ(result.photo->orientation, o);
    EXPECT_EQ(result.photo->width, 600);
    EXPECT_EQ(result.photo->height, 450);
    ASSERT_TRUE(result.photo->phash);
    EXPECT_LE(hamming_distance(*result.photo->phash, *reference.photo->phash), 4);
  }
}

TEST_F(PhotoInspectorTest, TruncatedAndRandomFilesAreCorrupt) {
  const std::string jpeg = slurp(exif_file("DSCN0010.jpg"));
  std::mt19937 rng(11);
  std::string noise(20000, '\0');
  for (auto& c : noise) c = static_cast<char>(rng());
  for (const auto& path :
       {dir_.write("半截.jpg", jpeg.substr(0, jpeg.size() * 2 / 3)), dir_.write("noise.jpg", noise)}) {
    SCOPED_TRACE(path.string());
    const auto result = inspect(path);
    EXPECT_FALSE(result.readable);
    const Finding* corrupt = find_code(result, "IMAGE_CORRUPT");
    ASSERT_TRUE(corrupt);
    EXPECT_EQ(corrupt->severity, Severity::Warning);
    EXPECT_NE(corrupt->message.find("图片无法解码，可能已损坏或不完整"), std::string::npos);
    EXPECT_FALSE(find_code(result, "EXIF_UNREADABLE"));  // one finding per problem
  }
}

TEST_F(PhotoInspectorTest, PngCaptureIsAScreenshot) {
  const auto path = dir_.path() / "截图.png";
  const auto png = encode_png(chat_screenshot(1080, 2340));
  std::ofstream(path, std::ios::binary).write(reinterpret_cast<const char*>(png.data()), png.size());
  const auto result = inspect(path);
  ASSERT_TRUE(result.photo);
  EXPECT_TRUE(result.photo->screenshot);
  EXPECT_FALSE(result.photo->has_exif);
  EXPECT_EQ(result.photo->width, 1080);
  EXPECT_EQ(result.photo->height, 2340);
}

TEST_F(PhotoInspectorTest, RecompressedJpegCaptureIsAScreenshot) {
  // As forwarded through WeChat: JPEG q75, no EXIF, not a standard screen size.
  const auto path = dir_.path() / "转发截图.jpg";
  const auto jpeg = encode_jpeg(chat_screenshot(1000, 2000), 75);
  std::ofstream(path, std::ios::binary).write(reinterpret_cast<const char*>(jpeg.data()), jpeg.size());
  const auto result = inspect(path);
  ASSERT_TRUE(result.photo);
  EXPECT_TRUE(result.photo->screenshot);
}

TEST_F(PhotoInspectorTest, PhotosAreNotScreenshots) {
  // Camera EXIF rules it out; without EXIF the colour statistics decide.
  for (const char* name :
       {"DSCN0010.jpg", "45-gps_ifd.jpg", "landscape_2.jpg", "exiv2-empty.jpg", "30-type_error.jpg"}) {
    SCOPED_TRACE(name);
    const auto result = inspect(exif_file(name));
    ASSERT_TRUE(result.photo);
    EXPECT_FALSE(result.photo->screenshot);
  }
  // A photo without EXIF at exactly 1920x1080 (as WeChat resizes them) stays a photo.
  const RasterImage wide = decode_image_file(exif_file("30-type_error.jpg")).value();
  const RasterImage cropped = downscale(crop(wide, {0, 0, 3872, 2178}), 1920);
  ASSERT_EQ(cropped.width, 1920);
  ASSERT_EQ(cropped.height, 1080);
  const auto path = dir_.path() / "风车.jpg";
  const auto jpeg = encode_jpeg(cropped, 75);
  std::ofstream(path, std::ios::binary).write(reinterpret_cast<const char*>(jpeg.data()), jpeg.size());
  const auto result = inspect(path);
  ASSERT_TRUE(result.photo);
  EXPECT_FALSE(result.photo->screenshot);
}

TEST_F(PhotoInspectorTest, PhotoshopFixtureIsFlagged) {
  const auto result = inspect(fixture("edited_photoshop.jpg"));
  const Finding* edited = find_code(result, "PHOTO_EDITING_SOFTWARE");
  ASSERT_TRUE(edited);
  EXPECT_EQ(edited->severity, Severity::Warning);
  EXPECT_EQ(edited->role, DeductionRole::Fabrication);
  EXPECT_NE(edited->message.find("Photoshop"), std::string::npos);
  ASSERT_TRUE(result.photo && result.photo->exif_time);
  EXPECT_EQ(result.photo->exif_time->iso(), "2025-03-18 09:30:15");
  EXPECT_EQ(result.photo->exif_offset, "+08:00");
  EXPECT_EQ(result.photo->software, "Adobe Photoshop 24.1 (Windows)");
}

TEST_F(PhotoInspectorTest, FirmwareAndCameraSoftwareAreNotFlagged) {
  for (const auto& path : {exif_file("exiftool_Google.jpg"), exif_file("exiftool_Apple.jpg"), exif_file("DSCN0010.jpg"),
                           exif_file("pr_1994_poc1.jpg"), fixture("zero_date.jpg")}) {
    SCOPED_TRACE(path);
    const auto result = inspect(path);
    EXPECT_FALSE(find_code(result, "PHOTO_EDITING_SOFTWARE"));
  }
  // The corpus files that went through GIMP (exif-samples normalised them with it) are.
  const auto gimp = inspect(exif_file("Canon_40D.jpg"));
  const Finding* edited = find_code(gimp, "PHOTO_EDITING_SOFTWARE");
  ASSERT_TRUE(edited);
  EXPECT_NE(edited->message.find("GIMP"), std::string::npos);
}

// Editors named outside Software (美图秀秀 signs in Artist or UserComment, keeping the
// phone's firmware in Software), and camera notes that must not count.
TEST_F(PhotoInspectorTest, EditorsSigningOutsideSoftwareAreFlagged) {
  const std::map<std::string, std::string> edited = {
      {"edited_meitu_artist.jpg", "美图秀秀，EXIF Artist：美图秀秀"},
      {"edited_meitu_usercomment.jpg", "美图秀秀，EXIF UserComment：美图秀秀"},
      {"edited_xpcomment.jpg", "醒图，EXIF XPComment：醒图"},
      {"edited_xmp_history.jpg", "Photoshop，软件标记："},
      {"edited_xmp_meitu_ns.jpg", "美图秀秀，XMP命名空间 http://ns.meitu.com/mtxx/1.0/"},
  };
  for (const auto& [name, why] : edited) {
    SCOPED_TRACE(name);
    const auto result = inspect(fixture(name));
    const Finding* finding = find_code(result, "PHOTO_EDITING_SOFTWARE");
    ASSERT_TRUE(finding);
    EXPECT_EQ(finding->role, DeductionRole::Fabrication);
    EXPECT_NE(finding->message.find(why), std::string::npos) << finding->message;
  }
  for (const char* name : {"camera_iphone_xmp.jpg", "camera_notes.jpg"}) {
    SCOPED_TRACE(name);
    EXPECT_FALSE(find_code(inspect(fixture(name)), "PHOTO_EDITING_SOFTWARE"));
  }
}

TEST_F(PhotoInspectorTest, UnreadableExifIsAWarningWhenPixelsAreFine) {
  const BrokenMetadata broken;
  const auto result =
      inspect_photo(exif_file("landscape_1.jpg"), record_for(exif_file("landscape_1.jpg")), broken, nullptr, options_);
  EXPECT_TRUE(result.readable);
  const Finding* finding = find_code(result, "EXIF_UNREADABLE");
  ASSERT_TRUE(finding);
  EXPECT_EQ(finding->severity, Severity::Warning);
  ASSERT_TRUE(result.photo);
  EXPECT_FALSE(result.photo->has_exif);
  EXPECT_EQ(result.photo->width, 600);
  EXPECT_TRUE(result.photo->phash);
}

TEST_F(PhotoInspectorTest, HugeImageIsReportedNotDecoded) {
  // A PNG header claiming 20000 x 20000 pixels, with no data behind it.
  const auto path = dir_.write(
      "巨图.png", std::string("\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR\0\0\x4e\x20\0\0\x4e\x20\x08\x02\0\0\0\0\0\0\0", 33));
  const auto result = inspect(path);
  const Finding* large = find_code(result, "IMAGE_TOO_LARGE");
  ASSERT_TRUE(large);
  EXPECT_TRUE(result.readable);
  ASSERT_TRUE(result.photo);
  EXPECT_EQ(result.photo->width, 20000);
  EXPECT_FALSE(result.photo->phash);
}

TEST_F(PhotoInspectorTest, BlankImageHasNoHash) {
  // 8x8 plain white: a hash of nothing would match every other blank picture.
  const auto result = inspect(exif_file("exiftool_Apple.jpg"));
  ASSERT_TRUE(result.photo);
  EXPECT_TRUE(result.readable);
  EXPECT_FALSE(result.photo->phash);
}

TEST_F(PhotoInspectorTest, HeicIsDecodedUprightWithExif) {
  const auto result = inspect(heic_file("IMG_5195.HEIC"));
  EXPECT_TRUE(result.readable);
  EXPECT_FALSE(find_code(result, "HEIC_NOT_DECODED"));
  ASSERT_TRUE(result.photo);
  const PhotoFacts& facts = *result.photo;
  // libheif applies the container's crop and rotation: a 2566x3313 portrait.
  EXPECT_EQ(facts.width, 2566);
  EXPECT_EQ(facts.height, 3313);
  ASSERT_TRUE(facts.exif_time);
  EXPECT_EQ(facts.exif_time->iso(), "2021-04-11 15:47:53");
  EXPECT_EQ(facts.model, "iPhone 11 Pro Max");
  EXPECT_TRUE(facts.gps);
  EXPECT_TRUE(facts.phash);
  EXPECT_FALSE(facts.screenshot);
}

TEST_F(PhotoInspectorTest, BrokenHeicIsCorruptNotACrash) {
  const auto result = inspect(heic_file("libheif-fuzz_clap-overflow-divide-zero.heic"));
  EXPECT_FALSE(result.readable);
  EXPECT_TRUE(find_code(result, "IMAGE_CORRUPT"));
}

TEST_F(PhotoInspectorTest, ChinesePathsWork) {
  const auto path =
      dir_.write("一、制度建设/1.成立领导小组/2025.3.18 领导小组会议.jpg", slurp(exif_file("DSCN0010.jpg")));
  const auto result = inspect(path);
  EXPECT_TRUE(result.readable);
  ASSERT_TRUE(result.photo && result.photo->exif_time);
  EXPECT_EQ(result.photo->exif_time->iso(), "2008-10-22 16:28:39");
  EXPECT_TRUE(result.photo->phash);
}

// With the real OCR engine, as `check` runs it (Tesseract in kPhotoOcrLanguages).
class PhotoInspectorOcrTest : public PhotoInspectorTest {
 protected:
  void SetUp() override {
    auto made = make_tesseract_ocr(kPhotoOcrLanguages);
    ASSERT_TRUE(made) << made.error().message;
    ocr_ = std::move(made).value();
    auto scene = make_ppocr_scene_text(default_scene_text_model_dir());
    ASSERT_TRUE(scene) << scene.error().message;
    scene_ = std::move(scene).value();
  }
  Inspection inspect_ocr(const fs::path& path) {
    return inspect_photo(path.string(), record_for(path), *reader_, ocr_.get(), options_, scene_.get());
  }
  std::unique_ptr<Ocr> ocr_;
  std::unique_ptr<SceneText> scene_;
};

// The corpus photos (cameras, phones, HEIC, the rotated landscapes) carry no
// watermark: any "present" would be a false positive. Those large enough to show
// a stamp are judged absent; thumbnails (100x75 and the like) cannot be, and are
// "cannot verify" with the reason; the undecodable ones stay unchecked.
TEST_F(PhotoInspectorOcrTest, CorpusPhotosHaveNoWatermark) {
  int absent = 0;
  int large = 0;
  int files = 0;
  for (const char* folder : {"/exif", "/heic"}) {
    for (const auto& entry : fs::directory_iterator(corpus_dir() + folder)) {
      SCOPED_TRACE(entry.path().string());
      const auto result = inspect_ocr(entry.path());
      ASSERT_TRUE(result.photo);
      ++files;
      const PhotoFacts& p = *result.photo;
      EXPECT_NE(p.watermark.state, Presence::Present) << p.watermark.reason;
      EXPECT_FALSE(p.watermark_time);
      if (!result.readable) {
        EXPECT_EQ(p.watermark.state, Presence::NotChecked);
        continue;
      }
      if (p.watermark.state == Presence::NotChecked) continue;  // not decoded (no HEIC codec for it)
      if (std::min(p.width, p.height) >= 400 && p.brightness >= 35) {
        ++large;
        EXPECT_EQ(p.watermark.state, Presence::Absent) << p.watermark.reason;
        if (p.watermark.state == Presence::Absent) ++absent;
      } else if (p.watermark.state != Presence::NotChecked) {
        EXPECT_EQ(p.watermark.state, Presence::CannotVerify) << p.watermark.reason;
        EXPECT_FALSE(p.watermark.reason.empty());
      }
    }
  }
  EXPECT_GE(files, 46);
  EXPECT_GE(large, 13);  // 3872x2403, 1600x900, 4032x2012, 640x480, 720x1280, eight 600x450, the HEICs
  EXPECT_EQ(absent, large);
}

// HEIC from an iPhone: pixels decoded (upright size, hash, watermark looked for)
// and metadata read (time, model, GPS).
TEST_F(PhotoInspectorOcrTest, HeicPixelsAndMetadataAreRead) {
  const auto result = inspect_ocr(heic_file("IMG_5195.HEIC"));
  ASSERT_TRUE(result.readable);
  ASSERT_TRUE(result.photo);
  const PhotoFacts& facts = *result.photo;
  EXPECT_EQ(facts.width, 2566);
  EXPECT_EQ(facts.height, 3313);
  EXPECT_TRUE(facts.phash);
  EXPECT_GT(facts.brightness, 0);
  EXPECT_GT(facts.sharpness, 0);
  EXPECT_EQ(facts.watermark.state, Presence::Absent);
  ASSERT_TRUE(facts.exif_time);
  EXPECT_EQ(facts.exif_time->iso(), "2021-04-11 15:47:53");
  EXPECT_EQ(facts.make, "Apple");
  EXPECT_TRUE(facts.gps);
}

// Phone photos stored sideways with EXIF Orientation 6 (made by tools/gen/photos.py,
// committed beside make_photos.py): the watermark is read only once the
// picture is turned upright, so reading it proves the orientation was applied.
TEST_F(PhotoInspectorOcrTest, WatermarkOfAnExifRotatedPhotoIsRead) {
  struct Case {
    const char* file;
    const char* time;
  };
  for (const Case& c : {Case{"watermark_jinri_rotated.jpg", "2025-03-18 09:37"},
                        Case{"watermark_stamp_rotated.jpg", "2025-06-26 15:04:51"}}) {
    SCOPED_TRACE(c.file);
    const auto result = inspect_ocr(fixture(c.file));
    ASSERT_TRUE(result.photo);
    const PhotoFacts& facts = *result.photo;
    EXPECT_EQ(facts.orientation, 6);
    EXPECT_EQ(facts.width, 1024);  // upright: landscape, stored as 768x1024
    EXPECT_EQ(facts.height, 768);
    EXPECT_EQ(facts.watermark.state, Presence::Present) << facts.watermark_text;
    ASSERT_TRUE(facts.watermark_time);
    EXPECT_EQ(facts.watermark_time->iso(), c.time);
    // The camera clock agrees with the watermark: no mismatch finding.
    EXPECT_FALSE(find_code(result, "WATERMARK_EXIF_MISMATCH"));
  }
}

// Watermarks the first reading of the panels gets only half of (photos from
// tools/gen_photoset.py, seeds 4 and 6): an orange stamp whose time stands over
// white sheets of paper (the first reading finds the date alone), and a 今日水印
// block whose large HH:MM, bar, date and weekday came out as one block (the date
// too small at the HH:MM's scale). The second, closer reading gets both whole.
TEST_F(PhotoInspectorOcrTest, SecondReadingCompletesHalfReadWatermarks) {
  struct Case {
    const char* file;
    const char* time;
  };
  for (const Case& c : {Case{"watermark_stamp_over_paper.jpg", "2025-05-08 07:02:11"},
                        Case{"watermark_jinri_merged_block.jpg", "2025-12-06 10:38"}}) {
    SCOPED_TRACE(c.file);
    const auto result = inspect_ocr(fixture(c.file));
    ASSERT_TRUE(result.photo);
    const PhotoFacts& facts = *result.photo;
    EXPECT_EQ(facts.watermark.state, Presence::Present) << facts.watermark_text;
    ASSERT_TRUE(facts.watermark_time) << facts.watermark_text;
    EXPECT_EQ(facts.watermark_time->iso(), c.time);
  }
}

// An orange seven-segment stamp (9 12 '25 17:33) whose 7 OCR reads as 0: its
// bars name 17:33, which the camera clock (17:33:46) confirms. Before the bars
// were read, the photo was "cannot verify" with 10:33.
TEST_F(PhotoInspectorOcrTest, ASevenSegmentStampIsReadByItsBars) {
  const auto result = inspect_ocr(fixture("segment_stamp_camera_clock.jpg"));
  ASSERT_TRUE(result.photo);
  const PhotoFacts& facts = *result.photo;
  EXPECT_EQ(facts.watermark.state, Presence::Present) << facts.watermark.reason;
  ASSERT_TRUE(facts.watermark_time) << facts.watermark_text;
  EXPECT_EQ(facts.watermark_time->iso(), "2025-09-12 17:33");
}

// A small orange date-only stamp ("25 8 1") on a dark patch, which neither text
// detector outlines: found by its colour, read by its bars, a date without a time
// (never "absent", which it was before).
TEST_F(PhotoInspectorOcrTest, ADateOnlyOrangeStampIsFoundByItsColour) {
  const auto result = inspect_ocr(fixture("segment_date_only_on_dark_patch.jpg"));
  ASSERT_TRUE(result.photo);
  const PhotoFacts& facts = *result.photo;
  EXPECT_EQ(facts.watermark.state, Presence::CannotVerify) << facts.watermark.reason;
  ASSERT_TRUE(facts.watermark_time) << facts.watermark_text;
  EXPECT_EQ(facts.watermark_time->iso(), "2025-08-01");
}

// A picture of one colour without EXIF looks drawn (all its pixels one colour)
// but shows no text to be a capture: it is read as a photo. The orange stamp on
// it is read; with nothing on it, the watermark is absent (before, both were
// "截图不要求时间水印").
TEST_F(PhotoInspectorOcrTest, AOneColourPictureIsAPhotoNotACapture) {
  const auto stamped = inspect_ocr(fixture("one_colour_with_date_stamp.jpg"));
  ASSERT_TRUE(stamped.photo);
  EXPECT_FALSE(stamped.photo->screenshot);
  // No camera clock: the stamp's bars read alike at two sizes confirm it.
  EXPECT_EQ(stamped.photo->watermark.state, Presence::Present) << stamped.photo->watermark.reason;
  ASSERT_TRUE(stamped.photo->watermark_time);
  EXPECT_EQ(stamped.photo->watermark_time->iso(), "2025-07-24 15:27");
  const auto blank = inspect_ocr(fixture("one_colour_blank.jpg"));
  ASSERT_TRUE(blank.photo);
  EXPECT_FALSE(blank.photo->screenshot);
  EXPECT_EQ(blank.photo->watermark.state, Presence::Absent) << blank.photo->watermark.reason;
}

// A 今日水印 panel whose large 13:01 and weekday are read but not its date line:
// the camera clock (13:00:43 that Tuesday) names the date, and the reason says so.
TEST_F(PhotoInspectorOcrTest, CameraClockCompletesAnUnreadWatermarkDate) {
  const auto result = inspect_ocr(fixture("watermark_jinri_date_unread.jpg"));
  ASSERT_TRUE(result.photo);
  const PhotoFacts& facts = *result.photo;
  ASSERT_TRUE(facts.exif_time);
  EXPECT_EQ(facts.exif_time->iso(), "2025-06-17 13:00:43");
  EXPECT_EQ(facts.watermark.state, Presence::Present) << facts.watermark_text;
  ASSERT_TRUE(facts.watermark_time) << facts.watermark_text;
  EXPECT_EQ(facts.watermark_time->iso(), "2025-06-17 13:01");
  EXPECT_NE(facts.watermark.reason.find("相机拍摄时间"), std::string::npos) << facts.watermark.reason;
  EXPECT_FALSE(find_code(result, "WATERMARK_EXIF_MISMATCH"));
}

// The engine, counting what it is asked to read.
class CountingOcr final : public Ocr {
 public:
  explicit CountingOcr(Ocr& engine) : engine_(engine) {}
  using Ocr::recognize;
  Expected<OcrResult> recognize(const RasterImage& image, OcrLayout layout, std::string_view only) override {
    auto result = engine_.recognize(image, layout, only);
    if (result) texts.push_back(result->text());
    return result;
  }
  std::vector<std::string> texts;

 private:
  Ocr& engine_;
};

// A 今日水印 panel: after its large HH:MM the date beside it is read, not the
// place line under it (nearer by centre, twice the reading time) nor the
// weekday under the date (in the second fixture nearer by centre too), and
// reading stops once both are known.
TEST_F(PhotoInspectorOcrTest, TheDateBesideTheTimeIsReadBeforeTheLinesUnderIt) {
  struct Case {
    const char* file;
    const char* time;  ///< as printed
    const char* date;
    const char* read;  ///< watermark_time
  };
  for (const Case& c : {Case{"watermark_jinri_rotated.jpg", "09:37", "2025.03.18", "2025-03-18 09:37"},
                        Case{"watermark_jinri_weekday_nearer.jpg", "07:33", "2025.06.12", "2025-06-12 07:33"}}) {
    SCOPED_TRACE(c.file);
    CountingOcr counting(*ocr_);
    const fs::path path = fixture(c.file);
    const auto result = inspect_photo(path.string(), record_for(path), *reader_, &counting, options_);
    ASSERT_TRUE(result.photo);
    ASSERT_TRUE(result.photo->watermark_time) << result.photo->watermark_text;
    EXPECT_EQ(result.photo->watermark_time->iso(), c.read);
    ASSERT_EQ(counting.texts.size(), 2u);
    EXPECT_NE(counting.texts[0].find(c.time), std::string::npos) << counting.texts[0];
    EXPECT_NE(counting.texts[1].find(c.date), std::string::npos) << counting.texts[1];
    EXPECT_TRUE(result.photo->watermark_place.empty()) << result.photo->watermark_place;
  }
}

// The evidence date inspect_file settles on: the watermark when it was read,
// else the camera clock (a photo without a watermark), with the source said.
TEST_F(PhotoInspectorOcrTest, EvidenceDateIsTheWatermarkElseTheCameraClock) {
  Toolbox tools = make_default_toolbox(options_);
  const fs::path stamped = fixture("watermark_jinri_rotated.jpg");
  const auto watermarked = inspect_file(stamped.string(), record_for(stamped), tools, options_);
  EXPECT_EQ(watermarked.date.source, DateSource::Watermark);
  ASSERT_TRUE(watermarked.date.value);
  EXPECT_EQ(watermarked.date.value->iso(), "2025-03-18 09:37");
  const fs::path plain = exif_file("DSCN0010.jpg");
  const auto camera = inspect_file(plain.string(), record_for(plain), tools, options_);
  ASSERT_TRUE(camera.photo);
  EXPECT_EQ(camera.photo->watermark.state, Presence::Absent);
  EXPECT_EQ(camera.date.source, DateSource::Exif);
  ASSERT_TRUE(camera.date.value);
  EXPECT_EQ(camera.date.value->iso(), "2008-10-22 16:28:39");
}

}  // namespace
}  // namespace evpack
