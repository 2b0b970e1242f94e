#include "evpack/inspect/doc_number.hpp"

#include <gtest/gtest.h>

namespace evpack {
namespace {

TEST(DocNumber, ParsesAgencyYearAndSerial) {
  const DocNumber n = parse_doc_number("章交字〔2025〕25号");
  EXPECT_EQ(n.text, "章交字〔2025〕25号");
  EXPECT_EQ(n.agency, "章交字");
  EXPECT_EQ(n.year, 2025);
  EXPECT_EQ(n.serial, 25);
  EXPECT_TRUE(n.form_problems.empty());
}

TEST(DocNumber, AcceptsOcrSpacingAndFullWidthDigits) {
  const DocNumber n = parse_doc_number("青交发 〔２０２５〕 5 号");
  EXPECT_EQ(n.agency, "青交发");
  EXPECT_EQ(n.year, 2025);
  EXPECT_EQ(n.serial, 5);
}

// A letter-spaced number set in full-width digits reads as the same number, its
// digits written as ASCII (a full-width digit is no form error); 第 and 【】 are.
TEST(DocNumber, LetterSpacedFullWidthNumbers) {
  const DocNumber n = parse_doc_number("青交字〔２ ０ ２ ５〕２ ７号");
  EXPECT_EQ(n.text, "青交字〔2025〕27号");
  EXPECT_TRUE(n.form_problems.empty());
  const DocNumber di = parse_doc_number("青交字〔2025〕第36号");
  EXPECT_EQ(di.serial, 36);
  ASSERT_EQ(di.form_problems.size(), 1u);
  EXPECT_NE(di.form_problems[0].find("第"), std::string::npos);
  const DocNumber solid = parse_doc_number("青交字 【 2025 】 第 36 号");
  EXPECT_EQ(solid.text, "青交字【2025】第36号");
  EXPECT_EQ(solid.form_problems.size(), 2u);
}

TEST(DocNumber, WrongFormsAreProblemsNotMissingNumbers) {
  for (const char* text : {"青交发[2025]5号", "青交发［2025］5号", "青交发【2025】5号", "青交发(2025)5号",
                           "青交发（2025）5号", "青交发〖2025〗5号", "青交发﹝2025﹞5号"}) {
    const DocNumber n = parse_doc_number(text);
    EXPECT_EQ(n.serial, 5) << text;
    ASSERT_EQ(n.form_problems.size(), 1u) << text;
    EXPECT_NE(n.form_problems[0].find("六角括号"), std::string::npos) << text;
  }
  EXPECT_EQ(parse_doc_number("青交发〔25〕5号").form_problems.size(), 1u);
  EXPECT_EQ(parse_doc_number("青交发〔2025〕第5号").form_problems.size(), 1u);
  EXPECT_EQ(parse_doc_number("青交发〔2025〕05号").form_problems.size(), 1u);
  // A lone 0 is no serial at all (a low-resolution scan read "106号" as "0号", and
  // "96号" with the year 2003 as "〔2003〕0号"): no number rather than a wrong one.
  EXPECT_TRUE(parse_doc_number("云交发〔2025〕0号").text.empty());
  EXPECT_TRUE(parse_doc_number("临交字〔2003〕0号").text.empty());
  EXPECT_EQ(parse_doc_number("青交发〔25〕第05号").form_problems.size(), 3u);
}

TEST(DocNumber, CitationsAreMarked) {
  const std::string text =
      "青石县交通运输局文件\n青交发〔2025〕5号\n关于印发方案的通知\n"
      "根据《山东省信用交通县创建实施方案》（鲁交法〔2020〕5号），结合实际。\n";
  const auto found = find_doc_numbers(text);
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].number.text, "青交发〔2025〕5号");
  EXPECT_FALSE(found[0].cited);
  EXPECT_TRUE(found[0].own_line);
  EXPECT_EQ(found[1].number.text, "鲁交法〔2020〕5号");
  EXPECT_TRUE(found[1].cited);
  EXPECT_FALSE(found[1].own_line);
  EXPECT_EQ(text.substr(found[1].offset, found[1].length), "鲁交法〔2020〕5号");
}

TEST(DocNumber, CitationWordIsNotPartOfTheAgency) {
  const auto found = find_doc_numbers("按照鲁交法〔2020〕5号文件要求");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].number.agency, "鲁交法");
  EXPECT_TRUE(found[0].cited);
}

TEST(DocNumber, SignerOnTheSameLineKeepsItOwnLine) {
  const auto found = find_doc_numbers("青交呈〔2025〕3号        签发人：张三\n");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_TRUE(found[0].own_line);
}

TEST(DocNumber, NotNumbers) {
  EXPECT_TRUE(find_doc_numbers("〔2025〕5号").empty());          // no agency
  EXPECT_TRUE(find_doc_numbers("青交发〔2025〕号").empty());     // no serial
  EXPECT_TRUE(find_doc_numbers("（2025）鲁01民初5号").empty());  // a court case number
  EXPECT_TRUE(find_doc_numbers("2025年第5期").empty());
}

}  // namespace
}  // namespace evpack
