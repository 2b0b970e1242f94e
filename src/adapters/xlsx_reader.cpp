// Reading .xlsx workbooks: the zip through our libzip adapter, the XML parts with pugixml.
// pugixml appears only here and in docx_reader.cpp (the two OOXML readers). pugixml does not process DTDs or external entities,
// so a hostile workbook cannot make it fetch or expand anything; part sizes are capped
// before parsing.
#include <pugixml.hpp>

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <map>
#include <optional>

#include "evpack/adapters/table_reader.hpp"
#include "evpack/adapters/zip_archive.hpp"

namespace evpack {

namespace {

// Element names without a namespace prefix: generators differ ("row", "x:row").
std::string_view local_name(const pugi::xml_node& node) {
  std::string_view name = node.name();
  const std::size_t colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

pugi::xml_node child(const pugi::xml_node& parent, std::string_view name) {
  for (pugi::xml_node c = parent.first_child(); c; c = c.next_sibling()) {
    if (c.type() == pugi::node_element && local_name(c) == name) return c;
  }
  return {};
}

template <typename F>
void for_each_child(const pugi::xml_node& parent, std::string_view name, F&& f) {
  for (pugi::xml_node c = parent.first_child(); c; c = c.next_sibling()) {
    if (c.type() == pugi::node_element && local_name(c) == name) f(c);
  }
}

// An attribute by local name ("r:id" and "id" in another prefix are the same to us).
std::string_view attribute(const pugi::xml_node& node, std::string_view name) {
  for (pugi::xml_attribute a = node.first_attribute(); a; a = a.next_attribute()) {
    std::string_view n = a.name();
    const std::size_t colon = n.find(':');
    if (colon != std::string_view::npos) {
      if (n.substr(0, colon) == "xmlns") continue;
      n = n.substr(colon + 1);
    }
    if (n == name) return a.value();
  }
  return {};
}

// Text of an <si> or <is>: plain <t>, or the <t> of each rich-text run <r>; phonetic
// guides (<rPh>) are not part of the cell text.
std::string string_item_text(const pugi::xml_node& item) {
  std::string out;
  for (pugi::xml_node c = item.first_child(); c; c = c.next_sibling()) {
    if (c.type() != pugi::node_element) continue;
    const std::string_view n = local_name(c);
    if (n == "t") {
      out += c.text().get();
    } else if (n == "r") {
      if (pugi::xml_node t = child(c, "t")) out += t.text().get();
    }
  }
  return out;
}

// Whether a number format shows a date: built-in ids (including the CJK ones Chinese
// Excel uses), or a custom code with date letters outside quotes, brackets and escapes.
bool is_date_format(int id, const std::string& code) {
  if ((id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) || (id >= 50 && id <= 58)) {
    return true;
  }
  if (code.empty()) return false;
  bool quoted = false;
  int bracket = 0;
  for (std::size_t i = 0; i < code.size(); ++i) {
    const char c = code[i];
    if (c == '"') {
      quoted = !quoted;
    } else if (quoted) {
      continue;
    } else if (c == '\\' || c == '_' || c == '*') {
      ++i;  // the next character is literal (or padding)
    } else if (c == '[') {
      ++bracket;
    } else if (c == ']') {
      bracket = std::max(0, bracket - 1);
    } else if (bracket == 0 && (c == 'y' || c == 'Y' || c == 'd' || c == 'D' || c == 'm' || c == 'M')) {
      return true;
    }
  }
  return false;
}

// Column index (0-based) of a cell reference such as "AB12"; nullopt when malformed.
std::optional<std::size_t> column_of(std::string_view ref) {
  std::size_t col = 0;
  std::size_t letters = 0;
  for (char c : ref) {
    if (c >= 'A' && c <= 'Z') {
      col = col * 26 + static_cast<std::size_t>(c - 'A' + 1);
    } else if (c >= 'a' && c <= 'z') {
      col = col * 26 + static_cast<std::size_t>(c - 'a' + 1);
    } else {
      break;
    }
    if (++letters > 3) return std::nullopt;
  }
  if (letters == 0) return std::nullopt;
  return col - 1;
}

std::optional<std::size_t> parse_index(std::string_view text) {
  std::size_t value = 0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size()) return std::nullopt;
  return value;
}

// Zip part paths: relationship targets are relative to xl/ unless absolute; "../" and
// "./" are resolved, so a target cannot point outside the package names.
std::string resolve_target(std::string_view target) {
  std::string path = target.empty() || target[0] != '/' ? "xl/" + std::string(target) : std::string(target.substr(1));
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start <= path.size()) {
    const std::size_t slash = std::min(path.find('/', start), path.size());
    const std::string part = path.substr(start, slash - start);
    if (part == "..") {
      if (!parts.empty()) parts.pop_back();
    } else if (!part.empty() && part != ".") {
      parts.push_back(part);
    }
    start = slash + 1;
  }
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : "/") + p;
  return out;
}

