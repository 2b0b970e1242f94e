#include "evpack/adapters/image_ops.hpp"
#include "evpack/adapters/image_codec.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>

#include "support/temp_dir.hpp"

namespace evpack {
namespace {

namespace fs = std::filesystem;
using testing::corpus_dir;
using testing::TempDir;

std::string exif_file(const std::string& name) { return corpus_dir() + "/exif/" + name; }

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::vector<std::uint8_t> as_bytes(const std::string& s) { return {s.begin(), s.end()}; }

RasterImage decoded(const std::string& path) {
  auto image = decode_image_file(path);
  EXPECT_TRUE(image) << path << ": " << (image ? "" : image.error().message);
  return image ? std::move(image.value()) : RasterImage{};
}

// A w x h BGR image whose every pixel is distinct: B = x, G = y, R = index.
RasterImage numbered(int w, int h) {
  RasterImage image{w, h, 3, {}};
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < w; ++x) {
      image.pixels.push_back(static_cast<std::uint8_t>(x));
      image.pixels.push_back(static_cast<std::uint8_t>(y));
      image.pixels.push_back(static_cast<std::uint8_t>(y * w + x));
    }
  }
  return image;
}

std::uint8_t pixel_id(const RasterImage& image, int x, int y) {
  return image.pixels[(static_cast<std::size_t>(y) * image.width + x) * 3 + 2];
}

// A long screen capture is tens of MB: the steps that would leave it as it is
// take it over instead of copying it, and still change it when they must.
TEST(ImageOps, StepsThatChangeNothingTakeOverTheirInputInsteadOfCopyingIt) {
  RasterImage capture{4, 3, 3, std::vector<std::uint8_t>(4 * 3 * 3, 200)};
  capture.pixels[0] = 10;  // blue of the top-left pixel
  const std::uint8_t* pixels = capture.pixels.data();

  RasterImage same = downscale(std::move(capture), 10);
  EXPECT_EQ(same.pixels.data(), pixels);
  same = apply_orientation(std::move(same), 1);
  EXPECT_EQ(same.pixels.data(), pixels);

  RasterImage turned = apply_orientation(std::move(same), 6);  // stored turned 90° counter-clockwise
  EXPECT_EQ(turned.width, 3);
  EXPECT_EQ(turned.height, 4);
  EXPECT_EQ(turned.pixels[(2) * 3], 10) << "the top-left pixel goes to the top-right";

  RasterImage gray = to_gray(std::move(turned));
  ASSERT_EQ(gray.channels, 1);
  const std::uint8_t* gray_pixels = gray.pixels.data();
  RasterImage still = to_gray(std::move(gray));
  EXPECT_EQ(still.pixels.data(), gray_pixels);

  RasterImage smaller = downscale(std::move(still), 2);
  EXPECT_EQ(std::max(smaller.width, smaller.height), 2);
}

TEST(ImageOps, DecodesJpegToBgr) {
  const auto image = decoded(exif_file("DSCN0010.jpg"));
  EXPECT_EQ(image.width, 640);
  EXPECT_EQ(image.height, 480);
  EXPECT_EQ(image.channels, 3);
  EXPECT_EQ(image.pixels.size(), 640u * 480u * 3u);
}

TEST(ImageOps, EveryCorpusFileDecodesOrFailsCleanly) {
  const std::set<std::string> codes{"IMAGE_CORRUPT", "IMAGE_TOO_LARGE", "IMAGE_UNSUPPORTED"};
  int ok = 0;
  for (const char* folder : {"/exif", "/heic", "/seals"}) {
    for (const auto& entry : fs::directory_iterator(corpus_dir() + folder)) {
      const std::string path = entry.path().string();
      SCOPED_TRACE(path);
      const auto image = decode_image_file(path);
      if (image) {
        ++ok;
        EXPECT_EQ(image->pixels.size(), static_cast<std::size_t>(image->width) * image->height * image->channels);
        // The header probe must agree with the decoder, or the size limit means nothing.
        const auto probed = probe_image_size(path);
        ASSERT_TRUE(probed);
        EXPECT_EQ(probed->width, image->width);
        EXPECT_EQ(probed->height, image->height);
      } else {
        EXPECT_TRUE(codes.count(image.error().code)) << image.error().code;
        EXPECT_FALSE(image.error().message.empty());
      }
    }
  }
  // 40 JPEGs minus the broken ones (truncated, fuzzed headers) plus 3 seal images; no HEIC here.
  // At least: the shared corpus grows (a file was added on 2026-12 and one more decodes).
  EXPECT_GE(ok, 37);
}

TEST(ImageOps, TruncatedJpegIsCorruptNotGrayFilled) {
  TempDir dir;
  const std::string jpeg = slurp(exif_file("DSCN0010.jpg"));
  const auto path = dir.write("cut.jpg", jpeg.substr(0, jpeg.size() / 2));
  const auto image = decode_image_file(path.string());
  ASSERT_FALSE(image);
  EXPECT_EQ(image.error().code, "IMAGE_CORRUPT");
  EXPECT_NE(image.error().message.find("图片无法解码"), std::string::npos);
}

