#include "evpack/inspect/screenshot.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <ctime>
#include <cstdlib>
#include <initializer_list>

#include "evpack/adapters/image_codec.hpp"
#include "evpack/adapters/image_ops.hpp"
#include "evpack/inspect/inspector.hpp"
#include "evpack/util/text.hpp"
#include "support/temp_dir.hpp"

namespace evpack {
namespace {

using testing::source_dir;

// An OCR line as Tesseract gives it: text, box, and one symbol per character laid
// out left to right at `x` with `step` pixels per character; a '|' in `text` is a
// gap of `gap` pixels (a table cell or a form column) and is not a character.
OcrLine line(const std::string& text, int x, int y, int height = 20, int gap = 200) {
  OcrLine out;
  out.confidence = 0.9;
  int cx = x;
  for (const auto& ch : split_utf8_chars(text)) {
    if (ch == "|") {
      cx += gap;
      continue;
    }
    const int w = is_han_char(ch) ? height : height / 2;
    out.text += ch;
    if (ch != " ") out.symbols.push_back({ch, {cx, y, w, height}});  // a space is a gap, not a symbol
    cx += w + (ch == " " ? 0 : 2);
  }
  out.box = {x, y, cx - x, height};
  return out;
}

std::vector<std::string> fields(std::initializer_list<const char*> names) { return {names.begin(), names.end()}; }

const std::vector<std::string> kAll = fields({"查询时间", "查询事项", "主体名称", "查询结果"});

TEST(ReadScreen, SeedWordingInlineLabels) {
  const auto r = read_screen({line("信用交通·山东 信用信息查询", 40, 20, 30),
                              line("被查询主体名称：青石县顺达道路运输有限公司", 40, 100),
                              line("查询事项：道路货物运输经营许可", 40, 140),
                              line("查询时间：2025-05-06 09:15:32", 40, 180),
                              line("查询结果：未发现失信记录", 40, 220)});
  EXPECT_TRUE(r.credit_query);
  EXPECT_EQ(r.query_fields, kAll);
  ASSERT_TRUE(r.date);
  EXPECT_EQ(r.date->iso(), "2025-05-06");
}

TEST(ReadScreen, ResultWordedLikeALabelIsAValue) {
  // 无严重失信记录 ends as the label 信用记录 does; 被查询主体 without 名称.
  const auto r = read_screen({line("查询时间：2025-04-10 10:12:33", 40, 100), line("查询事项：工程招标投标", 40, 140),
                              line("被查询主体：青石县通达路桥工程有限公司", 40, 180), line("查询结果：无严重失信记录", 40, 220)});
  EXPECT_EQ(r.query_fields, kAll);
}

TEST(ReadScreen, OtherWordsForTheSameFields) {
  // 企业名称 / 办理事项 / 报告生成时间 / 信用状况, and 被查询人 / 查询用途 / 核查日期 / 核查结果.
  const auto a = read_screen({line("企业名称：青石县通达货运有限公司", 40, 100), line("办理事项：道路运输经营许可", 40, 140),
                              line("报告生成时间：2025年6月12日 15:08", 40, 180), line("信用状况：良好", 40, 220)});
  EXPECT_EQ(a.query_fields, kAll);
  const auto b = read_screen({line("被查询人：王某某", 40, 100), line("查询用途：从业资格审核", 40, 140),
                              line("核查日期：2025.08.15", 40, 180), line("核查结果：无失信记录", 40, 220)});
  EXPECT_EQ(b.query_fields, kAll);
  ASSERT_TRUE(b.date);
  EXPECT_EQ(b.date->iso(), "2025-08-15");
}

TEST(ReadScreen, LabelAboveValuePhoneLayout) {
  const auto r = read_screen({line("被查询主体名称", 60, 340, 24), line("青石县通达货运有限公司", 60, 400, 30),
                              line("办理事项", 60, 560, 24), line("道路货物运输经营许可（新办）", 60, 620, 30),
                              line("查询时间", 60, 780, 24), line("2025年6月12日 15:08", 60, 840, 30),
                              line("查询结果", 60, 1000, 24), line("未发现严重失信行为记录", 60, 1060, 30)});
  EXPECT_EQ(r.query_fields, kAll);
  ASSERT_TRUE(r.date);
  EXPECT_EQ(r.date->iso(), "2025-06-12");
}

TEST(ReadScreen, HeaderRowOverValues) {
  // One OCR line per row, cells far apart.
  const auto r = read_screen({line("序号|被查询人|查询内容|报告生成时间|核查结果", 60, 200, 20, 120),
                              line("1|青石县安平机动车维修有限公司|机动车维修经营备案|2025-07-03 11:20:45|无失信记录", 60,
                                   250, 20, 60)});
  EXPECT_EQ(r.query_fields, kAll);
  ASSERT_TRUE(r.date);
  EXPECT_EQ(r.date->iso(), "2025-07-03");
}

TEST(ReadScreen, UnlabelledHeadingIsTheSubject) {
  // 信用中国: the company as a heading above its credit code, results as record sections.
  const auto r = read_screen({line("信用中国", 60, 90, 34), line("青石县顺达道路运输有限公司", 90, 190, 30),
                              line("统一社会信用代码：91370123MA3CQ8XY2K|法定代表人：王建国", 90, 240, 16, 100),
                              line("查询时间：2025-05-06 09:15:32", 1000, 190, 16),
                              line("查询用途：道路货物运输经营许可审批", 1000, 240, 16),
                              line("行政许可(2)", 90, 340, 18), line("许可决定日期：2023-08-14", 520, 374, 16),
                              line("行政处罚(0)", 90, 440, 18), line("暂无数据", 120, 474, 16)});
  EXPECT_EQ(r.query_fields, kAll);
  ASSERT_TRUE(r.date);
  EXPECT_EQ(r.date->iso(), "2025-05-06");  // not the record's 许可决定日期
}

TEST(ReadScreen, MissingQueryTimeIsMissing) {
  // Record dates (成立日期, 许可决定日期) and the taskbar clock are not a query time.
  const auto r = read_screen({line("信用中国", 60, 90, 34), line("青石县顺达道路运输有限公司", 90, 190, 30),
                              line("统一社会信用代码：91370123MA3CQ8XY2K|成立日期：2016-04-21", 90, 240, 16, 100),
                              line("查询用途：道路货物运输经营许可审批", 1000, 240, 16),
                              line("行政许可(2)", 90, 340, 18), line("许可决定日期：2023-08-14", 520, 374, 16),
                              line("行政处罚(0)", 90, 440, 18), line("暂无数据", 120, 474, 16),
                              line("16:42", 1300, 735, 14), line("2025/5/9", 1290, 752, 14)});
  EXPECT_TRUE(r.credit_query);
  EXPECT_EQ(r.query_fields, fields({"查询事项", "主体名称", "查询结果"}));
  const auto finding = query_fields_finding(r, FileRecord{});
  ASSERT_TRUE(finding);
  EXPECT_EQ(finding->code, "QUERY_FIELDS_MISSING");
  EXPECT_EQ(finding->message.substr(0, finding->message.find("（")), "信用查询截图中未识别到：查询时间");
}

TEST(ReadScreen, LabelsWithoutValuesDoNotCount) {
  const auto r = read_screen({line("信用信息查询", 40, 20, 30), line("查询时间：", 40, 100), line("查询事项：", 40, 140),
                              line("被查询主体名称：", 40, 180), line("查询结果：", 40, 220)});
  EXPECT_TRUE(r.credit_query);
  EXPECT_TRUE(r.query_fields.empty());
  EXPECT_FALSE(r.date);
}

TEST(ReadScreen, TheQueryingUnitIsNotTheSubject) {
  const auto r = read_screen({line("查询单位：青石县交通运输局", 40, 100), line("查询人：李娜", 40, 140),
                              line("查询时间：2025-05-06", 40, 180), line("查询结果：未发现失信记录", 40, 220)});
  EXPECT_EQ(r.query_fields, fields({"查询时间", "查询结果"}));
}

TEST(ReadScreen, NewsPageIsDatedByPublicationNotByTheBodyOrTheClock) {
  const auto r = read_screen({line("http://jtt.shandong.gov.cn/xyjt/art_1234.html", 130, 50, 14),
                              line("青石县交通运输局开展信用交通宣传月进企业活动", 300, 210, 26),
                              line("2025-02-11 10:22:05 来源：青石县交通运输局 浏览次数：312", 400, 255, 15),
                              line("宣传《山东省交通运输信用管理办法》，截至2025年1月31日已覆盖企业46家。", 230, 356, 18),
                              line("15:06", 1320, 735, 13), line("2025/2/20", 1300, 752, 13)});
  EXPECT_FALSE(r.credit_query);
  EXPECT_TRUE(r.query_fields.empty());
  ASSERT_TRUE(r.date);
  EXPECT_EQ(r.date->iso(), "2025-02-11");
}

TEST(ReadScreen, PublicationDateBeatsTheDocumentsOwnDate) {
  const auto r = read_screen({line("索引号：11370123MB0000000X/2025-00012|发布机构：青石县交通运输局", 190, 205, 16, 150),
                              line("成文日期：2025-01-15|发布日期：2025-01-22", 190, 241, 16, 300),
                              line("青石县交通运输局关于印发《青石县创建信用交通县工作方案》的通知", 300, 340, 24)});
  ASSERT_TRUE(r.date);
  EXPECT_EQ(r.date->iso(), "2025-01-22");
}

TEST(ReadScreen, DateRunIntoItsTimeIsRead) {
  const auto r = read_screen({line("发布时间：2025-03-1810:22", 40, 100)});
  ASSERT_TRUE(r.date);
  EXPECT_EQ(r.date->iso(), "2025-03-18");
}

// The committed captures (tests/data/screens, made by make_screens.py), read with
// the real OCR engine as `check` reads them.
class ScreenshotFixtureTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto made = make_tesseract_ocr(kPhotoOcrLanguages);
    ASSERT_TRUE(made) << made.error().message;
    ocr_ = std::move(made).value();
  }
  ScreenReading read(const std::string& name) {
    auto image = decode_image_file_reduced(source_dir() + "/tests/data/screens/" + name, 1440);
    EXPECT_TRUE(image) << name;
    if (!image) return {};
    const auto gray = to_gray(*image);
    const auto start = std::clock();
    auto reading = read_screenshot(gray, *ocr_);
    if (std::getenv("EVPACK_SCREEN_DEBUG") != nullptr) {
      std::printf("CPU %s %.2f s\n", name.c_str(), static_cast<double>(std::clock() - start) / CLOCKS_PER_SEC);
    }
    EXPECT_TRUE(reading);
    if (std::getenv("EVPACK_SCREEN_DEBUG") != nullptr) std::printf("== %s\n%s\n", name.c_str(), reading->text.c_str());
    return reading ? *reading : ScreenReading{};
  }
  std::unique_ptr<Ocr> ocr_;
};

