// evpack command line: parses options and calls one library function per command.
// Exit codes (also in --help): 0 done (findings do not change it), 1 check done with --strict
// and errors found, 2 usage or input error (bad option, rule file, missing folder, output path
// that cannot be written), 3 internal error, 4 nothing to check (empty folder or nothing like
// evidence), 130/143/129 interrupted by Ctrl-C/SIGTERM/SIGHUP (temp files removed first).
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <csignal>

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <mutex>
#include <memory>
#include <optional>

#include "evpack/adapters/zip_archive.hpp"
#include "evpack/app/check.hpp"
#include "evpack/app/init.hpp"
#include "evpack/app/inspection_cache.hpp"
#include "evpack/inspect/date_text.hpp"
#include "evpack/package/pack.hpp"
#include "evpack/package/verify.hpp"
#include "evpack/report/console_report.hpp"
#include "evpack/report/finding_names.hpp"
#include "evpack/report/html_report.hpp"
#include "evpack/report/json_report.hpp"
#include "evpack/report/progress.hpp"
#include "evpack/report/xlsx_report.hpp"
#include "evpack/rules/rule_loader.hpp"
#include "evpack/serve/serve.hpp"
#include "evpack/util/atomic_file.hpp"
#include "evpack/util/temp_files.hpp"
#include "evpack/util/system_error.hpp"
#include "evpack/util/thread_pool.hpp"
#include "cli_zh.hpp"

namespace {

using evpack::Expected;

constexpr int kExitOk = 0;
constexpr int kExitFindings = 1;
constexpr int kExitUsage = 2;
constexpr int kExitInternal = 3;
constexpr int kExitNothingToCheck = 4;

constexpr const char* kExitCodesHelp =
    "退出码：0 完成（发现问题也为0）；1 使用 --strict 时发现严重或致命问题（verify：材料包有问题）；"
    "2 参数、规则文件、材料目录或输出路径有误；3 内部错误；4 没有可检查的材料（空文件夹或没有像佐证材料的文件）；"
    "130/143/129 被 Ctrl-C、终止或挂断信号中断（临时文件已先删除，未写出半截文件）。";

constexpr const char* kJobsHelp = "并行线程数（默认为CPU核数；识别文字时默认最多4个线程同时检查文件，以限制内存）";
constexpr const char* kOcrEnginesHelp =
    "同时运行的文字识别引擎数（默认2，每个约占60MB内存；内存充足的多核电脑可调大以加快识别）";
constexpr const char* kNoCacheHelp =
    "不沿用以前的检查结果，每个文件都重新识别（默认沿用内容未变的文件的结果，保存在用户缓存目录，"
    "可用环境变量 EVPACK_CACHE_DIR 指定）";

// Where rule files live: $EVPACK_RULES_DIR, ../share/evpack/rules beside the
// binary, then the source tree the binary was built from.
std::string rules_dir() {
  if (const char* env = std::getenv("EVPACK_RULES_DIR"); env && *env) return env;
  std::error_code ec;
  const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    const auto installed = exe.parent_path().parent_path() / "share" / "evpack" / "rules";
    if (std::filesystem::is_directory(installed, ec)) return installed.string();
  }
  return EVPACK_RULES_DIR;
}

// Accepts a path or a rule-set id ("shandong-2025").
std::string resolve_rules(const std::string& given) {
  if (given.empty()) return rules_dir() + "/shandong-2025.yaml";
  std::error_code ec;
  if (std::filesystem::exists(given, ec)) return given;
  const std::string by_id = rules_dir() + "/" + given + (given.ends_with(".yaml") ? "" : ".yaml");
  if (std::filesystem::exists(by_id, ec)) return by_id;
  return given;  // the loader reports the missing file in Chinese
}

evpack::CivilDate today() {
  const std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  return {local.tm_year + 1900, local.tm_mon + 1, local.tm_mday};
}

void print_error(const evpack::Error& e) { std::cerr << "错误：" << e.message << "\n"; }

// A --rules value that names neither a file nor a known rule set: say so before any work,
// and where the ids are listed.
bool rules_exist(const std::string& given, const std::string& resolved) {
  std::error_code ec;
  if (std::filesystem::exists(resolved, ec)) return true;
  std::cerr << "错误：找不到规则“" << given << "”：既不是规则文件，也不是已有的规则编号。"
            << "运行 evpack rules list 查看可用的规则编号。\n";
  return false;
}

