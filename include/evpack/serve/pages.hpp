// The Chinese pages of `evpack serve`, rendered on the server: plain functions from values
// to HTML (every value escaped), plus the style sheet and the small polling script.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "evpack/serve/cross_index.hpp"
#include "evpack/serve/store.hpp"
#include "evpack/util/html.hpp"

namespace evpack {

/// A whole page: title, the signed-in user's bar (with a sign-out form) and `body`.
std::string page_layout(const std::string& title, const Session* session, const Html& body);

/// The sign-in form; `message` shown above it (already Chinese).
std::string login_page(const std::string& csrf, const std::string& message);

/// A page with one message and a link back.
std::string message_page(const std::string& title, const std::string& message, const Session* session);

/// Chinese label of a job state.
std::string state_label(const std::string& state);
/// Chinese label of a job kind.
std::string kind_label(const std::string& kind);
/// "2026-12-07 13:48" (UTC+8, the offices' time).
std::string format_time(std::int64_t seconds);

struct RuleChoice {
  std::string id;
  std::string title;
};

/// The dashboard: upload form, verify form, history per county with compare form.
std::string home_page(const Session& session, const std::vector<RuleChoice>& rules, const std::vector<Job>& jobs,
                      const std::vector<std::string>& counties, std::uint64_t max_upload_bytes);

/// A job's page: state, progress, actions, downloads and the embedded report.
std::string job_page(const Session& session, const Job& job, const std::vector<Job>& packs, bool can_delete,
                     const std::string& verify_text);

/// Two runs compared: findings fixed, findings new, score change.
std::string compare_page(const Session& session, const Job& a, const Job& b, const std::vector<StoredFinding>& fixed,
                         const std::vector<StoredFinding>& added, std::size_t kept);

/// Accounts and the retention setting (admin only).
std::string admin_page(const Session& session, const std::vector<User>& users, int retention_days,
                       const std::string& message);

/// The cross-archive report over the latest check of each county `session` sees; `has_preview`
/// tells whether a photo's preview exists (job, evidence index).
std::string cross_page(const Session& session, const std::vector<Job>& latest, const std::vector<CrossMatch>& matches,
                       const std::function<bool(const std::string&, int)>& has_preview);

std::string style_sheet();
std::string page_script();

}  // namespace evpack
