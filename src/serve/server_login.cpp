// evpack serve: signing in.
#include "server_app.hpp"

namespace evpack::serve_detail {

void App::login_form(const HttpRequest& req, HttpResponse& res, const std::string& message, int status) {
  // Double-submit token for the sign-in form (there is no session yet to hold one).
  std::string token = req.cookie(kLoginCookie);
  if (token.size() != 32) token = random_hex(16);
  html(res, login_page(token, message), status);
  res.set_header("Set-Cookie", cookie(kLoginCookie, token, 3600));
}

void App::login(const HttpRequest& req, HttpResponse& res) {
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

}  // namespace evpack::serve_detail
