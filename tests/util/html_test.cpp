// Html: text escaped by default, markup only where marked; and the pages built with it (the
// HTML report, the catalogue) showing a hostile file name as text.
#include "evpack/util/html.hpp"

#include <gtest/gtest.h>

#include "evpack/package/catalogue.hpp"
#include "evpack/package/package_plan.hpp"
#include "evpack/report/html_report.hpp"
#include "fakes/fake_inspectors.hpp"
#include "support/temp_dir.hpp"

namespace evpack {
namespace {

TEST(Html, TextIsEscapedAndMarkupIsNot) {
  Html h;
  h.add("<td title=\"{}\">{}</td>", "a\"b", "<script>&'");
  EXPECT_EQ(h.str(), "<td title=\"a&quot;b\">&lt;script&gt;&amp;&#39;</td>");
  Html inner = Html::format("<b>{}</b>", "x<y");
  Html outer;
  outer.add("<p>{}{}{}</p>", inner, markup("<br>"), 42);
  EXPECT_EQ(outer.str(), "<p><b>x&lt;y</b><br>42</p>");
  outer.text("\x01ok").raw("<hr>");
  EXPECT_EQ(outer.str(), "<p><b>x&lt;y</b><br>42</p>ok<hr>");
}

TEST(Html, ArgumentsAndHolesThatDoNotPair) {
  EXPECT_EQ(Html::format("<i>{}</i>", "a", "<b>").str(), "<i>a</i>&lt;b&gt;");
  EXPECT_EQ(Html::format("{} and {}", "a").str(), "a and {}");
  EXPECT_EQ(Html::format("no holes").str(), "no holes");
}

// A file named with markup and an ampersand, in an indicator folder: the HTML report and the
// catalogue name it (evidence card, findings, original name) only as escaped text.
TEST(Html, AFileNameWithScriptAndAmpersandIsEscapedInTheReportAndTheCatalogue) {
  testing::TempDir dir;
  const std::string name = "通知<script>alert(1)</script>&附件.pdf";
  dir.write("一、制度建设（13分）/1.1成立领导小组/" + name, "%PDF-1.4\n%%EOF\n");
  dir.write("一、制度建设（13分）/1.1成立领导小组/名单.pdf", "%PDF-1.4\n%%EOF\n");
  auto checked = run_check(testing::fake_check_options(dir.str()));
  ASSERT_TRUE(checked) << checked.error().message;
  const std::string escaped = "通知&lt;script&gt;alert(1)&lt;/script&gt;&amp;附件";

  HtmlReportContext context;
  context.input = "材料<b>&";
  context.tool_version = "test";
  const std::string report = render_html_report(checked.value(), context);
  EXPECT_EQ(report.find("<script>alert(1)"), std::string::npos);
  EXPECT_NE(report.find(escaped), std::string::npos);
  EXPECT_EQ(report.find("材料<b>&"), std::string::npos);
  EXPECT_NE(report.find("材料&lt;b&gt;&amp;"), std::string::npos);

  PlanOptions options;
  options.bag_name = "青石县验收材料";
  auto plan = plan_package(checked.value(), options);
  ASSERT_TRUE(plan) << plan.error().message;
  CatalogueContext catalogue;
  catalogue.title = "青石县<i>验收材料";
  const std::string page = render_catalogue_html(checked.value(), *plan, catalogue);
  EXPECT_EQ(page.find("<script>"), std::string::npos);  // the catalogue has no script of its own
  EXPECT_EQ(page.find("<i>"), std::string::npos);
  EXPECT_NE(page.find("青石县&lt;i&gt;验收材料"), std::string::npos);
  EXPECT_NE(page.find(escaped), std::string::npos);
}

}  // namespace
}  // namespace evpack
