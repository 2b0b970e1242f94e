#include "evpack/evaluate/reuse.hpp"

#include <gtest/gtest.h>

#include <random>
#include <set>

#include "evpack/adapters/image_ops.hpp"

namespace evpack {
namespace {

std::uint64_t flip(std::uint64_t h, std::initializer_list<int> bits) {
  for (const int b : bits) h ^= std::uint64_t{1} << b;
  return h;
}

TEST(NearDuplicatePairs, FindsPairsWithinTheDistanceOnly) {
  const std::uint64_t a = 0x0123456789abcdefULL;
  std::vector<std::optional<std::uint64_t>> hashes{a, flip(a, {1, 7, 30}), std::nullopt, ~a, a,
                                                   flip(a, {0, 1, 2, 3, 4, 5, 6, 8, 9, 10, 11})};
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
    EXPECT_EQ(f.rule, "D.1");
    EXPECT_NE(f.message.find("2.1 制度/会议.jpg"), std::string::npos);
    EXPECT_NE(f.message.find("4.1 宣传/会议_小.jpg"), std::string::npos);
    EXPECT_NE(f.message.find("不同指标"), std::string::npos);
  }
}

TEST(FindReusedPhotos, QuartersAndEventsCountButABurstInOneFolderDoesNot) {
  const std::uint64_t a = 0x1234123412341234ULL;
  std::vector<Evidence> quarters{photo("5.3/一季度/a.jpg", "5.3", a, "s1", 1), photo("5.3/二季度/b.jpg", "5.3", a, "s2", 2)};
  ASSERT_EQ(find_reused_photos(quarters).size(), 2U);
  EXPECT_NE(find_reused_photos(quarters)[0].message.find("不同季度"), std::string::npos);
  std::vector<Evidence> events{photo("4.1/活动一/a.jpg", "4.1", a, "s1", 1), photo("4.1/活动二/b.jpg", "4.1", a, "s2", 1)};
  ASSERT_EQ(find_reused_photos(events).size(), 2U);
  EXPECT_NE(find_reused_photos(events)[0].message.find("不同活动"), std::string::npos);
  std::vector<Evidence> burst{photo("4.1/活动一/a.jpg", "4.1", a, "s1", 1), photo("4.1/活动一/b.jpg", "4.1", a, "s2", 1)};
  EXPECT_TRUE(find_reused_photos(burst).empty());
  // Byte-identical files are the exact-duplicate check's business.
  std::vector<Evidence> same{photo("2.1/a.jpg", "2.1", a, "s1", 1), photo("4.1/a.jpg", "4.1", a, "s1", 1)};
  EXPECT_TRUE(find_reused_photos(same).empty());
  // Screenshots of one page look alike by design.
  std::vector<Evidence> shots{photo("2.1/a.png", "2.1", a, "s1", 1), photo("4.1/b.png", "4.1", a, "s2", 1)};
  for (auto& e : shots) e.inspection.photo->screenshot = true;
  EXPECT_TRUE(find_reused_photos(shots).empty());
}

TEST(FindReusedPhotos, FiveThousandPhotosWithoutBlowUp) {
  std::mt19937_64 rng(11);
  std::vector<Evidence> ev;
  for (int i = 0; i < 5000; ++i) {
    ev.push_back(photo("p/" + std::to_string(i) + ".jpg", i % 2 ? "2.1" : "4.1", rng(), std::to_string(i), 1));
  }
  ev[4999].inspection.photo->phash = flip(*ev[10].inspection.photo->phash, {5});
  const auto findings = find_reused_photos(ev);
  ASSERT_EQ(findings.size(), 2U);
  EXPECT_EQ(findings[0].file, "p/10.jpg");
  EXPECT_EQ(findings[1].file, "p/4999.jpg");
}

}  // namespace
}  // namespace evpack
