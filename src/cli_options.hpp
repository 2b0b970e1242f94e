// The option tables of the command line, one per command; the options check, pack and
// verify share are registered by one function. Included by src/main.cpp only (CLI11 is the
// command line's library, not the core's).
#pragma once

#include <CLI/CLI.hpp>

#include "evpack/app/commands.hpp"
#include "evpack/serve/serve.hpp"

namespace evpack::cli {

inline constexpr const char* kRulesHelp = "规则文件路径或编号（默认 shandong-2025）";
inline constexpr const char* kJobsHelp =
    "并行线程数（默认为CPU核数；识别文字时默认最多4个线程同时检查文件，以限制内存）";
inline constexpr const char* kOcrEnginesHelp =
    "同时运行的文字识别引擎数（默认2，每个约占60MB内存；内存充足的多核电脑可调大以加快识别）";
inline constexpr const char* kNoCacheHelp =
    "不沿用以前的检查结果，每个文件都重新识别（默认沿用内容未变的文件的结果，保存在用户缓存目录，"
    "可用环境变量 EVPACK_CACHE_DIR 指定）";
inline constexpr const char* kFileTimeLimitHelp =
    "每个文件的检查时限（秒，默认60，0为不限）；超时的文件记为“检查超时”并继续检查其他文件";
inline constexpr const char* kNoOcrHelp = "不使用文字识别（更快，但扫描件和水印无法识别）";
inline constexpr const char* kAsOfHelp = "检查日期，如 2025-12-31（默认今天）";

/// How the inspection runs: -j, --ocr-engines, --year, --as-of, --no-ocr, --no-cache,
/// --file-time-limit (check, pack and verify; the help of --as-of and --no-ocr differs).
inline void add_inspection_options(CLI::App* cmd, CheckArgs& a, const char* as_of_help, const char* no_ocr_help) {
  cmd->add_option("-j,--jobs", a.jobs, kJobsHelp)->check(CLI::Range(0, 256));
  cmd->add_option("--ocr-engines", a.ocr_engines, kOcrEnginesHelp)->check(CLI::Range(0, 64));
  cmd->add_option("--year", a.year, "试点年度（默认取规则文件中的年度）");
  cmd->add_option("--as-of", a.as_of, as_of_help);
  cmd->add_flag("--no-ocr", a.no_ocr, no_ocr_help);
  cmd->add_flag("--no-cache", a.no_cache, kNoCacheHelp);
  cmd->add_option("--file-time-limit", a.file_time_limit, kFileTimeLimitHelp)->check(CLI::Range(0.0, 86400.0));
}

inline CLI::App* add_check_command(CLI::App& app, CheckArgs& a) {
  auto* cmd = app.add_subcommand("check", "检查材料目录：归类、评分估算、扣分风险");
  cmd->add_option("input", a.input, "材料目录")->required();
  cmd->add_option("-r,--rules", a.rules, kRulesHelp);
  cmd->add_option("--json", a.json, "写出 JSON 报告到此文件（写 - 则输出到标准输出，摘要改到标准错误）");
  add_inspection_options(cmd, a, "检查日期，如 2025-12-31（默认今天）；未到期的季度/月份不算缺失", kNoOcrHelp);
  cmd->add_flag("-q,--quiet", a.quiet, "不在终端输出进度和摘要");
  cmd->add_flag("--no-color", a.no_color, "终端输出不使用颜色");
  cmd->add_flag("--strict", a.strict, "发现严重或致命问题时以退出码1结束（便于脚本使用）");
  cmd->add_option("--max-findings", a.max_findings, "终端最多显示的问题条数");
  cmd->add_option("--html", a.html, "写出自检报告（单个离线HTML文件，含得分、问题、各科室待办、缩略图）");
  cmd->add_option("--xlsx", a.xlsx, "写出Excel问题清单（问题清单、得分估算、各责任科室待办）");
  cmd->add_option("--lang", a.lang, "报告语言：zh（默认）或 en");
  cmd->add_flag("--no-thumbnails", a.no_thumbnails, "HTML报告不含照片和文件首页缩略图（更小、更快）");
  return cmd;
}

inline CLI::App* add_pack_command(CLI::App& app, PackArgs& a) {
  auto* cmd = app.add_subcommand("pack", "检查后按指标顺序整理打包为验收材料压缩包（含目录、自检报告、SHA-256清单）");
  cmd->add_option("input", a.check.input, "材料目录")->required();
  cmd->add_option("-o,--output", a.output, "输出的压缩包，如 青石县验收材料.zip")->required();
  cmd->add_option("-r,--rules", a.check.rules, kRulesHelp);
  cmd->add_option("--unmapped", a.unmapped,
                  "无法归入指标的文件：refuse 拒绝打包（默认）、exclude 不打包、other 放入“99 未归类材料”");
  cmd->add_option("--place", a.place, "手工指定归属：路径=指标编号（可多次使用），如 \"其他/通知.pdf=2.1\"");
  cmd->add_option("--split-size", a.split_size, "分卷大小，如 200M（按文件夹拆分为多个独立压缩包）");
  cmd->add_flag("--gbk-names", a.gbk_names, "文件名使用GBK编码（兼容旧版Windows解压工具）");
  add_inspection_options(cmd, a.check, kAsOfHelp, kNoOcrHelp);
  cmd->add_flag("-q,--quiet", a.check.quiet, "不在终端输出进度和摘要");
  return cmd;
}

inline CLI::App* add_verify_command(CLI::App& app, VerifyArgs& a) {
  auto* cmd = app.add_subcommand("verify", "校验收到的材料压缩包：结构、不安全条目、SHA-256清单，并重新检查内容");
  cmd->add_option("package", a.check.input, "材料压缩包（.zip）")->required();
  cmd->add_option("-r,--rules", a.check.rules, kRulesHelp);
  cmd->add_option("--json", a.check.json, "写出检查的 JSON 报告到此文件（写 - 则输出到标准输出）");
  add_inspection_options(cmd, a.check, kAsOfHelp, "不使用文字识别（更快）");
  cmd->add_flag("--no-check", a.no_check, "只校验结构和清单，不重新检查内容");
  cmd->add_flag("-q,--quiet", a.check.quiet, "不在终端输出摘要");
  cmd->add_flag("--no-color", a.check.no_color, "终端输出不使用颜色");
  cmd->add_flag("--strict", a.check.strict, "检查发现严重或致命问题时也以退出码1结束");
  cmd->add_option("--max-findings", a.check.max_findings, "终端最多显示的问题条数");
  return cmd;
}

inline CLI::App* add_init_command(CLI::App& app, InitArgs& a) {
  auto* cmd = app.add_subcommand("init", "按规则建立空的分类材料目录（每个指标一个文件夹，附说明）");
  cmd->add_option("dir", a.dir, "要建立的目录")->required();
  cmd->add_option("-r,--rules", a.rules, kRulesHelp);
  return cmd;
}

inline CLI::App* add_serve_command(CLI::App& app, ServeCommand& s) {
  auto* cmd =
      app.add_subcommand("serve", "启动网页服务：在浏览器中上传材料、检查、打包、校验（账号、历史记录、两次检查对比）");
  cmd->add_option("--listen", s.options.listen, "监听地址（默认 127.0.0.1:8080）");
  cmd->add_option("--data", s.options.data_dir, "数据目录（账号、任务、上传的材料和结果）")->required();
  cmd->add_option("--add-user", s.add_user, "新建或修改账号后退出（密码从终端输入，不回显）");
  cmd->add_option("--role", s.role, "账号角色：admin 管理员、county 县级账号（默认）、reviewer 评审账号")
      ->check(CLI::IsMember({"admin", "county", "reviewer"}));
  cmd->add_option("--counties", s.counties, "评审账号可查看的县，用逗号分隔");
  cmd->add_flag("--password-stdin", s.password_stdin, "从标准输入读取密码（脚本使用）");
  cmd->add_option("--workers", s.options.workers, "同时运行的检查任务数（默认1）")->check(CLI::Range(1, 16));
  cmd->add_option("-j,--jobs", s.options.check_jobs, kJobsHelp)->check(CLI::Range(0, 256));
  cmd->add_option("--max-upload", s.max_upload, "上传大小上限，如 4G（默认）、500M");
  cmd->add_option("--retention-days", s.options.retention_days,
                  "上传和结果保留天数（0 为一直保留；默认沿用上次的设置）");
  cmd->add_option("--tls-cert", s.options.tls_cert, "HTTPS 证书（PEM）");
  cmd->add_option("--tls-key", s.options.tls_key, "HTTPS 私钥（PEM）");
  cmd->add_flag(
      "--no-ocr", [&s](std::int64_t) { s.options.ocr = false; }, "检查时不使用文字识别（更快）");
  return cmd;
}

}  // namespace evpack::cli
