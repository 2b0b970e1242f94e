#include "evpack/app/command_support.hpp"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <iostream>

#include "evpack/app/inspection_cache.hpp"
#include "evpack/inspect/date_text.hpp"
#include "evpack/util/system_error.hpp"
#include "evpack/util/temp_files.hpp"

namespace evpack {

const char* const kExitCodesHelp =
    "退出码：0 完成（发现问题也为0）；1 使用 --strict 时发现严重或致命问题（verify：材料包有问题）；"
    "2 参数、规则文件、材料目录或输出路径有误；3 内部错误；4 没有可检查的材料（空文件夹或没有像佐证材料的文件）；"
    "130/143/129 被 Ctrl-C、终止或挂断信号中断（临时文件已先删除，未写出半截文件）。";

namespace {

CivilDate today() {
  const std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  return {local.tm_year + 1900, local.tm_mon + 1, local.tm_mday};
}

}  // namespace

int exit_code_for(const Error& error) {
  std::cerr << "错误：" << error.message << "\n";
  return error.code == "PACK_CANCELLED" || error.code == "CHECK_CANCELLED" ? kExitInterrupted : kExitUsage;
}

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

std::string resolve_rules(const std::string& given) {
  if (given.empty()) return rules_dir() + "/shandong-2025.yaml";
  std::error_code ec;
  if (std::filesystem::exists(given, ec)) return given;
  const std::string by_id = rules_dir() + "/" + given + (given.ends_with(".yaml") ? "" : ".yaml");
  if (std::filesystem::exists(by_id, ec)) return by_id;
  return given;  // the loader reports the missing file in Chinese
}

bool rules_exist(const std::string& given, const std::string& resolved) {
  std::error_code ec;
  if (std::filesystem::exists(resolved, ec)) return true;
  std::cerr << "错误：找不到规则“" << given << "”：既不是规则文件，也不是已有的规则编号。"
            << "运行 evpack rules list 查看可用的规则编号。\n";
  return false;
}

bool output_path_ok(const std::string& path, const std::string& input, const char* what, bool dash_ok) {
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
    std::cerr << "错误：无法在 " << folder.string() << " 写入" << what << "：" << system_error_zh(errno) << "\n";
    return false;
  }
  if (fs::is_directory(input, ec)) {
    const fs::path root = fs::weakly_canonical(input, ec);
    const fs::path target = fs::weakly_canonical(fs::absolute(out, ec), ec);
    const auto mismatch = std::mismatch(root.begin(), root.end(), target.begin(), target.end());
    if (!root.empty() && mismatch.first == root.end()) {
      std::cerr << "错误：" << what << "不能保存在材料目录 " << input << " 里（下次检查会被当作材料）：" << path
                << "\n";
      return false;
    }
  }
  return true;
}

bool bad_option_value(const char* what, const std::string& raw, const char* hint) {
  std::cerr << "错误：" << what << "不正确：" << raw << "（" << hint << "）\n";
  return false;
}

bool fill_check_options(const CheckArgs& args, CheckOptions& options) {
  options.input = args.input;
  options.rules_path = resolve_rules(args.rules);
  if (!rules_exist(args.rules, options.rules_path)) return false;
  options.jobs = args.jobs;
  options.ocr_engines = args.ocr_engines;
  options.inspect.ocr = !args.no_ocr;
  options.inspect.max_seconds_per_file = args.file_time_limit;
  options.evaluate.year = args.year;
  options.evaluate.as_of = today();
  const auto date = [](const std::string& text) { return date_from_name(text); };
  if (!parse_option(args.as_of, options.evaluate.as_of, date, "--as-of 日期格式", "应为 2025-12-31")) return false;
  if (!args.no_cache) {
    options.cache_dir = default_cache_dir();
    options.cache_build = program_fingerprint();
  }
  return true;
}

ConsoleOptions console_options(const CheckArgs& args, int fd) {
  ConsoleOptions console;
  console.color = ::isatty(fd) != 0 && !args.no_color && std::getenv("NO_COLOR") == nullptr;
  console.max_findings = args.max_findings;
  return console;
}

bool strict_failure(const CheckArgs& args, const std::vector<Finding>& findings) {
  return args.strict &&
         std::any_of(findings.begin(), findings.end(), [](const Finding& f) { return f.severity >= Severity::Error; });
}

int run_command(const std::vector<std::string>& outputs, const std::function<int()>& command) {
  // One cleanup path for every temp file and folder: signals, normal exit, errors; and what
  // killed runs left (their pid is gone) under $TMPDIR and beside this run's outputs.
  install_temp_cleanup_on_signals();
  struct TempCleanup {
    ~TempCleanup() { remove_registered_temps(); }
  } const temp_cleanup;
  remove_stale_temps(temp_root());
  for (const std::string& output : outputs) {
    std::error_code ec;
    if (!output.empty()) remove_stale_temps(std::filesystem::absolute(output, ec).parent_path().string());
  }
  try {
    return command();
  } catch (const std::exception& e) {
    std::cerr << "内部错误：" << e.what() << "\n";
    return kExitInternal;
  }
}

}  // namespace evpack
