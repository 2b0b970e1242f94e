// Reading tables that bureaus keep as spreadsheets (双公示 ledgers, 台账): CSV in UTF-8
// (with or without BOM), UTF-16 or GBK (src/adapters/table_reader.cpp), and XLSX
// (libzip + pugixml, src/adapters/xlsx_reader.cpp). Cells come back as UTF-8 text; nothing
// here knows what the columns mean. Files are untrusted: sizes, rows and cells are capped.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "evpack/core/expected.hpp"

namespace evpack {

/// One sheet as text. rows[i] is row i+1 of the sheet as Excel numbers it (the CSV record
/// number for CSV), so row numbers in messages match what the user sees; rows may be
/// shorter than others, and empty rows are kept as empty vectors.
struct TableSheet {
  std::string name;  ///< sheet name; empty for CSV
  std::vector<std::vector<std::string>> rows;
  bool truncated = false;  ///< rows or columns beyond the limits were left out
};

/// Limits for untrusted spreadsheets.
struct TableLimits {
  std::size_t max_rows = 65536;         ///< rows read per sheet
  std::size_t max_columns = 200;        ///< columns read per row
  std::size_t max_cells = 2'000'000;    ///< cells kept in all sheets (counting padding)
  std::uint64_t max_bytes = 64u << 20;  ///< CSV file size; uncompressed size of one XLSX part
  std::size_t max_sheets = 64;
};

/// Reads a CSV, XLSX or legacy XLS/ET file, deciding by content (zip magic for XLSX, OLE2 for
/// XLS), not by extension.
/// Errors: TABLE_UNREADABLE (cannot open), TABLE_TOO_LARGE, TABLE_LEGACY_XLS (OLE .xls/.et:
/// not read, the message asks for .xlsx or .csv), TABLE_NOT_TABLE (binary data, a zip
/// without a workbook), XLSX_CORRUPT (broken workbook parts), with Chinese messages.
Expected<std::vector<TableSheet>> read_table(const std::string& path, const TableLimits& limits = {});

/// Reads every worksheet of an .xlsx file in workbook order. Shared and inline strings,
/// numbers as stored, booleans as TRUE/FALSE; numbers in a date format become
/// "2025-03-03" (or "2025-03-03 10:20:00" with a time), honouring the 1904 date system.
/// Errors: as read_table.
Expected<std::vector<TableSheet>> read_xlsx(const std::string& path, const TableLimits& limits = {});

/// Reads every sheet of a legacy Excel 97-2003 (.xls, BIFF) or WPS .et file in that format
/// (FreeXL, src/adapters/freexl_table_reader.cpp). Cells as read_xlsx gives them.
/// Errors: TABLE_LEGACY_XLS (not BIFF, e.g. an .et in WPS's own format, or corrupt),
/// TABLE_UNREADABLE (password, broken structure).
Expected<std::vector<TableSheet>> read_xls(const std::string& path, const TableLimits& limits = {});

/// Parses CSV bytes (RFC 4180 quoting; comma, tab or semicolon, whichever the first line
/// uses most; CRLF, LF or CR line ends). Encoding: UTF-8 with or without BOM, UTF-16 with
/// BOM, else GB18030/GBK (decoded with iconv; undecodable bytes become U+FFFD).
TableSheet parse_csv(std::string_view bytes, const TableLimits& limits = {});

/// The cells of `sheets` as text: a tab between cells, a line per row, a blank line
/// between sheets (for scans of the text, such as the privacy scan).
std::string table_text(const std::vector<TableSheet>& sheets);

/// The date an Excel serial number stands for, as "2025-03-03" or "2025-03-03 10:20:00"
/// (or "10:20:00" for a time-only value); empty when out of range (before 1900 or after 9999).
std::string excel_serial_to_text(double serial, bool date1904 = false);

}  // namespace evpack
