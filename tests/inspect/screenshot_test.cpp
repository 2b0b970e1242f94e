#include "evpack/inspect/screenshot.hpp"

#include <gtest/gtest.h>

#include <initializer_list>
#include <utility>

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
  const auto r = read_screen(
      {line("信用交通·山东 信用信息查询", 40, 20, 30), line("被查询主体名称：青石县顺达道路运输有限公司", 40, 100),
       line("查询事项：道路货物运输经营许可", 40, 140), line("查询时间：2025-05-06 09:15:32", 40, 180),
       line("查询结果：未发现失信记录", 40, 220)});
  EXPECT_TRUE(r.credit_query);
  EXPECT_EQ(r.query_fields, kAll);
  ASSERT_TRUE(r.date);
  EXPECT_EQ(r.date->iso(), "2025-05-06");
}

// Specks OCR reads between a label's colon and its spaced date, as on a
// provincial 信用核查 page (hold-out 1004, 信用核查截图4.jpg).
TEST(ReadScreen, SpecksBetweenTheColonAndTheDateLeaveTheLabel) {
  const auto r = read_screen(
      {line("信用信息查询结果", 40, 20, 30), line("核查时间 : 。， 2025 年 3 月 7 日 10:29", 40, 100),
       line("查询内容 : 招标投标信用核查", 40, 140), line("被查询人|临川广源公路工程有限公司", 40, 180, 20, 30),
       line("核查结果。未发现失信记录", 40, 220)});
  EXPECT_EQ(r.query_fields, kAll);
  ASSERT_TRUE(r.date);
  EXPECT_EQ(r.date->iso(), "2025-03-07");
}

// A phone query page: the subject as a heading behind the back arrow's bar, its
// credit code under it, and 查询日期 read as 查询日其 (hold-out 1004, 查询结果3.jpg).
TEST(ReadScreen, PhoneHeadingBehindABarAndAMisreadDateLabel) {
  const auto r = read_screen({line("信用查询", 40, 20, 30), line("| 临川通达运输有限公司", 40, 80, 34),
                              line("统一社会信用代码", 40, 130), line("9137152125M932437P", 40, 160),
                              line("查询内容", 40, 200), line("评优评先信用审查", 40, 230), line("查询日其", 40, 270),
                              line("2025/07/02 08:41:48", 40, 300), line("经查询，该主体无严重失信记录", 40, 340)});
  EXPECT_EQ(r.query_fields, kAll);
  ASSERT_TRUE(r.date);
  EXPECT_EQ(r.date->iso(), "2025-07-02");
}

TEST(ReadScreen, ResultWordedLikeALabelIsAValue) {
  // 无严重失信记录 ends as the label 信用记录 does; 被查询主体 without 名称.
  const auto r =
      read_screen({line("查询时间：2025-04-10 10:12:33", 40, 100), line("查询事项：工程招标投标", 40, 140),
                   line("被查询主体：青石县通达路桥工程有限公司", 40, 180), line("查询结果：无严重失信记录", 40, 220)});
  EXPECT_EQ(r.query_fields, kAll);
}

