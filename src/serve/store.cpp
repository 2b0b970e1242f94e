// Store over the Database adapter. Every value reaches SQL as a bound parameter.
#include "evpack/serve/store.hpp"

#include <algorithm>
#include <chrono>
#include <filesystem>

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

constexpr const char* kJobColumns =
    "id, kind, owner, county, parent, upload_name, rules, year, as_of, state, message, files_done, files_total, "
    "score, nominal, scored, findings, created, started, finished";

Job job_from(const DbRow& r) {
  Job j;
  j.id = r.text(0);
  j.kind = r.text(1);
  j.owner = r.text(2);
  j.county = r.text(3);
  j.parent = r.text(4);
  j.upload_name = r.text(5);
  j.rules = r.text(6);
  j.year = static_cast<int>(r.integer(7));
  j.as_of = r.text(8);
  j.state = r.text(9);
  j.message = r.text(10);
  j.files_done = r.integer(11);
  j.files_total = r.integer(12);
  j.score = r.real(13);
  j.nominal = r.real(14);
  j.scored = r.integer(15) != 0;
  j.findings = r.integer(16);
  j.created = r.integer(17);
  j.started = r.integer(18);
  j.finished = r.integer(19);
  return j;
}

std::vector<DbValue> job_values(const Job& j) {
  return {j.id,          j.kind,        j.owner,   j.county,
          j.parent,      j.upload_name, j.rules,   std::int64_t{j.year},
          j.as_of,       j.state,       j.message, j.files_done,
          j.files_total, j.score,       j.nominal, std::int64_t{j.scored ? 1 : 0},
          j.findings,    j.created,     j.started, j.finished};
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
  auto r = db_->query(std::string("INSERT INTO jobs(") + kJobColumns +
                          ") VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                      job_values(job));
  if (!r) return r.error();
  return true;
}

std::optional<Job> Store::find_job(const std::string& id) {
  auto rows = db_->query(std::string("SELECT ") + kJobColumns + " FROM jobs WHERE id = ?", {id});
  if (!rows || rows->empty()) return std::nullopt;
  return job_from(rows->front());
}

std::vector<Job> Store::visible_jobs(const User& user) {
  std::vector<Job> out;
  auto rows = db_->query(std::string("SELECT ") + kJobColumns + " FROM jobs ORDER BY created DESC, id");
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
  auto r = db_->query(
      "UPDATE jobs SET id = ?, kind = ?, owner = ?, county = ?, parent = ?, upload_name = ?, rules = ?, year = ?, "
      "as_of = ?, state = ?, message = ?, files_done = ?, files_total = ?, score = ?, nominal = ?, scored = ?, "
      "findings = ?, created = ?, started = ?, finished = ? WHERE id = ?",
      values);
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
  auto begin = db_->exec("BEGIN");
  if (!begin) return begin.error();
  if (auto cleared = db_->query("DELETE FROM findings WHERE job = ?", {job}); !cleared) {
    db_->exec("ROLLBACK").ignore_error();
    return cleared.error();
  }
  for (const auto& f : findings) {
    auto r = db_->query("INSERT INTO findings(job, key, severity, text) VALUES(?, ?, ?, ?)",
                        {job, f.key, f.severity, f.text});
    if (!r) {
      db_->exec("ROLLBACK").ignore_error();  // the error returned is the one that matters
      return r.error();
    }
  }
  return db_->exec("COMMIT");
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
  auto begin = db_->exec("BEGIN");
  if (!begin) return begin.error();
  if (auto cleared = db_->query("DELETE FROM xindex WHERE job = ?", {job}); !cleared) {
    db_->exec("ROLLBACK").ignore_error();
    return cleared.error();
  }
  for (const auto& e : entries) {
    auto r =
        db_->query("INSERT INTO xindex(job, county, kind, value, file, extra, evidence) VALUES(?, ?, ?, ?, ?, ?, ?)",
                   {job, county, e.kind, e.value, e.file, e.extra, std::int64_t{e.evidence}});
    if (!r) {
      db_->exec("ROLLBACK").ignore_error();  // the error returned is the one that matters
      return r.error();
    }
  }
  return db_->exec("COMMIT");
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