// Checks where an output file will go before the work starts: the folder exists and can be
// written, the path is not a folder, and it is not inside the evidence folder (the next check
// would take it for evidence). "-" (standard output) always passes when `dash_ok`.
bool output_path_ok(const std::string& path, const std::string& input, const char* what, bool dash_ok = false) {
  namespace fs = std::filesystem;
  if (path.empty() || (dash_ok && path == "-")) return true;
  std::error_code ec;
  const fs::path out(path);
  fs::path folder = out.parent_path();
  if (folder.empty()) folder = ".";
  if (!fs::is_directory(folder, ec)) {
    std::cerr << "错误：" << what << "的保存位置不存在：" << folder.string() << "（请先建立该文件夹，或换一个位置）\n";
    return false;
  }
  if (fs::is_directory(out, ec)) {
    std::cerr << "错误：" << what << "的路径 " << path << " 是一个文件夹，请写上文件名\n";
    return false;
  }
  if (::access(folder.c_str(), W_OK) != 0) {
    std::cerr << "错误：无法在 " << folder.string() << " 写入" << what << "：" << evpack::system_error_zh(errno) << "\n";
    return false;
  }
  if (fs::is_directory(input, ec)) {
    const fs::path root = fs::weakly_canonical(input, ec);
    const fs::path target = fs::weakly_canonical(fs::absolute(out, ec), ec);
    const auto mismatch = std::mismatch(root.begin(), root.end(), target.begin(), target.end());
    if (!root.empty() && mismatch.first == root.end()) {
      std::cerr << "错误：" << what << "不能保存在材料目录 " << input << " 里（下次检查会被当作材料）：" << path << "\n";
      return false;
    }
  }
  return true;
}

constexpr const char* kFileTimeLimitHelp =
    "每个文件的检查时限（秒，默认60，0为不限）；超时的文件记为“检查超时”并继续检查其他文件";

struct CheckArgs {
  std::string input;
  std::string rules;
  std::string json;
  std::string as_of;
  int year = 0;
  int jobs = 0;
  int ocr_engines = 0;
  bool no_ocr = false;
  bool no_cache = false;
  bool quiet = false;
  bool no_color = false;
  bool strict = false;
  int max_findings = 20;
  std::string html;
  std::string xlsx;
  std::string lang = "zh";
  bool no_thumbnails = false;
  double file_time_limit = 60;
};

// The options check, pack and verify share. False (after saying why) on a bad --as-of.
bool fill_check_options(const CheckArgs& args, evpack::CheckOptions& options) {
  options.input = args.input;
  options.rules_path = resolve_rules(args.rules);
  if (!rules_exist(args.rules, options.rules_path)) return false;
  options.jobs = args.jobs;
  options.ocr_engines = args.ocr_engines;
  options.inspect.ocr = !args.no_ocr;
  options.inspect.max_seconds_per_file = args.file_time_limit;
  options.evaluate.year = args.year;
  options.evaluate.as_of = today();
  if (!args.as_of.empty()) {
    const auto d = evpack::date_from_name(args.as_of);
    if (!d) {
      std::cerr << "错误：--as-of 日期格式不正确：" << args.as_of << "（应为 2025-12-31）\n";
      return false;
    }
    options.evaluate.as_of = *d;
  }
  if (!args.no_cache) {
    options.cache_dir = evpack::default_cache_dir();
    options.cache_build = evpack::program_fingerprint();
  }
  return true;
}

