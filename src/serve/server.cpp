// The routes of `evpack serve`: sessions, CSRF, isolation between counties, uploads
// streamed to disk, jobs, downloads and the retention sweep.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <filesystem>
#include <fstream>
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
#include "evpack/util/text.hpp"
#include "evpack/util/system_error.hpp"

namespace evpack {

namespace fs = std::filesystem;

namespace {

constexpr const char* kSessionCookie = "evpack_session";
constexpr const char* kLoginCookie = "evpack_login";
constexpr std::int64_t kSessionSeconds = 12 * 3600;
constexpr const char* kJobId = "([0-9a-f]{32})";
constexpr const char* kPageCsp =
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-src 'self'; "
    "frame-ancestors 'none'; form-action 'self'; base-uri 'none'";
// The stored report runs in a sandbox (its own origin): it cannot read the session or post forms.
constexpr const char* kReportCsp =
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

std::pair<std::string, int> split_listen(const std::string& listen) {
  const auto colon = listen.rfind(':');
  if (colon == std::string::npos) return {listen, 8080};
  std::string host = listen.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  return {host, std::atoi(listen.substr(colon + 1).c_str())};
}

// The last component of a browser's file name (old browsers send a whole Windows path), as
// UTF-8, without control characters: shown on pages and in download names only.
std::string display_name(const std::string& given) {
  const auto slash = given.find_last_of("/\\");
  std::string name = to_utf8_lossy(slash == std::string::npos ? given : given.substr(slash + 1));
  name.erase(std::remove_if(name.begin(), name.end(), [](unsigned char c) { return c < 0x20 || c == 0x7f; }), name.end());
  if (name.empty()) name = "材料.zip";
  return name;
}

bool valid_account_name(const std::string& name) {
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
  void shutdown() {
    {
      const std::lock_guard lock(sweep_mutex_);
      if (stopped_) return;
      stopped_ = true;
    }
    sweep_wake_.notify_all();
    if (sweeper_.joinable()) sweeper_.join();
    runner_.stop();
  }

  // ---- helpers -------------------------------------------------------------

  static void secure_headers(HttpResponse& res) {
    res.set_header("X-Content-Type-Options", "nosniff");
    res.set_header("Referrer-Policy", "no-referrer");
    res.set_header("Cache-Control", "no-store");
  }

  void html(HttpResponse& res, const std::string& body, int status = 200) const {
    res.status = status;
    res.body = body;
    res.content_type = "text/html; charset=utf-8";
    secure_headers(res);
    res.set_header("Content-Security-Policy", kPageCsp);
    res.set_header("X-Frame-Options", "DENY");
  }

  std::optional<Session> session_of(const HttpRequest& req) {
    const std::string token = req.cookie(kSessionCookie);
    if (token.empty()) return std::nullopt;
    return store_->find_session(token);
  }

  std::string cookie(const std::string& name, const std::string& value, std::int64_t max_age) const {
    return name + "=" + value + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + std::to_string(max_age) +
           (http_->tls() ? "; Secure" : "");
  }

  static bool csrf_ok(const Session& s, const std::string& given) {
    return !given.empty() && equal_in_constant_time(s.csrf, given);
  }

  /// The job `id` when `user` may see it; nullopt (answered 404) otherwise.
  std::optional<Job> visible_job(const User& user, const std::string& id) {
    auto job = store_->find_job(id);
    if (!job || !can_see(user, *job)) return std::nullopt;
    return job;
  }

  void not_found(HttpResponse& res, const Session* s) const {
    html(res, message_page("找不到", "没有这个任务，或您没有查看它的权限。", s), 404);
  }

  std::vector<RuleChoice> rule_choices() const {
    std::vector<RuleChoice> out;
    for (const auto& r : list_rule_sets(options_.rules_dir)) out.push_back({r.id, r.title});
    return out;
  }

  /// Counties `user` may file a job for.
  std::vector<std::string> counties_for(const User& user) {
    if (user.role == kRoleCounty) return {user.name};
    if (user.role == kRoleReviewer) {
      auto out = user.counties;
      out.push_back(user.name);  // a package it received and verifies itself
      return out;
    }
    std::vector<std::string> out;
    for (const auto& u : store_->users()) {
      if (u.role == kRoleCounty) out.push_back(u.name);
    }
    if (out.empty()) out.push_back(user.name);
    return out;
  }

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

  void routes() {
    http_->get("/style.css", [](const HttpRequest&, HttpResponse& res) {
      res.content_type = "text/css; charset=utf-8";
      res.body = style_sheet();
    });
    http_->get("/app.js", [](const HttpRequest&, HttpResponse& res) {
      res.content_type = "text/javascript; charset=utf-8";
      res.body = page_script();
    });
    http_->get("/login", [this](const HttpRequest& req, HttpResponse& res) { login_form(req, res, ""); });
    http_->post("/login", [this](const HttpRequest& req, HttpResponse& res) { login(req, res); });
    http_->post("/logout", form([this](const HttpRequest& req, HttpResponse& res, const Session&) {
      store_->delete_session(req.cookie(kSessionCookie));
      res.redirect("/login");
      res.set_header("Set-Cookie", cookie(kSessionCookie, "", 0));
    }));
    http_->get("/", signed_in([this](const HttpRequest&, HttpResponse& res, const Session& s) {
      html(res, home_page(s, rule_choices(), store_->visible_jobs(s.user), counties_for(s.user), options_.max_upload_bytes));
    }));
    http_->post_upload("/upload", [this](const HttpRequest& req, HttpResponse& res, const UploadReader& reader) {
      upload(req, res, reader, "check");
    });
    http_->post_upload("/verify", [this](const HttpRequest& req, HttpResponse& res, const UploadReader& reader) {
      upload(req, res, reader, "verify");
    });
    const std::string job = std::string("/jobs/") + kJobId;
    http_->get(job, signed_in([this](const HttpRequest& req, HttpResponse& res, const Session& s) { job_view(req, res, s); }));
    http_->get(job + "/status.json", signed_in([this](const HttpRequest& req, HttpResponse& res, const Session& s) {
      status(req, res, s);
    }));
    http_->get(job + "/(report\\.html|report\\.json|findings\\.xlsx|package\\.zip|verify\\.txt)",
               signed_in([this](const HttpRequest& req, HttpResponse& res, const Session& s) { download(req, res, s); }));
    http_->post(job + "/cancel", form([this](const HttpRequest& req, HttpResponse& res, const Session& s) {
      auto j = visible_job(s.user, req.matches.at(1));
      if (!j) return not_found(res, &s);
      runner_.cancel(j->id);
      res.redirect("/jobs/" + j->id);
    }));
    http_->post(job + "/rerun", form([this](const HttpRequest& req, HttpResponse& res, const Session& s) {
      auto j = visible_job(s.user, req.matches.at(1));
      if (!j) return not_found(res, &s);
      if (j->state == kJobInterrupted || j->state == kJobFailed || j->state == kJobCancelled) {
        j->state = kJobQueued;
        j->message.clear();
        j->files_done = j->files_total = 0;
        if (auto queued = store_->update_job(*j); !queued) {
          return html(res, message_page("无法重新运行", "任务状态无法保存：" + queued.error().message, &s), 500);
        }
        runner_.enqueue(j->id);
      }
      res.redirect("/jobs/" + j->id);
    }));
    http_->post(job + "/pack", form([this](const HttpRequest& req, HttpResponse& res, const Session& s) {
      auto j = visible_job(s.user, req.matches.at(1));
      if (!j) return not_found(res, &s);
      if (j->kind != "check" || j->state != kJobDone) {
        return html(res, message_page("无法打包", "只有已完成的检查可以生成材料包。", &s), 409);
      }
      Job p = *j;
      p.id = random_hex(16);
      p.kind = "pack";
      p.parent = j->id;
      p.owner = s.user.name;
      p.state = kJobQueued;
      p.message.clear();
      p.created = now_seconds();
      p.started = p.finished = 0;
      std::error_code ec;
      fs::create_directories(job_dir(options_.data_dir, p.id), ec);
      auto inserted = store_->insert_job(p);
      if (ec || !inserted) return html(res, message_page("无法打包", "无法保存任务（磁盘已满？）", &s), 507);
      runner_.enqueue(p.id);
      res.redirect("/jobs/" + p.id);
    }));
    http_->post(job + "/delete", form([this](const HttpRequest& req, HttpResponse& res, const Session& s) {
      auto j = visible_job(s.user, req.matches.at(1));
      if (!j) return not_found(res, &s);
      if (s.user.role != kRoleAdmin && j->owner != s.user.name) {
        return html(res, message_page("无法删除", "只有提交者或管理员可以删除任务。", &s), 403);
      }
      if (j->state == kJobQueued || j->state == kJobRunning) {
        return html(res, message_page("无法删除", "任务正在运行，请先取消。", &s), 409);
      }
      remove_job(j->id);
      res.redirect("/");
    }));
    http_->get(job + "/preview/([0-9]{1,7})", signed_in([this](const HttpRequest& req, HttpResponse& res, const Session& s) {
      auto j = visible_job(s.user, req.matches.at(1));
      if (!j) return not_found(res, &s);
      const fs::path file = fs::path(job_dir(options_.data_dir, j->id)) / "previews" / (req.matches.at(2) + ".jpg");
      std::error_code ec;
      if (!fs::is_regular_file(file, ec)) return not_found(res, &s);
      secure_headers(res);
      res.content_type = "image/jpeg";
      res.file = file.string();
    }));
    http_->get("/cross", signed_in([this](const HttpRequest&, HttpResponse& res, const Session& s) {
      if (s.user.role == kRoleCounty) return not_found(res, &s);
      // The latest finished check of each county the account sees.
      std::map<std::string, Job> latest;
      for (const auto& j : store_->visible_jobs(s.user)) {
        if (j.kind == "check" && j.state == kJobDone && !latest.count(j.county)) latest.emplace(j.county, j);
      }
      std::vector<std::string> ids;
      std::vector<Job> jobs;
      for (const auto& [county, j] : latest) {
        ids.push_back(j.id);
        jobs.push_back(j);
      }
      const auto matches = cross_matches(store_->index_of(ids));
      html(res, cross_page(s, jobs, matches, [this](const std::string& id, int evidence) {
        std::error_code ec;
        return fs::is_regular_file(fs::path(job_dir(options_.data_dir, id)) / "previews" / (std::to_string(evidence) + ".jpg"), ec);
      }));
    }));
    http_->get("/compare", signed_in([this](const HttpRequest& req, HttpResponse& res, const Session& s) { compare(req, res, s); }));
    http_->get("/admin", signed_in([this](const HttpRequest&, HttpResponse& res, const Session& s) {
      if (s.user.role != kRoleAdmin) return not_found(res, &s);
      html(res, admin_page(s, store_->users(), retention_days(), ""));
    }));
    http_->post("/admin/users", form([this](const HttpRequest& req, HttpResponse& res, const Session& s) {
      if (s.user.role != kRoleAdmin) return not_found(res, &s);
      std::vector<std::string> counties;
      std::string list = req.param("counties");
      for (std::string::size_type at; (at = list.find("，")) != std::string::npos;) list.replace(at, std::string("，").size(), ",");
      for (std::string::size_type pos = 0; pos <= list.size();) {
        auto end = list.find(',', pos);
        std::string item = list.substr(pos, end == std::string::npos ? std::string::npos : end - pos);
        while (!item.empty() && item.front() == ' ') item.erase(0, 1);
        while (!item.empty() && item.back() == ' ') item.pop_back();
        if (!item.empty()) counties.push_back(item);
        if (end == std::string::npos) break;
        pos = end + 1;
      }
      const std::string password = req.param("password");
      std::string message;
      if (password.size() < 8) {
        message = "密码至少8位";
      } else {
        auto added = add_user_to(*store_, req.param("name"), req.param("role"), password, counties);
        message = added ? "已保存账号 " + req.param("name") : added.error().message;
      }
      html(res, admin_page(s, store_->users(), retention_days(), message));
    }));
    http_->post("/admin/retention", form([this](const HttpRequest& req, HttpResponse& res, const Session& s) {
      if (s.user.role != kRoleAdmin) return not_found(res, &s);
      const int days = std::atoi(req.param("days").c_str());
      std::string message = "保留期限已设为 " + std::to_string(std::max(0, days)) + " 天";
      if (!store_->put_setting("retention_days", std::to_string(std::max(0, days)))) message = "保存失败";
      sweep_wake_.notify_all();
      html(res, admin_page(s, store_->users(), retention_days(), message));
    }));
  }

 public:
  static Expected<bool> add_user_to(Store& store, const std::string& name, const std::string& role,
                                    const std::string& password, const std::vector<std::string>& counties) {
    if (!valid_account_name(name)) return Error{"USER_INVALID", "账号名称无效（1-64个字符，不含逗号和控制字符）"};
    if (role != kRoleAdmin && role != kRoleCounty && role != kRoleReviewer) {
      return Error{"USER_INVALID", "角色只能是 admin、county 或 reviewer"};
    }
    if (password.empty()) return Error{"USER_INVALID", "密码不能为空"};
    const auto hash = hash_password(password);
    if (!hash) return Error{"USER_INVALID", "无法计算密码散列（内存不足）"};
    return store.put_user(name, role, *hash, role == kRoleReviewer ? counties : std::vector<std::string>{});
  }

 private:
  int retention_days() { return std::atoi(store_->setting("retention_days", "0").c_str()); }

  void login_form(const HttpRequest& req, HttpResponse& res, const std::string& message, int status = 200) {
    // Double-submit token for the sign-in form (there is no session yet to hold one).
    std::string token = req.cookie(kLoginCookie);
    if (token.size() != 32) token = random_hex(16);
    html(res, login_page(token, message), status);
    res.set_header("Set-Cookie", cookie(kLoginCookie, token, 3600));
  }

  void login(const HttpRequest& req, HttpResponse& res) {
    const std::string given = req.param("csrf");
    if (given.empty() || !equal_in_constant_time(given, req.cookie(kLoginCookie))) {
      return login_form(req, res, "页面已过期，请重新登录。", 403);
    }
    const std::string name = req.param("user");
    const std::string by_user = "u:" + name;
    const std::string by_addr = "a:" + req.remote_addr;
    const auto wait = std::max(limiter_.wait_seconds(by_user), address_limiter_.wait_seconds(by_addr));
    if (wait > 0) {
      login_form(req, res, "登录失败次数过多，请 " + std::to_string((wait + 59) / 60) + " 分钟后再试。", 429);
      res.set_header("Retry-After", std::to_string(wait));
      return;
    }
    bool ok = false;
    {
      // Argon2id takes 64 MB per hash: one at a time bounds the memory under a flood.
      const std::lock_guard lock(hash_mutex_);
      auto user = store_->find_user(name);
      ok = user && check_password(user->second, req.param("password"));
    }
    if (!ok) {
      limiter_.fail(by_user);
      address_limiter_.fail(by_addr);
      return login_form(req, res, "账号或密码错误。", 401);
    }
    limiter_.succeed(by_user);
    auto token = store_->create_session(name, kSessionSeconds);
    if (!token) return login_form(req, res, token.error().message, 500);
    res.redirect("/");
    secure_headers(res);
    res.set_header("Set-Cookie", cookie(kSessionCookie, *token, kSessionSeconds));
  }

  /// Streams a multipart upload to files/<new id>/upload.zip. The form's fields come before
  /// the file (the page puts them first); the CSRF token must be checked before a byte of
  /// the file is written.
  void upload(const HttpRequest& req, HttpResponse& res, const UploadReader& reader, const std::string& kind) {
    // A rejected body is still read (and dropped) when it is not much larger than the limit,
    // so the browser receives the Chinese answer instead of a reset connection; a body far
    // beyond it is answered at once and the connection closed.
    const std::uint64_t declared = std::strtoull(req.header("content-length").c_str(), nullptr, 10);
    const auto drain = [&](std::uint64_t cap) {
      if (declared > cap) {
        res.close_connection = true;
        return;
      }
      std::uint64_t seen = 0;
      const bool all = reader([](const UploadPart&) { return true; },
                              [&](const char*, std::size_t n) { return (seen += n) <= cap; });
      if (!all) res.close_connection = true;
    };
    auto s = session_of(req);
    if (!s) {
      drain(1 << 20);
      res.redirect("/login");
      return;
    }
    const std::uint64_t drain_cap = options_.max_upload_bytes + (64ull << 20);
    if (declared > options_.max_upload_bytes + 64 * 1024) {
      drain(drain_cap);
      return too_large(res, *s);
    }
    // Uploads per account at the same time.
    {
      const std::lock_guard lock(upload_mutex_);
      if (uploads_[s->user.name] >= options_.uploads_per_account) {
        drain(drain_cap);
        return html(res, message_page("请稍候", "您已有上传正在进行，请等它完成后再上传。", &*s), 429);
      }
      ++uploads_[s->user.name];
    }
    struct Release {
      App* app;
      std::string name;
      ~Release() {
        const std::lock_guard lock(app->upload_mutex_);
        --app->uploads_[name];
      }
    } release{this, s->user.name};

    Job job;
    job.id = random_hex(16);
    job.kind = kind;
    job.owner = s->user.name;
    const std::string dir = job_dir(options_.data_dir, job.id);
    const fs::path part = fs::path(dir) / "upload.zip.part";
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) return html(res, message_page("上传失败", "服务器无法保存文件（磁盘已满或无写入权限）。", &*s), 507);

    std::map<std::string, std::string> fields;
    std::string current;
    bool in_file = false, discard = false, csrf_bad = false, too_big = false, write_failed = false, got_file = false;
    std::uint64_t bytes = 0, seen = 0;
    std::ofstream out;
    const bool read_ok = reader(
        [&](const UploadPart& p) {
          current = p.name;
          in_file = !p.filename.empty();
          if (discard || !in_file) return true;
          if (current != "archive" || got_file) {
            discard = true;  // only one file, in the field "archive"
            return true;
          }
          if (!csrf_ok(*s, fields["csrf"])) {
            csrf_bad = discard = true;
            return true;
          }
          got_file = true;
          job.upload_name = display_name(p.filename);  // shown only, never a path
          if (job.upload_name.size() > 255) job.upload_name.resize(255);
          out.open(part, std::ios::binary | std::ios::trunc);
          if (!out.is_open()) write_failed = discard = true;
          return true;
        },
        [&](const char* data, std::size_t n) {
          if ((seen += n) > drain_cap) return false;
          if (discard) return true;
          if (!in_file) {
            auto& v = fields[current];
            if (fields.size() > 16 || v.size() + n > 1024) discard = true;
            else v.append(data, n);
            return true;
          }
          bytes += n;
          if (bytes > options_.max_upload_bytes) {
            too_big = discard = true;
            out.close();
            return true;
          }
          out.write(data, static_cast<std::streamsize>(n));
          if (!out) write_failed = discard = true;
          return true;
        });
    if (out.is_open()) {
      out.flush();
      if (!out) write_failed = true;
      out.close();
    }
    const auto fail = [&](int status, const std::string& title, const std::string& message) {
      fs::remove_all(dir, ec);  // no half file left behind
      res.close_connection = !read_ok;
      html(res, message_page(title, message, &*s), status);
    };
    if (csrf_bad || (!got_file && !csrf_ok(*s, fields["csrf"]))) {
      return fail(403, "请求无效", "表单已过期或来源不明，请返回页面刷新后重试。");
    }
    if (too_big) {
      fs::remove_all(dir, ec);
      res.close_connection = true;
      return too_large(res, *s);
    }
    if (write_failed) return fail(507, "上传失败", "服务器磁盘空间不足，文件未保存。请联系管理员清理后重试。");
    if (!read_ok || !got_file) return fail(400, "上传失败", "上传未完成（连接中断或表单不完整），请重试。");
    if (bytes == 0) return fail(400, "上传失败", "上传的文件是空的。");
    if (!looks_like_zip_file(part.string())) {
      return fail(400, "上传失败", "只能上传 zip 压缩包（可用 Windows“发送到→压缩(zipped)文件夹”或 7-Zip 生成）。");
    }

    // Rule set by id from the listing; year and date parsed; county one the user may file for.
    job.rules = fields["rules"].empty() ? "shandong-2025" : fields["rules"];
    const auto rules = rule_choices();
    if (std::none_of(rules.begin(), rules.end(), [&](const RuleChoice& r) { return r.id == job.rules; })) {
      return fail(400, "上传失败", "没有这个规则。");
    }
    if (!fields["year"].empty()) {
      job.year = std::atoi(fields["year"].c_str());
      if (job.year < 2000 || job.year > 2100) return fail(400, "上传失败", "试点年度应为 2000-2100 之间的年份。");
    }
    job.as_of = fields["as_of"];
    if (job.as_of.empty()) {
      const auto t = now_seconds() + 8 * 3600;
      job.as_of = format_time(t - 8 * 3600).substr(0, 10);
    } else if (!date_from_name(job.as_of)) {
      return fail(400, "上传失败", "检查日期格式不正确（应为 2025-12-31）。");
    }
    const auto allowed = counties_for(s->user);
    job.county = s->user.role == kRoleCounty ? s->user.name : fields["county"];
    if (std::find(allowed.begin(), allowed.end(), job.county) == allowed.end()) {
      if (s->user.role == kRoleAdmin && job.county.empty()) job.county = allowed.front();
      else return fail(403, "上传失败", "您不能为这个县提交材料。");
    }
    fs::rename(part, fs::path(dir) / "upload.zip", ec);
    if (ec) return fail(507, "上传失败", "服务器无法保存文件。");
    job.state = kJobQueued;
    job.created = now_seconds();
    auto inserted = store_->insert_job(job);
    if (!inserted) return fail(507, "上传失败", inserted.error().message);
    runner_.enqueue(job.id);
    res.redirect("/jobs/" + job.id);
    secure_headers(res);
  }

