// The fake inspectors themselves, and what run_check does with injected inspectors.
#include "fakes/fake_inspectors.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>

#include "support/check_options.hpp"

namespace evpack::testing {
namespace {

std::string sample_dir() { return source_dir() + "/samples/青石县佐证材料"; }

TEST(FakeInspectors, RunCheckInspectsEveryFileThroughTheInjectedInspector) {
  std::atomic<std::size_t> inspected{0};
  FakeInspectors fakes;
  fakes.on_inspect = [&](const FileRecord&) { ++inspected; };
  const auto start = std::chrono::steady_clock::now();
  auto result = run_check(fake_check_options(sample_dir(), fakes));
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ASSERT_TRUE(result) << result.error().message;
  EXPECT_EQ(inspected.load(), result->evidence.size());
  EXPECT_GT(result->evidence.size(), 40u);
  // No PDF is rendered and no photo decoded: the whole sample is checked in about a second
  // (the real inspectors without OCR take several).
  EXPECT_LT(seconds, 5.0);
  const auto pdf = std::find_if(result->evidence.begin(), result->evidence.end(),
                                [](const Evidence& e) { return e.file.kind == ContentKind::Pdf; });
  ASSERT_NE(pdf, result->evidence.end());
  ASSERT_TRUE(pdf->inspection.document);
  EXPECT_EQ(pdf->inspection.document->seal.state, Presence::Present);
  EXPECT_EQ(pdf->inspection.document->seal.reason, "（假检查）公章");
}

TEST(FakeInspectors, APlantedMissingSealZeroesItsIndicatorByD6) {
  const std::string zeroing = "关于印发2025年全县交通运输工作要点的通知.pdf";
  FakeInspectors fakes;
  fakes.document = [&](const FileRecord& file) {
    Inspection in = fake_document_inspection(file);
    if (file.file_name() == zeroing) {
      in.document->seal.state = Presence::Absent;
      in.document->seal.reason = "（假检查）未见公章";
    }
    return in;
  };
  auto result = run_check(fake_check_options(sample_dir(), fakes));
  ASSERT_TRUE(result) << result.error().message;
  // The file is the work plan of indicator 1.3.
  const auto indicator = [](const CheckResult& r, const std::string& id) {
    return *std::find_if(r.evaluation.indicators.begin(), r.evaluation.indicators.end(),
                         [&](const IndicatorResult& i) { return i.id == id; });
  };
  const IndicatorResult zeroed = indicator(result.value(), "1.3");
  EXPECT_FALSE(zeroed.zeroed_by.empty()) << "a document without its seal zeroes its indicator";
  EXPECT_EQ(zeroed.points, 0);
  const bool named = std::any_of(result->findings.begin(), result->findings.end(), [&](const Finding& f) {
    return f.rule == "D.6" && f.file.find(zeroing) != std::string::npos;
  });
  EXPECT_TRUE(named) << "the D.6 finding names the file";

  // Without the planted defect 1.3 keeps its points.
  auto clean = run_check(fake_check_options(sample_dir()));
  ASSERT_TRUE(clean);
  EXPECT_TRUE(indicator(clean.value(), "1.3").zeroed_by.empty());
  EXPECT_GT(indicator(clean.value(), "1.3").points, 0);
}

TEST(FakeInspectors, PhotosCarryAgreeingExifAndWatermarkTimesFromTheirNames) {
  FileRecord photo;
  photo.rel_path = "5.2主题活动/2025-03-18 诚信宣传.jpg";
  photo.kind = ContentKind::Jpeg;
  const Inspection in = fake_inspector()("", photo);
  ASSERT_TRUE(in.photo);
  ASSERT_TRUE(in.photo->watermark_time && in.photo->exif_time);
  EXPECT_EQ(in.photo->watermark_time->iso(), "2025-03-18 10:00:00");
  EXPECT_EQ(*in.photo->watermark_time, *in.photo->exif_time);
  EXPECT_EQ(in.date.source, DateSource::Watermark);

  FileRecord capture = photo;
  capture.rel_path = "4.4信用查询/2025-05-06 查询截图.png";
  capture.kind = ContentKind::Png;
  const Inspection shot = fake_inspector()("", capture);
  ASSERT_TRUE(shot.photo);
  EXPECT_TRUE(shot.photo->screenshot);
  ASSERT_TRUE(shot.photo->published);
  EXPECT_EQ(shot.photo->published->iso(), "2025-05-06");
}

}  // namespace
}  // namespace evpack::testing
