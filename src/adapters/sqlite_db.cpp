// Database over the SQLite C API (Debian libsqlite3).
#include "evpack/adapters/sqlite_db.hpp"

#include <sqlite3.h>

#include <cstdlib>
#include <mutex>

namespace evpack {

std::string DbRow::text(std::size_t i) const { return is_null(i) ? std::string() : *columns[i]; }
std::int64_t DbRow::integer(std::size_t i) const {
  return is_null(i) ? 0 : std::strtoll(columns[i]->c_str(), nullptr, 10);
}
double DbRow::real(std::size_t i) const { return is_null(i) ? 0 : std::strtod(columns[i]->c_str(), nullptr); }

namespace {

class SqliteDatabase final : public Database {
 public:
  explicit SqliteDatabase(sqlite3* db) : db_(db) {}
  ~SqliteDatabase() override { sqlite3_close_v2(db_); }

  Expected<bool> exec(const std::string& sql) override {
    const std::lock_guard lock(mutex_);
    char* message = nullptr;
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
      std::string text = message ? message : "unknown";
      sqlite3_free(message);
      return Error{"DB_ERROR", "数据库错误：" + text};
    }
    return true;
  }

  Expected<std::vector<DbRow>> query(const std::string& sql, const std::vector<DbValue>& params) override {
    const std::lock_guard lock(mutex_);
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db_, sql.c_str(), static_cast<int>(sql.size()), &stmt, nullptr) != SQLITE_OK) {
      return failure(sqlite3_errcode(db_));
    }
    for (std::size_t i = 0; i < params.size(); ++i) {
      const int at = static_cast<int>(i) + 1;
      const auto& v = params[i];
      if (std::holds_alternative<std::int64_t>(v))
        sqlite3_bind_int64(stmt, at, std::get<std::int64_t>(v));
      else if (std::holds_alternative<double>(v))
        sqlite3_bind_double(stmt, at, std::get<double>(v));
      else if (std::holds_alternative<std::string>(v)) {
        const auto& s = std::get<std::string>(v);
        sqlite3_bind_text(stmt, at, s.data(), static_cast<int>(s.size()), SQLITE_TRANSIENT);
      } else
        sqlite3_bind_null(stmt, at);
    }
    std::vector<DbRow> rows;
    int rc = 0;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
      DbRow row;
      const int n = sqlite3_column_count(stmt);
      for (int c = 0; c < n; ++c) {
        if (sqlite3_column_type(stmt, c) == SQLITE_NULL) {
          row.columns.emplace_back(std::nullopt);
        } else {
          const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, c));
          row.columns.emplace_back(std::string(text, static_cast<std::size_t>(sqlite3_column_bytes(stmt, c))));
        }
      }
      rows.push_back(std::move(row));
    }
    sqlite3_finalize(stmt);
    if (rc != SQLITE_DONE) return failure(rc);
    changes_ = sqlite3_changes(db_);
    return rows;
  }

  std::int64_t changes() override {
    const std::lock_guard lock(mutex_);
    return changes_;
  }

 private:
  Error failure(int rc) const {
    if ((rc & 0xff) == SQLITE_FULL) return Error{"DB_FULL", "磁盘已满，无法写入数据库"};
    return Error{"DB_ERROR", std::string("数据库错误：") + sqlite3_errmsg(db_)};
  }

  sqlite3* db_;
  std::mutex mutex_;
  std::int64_t changes_ = 0;
};

}  // namespace

Expected<std::unique_ptr<Database>> open_database(const std::string& path) {
  sqlite3* db = nullptr;
  const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX;
  if (sqlite3_open_v2(path.c_str(), &db, flags, nullptr) != SQLITE_OK) {
    const std::string message = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close_v2(db);
    return Error{"DB_OPEN_FAILED", "无法打开数据库 " + path + "：" + message};
  }
  sqlite3_busy_timeout(db, 5000);
  auto database = std::make_unique<SqliteDatabase>(db);
  auto wal = database->exec("PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL;");
  if (!wal) return wal.error();
  return std::unique_ptr<Database>(std::move(database));
}

}  // namespace evpack
