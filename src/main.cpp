// evpack command line: parses options and calls one library function per command.
// Exit codes: 0 done (findings do not change it), 1 check done with --strict and
// errors found, 2 usage or input error (bad rule file, missing folder), 3 internal error.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <mutex>

#include "evpack/app/check.hpp"
#include "evpack/app/init.hpp"
#include "evpack/inspect/date_text.hpp"
#include "evpack/report/console_report.hpp"
#include "evpack/report/json_report.hpp"
#include "evpack/rules/rule_loader.hpp"
#include "evpack/util/atomic_file.hpp"

namespace {

using evpack::Expected;

constexpr int kExitOk = 0;
constexpr int kExitFindings = 1;
constexpr int kExitUsage = 2;
constexpr int kExitInternal = 3;

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

struct CheckArgs {
  std::string input;
  std::string rules;
  std::string json;
  std::string as_of;
  int year = 0;
  int jobs = 0;
  bool no_ocr = false;
  bool quiet = false;
  bool no_color = false;
  bool strict = false;
  int max_findings = 20;
};

int run_check_command(const CheckArgs& args) {
  evpack::CheckOptions options;
  options.input = args.input;
  options.rules_path = resolve_rules(args.rules);
  options.jobs = args.jobs;
  options.inspect.ocr = !args.no_ocr;
  options.evaluate.year = args.year;
  if (!args.as_of.empty()) {
    const auto d = evpack::date_from_name(args.as_of);
    if (!d) {
      std::cerr << "错误：--as-of 日期格式不正确：" << args.as_of << "（应为 2025-12-31）\n";
      return kExitUsage;
    }
    options.evaluate.as_of = *d;
  } else {
    options.evaluate.as_of = today();
  }

  const bool tty = ::isatty(STDERR_FILENO) != 0;
  std::mutex progress_mutex;
  const auto start = std::chrono::steady_clock::now();
  if (tty && !args.quiet) {
    options.progress = [&](std::size_t done, std::size_t total) {
      const std::lock_guard lock(progress_mutex);
      if (done != total && done % 16 != 0) return;
      const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      const double left = done ? secs / static_cast<double>(done) * static_cast<double>(total - done) : 0;
      std::fprintf(stderr, "\r检查中 %zu/%zu 个文件  剩余约 %.0f 秒   ", done, total, left);
      if (done == total) std::fputs("\r\033[K", stderr);
    };
  }

  auto result = evpack::run_check(options);
  if (!result) {
    print_error(result.error());
    return kExitUsage;
  }
  if (!args.json.empty()) {
    const std::string json = evpack::render_json_report(result.value(), {args.input, EVPACK_VERSION});
    auto written = evpack::write_file_atomically(args.json, json);
    if (!written) {
      print_error(written.error());
      return kExitUsage;
    }
  }
  if (!args.quiet) {
    evpack::ConsoleOptions console;
    console.color = ::isatty(STDOUT_FILENO) != 0 && !args.no_color && std::getenv("NO_COLOR") == nullptr;
    console.max_findings = args.max_findings;
    std::cout << evpack::render_console_summary(result.value(), console);
    if (!args.json.empty()) std::cout << "\nJSON 报告：" << args.json << "\n";
  }
  if (args.strict) {
    for (const auto& f : result->findings) {
      if (f.severity >= evpack::Severity::Error) return kExitFindings;
    }
  }
  return kExitOk;
}

int run_lint_command(const std::string& path) {
  const auto messages = evpack::lint_rule_file(resolve_rules(path));
  int errors = 0;
  for (const auto& m : messages) {
    std::cout << (m.line ? "第" + std::to_string(m.line) + "行 " : std::string()) << "["
              << evpack::severity_label_zh(m.severity) << "] " << m.code << "：" << m.message << "\n";
    if (m.severity >= evpack::Severity::Error) ++errors;
  }
  if (messages.empty()) std::cout << "规则文件检查通过，未发现问题。\n";
  else std::cout << "共 " << messages.size() << " 条问题。\n";
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

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"evpack：信用交通县验收佐证材料检查与打包工具"};
  app.set_version_flag("--version", std::string("evpack ") + EVPACK_VERSION);
  app.require_subcommand(1);

  CheckArgs check;
  auto* check_cmd = app.add_subcommand("check", "检查材料目录：归类、评分估算、扣分风险");
  check_cmd->add_option("input", check.input, "材料目录")->required();
  check_cmd->add_option("-r,--rules", check.rules, "规则文件路径或编号（默认 shandong-2025）");
  check_cmd->add_option("--json", check.json, "写出 JSON 报告到此文件");
  check_cmd->add_option("-j,--jobs", check.jobs, "并行线程数（默认为CPU核数）")->check(CLI::Range(0, 256));
  check_cmd->add_option("--year", check.year, "试点年度（默认取规则文件中的年度）");
  check_cmd->add_option("--as-of", check.as_of, "检查日期，如 2025-12-31（默认今天）；未到期的季度/月份不算缺失");
  check_cmd->add_flag("--no-ocr", check.no_ocr, "不使用文字识别（更快，但扫描件和水印无法识别）");
  check_cmd->add_flag("-q,--quiet", check.quiet, "不在终端输出摘要");
  check_cmd->add_flag("--no-color", check.no_color, "终端输出不使用颜色");
  check_cmd->add_flag("--strict", check.strict, "发现严重或致命问题时以退出码1结束（便于脚本使用）");
  check_cmd->add_option("--max-findings", check.max_findings, "终端最多显示的问题条数");

  auto* rules_cmd = app.add_subcommand("rules", "规则文件：列出、检查");
  rules_cmd->require_subcommand(1);
  std::string lint_path;
  auto* lint_cmd = rules_cmd->add_subcommand("lint", "检查规则文件（带行号的中文提示）");
  lint_cmd->add_option("file", lint_path, "规则文件路径或编号")->required();
  std::string list_dir;
  auto* list_cmd = rules_cmd->add_subcommand("list", "列出可用的规则文件");
  list_cmd->add_option("--dir", list_dir, "规则目录");

  std::string init_dir;
  std::string init_rules;
  auto* init_cmd = app.add_subcommand("init", "按规则建立空的分类材料目录（每个指标一个文件夹，附说明）");
  init_cmd->add_option("dir", init_dir, "要建立的目录")->required();
  init_cmd->add_option("-r,--rules", init_rules, "规则文件路径或编号（默认 shandong-2025）");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? kExitOk : kExitUsage;
  }

  try {
    if (check_cmd->parsed()) return run_check_command(check);
    if (lint_cmd->parsed()) return run_lint_command(lint_path);
    if (list_cmd->parsed()) return run_list_command(list_dir);
    if (init_cmd->parsed()) return run_init_command(init_dir, init_rules);
  } catch (const std::exception& e) {
    std::cerr << "内部错误：" << e.what() << "\n";
    return kExitInternal;
  }
  return kExitUsage;
}
