// evpack serve: the table of routes.
#include "server_app.hpp"

namespace evpack::serve_detail {

void App::routes() {
  page_routes();
  job_routes();
  overview_routes();
  admin_routes();
}

// The style sheet and script, signing in and out, the home page, uploads.
void App::page_routes() {
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
               html(res, home_page(s, rule_choices(), store_->visible_jobs(s.user), counties_for(s.user),
                                   options_.max_upload_bytes));
             }));
  http_->post_upload("/upload", [this](const HttpRequest& req, HttpResponse& res, const UploadReader& reader) {
    upload(req, res, reader, "check");
  });
  http_->post_upload("/verify", [this](const HttpRequest& req, HttpResponse& res, const UploadReader& reader) {
    upload(req, res, reader, "verify");
  });
}

// One job: its page, progress, files, cancelling, re-running, packing, deleting, previews.
void App::job_routes() {
  const std::string job = std::string("/jobs/") + kJobId;
  http_->get(job,
             signed_in([this](const HttpRequest& req, HttpResponse& res, const Session& s) { job_view(req, res, s); }));
  http_->get(job + "/status.json",
             signed_in([this](const HttpRequest& req, HttpResponse& res, const Session& s) { status(req, res, s); }));
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
                    return html(res, message_page("无法重新运行", "任务状态无法保存：" + queued.error().message, &s),
                                500);
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
  http_->get(
      job + "/preview/([0-9]{1,7})", signed_in([this](const HttpRequest& req, HttpResponse& res, const Session& s) {
        auto j = visible_job(s.user, req.matches.at(1));
        if (!j) return not_found(res, &s);
        const fs::path file = fs::path(job_dir(options_.data_dir, j->id)) / "previews" / (req.matches.at(2) + ".jpg");
        std::error_code ec;
        if (!fs::is_regular_file(file, ec)) return not_found(res, &s);
        secure_headers(res);
        res.content_type = "image/jpeg";
        res.file = file.string();
      }));
}

// Across jobs: the cross-county index and the comparison of two checks.
void App::overview_routes() {
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
                      return fs::is_regular_file(
                          fs::path(job_dir(options_.data_dir, id)) / "previews" / (std::to_string(evidence) + ".jpg"),
                          ec);
                    }));
             }));
  http_->get("/compare",
             signed_in([this](const HttpRequest& req, HttpResponse& res, const Session& s) { compare(req, res, s); }));
}

// Accounts and the retention setting (admin only).
void App::admin_routes() {
  http_->get("/admin", signed_in([this](const HttpRequest&, HttpResponse& res, const Session& s) {
               if (s.user.role != kRoleAdmin) return not_found(res, &s);
               html(res, admin_page(s, store_->users(), retention_days(), ""));
             }));
  http_->post("/admin/users", form([this](const HttpRequest& req, HttpResponse& res, const Session& s) {
                if (s.user.role != kRoleAdmin) return not_found(res, &s);
                std::vector<std::string> counties;
                std::string list = req.param("counties");
                for (std::string::size_type at; (at = list.find("，")) != std::string::npos;)
                  list.replace(at, std::string("，").size(), ",");
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
                {
                  const std::lock_guard lock(sweep_mutex_);
                  sweep_again_ = true;
                }
                sweep_wake_.notify_all();
                html(res, admin_page(s, store_->users(), retention_days(), message));
              }));
}

}  // namespace evpack::serve_detail
