// evpack serve over HTTP on a free loopback port: sessions, CSRF, rate limit, isolation
// between counties on every route, uploads (size limit, UTF-8 download names), the job
// life cycle, cancel and a restart with a queued job. Checks run without OCR.
#include <gtest/gtest.h>
#include <httplib.h>

#include <sys/resource.h>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <thread>

#include "evpack/adapters/http_server.hpp"
#include "evpack/adapters/zip_archive.hpp"
#include "evpack/serve/job_runner.hpp"
#include "evpack/serve/serve.hpp"
#include "evpack/serve/store.hpp"
#include "support/temp_dir.hpp"

namespace evpack {
namespace {

namespace fs = std::filesystem;
using evpack::testing::TempDir;

constexpr const char* kPassword = "correct-horse-9";

// The sample archive zipped once per test binary run (as Windows' 压缩文件夹 would: one top folder).
const std::string& sample_zip() {
  static TempDir dir;
  static std::string path;
  if (path.empty()) {
    const fs::path root = fs::path(evpack::testing::source_dir()) / "samples" / "青石县佐证材料";
    path = (dir.path() / "青石县佐证材料.zip").string();
    auto writer = create_zip_writer(path);
    EXPECT_TRUE(writer.ok());
    std::vector<fs::path> files;
    for (const auto& e : fs::recursive_directory_iterator(root)) {
      if (e.is_regular_file()) files.push_back(e.path());
    }
    std::sort(files.begin(), files.end());
    for (const auto& f : files) {
      const std::string rel = "青石县佐证材料/" + fs::relative(f, root).generic_string();
      EXPECT_TRUE(writer.value()->add_file(rel, f.string(), ZipMethod::Deflate).ok());
    }
    EXPECT_TRUE(writer.value()->finish().ok());
  }
  return path;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

std::string csrf_in(const std::string& html) {
  std::smatch m;
  if (std::regex_search(html, m, std::regex("name=csrf value=\"([0-9a-f]+)\""))) return m[1];
  return "";
}

std::string cookie_value(const httplib::Result& r, const std::string& name) {
  for (std::size_t i = 0; i < r->get_header_value_count("Set-Cookie"); ++i) {
    const std::string c = r->get_header_value("Set-Cookie", i);
    if (c.rfind(name + "=", 0) == 0) return c.substr(name.size() + 1, c.find(';') - name.size() - 1);
  }
  return "";
}

// A signed-in browser: session cookie and the session's CSRF token.
struct Browser {
  std::string cookie;
  std::string csrf;
  httplib::Headers headers() const { return {{"Cookie", "evpack_session=" + cookie}}; }
};

class ServeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::signal(SIGPIPE, SIG_IGN);  // as run_serve does: a closed connection is no crash
    ASSERT_TRUE(add_user(data_.str(), "admin", kRoleAdmin, kPassword).ok());
    ASSERT_TRUE(add_user(data_.str(), "青石县", kRoleCounty, kPassword).ok());
    ASSERT_TRUE(add_user(data_.str(), "临山县", kRoleCounty, kPassword).ok());
    ASSERT_TRUE(add_user(data_.str(), "评审甲", kRoleReviewer, kPassword, {"青石县"}).ok());
  }
  void TearDown() override { stop(); }

  void start(std::uint64_t max_upload = 64ull << 20, int workers = 1) {
    ServeOptions options;
    options.listen = "127.0.0.1:0";
    options.data_dir = data_.str();
    options.rules_dir = evpack::testing::source_dir() + "/rules";
    options.ocr = false;
    options.check_jobs = 2;
    options.workers = workers;
    options.max_upload_bytes = max_upload;
    options.max_failed_logins = 3;
    options.tool_version = "test";
    auto app = open_serve_app(options);
    ASSERT_TRUE(app.ok()) << app.error().message;
    app_ = std::move(app.value());
    auto port = app_->bind();
    ASSERT_TRUE(port.ok());
    port_ = *port;
    thread_ = std::thread([this] { app_->run(); });
  }
  void stop() {
    if (!app_) return;
    app_->stop();
    thread_.join();
    app_.reset();
  }

