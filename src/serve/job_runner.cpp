// Runs the jobs of `evpack serve` with the library's own check, pack and verify.
#include "evpack/serve/job_runner.hpp"

#include <chrono>
#include <filesystem>
#include <optional>

#include "evpack/app/thumbnails.hpp"
#include "evpack/app/verify.hpp"
#include "evpack/inspect/date_text.hpp"
#include "evpack/package/pack.hpp"
#include "evpack/report/html_report.hpp"
#include "evpack/report/json_report.hpp"
#include "evpack/report/xlsx_report.hpp"
#include "evpack/rules/rule_loader.hpp"
#include "evpack/serve/cross_index.hpp"
#include "evpack/util/atomic_file.hpp"

namespace evpack {

namespace fs = std::filesystem;

std::string job_dir(const std::string& data_dir, const std::string& id) {
  return (fs::path(data_dir) / "files" / id).string();
}

namespace {

std::int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

std::vector<StoredFinding> stored_findings(const CheckResult& result) {
  std::vector<StoredFinding> out;
  out.reserve(result.findings.size());
  for (const auto& f : result.findings) {
    std::string text = f.message;
    if (!f.file.empty()) text = f.file + "：" + text;
    if (!f.indicator.empty()) text = "[" + f.indicator + "] " + text;
    out.push_back(
        {f.code + "\x1f" + f.file + "\x1f" + f.indicator + "\x1f" + f.message, severity_label_zh(f.severity), text});
  }
  return out;
}

}  // namespace

JobRunner::JobRunner(Store& store, const ServeOptions& options) : store_(store), options_(options) {}

JobRunner::~JobRunner() { stop(); }

void JobRunner::start() {
  const int n = std::max(1, options_.workers);
  for (int i = 0; i < n; ++i) threads_.emplace_back([this] { work(); });
}

void JobRunner::stop() {
  {
    const std::lock_guard lock(mutex_);
    if (stopping_ && threads_.empty()) return;
    stopping_ = true;
    for (auto& [id, flag] : running_) *flag = true;
  }
  wake_.notify_all();
  for (auto& t : threads_) t.join();
  threads_.clear();
}

void JobRunner::enqueue(const std::string& id) {
  {
    const std::lock_guard lock(mutex_);
    queue_.push_back(id);
  }
  wake_.notify_one();
}

bool JobRunner::cancel(const std::string& id) {
  const std::lock_guard lock(mutex_);
  if (const auto it = running_.find(id); it != running_.end()) {
    *it->second = true;
    return true;
  }
  const auto q = std::find(queue_.begin(), queue_.end(), id);
  if (q == queue_.end()) return false;
  queue_.erase(q);
  if (auto job = store_.find_job(id)) {
    job->state = kJobCancelled;
    job->message = "已取消";
    job->finished = now_seconds();
    store_.update_job(*job).ignore_error();  // the state shown lags; the job itself is unaffected
  }
  return true;
}

std::optional<JobProgress> JobRunner::progress(const std::string& id) {
  const std::lock_guard lock(mutex_);
  const auto it = progress_.find(id);
  if (it == progress_.end()) return std::nullopt;
  return it->second;
}

void JobRunner::work() {
  for (;;) {
    std::string id;
    auto flag = std::make_shared<std::atomic<bool>>(false);
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (stopping_) return;
      id = queue_.front();
      queue_.pop_front();
      running_[id] = flag;
      progress_[id] = JobProgress{0, 0, now_ms(), "准备中"};
    }
    auto job = store_.find_job(id);
    if (job && job->state == kJobQueued) {
      try {
        run_job(*job, flag);
      } catch (const std::exception& e) {
        job->state = kJobFailed;
        job->message = std::string("内部错误：") + e.what();
        job->finished = now_seconds();
        store_.update_job(*job).ignore_error();  // the state shown lags; the job itself is unaffected
      }
    }
    const std::lock_guard lock(mutex_);
    running_.erase(id);
    progress_.erase(id);
  }
}

