// What a clerk reads from the real binary: Chinese parse errors and help, output paths
// checked before the work, `--json -`, empty folders, and no internal identifier in the
// console, the HTML report or the Excel list.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>

#include "evpack/adapters/table_reader.hpp"
#include "evpack/report/finding_names.hpp"
#include "support/external_tool.hpp"
#include "support/temp_dir.hpp"

namespace evpack {
namespace {

namespace fs = std::filesystem;

struct CliRun {
  int status = -1;
  std::string out;
  std::string err;
  double seconds = 0;
};

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), {});
}

// Runs evpack with `args` (already quoted) in `cwd`, capturing both streams.
CliRun run(const std::string& args, const std::string& cwd = "") {
  evpack::testing::TempDir dir;
  const fs::path out = dir.path() / "out.txt";
  const fs::path err = dir.path() / "err.txt";
  const std::string command = (cwd.empty() ? "" : "cd '" + cwd + "' && ") + "'" + EVPACK_BINARY + "' " + args + " > '" +
                              out.string() + "' 2> '" + err.string() + "' < /dev/null";
  const auto start = std::chrono::steady_clock::now();
  const int status = std::system(command.c_str());
  CliRun r;
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = slurp(out);
  r.err = slurp(err);
  return r;
}

std::string sample_dir() { return evpack::testing::source_dir() + "/samples/青石县佐证材料"; }

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

TEST(CliMessages, ParseErrorsAreChineseWithTheUsageHint) {
  const CliRun none = run("");
  EXPECT_EQ(none.status, 2);
  EXPECT_TRUE(has(none.err, "错误：缺少子命令")) << none.err;
  EXPECT_TRUE(has(none.err, "evpack --help")) << none.err;

  const CliRun range = run("check '" + sample_dir() + "' -j 999");
  EXPECT_EQ(range.status, 2);
  EXPECT_TRUE(has(range.err, "参数 --jobs 的取值 999 超出范围")) << range.err;
  EXPECT_TRUE(has(range.err, "evpack check --help")) << range.err;

  const CliRun number = run("check '" + sample_dir() + "' --year abc");
  EXPECT_EQ(number.status, 2);
  EXPECT_TRUE(has(number.err, "--year")) << number.err;
  EXPECT_TRUE(has(number.err, "abc")) << number.err;

  const CliRun missing = run("check");
  EXPECT_EQ(missing.status, 2);
  EXPECT_TRUE(has(missing.err, "缺少必填参数 材料目录")) << missing.err;

  const CliRun extra = run("check '" + sample_dir() + "' --bogus");
  EXPECT_EQ(extra.status, 2);
  EXPECT_TRUE(has(extra.err, "无法识别的参数")) << extra.err;

  for (const CliRun* r : {&none, &range, &number, &missing, &extra}) {
    EXPECT_FALSE(std::regex_search(r->err, std::regex("required|CliRun with|not in range|not expected|Could not")))
        << r->err;
  }
}

TEST(CliMessages, HelpIsChineseAndListsTheExitCodes) {
  for (const std::string args : {"--help", "check --help", "pack --help", "verify --help"}) {
    const CliRun r = run(args);
    EXPECT_EQ(r.status, 0) << args;
    EXPECT_TRUE(has(r.out, "用法：") || has(r.out, "用法:")) << r.out;
    EXPECT_TRUE(has(r.out, "退出码：0 完成")) << args << r.out;
    EXPECT_TRUE(has(r.out, "4 没有可检查的材料")) << args;
    EXPECT_FALSE(std::regex_search(r.out, std::regex("Usage|OPTIONS|Options:|Print this help|REQUIRED|TEXT|INT")))
        << r.out;
  }
}

TEST(CliMessages, AWrongRuleIdPointsToTheList) {
  evpack::testing::TempDir dir;
  for (const std::string& args : {"check '" + sample_dir() + "' --rules shandong-2099",
                                  "init '" + dir.str() + "/新目录' --rules shandong-2099"}) {
    const CliRun r = run(args);
    EXPECT_EQ(r.status, 2) << args;
    EXPECT_LT(r.seconds, 1.0);
    EXPECT_TRUE(has(r.err, "shandong-2099")) << r.err;
    EXPECT_TRUE(has(r.err, "evpack rules list")) << r.err;
  }
  EXPECT_FALSE(fs::exists(dir.path() / "新目录"));
}

