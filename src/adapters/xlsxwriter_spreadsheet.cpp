// Spreadsheet writer over libxlsxwriter. The only file that includes xlsxwriter headers.
#include <xlsxwriter.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "evpack/adapters/spreadsheet_writer.hpp"
#include "evpack/util/atomic_file.hpp"
#include "evpack/util/system_error.hpp"
#include "evpack/util/temp_files.hpp"
#include "evpack/util/text.hpp"

namespace evpack {

namespace {

constexpr std::size_t kMaxCellChars = 32767;  // Excel's limit per cell
constexpr std::size_t kMaxRows = 1'048'575;   // Excel's row limit minus the header row

Error xlsx_error(const std::string& what) { return {"XLSX_WRITE_FAILED", "无法生成Excel表格：" + what}; }

// Columns a string occupies in Excel's default font: CJK and full-width count two.
double text_width(const std::string& text) {
  double width = 0;
  double line = 0;
  for (const auto& ch : split_utf8_chars(text)) {
    if (ch == "\n") {
      width = std::max(width, line);
      line = 0;
      continue;
    }
    line += ch.size() >= 3 ? 2.0 : 1.0;
  }
  return std::max(width, line);
}

// XML 1.0 forbids most control characters; xlsxwriter does not strip them and Excel
// then refuses the whole file. Invalid UTF-8 is decoded as GBK, as elsewhere.
// What Excel, LibreOffice and WPS take for the start of a formula when the text is typed in
// or read from CSV (OWASP "CSV injection"); tab and CR are removed by clean_cell_text.
bool starts_like_formula(const std::string& text) {
  return !text.empty() && (text[0] == '=' || text[0] == '+' || text[0] == '-' || text[0] == '@');
}

std::string clean_cell_text(const std::string& text) {
  std::string out;
  const std::string utf8 = to_utf8_lossy(text);
  out.reserve(utf8.size());
  for (const char c : utf8) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 && c != '\n' && c != '\t') continue;
    out += c;
  }
  if (utf8_length(out) > kMaxCellChars) {
    const auto chars = split_utf8_chars(out);
    out.clear();
    for (std::size_t i = 0; i + 1 < kMaxCellChars && i < chars.size(); ++i) out += chars[i];
    out += "…";
  }
  return out;
}

// Excel sheet names: at most 31 characters, none of []:*?/\, unique (case-insensitively).
std::string sheet_name(const std::string& wanted, std::set<std::string>& used, std::size_t index) {
  std::string name;
  for (const auto& ch : split_utf8_chars(clean_cell_text(wanted))) {
    if (ch.size() == 1 && std::strchr("[]:*?/\\'", ch[0]) != nullptr) {
      name += '_';
    } else if (ch != "\n" && ch != "\t") {
      name += ch;
    }
  }
  if (name.empty()) name = "Sheet" + std::to_string(index + 1);
  auto cut = [](const std::string& s, std::size_t max_chars) {
    const auto chars = split_utf8_chars(s);
    std::string out;
    for (std::size_t i = 0; i < chars.size() && i < max_chars; ++i) out += chars[i];
    return out;
  };
  std::string candidate = cut(name, 31);
  for (int n = 2; used.count(to_lower_ascii(candidate)) != 0; ++n) {
    const std::string suffix = "(" + std::to_string(n) + ")";
    candidate = cut(name, 31 - suffix.size()) + suffix;
  }
  used.insert(to_lower_ascii(candidate));
  return candidate;
}

struct WorkbookCloser {
  lxw_workbook* book;
  ~WorkbookCloser() {
    // workbook_close frees the workbook; on an early error nothing useful is written.
    if (book != nullptr) workbook_close(book);
  }
};

