#include "evpack/evaluate/reuse.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <fstream>
#include <iterator>
#include <random>
#include <set>

#include "evpack/adapters/image_codec.hpp"
#include "evpack/adapters/image_ops.hpp"
#include "evpack/app/check.hpp"
#include "evpack/inspect/photo_hash.hpp"
#include "support/check_options.hpp"
#include "support/temp_dir.hpp"

namespace evpack {
namespace {

std::uint64_t flip(std::uint64_t h, std::initializer_list<int> bits) {
  for (const int b : bits) h ^= std::uint64_t{1} << b;
  return h;
}

TEST(NearDuplicatePairs, FindsPairsWithinTheDistanceOnly) {
  const std::uint64_t a = 0x0123456789abcdefULL;
  std::vector<std::optional<std::uint64_t>> hashes{
      a, flip(a, {1, 7, 30}), std::nullopt, ~a, a, flip(a, {0, 1, 2, 3, 4, 5, 6, 8, 9, 10, 11})};
  const auto pairs = near_duplicate_pairs(hashes, 10);
  const std::vector<std::pair<std::size_t, std::size_t>> want{{0, 1}, {0, 4}, {1, 4}};
  EXPECT_EQ(pairs, want);
  const auto groups = near_duplicate_groups(hashes, 10);
  ASSERT_EQ(groups.size(), 1U);
  EXPECT_EQ(groups[0], (std::vector<std::size_t>{0, 1, 4}));
  // Distance 11 joins the last one too (11 bits away from a).
  EXPECT_EQ(near_duplicate_groups(hashes, 11)[0], (std::vector<std::size_t>{0, 1, 4, 5}));
}

// The BK-tree must give exactly what comparing all pairs gives.
TEST(NearDuplicatePairs, AgreesWithAllPairsOnRandomClusters) {
  std::mt19937_64 rng(7);
  std::vector<std::optional<std::uint64_t>> hashes;
  for (int c = 0; c < 300; ++c) {
    const std::uint64_t centre = rng();
    const int copies = 1 + static_cast<int>(rng() % 3);
    for (int k = 0; k < copies; ++k) {
      std::uint64_t h = centre;
      for (int b = 0, n = static_cast<int>(rng() % 9); b < n; ++b) h ^= std::uint64_t{1} << (rng() % 64);
      hashes.emplace_back(h);
    }
  }
  std::vector<std::pair<std::size_t, std::size_t>> brute;
  for (std::size_t i = 0; i < hashes.size(); ++i) {
    for (std::size_t j = i + 1; j < hashes.size(); ++j) {
      if (hamming_distance(*hashes[i], *hashes[j]) <= 10) brute.emplace_back(i, j);
    }
  }
  EXPECT_FALSE(brute.empty());
  EXPECT_EQ(near_duplicate_pairs(hashes, 10), brute);
}

Evidence photo(const std::string& path, const std::string& indicator, std::uint64_t hash, const std::string& sha,
               int quarter) {
  Evidence e;
  e.file.rel_path = path;
  e.file.sha256 = sha;
  e.file.kind = ContentKind::Jpeg;
  e.placement.indicator = indicator;
  PhotoFacts facts;
  facts.phash = hash;
  e.inspection.photo = facts;
  e.inspection.date.value = Timestamp{CivilDate{2025, quarter * 3, 1}};
  e.inspection.date.source = DateSource::Watermark;
  return e;
}

TEST(FindReusedPhotos, SamePictureUnderTwoIndicatorsIsD1ListingAllCopies) {
  const std::uint64_t a = 0xf0f0f0f00f0f0f0fULL;
  std::vector<Evidence> ev{photo("2.1 制度/会议.jpg", "2.1", a, "s1", 1),
                           photo("4.1 宣传/会议_小.jpg", "4.1", flip(a, {3, 9}), "s2", 1),
                           photo("4.1 宣传/其他.jpg", "4.1", ~a, "s3", 1)};
  const auto findings = find_reused_photos(ev);
  ASSERT_EQ(findings.size(), 2U);
  for (const auto& f : findings) {
    EXPECT_EQ(f.code, "D1_PHOTO_REUSED");
    EXPECT_EQ(f.role, DeductionRole::Fabrication);
    EXPECT_NE(f.message.find("2.1 制度/会议.jpg"), std::string::npos);
    EXPECT_NE(f.message.find("4.1 宣传/会议_小.jpg"), std::string::npos);
    EXPECT_NE(f.message.find("不同指标"), std::string::npos);
  }
}

TEST(FindReusedPhotos, QuartersAndEventsCountButABurstInOneFolderDoesNot) {
  const std::uint64_t a = 0x1234123412341234ULL;
  std::vector<Evidence> quarters{photo("5.3/一季度/a.jpg", "5.3", a, "s1", 1),
                                 photo("5.3/二季度/b.jpg", "5.3", a, "s2", 2)};
  ASSERT_EQ(find_reused_photos(quarters).size(), 2U);
  EXPECT_NE(find_reused_photos(quarters)[0].message.find("不同季度"), std::string::npos);
  std::vector<Evidence> events{photo("4.1/活动一/a.jpg", "4.1", a, "s1", 1),
                               photo("4.1/活动二/b.jpg", "4.1", a, "s2", 1)};
  ASSERT_EQ(find_reused_photos(events).size(), 2U);
  EXPECT_NE(find_reused_photos(events)[0].message.find("不同活动"), std::string::npos);
  std::vector<Evidence> burst{photo("4.1/活动一/a.jpg", "4.1", a, "s1", 1),
                              photo("4.1/活动一/b.jpg", "4.1", a, "s2", 1)};
  EXPECT_TRUE(find_reused_photos(burst).empty());
  // Byte-identical files are the exact-duplicate check's business.
  std::vector<Evidence> same{photo("2.1/a.jpg", "2.1", a, "s1", 1), photo("4.1/a.jpg", "4.1", a, "s1", 1)};
  EXPECT_TRUE(find_reused_photos(same).empty());
  // Screenshots of one page look alike by design.
  std::vector<Evidence> shots{photo("2.1/a.png", "2.1", a, "s1", 1), photo("4.1/b.png", "4.1", a, "s2", 1)};
  for (auto& e : shots) e.inspection.photo->screenshot = true;
  EXPECT_TRUE(find_reused_photos(shots).empty());
}

// Two photos whose hashes are close only because they share a layout (one room,
// one angle, another day): the colour grids tell them apart.
TEST(FindReusedPhotos, NearHashesWithOtherColoursAreAnotherPhoto) {
  const std::uint64_t a = 0x0f0f0f0ff0f0f0f0ULL;
  std::vector<Evidence> ev{photo("2.1 制度/会议.jpg", "2.1", a, "s1", 1),
                           photo("4.1 宣传/会议.jpg", "4.1", flip(a, {1, 2, 3, 4, 5, 6, 7, 8, 9}), "s2", 1)};
  std::vector<std::uint8_t> grid(48, 120);
  ev[0].inspection.photo->colour_grid = grid;
  for (std::size_t k = 0; k < grid.size(); k += 3) grid[k] = 140;  // bluer everywhere: mean difference 6.7
  ev[1].inspection.photo->colour_grid = grid;
  EXPECT_GT(colour_difference(ev[0].inspection.photo->colour_grid, ev[1].inspection.photo->colour_grid),
            kReuseColourDifference);
  EXPECT_TRUE(find_reused_photos(ev).empty());
  // Slightly other colours (a recompressed copy) stay the same picture.
  for (std::size_t k = 0; k < grid.size(); k += 3) grid[k] = 126;
  ev[1].inspection.photo->colour_grid = grid;
  EXPECT_EQ(find_reused_photos(ev).size(), 2U);
}

// A copy cropped a little: its whole-picture hash has moved far (here 20 bits),
// but it lies near one window hash of the original, and the colour grids, a
// little out of register, are allowed a wider difference on that path only.
TEST(FindReusedPhotos, ACroppedCopyMatchesAWindowOfTheOriginal) {
  const std::uint64_t a = 0x0f0f0f0ff0f0f0f0ULL;
  const std::uint64_t cropped = flip(a, {0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30, 32, 34, 36, 38});
  std::vector<Evidence> ev{photo("2.1 制度/会议.jpg", "2.1", a, "s1", 1),
                           photo("4.1 宣传/会议.jpg", "4.1", cropped, "s2", 1)};
  ASSERT_GT(hamming_distance(a, cropped), kReuseDistance);
  std::vector<std::uint8_t> grid(48, 120);
  ev[0].inspection.photo->colour_grid = grid;
  for (std::size_t k = 0; k < grid.size(); k += 3) grid[k] = 142;  // mean difference 7.3
  ev[1].inspection.photo->colour_grid = grid;
  ASSERT_GT(colour_difference(ev[0].inspection.photo->colour_grid, ev[1].inspection.photo->colour_grid),
            kReuseColourDifference);
  EXPECT_TRUE(find_reused_photos(ev).empty());  // no windows: nothing links them

  for (int k = 0; k < 9; ++k) ev[0].inspection.photo->window_hashes.push_back(~a ^ static_cast<std::uint64_t>(k));
  ev[0].inspection.photo->window_hashes[7] = flip(cropped, {50, 51, 52, 53, 54});
  EXPECT_EQ(find_reused_photos(ev).size(), 2U);
  // Either way round: the cropped copy's windows against the original's hash.
  std::swap(ev[0].inspection.photo->window_hashes, ev[1].inspection.photo->window_hashes);
  EXPECT_TRUE(find_reused_photos(ev).empty());
  ev[1].inspection.photo->window_hashes[3] = flip(a, {60, 61, 62, 63, 1, 3});
  EXPECT_EQ(find_reused_photos(ev).size(), 2U);
  // One bit further than kReuseWindowDistance: another picture.
  ev[1].inspection.photo->window_hashes[3] = flip(a, {60, 61, 62, 63, 1, 3, 5});
  EXPECT_TRUE(find_reused_photos(ev).empty());
  // Near window, but the colours differ beyond kReuseCropColourDifference.
  ev[1].inspection.photo->window_hashes[3] = flip(a, {60});
  for (std::size_t k = 0; k < grid.size(); k += 3) grid[k] = 147;  // mean difference 9
  ev[1].inspection.photo->colour_grid = grid;
  EXPECT_TRUE(find_reused_photos(ev).empty());
}

// The multi-index lookup of window hashes must give exactly what comparing every
// hash with every other photo's windows gives.
TEST(ReusedPhotoPairs, WindowLookupAgreesWithAllPairs) {
  std::mt19937_64 rng(5);
  std::vector<PhotoFacts> facts(600);
  for (auto& f : facts) {
    f.phash = rng();
    f.colour_grid.assign(48, 100);
    for (int k = 0; k < 9; ++k) f.window_hashes.push_back(rng());
  }
  // Plant windows 0-9 bits away from other photos' hashes.
  for (int n = 0; n < 400; ++n) {
    auto& target = facts[rng() % facts.size()];
    std::uint64_t w = *facts[rng() % facts.size()].phash;
    for (int b = 0, flips = static_cast<int>(rng() % 10); b < flips; ++b) w ^= std::uint64_t{1} << (rng() % 64);
    target.window_hashes[rng() % 9] = w;
  }
  std::vector<const PhotoFacts*> photos;
  for (const auto& f : facts) photos.push_back(&f);
  std::vector<std::pair<std::size_t, std::size_t>> brute;
  for (std::size_t i = 0; i < facts.size(); ++i) {
    for (std::size_t j = i + 1; j < facts.size(); ++j) {
      bool near = hamming_distance(*facts[i].phash, *facts[j].phash) <= kReuseDistance;
      for (int k = 0; k < 9; ++k) {
        near = near ||
               hamming_distance(*facts[i].phash, facts[j].window_hashes[static_cast<std::size_t>(k)]) <=
                   kReuseWindowDistance ||
               hamming_distance(*facts[j].phash, facts[i].window_hashes[static_cast<std::size_t>(k)]) <=
                   kReuseWindowDistance;
      }
      if (near) brute.emplace_back(i, j);
    }
  }
  EXPECT_GT(brute.size(), 100U);
  EXPECT_EQ(reused_photo_pairs(photos), brute);
}

// Two pictures of one scene template pass the hash and colour tests; their
// previews do not correlate. A resized, recompressed copy's preview does.
TEST(FindReusedPhotos, PreviewsThatDoNotCorrelateAreAnotherPhoto) {
  const auto original = decode_image_file(evpack::testing::corpus_dir() + "/exif/DSCN0010.jpg");
  const auto other = decode_image_file(evpack::testing::corpus_dir() + "/exif/Canon_40D.jpg");
  ASSERT_TRUE(original && other);
  const auto preview = [](const RasterImage& image) {
    return encode_jpeg(downscale(image, kPreviewSide), kPreviewQuality);
  };
  const std::uint64_t a = 0x0f0f0f0ff0f0f0f0ULL;
  std::vector<Evidence> ev{photo("2.1 制度/会议.jpg", "2.1", a, "s1", 1),
                           photo("4.1 宣传/会议.jpg", "4.1", flip(a, {4}), "s2", 1)};
  ev[0].inspection.photo->preview = preview(*original);
  ev[1].inspection.photo->preview = preview(*other);
  EXPECT_TRUE(find_reused_photos(ev).empty());
  const auto copy = decode_image_bytes(encode_jpeg(downscale(*original, original->width * 6 / 10), 60));
  ASSERT_TRUE(copy);
  ev[1].inspection.photo->preview = preview(*copy);
  EXPECT_EQ(find_reused_photos(ev).size(), 2U);
  // Without a preview (or an unreadable one) the hash and colour tests decide alone.
  ev[1].inspection.photo->preview = {0xff, 0xd8, 0x00};
  EXPECT_EQ(find_reused_photos(ev).size(), 2U);
  ev[1].inspection.photo->preview.clear();
  EXPECT_EQ(find_reused_photos(ev).size(), 2U);
}

TEST(FindReusedPhotos, FiveThousandPhotosWithoutBlowUp) {
  std::mt19937_64 rng(11);
  std::vector<Evidence> ev;
  for (int i = 0; i < 5000; ++i) {
    ev.push_back(photo("p/" + std::to_string(i) + ".jpg", i % 2 ? "2.1" : "4.1", rng(), std::to_string(i), 1));
  }
  // Random colour grids: 5,000 random hashes hold a few pairs within 12 bits by
  // chance, which the colours tell apart.
  for (auto& e : ev) {
    for (int k = 0; k < 48; ++k) e.inspection.photo->colour_grid.push_back(static_cast<std::uint8_t>(rng()));
    for (int k = 0; k < 9; ++k) e.inspection.photo->window_hashes.push_back(rng());
  }
  ev[4999].inspection.photo->phash = flip(*ev[10].inspection.photo->phash, {5});
  ev[4999].inspection.photo->colour_grid = ev[10].inspection.photo->colour_grid;
  // And a cropped copy of photo 20: near one of its windows only.
  ev[4997].inspection.photo->phash = flip(ev[20].inspection.photo->window_hashes[2], {9, 33});
  ev[4997].inspection.photo->colour_grid = ev[20].inspection.photo->colour_grid;
  const auto findings = find_reused_photos(ev);
  ASSERT_EQ(findings.size(), 4U);
  EXPECT_EQ(findings[0].file, "p/10.jpg");
  EXPECT_EQ(findings[1].file, "p/4999.jpg");
  EXPECT_EQ(findings[2].file, "p/20.jpg");
  EXPECT_EQ(findings[3].file, "p/4997.jpg");
}

// End to end: one corpus photo filed under 1.4, and a copy of it (resized to 70 %,
// recompressed at quality 60) under 5.2, beside an unrelated photo. `check` reports
// both copies as D.1, each finding listing both paths, and the D.1 section has them.
TEST(FindReusedPhotos, CheckReportsAResizedRecompressedCopyUnderAnotherIndicator) {
  const std::string source = evpack::testing::corpus_dir() + "/exif/DSCN0010.jpg";
  std::ifstream in(source, std::ios::binary);
  const std::string original((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  ASSERT_FALSE(original.empty());
  const auto decoded = decode_image_file(source);
  ASSERT_TRUE(decoded);
  const auto jpeg = encode_jpeg(downscale(*decoded, decoded->width * 7 / 10), 60);
  ASSERT_FALSE(jpeg.empty());
  std::ifstream other_in(evpack::testing::corpus_dir() + "/exif/landscape_1.jpg", std::ios::binary);
  const std::string other((std::istreambuf_iterator<char>(other_in)), std::istreambuf_iterator<char>());

  evpack::testing::TempDir dir;
  dir.write("一、制度建设/1.4领导小组会议/第一次会议.jpg", original);
  dir.write("五、诚信宣传/5.2主题活动/宣传活动现场.jpg", std::string(jpeg.begin(), jpeg.end()));
  dir.write("五、诚信宣传/5.2主题活动/宣传栏.jpg", other);
  const auto result = run_check(evpack::testing::offline_check_options(dir.str()));
  ASSERT_TRUE(result) << result.error().message;

  std::vector<Finding> reused;
  std::copy_if(result->findings.begin(), result->findings.end(), std::back_inserter(reused),
               [](const Finding& f) { return f.code == "D1_PHOTO_REUSED"; });
  ASSERT_EQ(reused.size(), 2U);
  std::set<std::string> files;
  std::set<std::string> indicators;
  for (const auto& f : reused) {
    files.insert(f.file);
    indicators.insert(f.indicator);
    EXPECT_EQ(f.role, DeductionRole::Fabrication);
    EXPECT_NE(f.message.find("1.4领导小组会议/第一次会议.jpg"), std::string::npos) << f.message;
    EXPECT_NE(f.message.find("5.2主题活动/宣传活动现场.jpg"), std::string::npos) << f.message;
    EXPECT_EQ(f.message.find("宣传栏"), std::string::npos) << f.message;
  }
  EXPECT_EQ(indicators, (std::set<std::string>{"1.4", "5.2"}));
  EXPECT_EQ(files.size(), 2U);
  const auto& signals = result->evaluation.fabrication.signals;
  EXPECT_EQ(std::count_if(signals.begin(), signals.end(), [](const Finding& f) { return f.code == "D1_PHOTO_REUSED"; }),
            2);
}

// End to end with a crop: a corpus photo under 1.4 and a copy with 5 % of each
// side cut away unevenly (4 % left, 1 % right, 1 % top, 4 % bottom), recompressed,
// under 5.2. Both copies are reported as D.1.
TEST(FindReusedPhotos, CheckReportsACopyCroppedALittle) {
  const std::string source = evpack::testing::corpus_dir() + "/exif/DSCN0010.jpg";
  std::ifstream in(source, std::ios::binary);
  const std::string original((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const auto decoded = decode_image_file(source);
  ASSERT_TRUE(decoded);
  const int w = decoded->width;
  const int h = decoded->height;
  const auto jpeg = encode_jpeg(crop(*decoded, PixelRect{w * 4 / 100, h / 100, w * 95 / 100, h * 95 / 100}), 70);
  ASSERT_FALSE(jpeg.empty());

  evpack::testing::TempDir dir;
  dir.write("一、制度建设/1.4领导小组会议/第一次会议.jpg", original);
  dir.write("五、诚信宣传/5.2主题活动/宣传活动现场.jpg", std::string(jpeg.begin(), jpeg.end()));
  const auto result = run_check(evpack::testing::offline_check_options(dir.str()));
  ASSERT_TRUE(result) << result.error().message;
  std::set<std::string> files;
  for (const auto& f : result->findings) {
    if (f.code == "D1_PHOTO_REUSED") files.insert(f.file);
  }
  EXPECT_EQ(files, (std::set<std::string>{"一、制度建设/1.4领导小组会议/第一次会议.jpg",
                                          "五、诚信宣传/5.2主题活动/宣传活动现场.jpg"}));
}

// A flat panel with light "type" in it, as watermark apps draw them.
void stamp(RasterImage& image, PixelRect panel, std::array<std::uint8_t, 3> ground, std::array<std::uint8_t, 3> ink) {
  for (int y = panel.y; y < panel.y + panel.height; ++y) {
    for (int x = panel.x; x < panel.x + panel.width; ++x) {
      const bool type = ((x - panel.x) / 6 + (y - panel.y) / 9) % 3 == 0 && (y - panel.y) % 18 < 12;
      const auto& c = type ? ink : ground;
      std::copy(c.begin(), c.end(), &image.pixels[(static_cast<std::size_t>(y) * image.width + x) * 3]);
    }
  }
}

// End to end: one photo stamped by two watermark apps, each in its own style and
// corner (a dark panel bottom left; a light table top right and an orange stamp
// bottom right), filed under 1.4 and 5.1. Both are reported; the same panel on
// another photo is not a pair.
TEST(FindReusedPhotos, CheckReportsAPhotoStampedAgainByAnotherApp) {
  const auto decoded = decode_image_file(evpack::testing::corpus_dir() + "/exif/DSCN0010.jpg");
  ASSERT_TRUE(decoded);
  const int w = decoded->width;
  const int h = decoded->height;
  RasterImage first = *decoded;
  stamp(first, {w * 3 / 100, h * 70 / 100, w * 42 / 100, h * 26 / 100}, {40, 40, 40}, {250, 250, 250});
  RasterImage second = *decoded;
  stamp(second, {w * 62 / 100, h * 3 / 100, w * 35 / 100, h * 14 / 100}, {235, 235, 235}, {30, 30, 30});
  stamp(second, {w * 60 / 100, h * 90 / 100, w * 37 / 100, h * 7 / 100}, {60, 110, 150}, {0, 140, 255});
  const auto other = decode_image_file(evpack::testing::corpus_dir() + "/exif/Canon_40D.jpg");
  ASSERT_TRUE(other);
  RasterImage third = *other;
  stamp(third, {third.width * 3 / 100, third.height * 70 / 100, third.width * 42 / 100, third.height * 26 / 100},
        {40, 40, 40}, {250, 250, 250});

  // The stamps alone put the wholes too far apart for the whole-picture tests.
  const auto whole = [](const RasterImage& image) { return perceptual_hash(to_gray(image)); };
  ASSERT_GT(hamming_distance(whole(first), whole(second)), kReuseDistance);

  evpack::testing::TempDir dir;
  const auto write = [&](const std::string& path, const RasterImage& image) {
    const auto jpeg = encode_jpeg(image, 80);
    dir.write(path, std::string(jpeg.begin(), jpeg.end()));
  };
  write("一、制度建设/1.4领导小组会议/第一次会议.jpg", first);
  write("五、诚信宣传/5.1宣传月/宣传月活动现场.jpg", second);
  write("五、诚信宣传/5.1宣传月/宣传栏.jpg", third);
  const auto result = run_check(evpack::testing::offline_check_options(dir.str()));
  ASSERT_TRUE(result) << result.error().message;
  std::set<std::string> files;
  for (const auto& f : result->findings) {
    if (f.code == "D1_PHOTO_REUSED") files.insert(f.file);
  }
  EXPECT_EQ(files, (std::set<std::string>{"一、制度建设/1.4领导小组会议/第一次会议.jpg",
                                          "五、诚信宣传/5.1宣传月/宣传月活动现场.jpg"}));
}

// What a re-stamped reuse looks like in the hold-out sets and in practice: the
// photo as first filed (a large dark panel bottom left, reaching into the middle),
// and the clean photo cropped by 8 % at the top and left and 4 % at the bottom and
// right, stamped by another app (a light table top right, an orange stamp bottom
// right) and recompressed at quality 60.
struct RestampedPair {
  RasterImage first;
  RasterImage second;
};

RestampedPair restamped_pair(const RasterImage& clean) {
  const int w = clean.width;
  const int h = clean.height;
  RestampedPair out{clean, {}};
  stamp(out.first, {w * 3 / 100, h * 62 / 100, w * 45 / 100, h * 34 / 100}, {40, 40, 40}, {250, 250, 250});
  RasterImage cut = crop(clean, PixelRect{w * 8 / 100, h * 8 / 100, w * 88 / 100, h * 88 / 100});
  const int cw = cut.width;
  const int ch = cut.height;
  stamp(cut, {cw * 60 / 100, ch * 3 / 100, cw * 37 / 100, ch * 14 / 100}, {235, 235, 235}, {30, 30, 30});
  stamp(cut, {cw * 60 / 100, ch * 90 / 100, cw * 37 / 100, ch * 7 / 100}, {60, 110, 150}, {0, 140, 255});
  const auto again = decode_image_bytes(encode_jpeg(cut, 60));
  if (again) out.second = *again;
  return out;
}

// The facts the reuse check reads, made as the photo inspector makes them from a
// picture (its hashes from a 512 px gray copy, the preview at kPreviewSide).
PhotoFacts facts_of(const RasterImage& image) {
  PhotoFacts f;
  const RasterImage small = downscale(image, 512);
  const RasterImage gray = to_gray(small);
  f.phash = perceptual_hash(gray);
  f.core_hash = perceptual_hash(crop(gray, watermark_free_core(gray.width, gray.height)));
  f.core_window_hashes = core_window_hashes(gray);
  f.preview = encode_jpeg(downscale(small, kPreviewSide), kPreviewQuality);
  return f;
}

// Every pixel's channels times `gain` (another exposure of the scene).
RasterImage brighter(RasterImage image, double gain) {
  for (auto& v : image.pixels) v = static_cast<std::uint8_t>(std::min(255.0, std::round(v * gain)));
  return image;
}

// The re-stamped copy of a real photo: the older tests (whole, window and core
// hashes) miss it; its core hash lies near a core window of the first, and the
// registered previews agree where neither stamp lies, in the same colours.
TEST(ReusedPhotoPairs, ACopyCroppedATenthAndStampedAgainIsFoundByRegistering) {
  const auto clean = decode_image_file(evpack::testing::corpus_dir() + "/exif/DSCN0010.jpg");
  ASSERT_TRUE(clean);
  const auto pair = restamped_pair(*clean);
  ASSERT_FALSE(pair.second.empty());
  const PhotoFacts a = facts_of(pair.first);
  const PhotoFacts b = facts_of(pair.second);
  EXPECT_GT(hamming_distance(*a.phash, *b.phash), kReuseDistance);
  EXPECT_GT(hamming_distance(*a.core_hash, *b.core_hash), kReuseCoreDistance);
  const std::vector<const PhotoFacts*> both{&a, &b};
  EXPECT_EQ(core_window_candidates(both), (std::vector<std::pair<std::size_t, std::size_t>>{{0, 1}}));
  const AlignedAgreement agreement = aligned_agreement(a, b);
  SCOPED_TRACE(::testing::Message() << "inliers " << agreement.inliers << " scale " << agreement.scale << " blocks "
                                    << agreement.blocks << " agreeing " << agreement.agreeing << " shift "
                                    << agreement.colour_shift);
  EXPECT_TRUE(agreement.aligned);
  // The second's pixels: 1 / 0.88 of the first's, shrunk to 75 %, both previews 240 px long.
  EXPECT_NEAR(agreement.scale, 1.0 / 0.88, 0.03);
  EXPECT_NEAR(agreement.rotation_degrees, 0.0, 0.5);
  EXPECT_GE(agreement.agreeing, kReuseAlignAgreeingShare * agreement.blocks);
  EXPECT_LE(agreement.colour_shift, kReuseAlignColourShift);
  EXPECT_TRUE(agreement.same_photo());
  EXPECT_EQ(reused_photo_pairs(both), (std::vector<std::pair<std::size_t, std::size_t>>{{0, 1}}));
}

// Another exposure of the scene (the camera moved 2.5 %, the light metered 5 %
// brighter, someone walked into the middle) registers just as well but is not
// one photo: the free blocks agree in shape, not in colour. An unrelated photo
// does not register at all.
TEST(ReusedPhotoPairs, AnotherShotOfTheSceneIsNotOnePhoto) {
  const auto clean = decode_image_file(evpack::testing::corpus_dir() + "/exif/DSCN0010.jpg");
  const auto other = decode_image_file(evpack::testing::corpus_dir() + "/exif/Canon_40D.jpg");
  ASSERT_TRUE(clean && other);
  const int w = clean->width;
  const int h = clean->height;
  RasterImage shot = brighter(crop(*clean, PixelRect{w * 25 / 1000, h * 25 / 1000, w * 95 / 100, h * 95 / 100}), 1.05);
  stamp(shot, {w * 40 / 100, h * 30 / 100, w * 12 / 100, h * 40 / 100}, {70, 90, 120}, {70, 90, 120});
  const PhotoFacts a = facts_of(*clean);
  const PhotoFacts b = facts_of(shot);
  const AlignedAgreement agreement = aligned_agreement(a, b);
  EXPECT_TRUE(agreement.aligned);
  EXPECT_NEAR(agreement.scale, 1.0 / 0.95, 0.03);
  EXPECT_GT(agreement.colour_shift, kReuseAlignColourShift);
  EXPECT_FALSE(agreement.same_photo());
  const std::vector<const PhotoFacts*> both{&a, &b};
  EXPECT_TRUE(reused_photo_pairs(both).empty());
  const PhotoFacts c = facts_of(*other);
  EXPECT_FALSE(aligned_agreement(a, c).same_photo());
  EXPECT_LT(aligned_agreement(a, c).inliers, kReuseAlignMinInliers);
  // Without previews nothing can be registered.
  PhotoFacts bare_a = a;
  PhotoFacts bare_b = facts_of(restamped_pair(*clean).second);
  bare_a.preview.clear();
  bare_b.preview = {0xff, 0xd8, 0x00};
  EXPECT_FALSE(aligned_agreement(bare_a, bare_b).aligned);
  const std::vector<const PhotoFacts*> bare{&bare_a, &bare_b};
  EXPECT_TRUE(reused_photo_pairs(bare).empty());
}

// The multi-index over the core windows (up to two bits per chunk probed) must
// give exactly what comparing every core hash with every other photo's core
// windows gives.
TEST(ReusedPhotoPairs, CoreWindowLookupAgreesWithAllPairs) {
  std::mt19937_64 rng(13);
  std::vector<PhotoFacts> facts(500);
  for (auto& f : facts) {
    f.phash = rng();
    f.core_hash = rng();
    for (int k = 0; k < 75; ++k) f.core_window_hashes.push_back(rng());
  }
  // Plant windows 0-11 bits away from other photos' core hashes.
  for (int n = 0; n < 400; ++n) {
    auto& target = facts[rng() % facts.size()];
    std::uint64_t w = *facts[rng() % facts.size()].core_hash;
    for (int b = 0, flips = static_cast<int>(rng() % 12); b < flips; ++b) w ^= std::uint64_t{1} << (rng() % 64);
    target.core_window_hashes[rng() % 75] = w;
  }
  std::vector<const PhotoFacts*> photos;
  for (const auto& f : facts) photos.push_back(&f);
  std::vector<std::pair<std::size_t, std::size_t>> brute;
  for (std::size_t i = 0; i < facts.size(); ++i) {
    for (std::size_t j = i + 1; j < facts.size(); ++j) {
      bool near = false;
      for (std::size_t k = 0; k < 75 && !near; ++k) {
        near = hamming_distance(*facts[i].core_hash, facts[j].core_window_hashes[k]) <= kReuseCoreWindowDistance ||
               hamming_distance(*facts[j].core_hash, facts[i].core_window_hashes[k]) <= kReuseCoreWindowDistance;
      }
      if (near) brute.emplace_back(i, j);
    }
  }
  EXPECT_GT(brute.size(), 150U);
  EXPECT_EQ(core_window_candidates(photos), brute);
}

// End to end with real files: the re-stamped copy filed under another indicator is
// reported with the first; filed beside it in the same event's folder it is taken
// for a burst of shots and not reported; and another shot of the scene filed
// elsewhere is not reported either.
TEST(FindReusedPhotos, CheckReportsACopyCroppedAndStampedAgainButNotABurstOrAnotherShot) {
  const auto clean = decode_image_file(evpack::testing::corpus_dir() + "/exif/DSCN0010.jpg");
  ASSERT_TRUE(clean);
  const auto pair = restamped_pair(*clean);
  ASSERT_FALSE(pair.second.empty());
  const int w = clean->width;
  const int h = clean->height;
  RasterImage shot = brighter(crop(*clean, PixelRect{w * 25 / 1000, h * 25 / 1000, w * 95 / 100, h * 95 / 100}), 1.05);
  stamp(shot, {w * 40 / 100, h * 30 / 100, w * 12 / 100, h * 40 / 100}, {70, 90, 120}, {70, 90, 120});

  const auto bytes = [](const RasterImage& image, int quality) {
    const auto jpeg = encode_jpeg(image, quality);
    return std::string(jpeg.begin(), jpeg.end());
  };
  const auto reused_files = [](const CheckResult& result) {
    std::set<std::string> files;
    for (const auto& f : result.findings) {
      if (f.code == "D1_PHOTO_REUSED") files.insert(f.file);
    }
    return files;
  };
  {
    evpack::testing::TempDir dir;
    dir.write("一、制度建设/1.4领导小组会议/第一次会议.jpg", bytes(pair.first, 85));
    dir.write("五、诚信宣传/5.1宣传月/宣传月活动现场.jpg", bytes(pair.second, 90));
    dir.write("六、培训交流/6.1政策学习/学习现场.jpg", bytes(shot, 85));
    const auto result = run_check(evpack::testing::offline_check_options(dir.str()));
    ASSERT_TRUE(result) << result.error().message;
    EXPECT_EQ(reused_files(*result), (std::set<std::string>{"一、制度建设/1.4领导小组会议/第一次会议.jpg",
                                                            "五、诚信宣传/5.1宣传月/宣传月活动现场.jpg"}));
  }
  {
    evpack::testing::TempDir dir;
    dir.write("一、制度建设/1.4领导小组会议/第一次会议.jpg", bytes(pair.first, 85));
    dir.write("一、制度建设/1.4领导小组会议/第一次会议2.jpg", bytes(pair.second, 90));
    const auto result = run_check(evpack::testing::offline_check_options(dir.str()));
    ASSERT_TRUE(result) << result.error().message;
    EXPECT_TRUE(reused_files(*result).empty());
  }
}

}  // namespace
}  // namespace evpack