  void too_large(HttpResponse& res, const Session& s) const {
    const std::string limit = size_text(options_.max_upload_bytes, 0);
    html(res, message_page("文件太大", std::string("上传的文件超过大小上限（") + limit + "），未保存。请分卷或删去无关文件后再上传。", &s),
         413);
  }

  void job_view(const HttpRequest& req, HttpResponse& res, const Session& s) {
    auto j = visible_job(s.user, req.matches.at(1));
    if (!j) return not_found(res, &s);
    std::vector<Job> packs;
    if (j->kind == "check") {
      for (const auto& other : store_->visible_jobs(s.user)) {
        if (other.kind == "pack" && other.parent == j->id) packs.push_back(other);
      }
    }
    std::string verify_text;
    if (j->kind == "verify" && j->state == kJobDone) {
      std::ifstream in(fs::path(job_dir(options_.data_dir, j->id)) / "verify.txt", std::ios::binary);
      verify_text.assign(std::istreambuf_iterator<char>(in), {});
    }
    html(res, job_page(s, *j, packs, s.user.role == kRoleAdmin || j->owner == s.user.name, verify_text));
  }

  void status(const HttpRequest& req, HttpResponse& res, const Session& s) {
    auto j = visible_job(s.user, req.matches.at(1));
    if (!j) return not_found(res, &s);
    std::int64_t done = j->files_done, total = j->files_total;
    std::string text = state_label(j->state);
    if (auto p = runner_.progress(j->id)) {
      done = p->done;
      total = p->total;
      const double secs = static_cast<double>(
          std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch()).count() -
          p->started_ms) / 1000.0;
      const double rate = secs > 0 ? static_cast<double>(done) / secs : 0;
      char buf[160];
      if (total > 0 && rate > 0) {
        std::snprintf(buf, sizeof buf, "%s：%lld / %lld 个文件，每秒 %.1f 个，预计还需 %.0f 秒", p->phase.c_str(),
                      static_cast<long long>(done), static_cast<long long>(total), rate,
                      static_cast<double>(total - done) / rate);
      } else {
        std::snprintf(buf, sizeof buf, "%s…", p->phase.c_str());
      }
      text = buf;
    }
    char score[32];
    std::snprintf(score, sizeof score, "%.1f", j->score);
    res.content_type = "application/json; charset=utf-8";
    secure_headers(res);
    // Every value is ours (state names, numbers) or escaped below.
    std::string escaped;
    for (const char c : text) {
      if (c == '"' || c == '\\') escaped += '\\';
      escaped += c;
    }
    res.body = "{\"state\":\"" + j->state + "\",\"state_label\":\"" + state_label(j->state) + "\",\"done\":" +
               std::to_string(done) + ",\"total\":" + std::to_string(total) + ",\"score\":" + score +
               ",\"findings\":" + std::to_string(j->findings) + ",\"text\":\"" + escaped + "\"}";
  }

