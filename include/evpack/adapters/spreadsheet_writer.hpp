// Writing simple .xlsx workbooks (libxlsxwriter in src/adapters/xlsxwriter_spreadsheet.cpp):
// sheets with a header row and rows of text or numbers. Used for the package catalogue
// (目录.xlsx) and the findings table; nothing here knows about evidence.
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "evpack/core/expected.hpp"

namespace evpack {

/// One cell: empty, text (UTF-8) or a number.
using SheetCell = std::variant<std::monostate, std::string, double>;

/// A column: its header text and width in Excel character units (0 = fit the content,
/// between 6 and 60 characters; CJK characters count two).
struct SheetColumn {
  std::string header;
  double width = 0;
  bool wrap = false;  ///< wrap long text inside the cell
};

/// One worksheet. Rows may be shorter than `columns` (missing cells stay empty).
struct Sheet {
  std::string name;  ///< tab name; cut to 31 characters, []:*?/\ replaced (Excel rules)
  std::vector<SheetColumn> columns;
  std::vector<std::vector<SheetCell>> rows;
  bool freeze_header = true;  ///< header row stays visible when scrolling
  bool autofilter = true;     ///< filter buttons on the header row
};

/// Document properties stored in the workbook.
struct WorkbookProperties {
  std::string title;
  std::string author;
  std::string subject;
  /// Creation time stored in docProps/core.xml, seconds since the epoch. The default
  /// (2000-01-01) keeps the file byte-identical from run to run; pass a real time when wanted.
  std::int64_t created = 946684800;
};

/// Renders the workbook and returns the .xlsx bytes (deterministic for the same input).
/// Uses a private temp file (libxlsxwriter writes files only).
/// Errors: XLSX_WRITE_FAILED (Chinese message with libxlsxwriter's reason).
Expected<std::string> render_xlsx(const std::vector<Sheet>& sheets, const WorkbookProperties& properties = {});

/// Writes the workbook to `path` atomically (temp file beside it, then rename).
/// Errors: XLSX_WRITE_FAILED, OUTPUT_WRITE_FAILED.
Expected<bool> write_xlsx(const std::string& path, const std::vector<Sheet>& sheets,
                          const WorkbookProperties& properties = {});

}  // namespace evpack
