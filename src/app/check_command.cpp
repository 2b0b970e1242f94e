// `evpack check`: runs the check, writes the reports asked for, prints the summary.
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <iostream>

#include "evpack/app/command_support.hpp"
#include "evpack/app/terminal_progress.hpp"
#include "evpack/app/thumbnails.hpp"
#include "evpack/report/html_report.hpp"
#include "evpack/report/json_report.hpp"
#include "evpack/report/xlsx_report.hpp"
#include "evpack/util/atomic_file.hpp"

namespace evpack {

namespace {

// Nothing to check, and nothing to say about the input either (a refused archive, unreadable
// folders: those are findings the reports must show). Says so and returns true.
bool nothing_to_check(const CheckResult& result, const std::string& input) {
  const bool input_findings = std::any_of(result.scan.findings.begin(), result.scan.findings.end(),
                                          [](const Finding& f) { return f.severity >= Severity::Warning; });
  if (has_evidence_like_files(result) || input_findings) return false;
  std::cerr << (result.evidence.empty()
                    ? "错误：" + input + " 里没有文件，没有可检查的材料。\n"
                    : "错误：" + input + " 里的 " + std::to_string(result.evidence.size()) +
                          " 个文件都不像佐证材料（没有公文、照片、表格或视频，也没有能归入指标的文件）。"
                          "请确认选择的是材料目录。\n")
            << "（退出码 4；材料目录的建立方法见 evpack init --help）\n";
  return true;
}

// The HTML report: thumbnails (unless --no-thumbnails) and, for a folder, each file a
// relative link from the report to its original place (a zip's files are only in a temp folder).
std::string html_report(const CheckResult& result, const CheckArgs& args, const CheckOptions& options, ReportLang lang,
                        TerminalProgress& progress) {
  const bool english = lang == ReportLang::En;
  std::vector<std::string> thumbs;
  if (!args.no_thumbnails) {
    ThumbnailOptions thumb_options;
    thumb_options.jobs = args.jobs;
    thumb_options.progress = progress.step(english ? "Thumbnails" : "生成缩略图");
    thumbs = make_thumbnails(result, thumb_options);
    progress.finish();
  }
  HtmlReportContext context{args.input, EVPACK_VERSION, options.evaluate.as_of, lang, {}};
  std::error_code ec;
  if (std::filesystem::is_directory(args.input, ec)) {
    const std::string from = std::filesystem::path(args.html).parent_path().string();
    for (const auto& e : result.evidence) {
      const std::string target = (std::filesystem::path(args.input) / e.file.rel_path).string();
      context.file_links[e.file.rel_path] = {relative_file_href(from, target), e.file.rel_path};
    }
  }
  return render_html_report(result, context, thumbs);
}

// Writes the JSON, HTML and Excel files asked for; the closing lines name them (HTML first).
Expected<std::vector<std::string>> write_reports(const CheckResult& result, const CheckArgs& args,
                                                 const CheckOptions& options, ReportLang lang,
                                                 TerminalProgress& progress) {
  const bool english = lang == ReportLang::En;
  std::vector<std::string> written_lines;
  const ReportContext json_context{args.input, EVPACK_VERSION, options.evaluate.as_of};
  if (args.json == "-") {
    std::cout << render_json_report(result, json_context) << std::flush;
  } else if (!args.json.empty()) {
    auto written = write_file_atomically(args.json, render_json_report(result, json_context));
    if (!written) return written.error();
    written_lines.push_back((english ? "JSON report: " : "JSON 报告：") + args.json);
  }
  if (!args.html.empty()) {
    auto written = write_file_atomically(args.html, html_report(result, args, options, lang, progress));
    if (!written) return written.error();
    written_lines.insert(written_lines.begin(),
                         (english ? "HTML report: " : "HTML 报告（用浏览器打开）：") + args.html);
  }
  if (!args.xlsx.empty()) {
    auto written = write_findings_xlsx(args.xlsx, result, lang);
    if (!written) return written.error();
    written_lines.insert(written_lines.begin() + (args.html.empty() ? 0 : 1),
                         (english ? "Excel findings: " : "Excel 问题清单：") + args.xlsx);
  }
  return written_lines;
}

// The console summary; with the JSON on standard output it goes to standard error, so the
// JSON parses.
void print_summary(const CheckResult& result, const CheckArgs& args, ReportLang lang,
                   const std::vector<std::string>& written_lines) {
  std::ostream& out = args.json == "-" ? std::cerr : std::cout;
  ConsoleOptions console = console_options(args, args.json == "-" ? STDERR_FILENO : STDOUT_FILENO);
  if (!args.html.empty())
    console.full_report = "HTML 报告 " + args.html;
  else if (!args.xlsx.empty())
    console.full_report = "Excel 问题清单 " + args.xlsx;
  else if (!args.json.empty())
    console.full_report = args.json == "-" ? "标准输出的 JSON 报告" : "JSON 报告 " + args.json;
  out << render_console_summary(result, console);
  if (!written_lines.empty()) out << "\n" << (lang == ReportLang::En ? "Written:\n" : "已写出：\n");
  for (const auto& line : written_lines) out << "  " << line << "\n";
}

}  // namespace

int run_check_command(const CheckArgs& args) {
  CheckOptions options;
  if (!fill_check_options(args, options)) return kExitUsage;
  const auto lang = parse_report_lang(args.lang);
  if (!lang) {
    std::cerr << "错误：--lang 只能是 zh 或 en\n";
    return kExitUsage;
  }
  if (!output_path_ok(args.json, args.input, "JSON 报告", true) ||
      !output_path_ok(args.html, args.input, "HTML 报告") || !output_path_ok(args.xlsx, args.input, "Excel 问题清单")) {
    return kExitUsage;
  }
  TerminalProgress progress(args.quiet, *lang == ReportLang::En);
  options.progress = progress.step(*lang == ReportLang::En ? "Checking" : "检查中");
  // An archive is unpacked by run_check and kept by the result until the thumbnails are made.
  auto result = run_check(options);
  progress.finish();
  if (!result) return exit_code_for(result.error());
  if (nothing_to_check(result.value(), args.input)) return kExitNothingToCheck;
  auto written = write_reports(result.value(), args, options, *lang, progress);
  if (!written) return exit_code_for(written.error());
  if (!args.quiet) print_summary(result.value(), args, *lang, written.value());
  return strict_failure(args, result->findings) ? kExitFindings : kExitOk;
}

}  // namespace evpack
