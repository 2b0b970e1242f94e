// `evpack pack`: checks the evidence (a folder, or a zip such as a received package), then
// writes the acceptance zip and prints what it holds.
#include <chrono>
#include <cstdio>
#include <iostream>

#include "evpack/app/command_support.hpp"
#include "evpack/app/terminal_progress.hpp"
#include "evpack/app/thumbnails.hpp"
#include "evpack/package/pack.hpp"
#include "evpack/util/format.hpp"

namespace evpack {

namespace {

// The package's own options from the command line. False after saying what is wrong.
bool fill_pack_options(const PackArgs& args, PackOptions& pack) {
  pack.output = args.output;
  pack.tool_version = EVPACK_VERSION;
  pack.input_label = args.check.input;
  pack.jobs = args.check.jobs;
  pack.names = args.gbk_names ? ZipNameEncoding::Gbk : ZipNameEncoding::Utf8;
  if (args.unmapped == "refuse")
    pack.plan.unmapped = UnmappedPolicy::Refuse;
  else if (args.unmapped == "exclude")
    pack.plan.unmapped = UnmappedPolicy::Exclude;
  else if (args.unmapped == "other")
    pack.plan.unmapped = UnmappedPolicy::OtherFolder;
  else {
    std::cerr << "错误：--unmapped 只能是 refuse、exclude 或 other\n";
    return false;
  }
  for (const auto& p : args.place) {
    const auto eq = p.rfind('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == p.size()) {
      std::cerr << "错误：--place 应写成 路径=指标编号，如 --place \"其他/市局通知.pdf=2.1\"\n";
      return false;
    }
    pack.plan.assignments.emplace_back(p.substr(0, eq), p.substr(eq + 1));
  }
  const auto size = [](const std::string& text) { return parse_size(text); };
  return parse_option(args.split_size, pack.plan.split_size, size, "--split-size 格式", "如 200M、1.5G");
}

void print_packed(const CheckResult& checked, const PackResult& r, double total_seconds) {
  std::cout << "已生成验收材料包（" << r.plan.files.size() << " 个文件，" << format_megabytes(r.payload_bytes)
            << "）：\n";
  for (std::size_t i = 0; i < r.outputs.size(); ++i) {
    std::cout << "  " << r.outputs[i] << "  " << format_megabytes(r.zip_sizes[i]) << "\n";
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
  const auto& t = checked.evaluation.totals;
  std::cout << "每个文件已重新读回并与 SHA-256 清单核对无误。预计得分 " << t.total << " / " << t.nominal
            << "，发现问题 " << checked.findings.size() << " 条（详见包内“目录.html”）。\n";
  std::cout << reused_inspections_line(checked);
  std::fprintf(stdout, "用时：检查 %.1f 秒，写入 %.1f 秒，校验 %.1f 秒，落盘 %.1f 秒，共 %.1f 秒。\n",
               total_seconds - r.write_seconds - r.verify_seconds - r.sync_seconds, r.write_seconds, r.verify_seconds,
               r.sync_seconds, total_seconds);
}

}  // namespace

int run_pack_command(const PackArgs& args) {
  PackOptions pack;
  if (!fill_pack_options(args, pack)) return kExitUsage;
  CheckOptions options;
  if (!fill_check_options(args.check, options)) return kExitUsage;
  if (!output_path_ok(args.output, args.check.input, "材料压缩包")) return kExitUsage;
  const auto start = std::chrono::steady_clock::now();
  TerminalProgress progress(args.check.quiet);
  options.progress = progress.step("检查中");
  pack.check_date = options.evaluate.as_of;
  // A zip as input (repacking a received package) is unpacked by run_check with the
  // hostile-zip checks; the result keeps the files until the package is written.
  auto checked = run_check(options);
  progress.finish();
  if (!checked) return exit_code_for(checked.error());
  // Ctrl-C / SIGTERM: the signal thread (install_temp_cleanup_on_signals) removes the
  // temp volumes and their part files and ends the process with 130 / 143.
  pack.report_thumbnails = [&] {
    ThumbnailOptions thumb_options;
    thumb_options.jobs = args.check.jobs;
    return make_thumbnails(checked.value(), thumb_options);
  };
  pack.progress = progress.package();
  Expected<PackResult> packed = write_package(checked.value(), pack);
  progress.finish();
  if (!packed) return exit_code_for(packed.error());
  if (!args.check.quiet) {
    print_packed(checked.value(), packed.value(),
                 std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  }
  return kExitOk;
}

}  // namespace evpack
