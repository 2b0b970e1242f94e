// evpack command line: parses the options (src/cli_options.hpp, one table per command) and
// calls one command of src/app/ (evpack/app/commands.hpp), which returns the exit code.
// Exit codes (also in --help): 0 done (findings do not change it), 1 check done with --strict
// and errors found, 2 usage or input error, 3 internal error, 4 nothing to check, 130/143/129
// interrupted by Ctrl-C/SIGTERM/SIGHUP (temp files removed first); see docs/ARCHITECTURE.md.
#include <CLI/CLI.hpp>
#include <memory>
#include <string>
#include <vector>

#include "cli_options.hpp"
#include "cli_zh.hpp"
#include "evpack/app/commands.hpp"
#include "evpack/serve/serve.hpp"
#include "evpack/util/thread_pool.hpp"

int main(int argc, char** argv) {
  using namespace evpack;
  return_large_blocks_to_system();
  CLI::App app{"evpack：信用交通县验收佐证材料检查与打包工具"};
  // Help and parse errors in Chinese; the subcommands inherit these settings from `app`.
  app.formatter(std::make_shared<cli::ChineseFormatter>());
  app.failure_message(cli::failure_message_zh);
  app.option_defaults()->group("选项");
  app.set_help_flag("-h,--help", "显示本帮助并退出");
  app.set_version_flag("--version", std::string("evpack ") + EVPACK_VERSION, "显示版本号并退出");
  app.footer(kExitCodesHelp);
  app.require_subcommand(1);

  CheckArgs check;
  auto* check_cmd = cli::add_check_command(app, check);
  auto* rules_cmd = app.add_subcommand("rules", "规则文件：列出、检查");
  rules_cmd->require_subcommand(1);
  std::vector<std::string> lint_paths;
  auto* lint_cmd = rules_cmd->add_subcommand("lint", "检查规则文件（带行号的中文提示）");
  lint_cmd->add_option("files", lint_paths, "规则文件路径或编号（可多个）")->required();
  std::string list_dir;
  auto* list_cmd = rules_cmd->add_subcommand("list", "列出可用的规则文件");
  list_cmd->add_option("--dir", list_dir, "规则目录");
  InitArgs init;
  auto* init_cmd = cli::add_init_command(app, init);
  PackArgs pack;
  auto* pack_cmd = cli::add_pack_command(app, pack);
  ServeCommand serve;
  auto* serve_cmd = cli::add_serve_command(app, serve);
  VerifyArgs verify;
  auto* verify_cmd = cli::add_verify_command(app, verify);

  for (CLI::App* sub : {check_cmd, rules_cmd, init_cmd, pack_cmd, verify_cmd, serve_cmd, lint_cmd, list_cmd}) {
    sub->group("子命令");
    sub->get_help_ptr()->group("选项");
  }
  for (CLI::App* sub : {check_cmd, pack_cmd, verify_cmd}) sub->footer(kExitCodesHelp);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? kExitOk : kExitUsage;
  }

  const std::vector<std::string> outputs{check.json, check.html, check.xlsx, pack.output, verify.check.json};
  if (check_cmd->parsed()) return run_command(outputs, [&] { return run_check_command(check); });
  if (lint_cmd->parsed()) return run_command(outputs, [&] { return run_lint_command(lint_paths); });
  if (list_cmd->parsed()) return run_command(outputs, [&] { return run_list_command(list_dir); });
  if (init_cmd->parsed()) return run_command(outputs, [&] { return run_init_command(init); });
  if (pack_cmd->parsed()) return run_command(outputs, [&] { return run_pack_command(pack); });
  if (verify_cmd->parsed()) return run_command(outputs, [&] { return run_verify_command(verify); });
  if (serve_cmd->parsed()) return run_command(outputs, [&] { return run_serve_cli(serve); });
  return kExitUsage;
}
