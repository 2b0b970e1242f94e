#include "evpack/package/pack.hpp"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <memory>
#include <mutex>
#include <optional>

#include "evpack/adapters/digest.hpp"
#include "evpack/adapters/spreadsheet_writer.hpp"
#include "evpack/package/bagit.hpp"
#include "evpack/package/catalogue.hpp"
#include "evpack/report/html_report.hpp"
#include "evpack/report/json_report.hpp"
#include "evpack/util/atomic_file.hpp"
#include "evpack/util/text.hpp"
#include "evpack/util/thread_pool.hpp"

namespace evpack {

namespace {

constexpr std::int64_t kDosEpoch = 315532800;  // 1980-01-01, the earliest zip time

Error cancelled_error() { return {"PACK_CANCELLED", "打包已取消，未生成压缩包"}; }

std::string file_name_of(const std::string& path) {
  const auto slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

std::string stem_of(const std::string& path) {
  std::string name = file_name_of(path);
  if (name.size() > 4 && to_lower_ascii(name.substr(name.size() - 4)) == ".zip") name.resize(name.size() - 4);
  return name;
}

std::int64_t package_time(const CheckResult& check, const PackagePlan& plan, std::int64_t given) {
  if (given >= 0) return std::max(given, kDosEpoch);
  if (const char* env = std::getenv("SOURCE_DATE_EPOCH"); env && *env) {
    char* end = nullptr;
    const long long v = std::strtoll(env, &end, 10);
    if (end && *end == '\0' && v >= 0) return std::max<std::int64_t>(v, kDosEpoch);
  }
  std::int64_t newest = kDosEpoch;
  for (const auto& f : plan.files) newest = std::max(newest, check.evidence[f.evidence].file.mtime);
  return newest;
}

std::string utc_date(std::int64_t seconds) {
  const auto t = static_cast<std::time_t>(seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
  return buf;
}

// Removes temp files of a failed run; never touches a target path.
struct TempFiles {
  std::vector<std::string> paths;
  ~TempFiles() {
    for (const auto& p : paths) ::unlink(p.c_str());
  }
};

// Serialises progress calls from the writer and the verifying workers.
class ProgressSink {
 public:
  explicit ProgressSink(const std::function<void(const PackProgress&)>& fn) : fn_(fn) {}
  void report(const PackProgress& p) {
    if (!fn_) return;
    const std::lock_guard lock(mutex_);
    fn_(p);
  }

 private:
  const std::function<void(const PackProgress&)>& fn_;
  std::mutex mutex_;
};

}  // namespace

std::optional<std::uint64_t> parse_size(const std::string& text) {
  const std::string t = to_lower_ascii(trim(text));
  if (t.empty()) return std::nullopt;
  char* end = nullptr;
  const double value = std::strtod(t.c_str(), &end);
  if (end == t.c_str() || !(value > 0)) return std::nullopt;
  std::string unit(end);
  if (unit.ends_with("b")) unit.pop_back();
  double factor = 1;
  if (unit == "k")
    factor = 1e3;
  else if (unit == "m")
    factor = 1e6;
  else if (unit == "g")
    factor = 1e9;
  else if (!unit.empty())
    return std::nullopt;
  const double bytes = value * factor;
  if (bytes < 1 || bytes > 1e15) return std::nullopt;
  return static_cast<std::uint64_t>(bytes);
}

std::string volume_path(const std::string& output, int volume, int volumes) {
  if (volumes <= 1) return output;
  std::string base = output;
  std::string ext;
  if (base.size() > 4 && to_lower_ascii(base.substr(base.size() - 4)) == ".zip") {
    ext = base.substr(base.size() - 4);
    base.resize(base.size() - 4);
  }
  return base + "-第" + std::to_string(volume + 1) + "卷" + (ext.empty() ? ".zip" : ext);
}

Expected<bool> verify_written_zip(const std::string& path, const std::vector<ExpectedEntry>& entries, int jobs,
                                  const std::function<bool()>& cancelled,
                                  const std::function<void(std::uint64_t)>& progress) {
  ZipLimits limits;
  limits.max_entries = entries.size() + 1;
  auto first = open_zip(path, limits);
  if (!first) return Error{"PACK_VERIFY_FAILED", "打包后无法重新打开压缩包：" + first.error().message};
  const auto& listed = first.value()->entries();
  if (listed.size() != entries.size() || first.value()->truncated()) {
    return Error{"PACK_VERIFY_FAILED", "打包后校验失败：压缩包中的文件数（" + std::to_string(listed.size()) +
                                           "）与清单（" + std::to_string(entries.size()) + "）不一致"};
  }
  for (std::size_t i = 0; i < entries.size(); ++i) {
    if (listed[i].name != entries[i].name || listed[i].size != entries[i].size || listed[i].crc32 != entries[i].crc32) {
      return Error{"PACK_VERIFY_FAILED", "打包后校验失败：压缩包中的“" + listed[i].name + "”与写入时的记录不一致"};
    }
  }

  const int threads = std::max(1, std::min<int>(jobs > 0 ? jobs : default_jobs(), static_cast<int>(entries.size())));
  std::vector<std::unique_ptr<ZipReader>> readers(static_cast<std::size_t>(threads));
  readers[0] = std::move(first.value());
  std::vector<std::optional<Error>> errors(entries.size());
  std::mutex progress_mutex;
  std::uint64_t bytes_done = 0;

  parallel_for(entries.size(), threads, [&](std::size_t index, int worker) {
    auto& reader = readers[static_cast<std::size_t>(worker)];
    if (!reader) {
      auto opened = open_zip(path, limits);
      if (!opened) {
        errors[index] = Error{"PACK_VERIFY_FAILED", "打包后无法重新打开压缩包：" + opened.error().message};
        return;
      }
      reader = std::move(opened.value());
    }
    if (cancelled && cancelled()) {
      errors[index] = cancelled_error();
      return;
    }
    Sha256Stream sha;
    std::uint64_t pending = 0;
    auto flush_progress = [&] {
      if (!progress || pending == 0) return;
      const std::lock_guard lock(progress_mutex);
      bytes_done += pending;
      pending = 0;
      progress(bytes_done);
    };
    auto read = reader->read_entry(
        index,
        [&](std::string_view chunk) {
          sha.update(chunk.data(), chunk.size());
          pending += chunk.size();
          if (pending >= (8u << 20)) flush_progress();
          return !(cancelled && cancelled());
        },
        entries[index].size);
    flush_progress();
    if (!read) {
      errors[index] = read.error().code == "ZIP_READ_STOPPED"
                          ? cancelled_error()
                          : Error{"PACK_VERIFY_FAILED", "打包后校验失败：“" + entries[index].name + "”无法读回（" +
                                                            read.error().message + "）"};
      return;
    }
    if (sha.finish() != entries[index].sha256) {
      errors[index] = Error{"PACK_VERIFY_FAILED", "打包后校验失败：“" + entries[index].name +
                                                      "”的SHA-256与清单不符（文件在检查之后被修改过？），请重新打包"};
    }
  });
  for (const auto& e : errors) {
    if (e && e->code == "PACK_CANCELLED") return *e;
  }
  for (const auto& e : errors) {
    if (e) return *e;
  }
  return true;
}

Expected<PackResult> write_package(const CheckResult& check, const PackOptions& options) {
  PlanOptions plan_options = options.plan;
  if (plan_options.bag_name.empty()) plan_options.bag_name = stem_of(options.output);
  auto planned = plan_package(check, plan_options);
  if (!planned) return planned.error();

  PackResult result;
  result.plan = std::move(planned.value());
  const PackagePlan& plan = result.plan;
  const std::int64_t mtime = package_time(check, plan, options.mtime);
  const std::string bagging_date = utc_date(mtime);
  const std::string bag = plan.bag_name;

  std::uint64_t total_bytes = 0;
  for (const auto& f : plan.files) total_bytes += check.evidence[f.evidence].file.size;
  result.payload_bytes = total_bytes;

  const std::string report_json =
      render_json_report(check, {options.input_label, options.tool_version, options.check_date});
  // The package's own report names each file by its packed path and links it there (the
  // report lies at the bag's root, beside data/).
  HtmlReportContext html_context{options.input_label, options.tool_version, options.check_date, ReportLang::Zh, {}};
  for (const auto& f : plan.files) {
    html_context.file_links[check.evidence[f.evidence].file.rel_path] = {href_encode_path(f.path), f.path};
  }
  const std::string report_html = render_html_report(
      check, html_context, options.report_thumbnails ? options.report_thumbnails() : std::vector<std::string>{});
  ProgressSink sink(options.progress);
  TempFiles temps;
  std::vector<std::vector<ExpectedEntry>> expected(static_cast<std::size_t>(plan.volumes));

  const auto write_start = std::chrono::steady_clock::now();
  std::uint64_t bytes_before = 0;
  std::size_t files_done = 0;
  for (int v = 0; v < plan.volumes; ++v) {
    const std::string target = volume_path(options.output, v, plan.volumes);
    const std::string temp = temp_path_beside(target);

    // Everything but the payload is known before writing: the manifest holds the hashes
    // the check computed, and the verification pass proves the written bytes match them.
    std::vector<const PlannedFile*> files;
    std::uint64_t payload = 0;
    std::vector<ManifestEntry> manifest;
    for (const auto& f : plan.files) {
      if (f.volume != v) continue;
      files.push_back(&f);
      const FileRecord& rec = check.evidence[f.evidence].file;
      payload += rec.size;
      manifest.push_back({rec.sha256, f.path});
    }
    CatalogueContext context{bag, v, options.tool_version, bagging_date};
    WorkbookProperties properties;
    properties.title = bag + " 目录";
    properties.author = "evpack";
    properties.created = mtime;
    auto xlsx = render_xlsx(catalogue_sheets(check, plan, context), properties);
    if (!xlsx) return Error{"PACK_WRITE_FAILED", xlsx.error().message};
    const std::string html = render_catalogue_html(check, plan, context);

    std::vector<std::pair<std::string, std::string>> info = {
        {"Bag-Software-Agent", "evpack " + options.tool_version},
        {"External-Description", bag + "（" + check.rules.title + "）验收佐证材料"},
        {"Bagging-Date", bagging_date},
        {"Payload-Oxum", std::to_string(payload) + "." + std::to_string(files.size())},
        {"Bag-Size", human_size(payload)},
    };
    if (plan.volumes > 1) {
      info.emplace_back("Bag-Group-Identifier", bag);
      info.emplace_back("Bag-Count", std::to_string(v + 1) + " of " + std::to_string(plan.volumes));
    }
    const std::vector<std::pair<std::string, std::string>> tags = {
        {"目录.html", html},
        {"目录.xlsx", xlsx.value()},
        {"自检报告.json", report_json},
        {"自检报告.html", report_html},
        {"bagit.txt", bagit_declaration()},
        {"bag-info.txt", bag_info_text(info)},
        {"manifest-sha256.txt", manifest_text(manifest)},
    };
    std::vector<ManifestEntry> tag_manifest;
    for (const auto& [name, bytes] : tags) tag_manifest.push_back({sha256_bytes(bytes.data(), bytes.size()), name});

    ZipWriterOptions zip_options;
    zip_options.names = options.names;
    zip_options.mtime = mtime;
    zip_options.cancelled = options.cancelled;
    const std::uint64_t before = bytes_before;
    const std::size_t files_before = files_done;
    const std::size_t tag_count = tags.size();
    const std::size_t volume_files = files.size();
    zip_options.progress = [&, before, files_before, tag_count, volume_files](std::uint64_t done,
                                                                              std::size_t entries_done) {
      // The tag files come first, then the payload files, then the tag manifest.
      const std::size_t payload_done = std::min(entries_done > tag_count ? entries_done - tag_count : 0, volume_files);
      sink.report({PackProgress::Phase::Writing, files_before + payload_done, plan.files.size(),
                   std::min(before + done, total_bytes), total_bytes});
    };
    auto writer = create_zip_writer(temp, zip_options);
    if (!writer) return Error{"PACK_WRITE_FAILED", writer.error().message};
    temps.paths.push_back(temp);
    auto& out = *writer.value();
    auto& entries = expected[static_cast<std::size_t>(v)];
    std::vector<std::string> hashes;  // SHA-256 of each entry, in the order added

    auto zip_error = [](const Error& e) {
      return e.code == "ZIP_WRITE_CANCELLED" ? cancelled_error() : Error{"PACK_WRITE_FAILED", e.message};
    };
    for (std::size_t t = 0; t < tags.size(); ++t) {
      const auto& [name, bytes] = tags[t];
      const ZipMethod method = name.ends_with(".xlsx") ? ZipMethod::Store : ZipMethod::Deflate;
      if (auto added = out.add_bytes(bag + "/" + name, bytes, method); !added) return zip_error(added.error());
      hashes.push_back(tag_manifest[t].sha256);
    }
    for (const PlannedFile* f : files) {
      const FileRecord& rec = check.evidence[f->evidence].file;
      const std::string disk = rec.disk_path.empty() ? check.scan.root + "/" + rec.rel_path : rec.disk_path;
      if (auto added = out.add_file(bag + "/" + f->path, disk, f->method); !added) return zip_error(added.error());
      hashes.push_back(rec.sha256);
    }
    const std::string tag_text = manifest_text(tag_manifest);
    if (auto added = out.add_bytes(bag + "/tagmanifest-sha256.txt", tag_text, ZipMethod::Deflate); !added) {
      return zip_error(added.error());
    }
    hashes.push_back(sha256_bytes(tag_text.data(), tag_text.size()));
    auto written = out.finish();
    if (!written) return zip_error(written.error());
    for (std::size_t i = 0; i < written->entries.size(); ++i) {
      const ZipWrittenEntry& e = written->entries[i];
      entries.push_back({e.name, e.size, e.crc32, hashes[i]});
    }
    files_done += files.size();
    result.zip_sizes.push_back(written->archive_size);
    bytes_before += payload;
  }
  const auto verify_start = std::chrono::steady_clock::now();
  result.write_seconds = std::chrono::duration<double>(verify_start - write_start).count();

  std::uint64_t verified_before = 0;
  for (int v = 0; v < plan.volumes; ++v) {
    const auto& entries = expected[static_cast<std::size_t>(v)];
    std::uint64_t volume_bytes = 0;
    for (const auto& e : entries) volume_bytes += e.size;
    const std::uint64_t before = verified_before;
    auto ok = verify_written_zip(temps.paths[static_cast<std::size_t>(v)], entries, options.jobs, options.cancelled,
                                 [&, before](std::uint64_t done) {
                                   sink.report({PackProgress::Phase::Verifying, plan.files.size(), plan.files.size(),
                                                std::min(before + done, total_bytes), total_bytes});
                                 });
    if (!ok) return ok.error();
    verified_before += volume_bytes;
  }
  result.verify_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - verify_start).count();

  const auto sync_start = std::chrono::steady_clock::now();
  for (int v = 0; v < plan.volumes; ++v) {
    const std::string target = volume_path(options.output, v, plan.volumes);
    auto committed = commit_temp_file(temps.paths[static_cast<std::size_t>(v)], target);
    if (!committed) {
      // Volumes already renamed stay (each is complete and verified); the error names the rest.
      return Error{"PACK_WRITE_FAILED", committed.error().message};
    }
    temps.paths[static_cast<std::size_t>(v)].clear();
    result.outputs.push_back(target);
  }
  temps.paths.clear();
  result.sync_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - sync_start).count();
  return result;
}

}  // namespace evpack
