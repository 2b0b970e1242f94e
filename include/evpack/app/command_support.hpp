// What the commands share: finding rule files, checking output paths before the work
// starts, turning the check options into CheckOptions, the console options.
#pragma once

#include <string>

#include "evpack/app/check.hpp"
#include "evpack/app/commands.hpp"
#include "evpack/report/console_report.hpp"

namespace evpack {

/// Where rule files live: $EVPACK_RULES_DIR, ../share/evpack/rules beside the binary,
/// then the source tree the binary was built from.
std::string rules_dir();

/// A --rules value as a file path: a path that exists, or a rule-set id
/// ("shandong-2025") in rules_dir(); "" means the default rule set.
std::string resolve_rules(const std::string& given);

/// False (after saying so, and where the ids are listed) when `given` names neither a
/// file nor a known rule set.
bool rules_exist(const std::string& given, const std::string& resolved);

/// Checks where an output file will go before the work starts: the folder exists and can
/// be written, the path is not a folder, and it is not inside the evidence folder `input`
/// (the next check would take it for evidence). "-" passes when `dash_ok`. False after
/// saying why.
bool output_path_ok(const std::string& path, const std::string& input, const char* what, bool dash_ok = false);

/// Says "错误：<what>不正确：<raw>（<hint>）" on standard error; returns false.
bool bad_option_value(const char* what, const std::string& raw, const char* hint);

/// Reads an option's value into `target` with `parse` (which returns an optional): true
/// when `raw` is empty (`target` kept) or read; false after bad_option_value when not.
template <typename T, typename Parse>
bool parse_option(const std::string& raw, T& target, Parse parse, const char* what, const char* hint) {
  if (raw.empty()) return true;
  const auto value = parse(raw);
  if (!value) return bad_option_value(what, raw, hint);
  target = *value;
  return true;
}

/// The options check, pack and verify share. False (after saying why) on an unknown
/// rule set or a bad --as-of.
bool fill_check_options(const CheckArgs& args, CheckOptions& options);

/// Console summary settings: colour only on a terminal (`fd`) without --no-color or NO_COLOR.
ConsoleOptions console_options(const CheckArgs& args, int fd);

/// True when --strict was given and `findings` hold an error or worse.
bool strict_failure(const CheckArgs& args, const std::vector<Finding>& findings);

}  // namespace evpack
