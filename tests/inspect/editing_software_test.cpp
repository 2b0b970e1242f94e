#include "evpack/inspect/editing_software.hpp"

#include <gtest/gtest.h>

namespace evpack {
namespace {

TEST(FindEditingSoftware, KnowsEditorsAndIgnoresFirmware) {
  EXPECT_EQ(find_editing_software("Adobe Photoshop CC 2019 (Windows)"), "Photoshop");
  EXPECT_EQ(find_editing_software("Adobe Photoshop Lightroom Classic 12.0 (Windows)"), "Photoshop");
  EXPECT_EQ(find_editing_software("Adobe Lightroom 7.1"), "Lightroom");
  EXPECT_EQ(find_editing_software("GIMP 2.10.34"), "GIMP");
  EXPECT_EQ(find_editing_software("MTXX"), "美图秀秀");
  EXPECT_EQ(find_editing_software("MTXX_MH20231018_131525345"), "美图秀秀");
  EXPECT_EQ(find_editing_software("Meitu"), "美图秀秀");
  EXPECT_EQ(find_editing_software("美图秀秀"), "美图秀秀");
  EXPECT_EQ(find_editing_software("醒图"), "醒图");
  EXPECT_EQ(find_editing_software("Hypic 7.2.0"), "醒图");
  EXPECT_EQ(find_editing_software("黄油相机"), "黄油相机");
  EXPECT_EQ(find_editing_software("PicsArt"), "PicsArt");
  EXPECT_EQ(find_editing_software("Snapseed 2.0"), "Snapseed");
  EXPECT_EQ(find_editing_software("光影魔术手 4.4.1"), "光影魔术手");
  EXPECT_EQ(find_editing_software("Adobe Fireworks CS4"), "Fireworks");

  EXPECT_EQ(find_editing_software(""), "");
  EXPECT_EQ(find_editing_software("HDR+ 1.0.570503588zd"), "");
  EXPECT_EQ(find_editing_software("16.1"), "");
  EXPECT_EQ(find_editing_software("G930FXXU1DQJ8"), "");
  EXPECT_EQ(find_editing_software("G930FMTXXU1"), "");  // letters inside a firmware code
  EXPECT_EQ(find_editing_software("Nikon Transfer 1.1 W"), "");
  EXPECT_EQ(find_editing_software("HUAWEI ELE-AL00 10.1.0.150"), "");
  EXPECT_EQ(find_editing_software("V12.5.1.0.RFACNXM"), "");
}

TEST(FindEditorMark, LooksInSoftwareFreeTextAndXmp) {
  PhotoMetadata meta;
  meta.software = "V12.5.1.0.RFACNXM";
  EXPECT_FALSE(find_editor_mark(meta));

  meta.notes = {{"Artist", "美图秀秀"}};
  auto mark = find_editor_mark(meta);
  ASSERT_TRUE(mark);
  EXPECT_EQ(mark->editor, "美图秀秀");
  EXPECT_EQ(mark->where, "EXIF Artist：美图秀秀");

  meta.notes = {{"XMP dc:creator", "Snapseed"}};
  ASSERT_TRUE(find_editor_mark(meta));
  EXPECT_EQ(find_editor_mark(meta)->where, "XMP dc:creator：Snapseed");

  meta.notes.clear();
  meta.xmp_properties = {"photoshop:ColorMode"};
  ASSERT_TRUE(find_editor_mark(meta));
  EXPECT_EQ(find_editor_mark(meta)->editor, "Photoshop");
  meta.xmp_properties = {"crs:Exposure2012"};
  ASSERT_TRUE(find_editor_mark(meta));
  EXPECT_EQ(find_editor_mark(meta)->editor, "Lightroom");

  meta.xmp_properties.clear();
  meta.xmp_namespaces = {"http://ns.meitu.com/mtxx/1.0/"};
  ASSERT_TRUE(find_editor_mark(meta));
  EXPECT_EQ(find_editor_mark(meta)->editor, "美图秀秀");
}

TEST(FindEditorMark, CameraAndPhoneNotesAreNotEditors) {
  PhotoMetadata meta;
  meta.software = "16.1";  // iOS
  meta.xmp_properties = {"xmp:CreatorTool", "xmp:CreateDate", "photoshop:DateCreated"};
  meta.xmp_namespaces = {"http://ns.adobe.com/xap/1.0/", "http://ns.adobe.com/photoshop/1.0/",
                         "http://ns.xiaomi.com/photos/1.0/camera/", "http://ns.google.com/photos/1.0/camera/"};
  meta.notes = {{"Artist", "王美图"},  // a given name, not the app
                {"ImageDescription", "OLYMPUS DIGITAL CAMERA"},
                {"ImageDescription", "青石县美图摄影 拍摄"},
                {"UserComment", "charset=Ascii"},
                {"Artist", "Ilya Kurikhin"},
                {"ImageDescription", "Gran Turismo 5"}};
  EXPECT_FALSE(find_editor_mark(meta)) << find_editor_mark(meta)->where;
}

}  // namespace
}  // namespace evpack