// Output paths are checked before the work starts: a check of the sample takes seconds,
// these fail at once.
TEST(CliMessages, OutputPathsAreCheckedBeforeTheWork) {
  const CliRun missing_folder = run("check '" + sample_dir() + "' --json /nonexistent/r.json");
  EXPECT_EQ(missing_folder.status, 2);
  EXPECT_LT(missing_folder.seconds, 1.0);
  EXPECT_TRUE(has(missing_folder.err, "保存位置不存在：/nonexistent")) << missing_folder.err;

  const CliRun inside = run("check '" + sample_dir() + "' --html '" + sample_dir() + "/自检报告.html'");
  EXPECT_EQ(inside.status, 2);
  EXPECT_LT(inside.seconds, 1.0);
  EXPECT_TRUE(has(inside.err, "不能保存在材料目录")) << inside.err;
  EXPECT_FALSE(fs::exists(sample_dir() + "/自检报告.html"));

  evpack::testing::TempDir dir;
  const CliRun folder = run("check '" + sample_dir() + "' --xlsx '" + dir.str() + "'");
  EXPECT_EQ(folder.status, 2);
  EXPECT_TRUE(has(folder.err, "是一个文件夹")) << folder.err;

  if (::geteuid() != 0) {  // root writes anywhere
    fs::create_directory(dir.path() / "ro");
    fs::permissions(dir.path() / "ro", fs::perms::owner_read | fs::perms::owner_exec);
    const CliRun ro = run("check '" + sample_dir() + "' --json '" + dir.str() + "/ro/r.json'");
    EXPECT_EQ(ro.status, 2);
    EXPECT_TRUE(has(ro.err, "没有权限")) << ro.err;
  }
  const CliRun pack = run("pack '" + sample_dir() + "' -o /nonexistent/包.zip");
  EXPECT_EQ(pack.status, 2);
  EXPECT_LT(pack.seconds, 1.0);
  EXPECT_TRUE(has(pack.err, "保存位置不存在")) << pack.err;
}

TEST(CliMessages, EmptyFolderOrNothingLikeEvidenceExitsFour) {
  evpack::testing::TempDir dir;
  fs::create_directory(dir.path() / "空");
  const CliRun empty = run("check '" + dir.str() + "/空' --no-ocr --no-cache");
  EXPECT_EQ(empty.status, 4) << empty.err;
  EXPECT_TRUE(has(empty.err, "没有文件")) << empty.err;

  fs::create_directories(dir.path() / "代码" / "src");
  std::ofstream(dir.path() / "代码" / "src" / "main.c") << "int main(void) { return 0; }\n";
  std::ofstream(dir.path() / "代码" / "README") << "notes\n";
  const CliRun code = run("check '" + dir.str() + "/代码' --no-ocr --no-cache");
  EXPECT_EQ(code.status, 4) << code.err;
  EXPECT_TRUE(has(code.err, "都不像佐证材料")) << code.err;
}

TEST(CliMessages, ARefusedArchiveIsReportedNotCalledEmpty) {
  // A zip bomb unpacks to nothing: the report names the bomb (ZIP_BOMB) instead of exiting
  // with "nothing to check".
  evpack::testing::TempDir dir;
  const std::string zip = dir.str() + "/材料.zip";
  const std::string script =
      "import zipfile, sys\n"
      "z = zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_DEFLATED)\n"
      "for i in range(40): z.writestr('材料/%02d.bin' % i, bytes(1 << 20))\n"
      "z.close()\n";
  ASSERT_EQ(evpack::testing::run_command(std::string(evpack::testing::system_python()) + " -c " +
                                         evpack::testing::shell_quote(script) + " " + evpack::testing::shell_quote(zip))
                .exit_code,
            0);
  const CliRun bomb = run("check '" + zip + "' --no-ocr --no-cache --json -");
  EXPECT_EQ(bomb.status, 0) << bomb.err;
  EXPECT_TRUE(has(bomb.out, "\"ZIP_BOMB\"")) << bomb.err;
}

// The check of the sample with every report written once, shared by the tests below.
struct SampleRun {
  evpack::testing::TempDir dir;
  CliRun run_;
  std::string html;
  std::string xlsx;
  std::string json;
};

const SampleRun& sample_run() {
  static SampleRun* s = [] {
    auto* r = new SampleRun;
    r->html = r->dir.str() + "/自检报告.html";
    r->xlsx = r->dir.str() + "/问题清单.xlsx";
    r->json = r->dir.str() + "/report.json";
    r->run_ = run("check '" + sample_dir() + "' --no-ocr --no-cache --no-color --no-thumbnails --as-of 2026-01-20 " +
                  "--max-findings 1000 --html '" + r->html + "' --xlsx '" + r->xlsx + "' --json '" + r->json + "'");
    return r;
  }();
  return *s;
}

