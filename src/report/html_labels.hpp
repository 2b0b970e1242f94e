// Labels and small formatting of the HTML report (status, severity, presence, date source,
// anchors), Chinese or English. Internal to src/report/.
#pragma once

#include <string>

#include "evpack/core/types.hpp"
#include "evpack/evaluate/evaluation.hpp"
#include "evpack/report/report_model.hpp"

namespace evpack::html {

/// Picks the Chinese or the English text.
struct Tr {
  ReportLang lang;
  std::string operator()(const char* zh, const char* en) const { return lang == ReportLang::En ? en : zh; }
};

enum class Status { Full, Partial, Zeroed, Missing, Zero, Task };

std::string percent(double part, double whole);
std::string file_name_of(const std::string& path);
std::string folder_of(const std::string& path);
std::string anchor(const std::string& id);
std::string category_label(const std::string& id, const std::string& title, ReportLang lang);
Status status_of(const IndicatorResult& r, bool scored);
const char* status_class(Status s);
std::string status_label(Status s, const Tr& t);
std::string presence_text(Presence p, ReportLang lang);
const char* presence_class(Presence p);
std::string kind_text(ContentKind k, ReportLang lang);
std::string source_text(DateSource s, ReportLang lang);
std::string timestamp_text(const Timestamp& t);

}  // namespace evpack::html
