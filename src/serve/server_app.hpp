// evpack serve's application object (App): the routes, sessions, uploads and jobs of the
// web server. Internal to src/serve/: declared here, defined in server.cpp (helpers, the
// retention sweep, accounts), server_routes.cpp, server_login.cpp, server_upload.cpp and
// server_jobs.cpp. open_serve_app (serve.hpp) is the public entry.
#pragma once

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include "evpack/adapters/http_server.hpp"
#include "evpack/adapters/secrets.hpp"
#include "evpack/inspect/date_text.hpp"
#include "evpack/package/zip_extract.hpp"
#include "evpack/rules/rule_loader.hpp"
#include "evpack/serve/job_runner.hpp"
#include "evpack/serve/pages.hpp"
#include "evpack/serve/serve.hpp"
#include "evpack/serve/store.hpp"
#include "evpack/util/system_error.hpp"
#include "evpack/util/text.hpp"

namespace evpack::serve_detail {

namespace fs = std::filesystem;

inline constexpr const char* kSessionCookie = "evpack_session";
inline constexpr const char* kLoginCookie = "evpack_login";
inline constexpr std::int64_t kSessionSeconds = 12 * 3600;
inline constexpr const char* kJobId = "([0-9a-f]{32})";
inline constexpr const char* kPageCsp =
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-src 'self'; "
    "frame-ancestors 'none'; form-action 'self'; base-uri 'none'";
// The stored report runs in a sandbox (its own origin): it cannot read the session or post forms.
inline constexpr const char* kReportCsp =
    "sandbox allow-scripts allow-popups; default-src 'none'; img-src data:; style-src 'unsafe-inline'; "
    "script-src 'unsafe-inline'; frame-ancestors 'self'";

/// Sign-in failures per account and per address in a sliding window.
class LoginLimiter {
 public:
  LoginLimiter(int max_failures, int window_seconds) : max_(max_failures), window_(window_seconds) {}
  /// Seconds until `key` may try again (0: now).
  std::int64_t wait_seconds(const std::string& key) {
    const std::lock_guard lock(mutex_);
    auto& times = failures_[key];
    prune(times);
    if (static_cast<int>(times.size()) < max_) return 0;
    return std::max<std::int64_t>(1, times.front() + window_ - now_seconds());
  }
  void fail(const std::string& key) {
    const std::lock_guard lock(mutex_);
    failures_[key].push_back(now_seconds());
  }
  void succeed(const std::string& key) {
    const std::lock_guard lock(mutex_);
    failures_.erase(key);
  }

 private:
  void prune(std::deque<std::int64_t>& times) const {
    const auto limit = now_seconds() - window_;
    while (!times.empty() && times.front() <= limit) times.pop_front();
  }
  int max_;
  int window_;
  std::mutex mutex_;
  std::map<std::string, std::deque<std::int64_t>> failures_;
};

inline std::pair<std::string, int> split_listen(const std::string& listen) {
  const auto colon = listen.rfind(':');
  if (colon == std::string::npos) return {listen, 8080};
  std::string host = listen.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  return {host, std::atoi(listen.substr(colon + 1).c_str())};
}

// The last component of a browser's file name (old browsers send a whole Windows path), as
// UTF-8, without control characters: shown on pages and in download names only.
inline std::string display_name(const std::string& given) {
  const auto slash = given.find_last_of("/\\");
  std::string name = to_utf8_lossy(slash == std::string::npos ? given : given.substr(slash + 1));
  name.erase(std::remove_if(name.begin(), name.end(), [](unsigned char c) { return c < 0x20 || c == 0x7f; }),
             name.end());
  if (name.empty()) name = "材料.zip";
  return name;
}

inline bool valid_account_name(const std::string& name) {
  if (name.empty() || name.size() > 64) return false;
  return std::none_of(name.begin(), name.end(), [](unsigned char c) { return c < 0x20 || c == 0x7f || c == ','; });
}

class App final : public ServeApp {
 public:
  App(const ServeOptions& options, std::unique_ptr<Store> store, std::unique_ptr<HttpServer> http)
      : options_(options),
        store_(std::move(store)),
        http_(std::move(http)),
        runner_(*store_, options_),
        limiter_(options.max_failed_logins, options.lockout_seconds),
        address_limiter_(4 * options.max_failed_logins, options.lockout_seconds) {
    routes();
    for (const auto& id : store_->recover_jobs()) runner_.enqueue(id);
    runner_.start();
    sweeper_ = std::thread([this] { sweep(); });
  }

  ~App() override { shutdown(); }

  Expected<int> bind() override {
    const auto [host, port] = split_listen(options_.listen);
    return http_->bind(host, port);
  }
  void run() override { http_->run(); }
  void stop() override {
    http_->stop();
    shutdown();
  }

 private:
  void shutdown();

  // ---- helpers -------------------------------------------------------------

  static void secure_headers(HttpResponse& res) {
    res.set_header("X-Content-Type-Options", "nosniff");
    res.set_header("Referrer-Policy", "no-referrer");
    res.set_header("Cache-Control", "no-store");
  }

  void html(HttpResponse& res, const std::string& body, int status = 200) const;

  std::optional<Session> session_of(const HttpRequest& req);

