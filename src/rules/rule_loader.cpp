// Reading rule files (rules/*.yaml) into RuleSet values: the file, yaml-cpp's
// exceptions turned into Errors with Chinese, line-numbered messages, lint and listing.
// The format itself is read by rule_parser.cpp over yaml_reader.cpp. Format:
// docs/rules-format.md.
#include "evpack/rules/rule_loader.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>
#include <string_view>
#include <variant>

#include "evpack/util/system_error.hpp"
#include "evpack/util/text.hpp"
#include "rule_parser.hpp"

namespace evpack {

namespace {

using rules_yaml::RuleFileError;

namespace fs = std::filesystem;

// Rule files are a few dozen KiB; anything far larger is not a rule file and
// must not be handed to the YAML parser.
constexpr std::uintmax_t kMaxRuleFileBytes = 4u * 1024u * 1024u;

std::string location(const std::string& file_name, int line) {
  return line > 0 ? file_name + " 第" + std::to_string(line) + "行：" : file_name + "：";
}

// yaml-cpp's parser messages, in Chinese where we know them.
std::string translate_yaml_message(const std::string& msg) {
  static const std::pair<const char*, const char*> kKnown[] = {
      {"end of map not found", "映射没有正确结束（请检查缩进和冒号）"},
      {"end of map flow not found", "花括号 { } 没有闭合"},
      {"end of sequence not found", "列表没有正确结束（请检查缩进）"},
      {"end of sequence flow not found", "方括号 [ ] 没有闭合"},
      {"illegal map value", "此处不能出现“键: 值”（请检查缩进，或给含冒号的文字加引号）"},
      {"illegal map key", "此处不能出现键"},
      {"illegal block entry", "此处不能出现列表项“- ”（请检查缩进）"},
      {"illegal flow end", "多余的右括号"},
      {"unknown token", "无法识别的内容"},
      {"illegal tab when looking for indentation", "缩进中不能使用制表符（Tab），请改用空格"},
      {"illegal EOF in scalar", "引号没有闭合，文件已结束"},
      {"illegal character in scalar", "文字中有不允许的字符"},
      {"unknown escape character: ", "双引号中有未知的转义字符"},
      {"the referenced anchor is not defined", "引用的锚点未定义"},
      {"unexpected character in block scalar", "多行文字中有不允许的字符"},
  };
  for (const auto& [en, zh] : kKnown) {
    if (msg.rfind(en, 0) == 0) return std::string(zh) + "（" + msg + "）";
  }
  return msg;
}

// A failed load: the stable code, the line (0 when none) and the message
// without the "file 第N行：" prefix, so lint can show the line separately.
struct LoadFailure {
  std::string code;
  int line = 0;
  std::string message;
};

std::variant<RuleSet, LoadFailure> parse_rule_text(const std::string& text, const std::string& name,
                                                   std::vector<LintMessage>* warnings) {
  if (!is_valid_utf8(text)) {
    return LoadFailure{"RULES_INVALID", 0, "规则文件不是 UTF-8 编码（可能是 GBK），请用 UTF-8 另存后再试"};
  }
  const auto line_of_mark = [](const YAML::Mark& mark) { return mark.is_null() ? 0 : mark.line + 1; };
  try {
    const YAML::Node root = YAML::Load(text);
    RuleSet rules = rules_yaml::parse_rule_document(root, warnings);
    rules.path = name;
    return rules;
  } catch (const RuleFileError& e) {
    return LoadFailure{"RULES_INVALID", e.line, e.message};
  } catch (const YAML::ParserException& e) {
    return LoadFailure{"RULES_INVALID", line_of_mark(e.mark), "YAML 格式错误：" + translate_yaml_message(e.msg)};
  } catch (const YAML::Exception& e) {
    return LoadFailure{"RULES_INVALID", line_of_mark(e.mark), "无法解析规则文件：" + translate_yaml_message(e.msg)};
  } catch (const std::exception& e) {
    return LoadFailure{"RULES_INVALID", 0, std::string("无法解析规则文件：") + e.what()};
  }
}

Expected<std::string> read_rule_file(const std::string& path) {
  const fs::path p(path);
  const std::string file_name = p.filename().string();
  std::error_code ec;
  const fs::file_status status = fs::status(p, ec);
  if (ec || !fs::exists(status)) return Error{"RULES_UNREADABLE", "找不到规则文件 " + path};
  if (!fs::is_regular_file(status)) return Error{"RULES_UNREADABLE", path + " 不是文件，无法作为规则文件读取"};
  const std::uintmax_t size = fs::file_size(p, ec);
  if (ec) return Error{"RULES_UNREADABLE", "无法读取规则文件 " + path + "：" + system_error_zh(ec)};
  if (size > kMaxRuleFileBytes) {
    return Error{"RULES_UNREADABLE",
                 file_name + "：文件过大（" + std::to_string(size / 1024) + " KB），不像是规则文件（上限 4 MB）"};
  }
  std::ifstream in(p, std::ios::binary);
  if (!in) return Error{"RULES_UNREADABLE", "无法打开规则文件 " + path + "（请检查权限）"};
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) return Error{"RULES_UNREADABLE", "读取规则文件 " + path + " 时出错"};
  return buffer.str();
}

std::variant<RuleSet, LoadFailure> load(const std::string& path, std::vector<LintMessage>* warnings) {
  auto text = read_rule_file(path);
  if (!text) return LoadFailure{text.error().code, 0, text.error().message};
  return parse_rule_text(text.value(), path, warnings);
}

Expected<RuleSet> to_expected(std::variant<RuleSet, LoadFailure> result, const std::string& name) {
  if (auto* rules = std::get_if<RuleSet>(&result)) return std::move(*rules);
  const LoadFailure& failure = std::get<LoadFailure>(result);
  if (failure.code == "RULES_UNREADABLE") return Error{failure.code, failure.message};
  return Error{failure.code, location(fs::path(name).filename().string(), failure.line) + failure.message};
}

}  // namespace

