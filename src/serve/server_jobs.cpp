// evpack serve: job pages: progress, downloads, comparison.
#include "server_app.hpp"

namespace evpack::serve_detail {

void App::job_view(const HttpRequest& req, HttpResponse& res, const Session& s) {
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

void App::status(const HttpRequest& req, HttpResponse& res, const Session& s) {
  auto j = visible_job(s.user, req.matches.at(1));
  if (!j) return not_found(res, &s);
  std::int64_t done = j->files_done, total = j->files_total;
  std::string text = state_label(j->state);
  if (auto p = runner_.progress(j->id)) {
    done = p->done;
    total = p->total;
    const double secs = static_cast<double>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                                std::chrono::steady_clock::now().time_since_epoch())
                                                .count() -
                                            p->started_ms) /
                        1000.0;
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
  res.body = "{\"state\":\"" + j->state + "\",\"state_label\":\"" + state_label(j->state) +
             "\",\"done\":" + std::to_string(done) + ",\"total\":" + std::to_string(total) + ",\"score\":" + score +
             ",\"findings\":" + std::to_string(j->findings) + ",\"text\":\"" + escaped + "\"}";
}

void App::download(const HttpRequest& req, HttpResponse& res, const Session& s) {
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

void App::compare(const HttpRequest& req, HttpResponse& res, const Session& s) {
  std::vector<std::string> ids;
  for (auto [it, end] = req.params.equal_range("run"); it != end; ++it) ids.push_back(it->second);
  if (ids.size() != 2)
    return html(res, message_page("无法对比", "请在历史记录中勾选同一个县的两次已完成的检查。", &s), 400);
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
    if (!ka.count(f.key))
      added.push_back(f);
    else
      ++kept;
  }
  html(res, compare_page(s, *a, *b, fixed, added, kept));
}

}  // namespace evpack::serve_detail