class XlsxReader {
 public:
  XlsxReader(ZipReader& zip, const TableLimits& limits) : zip_(zip), limits_(limits) {
    const auto& entries = zip_.entries();
    for (std::size_t i = 0; i < entries.size(); ++i) index_.emplace(entries[i].name, i);
  }

  Expected<std::vector<TableSheet>> read() {
    auto workbook = load("xl/workbook.xml", true);
    if (!workbook) return workbook.error();
    const pugi::xml_node wb = workbook->document_element();
    if (local_name(wb) != "workbook") return corrupt("工作簿描述（xl/workbook.xml）不是有效的工作簿");
    if (pugi::xml_node pr = child(wb, "workbookPr")) {
      const std::string_view d1904 = attribute(pr, "date1904");
      date1904_ = d1904 == "1" || d1904 == "true";
    }

    // Relationship ids to part names.
    std::map<std::string, std::string> targets;
    std::string shared_strings = "xl/sharedStrings.xml";
    std::string styles = "xl/styles.xml";
    if (index_.count("xl/_rels/workbook.xml.rels")) {
      auto rels = load("xl/_rels/workbook.xml.rels", true);
      if (!rels) return rels.error();
      for_each_child(rels->document_element(), "Relationship", [&](const pugi::xml_node& r) {
        const std::string type(attribute(r, "Type"));
        const std::string target = resolve_target(attribute(r, "Target"));
        targets[std::string(attribute(r, "Id"))] = target;
        if (type.size() >= 13 && type.compare(type.size() - 13, 13, "sharedStrings") == 0) shared_strings = target;
        if (type.size() >= 6 && type.compare(type.size() - 6, 6, "styles") == 0) styles = target;
      });
    }
    if (index_.count(shared_strings)) {
      if (auto error = read_shared_strings(shared_strings)) return *error;
    }
    if (index_.count(styles)) read_styles(styles);  // without styles, dates stay serial numbers

    std::vector<std::pair<std::string, std::string>> sheets;  // (name, part)
    int position = 0;
    for_each_child(child(wb, "sheets"), "sheet", [&](const pugi::xml_node& s) {
      ++position;
      const auto it = targets.find(std::string(attribute(s, "id")));
      std::string part = it != targets.end() ? it->second : "xl/worksheets/sheet" + std::to_string(position) + ".xml";
      sheets.emplace_back(std::string(attribute(s, "name")), std::move(part));
    });
    if (sheets.empty()) return corrupt("工作簿中没有工作表");

    std::vector<TableSheet> out;
    for (const auto& [name, part] : sheets) {
      if (out.size() >= limits_.max_sheets) break;
      // Chart sheets and dialog sheets have no cells; a missing part is a broken workbook.
      if (part.find("worksheets/") == std::string::npos && !index_.count(part)) continue;
      auto sheet = read_sheet(name, part);
      if (!sheet) return sheet.error();
      out.push_back(std::move(sheet.value()));
    }
    return out;
  }

 private:
  static Error corrupt(const std::string& what) { return Error{"XLSX_CORRUPT", "表格文件已损坏或格式不规范：" + what}; }

  Expected<pugi::xml_document> load(const std::string& part, bool required) {
    const auto it = index_.find(part);
    if (it == index_.end()) {
      if (required && part == "xl/workbook.xml") {
        return Error{"TABLE_NOT_TABLE", "压缩包中没有 xl/workbook.xml，不是 .xlsx 表格"};
      }
      if (required) return corrupt("缺少工作表 " + part);
      return pugi::xml_document{};
    }
    std::string bytes;
    auto read = zip_.read_entry(
        it->second,
        [&](std::string_view chunk) {
          bytes.append(chunk);
          return true;
        },
        limits_.max_bytes);
    if (!read) {
      if (read.error().code == "ZIP_ENTRY_TOO_LARGE") {
        return Error{"TABLE_TOO_LARGE",
                     "表格中的 " + part + " 解压后超过读取上限 " + std::to_string(limits_.max_bytes >> 20) + " MB"};
      }
      return corrupt(part + "：" + read.error().message);
    }
    pugi::xml_document doc;
    const pugi::xml_parse_result parsed =
        doc.load_buffer(bytes.data(), bytes.size(), pugi::parse_default, pugi::encoding_auto);
    if (!parsed) return corrupt(part + " 的 XML 无法解析（" + parsed.description() + "）");
    return doc;
  }

  std::optional<Error> read_shared_strings(const std::string& part) {
    auto doc = load(part, false);
    if (!doc) return doc.error();
    for_each_child(doc->document_element(), "si", [&](const pugi::xml_node& si) {
      if (strings_.size() < limits_.max_cells) strings_.push_back(string_item_text(si));
    });
    return std::nullopt;
  }

