// The HTML report's public entry (render_html_report) and the links it writes; the page
// is written by html::HtmlWriter (html_writer.hpp), section by section.
#include "evpack/report/html_report.hpp"

#include <filesystem>

#include "html_writer.hpp"

namespace evpack {

std::string href_encode_path(const std::string& path) {
  static const char* const kHex = "0123456789ABCDEF";
  std::string out;
  for (const char ch : path) {
    const auto c = static_cast<unsigned char>(ch);
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~' || c == '/' || c >= 0x80) {
      out += ch;
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

std::string relative_file_href(const std::string& from_dir, const std::string& target) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path from = fs::absolute(from_dir.empty() ? "." : from_dir, ec).lexically_normal();
  const fs::path to = fs::absolute(target, ec).lexically_normal();
  const fs::path rel = to.lexically_relative(from);
  return href_encode_path((rel.empty() ? to : rel).generic_string());
}

std::string render_html_report(const CheckResult& result, const HtmlReportContext& context,
                               const std::vector<std::string>& thumbnails) {
  return html::HtmlWriter(result, context, thumbnails).render();
}

}  // namespace evpack
