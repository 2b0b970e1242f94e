// Thumbnails made after the check (app/thumbnails.cpp) for the HTML report.
#include "evpack/app/thumbnails.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>

#include "evpack/adapters/image_codec.hpp"
#include "evpack/app/check.hpp"
#include "evpack/report/html_report.hpp"
#include "support/check_options.hpp"
#include "support/temp_dir.hpp"

namespace evpack {
namespace {

namespace fs = std::filesystem;

CheckResult check_tree(const std::string& input) { return evpack::testing::offline_check(input); }

// Real photos from the corpus: EXIF orientations 1-8 all come out upright (landscape)
// from the inspector's previews,
// HEIC and broken files never throw, PDFs show their first page as the inspector
// rendered it.
TEST(Thumbnails, CorpusPhotosAreUprightAndBrokenFilesGiveNone) {
  const std::string corpus = evpack::testing::corpus_dir();
  if (!fs::exists(corpus + "/exif/landscape_6.jpg")) GTEST_SKIP() << "corpus missing";
  evpack::testing::TempDir dir;
  for (int n = 1; n <= 8; ++n) {
    fs::create_directories(dir.path() / "5.2主题活动");
    fs::copy_file(corpus + "/exif/landscape_" + std::to_string(n) + ".jpg",
                  dir.path() / "5.2主题活动" / ("landscape_" + std::to_string(n) + ".jpg"));
  }
  fs::create_directories(dir.path() / "6.1 学习贯彻");
  for (const char* name :
       {"cn-gongwen_report.pdf", "pdfjs_bomb_giant.pdf", "pdfjs_poppler-937-0-fuzzed.pdf", "ocrmypdf_invalid.pdf"}) {
    if (fs::exists(corpus + "/pdf/" + name)) fs::copy_file(corpus + "/pdf/" + name, dir.path() / "6.1 学习贯彻" / name);
  }
  fs::create_directories(dir.path() / "5.1信用交通宣传月");
  for (const auto& entry : fs::directory_iterator(corpus + "/heic")) {
    fs::copy_file(entry.path(), dir.path() / "5.1信用交通宣传月" / entry.path().filename());
  }
  for (const char* name : {"crash-23eba73bb01cb01caa96a389eb12955c34b98a37.jpg", "exiv2-empty.jpg"}) {
    fs::copy_file(corpus + "/exif/" + name, dir.path() / "5.1信用交通宣传月" / name);
  }
  const CheckResult r = check_tree(dir.str());
  // Photos and PDFs are not read again: their thumbnail is the preview the inspector made.
  for (int n = 1; n <= 8; ++n) fs::remove(dir.path() / "5.2主题活动" / ("landscape_" + std::to_string(n) + ".jpg"));
  const bool gongwen_copied = fs::remove(dir.path() / "6.1 学习贯彻" / "cn-gongwen_report.pdf");
  ThumbnailOptions options;
  options.jobs = 2;
  std::atomic<std::size_t> calls{0}, last_total{0}, max_done{0};
  options.progress = [&](std::size_t done, std::size_t total) {
    ++calls;
    last_total = total;
    std::size_t seen = max_done.load();
    while (done > seen && !max_done.compare_exchange_weak(seen, done)) {
    }
  };
  const auto thumbs = make_thumbnails(r, options);
  ASSERT_EQ(thumbs.size(), r.evidence.size());
  EXPECT_EQ(calls.load(), r.evidence.size()) << "one progress call per file, thumbnail or not";
  EXPECT_EQ(max_done.load(), r.evidence.size());
  EXPECT_EQ(last_total.load(), r.evidence.size());
  int landscapes = 0;
  bool gongwen = false;
  for (std::size_t i = 0; i < r.evidence.size(); ++i) {
    const std::string name = r.evidence[i].file.file_name();
    if (name.starts_with("landscape_")) {
      ASSERT_FALSE(thumbs[i].empty()) << name;
      auto img = decode_image_bytes(std::vector<std::uint8_t>(thumbs[i].begin(), thumbs[i].end()));
      ASSERT_TRUE(img) << name;
      EXPECT_EQ(img->width, 240) << name;
      EXPECT_EQ(img->height, 180) << name;
      const auto& preview = r.evidence[i].inspection.photo->preview;
      EXPECT_EQ(thumbs[i], std::string(preview.begin(), preview.end())) << name;
      ++landscapes;
    }
    if (name == "cn-gongwen_report.pdf") {
      ASSERT_FALSE(thumbs[i].empty());
      auto img = decode_image_bytes(std::vector<std::uint8_t>(thumbs[i].begin(), thumbs[i].end()));
      ASSERT_TRUE(img);
      EXPECT_GT(img->height, img->width) << "an A4 page is portrait";
      EXPECT_EQ(img->height, 240);
      const auto& preview = r.evidence[i].inspection.document->preview;
      EXPECT_EQ(thumbs[i], std::string(preview.begin(), preview.end()));
      gongwen = true;
    }
    if (name == "pdfjs_bomb_giant.pdf" || name.starts_with("crash-")) {
      EXPECT_TRUE(thumbs[i].empty()) << name;
    }
  }
  EXPECT_EQ(landscapes, 8);
  EXPECT_TRUE(gongwen_copied);
  EXPECT_TRUE(gongwen);
  // The report renders whatever came out.
  const std::string html = render_html_report(r, {}, thumbs);
  EXPECT_NE(html.find("landscape_6.jpg"), std::string::npos);
}

}  // namespace
}  // namespace evpack