Expected<bool> write_workbook(const std::string& path, const std::string& tmpdir, const std::vector<Sheet>& sheets,
                              const WorkbookProperties& properties) {
  lxw_workbook_options options{};
  options.constant_memory = LXW_TRUE;  // rows go to temp files: memory stays flat for big catalogues
  options.tmpdir = const_cast<char*>(tmpdir.c_str());
  options.use_zip64 = LXW_FALSE;
  WorkbookCloser closer{workbook_new_opt(path.c_str(), &options)};
  lxw_workbook* book = closer.book;
  if (book == nullptr) return xlsx_error("无法创建文件 " + path);

  const std::string title = clean_cell_text(properties.title);
  const std::string author = clean_cell_text(properties.author);
  const std::string subject = clean_cell_text(properties.subject);
  lxw_doc_properties doc{};
  doc.title = const_cast<char*>(title.c_str());
  doc.author = const_cast<char*>(author.c_str());
  doc.subject = const_cast<char*>(subject.c_str());
  doc.created = static_cast<time_t>(properties.created);
  workbook_set_properties(book, &doc);

  lxw_format* header_format = workbook_add_format(book);
  format_set_bold(header_format);
  format_set_bg_color(header_format, 0xDDEBF7);
  format_set_border(header_format, LXW_BORDER_THIN);
  format_set_text_wrap(header_format);
  format_set_align(header_format, LXW_ALIGN_VERTICAL_CENTER);
  lxw_format* wrap_format = workbook_add_format(book);
  format_set_text_wrap(wrap_format);
  format_set_align(wrap_format, LXW_ALIGN_VERTICAL_TOP);
  lxw_format* top_format = workbook_add_format(book);
  format_set_align(top_format, LXW_ALIGN_VERTICAL_TOP);
  // Text that starts like a formula (=, +, -, @: a file name "=HYPERLINK(…)" or "-1.pdf") is a
  // string cell already, which no spreadsheet evaluates on opening; the Text number format ("@")
  // keeps it text when a user edits the cell and confirms it (formula injection). Excel's
  // quotePrefix would also survive a CSV export, but libxlsxwriter 1.1.4 (Debian 12) cannot set it.
  lxw_format* quoted_format = workbook_add_format(book);
  format_set_align(quoted_format, LXW_ALIGN_VERTICAL_TOP);
  format_set_num_format(quoted_format, "@");
  lxw_format* quoted_wrap_format = workbook_add_format(book);
  format_set_text_wrap(quoted_wrap_format);
  format_set_align(quoted_wrap_format, LXW_ALIGN_VERTICAL_TOP);
  format_set_num_format(quoted_wrap_format, "@");

  std::set<std::string> used_names;
  for (std::size_t s = 0; s < sheets.size(); ++s) {
    const Sheet& sheet = sheets[s];
    if (sheet.rows.size() > kMaxRows) {
      return xlsx_error("工作表“" + sheet.name + "”行数超过Excel上限（" + std::to_string(kMaxRows) + "行）");
    }
    const std::string name = sheet_name(sheet.name, used_names, s);
    lxw_worksheet* ws = workbook_add_worksheet(book, name.c_str());
    if (ws == nullptr) return xlsx_error("无法添加工作表“" + name + "”");

    std::size_t column_count = sheet.columns.size();
    for (const auto& row : sheet.rows) column_count = std::max(column_count, row.size());
    column_count = std::min<std::size_t>(column_count, 16384);

    // Widths must be set before any cell in constant-memory mode.
    for (std::size_t c = 0; c < column_count; ++c) {
      const SheetColumn column = c < sheet.columns.size() ? sheet.columns[c] : SheetColumn{};
      double width = column.width;
      if (width <= 0) {
        width = text_width(column.header) + 2;
        for (const auto& row : sheet.rows) {
          if (c < row.size()) {
            if (const auto* text = std::get_if<std::string>(&row[c])) width = std::max(width, text_width(*text) + 2);
            if (std::holds_alternative<double>(row[c])) width = std::max(width, 10.0);
          }
        }
        width = std::clamp(width, 6.0, 60.0);
      }
      worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), width,
                           column.wrap ? wrap_format : top_format);
    }
    if (sheet.freeze_header && !sheet.columns.empty()) worksheet_freeze_panes(ws, 1, 0);
    // Printed as people print lists: A4 landscape, all columns on one page width (as many
    // pages down as needed), the header row on every page.
    worksheet_set_paper(ws, 9);  // 9 = A4
    worksheet_set_landscape(ws);
    worksheet_fit_to_pages(ws, 1, 0);
    if (!sheet.columns.empty()) worksheet_repeat_rows(ws, 0, 0);

    for (std::size_t c = 0; c < sheet.columns.size() && c < column_count; ++c) {
      const std::string header = clean_cell_text(sheet.columns[c].header);
      worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c), header.c_str(), header_format);
    }
    const lxw_row_t first_row = sheet.columns.empty() ? 0 : 1;
    for (std::size_t r = 0; r < sheet.rows.size(); ++r) {
      const auto& row = sheet.rows[r];
      const auto row_index = static_cast<lxw_row_t>(first_row + r);
      for (std::size_t c = 0; c < row.size() && c < column_count; ++c) {
        const bool wrap = c < sheet.columns.size() && sheet.columns[c].wrap;
        lxw_format* format = wrap ? wrap_format : nullptr;
        lxw_error err = LXW_NO_ERROR;
        if (const auto* text = std::get_if<std::string>(&row[c])) {
          if (text->empty()) continue;
          const std::string clean = clean_cell_text(*text);
          if (starts_like_formula(clean)) format = wrap ? quoted_wrap_format : quoted_format;
          err = worksheet_write_string(ws, row_index, static_cast<lxw_col_t>(c), clean.c_str(), format);
        } else if (const auto* number = std::get_if<double>(&row[c])) {
          err = worksheet_write_number(ws, row_index, static_cast<lxw_col_t>(c), *number, format);
        }
        if (err != LXW_NO_ERROR) return xlsx_error(lxw_strerror(err));
      }
    }
    if (sheet.autofilter && !sheet.columns.empty()) {
      const auto last_row = static_cast<lxw_row_t>(sheet.rows.empty() ? 0 : sheet.rows.size());
      worksheet_autofilter(ws, 0, 0, last_row, static_cast<lxw_col_t>(sheet.columns.size() - 1));
    }
  }
  if (sheets.empty()) workbook_add_worksheet(book, nullptr);  // a workbook needs one sheet
  closer.book = nullptr;
  const lxw_error err = workbook_close(book);
  if (err != LXW_NO_ERROR) return xlsx_error(lxw_strerror(err));
  return true;
}

