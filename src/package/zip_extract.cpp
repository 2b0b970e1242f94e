#include "evpack/package/zip_extract.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <set>

#include "evpack/adapters/zip_archive.hpp"
#include "evpack/util/system_error.hpp"
#include "evpack/util/temp_files.hpp"
#include "evpack/util/text.hpp"

namespace evpack {

namespace {

namespace fs = std::filesystem;

// A local file header is at least 30 bytes before the entry's name and data.
constexpr std::uint64_t kLocalHeaderBytes = 30;

Finding finding(std::string code, Severity severity, DeductionRole role, std::string file, std::string message,
                std::string advice = "") {
  Finding f;
  f.code = std::move(code);
  f.severity = severity;
  f.role = role;
  f.file = std::move(file);
  f.message = std::move(message);
  f.advice = std::move(advice);
  return f;
}

std::string bytes_text(std::uint64_t bytes) { return size_text(bytes, 1); }

bool ends_with_zip(const std::string& name) {
  return name.size() > 4 && to_lower_ascii(name.substr(name.size() - 4)) == ".zip";
}

struct Extractor {
  const ZipSafetyLimits& limits;
  ZipExtraction& out;
  bool stopped = false;  // disk full, budget spent or similar: nothing more is written
  // One budget for the whole extraction, shared by every nesting level.
  std::uint64_t bytes_left = limits.max_total_bytes;
  std::uint64_t entries_left = limits.max_entries;

  void bomb(const std::string& file, std::string message) {
    add(finding("ZIP_BOMB", Severity::Error, DeductionRole::None, file, std::move(message),
                "请确认压缩包来源；正常的佐证材料不会这样"));
  }

  void add(Finding f) { out.findings.push_back(std::move(f)); }