TEST(ImageOps, GarbageEmptyAndMissingAreCorrupt) {
  TempDir dir;
  std::mt19937 rng(7);
  std::string noise(10000, '\0');
  for (auto& c : noise) c = static_cast<char>(rng());
  for (const auto& path :
       {dir.write("noise.jpg", noise).string(), dir.write("empty.jpg", "").string(), dir.str() + "/missing.jpg"}) {
    const auto image = decode_image_file(path);
    ASSERT_FALSE(image) << path;
    EXPECT_EQ(image.error().code, "IMAGE_CORRUPT");
  }
  // A valid JPEG start followed by noise.
  const auto fake = decode_image_bytes(as_bytes("\xFF\xD8\xFF\xE0" + noise));
  ASSERT_FALSE(fake);
  EXPECT_EQ(fake.error().code, "IMAGE_CORRUPT");
}

TEST(ImageOps, RefusesDecompressionBombsFromTheHeader) {
  // A PNG whose IHDR claims 100000 x 100000 pixels (30 GB as BGR) and carries no data.
  std::string png("\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR\0\x01\x86\xa0\0\x01\x86\xa0\x08\x02\0\0\0\0\0\0\0", 33);
  const auto start = std::chrono::steady_clock::now();
  const auto image = decode_image_bytes(as_bytes(png));
  ASSERT_FALSE(image);
  EXPECT_EQ(image.error().code, "IMAGE_TOO_LARGE");
  EXPECT_NE(image.error().message.find("100000×100000"), std::string::npos);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(1));

  // A real JPEG whose frame header is patched to 60000 x 60000.
  std::string jpeg = slurp(exif_file("landscape_1.jpg"));
  const auto sof = jpeg.find("\xFF\xC0");
  ASSERT_NE(sof, std::string::npos);
  jpeg[sof + 5] = jpeg[sof + 7] = static_cast<char>(0xEA);
  jpeg[sof + 6] = jpeg[sof + 8] = static_cast<char>(0x60);
  const auto probed = probe_image_size(as_bytes(jpeg));
  ASSERT_TRUE(probed);
  EXPECT_EQ(probed->width, 60000);
  const auto big = decode_image_bytes(as_bytes(jpeg));
  ASSERT_FALSE(big);
  EXPECT_EQ(big.error().code, "IMAGE_TOO_LARGE");

  // The limit is the caller's.
  ImageLimits tight;
  tight.max_pixels = 640 * 480 - 1;
  const auto refused = decode_image_file(exif_file("DSCN0010.jpg"), tight);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, "IMAGE_TOO_LARGE");
  tight.max_file_bytes = 1000;
  tight.max_pixels = 1LL << 40;
  const auto too_long = decode_image_file(exif_file("DSCN0010.jpg"), tight);
  ASSERT_FALSE(too_long);
  EXPECT_EQ(too_long.error().code, "IMAGE_TOO_LARGE");
}

