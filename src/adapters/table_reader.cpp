// CSV reading and the CSV/XLSX dispatch. XLSX itself is in xlsx_reader.cpp (pugixml).
#include "evpack/adapters/table_reader.hpp"

#include <array>
#include <cmath>
#include <filesystem>
#include <fstream>

#include "evpack/core/types.hpp"
#include "evpack/util/system_error.hpp"
#include "evpack/util/text.hpp"

namespace evpack {

namespace {

namespace fs = std::filesystem;

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// Excel's "Unicode text" export is UTF-16LE with a BOM; unpaired surrogates become U+FFFD.
std::string utf16_to_utf8(std::string_view bytes, bool little_endian) {
  std::string out;
  out.reserve(bytes.size());
  const auto unit = [&](std::size_t i) -> char32_t {
    const auto a = static_cast<unsigned char>(bytes[i]);
    const auto b = static_cast<unsigned char>(bytes[i + 1]);
    return little_endian ? static_cast<char32_t>(a | (b << 8)) : static_cast<char32_t>((a << 8) | b);
  };
  for (std::size_t i = 0; i + 1 < bytes.size(); i += 2) {
    char32_t u = unit(i);
    if (u >= 0xD800 && u <= 0xDBFF && i + 3 < bytes.size()) {
      const char32_t low = unit(i + 2);
      if (low >= 0xDC00 && low <= 0xDFFF) {
        append_utf8(out, 0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00));
        i += 2;
        continue;
      }
    }
    if (u >= 0xD800 && u <= 0xDFFF) u = 0xFFFD;
    append_utf8(out, u);
  }
  return out;
}

std::string decode_text(std::string_view bytes) {
  if (bytes.size() >= 3 && bytes.substr(0, 3) == "\xEF\xBB\xBF") return std::string(bytes.substr(3));
  if (bytes.size() >= 2 && bytes.substr(0, 2) == "\xFF\xFE") return utf16_to_utf8(bytes.substr(2), true);
  if (bytes.size() >= 2 && bytes.substr(0, 2) == "\xFE\xFF") return utf16_to_utf8(bytes.substr(2), false);
  if (is_valid_utf8(bytes)) return std::string(bytes);
  if (auto gbk = decode_gbk_strict(bytes)) return *gbk;
  return gbk_to_utf8(bytes);
}

// The delimiter the first line uses most (outside quotes); comma when none.
char guess_delimiter(std::string_view text) {
  std::array<std::size_t, 3> counts{};
  constexpr std::array<char, 3> kCandidates = {',', '\t', ';'};
  bool quoted = false;
  for (char c : text) {
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    if (c == '\n' || c == '\r') break;
    for (std::size_t k = 0; k < kCandidates.size(); ++k) {
      if (c == kCandidates[k]) ++counts[k];
    }
  }
  std::size_t best = 0;
  for (std::size_t k = 1; k < counts.size(); ++k) {
    if (counts[k] > counts[best]) best = k;
  }
  return kCandidates[best];
}

bool looks_binary(std::string_view head) {
  if (head.size() >= 2 && (head.substr(0, 2) == "\xFF\xFE" || head.substr(0, 2) == "\xFE\xFF")) return false;
  return head.find('\0') != std::string_view::npos;
}

}  // namespace

TableSheet parse_csv(std::string_view bytes, const TableLimits& limits) {
  const std::string text = decode_text(bytes);
  const char delimiter = guess_delimiter(text);
  TableSheet sheet;
  std::vector<std::string> row;
  std::string cell;
  std::size_t cells = 0;
  bool quoted = false;
  bool row_has_content = false;  // a record seen on this line (even a lone empty field)

  const auto end_cell = [&] {
    if (row.size() < limits.max_columns && cells < limits.max_cells) {
      row.push_back(std::move(cell));
      ++cells;
    } else {
      sheet.truncated = true;
    }
    cell.clear();
  };
  const auto end_row = [&] {
    end_cell();
    // A line with one empty field is an empty row, as spreadsheets show it.
    if (row.size() == 1 && row[0].empty()) row.clear();
    if (sheet.rows.size() < limits.max_rows) {
      sheet.rows.push_back(std::move(row));
    } else {
      sheet.truncated = true;
    }
    row.clear();
    row_has_content = false;
  };

  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          cell += '"';
          ++i;
        } else {
          quoted = false;
        }
      } else {
        cell += c;
      }
      continue;
    }
    row_has_content = true;
    if (c == '"' && cell.empty()) {
      quoted = true;
    } else if (c == delimiter) {
      end_cell();
    } else if (c == '\r' || c == '\n') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      end_row();
      if (sheet.rows.size() >= limits.max_rows && sheet.truncated) break;
    } else {
      cell += c;
    }
  }
  if (row_has_content || !cell.empty() || !row.empty()) end_row();
  return sheet;
}