// Identifiers a person should never read: lowercase ids (`gov_site`, `commitment_uploaded`)
// and finding codes (`WATERMARK_EXIF_MISMATCH`). File and folder names are taken out first,
// and so are file extensions (".xlsx") and the paths named on the command line.
std::set<std::string> identifiers(std::string text, const std::vector<std::string>& exempt) {
  for (const auto& e : exempt) {
    if (e.empty()) continue;
    for (auto at = text.find(e); at != std::string::npos; at = text.find(e, at)) text.replace(at, e.size(), " ");
  }
  std::set<std::string> found;
  static const std::regex token("[A-Za-z0-9_]+");
  static const std::regex lower("[a-z_]{3,}");
  static const std::regex code("[A-Z][A-Z0-9]*(_[A-Z0-9]+)+");
  for (auto it = std::sregex_iterator(text.begin(), text.end(), token); it != std::sregex_iterator(); ++it) {
    const std::string t = it->str();
    const auto pos = static_cast<std::size_t>(it->position());
    if (pos > 0 && (text[pos - 1] == '.' || text[pos - 1] == '-')) continue;  // an extension; an option (--place)
    if (std::regex_match(t, lower) || (t.size() >= 5 && std::regex_match(t, code))) found.insert(t);
  }
  return found;
}

