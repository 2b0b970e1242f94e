#include "evpack/adapters/ocr.hpp"

#include <gtest/gtest.h>

#include <cctype>

#include "evpack/adapters/pdf_reader.hpp"
#include "evpack/util/text.hpp"
#include "support/temp_dir.hpp"

namespace evpack {
namespace {

// The upper 45 % of the first page of the sample's work plan, rendered at 150 dpi:
// the letterhead, the number line and the start of the body.
RasterImage letterhead_band() {
  const auto reader = make_poppler_pdf_reader();
  auto doc =
      reader->open(evpack::testing::source_dir() +
                   "/samples/青石县佐证材料/一、制度建设（13分）/1.2创建工作方案/青石县创建信用交通县工作方案.pdf");
  if (!doc) return {};
  const PageRect page = (*doc)->page_size(0);
  auto band = (*doc)->render(0, 150, PageRect{0, 0, page.width, page.height * 0.45});
  return band ? std::move(band).value() : RasterImage{};
}

TEST(TesseractOcr, ReadsTheLetterheadOfARenderedPage) {
  auto ocr = make_tesseract_ocr("chi_sim+eng");
  ASSERT_TRUE(ocr) << ocr.error().message;
  const RasterImage band = letterhead_band();
  ASSERT_FALSE(band.empty());
  auto result = (*ocr)->recognize(band, OcrLayout::Block);
  ASSERT_TRUE(result) << result.error().message;
  const std::string text = result->text();
  EXPECT_TRUE(contains(text, "交通运输局")) << text;
  EXPECT_TRUE(contains(text, "2025")) << text;
  for (const auto& line : result->lines) {
    EXPECT_GE(line.confidence, 0.0);
    EXPECT_LE(line.confidence, 1.0);
    // The line's characters spell its text (spaces aside), each placed within the
    // line (LSTM boxes are approximate: their centres, not their edges, are kept to).
    std::string spelled;
    for (const auto& symbol : line.symbols) {
      spelled += symbol.text;
      const int cx = symbol.box.x + symbol.box.width / 2;
      const int cy = symbol.box.y + symbol.box.height / 2;
      EXPECT_GE(cx, line.box.x) << line.text;
      EXPECT_LE(cx, line.box.x + line.box.width) << line.text;
      EXPECT_GE(cy, line.box.y) << line.text;
      EXPECT_LE(cy, line.box.y + line.box.height) << line.text;
    }
    std::string squeezed;
    for (char c : line.text) {
      if (c != ' ') squeezed += c;
    }
    EXPECT_EQ(spelled, squeezed);
  }
}

// A character set restricts what is read, and lasts for that call only: the next
// call without one reads the letterhead's Han characters again.
TEST(TesseractOcr, CharacterSetRestrictsOneCall) {
  auto ocr = make_tesseract_ocr("chi_sim+eng");
  ASSERT_TRUE(ocr) << ocr.error().message;
  const RasterImage band = letterhead_band();
  ASSERT_FALSE(band.empty());
  auto digits = (*ocr)->recognize(band, OcrLayout::Block, "0123456789");
  ASSERT_TRUE(digits) << digits.error().message;
  const std::string restricted = digits->text();
  EXPECT_TRUE(contains(restricted, "2025")) << restricted;
  for (const unsigned char c : restricted) {
    EXPECT_TRUE(std::isdigit(c) || std::isspace(c)) << restricted;
  }
  auto plain = (*ocr)->recognize(band, OcrLayout::Block);
  ASSERT_TRUE(plain) << plain.error().message;
  EXPECT_TRUE(contains(plain->text(), "交通运输局")) << plain->text();
}

TEST(TesseractOcr, MissingLanguageIsAnErrorNotACrash) {
  auto ocr = make_tesseract_ocr("xxx_nonexistent");
  ASSERT_FALSE(ocr);
  EXPECT_EQ(ocr.error().code, "OCR_UNAVAILABLE");
}

TEST(TesseractOcr, EmptyImageIsRefused) {
  auto ocr = make_tesseract_ocr("eng");
  ASSERT_TRUE(ocr);
  EXPECT_FALSE((*ocr)->recognize(RasterImage{}, OcrLayout::Block));
}

}  // namespace
}  // namespace evpack