std::string excel_serial_to_text(double serial, bool date1904) {
  if (!std::isfinite(serial) || serial < 0 || serial > 2958466.0) return "";
  double whole = std::floor(serial);
  long long seconds = std::llround((serial - whole) * 86400.0);
  if (seconds >= 86400) {
    seconds -= 86400;
    whole += 1;
  }
  const auto days = static_cast<std::int64_t>(whole);
  std::string time;
  if (seconds > 0) {
    const auto two = [](long long v) { return std::string(v < 10 ? "0" : "") + std::to_string(v); };
    time = two(seconds / 3600) + ":" + two((seconds / 60) % 60) + ":" + two(seconds % 60);
  }
  if (days == 0 && !date1904) return time;  // a time of day only
  // 1900 system: serial 1 is 1900-01-01, and Excel counts a 29 February 1900 that never was
  // (serial 60), so from serial 61 on the epoch is 1899-12-30.
  std::int64_t epoch_days = 0;
  if (date1904) {
    epoch_days = CivilDate{1904, 1, 1}.days_since_epoch() + days;
  } else if (days >= 61) {
    epoch_days = CivilDate{1899, 12, 30}.days_since_epoch() + days;
  } else {
    epoch_days = CivilDate{1899, 12, 31}.days_since_epoch() + days;
  }
  const CivilDate date = CivilDate::from_days_since_epoch(epoch_days);
  if (!date.valid() || date.year > 9999) return "";
  return time.empty() ? date.iso() : date.iso() + " " + time;
}

Expected<std::vector<TableSheet>> read_table(const std::string& path, const TableLimits& limits) {
  const fs::path p = fs::u8path(path);
  std::error_code ec;
  if (!fs::is_regular_file(p, ec)) return Error{"TABLE_UNREADABLE", "无法读取表格文件（不存在或不是普通文件）"};
  const std::uintmax_t size = fs::file_size(p, ec);
  if (ec) return Error{"TABLE_UNREADABLE", "无法读取表格文件：" + system_error_zh(ec)};
  std::ifstream in(p, std::ios::binary);
  if (!in) return Error{"TABLE_UNREADABLE", "无法打开表格文件（请检查权限）"};
  std::string head(8, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<std::size_t>(in.gcount()));
  if (head.size() >= 4 && head.compare(0, 4, "PK\x03\x04") == 0) return read_xlsx(path, limits);
  if (head.size() >= 8 && head == std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8)) {
    in.close();
    return read_xls(path, limits);  // .xls, or a WPS .et saved in the Excel 97-2003 format
  }
  if (size > limits.max_bytes) {
    return Error{"TABLE_TOO_LARGE", "表格文件过大（" + std::to_string(size >> 20) + " MB），超过读取上限 " +
                                        std::to_string(limits.max_bytes >> 20) + " MB"};
  }
  std::string bytes = head;
  bytes.resize(static_cast<std::size_t>(size));
  in.read(bytes.data() + head.size(), static_cast<std::streamsize>(size - head.size()));
  bytes.resize(head.size() + static_cast<std::size_t>(in.gcount()));
  if (looks_binary(std::string_view(bytes).substr(0, 4096))) {
    return Error{"TABLE_NOT_TABLE",
                 "文件不是 CSV 文本，也不是 .xlsx 或 .xls 表格，无法读取（WPS 表格 .et 请另存为 .xlsx）"};
  }
  return std::vector<TableSheet>{parse_csv(bytes, limits)};
}

std::string table_text(const std::vector<TableSheet>& sheets) {
  std::string text;
  for (const TableSheet& sheet : sheets) {
    if (!text.empty()) text += '\n';
    for (const auto& row : sheet.rows) {
      for (std::size_t c = 0; c < row.size(); ++c) text += (c == 0 ? "" : "\t") + row[c];
      text += '\n';
    }
  }
  return text;
}

}  // namespace evpack
