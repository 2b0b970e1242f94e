#include "evpack/adapters/pdf_reader.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "support/external_tool.hpp"
#include "support/temp_dir.hpp"

namespace evpack {
namespace {

using evpack::testing::source_dir;

std::string fixture(const std::string& name) { return source_dir() + "/tests/data/docs/" + name; }

std::unique_ptr<PdfDocument> open_pdf(const std::string& path) {
  static const auto reader = make_poppler_pdf_reader();
  auto doc = reader->open(path);
  if (!doc) {
    ADD_FAILURE() << path << ": " << doc.error().message;
    return nullptr;
  }
  return std::move(doc.value());
}

/// Stands for a machine without Debian's poppler-data while it lives (no
/// document may be open when it starts or ends).
class WithoutEncodingData {
 public:
  WithoutEncodingData() { EXPECT_TRUE(set_pdf_encoding_data_dir(empty_.str())); }
  ~WithoutEncodingData() { EXPECT_TRUE(set_pdf_encoding_data_dir("")); }

 private:
  evpack::testing::TempDir empty_;
};

// ReportLab's STSong-Light, as iText and many government systems write Chinese:
// not embedded. On a machine set up by tools/deps.sh (poppler-data, a CJK font)
// it is drawn with a stand-in that has all its characters.
TEST(PopplerPageFonts, ANonEmbeddedChineseFontDrawnByAStandIn) {
  const auto doc = open_pdf(fixture("text_stsong_not_embedded.pdf"));
  ASSERT_TRUE(doc);
  const PageFonts fonts = doc->page_fonts(0);
  EXPECT_NE(std::find(fonts.not_embedded.begin(), fonts.not_embedded.end(), "STSong-Light"), fonts.not_embedded.end());
  EXPECT_TRUE(fonts.undrawn.empty());
  EXPECT_FALSE(fonts.text_failed);
  EXPECT_NE(doc->page_text(0).find("青交字〔2025〕12号"), std::string::npos);
}

// Without the Adobe-GB1 CMaps poppler decodes no character of such a PDF and
// draws nothing: the page says so instead of passing for an empty scan.
TEST(PopplerPageFonts, WithoutEncodingDataTheTextFails) {
  const WithoutEncodingData machine;
  {
    const auto doc = open_pdf(fixture("text_stsong_not_embedded.pdf"));
    ASSERT_TRUE(doc);
    EXPECT_EQ(doc->page_text(0).find("青"), std::string::npos);
    EXPECT_TRUE(doc->page_fonts(0).text_failed);
  }
}

TEST(PopplerPageFonts, EmbeddedFontsAndScansHaveNone) {
  for (const auto* name : {"scan_real_font_number.pdf", "scan_real_red_header_43dpi.pdf"}) {
    const auto doc = open_pdf(fixture(name));
    ASSERT_TRUE(doc);
    const PageFonts fonts = doc->page_fonts(0);
    EXPECT_TRUE(fonts.not_embedded.empty()) << name;
    EXPECT_FALSE(fonts.text_failed) << name;
  }
}

TEST(PopplerLargestImageDpi, ThePageScansResolution) {
  const auto low = open_pdf(fixture("scan_real_red_header_43dpi.pdf"));
  const auto normal = open_pdf(fixture("scan_real_font_number.pdf"));
  const auto text = open_pdf(fixture("text_stsong_not_embedded.pdf"));
  ASSERT_TRUE(low && normal && text);
  EXPECT_NEAR(low->largest_image_dpi(), 43, 1.5);
  EXPECT_NEAR(normal->largest_image_dpi(), 150, 3);
  EXPECT_EQ(text->largest_image_dpi(), 0);  // no picture of a page
}

TEST(PdfEnvironment, SaysWhetherChineseTextIsDecodedAndDrawn) {
  const std::string here = pdf_environment_description();
  EXPECT_NE(here.find("poppler "), std::string::npos);
  EXPECT_NE(here.find("text=decoded ink=drawn"), std::string::npos) << here;
  std::string without;
  {
    const WithoutEncodingData machine;
    without = pdf_environment_description();
  }
  EXPECT_NE(without.find("text=lost"), std::string::npos) << without;
  EXPECT_NE(without, here);
  EXPECT_EQ(pdf_environment_description(), here);
}

// Hostile PDFs from tools/gen/hostile_pdf.py (issue 24).
std::string hostile_pdf(const evpack::testing::TempDir& dir, const std::string& kind, const std::string& arg = "") {
  const std::string out = (dir.path() / (kind + ".pdf")).string();
  const auto r = evpack::testing::run_command(std::string(evpack::testing::system_python()) + " " +
                                              evpack::testing::shell_quote(source_dir() + "/tools/gen/hostile_pdf.py") +
                                              " " + evpack::testing::shell_quote(out) + " " + kind + " " + arg);
  EXPECT_EQ(r.exit_code, 0) << r.output;
  return out;
}

// Regression: a 4 MB PDF holding a 4 GB flate stream cost 46 CPU-seconds with no finding.
// Here the same shape, scaled down: 8 MiB of spaces against a 4 MiB limit.
TEST(PopplerStreamBomb, AStreamDecodingPastTheLimitIsRefusedBeforePopplerSeesIt) {
  evpack::testing::TempDir dir;
  const std::string bomb = hostile_pdf(dir, "bomb", "8");
  PdfLimits limits;
  limits.max_stream_bytes = 4 << 20;
  auto refused = make_poppler_pdf_reader(limits)->open(bomb);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, "PDF_STREAM_BOMB");
  EXPECT_NE(refused.error().message.find("解压炸弹"), std::string::npos);
  limits.max_stream_bytes = 16 << 20;
  EXPECT_TRUE(make_poppler_pdf_reader(limits)->open(bomb).ok());
}

TEST(PopplerActiveContent, JavaScriptLaunchAndAttachmentsAreSeenEvenInObjectStreams) {
  evpack::testing::TempDir dir;
  auto js = open_pdf(hostile_pdf(dir, "javascript"));
  ASSERT_TRUE(js);
  EXPECT_TRUE(js->active_content().javascript);
  EXPECT_FALSE(js->active_content().launch);
  auto launch = open_pdf(hostile_pdf(dir, "launch-objstm"));
  ASSERT_TRUE(launch);
  EXPECT_TRUE(launch->active_content().launch);
  EXPECT_TRUE(launch->active_content().embedded_files);
  EXPECT_FALSE(launch->active_content().javascript);
  auto plain = open_pdf(fixture("text_stsong_not_embedded.pdf"));
  ASSERT_TRUE(plain);
  EXPECT_FALSE(plain->active_content().javascript);
  EXPECT_FALSE(plain->active_content().launch);
  EXPECT_FALSE(plain->active_content().embedded_files);
}

}  // namespace
}  // namespace evpack
