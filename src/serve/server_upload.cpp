// evpack serve: uploads streamed to disk.
//
// One upload goes through four steps: admitted (signed in, declared size, one upload per
// account at a time), received (the multipart body streamed to files/<id>/upload.zip.part,
// the CSRF token checked before a byte of the file is written), its form fields settled
// into the job, and the job queued.
#include "server_app.hpp"

namespace evpack::serve_detail {

namespace {

// Runs `release` when the upload handler returns, however it returns.
struct OnExit {
  std::function<void()> release;
  ~OnExit() { release(); }
};

}  // namespace

bool App::take_upload_slot(const std::string& account) {
  const std::lock_guard lock(upload_mutex_);
  if (uploads_[account] >= options_.uploads_per_account) return false;
  ++uploads_[account];
  return true;
}

void App::drain_body(HttpResponse& res, const UploadReader& reader, std::uint64_t declared, std::uint64_t cap) {
  if (declared > cap) {
    res.close_connection = true;
    return;
  }
  std::uint64_t seen = 0;
  const bool all =
      reader([](const UploadPart&) { return true; }, [&](const char*, std::size_t n) { return (seen += n) <= cap; });
  if (!all) res.close_connection = true;
}

App::ReceivedUpload App::receive_upload(const UploadReader& reader, const Session& s, const fs::path& part,
                                        std::uint64_t max_bytes, std::uint64_t drain_cap) {
  ReceivedUpload got;
  std::string current;
  bool in_file = false, discard = false;
  std::uint64_t seen = 0;
  std::ofstream out;
  got.read_ok = reader(
      [&](const UploadPart& p) {
        current = p.name;
        in_file = !p.filename.empty();
        if (discard || !in_file) return true;
        if (current != "archive" || got.got_file) {
          discard = true;  // only one file, in the field "archive"
          return true;
        }
        if (!csrf_ok(s, got.fields["csrf"])) {
          got.csrf_bad = discard = true;
          return true;
        }
        got.got_file = true;
        got.file_name = display_name(p.filename);  // shown only, never a path
        if (got.file_name.size() > 255) got.file_name.resize(255);
        out.open(part, std::ios::binary | std::ios::trunc);
        if (!out.is_open()) got.write_failed = discard = true;
        return true;
      },
      [&](const char* data, std::size_t n) {
        if ((seen += n) > drain_cap) return false;
        if (discard) return true;
        if (!in_file) {
          auto& v = got.fields[current];
          if (got.fields.size() > 16 || v.size() + n > 1024)
            discard = true;
          else
            v.append(data, n);
          return true;
        }
        got.bytes += n;
        if (got.bytes > max_bytes) {
          got.too_big = discard = true;
          out.close();
          return true;
        }
        out.write(data, static_cast<std::streamsize>(n));
        if (!out) got.write_failed = discard = true;
        return true;
      });
  if (out.is_open()) {
    out.flush();
    if (!out) got.write_failed = true;
    out.close();
  }
  return got;
}

std::optional<App::Refusal> App::refuse_received(ReceivedUpload& got, const Session& s, const fs::path& part) {
  if (got.csrf_bad || (!got.got_file && !csrf_ok(s, got.fields["csrf"]))) {
    return Refusal{403, "请求无效", "表单已过期或来源不明，请返回页面刷新后重试。"};
  }
  if (got.too_big) return Refusal{413, "", ""};  // answered by too_large
  if (got.write_failed) return Refusal{507, "上传失败", "服务器磁盘空间不足，文件未保存。请联系管理员清理后重试。"};
  if (!got.read_ok || !got.got_file) return Refusal{400, "上传失败", "上传未完成（连接中断或表单不完整），请重试。"};
  if (got.bytes == 0) return Refusal{400, "上传失败", "上传的文件是空的。"};
  if (!looks_like_zip_file(part.string())) {
    return Refusal{400, "上传失败", "只能上传 zip 压缩包（可用 Windows“发送到→压缩(zipped)文件夹”或 7-Zip 生成）。"};
  }
  return std::nullopt;
}

std::optional<App::Refusal> App::settle_upload_fields(std::map<std::string, std::string>& fields, const User& user,
                                                      Job& job) {
  // Rule set by id from the listing; year and date parsed; county one the user may file for.
  job.rules = fields["rules"].empty() ? "shandong-2025" : fields["rules"];
  const auto rules = rule_choices();
  if (std::none_of(rules.begin(), rules.end(), [&](const RuleChoice& r) { return r.id == job.rules; })) {
    return Refusal{400, "上传失败", "没有这个规则。"};
  }
  if (!fields["year"].empty()) {
    job.year = std::atoi(fields["year"].c_str());
    if (job.year < 2000 || job.year > 2100) return Refusal{400, "上传失败", "试点年度应为 2000-2100 之间的年份。"};
  }
  job.as_of = fields["as_of"];
  if (job.as_of.empty()) {
    const auto t = now_seconds() + 8 * 3600;
    job.as_of = format_time(t - 8 * 3600).substr(0, 10);
  } else if (!date_from_name(job.as_of)) {
    return Refusal{400, "上传失败", "检查日期格式不正确（应为 2025-12-31）。"};
  }
  const auto allowed = counties_for(user);
  job.county = user.role == kRoleCounty ? user.name : fields["county"];
  if (std::find(allowed.begin(), allowed.end(), job.county) == allowed.end()) {
    if (user.role == kRoleAdmin && job.county.empty())
      job.county = allowed.front();
    else
      return Refusal{403, "上传失败", "您不能为这个县提交材料。"};
  }
  return std::nullopt;
}

void App::upload(const HttpRequest& req, HttpResponse& res, const UploadReader& reader, const std::string& kind) {
  // A rejected body is still read (and dropped) when it is not much larger than the limit,
  // so the browser receives the Chinese answer instead of a reset connection; a body far
  // beyond it is answered at once and the connection closed.
  const std::uint64_t declared = std::strtoull(req.header("content-length").c_str(), nullptr, 10);
  auto s = session_of(req);
  if (!s) {
    drain_body(res, reader, declared, 1 << 20);
    res.redirect("/login");
    return;
  }
  const std::uint64_t drain_cap = options_.max_upload_bytes + (64ull << 20);
  if (declared > options_.max_upload_bytes + 64 * 1024) {
    drain_body(res, reader, declared, drain_cap);
    return too_large(res, *s);
  }
  if (!take_upload_slot(s->user.name)) {
    drain_body(res, reader, declared, drain_cap);
    return html(res, message_page("请稍候", "您已有上传正在进行，请等它完成后再上传。", &*s), 429);
  }
  const OnExit release{[this, name = s->user.name] {
    const std::lock_guard lock(upload_mutex_);
    --uploads_[name];
  }};

  Job job;
  job.id = random_hex(16);
  job.kind = kind;
  job.owner = s->user.name;
  const std::string dir = job_dir(options_.data_dir, job.id);
  const fs::path part = fs::path(dir) / "upload.zip.part";
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return html(res, message_page("上传失败", "服务器无法保存文件（磁盘已满或无写入权限）。", &*s), 507);

  ReceivedUpload got = receive_upload(reader, *s, part, options_.max_upload_bytes, drain_cap);
  job.upload_name = got.file_name;
  const auto fail = [&](int status, const std::string& title, const std::string& message) {
    fs::remove_all(dir, ec);  // no half file left behind
    res.close_connection = !got.read_ok;
    html(res, message_page(title, message, &*s), status);
  };
  if (auto refusal = refuse_received(got, *s, part)) {
    if (refusal->status != 413) return fail(refusal->status, refusal->title, refusal->message);
    fs::remove_all(dir, ec);
    res.close_connection = true;
    return too_large(res, *s);
  }
  if (auto refusal = settle_upload_fields(got.fields, s->user, job)) {
    return fail(refusal->status, refusal->title, refusal->message);
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

void App::too_large(HttpResponse& res, const Session& s) const {
  const std::string limit = size_text(options_.max_upload_bytes, 0);
  html(res,
       message_page("文件太大",
                    std::string("上传的文件超过大小上限（") + limit + "），未保存。请分卷或删去无关文件后再上传。", &s),
       413);
}

}  // namespace evpack::serve_detail
