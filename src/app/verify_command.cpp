// `evpack verify`: checks a received package (structure, manifest, hostile entries) and,
// unless --no-check, checks its content again.
#include <unistd.h>

#include <iostream>

#include "evpack/app/command_support.hpp"
#include "evpack/app/verify.hpp"
#include "evpack/report/json_report.hpp"
#include "evpack/util/atomic_file.hpp"

namespace evpack {

int run_verify_command(const VerifyArgs& verify) {
  const CheckArgs& args = verify.check;
  VerifyOptions options;
  options.run_check = !verify.no_check;
  if (!fill_check_options(args, options.check)) return kExitUsage;
  if (!output_path_ok(args.json, args.input, "JSON 报告", true)) return kExitUsage;
  auto report = verify_package(args.input, options);
  if (!report) return exit_code_for(report.error());
  if (!args.json.empty() && report->check) {
    const std::string json =
        render_json_report(*report->check, {args.input, EVPACK_VERSION, options.check.evaluate.as_of});
    if (args.json == "-") std::cout << json << std::flush;  // the summary then goes to standard error
    auto written = args.json == "-" ? Expected<bool>(true) : write_file_atomically(args.json, json);
    if (!written) return exit_code_for(written.error());
  }
  if (!args.quiet) {
    std::ostream& out = args.json == "-" ? std::cerr : std::cout;
    out << render_verify_summary(report.value(), args.max_findings);
    if (report->check) {
      ConsoleOptions console = console_options(args, args.json == "-" ? STDERR_FILENO : STDOUT_FILENO);
      if (!args.json.empty() && args.json != "-") console.full_report = "JSON 报告 " + args.json;
      out << "\n" << render_console_summary(*report->check, console);
    }
  }
  if (!report->intact()) return kExitFindings;
  return report->check && strict_failure(args, report->check->findings) ? kExitFindings : kExitOk;
}

}  // namespace evpack
