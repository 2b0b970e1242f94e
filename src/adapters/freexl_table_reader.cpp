// Legacy Excel (.xls, BIFF) and WPS .et sheets through FreeXL. The only file that includes
// FreeXL headers. Cells come out as read_xlsx gives them: text, numbers as written
// ("35", "3.5"), dates as "2025-03-18" and date-times as "2025-03-18 09:30:00".
#include <freexl.h>

#include <cmath>
#include <cstdio>

#include "evpack/adapters/table_reader.hpp"
#include "evpack/util/text.hpp"

namespace evpack {

namespace {

struct XlsCloser {
  const void* handle = nullptr;
  ~XlsCloser() {
    if (handle) freexl_close(handle);
  }
};

std::string number_text(double v) {
  char buf[64];
  if (std::isfinite(v) && std::fabs(v - std::round(v)) < 1e-9 && std::fabs(v) < 1e15) {
    std::snprintf(buf, sizeof buf, "%.0f", v);
  } else {
    std::snprintf(buf, sizeof buf, "%.15g", v);
  }
  return buf;
}

std::string cell_text(const FreeXL_CellValue& cell) {
  switch (cell.type) {
    case FREEXL_CELL_INT: return std::to_string(cell.value.int_value);
    case FREEXL_CELL_DOUBLE: return number_text(cell.value.double_value);
    case FREEXL_CELL_TEXT:
    case FREEXL_CELL_SST_TEXT:
    case FREEXL_CELL_DATE:
    case FREEXL_CELL_DATETIME:
    case FREEXL_CELL_TIME: return cell.value.text_value ? to_utf8_lossy(cell.value.text_value) : "";
    default: return "";
  }
}

}  // namespace

Expected<std::vector<TableSheet>> read_xls(const std::string& path, const TableLimits& limits) {
  XlsCloser xls;
  const int rc = freexl_open(path.c_str(), &xls.handle);
  if (rc != FREEXL_OK) {
    xls.handle = nullptr;  // freexl_open leaves nothing to close on failure
    return Error{"TABLE_LEGACY_XLS",
                 "旧版 Excel/WPS 表格无法读取（不是 Excel 97-2003 格式，或文件已损坏；FreeXL 错误 " +
                     std::to_string(rc) + "），请另存为 .xlsx 或 .csv 后再检查"};
  }
  unsigned int info = 0;
  if (freexl_get_info(xls.handle, FREEXL_BIFF_PASSWORD, &info) == FREEXL_OK && info == FREEXL_BIFF_OBFUSCATED) {
    return Error{"TABLE_UNREADABLE", "表格设有密码，无法读取，请去掉密码后再提供"};
  }
  unsigned int sheet_count = 0;
  if (freexl_get_info(xls.handle, FREEXL_BIFF_SHEET_COUNT, &sheet_count) != FREEXL_OK) {
    return Error{"TABLE_UNREADABLE", "表格结构无法读取"};
  }
  std::vector<TableSheet> sheets;
  std::size_t cells = 0;
  for (unsigned int s = 0; s < sheet_count && s < limits.max_sheets; ++s) {
    if (freexl_select_active_worksheet(xls.handle, static_cast<unsigned short>(s)) != FREEXL_OK) continue;
    TableSheet sheet;
    const char* name = nullptr;
    if (freexl_get_worksheet_name(xls.handle, static_cast<unsigned short>(s), &name) == FREEXL_OK && name) {
      sheet.name = to_utf8_lossy(name);
    }
    unsigned int rows = 0;
    unsigned short columns = 0;
    if (freexl_worksheet_dimensions(xls.handle, &rows, &columns) != FREEXL_OK) continue;
    const std::size_t used_rows = std::min<std::size_t>(rows, limits.max_rows);
    const std::size_t used_columns = std::min<std::size_t>(columns, limits.max_columns);
    sheet.truncated = used_rows < rows || used_columns < columns;
    for (std::size_t r = 0; r < used_rows; ++r) {
      std::vector<std::string> row;
      for (std::size_t c = 0; c < used_columns; ++c) {
        FreeXL_CellValue cell{};
        if (freexl_get_cell_value(xls.handle, static_cast<unsigned int>(r), static_cast<unsigned short>(c), &cell) !=
            FREEXL_OK) {
          row.emplace_back();
          continue;
        }
        row.push_back(cell_text(cell));
      }
      while (!row.empty() && row.back().empty()) row.pop_back();  // as read_xlsx: no trailing blanks
      cells += std::max<std::size_t>(row.size(), 1);
      if (cells > limits.max_cells) {
        sheet.truncated = true;
        break;
      }
      sheet.rows.push_back(std::move(row));
    }
    sheets.push_back(std::move(sheet));
    if (cells > limits.max_cells) break;
  }
  return sheets;
}

}  // namespace evpack