TEST(ReadScreen, OtherWordsForTheSameFields) {
  // 企业名称 / 办理事项 / 报告生成时间 / 信用状况, and 被查询人 / 查询用途 / 核查日期 / 核查结果.
  const auto a =
      read_screen({line("企业名称：青石县通达货运有限公司", 40, 100), line("办理事项：道路运输经营许可", 40, 140),
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
  const auto r = read_screen(
      {line("序号|被查询人|查询内容|报告生成时间|核查结果", 60, 200, 20, 120),
       line("1|青石县安平机动车维修有限公司|机动车维修经营备案|2025-07-03 11:20:45|无失信记录", 60, 250, 20, 60)});
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
  const auto r =
      read_screen({line("信用中国", 60, 90, 34), line("青石县顺达道路运输有限公司", 90, 190, 30),
                   line("统一社会信用代码：91370123MA3CQ8XY2K|成立日期：2016-04-21", 90, 240, 16, 100),
                   line("查询用途：道路货物运输经营许可审批", 1000, 240, 16), line("行政许可(2)", 90, 340, 18),
                   line("许可决定日期：2023-08-14", 520, 374, 16), line("行政处罚(0)", 90, 440, 18),
                   line("暂无数据", 120, 474, 16), line("16:42", 1300, 735, 14), line("2025/5/9", 1290, 752, 14)});
  EXPECT_TRUE(r.credit_query);
  EXPECT_EQ(r.query_fields, fields({"查询事项", "主体名称", "查询结果"}));
  const auto finding = query_fields_finding(r, FileRecord{});
  ASSERT_TRUE(finding);
  EXPECT_EQ(finding->code, "QUERY_FIELDS_MISSING");
  EXPECT_EQ(finding->message.substr(0, finding->message.find("（")), "信用查询截图中未识别到：查询时间");
}

TEST(ReadScreen, LabelsWithoutValuesDoNotCount) {
  const auto r =
      read_screen({line("信用信息查询", 40, 20, 30), line("查询时间：", 40, 100), line("查询事项：", 40, 140),
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
  const auto r =
      read_screen({line("http://jtt.shandong.gov.cn/xyjt/art_1234.html", 130, 50, 14),
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
  const auto r =
      read_screen({line("索引号：11370123MB0000000X/2025-00012|发布机构：青石县交通运输局", 190, 205, 16, 150),
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

// A list's empty state under 信用中国's tabs (the tabs themselves are left unread,
// menu_rows): 暂无数据 is shown whatever the query found, so it is no result; the
// page's own result line is.
TEST(ReadScreen, AnEmptyTabIsNoResult) {
  const std::vector<OcrLine> page = {line("信用中国", 60, 90, 30),
                                     line("青石县顺达道路运输有限公司", 70, 200, 30),
                                     line("统一社会信用代码：91370123MA3CQ8XY2K", 150, 260, 16),
                                     line("查询时间：2025-05-06 09:15", 1500, 200, 15),
                                     line("查询事项：道路运输经营许可审批", 1500, 230, 15),
                                     line("暂无数据", 70, 570, 16)};
  EXPECT_EQ(read_screen(page).query_fields, fields({"查询时间", "查询事项", "主体名称"}));
  std::vector<OcrLine> counted = page;  // a section's count is a result, however spaced
  counted.push_back(line("共 1 条信息", 70, 520, 16));
  EXPECT_EQ(read_screen(counted).query_fields, kAll);
  std::vector<OcrLine> with_result = page;
  with_result.push_back(line("未列入严重失信主体名单", 70, 520, 18));
  EXPECT_EQ(read_screen(with_result).query_fields, kAll);
}

TEST(ReadScreen, ACreditRecordPageIsAQueryWithoutQueryLabels) {
  // 信用中国 as captured: the name above its credit code, record sections; no 查询 label.
  const auto r = read_screen(
      {line("青石县顺达道路运输有限公司", 90, 190, 30), line("统一社会信用代码：91370123MA3CQ8XY2K", 90, 240, 16),
       line("行政许可(2)", 90, 340, 18), line("行政处罚(0)", 90, 440, 18), line("暂无数据", 120, 474, 16)});
  EXPECT_TRUE(r.credit_query);
  EXPECT_EQ(r.query_fields, fields({"主体名称", "查询结果"}));
}

TEST(ReadScreen, ArticlesAndListsAreNoQueries) {
  // An article has a 时间 and names companies; a published list has 企业名称 and 评价等级.
  const auto article =
      read_screen({line("白河县：开展诚信春运主题宣传", 478, 272, 40),
                   line("时间：2025/1/10 13:58|作者：县交通运输局", 478, 319, 24, 60),
                   line("1月8日，县交通运输局走进白河顺达物流有限公司，未发现违规经营。", 144, 373, 28)});
  EXPECT_FALSE(article.credit_query);
  EXPECT_TRUE(article.query_fields.empty());
  ASSERT_TRUE(article.date);
  EXPECT_EQ(article.date->iso(), "2025-01-10");
  const auto list = read_screen({line("城市交通信用评价结果公示（白河县）", 61, 189, 40),
                                 line("序号|企业名称|统一社会信用代码|评价等级", 60, 249, 16, 120),
                                 line("1|白河畅行公路工程有限公司|9137032324103611MX|AA", 61, 289, 16, 60)});
  EXPECT_FALSE(list.credit_query);
  EXPECT_FALSE(query_fields_finding(list, FileRecord{}));
}

TEST(ReadScreen, OcrQuirksAroundDatesAreTolerated) {
  // A comma read after the colon; one dash read as a dot; OCR's '?' of doubt after a
  // digit; the previous field's value run into the label.
  EXPECT_EQ(read_screen({line("查询日期 : , 2025/06/16 17:58", 40, 100)}).date->iso(), "2025-06-16");
  EXPECT_EQ(read_screen({line("日期：2025-09.24", 40, 100)}).date->iso(), "2025-09-24");
  EXPECT_EQ(read_screen({line("发布日期：2025年02?月18日", 40, 100)}).date->iso(), "2025-02-18");
  const auto r = read_screen({line("来源：白河县融媒体中心发布时间：2025年3月27日", 400, 100),
                              line("最新动态", 1347, 60), line("信用修复政策解读|2025-02-07", 1347, 100, 16, 300),
                              line("我局开展安全生产检查|2025-03-21", 1347, 140, 16, 300),
                              line("双公示工作推进会|2025-01-26", 1347, 180, 16, 300)});
  EXPECT_EQ(r.date->iso(), "2025-03-27");  // not the first item of the list beside it
}

// The committed captures (tests/data/screens, made by make_screens.py), read with
// the real OCR engines: Chinese only, as `check` reads PNG captures, and English
// first, as it reads captures found among the JPEGs (the second readings of
// screenshot.cpp make up for what English first misreads).
class ScreenshotFixtureTest : public ::testing::TestWithParam<const char*> {
 protected:
  void SetUp() override {
    auto made = make_tesseract_ocr(GetParam());
    ASSERT_TRUE(made) << made.error().message;
    ocr_ = std::move(made).value();
  }
  ScreenReading read(const std::string& name) {
    auto image = decode_image_file_reduced(source_dir() + "/tests/data/screens/" + name, 1440);
    EXPECT_TRUE(image) << name;
    if (!image) return {};
    auto reading = read_screenshot(to_gray(*image), *ocr_);
    EXPECT_TRUE(reading);
    return reading ? *reading : ScreenReading{};
  }
  std::unique_ptr<Ocr> ocr_;
};

struct Expected {
  const char* file;
  std::vector<std::string> fields;  // empty: not a credit query
  const char* date;                 // "" when none is expected
};

TEST_P(ScreenshotFixtureTest, FieldsAndDatesOfCommittedCaptures) {
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
      {"news_desktop_long_body.png", {}, "2025-08-26"},
      {"portal_info_box.png", {}, "2025-01-22"},
      {"query_creditchina_empty_tab.png", fields({"查询时间", "查询事项", "主体名称"}), "2025-06-06"},
      {"query_bordered_form.png", kAll, "2025-04-16"},
      {"data_sharing_table.png", {}, ""},
      {"query_equal_labels_form.png", kAll, "2025-07-21"},
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

// Forwards to a real engine and keeps what it was asked to read: the first
// block (the capture's lines read together), how many pages it was asked to lay
// out (Tesseract's page layout, find_lines or a Block reading).
class RecordingOcr final : public Ocr {
 public:
  explicit RecordingOcr(Ocr& engine) : engine_(engine) {}
  using Ocr::recognize;
  evpack::Expected<OcrResult> recognize(const RasterImage& image, OcrLayout layout, std::string_view only) override {
    if (layout == OcrLayout::Block) ++page_layouts;
    if (layout != OcrLayout::SingleLine && block.empty()) block = image;
    return engine_.recognize(image, layout, only);
  }
  evpack::Expected<std::vector<PixelRect>> find_lines(const RasterImage& image) override {
    ++page_layouts;
    return engine_.find_lines(image);
  }
  RasterImage block;
  int page_layouts = 0;

 private:
  Ocr& engine_;
};

RasterImage fixture_gray(const std::string& file) {
  auto image = decode_image_file_reduced(source_dir() + "/tests/data/screens/" + file, 1440);
  EXPECT_TRUE(image) << file;
  return image ? to_gray(*image) : RasterImage{};
}

// An article's running text is left unread: its date, title and publication
// line are still read, and a third less text is.
TEST_P(ScreenshotFixtureTest, AnArticlesRunningTextIsLeftUnread) {
  for (const auto& [file, date] : {std::pair{"news_desktop_long_body.png", "2025-08-26"}}) {
    SCOPED_TRACE(file);
    const RasterImage gray = fixture_gray(file);
    const auto reading = read_screenshot(gray, *ocr_);
    ASSERT_TRUE(reading);
    ASSERT_TRUE(reading->date) << reading->text;
    EXPECT_EQ(reading->date->iso(), date);
    auto whole = ocr_->recognize(gray, OcrLayout::Block);
    ASSERT_TRUE(whole);
    EXPECT_LT(utf8_length(reading->text) * 3, utf8_length(whole->text()) * 2) << reading->text;
    EXPECT_NE(reading->text.find("开展道路运输企业信用培训"), std::string::npos) << reading->text;
  }
}

// A capture's lines are found from its pixels and read together in one block:
// the OCR never lays out the whole page (twice, before: once to find the running
// text, once to read), and the block it reads is a fraction of the capture.
TEST_P(ScreenshotFixtureTest, ACaptureIsReadWithoutLayingOutThePage) {
  for (const char* file : {"query_table_header_row.png", "query_inline_two_columns.png", "query_phone_label_above.png",
                           "news_desktop_long_body.png"}) {
    SCOPED_TRACE(file);
    const RasterImage gray = fixture_gray(file);
    RecordingOcr recording(*ocr_);
    ASSERT_TRUE(read_screenshot(gray, recording));
    EXPECT_EQ(recording.page_layouts, 0);
    ASSERT_FALSE(recording.block.empty());
    EXPECT_LT(recording.block.pixels.size() * 2, gray.pixels.size());
  }
}

// A data-sharing page's table is read as far as its header and first rows: the
// rest of a list of enterprises says nothing a capture is checked for.
TEST_P(ScreenshotFixtureTest, ATablesBodyIsLeftUnread) {
  const auto reading = read_screenshot(fixture_gray("data_sharing_table.png"), *ocr_);
  ASSERT_TRUE(reading);
  EXPECT_NE(reading->text.find("企业名称"), std::string::npos) << reading->text;
  EXPECT_NE(reading->text.find("公示"), std::string::npos) << reading->text;
  EXPECT_EQ(reading->text.find("齐鲁客运"), std::string::npos) << reading->text;  // the twelfth row
  EXPECT_FALSE(reading->credit_query);
}

// A table's unread body still gives the cells under a header naming personal
// numbers (联系电话): the capture's text is searched for privacy leaks (D.2).
TEST_P(ScreenshotFixtureTest, PersonalNumbersInATablesBodyAreRead) {
  const auto reading = read_screenshot(fixture_gray("signin_table_mobiles.png"), *ocr_);
  ASSERT_TRUE(reading);
  EXPECT_NE(reading->text.find("13864152078"), std::string::npos) << reading->text;  // the eighth row's mobile
  EXPECT_NE(reading->text.find("15269087713"), std::string::npos) << reading->text;  // the sixth row's
  EXPECT_EQ(reading->text.find("齐鲁客运"), std::string::npos) << reading->text;     // the eighth row's unit
}

// A region cut out of a page with a capture tool has no browser bars: its first
// line, the query time here, is read though it lies in the top 80 px.
TEST_P(ScreenshotFixtureTest, ACutOutsFirstLineIsRead) {
  const RasterImage page = fixture_gray("query_equal_labels_form.png");
  RasterImage cut;  // the form from just above its first label, on white down to 760 px (not a screen's shape)
  cut.width = page.width;
  cut.height = 760;
  cut.channels = 1;
  cut.pixels.assign(static_cast<std::size_t>(cut.width) * cut.height, 255);
  constexpr int kTop = 150;
  std::copy(page.pixels.begin() + static_cast<std::ptrdiff_t>(kTop) * page.width, page.pixels.end(),
            cut.pixels.begin());
  const auto reading = read_screenshot(cut, *ocr_);
  ASSERT_TRUE(reading);
  EXPECT_EQ(reading->query_fields, kAll) << reading->text;
}

// Every line Tesseract's page layout finds in a committed capture is found by
// find_text_lines too (a box of ours holds most of its height), and ours are
// lines: no box holds two of Tesseract's lines one above the other.
TEST(FindTextLines, FindsTheLinesTesseractsLayoutFinds) {
  auto made = make_tesseract_ocr(kDocumentOcrLanguages);
  ASSERT_TRUE(made);
  const auto rows_shared = [](const PixelRect& a, const PixelRect& b) {
    return std::min(a.y + a.height, b.y + b.height) - std::max(a.y, b.y);
  };
  const auto columns_shared = [](const PixelRect& a, const PixelRect& b) {
    return std::min(a.x + a.width, b.x + b.width) - std::max(a.x, b.x);
  };
  for (const char* file : {"query_creditchina_heading.png", "query_table_header_row.png", "query_phone_label_above.png",
                           "news_desktop_meta_line.png", "portal_info_box.png"}) {
    SCOPED_TRACE(file);
    const RasterImage gray = fixture_gray(file);
    const auto theirs = (*made)->find_lines(gray);
    ASSERT_TRUE(theirs);
    const std::vector<PixelRect> ours = find_text_lines(gray);
    int found = 0;
    int lines = 0;
    for (const PixelRect& t : *theirs) {
      // Specks, pictures, icons and the bands Tesseract takes whole (a site's header, a taskbar).
      if (t.height < 8 || t.height > 40 || t.width * 10 > gray.width * 9) continue;
      ++lines;
      const bool held = std::any_of(ours.begin(), ours.end(), [&](const PixelRect& o) {
        return columns_shared(t, o) > 0 && rows_shared(t, o) * 10 >= t.height * 6;
      });
      found += held ? 1 : 0;
      EXPECT_TRUE(held) << "line " << t.x << "," << t.y << " " << t.width << "x" << t.height;
    }
    EXPECT_GE(found * 10, lines * 9) << found << " of " << lines;
    for (const PixelRect& o : ours) {
      // Tesseract's lines this box holds: none under another.
      std::vector<PixelRect> held;
      for (const PixelRect& t : *theirs) {
        if (t.height >= 8 && columns_shared(t, o) > 0 && rows_shared(t, o) * 10 >= t.height * 8) held.push_back(t);
      }
      for (const PixelRect& a : held) {
        for (const PixelRect& b : held) {
          EXPECT_FALSE(a.y + a.height <= b.y)
              << "a box of " << o.width << "x" << o.height << " at " << o.x << "," << o.y << " holds two lines";
        }
      }
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Languages, ScreenshotFixtureTest,
                         ::testing::Values(kDocumentOcrLanguages, kPhotoOcrLanguages));

}  // namespace
}  // namespace evpack