  std::string cookie(const std::string& name, const std::string& value, std::int64_t max_age) const;

  static bool csrf_ok(const Session& s, const std::string& given) {
    return !given.empty() && equal_in_constant_time(s.csrf, given);
  }

  /// The job `id` when `user` may see it; nullopt (answered 404) otherwise.
  std::optional<Job> visible_job(const User& user, const std::string& id);

  void not_found(HttpResponse& res, const Session* s) const;

  std::vector<RuleChoice> rule_choices() const;

  /// Counties `user` may file a job for.
  std::vector<std::string> counties_for(const User& user);

  /// Wraps a handler that needs a signed-in user (pages redirect to the sign-in page).
  template <typename F>
  HttpHandler signed_in(F f) {
    return [this, f](const HttpRequest& req, HttpResponse& res) {
      auto s = session_of(req);
      if (!s) {
        res.redirect("/login");
        secure_headers(res);
        return;
      }
      f(req, res, *s);
    };
  }

  /// Wraps a POST handler: signed in and the form's CSRF token matches the session's.
  template <typename F>
  HttpHandler form(F f) {
    return signed_in([this, f](const HttpRequest& req, HttpResponse& res, const Session& s) {
      if (!csrf_ok(s, req.param("csrf"))) {
        html(res, message_page("请求无效", "表单已过期或来源不明，请返回页面刷新后重试。", &s), 403);
        return;
      }
      f(req, res, s);
    });
  }

  // ---- routes --------------------------------------------------------------

  void routes();
  void page_routes();
  void job_routes();
  void overview_routes();
  void admin_routes();

 public:
  static Expected<bool> add_user_to(Store& store, const std::string& name, const std::string& role,
                                    const std::string& password, const std::vector<std::string>& counties);

 private:
  int retention_days() { return std::atoi(store_->setting("retention_days", "0").c_str()); }

  void login_form(const HttpRequest& req, HttpResponse& res, const std::string& message, int status = 200);

  void login(const HttpRequest& req, HttpResponse& res);

  /// Streams a multipart upload to files/<new id>/upload.zip. The form's fields come before
  /// the file (the page puts them first); the CSRF token must be checked before a byte of
  /// the file is written.
  void upload(const HttpRequest& req, HttpResponse& res, const UploadReader& reader, const std::string& kind);

  /// A page refused with `status` (413: answered by too_large instead).
  struct Refusal {
    int status = 400;
    std::string title;
    std::string message;
  };

  /// What a multipart body gave: the form's fields and the file written to the part file.
  struct ReceivedUpload {
    std::map<std::string, std::string> fields;
    std::string file_name;  ///< the browser's file name, for display only
    std::uint64_t bytes = 0;
    bool read_ok = false;   ///< the whole body was read
    bool got_file = false;  ///< one file in the field "archive", after a valid CSRF token
    bool csrf_bad = false;
    bool too_big = false;
    bool write_failed = false;
  };

  /// Counts an upload of `account` as running; false when it has as many as allowed at a time.
  bool take_upload_slot(const std::string& account);

  /// Reads and drops a refused body of at most `cap` bytes (a larger one closes the connection).
  static void drain_body(HttpResponse& res, const UploadReader& reader, std::uint64_t declared, std::uint64_t cap);

  /// Streams the body: fields kept (16 of 1 KiB at most), the file in "archive" written to
  /// `part` up to `max_bytes` once the CSRF field before it matches `s`.
  static ReceivedUpload receive_upload(const UploadReader& reader, const Session& s, const fs::path& part,
                                       std::uint64_t max_bytes, std::uint64_t drain_cap);

  /// Why a received upload is refused (bad token, too big, not written, incomplete, empty, not a zip).
  static std::optional<Refusal> refuse_received(ReceivedUpload& got, const Session& s, const fs::path& part);

  /// Sets the job's rule set, year, date and county from the form; why not when one is not allowed.
  std::optional<Refusal> settle_upload_fields(std::map<std::string, std::string>& fields, const User& user, Job& job);

  void too_large(HttpResponse& res, const Session& s) const;

  void job_view(const HttpRequest& req, HttpResponse& res, const Session& s);

  void status(const HttpRequest& req, HttpResponse& res, const Session& s);

  void download(const HttpRequest& req, HttpResponse& res, const Session& s);

  void compare(const HttpRequest& req, HttpResponse& res, const Session& s);

  void remove_job(const std::string& id);

  /// Deletes jobs older than the retention setting, at start and every ten minutes.
  void sweep();

  ServeOptions options_;
  std::unique_ptr<Store> store_;
  std::unique_ptr<HttpServer> http_;
  JobRunner runner_;
  LoginLimiter limiter_;          // per account
  LoginLimiter address_limiter_;  // per address: higher, an office shares one address behind NAT
  std::mutex hash_mutex_;
  std::mutex upload_mutex_;
  std::map<std::string, int> uploads_;
  std::mutex sweep_mutex_;
  std::condition_variable sweep_wake_;
  bool stopped_ = false;
  bool sweep_again_ = false;  ///< the retention period changed: sweep now
  std::thread sweeper_;
};

}  // namespace evpack::serve_detail