TEST(ImageOps, ProbesOtherFormatsFromTheirHeaders) {
  // 2x2 24-bit BMP, bottom-up: blue, green / red, white.
  std::string bmp("BM", 2);
  auto le32 = [](std::uint32_t v) {
    return std::string{static_cast<char>(v), static_cast<char>(v >> 8), static_cast<char>(v >> 16),
                       static_cast<char>(v >> 24)};
  };
  bmp += le32(54 + 16) + le32(0) + le32(54) + le32(40) + le32(2) + le32(2) + std::string("\x01\0\x18\0", 4) + le32(0) +
         le32(16) + le32(2835) + le32(2835) + le32(0) + le32(0);
  bmp += std::string("\xFF\0\0\0\xFF\0\0\0", 8) + std::string("\0\0\xFF\xFF\xFF\xFF\0\0", 8);
  const auto probed_bmp = probe_image_size(as_bytes(bmp));
  ASSERT_TRUE(probed_bmp);
  EXPECT_EQ(probed_bmp->width, 2);
  EXPECT_EQ(probed_bmp->height, 2);
  const auto image = decode_image_bytes(as_bytes(bmp));
  ASSERT_TRUE(image) << image.error().message;
  EXPECT_EQ(image->pixels[0], 0);     // top-left is red: B = 0
  EXPECT_EQ(image->pixels[2], 0xFF);  //                 R = 255

  // GIF: size from the header; a header alone is a broken file, a whole one decodes
  // (1x1, a two-colour table of red and black, the pixel red).
  const std::string gif_header("GIF89a\x40\x01\xF0\x00\x00\x00\x00", 13);
  const auto probed_gif = probe_image_size(as_bytes(gif_header));
  ASSERT_TRUE(probed_gif);
  EXPECT_EQ(probed_gif->width, 320);
  EXPECT_EQ(probed_gif->height, 240);
  const auto cut_gif = decode_image_bytes(as_bytes(gif_header));
  ASSERT_FALSE(cut_gif);
  EXPECT_EQ(cut_gif.error().code, "IMAGE_CORRUPT");
  const std::string gif(
      "GIF89a\x01\x00\x01\x00\x80\x00\x00\xFF\x00\x00\x00\x00\x00"
      ",\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02\x44\x01\x00;",
      35);
  const auto gif_image = decode_image_bytes(as_bytes(gif));
  ASSERT_TRUE(gif_image) << gif_image.error().message;
  EXPECT_EQ(gif_image->width, 1);
  EXPECT_EQ(gif_image->pixels, (std::vector<std::uint8_t>{0, 0, 0xFF}));

  // Lossless WebP (VP8L): 14-bit width-1 and height-1 after the 0x2F signature.
  const std::uint32_t bits = (300 - 1) | ((200 - 1) << 14);
  const std::string webp = "RIFF" + le32(30) + "WEBPVP8L" + le32(10) + "\x2F" + le32(bits) + std::string(9, '\0');
  const auto probed_webp = probe_image_size(as_bytes(webp));
  ASSERT_TRUE(probed_webp);
  EXPECT_EQ(probed_webp->width, 300);
  EXPECT_EQ(probed_webp->height, 200);

  // Little-endian TIFF with ImageWidth (SHORT) and ImageLength (LONG).
  std::string tiff("II*\0\x08\0\0\0\x02\0", 10);
  tiff += std::string("\x00\x01\x03\x00\x01\x00\x00\x00\x20\x03\x00\x00", 12);  // 256 = 800
  tiff += std::string("\x01\x01\x04\x00\x01\x00\x00\x00\x58\x02\x00\x00", 12);  // 257 = 600
  const auto probed_tiff = probe_image_size(as_bytes(tiff));
  ASSERT_TRUE(probed_tiff);
  EXPECT_EQ(probed_tiff->width, 800);
  EXPECT_EQ(probed_tiff->height, 600);

  EXPECT_FALSE(probe_image_size(as_bytes("plain text, not an image")));
}

// EXIF orientation = where the stored first row/column belong; the upright image
// U of stored S (w x h) is, per EXIF 2.32 / TIFF 6.0:
TEST(ImageOps, AppliesEveryOrientationLikeTheExifDefinition) {
  const int w = 3;
  const int h = 2;
  const RasterImage s = numbered(w, h);
  auto id = [&](int x, int y) { return pixel_id(s, x, y); };
  for (int o = 1; o <= 8; ++o) {
    SCOPED_TRACE(o);
    const RasterImage u = apply_orientation(s, o);
    const bool turned = o >= 5;
    ASSERT_EQ(u.width, turned ? h : w);
    ASSERT_EQ(u.height, turned ? w : h);
    for (int y = 0; y < u.height; ++y) {
      for (int x = 0; x < u.width; ++x) {
        std::uint8_t expected = 0;
        switch (o) {
          case 1: expected = id(x, y); break;
          case 2: expected = id(w - 1 - x, y); break;
          case 3: expected = id(w - 1 - x, h - 1 - y); break;
          case 4: expected = id(x, h - 1 - y); break;
          case 5: expected = id(y, x); break;
          case 6: expected = id(y, h - 1 - x); break;
          case 7: expected = id(w - 1 - y, h - 1 - x); break;
          case 8: expected = id(w - 1 - y, x); break;
        }
        EXPECT_EQ(pixel_id(u, x, y), expected) << "at " << x << "," << y;
      }
    }
  }
  // Out-of-range values (seen in the corpus: 36865) leave the image as it is.
  EXPECT_EQ(apply_orientation(s, 36865).pixels, s.pixels);
  EXPECT_EQ(apply_orientation(s, 0).pixels, s.pixels);
}

// landscape_1..8.jpg store the same picture under the 8 orientations.
TEST(ImageOps, CorpusLandscapesComeOutUpright) {
  const RasterImage reference = decoded(exif_file("landscape_1.jpg"));
  const std::uint64_t reference_hash = perceptual_hash(reference);
  for (int o = 1; o <= 8; ++o) {
    SCOPED_TRACE(o);
    const RasterImage stored = decoded(exif_file("landscape_" + std::to_string(o) + ".jpg"));
    const RasterImage upright = apply_orientation(stored, o);
    EXPECT_EQ(upright.width, 600);
    EXPECT_EQ(upright.height, 450);
    EXPECT_LE(hamming_distance(perceptual_hash(upright), reference_hash), 4);
  }
  // The test can tell orientations apart: mixing up 6 and 8 gives a picture upside down.
  const RasterImage six = decoded(exif_file("landscape_6.jpg"));
  EXPECT_GT(hamming_distance(perceptual_hash(apply_orientation(six, 8)), reference_hash), 16);
  const RasterImage seven = decoded(exif_file("landscape_7.jpg"));
  EXPECT_GT(hamming_distance(perceptual_hash(apply_orientation(seven, 5)), reference_hash), 16);
}