  httplib::Client client() const {
    httplib::Client c("127.0.0.1", port_);
    c.set_read_timeout(60, 0);
    return c;
  }

  httplib::Result sign_in_raw(const std::string& user, const std::string& password) {
    auto c = client();
    auto form = c.Get("/login");
    const std::string login_cookie = cookie_value(form, "evpack_login");
    return c.Post("/login", {{"Cookie", "evpack_login=" + login_cookie}},
                  httplib::Params{{"csrf", csrf_in(form->body)}, {"user", user}, {"password", password}});
  }

  Browser sign_in(const std::string& user) {
    auto r = sign_in_raw(user, kPassword);
    EXPECT_EQ(r->status, 303);
    Browser b{cookie_value(r, "evpack_session"), ""};
    auto home = client().Get("/", b.headers());
    EXPECT_EQ(home->status, 200);
    b.csrf = csrf_in(home->body);
    return b;
  }

  httplib::Result upload(const Browser& b, const std::string& zip_path, const std::string& route = "/upload",
                         const std::string& csrf = "") {
    httplib::MultipartFormDataItems items{{"csrf", csrf.empty() ? b.csrf : csrf, "", ""},
                                          {"rules", "shandong-2025", "", ""},
                                          {"as_of", "2025-12-31", "", ""},
                                          {"archive", read_file(zip_path), "青石县佐证材料.zip", "application/zip"}};
    return client().Post(route.c_str(), b.headers(), items);
  }

  /// The job id an upload redirected to.
  static std::string job_of(const httplib::Result& r) {
    const std::string loc = r->get_header_value("Location");
    return loc.rfind("/jobs/", 0) == 0 ? loc.substr(6) : "";
  }

