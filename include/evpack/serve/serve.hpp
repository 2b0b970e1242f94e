// `evpack serve`: the check, pack and verify in a web browser. A stage above app/: it calls
// run_check, write_package and verify_package in-process (never the binary), keeps accounts,
// sessions and jobs in SQLite inside the data folder and the files of each job beside it
// under random ids (no user input ever becomes a path).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "evpack/core/expected.hpp"

namespace evpack {

struct ServeOptions {
  std::string listen = "127.0.0.1:8080";  ///< host:port; port 0 = a free port
  std::string data_dir;                   ///< all state: evpack.db and files/
  std::string rules_dir;                  ///< where the rule sets are listed from
  std::string tls_cert;                   ///< both set: HTTPS, cookies marked Secure
  std::string tls_key;
  int workers = 1;     ///< checks running at once
  int check_jobs = 0;  ///< threads per check (CheckOptions::jobs); 0 = default
  bool ocr = true;     ///< false: checks without OCR (tests)
  std::uint64_t max_upload_bytes = 4ull << 30;
  int uploads_per_account = 2;  ///< uploads of one account at the same time
  int retention_days = -1;      ///< -1: keep the stored setting (default 0 = keep forever)
  std::string cache_dir;        ///< inspection cache (empty: none)
  std::string cache_build;
  std::string tool_version;
  /// Sign-in failures allowed per account and per address within `lockout_seconds`.
  int max_failed_logins = 5;
  int lockout_seconds = 600;
};

/// The running server: database, job workers and HTTP routes.
class ServeApp {
 public:
  virtual ~ServeApp() = default;
  /// Binds the address of ServeOptions::listen; returns the port.
  virtual Expected<int> bind() = 0;
  /// Serves until stop().
  virtual void run() = 0;
  /// Stops serving; running jobs are cancelled (they become 中断 and can be re-run).
  virtual void stop() = 0;
};

/// Opens the data folder (creating it), marks jobs left running by a previous server as
/// interrupted and queues the queued ones. Errors: SERVE_DATA_DIR, DB_*, HTTP_TLS_FAILED.
Expected<std::unique_ptr<ServeApp>> open_serve_app(const ServeOptions& options);

/// Roles of accounts.
inline constexpr const char* kRoleAdmin = "admin";
inline constexpr const char* kRoleCounty = "county";
inline constexpr const char* kRoleReviewer = "reviewer";

/// Creates or replaces account `name` in the data folder. `counties`: for a reviewer, the
/// county accounts it sees. Errors: USER_INVALID (bad name, role or empty password), DB_*.
Expected<bool> add_user(const std::string& data_dir, const std::string& name, const std::string& role,
                        const std::string& password, const std::vector<std::string>& counties = {});

/// Runs the server until SIGINT/SIGTERM; prints where it listens. Returns an exit code.
int run_serve(const ServeOptions& options);

/// `evpack serve` as the command line gives it: either add an account or run the server.
struct ServeCommand {
  ServeOptions options;
  std::string add_user;  ///< non-empty: create/replace this account and exit
  std::string role = kRoleCounty;
  std::string counties;         ///< reviewer: counties it sees, comma-separated
  bool password_stdin = false;  ///< read the password from the first line of stdin (scripts)
  std::string max_upload;       ///< "4G", "500M" (decimal units as in pack's --split-size)
};

/// Runs the command; returns the exit code (0, 2 usage or data-folder error).
int run_serve_command(ServeCommand command);

/// `evpack serve` from the command line: fills in the rules folder, the version and the
/// inspection cache of this installation, then runs run_serve_command.
int run_serve_cli(ServeCommand command);

}  // namespace evpack