TEST(ImageOps, PerceptualHashSurvivesResizeAndRecompression) {
  const std::vector<std::string> names{"DSCN0010.jpg",   "landscape_1.jpg", "30-type_error.jpg",
                                       "45-gps_ifd.jpg", "DSC_3079.jpg",    "32-lens_data.jpeg"};
  std::vector<std::uint64_t> hashes;
  for (const auto& name : names) {
    SCOPED_TRACE(name);
    const RasterImage original = decoded(exif_file(name));
    const std::uint64_t hash = perceptual_hash(original);
    const RasterImage half = downscale(original, std::max(original.width, original.height) / 2);
    ASSERT_EQ(half.width, (original.width + 1) / 2);
    const auto jpeg = encode_jpeg(half, 60);
    ASSERT_FALSE(jpeg.empty());
    const auto copy = decode_image_bytes(jpeg);
    ASSERT_TRUE(copy);
    EXPECT_LE(hamming_distance(perceptual_hash(*copy), hash), 8);
    hashes.push_back(hash);
  }
  for (std::size_t i = 0; i < hashes.size(); ++i) {
    for (std::size_t j = i + 1; j < hashes.size(); ++j) {
      EXPECT_GE(hamming_distance(hashes[i], hashes[j]), 20) << names[i] << " vs " << names[j];
    }
  }
}

// correlation: 1 for the same picture whatever its brightness and contrast, -1
// for its negative, near 0 for an unrelated one; 0 where it is not defined.
TEST(ImageOps, CorrelationIsNormalisedCrossCorrelation) {
  const RasterImage a = resize(to_gray(decoded(exif_file("DSCN0010.jpg"))), 48, 48);
  const RasterImage b = resize(to_gray(decoded(exif_file("landscape_1.jpg"))), 48, 48);
  ASSERT_EQ(a.pixels.size(), 48U * 48U);
  RasterImage dimmer = a;
  RasterImage negative = a;
  for (std::size_t i = 0; i < a.pixels.size(); ++i) {
    dimmer.pixels[i] = static_cast<std::uint8_t>(20 + a.pixels[i] / 2);
    negative.pixels[i] = static_cast<std::uint8_t>(255 - a.pixels[i]);
  }
  EXPECT_NEAR(correlation(a, a), 1.0, 1e-9);
  EXPECT_NEAR(correlation(a, dimmer), 1.0, 0.01);  // only the rounding of a / 2
  EXPECT_NEAR(correlation(a, negative), -1.0, 1e-9);
  EXPECT_LT(std::abs(correlation(a, b)), 0.5);
  // By the definition, on a small case worked by hand: x = (0,1,2,3), y = (0,1,3,2):
  // means 1.5, covariance 1, variances 1.25 -> 0.8.
  EXPECT_NEAR(correlation(RasterImage{2, 2, 1, {0, 1, 2, 3}}, RasterImage{2, 2, 1, {0, 1, 3, 2}}), 0.8, 1e-9);
  EXPECT_EQ(correlation(a, RasterImage{48, 48, 1, std::vector<std::uint8_t>(48 * 48, 90)}), 0.0);     // flat
  EXPECT_EQ(correlation(a, resize(a, 40, 48)), 0.0);                                                  // other size
  EXPECT_EQ(correlation(a, RasterImage{48, 48, 3, std::vector<std::uint8_t>(48 * 48 * 3, 1)}), 0.0);  // colour
}

// resize: exact sizes both ways, pixels averaged when shrinking; nothing from
// nothing.
TEST(ImageOps, ResizeGivesTheExactSizeBothWays) {
  RasterImage checker{40, 20, 1, std::vector<std::uint8_t>(800)};
  for (int y = 0; y < 20; ++y) {
    for (int x = 0; x < 40; ++x) checker.pixels[static_cast<std::size_t>(y) * 40 + x] = (x + y) % 2 == 0 ? 0 : 255;
  }
  const RasterImage larger = resize(checker, 100, 37);
  EXPECT_EQ(larger.width, 100);
  EXPECT_EQ(larger.height, 37);
  EXPECT_EQ(larger.channels, 1);
  EXPECT_EQ(larger.pixels.size(), 3700u);
  const RasterImage smaller = resize(checker, 20, 10);
  ASSERT_EQ(smaller.pixels.size(), 200u);
  // Each output pixel averages two black and two white ones.
  for (const std::uint8_t v : smaller.pixels) EXPECT_NEAR(v, 128, 2);
  EXPECT_TRUE(resize(RasterImage{}, 10, 10).empty());
  EXPECT_TRUE(resize(checker, 0, 10).empty());
}

