// The routes of `evpack serve`: sessions, CSRF, isolation between counties, uploads
// streamed to disk, jobs, downloads and the retention sweep. This file: the helpers every route uses, accounts, the retention sweep; open_serve_app.
#include "server_app.hpp"

namespace evpack::serve_detail {

void App::shutdown() {
  {
    const std::lock_guard lock(sweep_mutex_);
    if (stopped_) return;
    stopped_ = true;
  }
  sweep_wake_.notify_all();
  if (sweeper_.joinable()) sweeper_.join();
  runner_.stop();
}

void App::html(HttpResponse& res, const std::string& body, int status) const {
  res.status = status;
  res.body = body;
  res.content_type = "text/html; charset=utf-8";
  secure_headers(res);
  res.set_header("Content-Security-Policy", kPageCsp);
  res.set_header("X-Frame-Options", "DENY");
}

std::optional<Session> App::session_of(const HttpRequest& req) {
  const std::string token = req.cookie(kSessionCookie);
  if (token.empty()) return std::nullopt;
  return store_->find_session(token);
}

std::string App::cookie(const std::string& name, const std::string& value, std::int64_t max_age) const {
  return name + "=" + value + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + std::to_string(max_age) +
         (http_->tls() ? "; Secure" : "");
}

/// The job `id` when `user` may see it; nullopt (answered 404) otherwise.
std::optional<Job> App::visible_job(const User& user, const std::string& id) {
  auto job = store_->find_job(id);
  if (!job || !can_see(user, *job)) return std::nullopt;
  return job;
}

void App::not_found(HttpResponse& res, const Session* s) const {
  html(res, message_page("找不到", "没有这个任务，或您没有查看它的权限。", s), 404);
}

std::vector<RuleChoice> App::rule_choices() const {
  std::vector<RuleChoice> out;
  for (const auto& r : list_rule_sets(options_.rules_dir)) out.push_back({r.id, r.title});
  return out;
}

/// Counties `user` may file a job for.
std::vector<std::string> App::counties_for(const User& user) {
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

Expected<bool> App::add_user_to(Store& store, const std::string& name, const std::string& role,
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

void App::remove_job(const std::string& id) {
  store_->delete_job(id);
  std::error_code ec;
  fs::remove_all(job_dir(options_.data_dir, id), ec);
}

/// Deletes jobs older than the retention setting, at start and every ten minutes.
void App::sweep() {
  std::unique_lock lock(sweep_mutex_);
  while (!stopped_) {
    lock.unlock();
    const int days = retention_days();
    if (days > 0) {
      for (const auto& id : store_->expired_jobs(now_seconds(), std::int64_t{days} * 86400)) remove_job(id);
    }
    lock.lock();
    // A stop or a new retention period that came while the sweep ran is not
    // waited out: both are flags, not only a notification (a notification sent
    // before this wait began would be lost, and the stop would hang ten minutes).
    sweep_wake_.wait_for(lock, std::chrono::minutes(10), [this] { return stopped_ || sweep_again_; });
    sweep_again_ = false;
  }
}

std::string error_page(int status) {
  if (status == 413) {
    return message_page("文件太大", "上传的内容超过服务器允许的大小，未保存。", nullptr);
  }
  if (status == 404) return message_page("找不到", "没有这个页面。", nullptr);
  return message_page("出错了", "服务器无法处理这个请求（错误 " + std::to_string(status) + "）。", nullptr);
}

}  // namespace evpack::serve_detail

namespace evpack {

using serve_detail::App;
using serve_detail::error_page;
namespace fs = std::filesystem;

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
