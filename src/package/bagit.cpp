#include "evpack/package/bagit.hpp"

#include <cctype>
#include <cstdio>

#include "evpack/util/text.hpp"

namespace evpack {

namespace {

std::string encode_path(const std::string& path) {
  std::string out;
  for (const char c : path) {
    if (c == '%')
      out += "%25";
    else if (c == '\n')
      out += "%0A";
    else if (c == '\r')
      out += "%0D";
    else
      out += c;
  }
  return out;
}

std::string decode_path(const std::string& path) {
  std::string out;
  for (std::size_t i = 0; i < path.size(); ++i) {
    if (path[i] == '%' && i + 2 < path.size()) {
      const std::string code = to_lower_ascii(path.substr(i + 1, 2));
      if (code == "25") {
        out += '%';
        i += 2;
        continue;
      }
      if (code == "0a") {
        out += '\n';
        i += 2;
        continue;
      }
      if (code == "0d") {
        out += '\r';
        i += 2;
        continue;
      }
    }
    out += path[i];
  }
  return out;
}

bool is_hex64(const std::string& s) {
  if (s.size() != 64) return false;
  for (const char c : s) {
    if (!std::isxdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::string line;
  for (const char c : text) {
    if (c == '\n') {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      lines.push_back(line);
      line.clear();
    } else {
      line += c;
    }
  }
  if (!line.empty()) lines.push_back(line);
  return lines;
}

}  // namespace

std::string bagit_declaration() { return "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n"; }

std::string bag_info_text(const std::vector<std::pair<std::string, std::string>>& fields) {
  std::string out;
  for (const auto& [label, value] : fields) {
    std::string one_line;
    for (const char c : value) one_line += (c == '\n' || c == '\r') ? ' ' : c;
    out += label + ": " + one_line + "\n";
  }
  return out;
}

std::string manifest_text(const std::vector<ManifestEntry>& entries) {
  std::string out;
  for (const auto& e : entries) out += e.sha256 + "  " + encode_path(e.path) + "\n";
  return out;
}

Expected<std::vector<ManifestEntry>> parse_manifest(const std::string& text) {
  std::vector<ManifestEntry> out;
  const auto lines = lines_of(text);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const std::string& line = lines[i];
    if (trim(line).empty()) continue;
    const auto space = line.find_first_of(" \t");
    if (space == std::string::npos) {
      return Error{"BAG_MANIFEST_INVALID", "清单第" + std::to_string(i + 1) + "行格式不正确（应为“校验值 路径”）"};
    }
    const std::string sum = to_lower_ascii(line.substr(0, space));
    std::size_t path_at = line.find_first_not_of(" \t", space);
    if (!is_hex64(sum) || path_at == std::string::npos) {
      return Error{"BAG_MANIFEST_INVALID",
                   "清单第" + std::to_string(i + 1) + "行格式不正确（应为“SHA-256校验值 路径”）"};
    }
    if (line[path_at] == '*') ++path_at;  // sha256sum's binary marker
    out.push_back({sum, decode_path(line.substr(path_at))});
  }
  return out;
}

std::vector<std::pair<std::string, std::string>> parse_tag_file(const std::string& text) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& line : lines_of(text)) {
    if (!line.empty() && (line[0] == ' ' || line[0] == '\t') && !out.empty()) {
      out.back().second += " " + trim(line);
      continue;
    }
    const auto colon = line.find(':');
    if (colon == std::string::npos) continue;
    out.emplace_back(trim(line.substr(0, colon)), trim(line.substr(colon + 1)));
  }
  return out;
}

std::string human_size(std::uint64_t bytes) {
  static const char* const kUnits[] = {"bytes", "KB", "MB", "GB", "TB"};
  double value = static_cast<double>(bytes);
  int unit = 0;
  while (value >= 1024 && unit < 4) {
    value /= 1024;
    ++unit;
  }
  char buf[32];
  if (unit == 0)
    std::snprintf(buf, sizeof buf, "%llu bytes", static_cast<unsigned long long>(bytes));
  else
    std::snprintf(buf, sizeof buf, "%.1f %s", value, kUnits[unit]);
  return buf;
}

}  // namespace evpack