TEST(ImageOps, HammingDistanceCountsBits) {
  static_assert(hamming_distance(0, 0) == 0);
  static_assert(hamming_distance(0, ~0ULL) == 64);
  EXPECT_EQ(hamming_distance(0b1011, 0b0001), 2);
}

TEST(ImageOps, DownscaleKeepsAspectAndNeverEnlarges) {
  const RasterImage image = decoded(exif_file("DSCN0010.jpg"));
  const RasterImage small = downscale(image, 320);
  EXPECT_EQ(small.width, 320);
  EXPECT_EQ(small.height, 240);
  EXPECT_EQ(small.pixels.size(), 320u * 240u * 3u);
  const RasterImage same = downscale(image, 4000);
  EXPECT_EQ(same.width, 640);
  EXPECT_EQ(same.pixels, image.pixels);
}

TEST(ImageOps, CropClampsToTheImage) {
  const RasterImage s = numbered(10, 8);
  const RasterImage inside = crop(s, {2, 3, 4, 2});
  ASSERT_EQ(inside.width, 4);
  ASSERT_EQ(inside.height, 2);
  EXPECT_EQ(pixel_id(inside, 0, 0), pixel_id(s, 2, 3));
  EXPECT_EQ(pixel_id(inside, 3, 1), pixel_id(s, 5, 4));
  const RasterImage edge = crop(s, {-5, 6, 8, 100});
  EXPECT_EQ(edge.width, 3);
  EXPECT_EQ(edge.height, 2);
  EXPECT_EQ(pixel_id(edge, 0, 0), pixel_id(s, 0, 6));
  EXPECT_TRUE(crop(s, {20, 20, 5, 5}).empty());
  EXPECT_TRUE(crop(s, {1, 1, 0, 5}).empty());
}

TEST(ImageOps, ToGrayUsesLuma) {
  RasterImage red{1, 1, 3, {0, 0, 255}};
  const RasterImage gray = to_gray(red);
  ASSERT_EQ(gray.channels, 1);
  ASSERT_EQ(gray.pixels.size(), 1u);
  EXPECT_NEAR(gray.pixels[0], 76, 1);  // 0.299 * 255
  EXPECT_EQ(to_gray(gray).pixels, gray.pixels);
}

TEST(ImageOps, MalformedRastersAreRefusedNotRead) {
  RasterImage lying{1000, 1000, 3, {1, 2, 3}};  // claims 3 MB, holds 3 bytes
  EXPECT_TRUE(downscale(lying, 10).empty());
  EXPECT_TRUE(to_gray(lying).empty());
  EXPECT_TRUE(crop(lying, {0, 0, 10, 10}).empty());
  EXPECT_TRUE(encode_png(lying).empty());
  EXPECT_EQ(perceptual_hash(lying), 0u);
}

double mean_of(const std::vector<std::uint8_t>& pixels) {
  double sum = 0;
  for (const auto p : pixels) sum += p;
  return pixels.empty() ? 0 : sum / static_cast<double>(pixels.size());
}

TEST(ImageOps, EncodesRoundTrip) {
  const RasterImage s = numbered(40, 30);
  const auto png = encode_png(s);
  ASSERT_GT(png.size(), 8u);
  const auto back = decode_image_bytes(png);
  ASSERT_TRUE(back);
  EXPECT_EQ(back->pixels, s.pixels);  // lossless

  const RasterImage photo = decoded(exif_file("DSCN0010.jpg"));
  const auto low = encode_jpeg(photo, 30);
  const auto high = encode_jpeg(photo, 95);
  ASSERT_FALSE(low.empty());
  EXPECT_LT(low.size(), high.size());
  EXPECT_EQ(low[0], 0xFF);
  EXPECT_EQ(low[1], 0xD8);
  const auto again = decode_image_bytes(high);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->width, photo.width);
  EXPECT_EQ(again->height, photo.height);
  EXPECT_LT(std::abs(mean_of(again->pixels) - mean_of(photo.pixels)), 1.0);  // the same picture

  // Gray and BGRA in, BGR out: gray repeated in the three channels, alpha dropped.
  const RasterImage gray{3, 1, 1, {0, 128, 255}};
  const auto gray_back = decode_image_bytes(encode_png(gray));
  ASSERT_TRUE(gray_back);
  EXPECT_EQ(gray_back->pixels, (std::vector<std::uint8_t>{0, 0, 0, 128, 128, 128, 255, 255, 255}));
  const RasterImage bgra{2, 1, 4, {10, 20, 30, 255, 40, 50, 60, 0}};
  const auto bgra_back = decode_image_bytes(encode_png(bgra));
  ASSERT_TRUE(bgra_back);
  EXPECT_EQ(bgra_back->pixels, (std::vector<std::uint8_t>{10, 20, 30, 40, 50, 60}));
  const auto gray_jpeg = decode_image_bytes(encode_jpeg(gray, 95));
  ASSERT_TRUE(gray_jpeg);
  EXPECT_EQ(gray_jpeg->channels, 3);
  EXPECT_TRUE(encode_jpeg(RasterImage{5, 5, 3, {1, 2}}, 90).empty());  // a raster lying about its size
}