Expected<RuleSet> load_rule_set(const std::string& path) { return to_expected(load(path, nullptr), path); }

Expected<RuleSet> load_rule_set_from_string(const std::string& text, const std::string& name) {
  return to_expected(parse_rule_text(text, name, nullptr), name);
}

std::vector<LintMessage> lint_rule_file(const std::string& path) {
  std::vector<LintMessage> messages;
  auto result = load(path, &messages);
  if (const auto* failure = std::get_if<LoadFailure>(&result)) {
    // Warnings gathered before the failure are kept: a misspelt key is often the cause.
    messages.push_back({failure->line, Severity::Error, failure->code, failure->message});
  } else {
    std::vector<LintMessage> semantic = lint_rule_set(std::get<RuleSet>(result));
    messages.insert(messages.end(), semantic.begin(), semantic.end());
  }
  std::stable_sort(messages.begin(), messages.end(), [](const LintMessage& a, const LintMessage& b) {
    // Line-numbered messages in file order; file-wide ones after them.
    const int la = a.line > 0 ? a.line : std::numeric_limits<int>::max();
    const int lb = b.line > 0 ? b.line : std::numeric_limits<int>::max();
    return la < lb;
  });
  return messages;
}

std::vector<RuleSetInfo> list_rule_sets(const std::string& dir) {
  std::vector<fs::path> files;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    std::error_code type_ec;
    if (it->path().extension() == ".yaml" && it->is_regular_file(type_ec)) files.push_back(it->path());
  }
  std::sort(files.begin(), files.end(),
            [](const fs::path& a, const fs::path& b) { return a.filename().string() < b.filename().string(); });
  std::vector<RuleSetInfo> out;
  for (const auto& file : files) {
    // Only files that load are listed: what the list offers must be usable.
    auto rules = load_rule_set(file.string());
    if (!rules) continue;
    out.push_back({rules->id, rules->title, file.string(), rules->scored});
  }
  return out;
}

}  // namespace evpack
