#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "evpack/scan/scanner.hpp"
#include "scan/stored_zip.hpp"
#include "support/temp_dir.hpp"

namespace evpack {
namespace {

namespace stdfs = std::filesystem;
using testing::TempDir;

std::string slurp(const stdfs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// Sniffs a file on disk the way the scanner does: first 4 KiB plus the path.
ContentKind sniff_file(const stdfs::path& path) {
  const std::string bytes = slurp(path);
  return sniff_content_kind(path.string(), bytes.substr(0, 4096), bytes.size());
}

ContentKind sniff_bytes(const std::string& bytes) { return sniff_content_kind("", bytes, bytes.size()); }

std::string with_padding(std::string head, std::size_t size = 512) {
  head.resize(std::max(head.size(), size), '\0');
  return head;
}

std::string ftyp(const std::string& major, const std::vector<std::string>& compatible) {
  std::string box;
  const auto size = static_cast<unsigned>(16 + 4 * compatible.size());
  box += std::string{'\0', '\0', '\0', static_cast<char>(size)};
  box += "ftyp" + major + std::string(4, '\0');
  for (const auto& brand : compatible) box += brand;
  return with_padding(box + std::string("\0\0\0\x08"
                                        "free",
                                        8));
}

TEST(ContentKind, EveryCorpusPdfIsPdf) {
  int count = 0;
  for (const auto& entry : stdfs::directory_iterator(testing::corpus_dir() + "/pdf")) {
    EXPECT_EQ(sniff_file(entry.path()), ContentKind::Pdf) << entry.path();
    ++count;
  }
  EXPECT_GE(count, 30);  // the shared corpus grows: 31 PDFs since 2026-12
}

TEST(ContentKind, CorpusJpegsAreJpegExceptTheFuzzedHeader) {
  int jpegs = 0;
  for (const auto& entry : stdfs::directory_iterator(testing::corpus_dir() + "/exif")) {
    const ContentKind kind = sniff_file(entry.path());
    if (entry.path().filename().string().starts_with("crash-")) {
      EXPECT_EQ(kind, ContentKind::Other);  // starts FF 01 "Exiv2": not a JPEG a viewer would open
    } else {
      EXPECT_EQ(kind, ContentKind::Jpeg) << entry.path();
      ++jpegs;
    }
  }
  EXPECT_EQ(jpegs, 39);
  EXPECT_EQ(sniff_file(testing::corpus_dir() + "/seals/seal_company_round_crop.png"), ContentKind::Png);
}

TEST(ContentKind, CorpusHeicAndHeifAreHeic) {
  for (const auto& entry : stdfs::directory_iterator(testing::corpus_dir() + "/heic")) {
    EXPECT_EQ(sniff_file(entry.path()), ContentKind::Heic) << entry.path();
  }
}

TEST(ContentKind, CorpusZipsAreZipsWhateverTheirDamage) {
  const std::string dir = testing::corpus_dir() + "/zip/";
  for (const char* name : {"libarchive_nested.zip", "libzip_encrypt.zip", "zip-slip.zip", "libzip_multidisk.zip",
                           "zipbomb_zbsm-style_overlapping.zip", "cp936_old7z_gbk-names-no-utf8-flag.zip",
                           "libarchive_malformed1.zip", "libzip_testfile-truncated.zip"}) {
    EXPECT_EQ(sniff_file(dir + name), ContentKind::Zip) << name;
  }
}

TEST(ContentKind, OfficeAndOfdContainersByMemberNames) {
  TempDir dir;
  const auto docx = dir.write(
      "a.docx", testing::make_stored_zip(
                    {{"[Content_Types].xml", "<Types/>"}, {"_rels/.rels", "<R/>"}, {"word/document.xml", "<w/>"}}));
  const auto xlsx = dir.write(
      "b.xlsx", testing::make_stored_zip({{"[Content_Types].xml", "<Types/>"}, {"xl/workbook.xml", "<wb/>"}}));
  const auto pptx = dir.write(
      "c.pptx", testing::make_stored_zip({{"[Content_Types].xml", "<Types/>"}, {"ppt/presentation.xml", "<p/>"}}));
  const auto ofd =
      dir.write("d.ofd", testing::make_stored_zip({{"OFD.xml", "<ofd:OFD/>"}, {"Doc_0/Document.xml", "<d/>"}}));
  const auto plain = dir.write("e.zip", testing::make_stored_zip({{"word/not-office.txt", "no content types"}}));
  EXPECT_EQ(sniff_file(docx), ContentKind::Docx);
  EXPECT_EQ(sniff_file(xlsx), ContentKind::Xlsx);
  EXPECT_EQ(sniff_file(pptx), ContentKind::Pptx);
  EXPECT_EQ(sniff_file(ofd), ContentKind::Ofd);
  EXPECT_EQ(sniff_file(plain), ContentKind::Zip);
  // Without a path the container cannot be opened: it is a zip, nothing more.
  EXPECT_EQ(sniff_bytes(slurp(docx)), ContentKind::Zip);
}

TEST(ContentKind, ImageMagicNumbers) {
  // A complete 1x1 GIF.
  const std::string gif(
      "GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00!\xf9\x04\x01\x00\x00\x00\x00,"
      "\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;",
      43);
  EXPECT_EQ(sniff_bytes(gif), ContentKind::OtherImage);
  std::string bmp("BM\x3a\x00\x00\x00\x00\x00\x00\x00\x36\x00\x00\x00\x28\x00\x00\x00", 18);
  EXPECT_EQ(sniff_bytes(with_padding(bmp, 58)), ContentKind::OtherImage);
  EXPECT_EQ(sniff_bytes("BM is how this text file starts, it is not a bitmap."), ContentKind::Text);
  EXPECT_EQ(sniff_bytes(with_padding(std::string("II*\0\x08\0\0\0", 8))), ContentKind::OtherImage);
  EXPECT_EQ(sniff_bytes(with_padding(std::string("MM\0*\0\0\0\x08", 8))), ContentKind::OtherImage);
  EXPECT_EQ(sniff_bytes(with_padding(std::string("RIFF\x24\0\0\0WEBPVP8 ", 16))), ContentKind::OtherImage);
  EXPECT_EQ(sniff_bytes(with_padding("\xFF\xD8\xFF\xE1")), ContentKind::Jpeg);
  EXPECT_EQ(sniff_bytes(with_padding("\x89PNG\r\n\x1A\n")), ContentKind::Png);
}

TEST(ContentKind, IsoBmffBrandsSplitPhotosFromVideos) {
  EXPECT_EQ(sniff_bytes(ftyp("heic", {"mif1", "heic"})), ContentKind::Heic);
  EXPECT_EQ(sniff_bytes(ftyp("mif1", {"mif1", "heic"})), ContentKind::Heic);
  EXPECT_EQ(sniff_bytes(ftyp("avif", {"avif", "mif1"})), ContentKind::Heic);
  EXPECT_EQ(sniff_bytes(ftyp("    ", {"heix"})), ContentKind::Heic);
  EXPECT_EQ(sniff_bytes(ftyp("isom", {"isom", "iso2", "avc1", "mp41"})), ContentKind::Video);
  EXPECT_EQ(sniff_bytes(ftyp("qt  ", {"qt  "})), ContentKind::Video);
  EXPECT_EQ(sniff_bytes(ftyp("mp42", {"mp42", "isom"})), ContentKind::Video);
  EXPECT_EQ(sniff_bytes(ftyp("3gp4", {"3gp4"})), ContentKind::Video);
  EXPECT_EQ(sniff_bytes(ftyp("M4V ", {"M4V ", "mp42"})), ContentKind::Video);
  EXPECT_EQ(sniff_bytes(ftyp("M4A ", {"M4A ", "mp42", "isom"})), ContentKind::Other);  // audio
}

TEST(ContentKind, OtherVideoContainersAndOle) {
  EXPECT_EQ(sniff_bytes(with_padding(std::string("RIFF\0\0\0\0AVI LIST", 16))), ContentKind::Video);
  EXPECT_EQ(sniff_bytes(with_padding("\x1A\x45\xDF\xA3\x9F\x42\x86\x81")), ContentKind::Video);
  EXPECT_EQ(sniff_bytes(with_padding(std::string("FLV\x01\x05\0\0\0\x09", 9))), ContentKind::Video);
  EXPECT_EQ(sniff_bytes(with_padding(std::string("\0\0\0\x08wide\0\0\0\0mdat", 16))), ContentKind::Video);
  std::string ts(188 * 8, '\xFF');
  for (std::size_t i = 0; i < ts.size(); i += 188) ts[i] = 0x47;
  EXPECT_EQ(sniff_bytes(ts), ContentKind::Video);
  EXPECT_EQ(sniff_bytes(with_padding("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")), ContentKind::OleOffice);
  EXPECT_EQ(sniff_bytes(with_padding("Rar!\x1A\x07\x01")), ContentKind::Zip);
}

TEST(ContentKind, TextInUtf8AndGbk) {
  EXPECT_EQ(sniff_bytes("序号,单位,日期\n1,道路运输事业发展中心,2025-03-18\n"), ContentKind::Text);
  EXPECT_EQ(sniff_bytes("\xD0\xF2\xBA\xC5,\xB5\xA5\xCE\xBB\r\n1,\xBB\xE1\xD2\xE9\r\n"), ContentKind::Text);  // GBK CSV
  EXPECT_EQ(sniff_bytes(std::string("\xFF\xFE"
                                    "1\0"
                                    "2\0",
                                    6)),
            ContentKind::Text);  // UTF-16LE BOM
  // A head cut in the middle of a character is still text.
  std::string long_text;
  while (long_text.size() < 5000) long_text += "信用交通县创建工作";
  const std::string head = long_text.substr(0, 4096);  // 4096 is not a multiple of 3
  ASSERT_FALSE(head.size() % 3 == 0);
  EXPECT_EQ(sniff_content_kind("", head, long_text.size()), ContentKind::Text);
  // But a complete file that ends in half a character is not.
  EXPECT_EQ(sniff_bytes(std::string("\x80\x81\x82\xC3\xA4\xFF\xFE\xFD")), ContentKind::Other);
}

TEST(ContentKind, EmptyBinaryAndLatePdfHeader) {
  EXPECT_EQ(sniff_content_kind("", "", 0), ContentKind::Empty);
  EXPECT_EQ(sniff_content_kind("", "", 100), ContentKind::Other);  // bytes we could not read
  std::string binary(1024, '\0');
  for (std::size_t i = 0; i < binary.size(); ++i) binary[i] = static_cast<char>((i * 131 + 7) % 256);
  EXPECT_EQ(sniff_bytes(binary), ContentKind::Other);
  EXPECT_EQ(sniff_bytes(std::string(300, '\x01') + "%PDF-1.7\n"), ContentKind::Pdf);
  EXPECT_EQ(sniff_bytes(std::string(1100, '\x01') + "%PDF-1.7\n"), ContentKind::Other);
}

TEST(ContentKind, ExtensionsAndWhatTheyPromise) {
  EXPECT_EQ(file_extension("2025.3.18 会议.JPG"), "jpg");
  EXPECT_EQ(file_extension("2025.3.18 会议"), "");
  EXPECT_EQ(file_extension("会议2025.3.18"), "");
  EXPECT_EQ(file_extension(".bashrc"), "");
  EXPECT_EQ(file_extension("视频.MP4"), "mp4");
  EXPECT_EQ(file_extension("压缩.7z"), "7z");
  EXPECT_EQ(file_extension("no-dot"), "");
  EXPECT_EQ(file_extension("trailing."), "");

  EXPECT_EQ(kind_from_extension("jpeg"), ContentKind::Jpeg);
  EXPECT_EQ(kind_from_extension("JFIF"), ContentKind::Jpeg);
  EXPECT_EQ(kind_from_extension("heif"), ContentKind::Heic);
  EXPECT_EQ(kind_from_extension("wps"), ContentKind::OleOffice);
  EXPECT_EQ(kind_from_extension("et"), ContentKind::OleOffice);
  EXPECT_EQ(kind_from_extension("ofd"), ContentKind::Ofd);
  EXPECT_EQ(kind_from_extension("csv"), ContentKind::Text);
  EXPECT_EQ(kind_from_extension("xyz"), ContentKind::Other);
  EXPECT_EQ(kind_from_extension(""), ContentKind::Other);

  EXPECT_TRUE(is_extension_mismatch("jpg", ContentKind::Png));
  EXPECT_FALSE(is_extension_mismatch("jfif", ContentKind::Jpeg));
  EXPECT_FALSE(is_extension_mismatch("heif", ContentKind::Heic));
  EXPECT_FALSE(is_extension_mismatch("et", ContentKind::OleOffice));
  EXPECT_TRUE(is_extension_mismatch("docx", ContentKind::OleOffice));
  EXPECT_TRUE(is_extension_mismatch("docx", ContentKind::Zip));
  EXPECT_TRUE(is_extension_mismatch("jpg", ContentKind::Heic));
  EXPECT_FALSE(is_extension_mismatch("jpg", ContentKind::Empty));
  EXPECT_FALSE(is_extension_mismatch("xyz", ContentKind::Pdf));
  EXPECT_FALSE(is_extension_mismatch("txt", ContentKind::Other));
  EXPECT_TRUE(is_extension_mismatch("pdf", ContentKind::Text));
}

}  // namespace
}  // namespace evpack