TEST(ImageOps, DecodesChinesePaths) {
  TempDir dir;
  const auto path = dir.write("佐证材料/一、制度建设/2025.3.18 领导小组会议.jpg", slurp(exif_file("DSCN0010.jpg")));
  const RasterImage image = decoded(path.string());
  EXPECT_EQ(image.width, 640);
  const auto probed = probe_image_size(path.string());
  ASSERT_TRUE(probed);
  EXPECT_EQ(probed->height, 480);
}

TEST(ImageOps, DecodesOrientationIgnoredSoCallersControlIt) {
  // landscape_6 stores a 450x600 portrait; the decoder must not turn it by itself.
  const RasterImage stored = decoded(exif_file("landscape_6.jpg"));
  EXPECT_EQ(stored.width, 450);
  EXPECT_EQ(stored.height, 600);
}

// A line of "type" (dark blocks 30 px tall with gaps, like characters) on a
// grainy light ground, sloping by `degrees` (down to the right when positive).
RasterImage slanted_line(double degrees) {
  const int w = 1200;
  const int h = 200;
  RasterImage img{w, h, 1, std::vector<std::uint8_t>(static_cast<std::size_t>(w) * h, 235)};
  std::mt19937 grain(7);
  for (auto& p : img.pixels) p = static_cast<std::uint8_t>(225 + grain() % 20);
  const double t = std::tan(degrees * 3.14159265358979 / 180);
  for (int x = 100; x < 1100; ++x) {
    if ((x / 20) % 3 == 2) continue;  // gaps between "characters"
    const int top = 85 + static_cast<int>(std::lround((x - w / 2) * t));
    for (int y = top; y < top + 30; ++y) img.pixels[static_cast<std::size_t>(y) * w + x] = 30;
  }
  return img;
}

// Mean row of the dark pixels in columns [x0, x1).
double ink_centre_row(const RasterImage& img, int x0, int x1) {
  double sum = 0;
  int n = 0;
  for (int y = 0; y < img.height; ++y) {
    for (int x = x0; x < x1; ++x) {
      if (img.pixels[static_cast<std::size_t>(y) * img.width + x] < 128) {
        sum += y;
        ++n;
      }
    }
  }
  return n > 0 ? sum / n : -1;
}

TEST(ImageOps, LevelTextTurnsASlantedLineLevel) {
  for (const double degrees : {2.5, -1.5, 3.0}) {
    const RasterImage slanted = slanted_line(degrees);
    // Before: the two ends of the line are many rows apart.
    ASSERT_GT(std::abs(ink_centre_row(slanted, 100, 300) - ink_centre_row(slanted, 900, 1100)), 20) << degrees;
    const RasterImage level = level_text(slanted);
    ASSERT_EQ(level.width, slanted.width);
    ASSERT_EQ(level.height, slanted.height);
    EXPECT_LT(std::abs(ink_centre_row(level, 100, 300) - ink_centre_row(level, 900, 1100)), 3) << degrees;
  }
  // A level line, a colour image and an empty one come back unchanged.
  const RasterImage flat = slanted_line(0);
  EXPECT_EQ(level_text(flat).pixels, flat.pixels);
  EXPECT_TRUE(level_text(RasterImage{}).empty());
}

TEST(ImageOps, FrameInWhiteAddsAWhiteBorderAroundTheImage) {
  const RasterImage line = slanted_line(0);
  const RasterImage framed = frame_in_white(line, 10);
  ASSERT_EQ(framed.width, line.width + 20);
  ASSERT_EQ(framed.height, line.height + 20);
  for (int x = 0; x < framed.width; ++x) {
    ASSERT_EQ(framed.pixels[static_cast<std::size_t>(x)], 255);
    ASSERT_EQ(framed.pixels[static_cast<std::size_t>(framed.height - 1) * framed.width + x], 255);
  }
  for (int y = 0; y < line.height; ++y) {
    for (int x = 0; x < line.width; ++x) {
      ASSERT_EQ(framed.pixels[static_cast<std::size_t>(y + 10) * framed.width + x + 10],
                line.pixels[static_cast<std::size_t>(y) * line.width + x]);
    }
  }
  EXPECT_EQ(frame_in_white(line, 0).pixels, line.pixels);
}