  std::string wait_for(const Browser& b, const std::string& id, int seconds = 180) {
    std::string state;
    for (int i = 0; i < seconds * 5; ++i) {
      auto r = client().Get(("/jobs/" + id + "/status.json").c_str(), b.headers());
      std::smatch m;
      if (r && std::regex_search(r->body, m, std::regex("\"state\":\"([a-z]+)\""))) state = m[1];
      if (state != kJobQueued && state != kJobRunning && !state.empty()) return state;
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
    return state;
  }

  TempDir data_;
  std::unique_ptr<ServeApp> app_;
  std::thread thread_;
  int port_ = 0;
};

TEST_F(ServeTest, SignInSetsAStrictHttpOnlyCookieAndSignOutEndsTheSession) {
  start();
  auto anonymous = client().Get("/");
  EXPECT_EQ(anonymous->status, 303);
  EXPECT_EQ(anonymous->get_header_value("Location"), "/login");

  auto r = sign_in_raw("青石县", kPassword);
  ASSERT_EQ(r->status, 303);
  std::string set_cookie;
  for (std::size_t i = 0; i < r->get_header_value_count("Set-Cookie"); ++i) {
    if (r->get_header_value("Set-Cookie", i).rfind("evpack_session=", 0) == 0)
      set_cookie = r->get_header_value("Set-Cookie", i);
  }
  EXPECT_NE(set_cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(set_cookie.find("SameSite=Strict"), std::string::npos);
  EXPECT_EQ(set_cookie.find("Secure"), std::string::npos);  // plain HTTP

  Browser b = sign_in("青石县");
  auto home = client().Get("/", b.headers());
  ASSERT_EQ(home->status, 200);
  EXPECT_NE(home->body.find("青石县"), std::string::npos);
  EXPECT_NE(home->body.find("上传并检查"), std::string::npos);

  auto out = client().Post("/logout", b.headers(), httplib::Params{{"csrf", b.csrf}});
  EXPECT_EQ(out->status, 303);
  EXPECT_EQ(client().Get("/", b.headers())->status, 303);  // the old cookie no longer works
}

TEST_F(ServeTest, WrongPasswordIsRefusedAndRepeatedFailuresAreRateLimited) {
  start();
  auto wrong = sign_in_raw("青石县", "not-the-password");
  EXPECT_EQ(wrong->status, 401);
  EXPECT_NE(wrong->body.find("账号或密码错误"), std::string::npos);
  EXPECT_TRUE(cookie_value(wrong, "evpack_session").empty());
  EXPECT_EQ(sign_in_raw("nobody", kPassword)->status, 401);
  sign_in_raw("青石县", "wrong-2");
  sign_in_raw("青石县", "wrong-3");
  // Three failures for this account: even the right password now waits.
  auto limited = sign_in_raw("青石县", kPassword);
  EXPECT_EQ(limited->status, 429);
  EXPECT_NE(limited->body.find("登录失败次数过多"), std::string::npos);
  EXPECT_FALSE(limited->get_header_value("Retry-After").empty());
  // Another account from the same address is not locked by that (the address allows 4×).
  EXPECT_EQ(sign_in_raw("临山县", kPassword)->status, 303);
  // Failures spread over many accounts from one address: locked after 12.
  for (int i = 0; i < 8; ++i) sign_in_raw("guess" + std::to_string(i), "x");
  EXPECT_EQ(sign_in_raw("临山县", kPassword)->status, 429);
}

TEST_F(ServeTest, SignInWithoutTheFormTokenIsRefused) {
  start();
  auto r = client().Post("/login", httplib::Params{{"user", "青石县"}, {"password", kPassword}});
  EXPECT_EQ(r->status, 403);
  EXPECT_TRUE(cookie_value(r, "evpack_session").empty());
}

TEST_F(ServeTest, UploadRunsTheCheckAndOffersReportsWithUtf8Names) {
  start();
  Browser b = sign_in("青石县");
  auto r = upload(b, sample_zip());
  ASSERT_EQ(r->status, 303) << r->body;
  const std::string id = job_of(r);
  ASSERT_EQ(id.size(), 32u);
  EXPECT_TRUE(std::regex_match(id, std::regex("[0-9a-f]{32}")));
  EXPECT_EQ(wait_for(b, id), kJobDone);

  auto status = client().Get(("/jobs/" + id + "/status.json").c_str(), b.headers());
  EXPECT_NE(status->body.find("\"total\":49"), std::string::npos) << status->body;
  auto page = client().Get(("/jobs/" + id).c_str(), b.headers());
  EXPECT_NE(page->body.find("预计得分"), std::string::npos);
  EXPECT_NE(page->body.find("生成验收材料包"), std::string::npos);

  auto report = client().Get(("/jobs/" + id + "/report.html").c_str(), b.headers());
  ASSERT_EQ(report->status, 200);
  EXPECT_NE(report->body.find("<html"), std::string::npos);
  EXPECT_NE(report->get_header_value("Content-Security-Policy").find("sandbox"), std::string::npos);

  auto xlsx = client().Get(("/jobs/" + id + "/findings.xlsx").c_str(), b.headers());
  ASSERT_EQ(xlsx->status, 200);
  EXPECT_EQ(xlsx->body.substr(0, 2), "PK");
  // (cpp-httplib's client percent-decodes header values; the bytes on the wire are checked
  // in HttpServer.AttachmentDisposition… and by the browser test.)
  EXPECT_EQ(xlsx->get_header_value("Content-Disposition"),
            "attachment; filename=\"download.xlsx\"; filename*=UTF-8''青石县-问题清单.xlsx");
  auto json = client().Get(("/jobs/" + id + "/report.json").c_str(), b.headers());
  ASSERT_EQ(json->status, 200);
  EXPECT_NE(json->body.find("\"findings\""), std::string::npos);

  // The upload is stored under the job's random id only.
  EXPECT_TRUE(fs::is_regular_file(fs::path(data_.str()) / "files" / id / "upload.zip"));
  EXPECT_FALSE(fs::exists(fs::path(data_.str()) / "files" / id / "upload.zip.part"));

  // Pack: the package zip, named after the county.
  auto pack = client().Post(("/jobs/" + id + "/pack").c_str(), b.headers(), httplib::Params{{"csrf", b.csrf}});
  ASSERT_EQ(pack->status, 303);
  const std::string pack_id = job_of(pack);
  EXPECT_EQ(wait_for(b, pack_id), kJobDone);
  auto zip = client().Get(("/jobs/" + pack_id + "/package.zip").c_str(), b.headers());
  ASSERT_EQ(zip->status, 200);
  EXPECT_EQ(zip->body.substr(0, 2), "PK");
  EXPECT_NE(zip->get_header_value("Content-Disposition").find("filename*=UTF-8''青石县验收材料.zip"),
            std::string::npos);

  // Compare two runs of the same archive: no change.
  auto second = upload(b, sample_zip());
  const std::string id2 = job_of(second);
  ASSERT_EQ(wait_for(b, id2), kJobDone);
  auto cmp = client().Get(("/compare?run=" + id + "&run=" + id2).c_str(), b.headers());
  ASSERT_EQ(cmp->status, 200);
  EXPECT_NE(cmp->body.find("得分变化 <strong id=change>+0.0</strong>；已解决 0 条，新出现 0 条"), std::string::npos);
}

TEST_F(ServeTest, OversizedUploadGets413WithAChineseMessageAndLeavesNoFile) {
  start(1ull << 20);
  Browser b = sign_in("青石县");
  auto r = upload(b, sample_zip());  // 5 MB against a 1 MB limit
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 413);
  EXPECT_NE(r->body.find("超过大小上限"), std::string::npos);
  EXPECT_TRUE(fs::is_empty(fs::path(data_.str()) / "files"));
}

TEST_F(ServeTest, AFullDiskDuringUploadGives507AndLeavesNoHalfFile) {
  start();
  Browser b = sign_in("青石县");
  const std::string zip = sample_zip();  // made before the limit
  // No file may grow past 1 MB (as on a full disk, writes fail with EFBIG instead of SIGXFSZ).
  std::signal(SIGXFSZ, SIG_IGN);
  rlimit old{};
  getrlimit(RLIMIT_FSIZE, &old);
  rlimit small = old;
  small.rlim_cur = 1 << 20;
  setrlimit(RLIMIT_FSIZE, &small);
  auto r = upload(b, zip);
  setrlimit(RLIMIT_FSIZE, &old);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 507);
  EXPECT_NE(r->body.find("磁盘空间不足"), std::string::npos);
  EXPECT_TRUE(fs::is_empty(fs::path(data_.str()) / "files"));
  EXPECT_EQ(client().Get("/", b.headers())->body.find("/jobs/"), std::string::npos);
}

TEST_F(ServeTest, FormsWithoutTheSessionsCsrfTokenAreRejected) {
  start();
  Browser b = sign_in("青石县");
  auto r = upload(b, sample_zip(), "/upload", std::string(64, 'a'));
  EXPECT_EQ(r->status, 403);
  EXPECT_TRUE(fs::is_empty(fs::path(data_.str()) / "files"));
  EXPECT_EQ(client().Post("/logout", b.headers(), httplib::Params{{"csrf", "x"}})->status, 403);
  EXPECT_EQ(client().Post("/logout", b.headers(), httplib::Params{})->status, 403);
  EXPECT_EQ(client().Get("/", b.headers())->status, 200);  // still signed in
}

TEST_F(ServeTest, ACountyCanNeitherListNorFetchNorChangeAnotherCountysJob) {
  start();
  Browser own = sign_in("青石县");
  auto r = upload(own, sample_zip());
  const std::string id = job_of(r);
  ASSERT_EQ(wait_for(own, id), kJobDone);

  Browser other = sign_in("临山县");
  auto home = client().Get("/", other.headers());
  EXPECT_EQ(home->body.find(id), std::string::npos);
  for (const std::string suffix :
       {"", "/status.json", "/report.html", "/report.json", "/findings.xlsx", "/package.zip", "/verify.txt"}) {
    EXPECT_EQ(client().Get(("/jobs/" + id + suffix).c_str(), other.headers())->status, 404) << suffix;
  }
  for (const std::string action : {"/cancel", "/rerun", "/pack", "/delete"}) {
    EXPECT_EQ(
        client().Post(("/jobs/" + id + action).c_str(), other.headers(), httplib::Params{{"csrf", other.csrf}})->status,
        404)
        << action;
  }
  EXPECT_EQ(client().Get("/admin", other.headers())->status, 404);
  // A county cannot file for another county either.
  httplib::MultipartFormDataItems items{{"csrf", other.csrf, "", ""},
                                        {"county", "青石县", "", ""},
                                        {"archive", read_file(sample_zip()), "a.zip", "application/zip"}};
  auto filed = client().Post("/upload", other.headers(), items);
  ASSERT_EQ(filed->status, 303);
  auto mine = client().Get(("/jobs/" + job_of(filed)).c_str(), other.headers());
  EXPECT_NE(mine->body.find("<dd>临山县</dd>"), std::string::npos);
  // Comparing its own run with another county's is refused the same way.
  EXPECT_EQ(client().Get(("/compare?run=" + job_of(filed) + "&run=" + id).c_str(), other.headers())->status, 404);

  // The job is still there; its reviewer sees it, and the owner can delete it.
  Browser reviewer = sign_in("评审甲");
  EXPECT_EQ(client().Get(("/jobs/" + id).c_str(), reviewer.headers())->status, 200);
  EXPECT_EQ(client().Get(("/jobs/" + job_of(filed)).c_str(), reviewer.headers())->status, 404);
  EXPECT_EQ(client()
                .Post(("/jobs/" + id + "/delete").c_str(), reviewer.headers(), httplib::Params{{"csrf", reviewer.csrf}})
                ->status,
            403);
  EXPECT_EQ(
      client().Post(("/jobs/" + id + "/delete").c_str(), own.headers(), httplib::Params{{"csrf", own.csrf}})->status,
      303);
  EXPECT_FALSE(fs::exists(fs::path(data_.str()) / "files" / id));
  EXPECT_EQ(client().Get(("/jobs/" + id).c_str(), own.headers())->status, 404);
}

TEST_F(ServeTest, AQueuedJobCanBeCancelled) {
  start();
  Browser b = sign_in("青石县");
  const std::string first = job_of(upload(b, sample_zip()));
  const std::string second = job_of(upload(b, sample_zip()));  // one worker: waits behind the first
  auto r = client().Post(("/jobs/" + second + "/cancel").c_str(), b.headers(), httplib::Params{{"csrf", b.csrf}});
  EXPECT_EQ(r->status, 303);
  EXPECT_EQ(wait_for(b, second), kJobCancelled);
  EXPECT_EQ(wait_for(b, first), kJobDone);
  // A cancelled job can be run again.
  client().Post(("/jobs/" + second + "/rerun").c_str(), b.headers(), httplib::Params{{"csrf", b.csrf}});
  EXPECT_EQ(wait_for(b, second), kJobDone);
}

TEST_F(ServeTest, ARunningJobCanBeCancelled) {
  start();
  Browser b = sign_in("青石县");
  const std::string id = job_of(upload(b, sample_zip()));
  for (int i = 0; i < 500; ++i) {
    auto s = client().Get(("/jobs/" + id + "/status.json").c_str(), b.headers());
    if (s->body.find("\"state\":\"running\"") != std::string::npos) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  client().Post(("/jobs/" + id + "/cancel").c_str(), b.headers(), httplib::Params{{"csrf", b.csrf}});
  const std::string state = wait_for(b, id);
  // The check stops between files; a check that had already finished stays done.
  EXPECT_TRUE(state == kJobCancelled || state == kJobDone) << state;
  if (state == kJobCancelled) {
    EXPECT_FALSE(fs::exists(fs::path(data_.str()) / "files" / id / "report.html"));
  }
}

TEST_F(ServeTest, AfterARestartQueuedJobsRunAndRunningOnesAreMarkedInterrupted) {
  // Jobs as a server that stopped abruptly left them: one queued, one running.
  {
    auto store = Store::open(data_.str());
    ASSERT_TRUE(store.ok());
    for (const std::string state : {kJobQueued, kJobRunning}) {
      Job job;
      job.id = std::string(31, state == kJobQueued ? 'a' : 'b') + "1";
      job.kind = "check";
      job.owner = job.county = "青石县";
      job.upload_name = "青石县佐证材料.zip";
      job.rules = "shandong-2025";
      job.as_of = "2025-12-31";
      job.state = state;
      job.created = now_seconds();
      const fs::path dir = job_dir(data_.str(), job.id);
      fs::create_directories(dir);
      fs::copy_file(sample_zip(), dir / "upload.zip");
      ASSERT_TRUE(store.value()->insert_job(job).ok());
    }
  }
  start();
  Browser b = sign_in("青石县");
  const std::string queued = std::string(31, 'a') + "1";
  const std::string running = std::string(31, 'b') + "1";
  EXPECT_EQ(wait_for(b, queued), kJobDone);
  EXPECT_EQ(wait_for(b, running), kJobInterrupted);
  auto page = client().Get(("/jobs/" + running).c_str(), b.headers());
  EXPECT_NE(page->body.find("中断"), std::string::npos);
  EXPECT_NE(page->body.find("重新运行"), std::string::npos);
  client().Post(("/jobs/" + running + "/rerun").c_str(), b.headers(), httplib::Params{{"csrf", b.csrf}});
  EXPECT_EQ(wait_for(b, running), kJobDone);
}

TEST_F(ServeTest, JobsOlderThanTheRetentionPeriodAreDeletedWithTheirFiles) {
  {
    auto store = Store::open(data_.str());
    ASSERT_TRUE(store.ok());
    for (const std::int64_t age_days : {3, 0}) {
      Job job;
      job.id = std::string(31, age_days ? 'c' : 'd') + "1";
      job.kind = "check";
      job.owner = job.county = "青石县";
      job.upload_name = "old.zip";
      job.rules = "shandong-2025";
      job.as_of = "2025-12-31";
      job.state = kJobFailed;
      job.created = now_seconds() - age_days * 86400 - 60;
      fs::create_directories(job_dir(data_.str(), job.id));
      std::ofstream(fs::path(job_dir(data_.str(), job.id)) / "upload.zip") << "PK";
      ASSERT_TRUE(store.value()->insert_job(job).ok());
    }
    ASSERT_TRUE(store.value()->put_setting("retention_days", "2").ok());
  }
  start();  // the sweep runs at start
  const std::string old_id = std::string(31, 'c') + "1";
  const std::string new_id = std::string(31, 'd') + "1";
  for (int i = 0; i < 50 && fs::exists(job_dir(data_.str(), old_id)); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_FALSE(fs::exists(job_dir(data_.str(), old_id)));
  EXPECT_TRUE(fs::exists(job_dir(data_.str(), new_id)));
  Browser admin = sign_in("admin");
  EXPECT_EQ(client().Get(("/jobs/" + old_id).c_str(), admin.headers())->status, 404);
  EXPECT_EQ(client().Get(("/jobs/" + new_id).c_str(), admin.headers())->status, 200);
  // The admin page sets the period; a county cannot.
  Browser county = sign_in("青石县");
  EXPECT_EQ(client()
                .Post("/admin/retention", county.headers(), httplib::Params{{"csrf", county.csrf}, {"days", "1"}})
                ->status,
            404);
  auto set = client().Post("/admin/retention", admin.headers(), httplib::Params{{"csrf", admin.csrf}, {"days", "30"}});
  EXPECT_NE(set->body.find("保留期限已设为 30 天"), std::string::npos);
}

TEST_F(ServeTest, AVerifyJobChecksAReceivedPackage) {
  start();
  Browser b = sign_in("admin");
  const std::string id = job_of(upload(b, sample_zip()));
  ASSERT_EQ(wait_for(b, id), kJobDone);
  const std::string pack_id =
      job_of(client().Post(("/jobs/" + id + "/pack").c_str(), b.headers(), httplib::Params{{"csrf", b.csrf}}));
  ASSERT_EQ(wait_for(b, pack_id), kJobDone);
  const std::string package = (fs::path(data_.str()) / "files" / pack_id / "package.zip").string();
  auto r = upload(b, package, "/verify");
  ASSERT_EQ(r->status, 303) << r->body;
  const std::string verify_id = job_of(r);
  ASSERT_EQ(wait_for(b, verify_id), kJobDone);
  auto page = client().Get(("/jobs/" + verify_id).c_str(), b.headers());
  EXPECT_NE(page->body.find("材料包完整"), std::string::npos);
}

TEST_F(ServeTest, ALargeOrdinaryFormBodyIsRefusedBeforeItIsRead) {
  start();
  auto r = client().Post("/login", std::string(200 * 1024, 'x'), "application/x-www-form-urlencoded");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 413);
}

TEST_F(ServeTest, OverHttpsTheSessionCookieIsSecure) {
  // A throw-away self-signed certificate made with the openssl tool.
  const std::string cert = (data_.path() / "cert.pem").string();
  const std::string key = (data_.path() / "key.pem").string();
  const std::string command = "openssl req -x509 -newkey rsa:2048 -nodes -subj /CN=127.0.0.1 -days 1 -keyout '" + key +
                              "' -out '" + cert + "' >/dev/null 2>&1";
  if (std::system(command.c_str()) != 0) GTEST_SKIP() << "openssl is not installed";
  ServeOptions options;
  options.listen = "127.0.0.1:0";
  options.data_dir = data_.str();
  options.rules_dir = evpack::testing::source_dir() + "/rules";
  options.tls_cert = cert;
  options.tls_key = key;
  auto app = open_serve_app(options);
  ASSERT_TRUE(app.ok()) << app.error().message;
  app_ = std::move(app.value());
  port_ = *app_->bind();
  thread_ = std::thread([this] { app_->run(); });

  httplib::SSLClient tls("127.0.0.1", port_);
  tls.enable_server_certificate_verification(false);
  auto form = tls.Get("/login");
  ASSERT_TRUE(form);
  EXPECT_NE(form->get_header_value("Set-Cookie").find("; Secure"), std::string::npos);
  auto r = tls.Post("/login", {{"Cookie", "evpack_login=" + cookie_value(form, "evpack_login")}},
                    httplib::Params{{"csrf", csrf_in(form->body)}, {"user", "青石县"}, {"password", kPassword}});
  ASSERT_EQ(r->status, 303);
  EXPECT_NE(r->get_header_value("Set-Cookie").find("HttpOnly; SameSite=Strict; Max-Age=43200; Secure"),
            std::string::npos);
  // Plain HTTP to the TLS port gets no page.
  auto plain = client().Get("/login");
  EXPECT_TRUE(!plain || plain->status != 200);

  ServeOptions broken = options;
  broken.tls_key = cert;  // not a key
  broken.data_dir = (data_.path() / "other").string();
  auto refused = open_serve_app(broken);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, "HTTP_TLS_FAILED");
}

TEST(HttpServer, AttachmentDispositionCarriesTheUtf8NameAndAnAsciiFallback) {
  EXPECT_EQ(attachment_disposition("青石县验收材料.zip"),
            "attachment; filename=\"download.zip\"; filename*=UTF-8''"
            "%E9%9D%92%E7%9F%B3%E5%8E%BF%E9%AA%8C%E6%94%B6%E6%9D%90%E6%96%99.zip");
  EXPECT_EQ(attachment_disposition("a\"b;c"), "attachment; filename=\"download\"; filename*=UTF-8''a%22b%3Bc");
}

}  // namespace
}  // namespace evpack
