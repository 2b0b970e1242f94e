#include "evpack/package/bagit.hpp"

#include <gtest/gtest.h>

namespace evpack {
namespace {

TEST(Bagit, ManifestRoundTripsPercentEncodedNames) {
  const std::vector<ManifestEntry> entries = {{std::string(64, 'a'), "data/01 制度建设/100%完成.pdf"},
                                              {std::string(64, 'b'), "data/odd\nname\r.txt"}};
  const std::string text = manifest_text(entries);
  EXPECT_EQ(text, std::string(64, 'a') + "  data/01 制度建设/100%25完成.pdf\n" + std::string(64, 'b') +
                      "  data/odd%0Aname%0D.txt\n");
  auto parsed = parse_manifest(text);
  ASSERT_TRUE(parsed.ok());
  ASSERT_EQ(parsed->size(), 2u);
  EXPECT_EQ(parsed.value()[0].path, entries[0].path);
  EXPECT_EQ(parsed.value()[1].path, entries[1].path);
}

TEST(Bagit, ParsesOtherToolsFormsAndRejectsGarbage) {
  // One space, upper-case hex, sha256sum's binary marker, CRLF.
  auto parsed = parse_manifest(std::string(64, 'A') + " data/a.txt\r\n" + std::string(64, 'c') + " *data/b.txt\n\n");
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed.value()[0].sha256, std::string(64, 'a'));
  EXPECT_EQ(parsed.value()[1].path, "data/b.txt");
  auto bad = parse_manifest(std::string(64, 'a') + "  data/a.txt\nnot-a-hash data/b.txt\n");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, "BAG_MANIFEST_INVALID");
  EXPECT_NE(bad.error().message.find("第2行"), std::string::npos);
}

TEST(Bagit, TagFilesAndSizes) {
  EXPECT_EQ(bagit_declaration(), "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n");
  const std::string info = bag_info_text({{"Payload-Oxum", "10.2"}, {"External-Description", "两行\n说明"}});
  EXPECT_EQ(info, "Payload-Oxum: 10.2\nExternal-Description: 两行 说明\n");
  const auto fields = parse_tag_file("Payload-Oxum: 10.2\nExternal-Description: long\n  continued\n");
  ASSERT_EQ(fields.size(), 2u);
  EXPECT_EQ(fields[1].second, "long continued");
  EXPECT_EQ(human_size(512), "512 bytes");
  EXPECT_EQ(human_size(3u << 20), "3.0 MB");
}

}  // namespace
}  // namespace evpack