TEST(ImageOps, BinarizeLeavesOnlyBlackTypeOnWhite) {
  const RasterImage grainy = slanted_line(0);
  const RasterImage bw = binarize(grainy);
  ASSERT_EQ(bw.pixels.size(), grainy.pixels.size());
  std::set<int> values(bw.pixels.begin(), bw.pixels.end());
  EXPECT_EQ(values, (std::set<int>{0, 255}));
  for (std::size_t i = 0; i < bw.pixels.size(); ++i) {
    ASSERT_EQ(bw.pixels[i] == 0, grainy.pixels[i] < 128) << i;  // the grain is white, the type black
  }
}

// Black type crossed by a gray seal's ring (a grayscale scan): the ring goes with
// the paper, the type stays; binarize alone keeps both.
TEST(ImageOps, BinarizeDarkestInkDropsAGraySeal) {
  RasterImage page{200, 100, 1, std::vector<std::uint8_t>(200 * 100, 235)};
  const auto at = [&](int x, int y) -> std::uint8_t& { return page.pixels[static_cast<std::size_t>(y) * 200 + x]; };
  for (int y = 0; y < 100; ++y) {
    for (int x = 0; x < 200; ++x) {
      if (std::abs(std::hypot(x - 100.0, y - 50.0) - 40) < 3) at(x, y) = 150;  // the ring
      if (y >= 45 && y < 55 && x % 12 < 6) at(x, y) = 30;                      // the type, over it
    }
  }
  const RasterImage bw = binarize_darkest_ink(page);
  const RasterImage both = binarize(page);
  ASSERT_EQ(bw.pixels.size(), page.pixels.size());
  for (std::size_t i = 0; i < page.pixels.size(); ++i) {
    ASSERT_EQ(bw.pixels[i] == 0, page.pixels[i] == 30) << i;
  }
  EXPECT_EQ(both.pixels[static_cast<std::size_t>(10) * 200 + 100], 0);  // binarize keeps the ring (y 10: its top)
}

// White type with a dark outline over middling scenery (a camera stamp): only the
// lightest class, the type, is drawn black; outline and scenery go white. A flat
// picture has no ink to split.
TEST(ImageOps, BinarizeLightestInkKeepsOutlinedWhiteType) {
  RasterImage line{120, 40, 1, std::vector<std::uint8_t>(120 * 40, 120)};  // the scenery
  const auto at = [&](int x, int y) -> std::uint8_t& { return line.pixels[static_cast<std::size_t>(y) * 120 + x]; };
  for (int y = 10; y < 30; ++y) {
    for (int x = 0; x < 120; ++x) {
      if (x % 12 < 2 || x % 12 >= 6) continue;
      at(x, y) = (x % 12 == 2 || x % 12 == 5 || y == 10 || y == 29) ? 20 : 245;  // outline, then type
    }
  }
  const RasterImage bw = binarize_lightest_ink(line);
  ASSERT_EQ(bw.pixels.size(), line.pixels.size());
  for (std::size_t i = 0; i < line.pixels.size(); ++i) {
    ASSERT_EQ(bw.pixels[i] == 0, line.pixels[i] == 245) << i;
  }
  EXPECT_TRUE(binarize_lightest_ink(RasterImage{8, 8, 1, std::vector<std::uint8_t>(64, 200)}).empty());
}

// The minimum or maximum over the window of odd sides 2 * (k / 2) + 1 centred on
// (x, y), clipped at the borders: the definition open_gray and dilate_rect promise.
RasterImage window_extreme(const RasterImage& g, int kx, int ky, bool take_max) {
  RasterImage out{g.width, g.height, 1, std::vector<std::uint8_t>(g.pixels.size())};
  for (int y = 0; y < g.height; ++y) {
    for (int x = 0; x < g.width; ++x) {
      int best = take_max ? 0 : 255;
      for (int v = std::max(0, y - ky / 2); v <= std::min(g.height - 1, y + ky / 2); ++v) {
        for (int u = std::max(0, x - kx / 2); u <= std::min(g.width - 1, x + kx / 2); ++u) {
          const int p = g.pixels[static_cast<std::size_t>(v) * g.width + u];
          best = take_max ? std::max(best, p) : std::min(best, p);
        }
      }
      out.pixels[static_cast<std::size_t>(y) * g.width + x] = static_cast<std::uint8_t>(best);
    }
  }
  return out;
}