  void read_styles(const std::string& part) {
    auto doc = load(part, false);
    if (!doc) return;
    const pugi::xml_node root = doc->document_element();
    std::map<int, std::string> codes;
    for_each_child(child(root, "numFmts"), "numFmt", [&](const pugi::xml_node& f) {
      const auto id = parse_index(attribute(f, "numFmtId"));
      if (id && *id < 100000) codes[static_cast<int>(*id)] = std::string(attribute(f, "formatCode"));
    });
    for_each_child(child(root, "cellXfs"), "xf", [&](const pugi::xml_node& xf) {
      const int id = static_cast<int>(parse_index(attribute(xf, "numFmtId")).value_or(0) % 100000);
      const auto code = codes.find(id);
      date_styles_.push_back(is_date_format(id, code == codes.end() ? std::string() : code->second));
    });
  }

  std::string cell_text(const pugi::xml_node& c) {
    const std::string_view type = attribute(c, "t");
    const pugi::xml_node v = child(c, "v");
    if (type == "inlineStr") {
      const pugi::xml_node is = child(c, "is");
      return is ? string_item_text(is) : std::string(v.text().get());
    }
    const std::string value = v.text().get();
    if (type == "s") {
      const auto i = parse_index(value);
      return i && *i < strings_.size() ? strings_[*i] : std::string();
    }
    if (type == "b") return value == "1" ? "TRUE" : value == "0" ? "FALSE" : value;
    if (type == "str" || type == "e" || type == "d") return value;  // formula text, error, ISO date
    // A number: shown as a date when its style says so.
    const auto style = parse_index(attribute(c, "s"));
    if (!value.empty() && style && *style < date_styles_.size() && date_styles_[*style]) {
      char* end = nullptr;
      const double serial = std::strtod(value.c_str(), &end);
      if (end && *end == '\0') {
        std::string date = excel_serial_to_text(serial, date1904_);
        if (!date.empty()) return date;
      }
    }
    return value;
  }

  Expected<TableSheet> read_sheet(const std::string& name, const std::string& part) {
    auto doc = load(part, true);
    if (!doc) return doc.error();
    TableSheet sheet;
    sheet.name = name;
    const pugi::xml_node data = child(doc->document_element(), "sheetData");
    std::size_t next_row = 0;
    for (pugi::xml_node row = data.first_child(); row; row = row.next_sibling()) {
      if (row.type() != pugi::node_element || local_name(row) != "row") continue;
      // Row numbers are 1-based; without one, a row follows the previous.
      std::size_t r = parse_index(attribute(row, "r")).value_or(next_row + 1);
      if (r == 0 || r < next_row + 1) r = next_row + 1;  // out of order: keep the order given
      if (r > limits_.max_rows) {
        sheet.truncated = true;
        break;
      }
      next_row = r;
      std::vector<std::string> cells;
      std::size_t next_col = 0;
      for_each_child(row, "c", [&](const pugi::xml_node& c) {
        std::size_t col = column_of(attribute(c, "r")).value_or(next_col);
        if (col < next_col) col = next_col;
        next_col = col + 1;
        if (col >= limits_.max_columns || cells_ + (col + 1 - cells.size()) > limits_.max_cells) {
          sheet.truncated = true;
          return;
        }
        std::string text = cell_text(c);
        if (text.empty()) return;  // styled but empty: no need to pad for it
        cells_ += col + 1 - cells.size();
        cells.resize(col + 1);
        cells[col] = std::move(text);
      });
      // Empty rows in between stay as empty vectors so indexes match Excel row numbers.
      if (sheet.rows.size() < r - 1) sheet.rows.resize(r - 1);
      sheet.rows.push_back(std::move(cells));
    }
    return sheet;
  }

  ZipReader& zip_;
  TableLimits limits_;
  std::map<std::string, std::size_t> index_;
  std::vector<std::string> strings_;
  std::vector<bool> date_styles_;
  bool date1904_ = false;
  std::size_t cells_ = 0;
};

}  // namespace

Expected<std::vector<TableSheet>> read_xlsx(const std::string& path, const TableLimits& limits) {
  auto zip = open_zip(path);
  if (!zip) {
    if (zip.error().code == "ZIP_UNREADABLE") return Error{"TABLE_UNREADABLE", zip.error().message};
    return Error{"XLSX_CORRUPT", "表格文件已损坏，无法作为 .xlsx 打开：" + zip.error().message};
  }
  try {
    XlsxReader reader(*zip.value(), limits);
    return reader.read();
  } catch (const std::bad_alloc&) {
    return Error{"TABLE_TOO_LARGE", "表格内容过大，内存不足，无法读取"};
  } catch (const std::exception& e) {
    return Error{"XLSX_CORRUPT", std::string("表格文件无法读取：") + e.what()};
  }
}

}  // namespace evpack