int run_check_command(const CheckArgs& args) {
  evpack::CheckOptions options;
  if (!fill_check_options(args, options)) return kExitUsage;

  const auto lang = evpack::parse_report_lang(args.lang);
  if (!lang) {
    std::cerr << "错误：--lang 只能是 zh 或 en\n";
    return kExitUsage;
  }
  if (!output_path_ok(args.json, args.input, "JSON 报告", true) || !output_path_ok(args.html, args.input, "HTML 报告") ||
      !output_path_ok(args.xlsx, args.input, "Excel 问题清单")) {
    return kExitUsage;
  }
  const bool english = *lang == evpack::ReportLang::En;
  const bool show_progress = evpack::progress_wanted(::isatty(STDERR_FILENO) != 0, args.quiet, std::getenv("TERM"));
  std::unique_ptr<evpack::ProgressBar> bar;
  if (show_progress) {
    bar = evpack::ProgressBar::on_stderr(english ? "Checking" : "检查中", english);
    options.progress = [&bar](std::size_t done, std::size_t total) { bar->update(done, total); };
  }
  // Thumbnails read the files after the check: a zip is unpacked here and kept until then
  // (run_check would remove its own temp copy on return).
  const bool thumbnails = !args.html.empty() && !args.no_thumbnails;
  std::optional<evpack::ZipExtraction> unpacked;
  if (thumbnails && evpack::sniff_archive_kind(options.input) != evpack::ArchiveKind::None) {
    auto x = evpack::extract_zip_safely(options.input);
    if (!x) {
      print_error(x.error());
      return kExitUsage;
    }
    unpacked = std::move(x.value());
    options.input = unpacked->content_root();
  }

  auto result = unpacked ? evpack::run_check(options, unpacked->findings) : evpack::run_check(options);
  if (bar) bar->finish();
  if (!result) {
    print_error(result.error());
    return kExitUsage;
  }
  if (unpacked) {
    result->scan.root = args.input;
    evpack::sort_findings(result->findings);
  }
  // Nothing to check, and nothing to say about the input either (a refused archive, unreadable
  // folders: those are findings the reports must show).
  const bool input_findings = std::any_of(result->scan.findings.begin(), result->scan.findings.end(),
                                          [](const evpack::Finding& f) { return f.severity >= evpack::Severity::Warning; });
  if (!evpack::has_evidence_like_files(result.value()) && !input_findings) {
    std::cerr << (result->evidence.empty() ? "错误：" + args.input + " 里没有文件，没有可检查的材料。\n"
                                           : "错误：" + args.input + " 里的 " + std::to_string(result->evidence.size()) +
                                                 " 个文件都不像佐证材料（没有公文、照片、表格或视频，也没有能归入指标的文件）。"
                                                 "请确认选择的是材料目录。\n")
              << "（退出码 4；材料目录的建立方法见 evpack init --help）\n";
    return kExitNothingToCheck;
  }
  std::vector<std::string> written_lines;  // the closing lines: files actually written
  const evpack::ReportContext json_context{args.input, EVPACK_VERSION, options.evaluate.as_of};
  if (args.json == "-") {
    std::cout << evpack::render_json_report(result.value(), json_context) << std::flush;
  } else if (!args.json.empty()) {
    const std::string json = evpack::render_json_report(result.value(), json_context);
    auto written = evpack::write_file_atomically(args.json, json);
    if (!written) {
      print_error(written.error());
      return kExitUsage;
    }
    written_lines.push_back((english ? "JSON report: " : "JSON 报告：") + args.json);
  }
  if (!args.html.empty()) {
    std::vector<std::string> thumbs;
    if (thumbnails) {
      evpack::ThumbnailOptions thumb_options;
      thumb_options.jobs = args.jobs;
      if (show_progress) {
        bar = evpack::ProgressBar::on_stderr(english ? "Thumbnails" : "生成缩略图", english);
        thumb_options.progress = [&bar](std::size_t done, std::size_t total) { bar->update(done, total); };
      }
      thumbs = evpack::make_thumbnails(result.value(), thumb_options);
      if (bar) bar->finish();
    }
    evpack::HtmlReportContext html_context{args.input, EVPACK_VERSION, options.evaluate.as_of, *lang, {}};
    // Each file a relative link from the report to its original place (not for a zip: its
    // files are only in a temp folder).
    std::error_code ec;
    if (std::filesystem::is_directory(args.input, ec)) {
      const std::string from = std::filesystem::path(args.html).parent_path().string();
      for (const auto& e : result->evidence) {
        const std::string target = (std::filesystem::path(args.input) / e.file.rel_path).string();
        html_context.file_links[e.file.rel_path] = {evpack::relative_file_href(from, target), e.file.rel_path};
      }
    }
    const std::string html = evpack::render_html_report(result.value(), html_context, thumbs);
    auto written = evpack::write_file_atomically(args.html, html);
    if (!written) {
      print_error(written.error());
      return kExitUsage;
    }
    written_lines.insert(written_lines.begin(), (english ? "HTML report: " : "HTML 报告（用浏览器打开）：") + args.html);
  }
  if (!args.xlsx.empty()) {
    auto written = evpack::write_findings_xlsx(args.xlsx, result.value(), *lang);
    if (!written) {
      print_error(written.error());
      return kExitUsage;
    }
    written_lines.insert(written_lines.begin() + (args.html.empty() ? 0 : 1),
                         (english ? "Excel findings: " : "Excel 问题清单：") + args.xlsx);
  }
  if (!args.quiet) {
    // With the JSON on standard output the summary goes to standard error, so the JSON parses.
    std::ostream& out = args.json == "-" ? std::cerr : std::cout;
    const int out_fd = args.json == "-" ? STDERR_FILENO : STDOUT_FILENO;
    evpack::ConsoleOptions console;
    console.color = ::isatty(out_fd) != 0 && !args.no_color && std::getenv("NO_COLOR") == nullptr;
    console.max_findings = args.max_findings;
    if (!args.html.empty()) console.full_report = "HTML 报告 " + args.html;
    else if (!args.xlsx.empty()) console.full_report = "Excel 问题清单 " + args.xlsx;
    else if (!args.json.empty()) console.full_report = args.json == "-" ? "标准输出的 JSON 报告" : "JSON 报告 " + args.json;
    out << evpack::render_console_summary(result.value(), console);
    if (!written_lines.empty()) out << "\n" << (english ? "Written:\n" : "已写出：\n");
    for (const auto& line : written_lines) out << "  " << line << "\n";
  }
  if (args.strict) {
    for (const auto& f : result->findings) {
      if (f.severity >= evpack::Severity::Error) return kExitFindings;
    }
  }
  return kExitOk;
}

