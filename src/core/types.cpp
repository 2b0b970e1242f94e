#include "evpack/core/types.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <tuple>
#include <utility>

namespace evpack {

std::string to_string(ContentKind kind) {
  switch (kind) {
    case ContentKind::Empty: return "empty";
    case ContentKind::Pdf: return "pdf";
    case ContentKind::Ofd: return "ofd";
    case ContentKind::Jpeg: return "jpeg";
    case ContentKind::Png: return "png";
    case ContentKind::Heic: return "heic";
    case ContentKind::OtherImage: return "image";
    case ContentKind::Docx: return "docx";
    case ContentKind::Xlsx: return "xlsx";
    case ContentKind::Pptx: return "pptx";
    case ContentKind::OleOffice: return "ole-office";
    case ContentKind::Video: return "video";
    case ContentKind::Zip: return "zip";
    case ContentKind::Text: return "text";
    case ContentKind::Other: return "other";
  }
  return "other";
}

std::string kind_label_zh(ContentKind kind) {
  switch (kind) {
    case ContentKind::Empty: return "空文件";
    case ContentKind::Pdf: return "PDF文档";
    case ContentKind::Ofd: return "OFD文档";
    case ContentKind::Jpeg: return "JPEG图片";
    case ContentKind::Png: return "PNG图片";
    case ContentKind::Heic: return "HEIC照片";
    case ContentKind::OtherImage: return "其他图片";
    case ContentKind::Docx: return "Word文档";
    case ContentKind::Xlsx: return "Excel表格";
    case ContentKind::Pptx: return "PPT演示文稿";
    case ContentKind::OleOffice: return "旧版Office/WPS文件";
    case ContentKind::Video: return "视频";
    case ContentKind::Zip: return "压缩包";
    case ContentKind::Text: return "文本";
    case ContentKind::Other: return "其他文件";
  }
  return "其他文件";
}

bool is_image(ContentKind kind) {
  return kind == ContentKind::Jpeg || kind == ContentKind::Png || kind == ContentKind::Heic ||
         kind == ContentKind::OtherImage;
}

namespace {
bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }
int days_in_month(int y, int m) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : kDays[m - 1];
}
}  // namespace

bool CivilDate::valid() const {
  return year >= 1900 && year <= 2200 && month >= 1 && month <= 12 && day >= 1 && day <= days_in_month(year, month);
}

std::string CivilDate::iso() const {
  if (!valid()) return "";
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  return buf;
}

// The C++20 calendar (Howard Hinnant's date library, standardised) does the arithmetic.
std::int64_t CivilDate::days_since_epoch() const {
  const std::chrono::year_month_day ymd{std::chrono::year{year}, std::chrono::month{static_cast<unsigned>(month)},
                                        std::chrono::day{static_cast<unsigned>(day)}};
  return std::chrono::sys_days{ymd}.time_since_epoch().count();
}

CivilDate CivilDate::from_days_since_epoch(std::int64_t z) {
  const std::chrono::year_month_day ymd{std::chrono::sys_days{std::chrono::days{z}}};
  return CivilDate{static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
                   static_cast<int>(static_cast<unsigned>(ymd.day()))};
}

int CivilDate::weekday() const {
  const std::chrono::weekday w{std::chrono::sys_days{std::chrono::days{days_since_epoch()}}};
  return static_cast<int>(w.iso_encoding());  // 1 = Monday ... 7 = Sunday
}

std::string Timestamp::iso() const {
  std::string out = date.iso();
  if (out.empty() || !has_time()) return out;
  char buf[48];
  if (second >= 0) {
    std::snprintf(buf, sizeof buf, " %02d:%02d:%02d", hour, minute, second);
  } else {
    std::snprintf(buf, sizeof buf, " %02d:%02d", hour, std::max(minute, 0));
  }
  return out + buf;
}

std::int64_t Timestamp::minutes_since_epoch() const {
  std::int64_t m = date.days_since_epoch() * 24 * 60;
  if (has_time()) m += hour * 60 + std::max(minute, 0);
  return m;
}

std::string to_string(DateSource source) {
  switch (source) {
    case DateSource::None: return "none";
    case DateSource::Watermark: return "watermark";
    case DateSource::Exif: return "exif";
    case DateSource::DocumentDate: return "document";
    case DateSource::Published: return "published";
    case DateSource::FileName: return "file-name";
    case DateSource::FolderName: return "folder-name";
  }
  return "none";
}

std::string source_label_zh(DateSource source) {
  switch (source) {
    case DateSource::None: return "无日期";
    case DateSource::Watermark: return "水印时间";
    case DateSource::Exif: return "EXIF拍摄时间";
    case DateSource::DocumentDate: return "成文日期";
    case DateSource::Published: return "发布日期";
    case DateSource::FileName: return "文件名日期";
    case DateSource::FolderName: return "文件夹日期";
  }
  return "无日期";
}

std::string to_string(Presence presence) {
  switch (presence) {
    case Presence::NotChecked: return "not-checked";
    case Presence::Present: return "present";
    case Presence::Absent: return "absent";
    case Presence::CannotVerify: return "cannot-verify";
  }
  return "not-checked";
}

std::string presence_label_zh(Presence presence) {
  switch (presence) {
    case Presence::NotChecked: return "未检查";
    case Presence::Present: return "有";
    case Presence::Absent: return "无";
    case Presence::CannotVerify: return "无法核验";
  }
  return "未检查";
}

std::string to_string(Severity severity) {
  switch (severity) {
    case Severity::Info: return "info";
    case Severity::Warning: return "warning";
    case Severity::Error: return "error";
    case Severity::Fatal: return "fatal";
  }
  return "info";
}

std::string severity_label_zh(Severity severity) {
  switch (severity) {
    case Severity::Info: return "提示";
    case Severity::Warning: return "警告";
    case Severity::Error: return "严重";
    case Severity::Fatal: return "致命";
  }
  return "提示";
}

namespace {

constexpr std::pair<DeductionRole, const char*> kRoleNames[] = {
    {DeductionRole::Fabrication, "fabrication"},        {DeductionRole::PrivacyLeak, "privacy_leak"},
    {DeductionRole::SanctionMisuse, "sanction_misuse"}, {DeductionRole::PublicityDelay, "publicity_delay"},
    {DeductionRole::ArchiveOrder, "archive_order"},     {DeductionRole::DocumentForm, "document_form"},
    {DeductionRole::PhotoTime, "photo_time"},
};

}  // namespace

std::string to_string(DeductionRole role) {
  for (const auto& [r, name] : kRoleNames) {
    if (r == role) return name;
  }
  return "";
}

std::optional<DeductionRole> deduction_role_from_string(const std::string& name) {
  for (const auto& [r, n] : kRoleNames) {
    if (name == n) return r;
  }
  return std::nullopt;
}

void sort_findings(std::vector<Finding>& findings) {
  std::stable_sort(findings.begin(), findings.end(), [](const Finding& a, const Finding& b) {
    const int sa = -static_cast<int>(a.severity);
    const int sb = -static_cast<int>(b.severity);
    return std::tie(sa, a.rule, a.indicator, a.file, a.code, a.message) <
           std::tie(sb, b.rule, b.indicator, b.file, b.code, b.message);
  });
}

}  // namespace evpack
