// Store over the Database adapter. Every value reaches SQL as a bound parameter.
#include "evpack/serve/store.hpp"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <tuple>
#include <type_traits>

#include "evpack/adapters/secrets.hpp"
#include "evpack/serve/serve.hpp"

namespace evpack {

namespace {

constexpr const char* kSchema = R"(
CREATE TABLE IF NOT EXISTS users(name TEXT PRIMARY KEY, role TEXT NOT NULL, password TEXT NOT NULL,
                                 created INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS assignments(reviewer TEXT NOT NULL, county TEXT NOT NULL,
                                       PRIMARY KEY(reviewer, county));
CREATE TABLE IF NOT EXISTS sessions(digest TEXT PRIMARY KEY, user TEXT NOT NULL, csrf TEXT NOT NULL,
                                    expires INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS jobs(id TEXT PRIMARY KEY, kind TEXT NOT NULL, owner TEXT NOT NULL, county TEXT NOT NULL,
  parent TEXT NOT NULL, upload_name TEXT NOT NULL, rules TEXT NOT NULL, year INTEGER NOT NULL, as_of TEXT NOT NULL,
  state TEXT NOT NULL, message TEXT NOT NULL, files_done INTEGER NOT NULL, files_total INTEGER NOT NULL,
  score REAL NOT NULL, nominal REAL NOT NULL, scored INTEGER NOT NULL, findings INTEGER NOT NULL,
  created INTEGER NOT NULL, started INTEGER NOT NULL, finished INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS jobs_county ON jobs(county, created);
CREATE TABLE IF NOT EXISTS findings(job TEXT NOT NULL, key TEXT NOT NULL, severity TEXT NOT NULL, text TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS findings_job ON findings(job);
CREATE TABLE IF NOT EXISTS xindex(job TEXT NOT NULL, county TEXT NOT NULL, kind TEXT NOT NULL, value TEXT NOT NULL,
                                  file TEXT NOT NULL, extra TEXT NOT NULL, evidence INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS xindex_job ON xindex(job);
CREATE TABLE IF NOT EXISTS settings(key TEXT PRIMARY KEY, value TEXT NOT NULL);
)";

// A column of the jobs table and the Job member it holds.
template <typename M>
struct JobColumn {
  const char* name;
  M Job::*member;
};
template <typename M>
constexpr JobColumn<M> column(const char* name, M Job::*member) {
  return {name, member};
}

// The jobs table's columns in table order: the one list the statements and both
// conversions below are made from.
constexpr auto kJobColumns = std::make_tuple(
    column("id", &Job::id), column("kind", &Job::kind), column("owner", &Job::owner), column("county", &Job::county),
    column("parent", &Job::parent), column("upload_name", &Job::upload_name), column("rules", &Job::rules),
    column("year", &Job::year), column("as_of", &Job::as_of), column("state", &Job::state),
    column("message", &Job::message), column("files_done", &Job::files_done), column("files_total", &Job::files_total),
    column("score", &Job::score), column("nominal", &Job::nominal), column("scored", &Job::scored),
    column("findings", &Job::findings), column("created", &Job::created), column("started", &Job::started),
    column("finished", &Job::finished));

template <typename F>
void each_job_column(F f) {
  std::apply([&](const auto&... c) { (f(c), ...); }, kJobColumns);
}

// `text_of(column name)` for every column, joined by ", ".
template <typename F>
std::string job_column_list(F text_of) {
  std::string out;
  each_job_column([&](const auto& c) { out += (out.empty() ? "" : ", ") + text_of(std::string(c.name)); });
  return out;
}

const std::string& job_column_names() {
  static const std::string names = job_column_list([](const std::string& name) { return name; });
  return names;
}

Job job_from(const DbRow& r) {
  Job j;
  std::size_t i = 0;
  each_job_column([&](const auto& c) {
    auto& field = j.*c.member;
    using M = std::remove_cvref_t<decltype(field)>;
    if constexpr (std::is_same_v<M, std::string>) {
      field = r.text(i);
    } else if constexpr (std::is_same_v<M, double>) {
      field = r.real(i);
    } else if constexpr (std::is_same_v<M, bool>) {
      field = r.integer(i) != 0;
    } else {
      field = static_cast<M>(r.integer(i));
    }
    ++i;
  });
  return j;
}

std::vector<DbValue> job_values(const Job& j) {
  std::vector<DbValue> out;
  each_job_column([&](const auto& c) {
    const auto& field = j.*c.member;
    using M = std::remove_cvref_t<decltype(field)>;
    if constexpr (std::is_same_v<M, std::string> || std::is_same_v<M, double>) {
      out.emplace_back(field);
    } else {
      out.emplace_back(static_cast<std::int64_t>(field));  // integers; a bool as 0 or 1
    }
  });
  return out;
}

// Replaces `job`'s rows of `table` with one row per item (`values_of(item)`: the
// parameters of `insert`), in one transaction: all of them, or none and the error.
template <typename Items, typename ValuesOf>
Expected<bool> replace_job_rows(Database& db, const std::string& table, const std::string& job,
                                const std::string& insert, const Items& items, ValuesOf values_of) {
  auto begin = db.exec("BEGIN");
  if (!begin) return begin.error();
  if (auto cleared = db.query("DELETE FROM " + table + " WHERE job = ?", {job}); !cleared) {
    db.exec("ROLLBACK").ignore_error();
    return cleared.error();
  }
  for (const auto& item : items) {
    auto r = db.query(insert, values_of(item));
    if (!r) {
      db.exec("ROLLBACK").ignore_error();  // the error returned is the one that matters
      return r.error();
    }
  }
  return db.exec("COMMIT");
}

}  // namespace

std::int64_t now_seconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

bool can_see(const User& user, const Job& job) {
  if (user.role == kRoleAdmin) return true;
  if (user.role == kRoleCounty) return job.county == user.name;
  if (user.role == kRoleReviewer) {
    return job.owner == user.name ||
           std::find(user.counties.begin(), user.counties.end(), job.county) != user.counties.end();
  }
  return false;
}

Expected<std::unique_ptr<Store>> Store::open(const std::string& data_dir) {
  auto db = open_database((std::filesystem::path(data_dir) / "evpack.db").string());
  if (!db) return db.error();
  auto schema = db.value()->exec(kSchema);
  if (!schema) return schema.error();
  return std::unique_ptr<Store>(new Store(std::move(db.value())));
}

Expected<bool> Store::put_user(const std::string& name, const std::string& role, const std::string& password_hash,
                               const std::vector<std::string>& counties) {
  auto r = db_->query(
      "INSERT INTO users(name, role, password, created) VALUES(?, ?, ?, ?) "
      "ON CONFLICT(name) DO UPDATE SET role = excluded.role, password = excluded.password",
      {name, role, password_hash, now_seconds()});
  if (!r) return r.error();
  auto d = db_->query("DELETE FROM assignments WHERE reviewer = ?", {name});
  if (!d) return d.error();
  for (const auto& c : counties) {
    auto a = db_->query("INSERT OR IGNORE INTO assignments(reviewer, county) VALUES(?, ?)", {name, c});
    if (!a) return a.error();
  }
  // A changed password or role ends the account's sessions.
  auto ended = db_->query("DELETE FROM sessions WHERE user = ?", {name});
  if (!ended) return ended.error();
  return true;
}

std::optional<std::pair<User, std::string>> Store::find_user(const std::string& name) {
  auto rows = db_->query("SELECT name, role, password FROM users WHERE name = ?", {name});
  if (!rows || rows->empty()) return std::nullopt;
  User u{rows->front().text(0), rows->front().text(1), {}};
  auto counties = db_->query("SELECT county FROM assignments WHERE reviewer = ? ORDER BY county", {name});
  if (counties) {
    for (const auto& c : counties.value()) u.counties.push_back(c.text(0));
  }
  return std::make_pair(u, rows->front().text(2));
}

std::vector<User> Store::users() {
  std::vector<User> out;
  auto rows = db_->query("SELECT name FROM users ORDER BY role, name");
  if (!rows) return out;
  for (const auto& r : rows.value()) {
    if (auto u = find_user(r.text(0))) out.push_back(u->first);
  }
  return out;
}

Expected<std::string> Store::create_session(const std::string& user, std::int64_t lifetime_seconds) {
  const std::string token = random_hex(32);
  auto r = db_->query("INSERT INTO sessions(digest, user, csrf, expires) VALUES(?, ?, ?, ?)",
                      {token_digest(token), user, random_hex(32), now_seconds() + lifetime_seconds});
  if (!r) return r.error();
  // Expired sessions are purged at each sign-in; one missed purge is made up by the next.
  db_->query("DELETE FROM sessions WHERE expires < ?", {now_seconds()}).ignore_error();
  return token;
}

std::optional<Session> Store::find_session(const std::string& token) {
  if (token.size() != 64) return std::nullopt;
  auto rows = db_->query("SELECT user, csrf FROM sessions WHERE digest = ? AND expires >= ?",
                         {token_digest(token), now_seconds()});
  if (!rows || rows->empty()) return std::nullopt;
  auto user = find_user(rows->front().text(0));
  if (!user) return std::nullopt;
  return Session{user->first, rows->front().text(1)};
}

void Store::delete_session(const std::string& token) {
  // Signing out of a session the database cannot delete leaves it to expire.
  db_->query("DELETE FROM sessions WHERE digest = ?", {token_digest(token)}).ignore_error();
}

Expected<bool> Store::insert_job(const Job& job) {
  const std::string placeholders = job_column_list([](const std::string&) { return std::string("?"); });
  auto r = db_->query("INSERT INTO jobs(" + job_column_names() + ") VALUES(" + placeholders + ")", job_values(job));
  if (!r) return r.error();
  return true;
}

std::optional<Job> Store::find_job(const std::string& id) {
  auto rows = db_->query("SELECT " + job_column_names() + " FROM jobs WHERE id = ?", {id});
  if (!rows || rows->empty()) return std::nullopt;
  return job_from(rows->front());
}

std::vector<Job> Store::visible_jobs(const User& user) {
  std::vector<Job> out;
  auto rows = db_->query("SELECT " + job_column_names() + " FROM jobs ORDER BY created DESC, id");
  if (!rows) return out;
  for (const auto& r : rows.value()) {
    Job j = job_from(r);
    if (can_see(user, j)) out.push_back(std::move(j));
  }
  return out;
}

Expected<bool> Store::update_job(const Job& job) {
  auto values = job_values(job);
  values.push_back(job.id);
  const std::string set = job_column_list([](const std::string& name) { return name + " = ?"; });
  auto r = db_->query("UPDATE jobs SET " + set + " WHERE id = ?", values);
  if (!r) return r.error();
  return true;
}

void Store::delete_job(const std::string& id) {
  // Best effort (retention and a user's delete): rows left behind are deleted next time.
  db_->query("DELETE FROM xindex WHERE job = ?", {id}).ignore_error();
  db_->query("DELETE FROM findings WHERE job = ?", {id}).ignore_error();
  db_->query("DELETE FROM jobs WHERE id = ?", {id}).ignore_error();
}

std::vector<std::string> Store::recover_jobs() {
  // A job left "running" that cannot be marked interrupted stays so; the queued ones still run.
  db_->query(
         "UPDATE jobs SET state = ?, message = ? WHERE state = ?",
         {std::string(kJobInterrupted), std::string("服务器重启时任务尚未完成，可重新运行"), std::string(kJobRunning)})
      .ignore_error();
  std::vector<std::string> ids;
  auto rows = db_->query("SELECT id FROM jobs WHERE state = ? ORDER BY created, id", {std::string(kJobQueued)});
  if (rows) {
    for (const auto& r : rows.value()) ids.push_back(r.text(0));
  }
  return ids;
}

std::vector<std::string> Store::expired_jobs(std::int64_t now, std::int64_t seconds) {
  std::vector<std::string> ids;
  auto rows = db_->query("SELECT id FROM jobs WHERE state NOT IN (?, ?) AND created < ?",
                         {std::string(kJobQueued), std::string(kJobRunning), now - seconds});
  if (rows) {
    for (const auto& r : rows.value()) ids.push_back(r.text(0));
  }
  return ids;
}

Expected<bool> Store::put_findings(const std::string& job, const std::vector<StoredFinding>& findings) {
  return replace_job_rows(*db_, "findings", job, "INSERT INTO findings(job, key, severity, text) VALUES(?, ?, ?, ?)",
                          findings, [&](const StoredFinding& f) {
                            return std::vector<DbValue>{job, f.key, f.severity, f.text};
                          });
}

std::vector<StoredFinding> Store::findings(const std::string& job) {
  std::vector<StoredFinding> out;
  auto rows = db_->query("SELECT key, severity, text FROM findings WHERE job = ?", {job});
  if (rows) {
    for (const auto& r : rows.value()) out.push_back({r.text(0), r.text(1), r.text(2)});
  }
  return out;
}

Expected<bool> Store::put_index(const std::string& job, const std::string& county,
                                const std::vector<IndexEntry>& entries) {
  return replace_job_rows(
      *db_, "xindex", job,
      "INSERT INTO xindex(job, county, kind, value, file, extra, evidence) VALUES(?, ?, ?, ?, ?, ?, ?)", entries,
      [&](const IndexEntry& e) {
        return std::vector<DbValue>{job, county, e.kind, e.value, e.file, e.extra, std::int64_t{e.evidence}};
      });
}

std::vector<IndexedEntry> Store::index_of(const std::vector<std::string>& jobs) {
  std::vector<IndexedEntry> out;
  for (const auto& job : jobs) {
    auto rows = db_->query("SELECT kind, value, file, extra, evidence, county FROM xindex WHERE job = ?", {job});
    if (!rows) continue;
    for (const auto& r : rows.value()) {
      out.push_back({{r.text(0), r.text(1), r.text(2), r.text(3), static_cast<int>(r.integer(4))}, job, r.text(5)});
    }
  }
  return out;
}

std::string Store::setting(const std::string& key, const std::string& fallback) {
  auto rows = db_->query("SELECT value FROM settings WHERE key = ?", {key});
  if (!rows || rows->empty()) return fallback;
  return rows->front().text(0);
}

Expected<bool> Store::put_setting(const std::string& key, const std::string& value) {
  auto r =
      db_->query("INSERT INTO settings(key, value) VALUES(?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                 {key, value});
  if (!r) return r.error();
  return true;
}

}  // namespace evpack
