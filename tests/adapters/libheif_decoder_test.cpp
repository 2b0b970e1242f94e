#include "evpack/adapters/heif_decoder.hpp"
#include "evpack/adapters/image_codec.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include "support/temp_dir.hpp"

namespace evpack {
namespace {

namespace fs = std::filesystem;
using testing::corpus_dir;

std::string heic_file(const std::string& name) { return corpus_dir() + "/heic/" + name; }

TEST(HeifDecoder, DecodesRealPhotosUpright) {
  struct Case {
    const char* name;
    int width;
    int height;
  };
  // Sizes after the container's crop/rotation (IMG_5195: 4032x3024 coded, clap + irot).
  for (const Case& c : {Case{"IMG_5195.HEIC", 2566, 3313}, Case{"samplefilehub.heif", 640, 426},
                        Case{"libheif_example.heic", 1280, 854}, Case{"HMD_Nokia_8.3_5G_hdr.heif", 4608, 3456}}) {
    SCOPED_TRACE(c.name);
    const auto image = decode_heif_file(heic_file(c.name));
    ASSERT_TRUE(image) << image.error().code << " " << image.error().message;
    EXPECT_EQ(image->width, c.width);
    EXPECT_EQ(image->height, c.height);
    EXPECT_EQ(image->channels, 3);
    EXPECT_EQ(image->pixels.size(), static_cast<std::size_t>(c.width) * c.height * 3);
    const auto probed = probe_heif_size(heic_file(c.name));
    ASSERT_TRUE(probed);
    EXPECT_EQ(probed->width, c.width);
    EXPECT_EQ(probed->height, c.height);
  }
}

TEST(HeifDecoder, ChannelsAreBgr) {
  // IMG_5195 is purple phlox on green leaves: the centre is flowers, red+blue over green.
  const auto image = decode_heif_file(heic_file("IMG_5195.HEIC"));
  ASSERT_TRUE(image);
  long long b = 0;
  long long g = 0;
  long long r = 0;
  for (int y = image->height * 2 / 3; y < image->height * 3 / 4; ++y) {
    for (int x = image->width / 4; x < image->width / 2; ++x) {
      const auto* p = &image->pixels[(static_cast<std::size_t>(y) * image->width + x) * 3];
      b += p[0];
      g += p[1];
      r += p[2];
    }
  }
  EXPECT_GT(b, g);
  EXPECT_GT(r, g);
}

TEST(HeifDecoder, FuzzFilesAreCorruptNotCrashes) {
  for (const char* name : {"libheif-fuzz_clap-overflow-divide-zero.heic", "libheif-fuzz_github_44.heic"}) {
    SCOPED_TRACE(name);
    const auto image = decode_heif_file(heic_file(name));
    ASSERT_FALSE(image);
    EXPECT_EQ(image.error().code, "IMAGE_CORRUPT");
  }
}

TEST(HeifDecoder, RefusesOversizedImagesBeforeDecoding) {
  ImageLimits limits;
  limits.max_pixels = 1000 * 1000;
  const auto image = decode_heif_file(heic_file("HMD_Nokia_8.3_5G_hdr.heif"), limits);
  ASSERT_FALSE(image);
  EXPECT_EQ(image.error().code, "IMAGE_TOO_LARGE");
}

TEST(HeifDecoder, NonHeifInputFailsCleanly) {
  testing::TempDir dir;
  const auto jpeg = decode_heif_file(corpus_dir() + "/exif/DSCN0010.jpg");
  EXPECT_FALSE(jpeg);
  const auto missing = decode_heif_file(dir.str() + "/missing.heic");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, "IMAGE_CORRUPT");
  EXPECT_FALSE(probe_heif_size(dir.write("text.heic", "not a heif file").string()));
}

}  // namespace
}  // namespace evpack