  void download(const HttpRequest& req, HttpResponse& res, const Session& s) {
    auto j = visible_job(s.user, req.matches.at(1));
    if (!j || j->state != kJobDone) return not_found(res, &s);
    const std::string what = req.matches.at(2);
    const fs::path file = fs::path(job_dir(options_.data_dir, j->id)) / what;  // `what` is one of five fixed names
    std::error_code ec;
    if (!fs::is_regular_file(file, ec)) return not_found(res, &s);
    secure_headers(res);
    res.file = file.string();
    const std::string stem = j->upload_name.substr(0, j->upload_name.rfind('.'));
    if (what == "report.html") {
      res.content_type = "text/html; charset=utf-8";
      res.set_header("Content-Security-Policy", kReportCsp);
      res.set_header("Content-Disposition", "inline");
      return;
    }
    std::string name;
    if (what == "report.json") {
      res.content_type = "application/json";
      name = j->county + "-检查结果.json";
    } else if (what == "findings.xlsx") {
      res.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
      name = j->county + "-问题清单.xlsx";
    } else if (what == "package.zip") {
      res.content_type = "application/zip";
      name = j->county + "验收材料.zip";
    } else {
      res.content_type = "text/plain; charset=utf-8";
      name = stem + "-校验结果.txt";
    }
    res.set_header("Content-Disposition", attachment_disposition(name));
  }