int run_lint_command(const std::vector<std::string>& paths) {
  int errors = 0;
  for (const auto& path : paths) {
    const auto messages = evpack::lint_rule_file(resolve_rules(path));
    if (paths.size() > 1) std::cout << "== " << path << "\n";
    for (const auto& m : messages) {
      std::cout << (m.line ? "第" + std::to_string(m.line) + "行 " : std::string()) << "["
                << evpack::severity_label_zh(m.severity) << "] " << evpack::finding_name_zh(m.code) << "：" << m.message
                << "\n";
      if (m.severity >= evpack::Severity::Error) ++errors;
    }
    if (messages.empty()) std::cout << "规则文件检查通过，未发现问题。\n";
    else std::cout << "共 " << messages.size() << " 条问题。\n";
  }
  return errors ? kExitUsage : kExitOk;
}

int run_list_command(const std::string& dir) {
  const auto sets = evpack::list_rule_sets(dir.empty() ? rules_dir() : dir);
  for (const auto& s : sets) {
    std::cout << evpack::pad_right(s.id, 24) << evpack::pad_right(s.scored ? "计分" : "任务", 6) << s.title << "\n";
    std::cout << std::string(24, ' ') << s.path << "\n";
  }
  if (sets.empty()) std::cout << "未找到规则文件。\n";
  return kExitOk;
}

int run_init_command(const std::string& dir, const std::string& rules_arg) {
  if (!rules_exist(rules_arg, resolve_rules(rules_arg))) return kExitUsage;
  auto rules = evpack::load_rule_set(resolve_rules(rules_arg));
  if (!rules) {
    print_error(rules.error());
    return kExitUsage;
  }
  auto summary = evpack::init_evidence_tree(dir, rules.value());
  if (!summary) {
    print_error(summary.error());
    return kExitUsage;
  }
  std::cout << "已在 " << dir << " 建立“" << rules->title << "”的材料目录：新建文件夹 " << summary->folders_created
            << " 个，说明文件 " << summary->guides_written << " 个";
  if (summary->existing_kept) std::cout << "，保留已有文件夹 " << summary->existing_kept << " 个";
  std::cout << "。\n请把材料放入对应指标的文件夹，然后运行：evpack check " << dir << "\n";
  return kExitOk;
}

struct PackArgs {
  CheckArgs check;
  std::string output;
  std::string unmapped = "refuse";
  std::vector<std::string> place;
  std::string split_size;
  bool gbk_names = false;
};

std::string megabytes(std::uint64_t bytes) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f MB", static_cast<double>(bytes) / 1e6);
  return buf;
}

