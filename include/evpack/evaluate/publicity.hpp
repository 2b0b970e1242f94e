// The 双公示 time rule (deduction D.4 in the Shandong table): administrative licensing
// (行政许可) and penalty (行政处罚) decisions must be published online within 7 working
// days of the decision (国办发〔2015〕51号, 国发〔2016〕33号). Reads a ledger's rows,
// finds the decision and publication dates by their column headers, and counts working
// days with the official calendar. Years without calendar data are reported, never guessed.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "evpack/adapters/table_reader.hpp"
#include "evpack/core/types.hpp"
#include "evpack/rules/calendar.hpp"

namespace evpack {

/// Verdict on one ledger entry.
enum class PublicityStatus {
  OnTime,      ///< published within the limit
  Late,        ///< published after the last allowed day
  Unknown,     ///< the calendar has no data for a year the count needs
  Incomplete,  ///< a date is missing or unreadable, or published before the decision
};
/// Stable lowercase name ("on_time", "late", "unknown", "incomplete").
std::string to_string(PublicityStatus status);

/// One entry (row) of a ledger.
struct PublicityEntry {
  std::string sheet;   ///< sheet name (empty for CSV)
  int row = 0;         ///< row number as the spreadsheet shows it (1-based)
  std::string kind;    ///< "行政许可", "行政处罚" or "" when the ledger does not say
  std::string number;  ///< 决定书文号 as written, may be empty
  std::optional<CivilDate> decision;
  std::optional<CivilDate> published;
  std::optional<CivilDate> deadline;  ///< last allowed publication day, when the calendar knows it
  std::optional<int> working_days;    ///< working days from decision to publication
  PublicityStatus status = PublicityStatus::Incomplete;
};

/// Counts over a ledger.
struct PublicitySummary {
  int rows = 0;  ///< entries evaluated (non-empty data rows)
  int on_time = 0;
  int late = 0;
  int unknown = 0;     ///< undecidable for lack of calendar data
  int incomplete = 0;  ///< missing or unreadable dates
};

/// What the ledger evaluation found.
struct PublicityResult {
  bool columns_found = false;  ///< decision and publication date columns were found
  std::vector<PublicityEntry> entries;
  PublicitySummary summary;
  std::vector<Finding> findings;
};

/// Options of the evaluation.
struct PublicityOptions {
  int max_working_days = 7;  ///< "7个工作日内"
  std::string file;          ///< relative path put on the findings
};

/// Evaluates a ledger already read into sheets. Every sheet whose first 30 rows hold a
/// header with a decision-date and a publication-date column is read (headers are matched
/// liberally: 决定日期/作出决定日期/许可决定日期/处罚决定日期…, 公示日期/上网日期/公开日期…,
/// 类别/类型, 文书号/决定书文号/许可文书号/案号…). Findings (all of role DeductionRole::PublicityDelay):
/// - D4_LATE_PUBLICITY (Error): one per late entry, naming the row, number, dates and deadline;
/// - D4_CALENDAR_UNKNOWN (Warning): one per year without calendar data, naming the rows;
/// - D4_NOT_PUBLISHED (Warning): a decision without a publication date (漏报?);
/// - D4_DATE_UNREADABLE / D4_DATE_ORDER (Warning): unreadable dates, publication before decision;
/// - D4_LEDGER_COLUMNS (Warning): no sheet has both date columns.
PublicityResult evaluate_publicity_ledger(const std::vector<TableSheet>& sheets, const WorkCalendar& calendar,
                                          const PublicityOptions& options = {});

/// Reads the ledger at `path` (CSV or XLSX, see read_table) and evaluates it. A file that
/// cannot be read gives one Warning finding D4_LEDGER_UNREADABLE with the reader's reason.
PublicityResult evaluate_publicity_ledger(const std::string& path, const WorkCalendar& calendar,
                                          const PublicityOptions& options = {});

/// The date a ledger cell holds: 2025-03-03, 2025/3/3, 2025.3.3, 2025年3月3日, 20250303,
/// 3/3/2025 (Excel's US display), with or without a time, full-width digits, or an Excel
/// serial number (1990-2100). nullopt when the cell holds no single readable date.
std::optional<CivilDate> parse_ledger_date(const std::string& cell);

/// True for a file that by its name or folder is a 双公示 ledger and by its extension a
/// table (.xlsx/.csv): "04信用应用/双公示/2025年台账.xlsx".
bool is_publicity_ledger_path(const std::string& rel_path);

}  // namespace evpack