void JobRunner::run_job(Job job, const std::shared_ptr<std::atomic<bool>>& cancelled) {
  job.state = kJobRunning;
  job.started = now_seconds();
  job.message.clear();
  store_.update_job(job).ignore_error();  // the state shown lags; the job itself is unaffected

  const std::string dir = job_dir(options_.data_dir, job.id);
  const auto set_phase = [&](const std::string& phase) {
    const std::lock_guard lock(mutex_);
    progress_[job.id].phase = phase;
  };
  const auto finish = [&](const char* state, const std::string& message) {
    bool shutting_down = false;
    {
      const std::lock_guard lock(mutex_);
      shutting_down = stopping_;
    }
    if (std::string(state) == kJobCancelled && shutting_down) {
      job.state = kJobInterrupted;
      job.message = "服务器停止时任务尚未完成，可重新运行";
    } else {
      job.state = state;
      job.message = message;
    }
    job.finished = now_seconds();
    store_.update_job(job).ignore_error();  // the state shown lags; the job itself is unaffected
  };

  // The rule set by id, from the rule folder's own listing (never a path from the request).
  std::string rules_path;
  for (const auto& info : list_rule_sets(options_.rules_dir)) {
    if (info.id == job.rules) rules_path = info.path;
  }
  if (rules_path.empty()) return finish(kJobFailed, "找不到规则：" + job.rules);

  CheckOptions check;
  check.rules_path = rules_path;
  check.jobs = options_.check_jobs;
  check.inspect.ocr = options_.ocr;
  check.evaluate.year = job.year;
  if (const auto d = date_from_name(job.as_of)) check.evaluate.as_of = *d;
  check.cache_dir = options_.cache_dir;
  check.cache_build = options_.cache_build;
  check.cancelled = [cancelled] { return cancelled->load(); };
  check.progress = [this, id = job.id](std::size_t done, std::size_t total) {
    const std::lock_guard lock(mutex_);
    auto& p = progress_[id];
    p.done = static_cast<std::int64_t>(done);
    p.total = static_cast<std::int64_t>(total);
  };

  const std::string upload =
      (fs::path(job_dir(options_.data_dir, job.kind == "pack" ? job.parent : job.id)) / "upload.zip").string();
  std::error_code ec;
  if (!fs::is_regular_file(upload, ec)) return finish(kJobFailed, "上传的材料已被删除，无法运行");

  if (job.kind == "verify") {
    set_phase("校验中");
    VerifyOptions verify;
    verify.check = check;
    auto report = verify_package(upload, verify);
    if (cancelled->load()) return finish(kJobCancelled, "已取消");
    if (!report) return finish(kJobFailed, report.error().message);
    auto text = write_file_atomically((fs::path(dir) / "verify.txt").string(), render_verify_summary(*report, 50));
    if (!text) return finish(kJobFailed, text.error().message);
    if (report->check) {
      const auto& c = *report->check;
      auto html =
          write_file_atomically((fs::path(dir) / "report.html").string(),
                                render_html_report(c, {job.upload_name, options_.tool_version, check.evaluate.as_of}));
      if (!html) return finish(kJobFailed, html.error().message);
      job.score = c.evaluation.totals.total;
      job.nominal = c.evaluation.totals.nominal;
      job.scored = c.rules.scored;
      job.findings = static_cast<std::int64_t>(c.findings.size());
      job.files_done = job.files_total = static_cast<std::int64_t>(c.scan.files.size());
    }
    return finish(kJobDone, report->intact() ? "材料包完整，所有文件与清单一致" : "材料包存在问题，详见校验结果");
  }

  // check and pack: run_check unpacks the upload once; the result keeps the files for
  // thumbnails and the package.
  set_phase("检查中");
  check.input = upload;
  auto result = run_check(check);
  if (!result) {
    if (result.error().code == "CHECK_CANCELLED") return finish(kJobCancelled, "已取消");
    return finish(kJobFailed, result.error().message);
  }
  result->scan.root = job.upload_name;
  const auto& totals = result->evaluation.totals;
  job.score = totals.total;
  job.nominal = totals.nominal;
  job.scored = result->rules.scored;
  job.findings = static_cast<std::int64_t>(result->findings.size());
  job.files_done = job.files_total = static_cast<std::int64_t>(result->scan.files.size());

  if (job.kind == "pack") {
    set_phase("打包中");
    PackOptions pack;
    pack.output = (fs::path(dir) / "package.zip").string();
    pack.plan.bag_name = job.county + "验收材料";
    pack.plan.unmapped = UnmappedPolicy::OtherFolder;
    pack.tool_version = options_.tool_version;
    pack.input_label = job.upload_name;
    pack.check_date = check.evaluate.as_of;
    pack.jobs = options_.check_jobs;
    pack.cancelled = [cancelled] { return cancelled->load(); };
    pack.report_thumbnails = [&] {
      ThumbnailOptions thumb_options;
      thumb_options.jobs = options_.check_jobs;
      return make_thumbnails(result.value(), thumb_options);
    };
    pack.progress = [this, id = job.id](const PackProgress& p) {
      const std::lock_guard lock(mutex_);
      auto& pr = progress_[id];
      pr.done = static_cast<std::int64_t>(p.files_done);
      pr.total = static_cast<std::int64_t>(p.files_total);
      pr.phase = p.phase == PackProgress::Phase::Writing ? "写入压缩包" : "校验压缩包";
    };
    auto packed = write_package(result.value(), pack);
    if (!packed) {
      if (packed.error().code == "PACK_CANCELLED") return finish(kJobCancelled, "已取消");
      return finish(kJobFailed, packed.error().message);
    }
    if (packed->outputs.size() != 1) return finish(kJobFailed, "材料包被拆分为多卷，网页版暂不支持");
    return finish(kJobDone,
                  "已生成验收材料包（" + std::to_string(packed->plan.files.size()) + " 个文件），已逐个核对清单");
  }

  set_phase("生成报告");
  ThumbnailOptions thumb_options;
  thumb_options.jobs = options_.check_jobs;
  const auto thumbs = make_thumbnails(result.value(), thumb_options);
  const std::string html =
      render_html_report(result.value(), {job.upload_name, options_.tool_version, check.evaluate.as_of}, thumbs);
  auto written = write_file_atomically((fs::path(dir) / "report.html").string(), html);
  if (written)
    written = write_file_atomically((fs::path(dir) / "report.json").string(),
                                    render_json_report(result.value(), {job.upload_name, options_.tool_version}));
  if (written)
    written = write_findings_xlsx((fs::path(dir) / "findings.xlsx").string(), result.value(), ReportLang::Zh);
  if (!written) return finish(kJobFailed, "无法保存检查结果：" + written.error().message);
  if (auto stored = store_.put_findings(job.id, stored_findings(result.value())); !stored) {
    return finish(kJobFailed, "无法保存检查结果：" + stored.error().message);
  }
  // The cross-archive index, and the photos' previews shown beside a match.
  const auto entries = index_entries(result.value());
  if (auto indexed = store_.put_index(job.id, job.county, entries); !indexed) {
    return finish(kJobFailed, "无法保存检查结果：" + indexed.error().message);
  }
  std::error_code ec2;
  fs::create_directories(fs::path(dir) / "previews", ec2);
  for (const auto& e : entries) {
    if (e.kind != "phash") continue;
    const auto& photo = result->evidence[static_cast<std::size_t>(e.evidence)].inspection.photo;
    if (!photo || photo->preview.empty()) continue;
    const std::string bytes(photo->preview.begin(), photo->preview.end());
    // A preview that cannot be written is only missing beside a match.
    write_file_atomically((fs::path(dir) / "previews" / (std::to_string(e.evidence) + ".jpg")).string(), bytes)
        .ignore_error();
  }
  return finish(kJobDone, "检查完成");
}

}  // namespace evpack
