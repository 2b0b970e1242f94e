// The inspection cache's byte form: every field comes back, damaged bytes are refused.
#include <gtest/gtest.h>

#include <filesystem>

#include <nlohmann/json.hpp>

#include "evpack/app/inspection_codec.hpp"
#include "evpack/inspect/inspector.hpp"
#include "evpack/scan/scanner.hpp"
#include "support/temp_dir.hpp"

namespace evpack {
namespace {

namespace fs = std::filesystem;

// Every field set to something other than its default.
Inspection everything_set() {
  Inspection in;
  in.kind = ContentKind::Jpeg;
  in.readable = false;
  in.text = std::string("第一页\f第二页 身份证号 \xff\xfe 不是UTF-8的字节") + std::string(1, '\0') + "尾";
  in.date = {Timestamp{{2025, 3, 18}, 9, 30, 5}, DateSource::Watermark};
  DocumentFacts doc;
  doc.page_count = 3;
  doc.has_text_layer = true;
  doc.scanned = true;
  doc.title = "关于成立信用交通县创建工作领导小组的通知";
  doc.own_number = DocNumber{"青交字〔2025〕3号", "青交字", 2025, 3, {"年份应使用六角括号〔〕"}};
  doc.cited_numbers = {"鲁交信用〔2025〕1号", "青政办字〔2024〕9号"};
  doc.issue_date = CivilDate{2025, 3, 5};
  doc.issue_date_text = "2025年3月5日";
  doc.letterhead = {Presence::Present, 0.93, "红色发文机关标志"};
  doc.letterhead_text = "青石县交通运输局文件";
  doc.number = {Presence::Absent, 0.1 + 0.2, "未找到发文字号"};
  doc.seal = {Presence::CannotVerify, 1.0 / 3.0, "灰度扫描，无法判断印章颜色"};
  doc.seal_page = 2;
  doc.colour_known = true;
  doc.number_brackets_seen = true;
  doc.preview = {0xff, 0xd8, 0x00, 0x7f, 0x80, 0xff, 0xd9};
  in.document = doc;
  PhotoFacts photo;
  photo.width = 4000;
  photo.height = 3000;
  photo.orientation = 6;
  photo.exif_time = Timestamp{{2025, 3, 18}, 9, 29, 58};
  photo.exif_offset = "+08:00";
  photo.make = "HUAWEI";
  photo.model = "ALN-AL00";
  photo.software = "Meitu";
  photo.gps = GpsPoint{36.712345678901234, 117.5412};
  photo.has_exif = true;
  photo.has_thumbnail = true;
  photo.screenshot = true;
  photo.watermark = {Presence::Present, 0.8, "今日水印"};
  photo.watermark_time = Timestamp{{2025, 3, 18}, 9, 30, -1};
  photo.watermark_text = "09:30\n2025-03-18 星期二";
  photo.watermark_brand = "今日水印";
  photo.watermark_place = "青石县交通运输局";
  photo.watermark_code = "ABC123";
  photo.brightness = 117.25;
  photo.sharpness = 0.1;
  photo.published = CivilDate{2025, 4, 1};
  photo.query_fields = {"查询时间", "主体名称"};
  photo.phash = 0xfedcba9876543210ull;
  photo.colour_grid = {0, 1, 2, 255, 128, 64};
  photo.core_window_hashes = {0x0123456789abcdefull, 0xffffffffffffffffull, 0};
  photo.preview = {0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0xff, 0xd9};
  in.photo = photo;
  in.findings = {{"PHOTO_EDITED", Severity::Error, "D.1", "照片/a.jpg", "1.1", "经美图秀秀处理", "换用原图",
                  DeductionRole::Fabrication},
                 {"FILE_EMPTY", Severity::Warning, "", "b.txt", "", "空文件", ""}};
  return in;
}

TEST(InspectionCodec, EveryFieldComesBackExactly) {
  const Inspection in = everything_set();
  const auto out = decode_inspection(encode_inspection(in));
  ASSERT_TRUE(out);
  EXPECT_EQ(*out, in);
  EXPECT_EQ(out->text, in.text);  // the NUL and the non-UTF-8 bytes too
  EXPECT_EQ(out->photo->gps->latitude, 36.712345678901234);
  EXPECT_EQ(out->document->number.confidence, 0.1 + 0.2);
  EXPECT_EQ(*out->photo->phash, 0xfedcba9876543210ull);
}

TEST(InspectionCodec, DefaultsComeBackAsDefaults) {
  const Inspection in;
  const auto out = decode_inspection(encode_inspection(in));
  ASSERT_TRUE(out);
  EXPECT_EQ(*out, in);
  EXPECT_FALSE(out->document);
  EXPECT_FALSE(out->photo);
}

TEST(InspectionCodec, DamagedBytesAreRefused) {
  const std::string bytes = encode_inspection(everything_set());
  EXPECT_FALSE(decode_inspection(""));
  EXPECT_FALSE(decode_inspection("not an inspection"));
  for (const std::size_t cut : {std::size_t{1}, bytes.size() / 3, bytes.size() / 2, bytes.size() - 1}) {
    EXPECT_FALSE(decode_inspection(std::string_view(bytes).substr(0, cut))) << "cut at " << cut;
  }
  std::string flipped = bytes;
  flipped[0] = static_cast<char>(0x01);  // an integer, not an object
  EXPECT_FALSE(decode_inspection(flipped));
}

// An entry written with another layout (an older evpack's keys) is refused, not
// misread: the layout number inside the entry decides.
TEST(InspectionCodec, AnotherLayoutIsRefused) {
  const std::string bytes = encode_inspection(everything_set());
  nlohmann::json j = nlohmann::json::from_cbor(bytes);
  ASSERT_TRUE(j.contains("v"));
  const int layout = j["v"].get<int>();
  for (const int other : {layout - 1, layout + 1}) {
    j["v"] = other;
    const std::vector<std::uint8_t> changed = nlohmann::json::to_cbor(j);
    EXPECT_FALSE(decode_inspection(std::string(changed.begin(), changed.end()))) << "layout " << other;
  }
  j["v"] = layout;
  const std::vector<std::uint8_t> same = nlohmann::json::to_cbor(j);
  EXPECT_TRUE(decode_inspection(std::string(same.begin(), same.end())));
}

// A preview (a JPEG of some kilobytes in every cached photo) is kept as bytes: about
// its own size, not the twice as much an array of numbers takes in CBOR.
TEST(InspectionCodec, PreviewsAreStoredAsBytes) {
  Inspection in;
  PhotoFacts photo;
  photo.preview.assign(20000, 0xab);
  in.photo = photo;
  const std::string bytes = encode_inspection(in);
  EXPECT_LT(bytes.size(), 21000u);
  const auto out = decode_inspection(bytes);
  ASSERT_TRUE(out);
  EXPECT_EQ(out->photo->preview, photo.preview);
}

// What the inspectors really produce on the shared corpus (photos with and without
// EXIF, HEIC, text and scanned PDFs, damaged files) survives the round trip.
TEST(InspectionCodec, RealInspectionsOfTheCorpusRoundTrip) {
  const evpack::testing::TempDir dir;
  const fs::path corpus = evpack::testing::corpus_dir();
  for (const char* rel :
       {"exif/Canon_40D.jpg", "exif/DSCN0010.jpg", "exif/exiftool_Apple.jpg", "exif/exiv2-empty.jpg",
        "exif/crash-23eba73bb01cb01caa96a389eb12955c34b98a37.jpg", "heic/IMG_5195.HEIC", "pdf/cn-gongwen_report.pdf",
        "pdf/ocrmypdf_c02-22.pdf", "pdf/ocrmypdf_invalid.pdf", "pdf/pdfjs_XiaoBiaoSong.pdf"}) {
    fs::copy_file(corpus / rel, dir.path() / fs::path(rel).filename());
  }
  auto scan = scan_tree(dir.str(), {});
  ASSERT_TRUE(scan);
  ASSERT_EQ(scan->files.size(), 10u);
  InspectOptions options;
  options.ocr = false;
  Toolbox tools = make_default_toolbox(options);
  int photos = 0;
  int documents = 0;
  for (const FileRecord& record : scan->files) {
    const std::string path = record.disk_path.empty() ? (dir.path() / record.rel_path).string() : record.disk_path;
    const Inspection in = inspect_file(path, record, tools, options);
    photos += in.photo ? 1 : 0;
    documents += in.document ? 1 : 0;
    const auto out = decode_inspection(encode_inspection(in));
    ASSERT_TRUE(out) << record.rel_path;
    EXPECT_EQ(*out, in) << record.rel_path;
  }
  EXPECT_GE(photos, 5);
  EXPECT_GE(documents, 3);
}

}  // namespace
}  // namespace evpack