int run_pack_command(const PackArgs& args) {
  evpack::PackOptions pack;
  pack.output = args.output;
  pack.tool_version = EVPACK_VERSION;
  pack.input_label = args.check.input;
  pack.jobs = args.check.jobs;
  pack.names = args.gbk_names ? evpack::ZipNameEncoding::Gbk : evpack::ZipNameEncoding::Utf8;
  if (args.unmapped == "refuse") pack.plan.unmapped = evpack::UnmappedPolicy::Refuse;
  else if (args.unmapped == "exclude") pack.plan.unmapped = evpack::UnmappedPolicy::Exclude;
  else if (args.unmapped == "other") pack.plan.unmapped = evpack::UnmappedPolicy::OtherFolder;
  else {
    std::cerr << "错误：--unmapped 只能是 refuse、exclude 或 other\n";
    return kExitUsage;
  }
  for (const auto& p : args.place) {
    const auto eq = p.rfind('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == p.size()) {
      std::cerr << "错误：--place 应写成 路径=指标编号，如 --place \"其他/市局通知.pdf=2.1\"\n";
      return kExitUsage;
    }
    pack.plan.assignments.emplace_back(p.substr(0, eq), p.substr(eq + 1));
  }
  if (!args.split_size.empty()) {
    const auto size = evpack::parse_size(args.split_size);
    if (!size) {
      std::cerr << "错误：--split-size 格式不正确：" << args.split_size << "（如 200M、1.5G）\n";
      return kExitUsage;
    }
    pack.plan.split_size = *size;
  }

  evpack::CheckOptions options;
  if (!fill_check_options(args.check, options)) return kExitUsage;
  if (!output_path_ok(args.output, args.check.input, "材料压缩包")) return kExitUsage;
  const bool tty = ::isatty(STDERR_FILENO) != 0 && !args.check.quiet;
  const auto start = std::chrono::steady_clock::now();
  std::mutex progress_mutex;
  if (tty) {
    options.progress = [&](std::size_t done, std::size_t total) {
      const std::lock_guard lock(progress_mutex);
      if (done != total && done % 16 != 0) return;
      std::fprintf(stderr, "\r检查中 %zu/%zu 个文件   ", done, total);
      if (done == total) std::fputs("\r\033[K", stderr);
    };
  }
  // A zip as input (repacking a received package): unpack it with the hostile-zip checks
  // and keep the files until the package is written.
  std::optional<evpack::ZipExtraction> unpacked;
  if (evpack::sniff_archive_kind(options.input) != evpack::ArchiveKind::None) {
    auto x = evpack::extract_zip_safely(options.input);
    if (!x) {
      print_error(x.error());
      return kExitUsage;
    }
    unpacked = std::move(x.value());
    options.input = unpacked->content_root();
  }
  pack.check_date = options.evaluate.as_of;
  auto checked = unpacked ? evpack::run_check(options, unpacked->findings) : evpack::run_check(options);
  if (!checked) {
    print_error(checked.error());
    return kExitUsage;
  }
  if (unpacked) checked->scan.root = args.check.input;

  auto last = std::chrono::steady_clock::now() - std::chrono::seconds(1);
  const auto pack_start = std::chrono::steady_clock::now();
  if (tty) {
    pack.progress = [&](const evpack::PackProgress& p) {
      const auto now = std::chrono::steady_clock::now();
      if (now - last < std::chrono::milliseconds(200) && p.bytes_done != p.bytes_total) return;
      last = now;
      const double secs = std::chrono::duration<double>(now - pack_start).count();
      const double rate = secs > 0 ? static_cast<double>(p.bytes_done) / secs : 0;
      const double left = rate > 0 ? static_cast<double>(p.bytes_total - p.bytes_done) / rate : 0;
      const bool writing = p.phase == evpack::PackProgress::Phase::Writing;
      std::fprintf(stderr, "\r%s %zu/%zu 个文件  %s / %s  %.0f MB/秒  剩余约 %.0f 秒\033[K", writing ? "写入" : "校验",
                   p.files_done, p.files_total, megabytes(p.bytes_done).c_str(), megabytes(p.bytes_total).c_str(),
                   rate / 1e6, left);
    };
  }
  // Ctrl-C / SIGTERM: the signal thread (install_temp_cleanup_on_signals) removes the
  // temp volumes and their part files and ends the process with 130 / 143.
  evpack::Expected<evpack::PackResult> packed = evpack::write_package(checked.value(), pack);
  if (tty) std::fputs("\r\033[K", stderr);
  if (!packed) {
    print_error(packed.error());
    return packed.error().code == "PACK_CANCELLED" ? 130 : kExitUsage;
  }
  if (!args.check.quiet) {
    const auto& r = packed.value();
    const double total = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::cout << "已生成验收材料包（" << r.plan.files.size() << " 个文件，" << megabytes(r.payload_bytes) << "）：\n";
    for (std::size_t i = 0; i < r.outputs.size(); ++i) {
      std::cout << "  " << r.outputs[i] << "  " << megabytes(r.zip_sizes[i]) << "\n";
    }
    for (const int v : r.plan.oversized_volumes) {
      std::cout << "  注意：第" << v + 1 << "卷超过分卷大小（单个指标文件夹或文件过大，无法再拆分）\n";
    }
    if (!r.plan.left_out.empty()) {
      std::cout << "未纳入的文件 " << r.plan.left_out.size() << " 个（见包内目录的“未纳入文件”）：\n";
      for (std::size_t i = 0; i < r.plan.left_out.size() && i < 10; ++i) {
        std::cout << "  " << r.plan.left_out[i].path << "：" << r.plan.left_out[i].reason << "\n";
      }
    }
    const auto& t = checked->evaluation.totals;
    std::cout << "每个文件已重新读回并与 SHA-256 清单核对无误。预计得分 " << t.total << " / " << t.nominal
              << "，发现问题 " << checked->findings.size() << " 条（详见包内“目录.html”）。\n";
    std::cout << evpack::reused_inspections_line(checked.value());
    std::fprintf(stdout, "用时：检查 %.1f 秒，写入 %.1f 秒，校验 %.1f 秒，落盘 %.1f 秒，共 %.1f 秒。\n",
                 total - r.write_seconds - r.verify_seconds - r.sync_seconds, r.write_seconds, r.verify_seconds,
                 r.sync_seconds, total);
  }
  return kExitOk;
}

