// The HTML report on the bundled sample archive and on real corpus files: content,
// determinism, self-containment, thumbnails, and a real browser (headless Chromium).
#include "evpack/report/html_report.hpp"
#include "evpack/app/thumbnails.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "evpack/adapters/image_codec.hpp"
#include "support/check_options.hpp"
#include "support/external_tool.hpp"
#include "support/temp_dir.hpp"

namespace evpack {
namespace {

namespace fs = std::filesystem;

CheckResult check_tree(const std::string& input) { return evpack::testing::offline_check(input); }

std::string sample_dir() { return evpack::testing::source_dir() + "/samples/青石县佐证材料"; }

const CheckResult& sample() {
  static const CheckResult result = check_tree(sample_dir());
  return result;
}

const std::vector<std::string>& sample_thumbnails() {
  static const std::vector<std::string> thumbs = [] {
    ThumbnailOptions options;
    options.jobs = 2;
    return make_thumbnails(sample(), options);
  }();
  return thumbs;
}

HtmlReportContext sample_context(ReportLang lang = ReportLang::Zh) {
  HtmlReportContext context;
  context.input = "samples/青石县佐证材料";
  context.tool_version = "test";
  context.check_date = {2026, 1, 20};
  context.lang = lang;
  return context;
}

std::string fmt(double v) {
  std::ostringstream s;
  s << v;
  return s.str();
}

const IndicatorResult& indicator(const CheckResult& r, const std::string& id) {
  const auto it = std::find_if(r.evaluation.indicators.begin(), r.evaluation.indicators.end(),
                               [&](const IndicatorResult& i) { return i.id == id; });
  EXPECT_NE(it, r.evaluation.indicators.end()) << id;
  return *it;
}

std::size_t count_of(const std::string& haystack, const std::string& needle) {
  std::size_t n = 0;
  for (std::size_t pos = haystack.find(needle); pos != std::string::npos; pos = haystack.find(needle, pos + 1)) ++n;
  return n;
}

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

TEST(HtmlReport, ParsesLanguageNames) {
  EXPECT_EQ(parse_report_lang("zh"), ReportLang::Zh);
  EXPECT_EQ(parse_report_lang("zh-CN"), ReportLang::Zh);
  EXPECT_EQ(parse_report_lang("EN"), ReportLang::En);
  EXPECT_EQ(parse_report_lang("en_US"), ReportLang::En);
  EXPECT_FALSE(parse_report_lang("fr"));
  EXPECT_FALSE(parse_report_lang("english"));
  EXPECT_FALSE(parse_report_lang(""));
}

TEST(HtmlReport, SampleReportShowsScoresZeroedFilesAndUnits) {
  const CheckResult& r = sample();
  const std::string html = render_html_report(r, sample_context(), sample_thumbnails());
  const Totals& t = r.evaluation.totals;
  EXPECT_NE(html.find("id=\"total-score\">" + fmt(t.total) + "<"), std::string::npos);
  EXPECT_NE(html.find("id=\"base-score\">" + fmt(t.base) + "<"), std::string::npos);
  // 1.3 is zeroed by D.6 (no seal): its file is named on the first screen and in its section.
  const auto& i13 = indicator(r, "1.3");
  ASSERT_FALSE(i13.zeroed_by.empty());
  const std::string zeroed_file = "关于印发2025年全县交通运输工作要点的通知.pdf";
  const auto summary_end = html.find("id=\"indicators\"");
  EXPECT_NE(html.find(zeroed_file), std::string::npos);
  EXPECT_LT(html.find(zeroed_file), summary_end) << "the zeroing file belongs on the first screen";
  EXPECT_NE(html.find("被扣为0分的指标"), std::string::npos);
  // Every indicator has a row and a section; 5.4's months show June late and 1.4's Q4 missing.
  for (const auto& i : r.evaluation.indicators) {
    EXPECT_NE(html.find("id=\"ind-" + i.id + "\""), std::string::npos) << i.id;
    EXPECT_NE(html.find("id=\"row-ind-" + i.id + "\""), std::string::npos) << i.id;
  }
  const auto s54 = html.find("id=\"ind-5.4\"");
  const auto s61 = html.find("id=\"ind-6.1\"");
  ASSERT_NE(s54, std::string::npos);
  const std::string sec54 = html.substr(s54, s61 - s54);
  EXPECT_NE(sec54.find("<span class=\"late\">6月<br>逾期</span>"), std::string::npos);
  EXPECT_NE(sec54.find("<span class=\"ok\">3月<br>有</span>"), std::string::npos);
  const auto s14 = html.find("id=\"ind-1.4\"");
  const std::string sec14 = html.substr(s14, html.find("id=\"ind-2.1\"") - s14);
  EXPECT_NE(sec14.find("<span class=\"gap\" title=\"四季度 缺\">"), std::string::npos);
  // Risks by severity and a to-do block per unit; the ID-card finding names its fix.
  EXPECT_NE(html.find("data-code=\"PRIVACY_ID_CARD\""), std::string::npos);
  EXPECT_NE(html.find("data-unit=\"局法制科\""), std::string::npos);
  EXPECT_NE(html.find("隐去身份证号"), std::string::npos);
  // Unmapped files are listed.
  const auto unmapped = html.find("id=\"unmapped\"");
  ASSERT_NE(unmapped, std::string::npos);
  EXPECT_NE(html.find("其他/杂项.docx", unmapped), std::string::npos);
  // Document cards carry the verdicts, photo cards the dates.
  EXPECT_NE(html.find("青交发〔2025〕5号"), std::string::npos);
  EXPECT_NE(html.find("公章 无"), std::string::npos);
}

TEST(HtmlReport, IsDeterministicSelfContainedAndSmall) {
  const CheckResult& r = sample();
  const std::string a = render_html_report(r, sample_context(), sample_thumbnails());
  const std::string b = render_html_report(r, sample_context(), make_thumbnails(r, {}));
  EXPECT_EQ(a, b) << "same input, same bytes (thumbnails included)";
  // Nothing loaded from the network or from other files.
  EXPECT_EQ(a.find("http://"), std::string::npos);
  EXPECT_EQ(a.find("https://"), std::string::npos);
  EXPECT_EQ(a.find("<link"), std::string::npos);
  EXPECT_EQ(a.find("src=\"file:"), std::string::npos);
  // A plain scan, not std::regex: libstdc++'s regex recurses per character and overflowed
  // the stack under ASan on the megabytes of base64 thumbnails.
  for (std::size_t at = a.find("src=\""); at != std::string::npos; at = a.find("src=\"", at + 5)) {
    const std::size_t value = at + 5;
    const std::size_t end = a.find('"', value);
    ASSERT_NE(end, std::string::npos);
    EXPECT_EQ(a.compare(value, 23, "data:image/jpeg;base64,"), 0) << a.substr(value, 60);
  }
  // Thumbnails for every readable photo and PDF of the sample (the truncated PDF renders
  // nothing, the docx and text files have none).
  std::size_t photos = 0, pdfs = 0;
  for (std::size_t i = 0; i < r.evidence.size(); ++i) {
    const auto& e = r.evidence[i];
    if (is_image(e.file.kind) && e.inspection.readable) {
      ++photos;
      EXPECT_FALSE(sample_thumbnails()[i].empty()) << e.file.rel_path;
    }
    if (e.file.kind == ContentKind::Pdf && e.inspection.readable) {
      ++pdfs;
      EXPECT_FALSE(sample_thumbnails()[i].empty()) << e.file.rel_path;
    }
    if (e.file.kind == ContentKind::Docx || e.file.kind == ContentKind::Empty) {
      EXPECT_TRUE(sample_thumbnails()[i].empty()) << e.file.rel_path;
    }
  }
  EXPECT_GE(photos, 20u);
  EXPECT_GE(pdfs, 15u);
  // Every mapped file's thumbnail is shown once, on its indicator's card.
  std::size_t mapped_thumbs = 0;
  for (std::size_t i = 0; i < r.evidence.size(); ++i) {
    if (!r.evidence[i].placement.indicator.empty() && !sample_thumbnails()[i].empty()) ++mapped_thumbs;
  }
  EXPECT_EQ(count_of(a, "data:image/jpeg;base64,"), mapped_thumbs);
  // Each thumbnail is a small JPEG no larger than 240 px.
  std::size_t bytes = 0;
  for (const auto& t : sample_thumbnails()) {
    if (t.empty()) continue;
    bytes += t.size();
    auto img = decode_image_bytes(std::vector<std::uint8_t>(t.begin(), t.end()));
    ASSERT_TRUE(img);
    EXPECT_LE(std::max(img->width, img->height), 240);
    EXPECT_GE(std::max(img->width, img->height), 100);
  }
  // 2,000 photos must stay under ~30 MB: about 15 KB of base64 per thumbnail at most.
  const std::size_t with = static_cast<std::size_t>(std::count_if(
      sample_thumbnails().begin(), sample_thumbnails().end(), [](const std::string& s) { return !s.empty(); }));
  EXPECT_LT(bytes / with * 4 / 3, 15000u) << "average thumbnail too large";
  // Without thumbnails the report is a plain page of a few hundred KB at most.
  const std::string plain = render_html_report(r, sample_context());
  EXPECT_EQ(plain.find("data:image"), std::string::npos);
  EXPECT_LT(plain.size(), 400'000u);
}

TEST(HtmlReport, EscapesHostileNamesAndMessages) {
  CheckResult r;
  r.rules.id = "x";
  r.rules.title = "规则<b>";
  Evidence e;
  e.file.rel_path = "其他/<script>alert(1)</script>&\"'.jpg";
  e.file.kind = ContentKind::Jpeg;
  r.evidence.push_back(e);
  Finding f;
  f.code = "X";
  f.severity = Severity::Fatal;
  f.file = e.file.rel_path;
  f.message = "日期晚于检查日期 <img src=x onerror=alert(1)>";
  r.findings.push_back(f);
  const std::string html = render_html_report(r, {});
  EXPECT_EQ(html.find("<script>alert"), std::string::npos);
  EXPECT_EQ(html.find("<img src=x"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;alert(1)&lt;/script&gt;&amp;&quot;&#39;.jpg"), std::string::npos);
  EXPECT_NE(html.find("规则&lt;b&gt;"), std::string::npos);
  // A finding without advice still gets one; the unassigned unit collects it.
  EXPECT_NE(html.find("data-unit=\"未指定科室\""), std::string::npos);
  EXPECT_NE(html.find(fix_advice(f)), std::string::npos);
  EXPECT_FALSE(fix_advice(f).empty());
}

TEST(HtmlReport, EnglishLabelsKeepTheNumbers) {
  const CheckResult& r = sample();
  const std::string en = render_html_report(r, sample_context(ReportLang::En));
  EXPECT_NE(en.find("<html lang=\"en\">"), std::string::npos);
  EXPECT_NE(en.find("Indicators zeroed"), std::string::npos);
  EXPECT_NE(en.find("id=\"total-score\">" + fmt(r.evaluation.totals.total) + "<"), std::string::npos);
  EXPECT_EQ(en.find("被扣为0分的指标"), std::string::npos);
  EXPECT_NE(en.find("data-unit=\"局法制科\""), std::string::npos);
}

TEST(HtmlReport, UnitsOfAFindingComeFromItsIndicatorOrItsFile) {
  const CheckResult& r = sample();
  Finding by_indicator;
  by_indicator.indicator = "1.3";
  const auto units = responsible_units(r, by_indicator);
  ASSERT_FALSE(units.empty());
  EXPECT_EQ(units, r.rules.find_indicator("1.3")->units);
  Finding by_file;
  for (const auto& e : r.evidence) {
    if (e.placement.indicator == "5.4") by_file.file = e.file.rel_path;
  }
  ASSERT_FALSE(by_file.file.empty());
  EXPECT_EQ(responsible_units(r, by_file), r.rules.find_indicator("5.4")->units);
  Finding none;
  none.file = "其他/杂项.docx";
  EXPECT_EQ(responsible_units(r, none), std::vector<std::string>{"未指定科室"});
  EXPECT_EQ(responsible_units(r, none, ReportLang::En), std::vector<std::string>{"Unassigned"});
  const auto order = units_in_order(r);
  ASSERT_FALSE(order.empty());
  EXPECT_EQ(order.front(), r.rules.indicators.front().units.front());
}

// The report in a real browser: it renders, its script runs without error, the key
// numbers are in the DOM, and a screenshot is saved for a human to look at.
TEST(HtmlReportBrowser, SampleReportRendersInHeadlessChromium) {
  const std::string chromium = "/usr/bin/chromium";
  if (!fs::exists(chromium)) GTEST_SKIP() << "chromium is not installed (apt-get install chromium)";
  const CheckResult& r = sample();
  const fs::path out_dir = fs::temp_directory_path() / "evpack-html-report";
  fs::create_directories(out_dir);
  const fs::path page = out_dir / "自检报告.html";
  { std::ofstream(page, std::ios::binary) << render_html_report(r, sample_context(), sample_thumbnails()); }
  evpack::testing::TempDir profile;
  const std::string common = chromium +
                             " --headless=new --no-sandbox --disable-gpu --no-first-run --disable-extensions " +
                             "--user-data-dir=" + evpack::testing::shell_quote(profile.str()) + " ";
  const std::string url = "file://" + page.string();
  const auto dom = evpack::testing::run_command("timeout 120 " + common + "--virtual-time-budget=3000 --dump-dom " +
                                                evpack::testing::shell_quote(url) + " 2>/dev/null");
  ASSERT_EQ(dom.exit_code, 0) << dom.output.substr(0, 2000);
  EXPECT_NE(dom.output.find("id=\"evpack-js-ok\""), std::string::npos) << "the page script did not finish";
  EXPECT_EQ(dom.output.find("id=\"evpack-js-error\""), std::string::npos) << dom.output.substr(0, 400);
  EXPECT_NE(dom.output.find("id=\"total-score\">" + fmt(r.evaluation.totals.total) + "<"), std::string::npos);
  const auto& i54 = indicator(r, "5.4");
  EXPECT_NE(dom.output.find(fmt(i54.points) + " / " + fmt(i54.cap)), std::string::npos);
  EXPECT_NE(dom.output.find("关于印发2025年全县交通运输工作要点的通知.pdf"), std::string::npos);
  // The filter script ran: the count shows the findings above 提示 (info is unchecked).
  std::size_t shown = 0;
  for (const auto& f : r.findings) shown += f.severity == Severity::Info ? 0 : 1;
  EXPECT_NE(dom.output.find("id=\"risk-count\">" + std::to_string(shown) + "<"), std::string::npos);

  for (const auto& [name, size] :
       {std::pair<std::string, std::string>{"report-top.png", "1280,2000"}, {"report-mobile.png", "420,1600"}}) {
    const fs::path shot = out_dir / name;
    fs::remove(shot);
    const auto s = evpack::testing::run_command("timeout 120 " + common + "--hide-scrollbars --window-size=" + size +
                                                " --screenshot=" + evpack::testing::shell_quote(shot.string()) + " " +
                                                evpack::testing::shell_quote(url) + " 2>/dev/null");
    ASSERT_EQ(s.exit_code, 0) << s.output.substr(0, 2000);
    ASSERT_TRUE(fs::exists(shot));
    EXPECT_GT(fs::file_size(shot), 50'000u) << "a blank page compresses to almost nothing";
    std::cout << "screenshot: " << shot.string() << "\n";
  }
  // A4 print to PDF works too (the print stylesheet).
  const fs::path pdf = out_dir / "report.pdf";
  fs::remove(pdf);
  const auto p = evpack::testing::run_command(
      "timeout 120 " + common + "--no-pdf-header-footer --print-to-pdf=" + evpack::testing::shell_quote(pdf.string()) +
      " " + evpack::testing::shell_quote(url) + " 2>/dev/null");
  ASSERT_EQ(p.exit_code, 0) << p.output.substr(0, 2000);
  ASSERT_TRUE(fs::exists(pdf));
  EXPECT_EQ(read_file(pdf).substr(0, 5), "%PDF-");
}

}  // namespace
}  // namespace evpack

namespace evpack {
namespace {

// The real binary: `check --html --xlsx` writes both files (thumbnails also for a zipped
// archive), --no-thumbnails leaves the images out, and a wrong --lang is a usage error.
TEST(HtmlReportCli, CheckWritesHtmlAndXlsxAlsoFromAZip) {
  using evpack::testing::run_command;
  using evpack::testing::shell_quote;
  evpack::testing::TempDir dir;
  const std::string bin = EVPACK_BINARY;
  const std::string html = dir.str() + "/报告.html";
  const std::string xlsx = dir.str() + "/问题.xlsx";
  const auto run = run_command(shell_quote(bin) + " check " + shell_quote(sample_dir()) +
                               " --no-ocr -j2 --as-of 2026-01-20 --html " + shell_quote(html) + " --xlsx " +
                               shell_quote(xlsx) + " < /dev/null");
  ASSERT_EQ(run.exit_code, 0) << run.output.substr(0, 2000);
  EXPECT_NE(run.output.find("HTML 报告（用浏览器打开）：" + html), std::string::npos);
  EXPECT_NE(run.output.find("Excel 问题清单：" + xlsx), std::string::npos);
  EXPECT_EQ(run.output.find("检查中"), std::string::npos) << "no progress bar when stderr is not a terminal";
  const std::string page = read_file(html);
  const std::size_t images = count_of(page, "data:image/jpeg;base64,");
  EXPECT_GE(images, 30u);
  EXPECT_NE(page.find("检查日期：</dt><dd>2026-01-20"), std::string::npos);
  EXPECT_GT(fs::file_size(xlsx), 5000u);

  if (evpack::testing::tool_available("zip")) {
    const std::string zip = dir.str() + "/材料.zip";
    ASSERT_EQ(run_command("cd " + shell_quote(evpack::testing::source_dir() + "/samples") + " && zip -qr " +
                          shell_quote(zip) + " 青石县佐证材料")
                  .exit_code,
              0);
    const std::string from_zip = dir.str() + "/zip.html";
    const auto z = run_command(shell_quote(bin) + " check " + shell_quote(zip) +
                               " --no-ocr -j2 -q --as-of 2026-01-20 --html " + shell_quote(from_zip));
    ASSERT_EQ(z.exit_code, 0) << z.output.substr(0, 2000);
    EXPECT_EQ(count_of(read_file(from_zip), "data:image/jpeg;base64,"), images) << "thumbnails from the unpacked zip";
  }

  const std::string plain = dir.str() + "/plain.html";
  ASSERT_EQ(run_command(shell_quote(bin) + " check " + shell_quote(sample_dir()) +
                        " --no-ocr -q --no-thumbnails --lang en --html " + shell_quote(plain))
                .exit_code,
            0);
  const std::string en = read_file(plain);
  EXPECT_EQ(en.find("data:image"), std::string::npos);
  EXPECT_NE(en.find("<html lang=\"en\">"), std::string::npos);
  const auto bad = run_command(shell_quote(bin) + " check " + shell_quote(sample_dir()) + " --lang fr");
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.output.find("--lang 只能是 zh 或 en"), std::string::npos);
}

}  // namespace
}  // namespace evpack
