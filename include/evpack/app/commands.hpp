// The commands of the evpack command line, one function each. src/main.cpp parses the
// options into these structs (one option table per command) and calls one function; the
// functions print in Chinese and return the process's exit code.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "evpack/core/expected.hpp"

namespace evpack {

/// The exit codes of every command (also in `evpack --help`, kExitCodesHelp).
enum ExitCode : int {
  kExitOk = 0,              ///< done; findings do not change it
  kExitFindings = 1,        ///< check/verify --strict with 严重/致命 findings; verify: the package has problems
  kExitUsage = 2,           ///< options, rule file, evidence folder or output path wrong
  kExitInternal = 3,        ///< an exception reached the top
  kExitNothingToCheck = 4,  ///< empty folder, or nothing that looks like evidence
  kExitInterrupted = 130,   ///< a cancelled check or package (Ctrl-C); SIGTERM/SIGHUP end the process with 143/129
};

/// The help footer that lists the exit codes.
extern const char* const kExitCodesHelp;

/// The one rule from a failed step to an exit code: a cancelled check or package
/// (CHECK_CANCELLED, PACK_CANCELLED) is kExitInterrupted, anything else kExitUsage.
/// Prints "错误：<message>" on standard error first.
int exit_code_for(const Error& error);

/// The options check, pack and verify share (the check's own table).
struct CheckArgs {
  std::string input;
  std::string rules;
  std::string json;
  std::string as_of;
  int year = 0;
  int jobs = 0;
  int ocr_engines = 0;
  bool no_ocr = false;
  bool no_cache = false;
  bool quiet = false;
  bool no_color = false;
  bool strict = false;
  int max_findings = 20;
  std::string html;
  std::string xlsx;
  std::string lang = "zh";
  bool no_thumbnails = false;
  double file_time_limit = 60;
};

struct PackArgs {
  CheckArgs check;
  std::string output;
  std::string unmapped = "refuse";
  std::vector<std::string> place;
  std::string split_size;
  bool gbk_names = false;
};

struct VerifyArgs {
  CheckArgs check;  ///< check.input is the package
  bool no_check = false;
};

struct InitArgs {
  std::string dir;
  std::string rules;
};

/// `evpack check`: reports on the console and in the files asked for.
int run_check_command(const CheckArgs& args);
/// `evpack pack`: checks, then writes the acceptance zip.
int run_pack_command(const PackArgs& args);
/// `evpack verify`: 0 intact, 1 problems found (or --strict check errors), 2 usage error.
int run_verify_command(const VerifyArgs& args);
/// `evpack rules lint`: 2 when a file has errors.
int run_lint_command(const std::vector<std::string>& paths);
/// `evpack rules list`: the rule sets in `dir` (default: the rules folder).
int run_list_command(const std::string& dir);
/// `evpack init`: an empty folder tree per category and indicator.
int run_init_command(const InitArgs& args);

/// Runs one command the way every command runs: temp files are removed on any exit
/// (signals included) and what killed runs left under $TMPDIR and beside `outputs` is
/// removed first; an exception becomes "内部错误：…" and kExitInternal.
int run_command(const std::vector<std::string>& outputs, const std::function<int()>& command);

}  // namespace evpack