// Exit codes of verify: 0 intact, 1 problems found (manifest mismatch, hostile or broken
// zip, or with --strict check errors), 2 usage error.
int run_verify_command(const CheckArgs& args, bool no_check) {
  evpack::VerifyOptions options;
  options.run_check = !no_check;
  if (!fill_check_options(args, options.check)) return kExitUsage;
  if (!output_path_ok(args.json, args.input, "JSON 报告", true)) return kExitUsage;
  auto report = evpack::verify_package(args.input, options);
  if (!report) {
    print_error(report.error());
    return kExitUsage;
  }
  if (!args.json.empty() && report->check) {
    const std::string json =
        evpack::render_json_report(*report->check, {args.input, EVPACK_VERSION, options.check.evaluate.as_of});
    if (args.json == "-") std::cout << json << std::flush;  // the summary then goes to standard error
    auto written = args.json == "-" ? evpack::Expected<bool>(true) : evpack::write_file_atomically(args.json, json);
    if (!written) {
      print_error(written.error());
      return kExitUsage;
    }
  }
  if (!args.quiet) {
    std::ostream& out = args.json == "-" ? std::cerr : std::cout;
    out << evpack::render_verify_summary(report.value(), args.max_findings);
    if (report->check) {
      evpack::ConsoleOptions console;
      console.color = ::isatty(args.json == "-" ? STDERR_FILENO : STDOUT_FILENO) != 0 && !args.no_color &&
                      std::getenv("NO_COLOR") == nullptr;
      console.max_findings = args.max_findings;
      if (!args.json.empty() && args.json != "-") console.full_report = "JSON 报告 " + args.json;
      out << "\n" << evpack::render_console_summary(*report->check, console);
    }
  }
  if (!report->intact()) return kExitFindings;
  if (args.strict && report->check) {
    for (const auto& f : report->check->findings) {
      if (f.severity >= evpack::Severity::Error) return kExitFindings;
    }
  }
  return kExitOk;
}

}  // namespace

