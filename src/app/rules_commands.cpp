// `evpack rules lint`, `evpack rules list` and `evpack init`: the commands that check no evidence.
#include <iostream>

#include "evpack/app/command_support.hpp"
#include "evpack/app/init.hpp"
#include "evpack/report/finding_names.hpp"
#include "evpack/rules/rule_loader.hpp"

namespace evpack {

int run_lint_command(const std::vector<std::string>& paths) {
  int errors = 0;
  for (const auto& path : paths) {
    const auto messages = lint_rule_file(resolve_rules(path));
    if (paths.size() > 1) std::cout << "== " << path << "\n";
    for (const auto& m : messages) {
      std::cout << (m.line ? "第" + std::to_string(m.line) + "行 " : std::string()) << "["
                << severity_label_zh(m.severity) << "] " << finding_name_zh(m.code) << "：" << m.message << "\n";
      if (m.severity >= Severity::Error) ++errors;
    }
    if (messages.empty())
      std::cout << "规则文件检查通过，未发现问题。\n";
    else
      std::cout << "共 " << messages.size() << " 条问题。\n";
  }
  return errors ? kExitUsage : kExitOk;
}

int run_list_command(const std::string& dir) {
  const auto sets = list_rule_sets(dir.empty() ? rules_dir() : dir);
  for (const auto& s : sets) {
    std::cout << pad_right(s.id, 24) << pad_right(s.scored ? "计分" : "任务", 6) << s.title << "\n";
    std::cout << std::string(24, ' ') << s.path << "\n";
  }
  if (sets.empty()) std::cout << "未找到规则文件。\n";
  return kExitOk;
}

int run_init_command(const InitArgs& args) {
  if (!rules_exist(args.rules, resolve_rules(args.rules))) return kExitUsage;
  auto rules = load_rule_set(resolve_rules(args.rules));
  if (!rules) return exit_code_for(rules.error());
  auto summary = init_evidence_tree(args.dir, rules.value());
  if (!summary) return exit_code_for(summary.error());
  std::cout << "已在 " << args.dir << " 建立“" << rules->title << "”的材料目录：新建文件夹 " << summary->folders_created
            << " 个，说明文件 " << summary->guides_written << " 个";
  if (summary->existing_kept) std::cout << "，保留已有文件夹 " << summary->existing_kept << " 个";
  std::cout << "。\n请把材料放入对应指标的文件夹，然后运行：evpack check " << args.dir << "\n";
  return kExitOk;
}

}  // namespace evpack