  // Unpacks one zip into `dir`; `prefix` names the zip for findings ("" at the top, "a.zip/" nested).
  Expected<bool> extract(const std::string& zip_path, const fs::path& dir, const std::string& prefix, int depth) {
    auto opened = open_archive(
        zip_path, ZipLimits{static_cast<std::size_t>(std::min<std::uint64_t>(entries_left, limits.max_entries))});
    if (!opened) return opened.error();
    ZipReader& reader = *opened.value();
    const auto& entries = reader.entries();
    if (depth == 0) out.entries = entries.size();

    // Fail fast: a zip listing more entries than the budget is refused before anything is written.
    if (reader.truncated()) {
      add(finding("ZIP_TOO_MANY_ENTRIES", Severity::Error, DeductionRole::None, prefix,
                  "压缩包中的文件超过 " + std::to_string(limits.max_entries) + " 个（含内层压缩包），未解压、未检查",
                  "请拆分为多个压缩包或检查是否为恶意压缩包"));
      return true;
    }
    entries_left -= std::min<std::uint64_t>(entries_left, entries.size());
    std::uint64_t declared = 0;
    std::uint64_t stored_span = 0;  // bytes the entries occupy in the file if none overlaps
    for (const auto& e : entries) {
      declared += e.size;
      stored_span += kLocalHeaderBytes + e.compressed_size;
    }
    if (declared > bytes_left) {
      bomb(prefix, "压缩包声明的解压后总大小为 " + bytes_text(declared) + "，超过本次解压的剩余限额 " +
                       bytes_text(bytes_left) + "（总限额 " + bytes_text(limits.max_total_bytes) +
                       "，含内层压缩包），疑似“压缩炸弹”，未解压");
      return true;
    }
    std::error_code size_ec;
    const std::uint64_t file_size = fs::file_size(zip_path, size_ec);
    if (!size_ec) {
      // Entries that do not overlap fit in the file side by side; more means entries share data.
      if (stored_span > file_size) {
        bomb(prefix, "压缩包中的文件数据互相重叠（同一段数据被多个文件共用），这是“压缩炸弹”的手法，未解压");
        return true;
      }
      if (file_size > 0 && static_cast<double>(declared) > limits.max_total_ratio * static_cast<double>(file_size)) {
        bomb(prefix, "压缩包仅 " + bytes_text(file_size) + "，声明解压后共 " + bytes_text(declared) +
                         "，整体压缩比超过 " + std::to_string(static_cast<int>(limits.max_total_ratio)) +
                         "，疑似“压缩炸弹”，未解压");
        return true;
      }
    }

    std::size_t gbk_names = 0;
    std::string gbk_example;
    std::set<std::string> seen;
    for (std::size_t i = 0; i < entries.size() && !stopped; ++i) {
      const ZipEntry& e = entries[i];
      const std::string label = prefix + e.name;
      if (e.name_decoded_from_gbk) {
        if (gbk_names++ == 0) gbk_example = e.name;
      }
      // Backslashes are separators to Windows tools: a "..\..\x" name escapes there.
      std::string name = e.name;
      for (auto& c : name) {
        if (c == '\\') c = '/';
      }
      std::vector<std::string> parts;
      bool escapes = name.starts_with("/") || (name.size() >= 2 && name[1] == ':');
      std::size_t start = 0;
      while (start <= name.size()) {
        const std::size_t slash = name.find('/', start);
        const std::string part = name.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
        if (part == "..")
          escapes = true;
        else if (!part.empty() && part != ".")
          parts.push_back(part);
        if (slash == std::string::npos) break;
        start = slash + 1;
      }
      if (escapes) {
        add(finding("ZIP_PATH_TRAVERSAL", Severity::Error, DeductionRole::None, label,
                    "压缩包中的文件路径指向压缩包以外（绝对路径或“..”），已拒绝解压（可能是恶意压缩包）",
                    "请确认压缩包来源，重新打包"));
        continue;
      }
      if (parts.empty()) continue;
      if (e.is_directory) {
        std::error_code ec;
        fs::create_directories(dir / fs::u8path(join_parts(parts)), ec);
        continue;
      }
      if (e.symlink) {
        add(finding("ZIP_SYMLINK", Severity::Warning, DeductionRole::ArchiveOrder, label,
                    "压缩包中含有符号链接，已忽略（不会跟随链接读取其他文件）", "请把链接指向的实际文件放入压缩包"));
        continue;
      }
      if (e.encrypted) {
        add(finding("ZIP_ENCRYPTED", Severity::Error, DeductionRole::ArchiveOrder, label,
                    "压缩包中的文件已加密，评审无法打开", "请去掉密码后重新打包"));
        continue;
      }
      // No size floor: 2,000 entries just under a floor add up as well as one big entry.
      if (e.size > limits.max_entry_bytes ||
          static_cast<double>(e.size) > limits.max_ratio * static_cast<double>(e.compressed_size)) {
        add(finding("ZIP_BOMB", Severity::Error, DeductionRole::None, label,
                    "该文件压缩前 " + bytes_text(e.compressed_size) + "、解压后 " + bytes_text(e.size) +
                        "，超出大小或压缩比限制，疑似“压缩炸弹”，未解压",
                    "请确认文件来源"));
        continue;
      }
      if (e.size > bytes_left) {
        bomb(label, "本次解压的总限额 " + bytes_text(limits.max_total_bytes) +
                        "（含内层压缩包）已用完，该文件及其后的文件未解压");
        stopped = true;
        break;
      }
      const std::string key = to_lower_ascii(join_parts(parts));
      if (!seen.insert(key).second) {
        add(finding("ZIP_DUPLICATE_NAME", Severity::Warning, DeductionRole::ArchiveOrder, label,
                    "压缩包中有同名文件（Windows不区分大小写），解压时会互相覆盖，只检查了第一个",
                    "请给文件改用不同的名称"));
        continue;
      }
      write_entry(reader, i, e, dir, parts, label, depth);
    }
    if (gbk_names > 0) {
      add(finding("ZIP_NAME_GBK", Severity::Info, DeductionRole::None, prefix,
                  std::to_string(gbk_names) + " 个文件名为GBK编码且未标记UTF-8（如“" + gbk_example +
                      "”），已按GBK识别；部分非中文系统解压时会出现乱码",
                  "用 evpack pack 重新打包可统一为带UTF-8标记的文件名"));
    }
    return true;
  }

  static std::string join_parts(const std::vector<std::string>& parts) {
    std::string out;
    for (const auto& p : parts) out += (out.empty() ? "" : "/") + p;
    return out;
  }