int main(int argc, char** argv) {
  evpack::return_large_blocks_to_system();
  CLI::App app{"evpack：信用交通县验收佐证材料检查与打包工具"};
  // Help and parse errors in Chinese; the subcommands inherit these settings from `app`.
  app.formatter(std::make_shared<evpack::cli::ChineseFormatter>());
  app.failure_message(evpack::cli::failure_message_zh);
  app.option_defaults()->group("选项");
  app.set_help_flag("-h,--help", "显示本帮助并退出");
  app.set_version_flag("--version", std::string("evpack ") + EVPACK_VERSION, "显示版本号并退出");
  app.footer(kExitCodesHelp);
  app.require_subcommand(1);

  CheckArgs check;
  auto* check_cmd = app.add_subcommand("check", "检查材料目录：归类、评分估算、扣分风险");
  check_cmd->add_option("input", check.input, "材料目录")->required();
  check_cmd->add_option("-r,--rules", check.rules, "规则文件路径或编号（默认 shandong-2025）");
  check_cmd->add_option("--json", check.json, "写出 JSON 报告到此文件（写 - 则输出到标准输出，摘要改到标准错误）");
  check_cmd->add_option("-j,--jobs", check.jobs, kJobsHelp)->check(CLI::Range(0, 256));
  check_cmd->add_option("--ocr-engines", check.ocr_engines, kOcrEnginesHelp)->check(CLI::Range(0, 64));
  check_cmd->add_option("--year", check.year, "试点年度（默认取规则文件中的年度）");
  check_cmd->add_option("--as-of", check.as_of, "检查日期，如 2025-12-31（默认今天）；未到期的季度/月份不算缺失");
  check_cmd->add_flag("--no-ocr", check.no_ocr, "不使用文字识别（更快，但扫描件和水印无法识别）");
  check_cmd->add_flag("--no-cache", check.no_cache, kNoCacheHelp);
  check_cmd->add_option("--file-time-limit", check.file_time_limit, kFileTimeLimitHelp)->check(CLI::Range(0.0, 86400.0));
  check_cmd->add_flag("-q,--quiet", check.quiet, "不在终端输出进度和摘要");
  check_cmd->add_flag("--no-color", check.no_color, "终端输出不使用颜色");
  check_cmd->add_flag("--strict", check.strict, "发现严重或致命问题时以退出码1结束（便于脚本使用）");
  check_cmd->add_option("--max-findings", check.max_findings, "终端最多显示的问题条数");
  check_cmd->add_option("--html", check.html, "写出自检报告（单个离线HTML文件，含得分、问题、各科室待办、缩略图）");
  check_cmd->add_option("--xlsx", check.xlsx, "写出Excel问题清单（问题清单、得分估算、各责任科室待办）");
  check_cmd->add_option("--lang", check.lang, "报告语言：zh（默认）或 en");
  check_cmd->add_flag("--no-thumbnails", check.no_thumbnails, "HTML报告不含照片和文件首页缩略图（更小、更快）");

  auto* rules_cmd = app.add_subcommand("rules", "规则文件：列出、检查");
  rules_cmd->require_subcommand(1);
  std::vector<std::string> lint_paths;
  auto* lint_cmd = rules_cmd->add_subcommand("lint", "检查规则文件（带行号的中文提示）");
  lint_cmd->add_option("files", lint_paths, "规则文件路径或编号（可多个）")->required();
  std::string list_dir;
  auto* list_cmd = rules_cmd->add_subcommand("list", "列出可用的规则文件");
  list_cmd->add_option("--dir", list_dir, "规则目录");

  std::string init_dir;
  std::string init_rules;
  auto* init_cmd = app.add_subcommand("init", "按规则建立空的分类材料目录（每个指标一个文件夹，附说明）");
  init_cmd->add_option("dir", init_dir, "要建立的目录")->required();
  init_cmd->add_option("-r,--rules", init_rules, "规则文件路径或编号（默认 shandong-2025）");

  PackArgs pack;
  auto* pack_cmd = app.add_subcommand("pack", "检查后按指标顺序整理打包为验收材料压缩包（含目录、自检报告、SHA-256清单）");
  pack_cmd->add_option("input", pack.check.input, "材料目录")->required();
  pack_cmd->add_option("-o,--output", pack.output, "输出的压缩包，如 青石县验收材料.zip")->required();
  pack_cmd->add_option("-r,--rules", pack.check.rules, "规则文件路径或编号（默认 shandong-2025）");
  pack_cmd->add_option("--unmapped", pack.unmapped,
                       "无法归入指标的文件：refuse 拒绝打包（默认）、exclude 不打包、other 放入“99 未归类材料”");
  pack_cmd->add_option("--place", pack.place, "手工指定归属：路径=指标编号（可多次使用），如 \"其他/通知.pdf=2.1\"");
  pack_cmd->add_option("--split-size", pack.split_size, "分卷大小，如 200M（按文件夹拆分为多个独立压缩包）");
  pack_cmd->add_flag("--gbk-names", pack.gbk_names, "文件名使用GBK编码（兼容旧版Windows解压工具）");
  pack_cmd->add_option("-j,--jobs", pack.check.jobs, kJobsHelp)->check(CLI::Range(0, 256));
  pack_cmd->add_option("--ocr-engines", pack.check.ocr_engines, kOcrEnginesHelp)->check(CLI::Range(0, 64));
  pack_cmd->add_option("--year", pack.check.year, "试点年度（默认取规则文件中的年度）");
  pack_cmd->add_option("--as-of", pack.check.as_of, "检查日期，如 2025-12-31（默认今天）");
  pack_cmd->add_flag("--no-ocr", pack.check.no_ocr, "不使用文字识别（更快，但扫描件和水印无法识别）");
  pack_cmd->add_flag("--no-cache", pack.check.no_cache, kNoCacheHelp);
  pack_cmd->add_option("--file-time-limit", pack.check.file_time_limit, kFileTimeLimitHelp)->check(CLI::Range(0.0, 86400.0));
  pack_cmd->add_flag("-q,--quiet", pack.check.quiet, "不在终端输出进度和摘要");

  evpack::ServeCommand serve;
  auto* serve_cmd = app.add_subcommand("serve", "启动网页服务：在浏览器中上传材料、检查、打包、校验（账号、历史记录、两次检查对比）");
  serve_cmd->add_option("--listen", serve.options.listen, "监听地址（默认 127.0.0.1:8080）");
  serve_cmd->add_option("--data", serve.options.data_dir, "数据目录（账号、任务、上传的材料和结果）")->required();
  serve_cmd->add_option("--add-user", serve.add_user, "新建或修改账号后退出（密码从终端输入，不回显）");
  serve_cmd->add_option("--role", serve.role, "账号角色：admin 管理员、county 县级账号（默认）、reviewer 评审账号")
      ->check(CLI::IsMember({"admin", "county", "reviewer"}));
  serve_cmd->add_option("--counties", serve.counties, "评审账号可查看的县，用逗号分隔");
  serve_cmd->add_flag("--password-stdin", serve.password_stdin, "从标准输入读取密码（脚本使用）");
  serve_cmd->add_option("--workers", serve.options.workers, "同时运行的检查任务数（默认1）")->check(CLI::Range(1, 16));
  serve_cmd->add_option("-j,--jobs", serve.options.check_jobs, kJobsHelp)->check(CLI::Range(0, 256));
  serve_cmd->add_option("--max-upload", serve.max_upload, "上传大小上限，如 4G（默认）、500M");
  serve_cmd->add_option("--retention-days", serve.options.retention_days, "上传和结果保留天数（0 为一直保留；默认沿用上次的设置）");
  serve_cmd->add_option("--tls-cert", serve.options.tls_cert, "HTTPS 证书（PEM）");
  serve_cmd->add_option("--tls-key", serve.options.tls_key, "HTTPS 私钥（PEM）");
  serve_cmd->add_flag("--no-ocr", [&serve](std::int64_t) { serve.options.ocr = false; }, "检查时不使用文字识别（更快）");

  CheckArgs verify;
  bool verify_no_check = false;
  auto* verify_cmd = app.add_subcommand("verify", "校验收到的材料压缩包：结构、不安全条目、SHA-256清单，并重新检查内容");
  verify_cmd->add_option("package", verify.input, "材料压缩包（.zip）")->required();
  verify_cmd->add_option("-r,--rules", verify.rules, "规则文件路径或编号（默认 shandong-2025）");
  verify_cmd->add_option("--json", verify.json, "写出检查的 JSON 报告到此文件（写 - 则输出到标准输出）");
  verify_cmd->add_option("-j,--jobs", verify.jobs, kJobsHelp)->check(CLI::Range(0, 256));
  verify_cmd->add_option("--ocr-engines", verify.ocr_engines, kOcrEnginesHelp)->check(CLI::Range(0, 64));
  verify_cmd->add_option("--year", verify.year, "试点年度（默认取规则文件中的年度）");
  verify_cmd->add_option("--as-of", verify.as_of, "检查日期，如 2025-12-31（默认今天）");
  verify_cmd->add_flag("--no-ocr", verify.no_ocr, "不使用文字识别（更快）");
  verify_cmd->add_flag("--no-cache", verify.no_cache, kNoCacheHelp);
  verify_cmd->add_option("--file-time-limit", verify.file_time_limit, kFileTimeLimitHelp)->check(CLI::Range(0.0, 86400.0));
  verify_cmd->add_flag("--no-check", verify_no_check, "只校验结构和清单，不重新检查内容");
  verify_cmd->add_flag("-q,--quiet", verify.quiet, "不在终端输出摘要");
  verify_cmd->add_flag("--no-color", verify.no_color, "终端输出不使用颜色");
  verify_cmd->add_flag("--strict", verify.strict, "检查发现严重或致命问题时也以退出码1结束");
  verify_cmd->add_option("--max-findings", verify.max_findings, "终端最多显示的问题条数");

  for (CLI::App* sub : {check_cmd, rules_cmd, init_cmd, pack_cmd, verify_cmd, serve_cmd}) sub->group("子命令");
  for (CLI::App* sub : {lint_cmd, list_cmd}) sub->group("子命令");
  for (CLI::App* sub : {check_cmd, rules_cmd, init_cmd, pack_cmd, verify_cmd, serve_cmd, lint_cmd, list_cmd}) {
    sub->get_help_ptr()->group("选项");
  }
  for (CLI::App* sub : {check_cmd, pack_cmd, verify_cmd}) sub->footer(kExitCodesHelp);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? kExitOk : kExitUsage;
  }

  // One cleanup path for every temp file and folder: signals, normal exit, errors; and what
  // killed runs left (their pid is gone) under $TMPDIR and beside this run's outputs.
  evpack::install_temp_cleanup_on_signals();
  struct TempCleanup {
    ~TempCleanup() { evpack::remove_registered_temps(); }
  } const temp_cleanup;
  evpack::remove_stale_temps(evpack::temp_root());
  for (const std::string* output : {&check.json, &check.html, &check.xlsx, &pack.output, &verify.json}) {
    std::error_code ec;
    if (!output->empty()) evpack::remove_stale_temps(std::filesystem::absolute(*output, ec).parent_path().string());
  }

  try {
    if (check_cmd->parsed()) return run_check_command(check);
    if (lint_cmd->parsed()) return run_lint_command(lint_paths);
    if (list_cmd->parsed()) return run_list_command(list_dir);
    if (init_cmd->parsed()) return run_init_command(init_dir, init_rules);
    if (pack_cmd->parsed()) return run_pack_command(pack);
    if (verify_cmd->parsed()) return run_verify_command(verify, verify_no_check);
    if (serve_cmd->parsed()) {
      serve.options.rules_dir = rules_dir();
      serve.options.tool_version = EVPACK_VERSION;
      serve.options.cache_dir = evpack::default_cache_dir();
      serve.options.cache_build = evpack::program_fingerprint();
      return evpack::run_serve_command(serve);
    }
  } catch (const std::exception& e) {
    std::cerr << "内部错误：" << e.what() << "\n";
    return kExitInternal;
  }
  return kExitUsage;
}
