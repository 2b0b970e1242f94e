// CLI11 in Chinese: the help formatter and the parse-failure messages of the command line.
// Included by src/main.cpp only (CLI11 is the command line's library, not the core's).
#pragma once

#include <CLI/CLI.hpp>
#include <regex>
#include <string>

namespace evpack::cli {

/// Help text with Chinese headings and value names ("用法", "选项", "整数", "必填").
class ChineseFormatter : public CLI::Formatter {
 public:
  ChineseFormatter() {
    label("Usage", "用法");
    label("OPTIONS", "选项");
    label("SUBCOMMAND", "子命令");
    label("SUBCOMMANDS", "子命令");
    label("Positionals", "参数");
    label("REQUIRED", "必填");
    column_width(34);
  }

  std::string make_option_opts(const CLI::Option* opt) const override {
    std::string out;
    // A flag takes no value (CLI11 gives flags an empty type name).
    if (opt->get_type_size() == 0 || opt->get_type_name().empty() || opt->get_positional()) return out;
    const std::string type = opt->get_type_name();
    if (type.rfind("INT", 0) == 0 || type.rfind("UINT", 0) == 0)
      out += " 整数";
    else if (type.rfind("FLOAT", 0) == 0 || type.rfind("NUMBER", 0) == 0)
      out += " 数值";
    else
      out += " 文本";
    if (opt->get_expected_max() == CLI::detail::expected_max_vector_size) out += " …";
    if (opt->get_required() && !opt->get_positional()) out += " （必填）";
    return out;
  }

  // A positional argument is named by its Chinese description ("材料目录"), not its
  // internal name ("input").
  std::string make_option_name(const CLI::Option* opt, bool is_positional) const override {
    if (is_positional && !opt->get_description().empty()) return opt->get_description();
    return CLI::Formatter::make_option_name(opt, is_positional);
  }
  std::string make_option_desc(const CLI::Option* opt) const override {
    if (opt->get_positional()) return opt->get_required() ? "必填" : "可省略";
    return CLI::Formatter::make_option_desc(opt);
  }

  std::string make_usage(const CLI::App* app, std::string name) const override {
    std::string out = CLI::Formatter::make_usage(app, std::move(name));
    // "[选项] input" names the positional arguments by their Chinese description instead.
    for (const CLI::Option* opt : app->get_options([](const CLI::Option* o) { return o->get_positional(); })) {
      const std::string en = opt->get_name(true, false);
      const auto at = out.find(en);
      if (at != std::string::npos && !opt->get_description().empty())
        out.replace(at, en.size(), opt->get_description());
    }
    return out;
  }
};

/// A CLI11 parse error in Chinese, with the option or value it is about. `subcommands` are
/// the names offered when a subcommand is missing. Told apart by class name and, where
/// CLI11 names the error after the subcommand instead (ExtrasError), by its message.
inline std::string parse_error_zh(const CLI::Error& e, const std::string& subcommands = "") {
  const std::string name = e.get_name();
  const std::string msg = e.what();
  std::smatch m;
  if (std::regex_search(msg, m, std::regex("arguments? (was|were) not expected: (.*)$"))) {
    return "无法识别的参数：" + m[2].str();
  }
  if (name == "RequiredError") {
    if (msg.rfind("A subcommand", 0) == 0) {
      return "缺少子命令" + (subcommands.empty() ? std::string() : "：请写 " + subcommands + " 之一");
    }
    if (std::regex_search(msg, m, std::regex("^(.+) is required"))) return "缺少必填参数 " + m[1].str();
    return "缺少必填参数";
  }
  if (name == "ExtrasError") {
    const auto colon = msg.find(": ");
    return "无法识别的参数：" + (colon == std::string::npos ? msg : msg.substr(colon + 2));
  }
  if (name == "ValidationError") {
    if (std::regex_search(msg, m, std::regex("^(.*): ?Value (.+) not in range (.+) to (.+)$"))) {
      return "参数 " + m[1].str() + " 的取值 " + m[2].str() + " 超出范围（应在 " + m[3].str() + " 到 " + m[4].str() +
             " 之间）";
    }
    if (std::regex_search(msg, m, std::regex("^([^:]+):"))) return "参数 " + m[1].str() + " 的取值不符合要求";
    return "参数取值不符合要求";
  }
  if (name == "ConversionError") {
    if (std::regex_search(msg, m, std::regex("Could not convert: (\\S+) = (.*)$"))) {
      return "参数 " + m[1].str() + " 的取值 " + m[2].str() + " 不是有效的数字";
    }
    if (std::regex_search(msg, m, std::regex("The value (.+) is not an allowed value for (\\S+)"))) {
      return "参数 " + m[2].str() + " 的取值 " + m[1].str() + " 无效";
    }
    return "参数取值无效";
  }
  if (name == "ArgumentMismatch") {
    if (std::regex_search(msg, m, std::regex("to (\\S+), got")) || std::regex_search(msg, m, std::regex("^(\\S+):"))) {
      return "参数 " + m[1].str() + " 后面缺少取值，或取值个数不对";
    }
    return "参数后面缺少取值，或取值个数不对";
  }
  if (name == "ExcludesError" || name == "RequiresError") return "这几个参数不能这样一起使用";
  return "命令行参数有误";
}

/// CLI11's failure-message hook: the Chinese error and where to find the usage.
inline std::string failure_message_zh(const CLI::App* app, const CLI::Error& e) {
  // Name the subcommand the user was typing ("evpack check --help").
  std::string command = "evpack";
  const CLI::App* last = app;
  for (const CLI::App* a = app; a != nullptr;) {
    const auto parsed = a->get_subcommands([](const CLI::App* sub) { return sub->parsed(); });
    a = parsed.empty() ? nullptr : parsed.front();
    if (a) {
      command += " " + a->get_name();
      last = a;
    }
  }
  std::string names;
  for (const CLI::App* sub : last->get_subcommands({})) names += (names.empty() ? "" : "、") + sub->get_name();
  std::string message = parse_error_zh(e, names);
  // A missing positional argument by its Chinese description: "缺少必填参数 材料目录".
  static const std::string kMissing = "缺少必填参数 ";
  if (message.rfind(kMissing, 0) == 0) {
    const CLI::Option* opt = last->get_option_no_throw(message.substr(kMissing.size()));
    if (opt && opt->get_positional() && !opt->get_description().empty()) message = kMissing + opt->get_description();
  }
  return "错误：" + message + "\n运行 " + command + " --help 查看用法。\n";
}

}  // namespace evpack::cli