struct Expected {
  const char* file;
  std::vector<std::string> fields;  // empty: not a credit query
  const char* date;                 // "" when none is expected
};

TEST_F(ScreenshotFixtureTest, FieldsAndDatesOfCommittedCaptures) {
  const std::vector<Expected> expected = {
      {"query_creditchina_heading.png", kAll, "2025-05-06"},
      {"query_creditchina_no_time.png", fields({"查询事项", "主体名称", "查询结果"}), ""},
      {"query_phone_label_above.png", kAll, "2025-06-12"},
      {"query_table_header_row.png", kAll, "2025-07-03"},
      {"query_inline_two_columns.png", kAll, "2025-08-15"},
      {"query_inline_no_time.png", fields({"查询事项", "主体名称", "查询结果"}), ""},
      {"query_gsxt_no_matter.png", fields({"查询时间", "主体名称", "查询结果"}), "2025-09-02"},
      {"news_desktop_meta_line.png", {}, "2025-02-11"},
      {"news_phone_wechat.png", {}, "2025-03-20"},
      {"portal_info_box.png", {}, "2025-01-22"},
  };
  for (const auto& e : expected) {
    SCOPED_TRACE(e.file);
    const ScreenReading r = read(e.file);
    EXPECT_EQ(r.query_fields, e.fields);
    EXPECT_EQ(r.credit_query, !e.fields.empty());
    if (*e.date != '\0') {
      ASSERT_TRUE(r.date) << r.text;
      EXPECT_EQ(r.date->iso(), e.date) << r.text;
    }
  }
}

}  // namespace
}  // namespace evpack