TEST(ImageOps, OpeningAndDilationMatchTheirDefinitionUpToTheBorders) {
  std::mt19937 random(7);
  RasterImage noise{37, 23, 1, std::vector<std::uint8_t>(37 * 23)};
  for (auto& p : noise.pixels) p = static_cast<std::uint8_t>(random() % 256);
  for (const int k : {1, 3, 4, 9, 25}) {
    const RasterImage opened = open_gray(noise, k);
    EXPECT_EQ(opened.pixels, window_extreme(window_extreme(noise, k, k, false), k, k, true).pixels) << k;
    for (std::size_t i = 0; i < noise.pixels.size(); ++i) ASSERT_LE(opened.pixels[i], noise.pixels[i]);
  }
  for (const auto& [kx, ky] : std::vector<std::pair<int, int>>{{15, 5}, {1, 7}, {6, 1}}) {
    EXPECT_EQ(dilate_rect(noise, kx, ky).pixels, window_extreme(noise, kx, ky, true).pixels) << kx << "x" << ky;
  }
  // A bright stroke narrower than the window is what the opening removes.
  RasterImage stroke{40, 40, 1, std::vector<std::uint8_t>(1600, 30)};
  for (int y = 5; y < 35; ++y) stroke.pixels[static_cast<std::size_t>(y) * 40 + 20] = 220;
  const RasterImage ground = open_gray(stroke, 5);
  EXPECT_EQ(std::set<int>(ground.pixels.begin(), ground.pixels.end()), std::set<int>{30});
  // Colour or inconsistent input comes back unchanged.
  const RasterImage colour{2, 2, 3, std::vector<std::uint8_t>(12, 9)};
  EXPECT_EQ(open_gray(colour, 3).pixels, colour.pixels);
  const RasterImage lying{100, 100, 1, {1, 2, 3}};
  EXPECT_EQ(dilate_rect(lying, 3, 3).pixels, lying.pixels);
}

// A CMYK JPEG (as print shops and some scanners save them): TurboJPEG gives CMYK
// only as CMYK, so Leptonica decodes it, to colour. Made with Pillow: 16x8, pure cyan.
TEST(ImageOps, CmykJpegDecodesToColour) {
  const std::string cmyk(
      "\xFF\xD8\xFF\xEE\x00\x0E\x41\x64\x6F\x62\x65\x00\x64\x00\x00\x00\x00\x00\xFF\xDB\x00\x43\x00\x02\x01\x01\x01\x01\x01\x02\x01\x01\x01\x02\x02\x02"
      "\x02\x02\x04\x03\x02\x02\x02\x02\x05\x04\x04\x03\x04\x06\x05\x06\x06\x06\x05\x06\x06\x06\x07\x09\x08\x06\x07\x09\x07\x06\x06\x08\x0B\x08\x09\x0A"
      "\x0A\x0A\x0A\x0A\x06\x08\x0B\x0C\x0B\x0A\x0C\x09\x0A\x0A\x0A\xFF\xC0\x00\x14\x08\x00\x08\x00\x10\x04\x43\x11\x00\x4D\x11\x00\x59\x11\x00\x4B\x11"
      "\x00\xFF\xC4\x00\x1F\x00\x00\x01\x05\x01\x01\x01\x01\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0A\x0B\xFF\xC4"
      "\x00\xB5\x10\x00\x02\x01\x03\x03\x02\x04\x03\x05\x05\x04\x04\x00\x00\x01\x7D\x01\x02\x03\x00\x04\x11\x05\x12\x21\x31\x41\x06\x13\x51\x61\x07\x22"
      "\x71\x14\x32\x81\x91\xA1\x08\x23\x42\xB1\xC1\x15\x52\xD1\xF0\x24\x33\x62\x72\x82\x09\x0A\x16\x17\x18\x19\x1A\x25\x26\x27\x28\x29\x2A\x34\x35\x36"
      "\x37\x38\x39\x3A\x43\x44\x45\x46\x47\x48\x49\x4A\x53\x54\x55\x56\x57\x58\x59\x5A\x63\x64\x65\x66\x67\x68\x69\x6A\x73\x74\x75\x76\x77\x78\x79\x7A"
      "\x83\x84\x85\x86\x87\x88\x89\x8A\x92\x93\x94\x95\x96\x97\x98\x99\x9A\xA2\xA3\xA4\xA5\xA6\xA7\xA8\xA9\xAA\xB2\xB3\xB4\xB5\xB6\xB7\xB8\xB9\xBA\xC2"
      "\xC3\xC4\xC5\xC6\xC7\xC8\xC9\xCA\xD2\xD3\xD4\xD5\xD6\xD7\xD8\xD9\xDA\xE1\xE2\xE3\xE4\xE5\xE6\xE7\xE8\xE9\xEA\xF1\xF2\xF3\xF4\xF5\xF6\xF7\xF8\xF9"
      "\xFA\xFF\xDA\x00\x0E\x04\x43\x00\x4D\x00\x59\x00\x4B\x00\x00\x3F\x00\xFE\x7F\xEB\xF7\xF2\xBF\x7F\x2B\xF7\xF2\x8A\x28\xA2\xBF\xFF\xD9",
      357);
  const auto image = decode_image_bytes(as_bytes(cmyk));
  ASSERT_TRUE(image) << image.error().message;
  EXPECT_EQ(image->width, 16);
  EXPECT_EQ(image->height, 8);
  EXPECT_GT(image->pixels[0], 200);  // B
  EXPECT_GT(image->pixels[1], 200);  // G
  EXPECT_LT(image->pixels[2], 60);   // R: cyan has none
}

}  // namespace
}  // namespace evpack