  void compare(const HttpRequest& req, HttpResponse& res, const Session& s) {
    std::vector<std::string> ids;
    for (auto [it, end] = req.params.equal_range("run"); it != end; ++it) ids.push_back(it->second);
    if (ids.size() != 2) return html(res, message_page("无法对比", "请在历史记录中勾选同一个县的两次已完成的检查。", &s), 400);
    auto a = visible_job(s.user, ids[0]);
    auto b = visible_job(s.user, ids[1]);
    if (!a || !b) return not_found(res, &s);
    if (a->kind != "check" || b->kind != "check" || a->state != kJobDone || b->state != kJobDone) {
      return html(res, message_page("无法对比", "只能对比两次已完成的检查。", &s), 400);
    }
    if (a->created > b->created || (a->created == b->created && a->id > b->id)) std::swap(a, b);
    const auto fa = store_->findings(a->id);
    const auto fb = store_->findings(b->id);
    std::set<std::string> ka, kb;
    for (const auto& f : fa) ka.insert(f.key);
    for (const auto& f : fb) kb.insert(f.key);
    std::vector<StoredFinding> fixed, added;
    std::size_t kept = 0;
    for (const auto& f : fa) {
      if (!kb.count(f.key)) fixed.push_back(f);
    }
    for (const auto& f : fb) {
      if (!ka.count(f.key)) added.push_back(f);
      else ++kept;
    }
    html(res, compare_page(s, *a, *b, fixed, added, kept));
  }

