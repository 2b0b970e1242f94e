// The whole check on the bundled sample archive, against what its generator
// labelled (samples/青石县佐证材料.labels.json).
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "evpack/app/check.hpp"
#include "evpack/report/json_report.hpp"
#include "support/check_options.hpp"
#include "support/temp_dir.hpp"

namespace evpack {
namespace {

CheckResult run_sample() {
  // No OCR: scans are covered by the inspector tests.
  auto result =
      run_check(evpack::testing::offline_check_options(evpack::testing::source_dir() + "/samples/青石县佐证材料"));
  EXPECT_TRUE(result) << (result ? "" : result.error().message);
  return std::move(result).value();
}

const IndicatorResult& indicator(const CheckResult& r, const std::string& id) {
  const auto it = std::find_if(r.evaluation.indicators.begin(), r.evaluation.indicators.end(),
                               [&](const IndicatorResult& i) { return i.id == id; });
  EXPECT_NE(it, r.evaluation.indicators.end()) << id;
  return *it;
}

bool has_finding(const CheckResult& r, const std::string& code, const std::string& file_part) {
  return std::any_of(r.findings.begin(), r.findings.end(),
                     [&](const Finding& f) { return f.code == code && f.file.find(file_part) != std::string::npos; });
}

TEST(CheckSample, ScoresAndFindingsMatchTheLabels) {
  const CheckResult r = run_sample();
  EXPECT_EQ(r.evidence.size(), 49u);
  EXPECT_EQ(r.evaluation.indicators.size(), 24u);

  // 5.4: March, April, May and July on time; June after the 15th does not count.
  const auto& i54 = indicator(r, "5.4");
  EXPECT_EQ(i54.months_late, (std::vector<int>{6}));
  EXPECT_DOUBLE_EQ(i54.points, 6);
  // 2.1: one piece of evidence per quarter.
  EXPECT_EQ(indicator(r, "2.1").quarters_covered, (std::vector<int>{1, 2, 3, 4}));
  // No evidence at all.
  EXPECT_DOUBLE_EQ(indicator(r, "4.5").points, 0);
  EXPECT_TRUE(indicator(r, "4.5").files.empty());

  EXPECT_TRUE(has_finding(r, "PDF_CORRUPT", "省厅培训通知.pdf"));                // truncated on purpose
  EXPECT_TRUE(has_finding(r, "DOC_NUMBER_FORM", "关于推行信易行守信激励措施"));  // [2025] brackets
  EXPECT_TRUE(has_finding(r, "D5_LOOSE_FILE", "新建 文本文档.txt"));
  EXPECT_TRUE(has_finding(r, "FILE_EMPTY", "新建 文本文档.txt"));

  // The plan's own number, not the provincial number it cites.
  const auto plan = std::find_if(r.evidence.begin(), r.evidence.end(), [](const Evidence& e) {
    return e.file.rel_path.find("青石县创建信用交通县工作方案.pdf") != std::string::npos;
  });
  ASSERT_NE(plan, r.evidence.end());
  ASSERT_TRUE(plan->inspection.document && plan->inspection.document->own_number);
  EXPECT_EQ(plan->inspection.document->own_number->text, "青交发〔2025〕5号");
  EXPECT_EQ(plan->inspection.date.source, DateSource::DocumentDate);
  EXPECT_EQ(plan->inspection.date.value->date, (CivilDate{2025, 3, 5}));

  // D.2: one file with an unmasked ID card (its mobile number costs nothing more);
  // D.4: two ledger rows published after 7 working days, 3 points each.
  for (const auto& d : r.evaluation.deductions) {
    if (d.id == "D.2") {
      EXPECT_DOUBLE_EQ(d.points, 3) << d.reason;
    }
    if (d.id == "D.4") {
      EXPECT_DOUBLE_EQ(d.points, 6) << d.reason;
    }
  }
  EXPECT_TRUE(has_finding(r, "PRIVACY_ID_CARD", "信用承诺书-青石县顺达物流有限公司.pdf"));
  EXPECT_TRUE(has_finding(r, "D4_LATE_PUBLICITY", "双公示台账"));
  // The ledger is D.4's material, not an unmapped file (D.5).
  EXPECT_FALSE(has_finding(r, "D5_UNMAPPED", "双公示台账"));
  const auto ledger = std::find_if(r.evidence.begin(), r.evidence.end(), [](const Evidence& e) {
    return e.file.rel_path.find("双公示台账") != std::string::npos;
  });
  ASSERT_NE(ledger, r.evidence.end());
  EXPECT_EQ(ledger->placement.indicator, "D.4");

  EXPECT_GT(r.evaluation.totals.base, 0);
  EXPECT_LE(r.evaluation.totals.total, 100 + r.evaluation.totals.bonus);
}

TEST(CheckSample, TheReportIsTheSameEveryRun) {
  ReportContext context;
  context.input = "samples/青石县佐证材料";
  const std::string first = render_json_report(run_sample(), context);
  const std::string second = render_json_report(run_sample(), context);
  EXPECT_EQ(first, second);
  EXPECT_EQ(first.find("\"generated_at\""), std::string::npos);
}

// Scans and watermark photos read with real Tesseract, by workers sharing the
// pool's engines: one worker, four workers on one engine (every call waits and
// the engine changes languages between the PDFs and the photos), three on two.
// Which engine reads a region must never change what is read.
TEST(CheckWithOcr, WorkersSharingEnginesReadExactlyWhatOneWorkerReads) {
  namespace fs = std::filesystem;
  evpack::testing::TempDir dir;
  const fs::path data = fs::path(evpack::testing::source_dir()) / "tests/data";
  for (const auto& entry : fs::directory_iterator(data / "docs")) {
    if (entry.path().extension() == ".pdf") fs::copy_file(entry.path(), dir.path() / entry.path().filename());
  }
  for (const auto& entry : fs::directory_iterator(data / "photos")) {
    if (entry.path().filename().string().rfind("watermark_", 0) == 0) {
      fs::copy_file(entry.path(), dir.path() / entry.path().filename());
    }
  }
  ReportContext context;
  context.input = "ocr";
  const auto run = [&](int jobs, int engines, int* watermarks, int* numbers) {
    CheckOptions options = evpack::testing::offline_check_options(dir.path().string());
    options.inspect.ocr = true;
    options.jobs = jobs;
    options.ocr_engines = engines;
    auto result = run_check(options);
    EXPECT_TRUE(result);
    if (!result) return std::string{};
    for (const auto& e : result->evidence) {
      if (e.inspection.photo && e.inspection.photo->watermark.state == Presence::Present) ++*watermarks;
      if (e.inspection.document && e.inspection.document->own_number) ++*numbers;
    }
    return render_json_report(*result, context);
  };
  int watermarks = 0;
  int numbers = 0;
  const std::string alone = run(1, 1, &watermarks, &numbers);
  EXPECT_GE(watermarks, 5) << "the watermark photos must have been read";
  EXPECT_GE(numbers, 3) << "the scans' numbers must have been read";
  int ignored = 0;
  EXPECT_EQ(run(4, 1, &ignored, &ignored), alone);
  EXPECT_EQ(run(3, 2, &ignored, &ignored), alone);
}

}  // namespace
}  // namespace evpack
