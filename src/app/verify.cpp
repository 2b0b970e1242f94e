#include "evpack/app/verify.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "evpack/adapters/digest.hpp"
#include "evpack/package/bagit.hpp"
#include "evpack/util/text.hpp"
#include "evpack/util/thread_pool.hpp"

namespace evpack {

namespace {

namespace fs = std::filesystem;

Finding finding(std::string code, Severity severity, std::string file, std::string message, std::string advice = "") {
  Finding f;
  f.code = std::move(code);
  f.severity = severity;
  f.file = std::move(file);
  f.message = std::move(message);
  f.advice = std::move(advice);
  return f;
}

std::optional<std::string> read_text(const fs::path& path) {
  std::error_code ec;
  if (!fs::is_regular_file(fs::symlink_status(path, ec))) return std::nullopt;
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// A path read from a received bag (manifest, tag manifest) is hostile: it names a file inside
// the bag only when it is relative, has no "..", "\\" or ':' in any part, crosses no symlink and
// resolves under the bag folder. Returns nullopt otherwise; such a path is never opened.
std::optional<fs::path> inside_bag(const fs::path& bag, const std::string& rel) {
  if (rel.empty() || rel.front() == '/' || rel.find('\\') != std::string::npos || rel.find(':') != std::string::npos ||
      rel.find('\0') != std::string::npos) {
    return std::nullopt;
  }
  fs::path at = bag;
  std::error_code ec;
  for (const auto& part : fs::u8path(rel)) {
    if (part.empty() || part == "." || part == "..") return std::nullopt;
    at /= part;
    const auto status = fs::symlink_status(at, ec);
    if (fs::is_symlink(status)) return std::nullopt;
  }
  const fs::path real_bag = fs::weakly_canonical(bag, ec);
  const fs::path real = fs::weakly_canonical(at, ec);
  if (ec) return std::nullopt;
  auto [end, ignored] = std::mismatch(real_bag.begin(), real_bag.end(), real.begin(), real.end());
  if (end != real_bag.end()) return std::nullopt;
  return at;
}

Finding unsafe_path(const std::string& list, const std::string& rel) {
  return finding("BAG_PATH_UNSAFE", Severity::Error, list,
                 "清单中的路径“" + rel + "”指向材料包以外（绝对路径、“..”或符号链接），未读取；清单可能被恶意改动",
                 "请向提交单位核实，或用 evpack pack 重新打包");
}

// Files under `bag`/data as "data/…" paths (UTF-8, '/').
std::vector<std::string> payload_files(const fs::path& bag) {
  std::vector<std::string> out;
  std::error_code ec;
  const fs::path data = bag / "data";
  for (fs::recursive_directory_iterator it(data, fs::directory_options::skip_permission_denied, ec), end; it != end;
       it.increment(ec)) {
    if (ec) break;
    if (it->is_regular_file(ec)) out.push_back("data/" + fs::relative(it->path(), data, ec).generic_string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

void check_manifest(const fs::path& bag, int jobs, VerifyReport& report) {
  ManifestReport& m = report.manifest;
  m.is_bag = true;
  const auto declaration = read_text(bag / "bagit.txt");
  bool has_version = false;
  for (const auto& [label, value] : parse_tag_file(declaration.value_or(""))) {
    if (label == "BagIt-Version") has_version = true;
  }
  if (!has_version) {
    report.findings.push_back(
        finding("BAG_INVALID", Severity::Warning, "bagit.txt", "bagit.txt 缺少“BagIt-Version”声明"));
  }
  const auto manifest_text = read_text(bag / "manifest-sha256.txt");
  if (!manifest_text) {
    report.findings.push_back(
        finding("BAG_NO_MANIFEST", Severity::Error, "manifest-sha256.txt",
                "材料包中没有 SHA-256 清单（manifest-sha256.txt），无法核对文件是否完整、未被改动",
                "请用 evpack pack 重新打包"));
    return;
  }
  auto manifest = parse_manifest(*manifest_text);
  if (!manifest) {
    report.findings.push_back(
        finding("BAG_MANIFEST_INVALID", Severity::Error, "manifest-sha256.txt", manifest.error().message));
    return;
  }
  m.has_manifest = true;
  m.listed = manifest->size();

  const std::vector<std::string> present = payload_files(bag);
  const std::set<std::string> present_set(present.begin(), present.end());
  std::set<std::string> listed_set;
  std::vector<const ManifestEntry*> to_hash;
  for (const auto& e : manifest.value()) {
    if (!e.path.starts_with("data/") || !inside_bag(bag, e.path)) {
      report.findings.push_back(unsafe_path("manifest-sha256.txt", e.path));
      continue;
    }
    listed_set.insert(e.path);
    if (present_set.count(e.path))
      to_hash.push_back(&e);
    else
      m.missing.push_back(e.path);
  }
  for (const auto& p : present) {
    if (!listed_set.count(p)) m.extra.push_back(p);
  }
  std::vector<char> same(to_hash.size(), 0);
  parallel_for(to_hash.size(), jobs, [&](std::size_t i, int) {
    auto sum = sha256_file((bag / fs::u8path(to_hash[i]->path)).string());
    same[i] = sum && sum.value() == to_hash[i]->sha256;
  });
  for (std::size_t i = 0; i < to_hash.size(); ++i) {
    if (same[i])
      ++m.verified;
    else
      m.altered.push_back(to_hash[i]->path);
  }
  for (const auto& p : m.missing) {
    report.findings.push_back(finding("BAG_FILE_MISSING", Severity::Error, p,
                                      "清单中列出的文件在材料包中不存在（或因不安全未能解压）",
                                      "请重新打包，或向提交单位索要完整的材料包"));
  }
  for (const auto& p : m.extra) {
    report.findings.push_back(finding("BAG_FILE_EXTRA", Severity::Warning, p,
                                      "材料包中有清单未列出的文件（打包后被加入）", "请确认该文件的来源"));
  }
  for (const auto& p : m.altered) {
    report.findings.push_back(finding("BAG_FILE_ALTERED", Severity::Error, p,
                                      "文件内容与清单中的 SHA-256 不一致：打包后被改动过",
                                      "请向提交单位核实，或重新打包"));
  }

  // Payload-Oxum: "<bytes>.<files>".
  std::uint64_t bytes = 0;
  std::error_code ec;
  for (const auto& p : present) bytes += fs::file_size(bag / fs::u8path(p), ec);
  for (const auto& [label, value] : parse_tag_file(read_text(bag / "bag-info.txt").value_or(""))) {
    if (label == "Payload-Oxum" && value != std::to_string(bytes) + "." + std::to_string(present.size())) {
      report.findings.push_back(finding("BAG_OXUM_MISMATCH", Severity::Warning, "bag-info.txt",
                                        "bag-info.txt 中的 Payload-Oxum（" + value + "）与实际文件（" +
                                            std::to_string(bytes) + "." + std::to_string(present.size()) + "）不符"));
    }
  }
  if (const auto tags = read_text(bag / "tagmanifest-sha256.txt")) {
    auto parsed = parse_manifest(*tags);
    for (const auto& e : parsed ? parsed.value() : std::vector<ManifestEntry>{}) {
      const auto file = inside_bag(bag, e.path);
      if (!file) {
        report.findings.push_back(unsafe_path("tagmanifest-sha256.txt", e.path));
        continue;
      }
      auto sum = sha256_file(file->string());
      if (!sum || sum.value() != e.sha256) m.tag_altered.push_back(e.path);
    }
    for (const auto& p : m.tag_altered) {
      report.findings.push_back(finding("BAG_TAG_ALTERED", Severity::Warning, p,
                                        "目录、自检报告或清单文件在打包后被改动过（与 tagmanifest-sha256.txt 不符）"));
    }
  }
}

}  // namespace

bool VerifyReport::intact() const {
  if (!manifest.is_bag || !manifest.has_manifest) return false;
  return std::none_of(findings.begin(), findings.end(), [](const Finding& f) { return f.severity >= Severity::Error; });
}

Expected<VerifyReport> verify_package(const std::string& path, const VerifyOptions& options) {
  VerifyReport report;
  report.package = path;
  auto extracted = extract_zip_safely(path, options.limits);
  if (!extracted) {
    report.findings.push_back(finding(extracted.error().code, Severity::Fatal, "",
                                      "无法打开该压缩包：" + extracted.error().message,
                                      "压缩包可能不完整（下载或传输中断）或已损坏，请重新获取"));
    return report;
  }
  const auto extraction = std::make_shared<const ZipExtraction>(std::move(extracted.value()));
  report.entries = extraction->entries;
  report.findings = extraction->findings;
  const int jobs = options.check.jobs > 0 ? options.check.jobs : default_jobs();

  const std::string bag = extraction->bag_root();
  if (bag.empty()) {
    report.findings.push_back(
        finding("PACKAGE_NO_MANIFEST", Severity::Warning, "",
                "不是 evpack/BagIt 格式的材料包（没有 bagit.txt 和 SHA-256 清单），无法核对文件是否完整、未被改动",
                "用 evpack pack 打包可生成带清单和目录的验收材料包"));
  } else {
    check_manifest(bag, jobs, report);
  }

  if (options.run_check) {
    CheckOptions check = options.check;
    check.input = path;
    check.unpacked = extraction;
    auto result = run_check(check);
    if (!result) return result.error();
    report.check = std::move(result.value());
    name_deductions(report.check->rules, report.findings);
  }
  sort_findings(report.findings);
  return report;
}

std::string render_verify_summary(const VerifyReport& report, int max_findings) {
  std::string out = "evpack 材料包校验：" + report.package + "\n";
  const ManifestReport& m = report.manifest;
  out += "压缩包条目：" + std::to_string(report.entries) + " 个\n";
  if (m.is_bag && m.has_manifest) {
    out += "SHA-256 清单：列出 " + std::to_string(m.listed) + " 个文件，核对一致 " + std::to_string(m.verified) + " 个";
    if (!m.missing.empty()) out += "，缺失 " + std::to_string(m.missing.size());
    if (!m.extra.empty()) out += "，多出 " + std::to_string(m.extra.size());
    if (!m.altered.empty()) out += "，被改动 " + std::to_string(m.altered.size());
    out += "\n";
  } else {
    out += "SHA-256 清单：无（不是 evpack/BagIt 格式的材料包）\n";
  }
  out += report.intact() ? "结论：材料包完整，所有文件与清单一致，未发现不安全的条目。\n"
                         : "结论：材料包存在问题，见下。\n";
  int shown = 0;
  for (const auto& f : report.findings) {
    if (shown++ >= max_findings) {
      out += "……另有 " + std::to_string(report.findings.size() - static_cast<std::size_t>(max_findings)) + " 条\n";
      break;
    }
    out += "[" + severity_label_zh(f.severity) + "] " + (f.file.empty() ? "" : f.file + "：") + f.message + "\n";
    if (!f.advice.empty()) out += "      建议：" + f.advice + "\n";
  }
  return out;
}

}  // namespace evpack
