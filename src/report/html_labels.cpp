#include "html_labels.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>

#include "evpack/report/finding_names.hpp"

namespace evpack::html {

std::string percent(double part, double whole) {
  if (whole <= 0) return "0";
  const double p = std::clamp(100.0 * part / whole, 0.0, 100.0);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.1f", p);
  return buf;
}

std::string file_name_of(const std::string& path) {
  const auto slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

std::string folder_of(const std::string& path) {
  const auto slash = path.rfind('/');
  return slash == std::string::npos ? "" : path.substr(0, slash);
}

// Anchor id for an indicator or bonus section ("ind-1.1", "ind-B.6").
std::string anchor(const std::string& id) {
  std::string out = "ind-";
  for (const char c : id) out += (std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-') ? c : '_';
  return out;
}

const char* const kNumerals[] = {"", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};

std::string category_label(const std::string& id, const std::string& title, ReportLang lang) {
  const int n = std::atoi(id.c_str());
  if (lang == ReportLang::Zh && n >= 1 && n <= 10) return std::string(kNumerals[n]) + "、" + title;
  return id + ". " + title;
}

Status status_of(const IndicatorResult& r, bool scored) {
  if (!r.zeroed_by.empty()) return Status::Zeroed;
  if (!scored || r.mode == ScoringMode::Tasks) return r.files.empty() ? Status::Missing : Status::Task;
  if (r.cap > 0 && r.points + 1e-9 >= r.cap) return Status::Full;
  if (r.points > 0) return Status::Partial;
  return r.files.empty() ? Status::Missing : Status::Zero;
}

const char* status_class(Status s) {
  switch (s) {
    case Status::Full: return "ok";
    case Status::Partial: return "part";
    case Status::Zeroed: return "bad";
    case Status::Missing: return "miss";
    case Status::Zero: return "bad";
    case Status::Task: return "ok";
  }
  return "";
}

std::string status_label(Status s, const Tr& t) {
  switch (s) {
    case Status::Full: return t("满分", "Full");
    case Status::Partial: return t("部分得分", "Partial");
    case Status::Zeroed: return t("被扣为0分", "Zeroed");
    case Status::Missing: return t("无材料", "No evidence");
    case Status::Zero: return t("未得分", "No points");
    case Status::Task: return t("已有材料", "Evidence found");
  }
  return "";
}

std::string presence_text(Presence p, ReportLang lang) {
  if (lang == ReportLang::Zh) {
    switch (p) {
      case Presence::Present: return "有";
      case Presence::Absent: return "无";
      case Presence::CannotVerify: return "无法核实";
      case Presence::NotChecked: return "未检查";
    }
  }
  return to_string(p);
}

const char* presence_class(Presence p) {
  switch (p) {
    case Presence::Present: return "ok";
    case Presence::Absent: return "bad";
    case Presence::CannotVerify: return "part";
    case Presence::NotChecked: return "none";
  }
  return "none";
}

std::string kind_text(ContentKind k, ReportLang lang) {
  return lang == ReportLang::Zh ? kind_label_zh(k) : to_string(k);
}

std::string source_text(DateSource s, ReportLang lang) {
  return lang == ReportLang::Zh ? source_label_zh(s) : to_string(s);
}

std::string timestamp_text(const Timestamp& t) { return t.has_time() ? t.iso() : t.date.iso(); }

}  // namespace evpack::html