  void remove_job(const std::string& id) {
    store_->delete_job(id);
    std::error_code ec;
    fs::remove_all(job_dir(options_.data_dir, id), ec);
  }

  /// Deletes jobs older than the retention setting, at start and every ten minutes.
  void sweep() {
    std::unique_lock lock(sweep_mutex_);
    while (!stopped_) {
      lock.unlock();
      const int days = retention_days();
      if (days > 0) {
        for (const auto& id : store_->expired_jobs(now_seconds(), std::int64_t{days} * 86400)) remove_job(id);
      }
      lock.lock();
      sweep_wake_.wait_for(lock, std::chrono::minutes(10));
    }
  }

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
  std::thread sweeper_;
};

std::string error_page(int status) {
  if (status == 413) {
    return message_page("文件太大", "上传的内容超过服务器允许的大小，未保存。", nullptr);
  }
  if (status == 404) return message_page("找不到", "没有这个页面。", nullptr);
  return message_page("出错了", "服务器无法处理这个请求（错误 " + std::to_string(status) + "）。", nullptr);
}

}  // namespace

Expected<std::unique_ptr<ServeApp>> open_serve_app(const ServeOptions& options) {
  std::error_code ec;
  fs::create_directories(fs::path(options.data_dir) / "files", ec);
  if (ec) return Error{"SERVE_DATA_DIR", "无法建立数据目录 " + options.data_dir + "：" + system_error_zh(ec)};
  auto store = Store::open(options.data_dir);
  if (!store) return store.error();
  if (options.retention_days >= 0) {
    if (auto kept = store.value()->put_setting("retention_days", std::to_string(options.retention_days)); !kept) {
      return kept.error();
    }
  }
  HttpServerOptions http;
  http.tls_cert = options.tls_cert;
  http.tls_key = options.tls_key;
  http.max_upload_bytes = options.max_upload_bytes;
  http.error_page = error_page;
  auto server = create_http_server(http);
  if (!server) return server.error();
  return std::unique_ptr<ServeApp>(std::make_unique<App>(options, std::move(store.value()), std::move(server.value())));
}

Expected<bool> add_user(const std::string& data_dir, const std::string& name, const std::string& role,
                        const std::string& password, const std::vector<std::string>& counties) {
  std::error_code ec;
  fs::create_directories(fs::path(data_dir) / "files", ec);
  if (ec) return Error{"SERVE_DATA_DIR", "无法建立数据目录 " + data_dir + "：" + system_error_zh(ec)};
  auto store = Store::open(data_dir);
  if (!store) return store.error();
  return App::add_user_to(*store.value(), name, role, password, counties);
}

}  // namespace evpack