  void write_entry(ZipReader& reader, std::size_t index, const ZipEntry& e, const fs::path& dir,
                   const std::vector<std::string>& parts, const std::string& label, int depth) {
    fs::path target = dir;
    std::error_code ec;
    for (std::size_t k = 0; k + 1 < parts.size(); ++k) {
      target /= fs::u8path(parts[k]);
      fs::create_directory(target, ec);
      if (!fs::is_directory(fs::symlink_status(target, ec))) {
        add(finding("ZIP_DUPLICATE_NAME", Severity::Warning, DeductionRole::ArchiveOrder, label,
                    "压缩包中同一名称既是文件又是文件夹，无法同时解压", "请给文件改用不同的名称"));
        return;
      }
    }
    target /= fs::u8path(parts.back());
    const int fd = ::open(target.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0) {
      if (errno == EEXIST) {
        add(finding("ZIP_DUPLICATE_NAME", Severity::Warning, DeductionRole::ArchiveOrder, label,
                    "压缩包中同一名称既是文件又是文件夹，无法同时解压", "请给文件改用不同的名称"));
      } else {
        add(finding("EXTRACT_FAILED", Severity::Error, DeductionRole::None, label,
                    "无法解压该文件到临时目录：" + system_error_zh(errno)));
      }
      return;
    }
    int write_errno = 0;
    auto read = reader.read_entry(
        index,
        [&](std::string_view chunk) {
          while (!chunk.empty()) {
            const ssize_t n = ::write(fd, chunk.data(), chunk.size());
            if (n < 0) {
              if (errno == EINTR) continue;
              write_errno = errno;
              return false;
            }
            chunk.remove_prefix(static_cast<std::size_t>(n));
          }
          return true;
        },
        e.size);
    ::close(fd);
    if (!read || read.value() != e.size) {
      ::unlink(target.c_str());
      if (write_errno != 0) {
        stopped = true;
        add(finding("EXTRACT_FAILED", Severity::Error, DeductionRole::None, label,
                    "解压到临时目录失败（" + system_error_zh(write_errno) + "），其余文件未检查",
                    "请清理磁盘空间后重试"));
        return;
      }
      const std::string code = read ? "ZIP_SIZE_MISMATCH" : read.error().code;
      if (code == "ZIP_ENTRY_TOO_LARGE" || code == "ZIP_SIZE_MISMATCH") {
        add(finding("ZIP_SIZE_MISMATCH", Severity::Error, DeductionRole::ArchiveOrder, label,
                    "压缩包中该文件的实际大小与记录不符（压缩包损坏或被篡改），未解压", "请重新打包"));
      } else if (code == "ZIP_ENTRY_ENCRYPTED") {
        add(finding("ZIP_ENCRYPTED", Severity::Error, DeductionRole::ArchiveOrder, label,
                    "压缩包中的文件已加密，评审无法打开", "请去掉密码后重新打包"));
      } else if (code == "ZIP_ENTRY_UNSUPPORTED") {
        add(finding("ZIP_ENTRY_UNSUPPORTED", Severity::Error, DeductionRole::ArchiveOrder, label,
                    "压缩包中的文件使用了Windows无法解压的压缩方式", "请用“存储”或“Deflate”方式重新打包"));
      } else {
        add(finding("ZIP_ENTRY_CORRUPT", Severity::Error, DeductionRole::ArchiveOrder, label,
                    "压缩包中的文件已损坏（数据或校验值错误），无法解压", "请用原文件重新打包"));
      }
      return;
    }
    ++out.files_written;
    out.bytes_written += e.size;
    bytes_left -= std::min(bytes_left, e.size);

    if (!ends_with_zip(parts.back()) || !looks_like_zip_file(target.string())) return;
    if (depth >= limits.max_nested_depth) {
      add(finding("ZIP_NESTED_TOO_DEEP", Severity::Warning, DeductionRole::ArchiveOrder, label,
                  "压缩包内的压缩包嵌套超过 " + std::to_string(limits.max_nested_depth) + " 层，内层未检查",
                  "请把材料直接放入文件夹，不要多层压缩"));
      return;
    }
    // One level down: unpack into a folder named after the inner zip, then drop the zip.
    std::string stem = parts.back().substr(0, parts.back().size() - 4);
    fs::path folder = target.parent_path() / fs::u8path(stem);
    if (fs::exists(fs::symlink_status(folder, ec))) folder = target.parent_path() / fs::u8path(stem + "（压缩包）");
    fs::create_directory(folder, ec);
    auto nested = extract(target.string(), folder, label + "/", depth + 1);
    if (!nested) {
      add(finding("ZIP_ENTRY_CORRUPT", Severity::Error, DeductionRole::ArchiveOrder, label,
                  "压缩包中的压缩包无法打开：" + nested.error().message, "请用原文件重新打包"));
      fs::remove(folder, ec);
      return;
    }
    ::unlink(target.c_str());
    --out.files_written;
    add(finding("ZIP_NESTED", Severity::Info, DeductionRole::ArchiveOrder, label,
                "压缩包中含有压缩包，已展开一层一并检查", "评审打开多层压缩包不便，建议直接放入对应文件夹"));
  }
};

fs::path base_of(const std::string& root) {
  std::error_code ec;
  fs::path only;
  int count = 0;
  for (const auto& entry : fs::directory_iterator(root, ec)) {
    if (entry.path().filename() == "__MACOSX") continue;
    ++count;
    only = entry.path();
  }
  if (count == 1 && fs::is_directory(fs::symlink_status(only, ec))) return only;
  return root;
}

}  // namespace

ZipExtraction::~ZipExtraction() {
  if (root.empty()) return;
  std::error_code ec;
  fs::remove_all(root, ec);
  unregister_temp(root);
}

ZipExtraction::ZipExtraction(ZipExtraction&& other) noexcept
    : root(std::move(other.root)),
      findings(std::move(other.findings)),
      entries(other.entries),
      files_written(other.files_written),
      bytes_written(other.bytes_written) {
  other.root.clear();
}

ZipExtraction& ZipExtraction::operator=(ZipExtraction&& other) noexcept {
  if (this != &other) {
    if (!root.empty()) {
      std::error_code ec;
      fs::remove_all(root, ec);
      unregister_temp(root);
    }
    root = std::move(other.root);
    findings = std::move(other.findings);
    entries = other.entries;
    files_written = other.files_written;
    bytes_written = other.bytes_written;
    other.root.clear();
  }
  return *this;
}

std::string ZipExtraction::bag_root() const {
  if (root.empty()) return "";
  const fs::path base = base_of(root);
  std::error_code ec;
  return fs::is_regular_file(base / "bagit.txt", ec) ? base.string() : "";
}

std::string ZipExtraction::content_root() const {
  if (root.empty()) return "";
  const fs::path base = base_of(root);
  std::error_code ec;
  if (fs::is_regular_file(base / "bagit.txt", ec) && fs::is_directory(base / "data", ec))
    return (base / "data").string();
  return base.string();
}

bool looks_like_zip_file(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) return false;
  struct stat st {};
  char magic[4] = {};
  const bool regular = ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
  const bool read = regular && ::read(fd, magic, 4) == 4;
  ::close(fd);
  return read && magic[0] == 'P' && magic[1] == 'K' &&
         ((magic[2] == 3 && magic[3] == 4) || (magic[2] == 5 && magic[3] == 6));
}

Expected<ZipExtraction> extract_zip_safely(const std::string& zip_path, const ZipSafetyLimits& limits) {
  // "evpack-<pid>-zip-…": a later run removes it if this process is killed before cleaning up.
  std::string pattern = temp_root() + "/" + temp_name_marker() + "zip-XXXXXX";
  if (::mkdtemp(pattern.data()) == nullptr) {
    return Error{"EXTRACT_FAILED", "无法建立临时目录：" + system_error_zh(errno)};
  }
  register_temp(pattern);
  ZipExtraction out;
  out.root = pattern;  // removed again by the destructor if anything fails below
  try {
    Extractor extractor{limits, out};
    auto done = extractor.extract(zip_path, out.root, "", 0);
    if (!done) return done.error();
  } catch (const std::exception& e) {
    return Error{"EXTRACT_FAILED", std::string("解压时出错：") + e.what()};
  }
  return out;
}

}  // namespace evpack
