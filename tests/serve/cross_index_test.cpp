// The cross-archive report: a photo planted in two counties' archives (resized and
// recompressed in one) and a document filed by both are found; a third county sharing
// nothing shows in no pair. Also the matching at 100 archives × 1,000 photos.
#include "evpack/serve/cross_index.hpp"

#include <gtest/gtest.h>
#include <httplib.h>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <random>
#include <regex>
#include <thread>

#include "evpack/adapters/image_codec.hpp"
#include "evpack/adapters/image_ops.hpp"
#include "evpack/adapters/zip_archive.hpp"
#include "evpack/serve/serve.hpp"
#include "support/temp_dir.hpp"

namespace evpack {
namespace {

namespace fs = std::filesystem;
using evpack::testing::TempDir;

const fs::path kSample = fs::path(EVPACK_SOURCE_DIR) / "samples" / "青石县佐证材料";
const std::string kPhoto = "6 培训交流/6.3 企业培训/2025.9.10 运输企业信用知识培训.jpg";
const std::string kDocument =
    "一、制度建设（13分）/1.1成立领导小组/青交字〔2025〕3号 关于成立信用交通县创建工作领导小组的通知.pdf";
const std::string kOtherPhoto = "七、探索创新（24分）/7.2信易+场景/2025.8.28 交通信易贷签约仪式.jpg";
const std::string kOtherDocument = "6 培训交流/6.2 省级培训/省厅培训通知.pdf";

std::string zip_of(const TempDir& dir, const std::string& name,
                   const std::vector<std::pair<std::string, std::string>>& entries) {
  const std::string path = (dir.path() / name).string();
  auto writer = create_zip_writer(path);
  EXPECT_TRUE(writer.ok());
  for (const auto& [entry, disk] : entries) EXPECT_TRUE(writer.value()->add_file(entry, disk, ZipMethod::Deflate).ok());
  EXPECT_TRUE(writer.value()->finish().ok());
  return path;
}

TEST(CrossIndex, FindsAPlantedPhotoAndDocumentAcrossCountiesAndNothingElse) {
  std::signal(SIGPIPE, SIG_IGN);
  TempDir tmp;
  // The planted photo, resized to 60 % and recompressed at quality 70 for the second county.
  auto original = decode_image_file((kSample / kPhoto).string());
  ASSERT_TRUE(original.ok());
  const auto smaller = resize(*original, original->width * 3 / 5, original->height * 3 / 5);
  const auto jpeg = encode_jpeg(smaller, 70);
  const fs::path resized = tmp.write("resized.jpg", std::string(jpeg.begin(), jpeg.end()));

  const std::string a =
      zip_of(tmp, "a.zip",
             {{"材料/培训.jpg", (kSample / kPhoto).string()}, {"材料/通知.pdf", (kSample / kDocument).string()}});
  const std::string b = zip_of(
      tmp, "b.zip",
      {{"佐证/照片/企业培训现场.jpg", resized.string()}, {"佐证/领导小组通知.pdf", (kSample / kDocument).string()}});
  const std::string c = zip_of(tmp, "c.zip",
                               {{"材料/签约.jpg", (kSample / kOtherPhoto).string()},
                                {"材料/培训通知.pdf", (kSample / kOtherDocument).string()}});

  TempDir data;
  const std::string pw = "cross-test-pw";
  for (const std::string county : {"青石县", "临山县", "河口县"}) {
    ASSERT_TRUE(add_user(data.str(), county, kRoleCounty, pw).ok());
  }
  ASSERT_TRUE(add_user(data.str(), "市局评审", kRoleReviewer, pw, {"青石县", "临山县", "河口县"}).ok());
  ServeOptions options;
  options.listen = "127.0.0.1:0";
  options.data_dir = data.str();
  options.rules_dir = std::string(EVPACK_SOURCE_DIR) + "/rules";
  options.ocr = false;
  options.check_jobs = 2;
  auto app = open_serve_app(options);
  ASSERT_TRUE(app.ok());
  const int port = *app.value()->bind();
  std::thread server([&] { app.value()->run(); });

  const auto sign_in = [&](const std::string& user) {
    httplib::Client cli("127.0.0.1", port);
    auto form = cli.Get("/login");
    std::smatch m;
    std::regex_search(form->body, m, std::regex("name=csrf value=\"([0-9a-f]+)\""));
    const std::string login = form->get_header_value("Set-Cookie").substr(13, 32);
    auto r = cli.Post("/login", {{"Cookie", "evpack_login=" + login}},
                      httplib::Params{{"csrf", m[1]}, {"user", user}, {"password", pw}});
    const std::string session = r->get_header_value("Set-Cookie").substr(15, 64);
    httplib::Headers headers{{"Cookie", "evpack_session=" + session}};
    auto home = cli.Get("/", headers);
    std::regex_search(home->body, m, std::regex("name=csrf value=\"([0-9a-f]+)\""));
    return std::make_pair(headers, std::string(m[1]));
  };
  std::vector<std::string> jobs;
  for (const auto& [county, zip] :
       std::vector<std::pair<std::string, std::string>>{{"青石县", a}, {"临山县", b}, {"河口县", c}}) {
    auto [headers, csrf] = sign_in(county);
    std::ifstream in(zip, std::ios::binary);
    httplib::MultipartFormDataItems items{
        {"csrf", csrf, "", ""}, {"archive", std::string(std::istreambuf_iterator<char>(in), {}), "材料.zip", ""}};
    httplib::Client cli("127.0.0.1", port);
    auto r = cli.Post("/upload", headers, items);
    ASSERT_EQ(r->status, 303);
    jobs.push_back(r->get_header_value("Location"));
    for (int i = 0; i < 600; ++i) {
      auto s = cli.Get((jobs.back() + "/status.json").c_str(), headers);
      if (s->body.find("\"state\":\"done\"") != std::string::npos) break;
      ASSERT_EQ(s->body.find("\"state\":\"failed\""), std::string::npos) << s->body;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  }

  auto [headers, csrf] = sign_in("市局评审");
  httplib::Client cli("127.0.0.1", port);
  auto page = cli.Get("/cross", headers);
  ASSERT_EQ(page->status, 200);
  const std::string& body = page->body;
  EXPECT_NE(body.find("相同或近似的照片"), std::string::npos);
  EXPECT_NE(body.find("企业培训现场.jpg"), std::string::npos);
  std::smatch d;
  if (std::regex_search(body, d, std::regex("差异 ([0-9]+)/64")))
    std::printf("planted photo: %s bits apart\n", d[1].str().c_str());
  EXPECT_NE(body.find("完全相同的文件"), std::string::npos);
  EXPECT_NE(body.find("领导小组通知.pdf"), std::string::npos);
  EXPECT_NE(body.find("相同的文号"), std::string::npos);
  EXPECT_EQ(body.find("河口县"), std::string::npos) << "a county with no shared material appears in a pair";
  EXPECT_EQ(body.find("签约.jpg"), std::string::npos);
  EXPECT_EQ(body.find("培训通知.pdf"), std::string::npos);
  // Side by side: both photos' previews are shown, and fetchable by the reviewer only.
  std::smatch m;
  ASSERT_TRUE(std::regex_search(body, m, std::regex("src=\"(/jobs/[0-9a-f]{32}/preview/[0-9]+)\"")));
  EXPECT_EQ(cli.Get(m[1].str().c_str(), headers)->get_header_value("Content-Type"), "image/jpeg");
  auto [county_headers, county_csrf] = sign_in("河口县");
  EXPECT_EQ(cli.Get(m[1].str().c_str(), county_headers)->status, 404);
  EXPECT_EQ(cli.Get("/cross", county_headers)->status, 404);

  app.value()->stop();
  server.join();
}

TEST(CrossIndex, FindsThePlantedPairAmongAHundredArchivesOfAThousandPhotos) {
  // 100 counties × 1,000 photos with random hashes, one photo planted in two counties
  // with 3 bits changed: found, and nothing else. (Time: bench/cross_index_bench.cpp.)
  std::mt19937_64 rng(28);
  std::vector<IndexedEntry> entries;
  entries.reserve(100'000);
  const auto hex = [](std::uint64_t v) {
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(v));
    return std::string(buf);
  };
  for (int county = 0; county < 100; ++county) {
    for (int photo = 0; photo < 1000; ++photo) {
      std::string grid;
      for (int i = 0; i < 6; ++i) grid += hex(rng());  // 48 colour bytes
      entries.push_back({{"phash", hex(rng()), "照片" + std::to_string(photo) + ".jpg", grid, photo},
                         "job" + std::to_string(county),
                         "县" + std::to_string(county)});
    }
  }
  const std::uint64_t planted = rng();
  entries[5 * 1000 + 7].entry.value = hex(planted);
  entries[73 * 1000 + 421].entry.value = hex(planted ^ 0b10110);
  entries[73 * 1000 + 421].entry.extra = entries[5 * 1000 + 7].entry.extra;
  const auto start = std::chrono::steady_clock::now();
  const auto matches = cross_matches(entries);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("cross_matches over 100,000 photos: %.2f s, %zu pairs\n", seconds, matches.size());
  ASSERT_EQ(matches.size(), 1u);
  EXPECT_EQ(matches[0].distance, 3);
}

}  // namespace
}  // namespace evpack
