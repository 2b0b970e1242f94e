// The server's records in SQLite: accounts, reviewer assignments, sessions, jobs, the
// findings of finished checks (for comparing runs) and settings.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "evpack/adapters/sqlite_db.hpp"
#include "evpack/core/expected.hpp"
#include "evpack/serve/cross_index.hpp"

namespace evpack {

struct User {
  std::string name;
  std::string role;                   ///< kRoleAdmin, kRoleCounty, kRoleReviewer
  std::vector<std::string> counties;  ///< reviewer: assigned counties
};

struct Session {
  User user;
  std::string csrf;
};

/// Job states as stored.
inline constexpr const char* kJobQueued = "queued";
inline constexpr const char* kJobRunning = "running";
inline constexpr const char* kJobDone = "done";
inline constexpr const char* kJobFailed = "failed";
inline constexpr const char* kJobCancelled = "cancelled";
inline constexpr const char* kJobInterrupted = "interrupted";

struct Job {
  std::string id;           ///< 32 random hex digits; also its folder name under files/
  std::string kind;         ///< "check", "pack", "verify"
  std::string owner;        ///< account that made it
  std::string county;       ///< county account it belongs to
  std::string parent;       ///< pack: the check job whose upload it packs
  std::string upload_name;  ///< file name as uploaded (shown only)
  std::string rules;        ///< rule set id
  int year = 0;
  std::string as_of;  ///< YYYY-MM-DD
  std::string state;
  std::string message;  ///< Chinese: error or summary
  std::int64_t files_done = 0;
  std::int64_t files_total = 0;
  double score = 0;
  double nominal = 0;
  bool scored = false;
  std::int64_t findings = 0;
  std::int64_t created = 0;  ///< seconds since the epoch
  std::int64_t started = 0;
  std::int64_t finished = 0;
};

/// One finding of a finished check, as compared between runs.
struct StoredFinding {
  std::string key;       ///< code, file, indicator and message joined
  std::string severity;  ///< Chinese label
  std::string text;      ///< what is shown
};

class Store {
 public:
  /// Opens `data_dir`/evpack.db and creates the tables.
  static Expected<std::unique_ptr<Store>> open(const std::string& data_dir);

  Expected<bool> put_user(const std::string& name, const std::string& role, const std::string& password_hash,
                          const std::vector<std::string>& counties);
  /// The account and its password hash, or nullopt.
  std::optional<std::pair<User, std::string>> find_user(const std::string& name);
  std::vector<User> users();

  /// A new session; returns the token for the cookie (only its digest is stored).
  Expected<std::string> create_session(const std::string& user, std::int64_t lifetime_seconds);
  std::optional<Session> find_session(const std::string& token);
  void delete_session(const std::string& token);

  Expected<bool> insert_job(const Job& job);
  std::optional<Job> find_job(const std::string& id);
  /// Jobs `user` may see, newest first.
  std::vector<Job> visible_jobs(const User& user);
  Expected<bool> update_job(const Job& job);
  void delete_job(const std::string& id);
  /// Marks running jobs interrupted; returns the ids of queued jobs, oldest first.
  std::vector<std::string> recover_jobs();
  /// Finished jobs older than `seconds` before `now`.
  std::vector<std::string> expired_jobs(std::int64_t now, std::int64_t seconds);

  Expected<bool> put_findings(const std::string& job, const std::vector<StoredFinding>& findings);
  std::vector<StoredFinding> findings(const std::string& job);

  /// Replaces the cross-archive index entries of `job`.
  Expected<bool> put_index(const std::string& job, const std::string& county, const std::vector<IndexEntry>& entries);
  /// The index entries of `jobs`.
  std::vector<IndexedEntry> index_of(const std::vector<std::string>& jobs);

  std::string setting(const std::string& key, const std::string& fallback);
  Expected<bool> put_setting(const std::string& key, const std::string& value);

 private:
  explicit Store(std::unique_ptr<Database> db) : db_(std::move(db)) {}
  std::unique_ptr<Database> db_;
};

/// True when `user` may see `job`: admin all, county its own county's, reviewer its counties'.
bool can_see(const User& user, const Job& job);

/// Seconds since the epoch.
std::int64_t now_seconds();

}  // namespace evpack
