#include "evpack/app/verify.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <set>

#include "evpack/adapters/digest.hpp"
#include "evpack/package/pack.hpp"
#include "fakes/fake_inspectors.hpp"
#include "scan/stored_zip.hpp"
#include "support/external_tool.hpp"
#include "support/temp_dir.hpp"

namespace evpack {
namespace {

namespace fs = std::filesystem;
using testing::run_command;
using testing::shell_quote;
using testing::TempDir;

// Checks run with the labelled fakes (tests/fakes/): verify is about the package, and the
// packed copies get the facts of their originals (matched by content).
CheckOptions check_options() {
  static const testing::FakeInspectors labelled = testing::labelled_fakes(
      testing::source_dir() + "/samples/青石县佐证材料", testing::source_dir() + "/samples/青石县佐证材料.labels.json");
  CheckOptions options = testing::fake_check_options("", labelled);
  options.evaluate.as_of = {2025, 12, 31};
  return options;
}

// Packs the sample once for the suite; returns the zip path.
const std::string& sample_package() {
  static TempDir dir;
  static const std::string zip = [] {
    CheckOptions options = check_options();
    options.input = testing::source_dir() + "/samples/青石县佐证材料";
    auto check = run_check(options);
    PackOptions pack;
    pack.output = (dir.path() / "青石县验收材料.zip").string();
    pack.plan.unmapped = UnmappedPolicy::OtherFolder;
    pack.tool_version = "test";
    auto packed = write_package(check.value(), pack);
    EXPECT_TRUE(packed.ok()) << (packed.ok() ? "" : packed.error().message);
    return pack.output;
  }();
  return zip;
}

std::set<std::string> codes_of(const std::vector<Finding>& findings) {
  std::set<std::string> codes;
  for (const auto& f : findings) codes.insert(f.code);
  return codes;
}

VerifyReport verify(const std::string& zip, bool run_check = true) {
  VerifyOptions options;
  options.check = check_options();
  options.run_check = run_check;
  auto report = verify_package(zip, options);
  EXPECT_TRUE(report.ok());
  return report.ok() ? std::move(report.value()) : VerifyReport{};
}

TEST(Verify, OwnPackageIsIntactAndChecksLikeTheFolder) {
  const VerifyReport report = verify(sample_package());
  EXPECT_TRUE(report.intact()) << render_verify_summary(report, 20);
  EXPECT_TRUE(report.manifest.is_bag);
  EXPECT_EQ(report.manifest.listed, 49u);  // all 49 sample files, unmapped ones in 99 未归类材料
  EXPECT_EQ(report.manifest.verified, 49u);
  ASSERT_TRUE(report.check.has_value());
  EXPECT_EQ(report.check->evidence.size(), 49u);
  EXPECT_EQ(report.check->scan.root, sample_package());

  CheckOptions options = check_options();
  options.input = testing::source_dir() + "/samples/青石县佐证材料";
  const CheckResult folder = run_check(options).value();
  for (std::size_t i = 0; i < folder.evaluation.indicators.size(); ++i) {
    EXPECT_EQ(report.check->evaluation.indicators[i].points, folder.evaluation.indicators[i].points)
        << folder.evaluation.indicators[i].id;
  }
  const std::string summary = render_verify_summary(report, 20);
  EXPECT_NE(summary.find("核对一致 49 个"), std::string::npos) << summary;
  EXPECT_NE(summary.find("材料包完整"), std::string::npos);
}

TEST(Verify, AlteredMissingAndExtraFilesAreNamed) {
  TempDir dir;
  const std::string tampered = (dir.path() / "tampered.zip").string();
  // Rewrite the package with Python: flip a byte in one payload file, drop another, add one.
  const std::string script = R"PY(
import zipfile, sys
src, dst = zipfile.ZipFile(sys.argv[1]), zipfile.ZipFile(sys.argv[2], 'w')
data = [i for i in src.infolist() if '/data/' in i.filename]
altered, dropped = data[0].filename, data[1].filename
for i in src.infolist():
    b = src.read(i)
    if i.filename == dropped: continue
    if i.filename == altered: b = bytes([b[0] ^ 1]) + b[1:]
    dst.writestr(i, b)
dst.writestr(data[0].filename.rsplit('/', 1)[0] + '/后加的.txt', 'x')
dst.close()
print(altered.split('/', 1)[1]); print(dropped.split('/', 1)[1])
)PY";
  const auto r = run_command(std::string(testing::system_python()) + " -c " + shell_quote(script) + " " +
                             shell_quote(sample_package()) + " " + shell_quote(tampered));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const auto newline = r.output.find('\n');
  const std::string altered = r.output.substr(0, newline);
  const std::string dropped = r.output.substr(newline + 1, r.output.size() - newline - 2);