// A private directory for libxlsxwriter's temp files and the workbook itself.
struct PrivateTempDir {
  std::string path;
  PrivateTempDir() {
    std::string pattern = temp_root() + "/" + temp_name_marker() + "xlsx-XXXXXX";
    if (::mkdtemp(pattern.data()) != nullptr) {
      path = pattern;
      register_temp(path);
    }
  }
  ~PrivateTempDir() {
    if (path.empty()) return;
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
    unregister_temp(path);
  }
  PrivateTempDir(const PrivateTempDir&) = delete;
  PrivateTempDir& operator=(const PrivateTempDir&) = delete;
};

}  // namespace

Expected<std::string> render_xlsx(const std::vector<Sheet>& sheets, const WorkbookProperties& properties) {
  try {
    PrivateTempDir dir;
    if (dir.path.empty()) return xlsx_error(std::string("无法建立临时目录：") + system_error_zh(errno));
    const std::string file = dir.path + "/book.xlsx";
    auto written = write_workbook(file, dir.path, sheets, properties);
    if (!written) return written.error();
    std::ifstream in(file, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    if (!in.good() && !in.eof()) return xlsx_error("无法读回生成的表格");
    return bytes.str();
  } catch (const std::exception& e) {
    return xlsx_error(e.what());
  }
}

Expected<bool> write_xlsx(const std::string& path, const std::vector<Sheet>& sheets,
                          const WorkbookProperties& properties) {
  auto bytes = render_xlsx(sheets, properties);
  if (!bytes) return bytes.error();
  return write_file_atomically(path, bytes.value());
}

}  // namespace evpack
