#include "evpack/adapters/docx_reader.hpp"

#include <gtest/gtest.h>

#include <fstream>

#include "evpack/adapters/zip_archive.hpp"
#include "evpack/inspect/document_inspector.hpp"
#include "support/temp_dir.hpp"

namespace evpack {
namespace {

using evpack::testing::corpus_dir;
using evpack::testing::source_dir;

const std::string kSummary = "/samples/青石县佐证材料/五、诚信宣传（15分）/5.1信用交通宣传月/宣传月活动总结.docx";

TEST(ReadDocxText, ParagraphsComeOutAsLines) {
  auto text = read_docx_text(source_dir() + kSummary, 100'000);
  ASSERT_TRUE(text.ok()) << text.error().message;
  EXPECT_NE(text->find("青石县交通运输局2025年“信用交通宣传月”活动总结\n"), std::string::npos) << *text;
  EXPECT_NE(text->find("\n2025年7月3日\n"), std::string::npos) << *text;
}

TEST(ReadDocxText, CapKeepsWholeCharacters) {
  auto text = read_docx_text(source_dir() + kSummary, 10);
  ASSERT_TRUE(text.ok());
  EXPECT_LE(text->size(), 10u);
  EXPECT_EQ(text->size() % 3, 0u);  // Han characters are 3 bytes: none cut in half
}

TEST(ReadDocxText, NotAWordFileIsCorrupt) {
  evpack::testing::TempDir dir;
  const std::string junk = dir.path().string() + "/坏.docx";
  std::ofstream(junk) << "PK\x03\x04 this is not really a zip";
  auto bad = read_docx_text(junk, 1000);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, "DOCX_CORRUPT");
  // A real zip without word/document.xml.
  auto other = read_docx_text(corpus_dir() + "/zip/cp936_new7z.zip", 1000);
  ASSERT_FALSE(other.ok());
  EXPECT_EQ(other.error().code, "DOCX_CORRUPT");
}

// A 1.2 KB .docx whose body nests 50,000 elements once crashed the reader (stack overflow).
TEST(ReadDocxText, DeepNestingIsRefusedNotACrash) {
  evpack::testing::TempDir dir;
  const std::string path = (dir.path() / "deep.docx").string();
  std::string xml = "<?xml version=\"1.0\"?><w:document xmlns:w=\"urn:w\"><w:body>";
  for (int i = 0; i < 50'000; ++i) xml += "<w:r>";
  xml += "<w:t>x</w:t>";
  for (int i = 0; i < 50'000; ++i) xml += "</w:r>";
  xml += "</w:body></w:document>";
  {
    auto writer = create_zip_writer(path);
    ASSERT_TRUE(writer.ok());
    ASSERT_TRUE((*writer)->add_bytes("word/document.xml", xml, ZipMethod::Deflate).ok());
    ASSERT_TRUE((*writer)->finish().ok());
  }
  auto text = read_docx_text(path, 100'000);
  ASSERT_FALSE(text.ok());
  EXPECT_EQ(text.error().code, "DOCX_TOO_DEEP");

  FileRecord record;
  record.rel_path = "deep.docx";
  record.kind = ContentKind::Docx;
  const Inspection got = inspect_word(path, record, InspectOptions{});
  EXPECT_FALSE(got.readable);
  ASSERT_EQ(got.findings.size(), 1u);
  EXPECT_EQ(got.findings[0].code, "DOCX_TOO_DEEP");
}

TEST(InspectWord, DateFromTextAndNoSeal) {
  FileRecord record;
  record.rel_path = "宣传月活动总结.docx";
  record.kind = ContentKind::Docx;
  const Inspection got = inspect_word(source_dir() + kSummary, record, InspectOptions{});
  ASSERT_TRUE(got.readable);
  ASSERT_TRUE(got.document.has_value());
  EXPECT_EQ(got.document->issue_date, (CivilDate{2025, 7, 3}));
  EXPECT_EQ(got.document->seal.state, Presence::Absent);
  EXPECT_EQ(got.document->letterhead.state, Presence::CannotVerify);
}

}  // namespace
}  // namespace evpack