  const VerifyReport report = verify(tampered, false);
  EXPECT_FALSE(report.intact());
  EXPECT_EQ(report.manifest.altered, std::vector<std::string>{altered});
  EXPECT_EQ(report.manifest.missing, std::vector<std::string>{dropped});
  ASSERT_EQ(report.manifest.extra.size(), 1u);
  EXPECT_TRUE(report.manifest.extra[0].ends_with("/后加的.txt"));
  const auto codes = codes_of(report.findings);
  for (const char* code : {"BAG_FILE_ALTERED", "BAG_FILE_MISSING", "BAG_FILE_EXTRA", "BAG_OXUM_MISMATCH"}) {
    EXPECT_TRUE(codes.count(code)) << code;
  }
  EXPECT_FALSE(report.check.has_value());
}

// Regression (issue 24): verify hashed files named by the received tag manifest outside the bag
// (/etc/passwd, ../../etc/hostname) and then called the package complete.
TEST(Verify, ManifestPathsOutsideTheBagAreNeverOpened) {
  TempDir dir;
  const std::string payload = "evidence";
  const std::string manifest = sha256_bytes(payload.data(), payload.size()) + "  data/a.txt\n" + std::string(64, '0') +
                               "  data/../../../../../../etc/hostname\n";
  std::string tags = sha256_bytes(manifest.data(), manifest.size()) + "  manifest-sha256.txt\n";
  for (const std::string outside : {"/etc/passwd", "../../../../../../../../etc/hostname"}) {
    const auto sum = sha256_file(fs::path(outside).is_absolute() ? outside : "/etc/hostname");
    tags += (sum.ok() ? sum.value() : std::string(64, '0')) + "  " + outside + "\n";
  }
  const auto zip =
      dir.write("bag.zip",
                testing::make_stored_zip({{"bag/bagit.txt", "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n"},
                                          {"bag/data/a.txt", payload},
                                          {"bag/manifest-sha256.txt", manifest},
                                          {"bag/tagmanifest-sha256.txt", tags}}));
  const VerifyReport report = verify(zip.string(), false);
  EXPECT_FALSE(report.intact()) << render_verify_summary(report, 20);
  std::size_t unsafe = 0;
  for (const auto& f : report.findings) unsafe += f.code == "BAG_PATH_UNSAFE";
  EXPECT_EQ(unsafe, 3u) << render_verify_summary(report, 20);
  EXPECT_EQ(report.manifest.verified, 1u);
  EXPECT_TRUE(report.manifest.tag_altered.empty());  // nothing outside was hashed
}

TEST(Verify, HostileAndBrokenZipsAreReported) {
  const VerifyReport slip = verify(testing::corpus_dir() + "/zip/zip-slip.zip");
  EXPECT_FALSE(slip.intact());
  const auto codes = codes_of(slip.findings);
  EXPECT_TRUE(codes.count("ZIP_PATH_TRAVERSAL"));
  EXPECT_TRUE(codes.count("PACKAGE_NO_MANIFEST"));
  ASSERT_TRUE(slip.check.has_value());
  EXPECT_TRUE(codes_of(slip.check->findings).count("ZIP_PATH_TRAVERSAL"));  // the check sees them too

  const VerifyReport truncated = verify(testing::corpus_dir() + "/zip/libzip_testfile-truncated.zip");
  EXPECT_FALSE(truncated.intact());
  ASSERT_FALSE(truncated.findings.empty());
  EXPECT_EQ(truncated.findings[0].severity, Severity::Fatal);
  EXPECT_FALSE(truncated.check.has_value());

  const VerifyReport bomb = verify(testing::corpus_dir() + "/zip/zipbomb_zbsm-style_overlapping.zip", false);
  EXPECT_TRUE(codes_of(bomb.findings).count("ZIP_BOMB"));
}

TEST(Verify, CheckAcceptsAZipThroughTheSamePath) {
  CheckOptions options = check_options();
  options.input = sample_package();
  auto result = run_check(options);
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_EQ(result->evidence.size(), 49u);
  EXPECT_EQ(result->scan.root, sample_package());
  for (const auto& e : result->evidence)
    EXPECT_TRUE(e.file.rel_path.starts_with("0") || e.file.rel_path.starts_with("99")) << e.file.rel_path;
}

}  // namespace
}  // namespace evpack
