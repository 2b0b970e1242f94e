// The JSON report: fields beyond the sample e2e test (task systems, the D.1
// section, photo facts), parsed back with nlohmann-json.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "evpack/report/json_report.hpp"

namespace evpack {
namespace {

using nlohmann::json;

json render(const CheckResult& r) { return json::parse(render_json_report(r, ReportContext{"in", "test"})); }

TEST(JsonReport, TaskSystemsCarryCoverageAndPeriods) {
  CheckResult r;
  r.rules.id = "xuyi-2023-2025";
  r.rules.scored = false;
  IndicatorResult task;
  task.id = "2.3";
  task.title = "开展信用培训";
  task.mode = ScoringMode::Tasks;
  task.task = true;
  task.due = "每年至少2次";
  task.status = TaskStatus::Partial;
  task.items = 3;
  task.periods.push_back(TaskPeriod{"2023年", {2023, 1, 1}, {2023, 12, 31}, 2, 2, true, true});
  task.periods.push_back(TaskPeriod{"2024年", {2024, 1, 1}, {2024, 12, 31}, 1, 2, true, false});
  r.evaluation.indicators.push_back(task);
  r.evaluation.coverage = TaskCoverage{10, 4, 3, 2, 1, 0, 7};

  const json j = render(r);
  ASSERT_EQ(j["indicators"].size(), 1u);
  const json& t = j["indicators"][0]["task"];
  EXPECT_EQ(t["status"], "partial");
  EXPECT_EQ(t["due"], "每年至少2次");
  ASSERT_EQ(t["periods"].size(), 2u);
  EXPECT_EQ(t["periods"][1]["label"], "2024年");
  EXPECT_EQ(t["periods"][1]["from"], "2024-01-01");
  EXPECT_EQ(t["periods"][1]["items"], 1);
  EXPECT_EQ(t["periods"][1]["required"], 2);
  EXPECT_EQ(t["periods"][1]["met"], false);
  EXPECT_EQ(j["coverage"]["tasks"], 10);
  EXPECT_EQ(j["coverage"]["missing"], 2);
  EXPECT_EQ(j["coverage"]["with_evidence"], 7);
}

TEST(JsonReport, ScoredSystemsHaveNoCoverageButAFabricationSection) {
  CheckResult r;
  r.rules.scored = true;
  IndicatorResult ind;
  ind.id = "1.1";
  r.evaluation.indicators.push_back(ind);
  r.evaluation.fabrication.summary = "发现2项弄虚作假风险";
  r.evaluation.fabrication.files = 2;
  Finding f;
  f.code = "D1_PHOTO_REUSED";
  f.file = "a.jpg";
  r.evaluation.fabrication.signals.push_back(f);

  const json j = render(r);
  EXPECT_FALSE(j.contains("coverage"));
  EXPECT_FALSE(j["indicators"][0].contains("task"));
  EXPECT_EQ(j["fabrication"]["files"], 2);
  EXPECT_EQ(j["fabrication"]["summary"], "发现2项弄虚作假风险");
  ASSERT_EQ(j["fabrication"]["signals"].size(), 1u);
  EXPECT_EQ(j["fabrication"]["signals"][0]["code"], "D1_PHOTO_REUSED");
}

TEST(JsonReport, PhotoFactsIncludePlaceCodeLegibilityAndScreenshotFields) {
  CheckResult r;
  Evidence e;
  e.file.rel_path = "4.4/查询截图.png";
  PhotoFacts p;
  p.watermark_place = "青石县交通运输局";
  p.watermark_code = "AB12CD";
  p.brightness = 120.256;
  p.published = CivilDate{2025, 4, 3};
  p.query_fields = {"查询时间", "主体名称"};
  e.inspection.photo = p;
  r.evidence.push_back(e);

  const json j = render(r);
  const json& photo = j["files"][0]["photo"];
  EXPECT_EQ(photo["watermark_place"], "青石县交通运输局");
  EXPECT_EQ(photo["watermark_code"], "AB12CD");
  EXPECT_DOUBLE_EQ(photo["brightness"].get<double>(), 120.26);
  EXPECT_TRUE(photo["sharpness"].is_null());  // not measured
  EXPECT_EQ(photo["published"], "2025-04-03");
  EXPECT_EQ(photo["query_fields"], (json{"查询时间", "主体名称"}));
}

}  // namespace
}  // namespace evpack
