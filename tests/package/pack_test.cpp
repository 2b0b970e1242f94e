#include "evpack/package/pack.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "evpack/adapters/zip_archive.hpp"
#include "evpack/app/check.hpp"
#include "fakes/fake_inspectors.hpp"
#include "support/external_tool.hpp"
#include "support/temp_dir.hpp"

namespace evpack {
namespace {

namespace fs = std::filesystem;
using testing::run_command;
using testing::shell_quote;
using testing::TempDir;
using testing::tool_available;

const std::string kBag = "青石县验收材料";

std::string sample_dir() { return testing::source_dir() + "/samples/青石县佐证材料"; }

// Packaging is tested on checks made with the fake inspectors (tests/fakes/): what is
// packed where depends on the mapping and the dates, not on how a seal was found.
CheckResult check_of(const std::string& dir) {
  static const testing::FakeInspectors labelled =
      testing::labelled_fakes(sample_dir(), testing::source_dir() + "/samples/青石县佐证材料.labels.json");
  CheckOptions options = testing::fake_check_options(dir, labelled);
  options.evaluate.as_of = {2025, 12, 31};
  auto result = run_check(options);
  EXPECT_TRUE(result.ok()) << (result.ok() ? "" : result.error().message);
  return std::move(result.value());
}

// The sample checked once for the whole suite (inspection is the slow part).
const CheckResult& sample_check() {
  static const CheckResult result = check_of(sample_dir());
  return result;
}

PackOptions options_for(const fs::path& dir, UnmappedPolicy unmapped = UnmappedPolicy::Exclude) {
  PackOptions options;
  options.output = (dir / (kBag + ".zip")).string();
  options.plan.unmapped = unmapped;
  options.tool_version = "test";
  options.input_label = "samples/青石县佐证材料";
  options.jobs = 2;
  return options;
}

std::string read_all(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::vector<std::string> names_in(const std::string& zip) {
  auto names = list_zip_entry_names(zip);
  EXPECT_TRUE(names.ok());
  return names.ok() ? names.value() : std::vector<std::string>{};
}

// Extracts with Python's zipfile (an independent reader) into `dir`.
void extract(const std::string& zip, const fs::path& dir) {
  const auto r = run_command(std::string(testing::system_python()) +
                             " -c \"import zipfile,sys; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])\" " +
                             shell_quote(zip) + " " + shell_quote(dir.string()));
  ASSERT_EQ(r.exit_code, 0) << r.output;
}

// A BagIt validator written against RFC 8493 with Python's hashlib: bagit.txt, every payload
// file listed (and nothing else), every checksum, Payload-Oxum, the tag manifest.
constexpr const char* kBagValidator = R"PY(
import hashlib, os, sys
bag = sys.argv[1]
assert open(os.path.join(bag, 'bagit.txt'), encoding='utf-8').read() == 'BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n'
def load(name):
    d = {}
    for line in open(os.path.join(bag, name), encoding='utf-8'):
        s, p = line.rstrip('\n').split('  ', 1)
        d[p.replace('%0A', '\n').replace('%0D', '\r').replace('%25', '%')] = s
    return d
def sha(p):
    return hashlib.sha256(open(os.path.join(bag, p), 'rb').read()).hexdigest()
m = load('manifest-sha256.txt')
files = []
for root, _, names in os.walk(os.path.join(bag, 'data')):
    files += [os.path.relpath(os.path.join(root, n), bag) for n in names]
assert sorted(files) == sorted(m), set(files) ^ set(m)
for p, s in m.items():
    assert sha(p) == s, p
info = dict(l.rstrip('\n').split(': ', 1) for l in open(os.path.join(bag, 'bag-info.txt'), encoding='utf-8'))
octets, streams = info['Payload-Oxum'].split('.')
assert int(streams) == len(files) and int(octets) == sum(os.path.getsize(os.path.join(bag, f)) for f in files)
for p, s in load('tagmanifest-sha256.txt').items():
    assert sha(p) == s, p
print('valid', len(files))
)PY";

std::string validate_bag(const fs::path& bag_dir, const fs::path& scratch) {
  const auto script = scratch / "validate_bag.py";
  std::ofstream(script) << kBagValidator;
  return run_command(std::string(testing::system_python()) + " " + shell_quote(script.string()) + " " +
                     shell_quote(bag_dir.string()))
      .output;
}

TEST(Pack, ParsesVolumeSizes) {
  EXPECT_EQ(parse_size("200M"), 200'000'000u);
  EXPECT_EQ(parse_size("200MB"), 200'000'000u);
  EXPECT_EQ(parse_size("1.5g"), 1'500'000'000u);
  EXPECT_EQ(parse_size("500K"), 500'000u);
  EXPECT_EQ(parse_size("4096"), 4096u);
  EXPECT_FALSE(parse_size("").has_value());
  EXPECT_FALSE(parse_size("-5M").has_value());
  EXPECT_FALSE(parse_size("12X").has_value());
  EXPECT_EQ(volume_path("out/青石县验收材料.zip", 1, 3), "out/青石县验收材料-第2卷.zip");
  EXPECT_EQ(volume_path("out/青石县验收材料.zip", 0, 1), "out/青石县验收材料.zip");
}

TEST(Pack, RefusesUnmappedFilesListsThemAndLeavesNothingBehind) {
  TempDir out;
  auto packed = write_package(sample_check(), options_for(out.path(), UnmappedPolicy::Refuse));
  ASSERT_FALSE(packed.ok());
  EXPECT_EQ(packed.error().code, "PACK_UNMAPPED_FILES");
  EXPECT_NE(packed.error().message.find("其他/杂项.docx"), std::string::npos) << packed.error().message;
  EXPECT_NE(packed.error().message.find("--unmapped"), std::string::npos);
  EXPECT_TRUE(fs::is_empty(out.path()));
}

TEST(Pack, WritesOneFolderPerCategoryAndIndicatorWithRenamedFilesAndCatalogue) {
  TempDir out;
  auto packed = write_package(sample_check(), options_for(out.path()));
  ASSERT_TRUE(packed.ok()) << packed.error().message;
  ASSERT_EQ(packed->outputs.size(), 1u);
  EXPECT_EQ(fs::directory_iterator(out.path())->path().filename().string(), kBag + ".zip");  // no temp left

  const auto names = names_in(packed->outputs[0]);
  const std::set<std::string> set(names.begin(), names.end());
  for (const char* tag : {"目录.html", "目录.xlsx", "自检报告.json", "bagit.txt", "bag-info.txt", "manifest-sha256.txt",
                          "tagmanifest-sha256.txt"}) {
    EXPECT_TRUE(set.count(kBag + "/" + tag)) << tag;
  }
  EXPECT_EQ(names.front(), kBag + "/目录.html");  // the catalogue comes first
  // The 1.1 founding document: table folders, order number, 成文日期, readable name.
  bool found_11 = false;
  for (const auto& n : names) {
    if (n.starts_with(kBag + "/data/01 制度建设（13分）/1.1 成立领导小组/01-2025-")) found_11 = true;
    EXPECT_TRUE(n.starts_with(kBag + "/")) << n;
    EXPECT_EQ(n.find("其他/杂项"), std::string::npos) << n;  // excluded
  }
  EXPECT_TRUE(found_11);
  // Category folders in table order.
  std::vector<std::string> categories;
  for (const auto& n : names) {
    const std::string prefix = kBag + "/data/";
    if (!n.starts_with(prefix)) continue;
    const std::string cat = n.substr(prefix.size(), n.find('/', prefix.size()) - prefix.size());
    if (categories.empty() || categories.back() != cat) categories.push_back(cat);
  }
  EXPECT_TRUE(std::is_sorted(categories.begin(), categories.end())) << ::testing::PrintToString(categories);
  EXPECT_EQ(categories.front(), "01 制度建设（13分）");
  // Left-out files are listed in the catalogue, with their original names.
  EXPECT_FALSE(packed->plan.left_out.empty());
  auto reader = open_zip(packed->outputs[0]);
  ASSERT_TRUE(reader.ok());
  const std::string html = reader.value()->read_head(0, 1 << 22).value();
  EXPECT_NE(html.find("其他/杂项.docx"), std::string::npos);
  EXPECT_NE(html.find("1.1 成立领导小组"), std::string::npos);
  EXPECT_NE(html.find("一、制度建设（13分）/1.1成立领导小组/"), std::string::npos);  // original path of a 1.1 file
}

TEST(Pack, PackageTestsCleanInUnzip7zPythonAndValidatesAsABag) {
  TempDir out;
  auto packed = write_package(sample_check(), options_for(out.path()));
  ASSERT_TRUE(packed.ok()) << packed.error().message;
  const std::string zip = packed->outputs[0];
  if (tool_available("unzip")) {
    const auto r = run_command("unzip -t " + shell_quote(zip));
    EXPECT_EQ(r.exit_code, 0) << r.output;
    EXPECT_NE(r.output.find("data/01 制度建设（13分）/1.1 成立领导小组/"), std::string::npos) << r.output;
  }
  if (tool_available("7z")) {
    const auto r = run_command("7z t " + shell_quote(zip));
    EXPECT_EQ(r.exit_code, 0) << r.output;
    EXPECT_NE(r.output.find("Everything is Ok"), std::string::npos);
    const auto listed = run_command("7z l " + shell_quote(zip));
    EXPECT_NE(listed.output.find(kBag + "/data/01 制度建设（13分）/1.1 成立领导小组/01-2025-"), std::string::npos)
        << listed.output;
  }
  const auto t = run_command(std::string(testing::system_python()) + " -m zipfile -t " + shell_quote(zip));
  EXPECT_EQ(t.exit_code, 0) << t.output;

  TempDir unpacked;
  extract(zip, unpacked.path());
  const auto bag = unpacked.path() / fs::u8path(kBag);
  EXPECT_EQ(validate_bag(bag, unpacked.path()), "valid " + std::to_string(packed->plan.files.size()) + "\n");
  if (tool_available("sha256sum")) {
    const auto r = run_command("cd " + shell_quote(bag.string()) + " && sha256sum --quiet -c manifest-sha256.txt");
    EXPECT_EQ(r.exit_code, 0) << r.output;
  }
}

TEST(Pack, SameInputGivesAByteIdenticalZip) {
  TempDir a;
  TempDir b;
  auto first = write_package(sample_check(), options_for(a.path()));
  auto second = write_package(sample_check(), options_for(b.path()));
  ASSERT_TRUE(first.ok() && second.ok());
  EXPECT_EQ(read_all(first->outputs[0]), read_all(second->outputs[0]));
}

TEST(Pack, CheckingThePackedDataGivesTheSameScores) {
  TempDir out;
  auto packed = write_package(sample_check(), options_for(out.path()));
  ASSERT_TRUE(packed.ok()) << packed.error().message;
  TempDir unpacked;
  extract(packed->outputs[0], unpacked.path());
  const CheckResult again = check_of((unpacked.path() / fs::u8path(kBag) / "data").string());
  const auto& before = sample_check().evaluation.indicators;
  const auto& after = again.evaluation.indicators;
  ASSERT_EQ(before.size(), after.size());
  for (std::size_t i = 0; i < before.size(); ++i) {
    EXPECT_EQ(after[i].points, before[i].points)
        << before[i].id << ": " << before[i].reason << " / " << after[i].reason;
  }
  // Nothing is loose or unmapped any more.
  for (const auto& e : again.evidence) EXPECT_FALSE(e.placement.indicator.empty()) << e.file.rel_path;
}

TEST(Pack, SplitVolumesAreSelfContainedBagsCutBetweenFolders) {
  TempDir out;
  PackOptions options = options_for(out.path());
  options.plan.split_size = 3 << 20;
  auto packed = write_package(sample_check(), options);
  ASSERT_TRUE(packed.ok()) << packed.error().message;
  ASSERT_GE(packed->outputs.size(), 2u);
  EXPECT_EQ(fs::u8path(packed->outputs[1]).filename().string(), kBag + "-第2卷.zip");
  std::set<std::string> all;
  for (std::size_t v = 0; v < packed->outputs.size(); ++v) {
    EXPECT_LE(fs::file_size(packed->outputs[v]), options.plan.split_size) << v;
    TempDir unpacked;
    extract(packed->outputs[v], unpacked.path());
    const auto bag = unpacked.path() / fs::u8path(kBag);
    const std::string validated = validate_bag(bag, unpacked.path());
    EXPECT_TRUE(validated.starts_with("valid ")) << validated;
    const std::string info = read_all(bag / "bag-info.txt");
    EXPECT_NE(info.find("Bag-Count: " + std::to_string(v + 1) + " of " + std::to_string(packed->outputs.size())),
              std::string::npos);
    for (const auto& n : names_in(packed->outputs[v])) {
      if (n.find("/data/") != std::string::npos) {
        EXPECT_TRUE(all.insert(n).second) << "twice: " << n;
      }
    }
  }
  EXPECT_EQ(all.size(), packed->plan.files.size());
  // An indicator folder is never cut when it fits in a volume.
  std::map<std::string, std::set<int>> volumes_of;
  for (const auto& f : packed->plan.files) volumes_of[f.indicator].insert(f.volume);
  for (const auto& [id, vols] : volumes_of) EXPECT_EQ(vols.size(), 1u) << id;
}

TEST(Pack, CancelLeavesNoZipAndNoTempFile) {
  TempDir out;
  PackOptions options = options_for(out.path());
  int polls = 0;
  options.cancelled = [&] { return ++polls > 10; };
  auto packed = write_package(sample_check(), options);
  ASSERT_FALSE(packed.ok());
  EXPECT_EQ(packed.error().code, "PACK_CANCELLED");
  EXPECT_TRUE(fs::is_empty(out.path()));
}

TEST(Pack, AFileChangedAfterTheCheckFailsVerificationAndKeepsTheOldZip) {
  TempDir tree;
  fs::copy(fs::u8path(sample_dir()), tree.path() / "in", fs::copy_options::recursive);
  const CheckResult check = check_of((tree.path() / "in").string());
  TempDir out;
  const PackOptions options = options_for(out.path());
  std::ofstream(fs::u8path(options.output), std::ios::binary) << "previous package";
  // Same size, other bytes: only the SHA-256 can tell.
  const auto victim = tree.path() / "in" / fs::u8path("一、制度建设（13分）/1.1成立领导小组");
  const auto file = fs::directory_iterator(victim)->path();
  std::string bytes = read_all(file);
  bytes[bytes.size() / 2] ^= 0x01;
  std::ofstream(file, std::ios::binary) << bytes;

  auto packed = write_package(check, options);
  ASSERT_FALSE(packed.ok());
  EXPECT_EQ(packed.error().code, "PACK_VERIFY_FAILED");
  EXPECT_NE(packed.error().message.find("SHA-256"), std::string::npos) << packed.error().message;
  EXPECT_EQ(read_all(fs::u8path(options.output)), "previous package");
  EXPECT_EQ(std::distance(fs::directory_iterator(out.path()), {}), 1);
}

// Decodes %XX escapes of an href.
std::string percent_decode(const std::string& href) {
  std::string out;
  for (std::size_t i = 0; i < href.size(); ++i) {
    if (href[i] == '%' && i + 2 < href.size()) {
      out += static_cast<char>(std::stoi(href.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else {
      out += href[i];
    }
  }
  return out;
}

// The href="…" targets of a page that point at files (not anchors, not data: URIs).
std::vector<std::string> file_hrefs(const std::string& html) {
  std::vector<std::string> out;
  static const std::string key = "href=\"";
  for (auto at = html.find(key); at != std::string::npos; at = html.find(key, at + 1)) {
    const auto end = html.find('"', at + key.size());
    std::string href = html.substr(at + key.size(), end - at - key.size());
    if (href.empty() || href[0] == '#' || href.rfind("data:", 0) == 0) continue;
    for (auto amp = href.find("&amp;"); amp != std::string::npos; amp = href.find("&amp;", amp + 1))
      href.replace(amp, 5, "&");
    out.push_back(percent_decode(href));
  }
  return out;
}

// From the package, the catalogue and the package's own report link every packed file by
// its place in the package; the catalogue lists every indicator, those without files
// marked 缺材料.
TEST(Pack, CatalogueAndReportLinkEachPackedFileAndListEveryIndicator) {
  TempDir dir;
  auto packed = write_package(sample_check(), options_for(dir.path()));
  ASSERT_TRUE(packed.ok()) << packed.error().message;
  const fs::path out = dir.path() / "x";
  extract(packed->outputs.front(), out);
  const fs::path bag = out / kBag;
  const std::string catalogue = read_all(bag / "目录.html");
  const std::string report = read_all(bag / "自检报告.html");
  for (const auto* page : {&catalogue, &report}) {
    const auto hrefs = file_hrefs(*page);
    std::set<std::string> linked(hrefs.begin(), hrefs.end());
    EXPECT_EQ(linked.size(), packed->plan.files.size());
    for (const auto& href : linked) EXPECT_TRUE(fs::is_regular_file(bag / href)) << href;
  }
  // The report names files by their packed names and folders.
  for (const auto& f : packed->plan.files) {
    const auto slash = f.path.rfind('/');
    EXPECT_TRUE(report.find(">" + f.path.substr(slash + 1) + "</a>") != std::string::npos ||
                report.find(">" + f.path + "</a>") != std::string::npos)
        << f.path;
    EXPECT_NE(report.find(f.path.substr(0, slash)), std::string::npos) << f.path;
  }
  // Every indicator has a heading; one without files says 缺材料.
  const CheckResult& r = sample_check();
  int missing = 0;
  for (const auto& i : r.evaluation.indicators) {
    const auto at = catalogue.find("<h3 id=\"ind-" + i.id + "\">");
    ASSERT_NE(at, std::string::npos) << i.id;
    const bool gap = catalogue.substr(at, catalogue.find("</h3>", at) - at).find("缺材料") != std::string::npos;
    EXPECT_EQ(gap, i.files.empty()) << i.id;
    missing += gap ? 1 : 0;
  }
  EXPECT_GE(missing, 3);
}

TEST(Pack, GbkNamesForOldWindowsTools) {
  TempDir out;
  PackOptions options = options_for(out.path());
  options.names = ZipNameEncoding::Gbk;
  auto packed = write_package(sample_check(), options);
  ASSERT_TRUE(packed.ok()) << packed.error().message;
  const auto py = run_command(std::string(testing::system_python()) +
                              " -c \"import zipfile,sys\nfor i in zipfile.ZipFile(sys.argv[1]).infolist()[:3]: "
                              "print(i.flag_bits & 0x800, i.filename.encode('cp437').decode('gbk'))\" " +
                              shell_quote(packed->outputs[0]));
  EXPECT_EQ(py.output, "0 " + kBag + "/目录.html\n0 " + kBag + "/目录.xlsx\n0 " + kBag + "/自检报告.json\n");
}

}  // namespace
}  // namespace evpack