std::vector<std::string> sample_names(const nlohmann::json& report) {
  std::vector<std::string> names;
  for (const auto& f : report["files"]) {
    const std::string path = f["path"].get<std::string>();
    names.push_back(path);
    std::size_t start = 0;
    for (std::size_t slash = path.find('/');; slash = path.find('/', start)) {
      names.push_back(path.substr(start, slash == std::string::npos ? std::string::npos : slash - start));
      if (slash == std::string::npos) break;
      start = slash + 1;
    }
  }
  // Longest first, so a path goes before its parts.
  std::sort(names.begin(), names.end(), [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
  return names;
}

// The text a reader sees: style and script blocks dropped, tags replaced by a space. A plain
// scan: std::regex recurses per character and overflows the stack under ASan on a whole report.
std::string text_of_html(const std::string& html) {
  std::string text;
  std::size_t i = 0;
  while (i < html.size()) {
    if (html[i] != '<') {
      text += html[i++];
      continue;
    }
    for (const char* block : {"style", "script"}) {
      if (html.compare(i + 1, std::strlen(block), block) == 0) {
        const std::size_t end = html.find(std::string("</") + block, i);
        if (end != std::string::npos) i = end + 1;  // then skipped as the closing tag below
      }
    }
    const std::size_t close = html.find('>', i);
    i = close == std::string::npos ? html.size() : close + 1;
    text += ' ';
  }
  return text;
}

TEST(CliMessages, NoInternalIdentifierInConsoleHtmlOrExcel) {
  const SampleRun& s = sample_run();
  ASSERT_EQ(s.run_.status, 0) << s.run_.err;
  const auto report = nlohmann::json::parse(slurp(s.json));
  // Besides file names: the paths given, the program's and the rule set's names (users type
  // them: --rules shandong-2025) and camera makes read from the photos (vivo).
  std::vector<std::string> exempt = {sample_dir(), s.html, s.xlsx, s.json, "evpack", report["rules"]["id"]};
  for (const auto& f : report["files"]) {
    if (f.contains("photo") && f["photo"].is_object() && f["photo"].contains("make")) {
      exempt.push_back(f["photo"]["make"].get<std::string>());
    }
  }
  const auto names = sample_names(report);
  exempt.insert(exempt.end(), names.begin(), names.end());

  EXPECT_EQ(identifiers(s.run_.out, exempt), std::set<std::string>{}) << s.run_.out;
  EXPECT_TRUE(has(s.run_.out, "[严重] ")) << s.run_.out;
  const std::string html = text_of_html(slurp(s.html));
  EXPECT_EQ(identifiers(html, exempt), std::set<std::string>{});

  auto sheets = read_xlsx(s.xlsx);
  ASSERT_TRUE(sheets) << sheets.error().message;
  std::size_t cells = 0;
  for (const auto& sheet : *sheets) {
    ASSERT_FALSE(sheet.rows.empty());
    const auto& header = sheet.rows.front();
    for (const auto& row : sheet.rows) {
      for (std::size_t c = 0; c < row.size(); ++c) {
        const std::string column = c < header.size() ? header[c] : "";
        if (column == "代码" || column == "文件") continue;  // the code column; file names
        ++cells;
        EXPECT_EQ(identifiers(row[c], exempt), std::set<std::string>{})
            << sheet.name << " / " << column << ": " << row[c];
      }
    }
  }
  EXPECT_GT(cells, 500u);
  // The codes stay: in the JSON and in the Excel list's last column; each has a name.
  for (const auto& f : report["findings"]) EXPECT_TRUE(has_finding_name(f["code"].get<std::string>())) << f["code"];
  EXPECT_EQ((*sheets)[0].rows[0].back(), "代码");
}

TEST(CliMessages, ClosingLinesNameTheFilesWritten) {
  const SampleRun& s = sample_run();
  ASSERT_EQ(s.run_.status, 0) << s.run_.err;
  EXPECT_TRUE(has(s.run_.out, "已写出：\n  HTML 报告（用浏览器打开）：" + s.html + "\n  Excel 问题清单：" + s.xlsx +
                                  "\n  JSON 报告：" + s.json + "\n"))
      << s.run_.out;
  EXPECT_FALSE(has(s.run_.out, "--json）"));
}

// From a check, the HTML report links each file relatively to its original place.
TEST(CliMessages, CheckReportLinksEachFileToItsOriginal) {
  const SampleRun& s = sample_run();
  ASSERT_EQ(s.run_.status, 0) << s.run_.err;
  const std::string html = slurp(s.html);
  const auto report = nlohmann::json::parse(slurp(s.json));
  std::set<std::string> linked;
  static const std::regex href("<a class=\"file\" href=\"([^\"]+)\"");
  for (auto it = std::sregex_iterator(html.begin(), html.end(), href); it != std::sregex_iterator(); ++it) {
    std::string target = (*it)[1].str();
    std::string decoded;
    for (std::size_t i = 0; i < target.size(); ++i) {
      if (target[i] == '%' && i + 2 < target.size()) {
        decoded += static_cast<char>(std::stoi(target.substr(i + 1, 2), nullptr, 16));
        i += 2;
      } else {
        decoded += target[i];
      }
    }
    EXPECT_NE(decoded.front(), '/') << "relative, not absolute: " << decoded;
    const fs::path resolved = fs::path(s.html).parent_path() / decoded;
    EXPECT_TRUE(fs::is_regular_file(resolved)) << resolved;
    linked.insert(fs::weakly_canonical(resolved).string());
  }
  EXPECT_EQ(linked.size(), report["files"].size());
}

// `--json -` writes the report to standard output (and the summary to standard error); the
// report records the check date, the rule file's version and the input as given.
TEST(CliMessages, JsonToStandardOutputParsesAndRecordsDateRulesAndInputAsGiven) {
  const std::string parent = evpack::testing::source_dir() + "/samples";
  const CliRun r = run("check 青石县佐证材料 --no-ocr --as-of 2026-01-20 --json -", parent);
  ASSERT_EQ(r.status, 0) << r.err;
  nlohmann::json j;
  ASSERT_NO_THROW(j = nlohmann::json::parse(r.out)) << r.out.substr(0, 300);
  EXPECT_EQ(j["input"], "青石县佐证材料");
  EXPECT_EQ(j["check_date"], "2026-01-20");
  EXPECT_EQ(j["rules"]["id"], "shandong-2025");
  EXPECT_EQ(j["rules"]["sha256"].get<std::string>().size(), 64u);
  EXPECT_TRUE(has(r.err, "预计得分")) << "the summary goes to standard error";
  EXPECT_FALSE(fs::exists(parent + "/-"));
  EXPECT_EQ(r.out.find("/work"), std::string::npos) << "no absolute path of this machine";
}

// verify takes `--json -` too: the re-check's report on standard output, the summary on
// standard error.
TEST(CliMessages, VerifyWritesJsonToStandardOutput) {
  evpack::testing::TempDir dir;
  const std::string zip = dir.str() + "/青石县验收材料.zip";
  const CliRun packed =
      run("pack '" + sample_dir() + "' --no-ocr --quiet --as-of 2026-01-20 --unmapped exclude -o '" + zip + "'");
  ASSERT_EQ(packed.status, 0) << packed.err;
  const CliRun r = run("verify '" + zip + "' --no-ocr --as-of 2026-01-20 --json -");
  ASSERT_EQ(r.status, 0) << r.err;
  nlohmann::json j;
  ASSERT_NO_THROW(j = nlohmann::json::parse(r.out)) << r.out.substr(0, 300);
  EXPECT_EQ(j["check_date"], "2026-01-20");
  EXPECT_EQ(j["input"], zip);
  EXPECT_FALSE(r.err.empty());
}

}  // namespace
}  // namespace evpack
