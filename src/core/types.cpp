#include "evpack/core/types.hpp"

#include <algorithm>
#include <cstdio>
#include <tuple>

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
  return year >= 1900 && year <= 2200 && month >= 1 && month <= 12 && day >= 1 &&
         day <= days_in_month(year, month);
}

std::string CivilDate::iso() const {
  if (!valid()) return "";
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  return buf;
}

// Howard Hinnant's days_from_civil.
std::int64_t CivilDate::days_since_epoch() const {
  const std::int64_t y = month <= 2 ? year - 1 : year;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const std::int64_t yoe = y - era * 400;
  const std::int64_t mp = (month + 9) % 12;
  const std::int64_t doy = (153 * mp + 2) / 5 + day - 1;
  const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

CivilDate CivilDate::from_days_since_epoch(std::int64_t z) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const std::int64_t doe = z - era * 146097;
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int64_t mp = (5 * doy + 2) / 153;
  const int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  const int y = static_cast<int>(yoe + era * 400 + (m <= 2 ? 1 : 0));
  return CivilDate{y, m, d};
}

int CivilDate::weekday() const {
  const std::int64_t z = days_since_epoch();
  // 1970-01-01 was a Thursday (4).
  const std::int64_t w = ((z % 7) + 7 + 3) % 7;  // 0 = Monday
  return static_cast<int>(w) + 1;
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

void sort_findings(std::vector<Finding>& findings) {
  std::stable_sort(findings.begin(), findings.end(), [](const Finding& a, const Finding& b) {
    const int sa = -static_cast<int>(a.severity);
    const int sb = -static_cast<int>(b.severity);
    return std::tie(sa, a.rule, a.indicator, a.file, a.code, a.message) <
           std::tie(sb, b.rule, b.indicator, b.file, b.code, b.message);
  });
}

}  // namespace evpack
