// A SQLite database in our own words (src/adapters/sqlite_db.cpp): statements with bound
// text/integer parameters, rows of text. One connection, serialised by a mutex, in WAL mode.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "evpack/core/expected.hpp"

namespace evpack {

/// A bound parameter: NULL, an integer, a real or text.
using DbValue = std::variant<std::nullptr_t, std::int64_t, double, std::string>;

/// One result row; NULL columns are nullopt.
struct DbRow {
  std::vector<std::optional<std::string>> columns;
  /// Column `i` as text ("" for NULL) or integer (0 for NULL or non-numbers).
  std::string text(std::size_t i) const;
  std::int64_t integer(std::size_t i) const;
  double real(std::size_t i) const;
  bool is_null(std::size_t i) const { return i >= columns.size() || !columns[i]; }
};

class Database {
 public:
  virtual ~Database() = default;
  /// Runs one or more statements without parameters (schema). DB_ERROR on failure.
  virtual Expected<bool> exec(const std::string& sql) = 0;
  /// Runs one statement with `params` bound in order; returns its rows. DB_ERROR / DB_FULL
  /// (the disk is full) on failure.
  virtual Expected<std::vector<DbRow>> query(const std::string& sql, const std::vector<DbValue>& params = {}) = 0;
  /// Rows changed by the last statement run through query().
  virtual std::int64_t changes() = 0;
};

/// Opens (creating) the database file at `path` in WAL mode with a busy timeout.
/// DB_OPEN_FAILED when it cannot be opened.
Expected<std::unique_ptr<Database>> open_database(const std::string& path);

}  // namespace evpack
