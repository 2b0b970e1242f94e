// Walking an evidence tree: Boost.Filesystem lists directories, lstat(2) decides
// what each entry is (never following a link), and a worker pool reads the first
// bytes and hashes every file.
#include "evpack/scan/scanner.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <boost/filesystem.hpp>
#include <cerrno>
#include <set>
#include <utility>
#include <vector>

#include "evpack/adapters/digest.hpp"
#include "evpack/util/text.hpp"
#include "evpack/util/thread_pool.hpp"

namespace evpack {

namespace fs = boost::filesystem;

namespace {

constexpr std::size_t kHeadBytes = 4096;  // enough for every magic number and a text sample
constexpr int kMaxDepth = 128;            // far beyond any real archive; guards runaway trees

std::string quoted(const std::string& text) { return "“" + text + "”"; }

std::string reason_zh(int err) {
  switch (err) {
    case EACCES:
    case EPERM: return "没有访问权限";
    case ENOENT: return "已不存在（可能在检查过程中被移动或删除）";
    case EIO: return "磁盘或网络读取错误";
    case ELOOP: return "链接层级过多";
    case ENAMETOOLONG: return "路径过长";
    default: return "系统错误码 " + std::to_string(err);
  }
}

// A path (or a link target) as printable UTF-8.
std::string printable(const std::string& bytes) { return to_utf8_lossy(bytes); }

struct HeadRead {
  std::string head;
  std::uint64_t size = 0;
  std::string error;  // Chinese; empty on success
};

// Reads the first kHeadBytes of a regular file without following a link that may
// have replaced it since the walk, without blocking on a FIFO, and (where the
// kernel allows) without updating its access time.
HeadRead read_head(const std::string& path) {
  HeadRead out;
  const int flags = O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOFOLLOW;
  int fd = ::open(path.c_str(), flags | O_NOATIME);
  if (fd < 0 && errno == EPERM) fd = ::open(path.c_str(), flags);
  if (fd < 0) {
    out.error = "无法打开（" + reason_zh(errno) + "）";
    return out;
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    out.error = "已不是普通文件";
    return out;
  }
  out.size = static_cast<std::uint64_t>(st.st_size);
  out.head.resize(kHeadBytes);
  std::size_t filled = 0;
  while (filled < kHeadBytes) {
    const ssize_t n = ::read(fd, out.head.data() + filled, kHeadBytes - filled);
    if (n == 0) break;
    if (n < 0) {
      if (errno == EINTR) continue;
      out.error = "读取失败（" + reason_zh(errno) + "）";
      break;
    }
    filled += static_cast<std::size_t>(n);
  }
  ::close(fd);
  out.head.resize(filled);
  return out;
}

class TreeWalker {
 public:
  TreeWalker(fs::path root, const ScanOptions& options, ScanResult& result)
      : root_(std::move(root)), options_(options), result_(result) {}

  void run() {
    struct stat st {};
    if (::stat(root_.c_str(), &st) == 0) seen_.insert({st.st_dev, st.st_ino});
    std::vector<Dir> stack{{root_, "", 0}};
    while (!stack.empty() && !stopped_) {
      const Dir dir = std::move(stack.back());
      stack.pop_back();
      list(dir, stack);
    }
  }

 private:
  struct Dir {
    fs::path disk;
    std::string rel;  // UTF-8, "" for the root
    int depth = 0;
  };

  void add(std::string code, Severity severity, DeductionRole role, std::string file, std::string message,
           std::string advice) {
    result_.findings.push_back(
        {std::move(code), severity, "", std::move(file), "", std::move(message), std::move(advice), role});
  }

  void list(const Dir& dir, std::vector<Dir>& stack) {
    const std::string where = dir.rel.empty() ? "材料根文件夹" : "文件夹" + quoted(dir.rel);
    std::vector<std::string> names;
    boost::system::error_code ec;
    fs::directory_iterator it(dir.disk, ec);
    if (ec) {
      add("DIR_UNREADABLE", Severity::Warning, DeductionRole::ArchiveOrder, dir.rel,
          where + "无法读取（" + reason_zh(ec.value()) + "），其中的文件未被检查", "检查该文件夹的权限后重新检查");
      return;
    }
    while (it != fs::directory_iterator()) {
      names.push_back(it->path().filename().string());
      it.increment(ec);
      if (ec) {
        add("DIR_UNREADABLE", Severity::Warning, DeductionRole::ArchiveOrder, dir.rel,
            where + "未能完整读取（" + reason_zh(ec.value()) + "），部分文件未被检查", "检查该文件夹的权限后重新检查");
        break;
      }
    }
    // Sorted by bytes so that the walk (and which files a limit keeps) never depends
    // on the order the file system returns entries in.
    std::sort(names.begin(), names.end());

    std::vector<Dir> subdirs;
    for (const auto& name : names) {
      const fs::path disk = dir.disk / name;
      const bool utf8_name = is_valid_utf8(name);
      const std::string name_utf8 = utf8_name ? name : gbk_to_utf8(name);
      const std::string rel = dir.rel.empty() ? name_utf8 : dir.rel + "/" + name_utf8;

      struct stat st {};
      if (::lstat(disk.c_str(), &st) != 0) {
        add("FILE_UNREADABLE", Severity::Warning, DeductionRole::ArchiveOrder, rel,
            "无法读取" + quoted(rel) + "的文件信息（" + reason_zh(errno) + "）", "检查文件权限或重新复制该文件");
        continue;
      }
      if (S_ISLNK(st.st_mode)) {
        skip_symlink(disk, rel);
        continue;
      }
      const bool is_dir = S_ISDIR(st.st_mode);
      if (const std::string junk = os_junk_reason(name_utf8, is_dir); !junk.empty()) {
        add("JUNK_SKIPPED", Severity::Info, DeductionRole::None, rel,
            "已忽略" + junk + quoted(rel) + (is_dir ? "及其中全部内容" : ""), "打包提交前删除此类系统生成的文件");
        continue;
      }
      if (!is_dir && !S_ISREG(st.st_mode)) {
        add("SPECIAL_FILE_SKIPPED", Severity::Info, DeductionRole::None, rel,
            "已跳过" + quoted(rel) + "：它不是普通文件（设备、管道或套接字）", "材料中只应包含普通文件");
        continue;
      }
      if (!utf8_name) {
        add("FILE_NAME_ENCODING", Severity::Warning, DeductionRole::ArchiveOrder, rel,
            std::string(is_dir ? "文件夹" : "文件") + "名不是UTF-8编码（按GBK识别为" + quoted(name_utf8) +
                "），在其他电脑上可能显示为乱码",
            "在Windows中重新命名，或解压时选择正确的文件名编码");
      }
      if (is_dir) {
        enter_directory(st, disk, rel, dir.depth + 1, subdirs);
        continue;
      }
      if (result_.files.size() >= options_.max_files) {
        add("SCAN_LIMIT_REACHED", Severity::Warning, DeductionRole::None, "",
            "文件数量超过上限（" + std::to_string(options_.max_files) + "个），其余文件未被检查",
            "确认选择的是佐证材料文件夹，而不是整个磁盘");
        stopped_ = true;
        return;
      }
      FileRecord record;
      record.rel_path = rel;
      record.disk_path = disk.string();
      record.size = static_cast<std::uint64_t>(st.st_size);
      record.mtime = static_cast<std::int64_t>(st.st_mtim.tv_sec);
      record.extension = file_extension(name_utf8);
      result_.files.push_back(std::move(record));
    }
    // The stack pops from the back: push in reverse to visit folders in name order.
    for (auto it_dir = subdirs.rbegin(); it_dir != subdirs.rend(); ++it_dir) stack.push_back(std::move(*it_dir));
  }

  void enter_directory(const struct stat& st, const fs::path& disk, const std::string& rel, int depth,
                       std::vector<Dir>& subdirs) {
    // Links are never followed, but a bind mount can still make a folder its own
    // descendant; the device/inode set breaks any such cycle.
    if (!seen_.insert({st.st_dev, st.st_ino}).second) {
      add("DIR_LOOP", Severity::Warning, DeductionRole::ArchiveOrder, rel,
          "文件夹" + quoted(rel) + "与已检查的文件夹相同（循环挂载），已跳过", "去掉重复挂载的文件夹");
      return;
    }
    if (depth > kMaxDepth) {
      add("SCAN_LIMIT_REACHED", Severity::Warning, DeductionRole::ArchiveOrder, rel,
          "文件夹" + quoted(rel) + "的层级超过" + std::to_string(kMaxDepth) + "层，其中的内容未被检查",
          "减少文件夹嵌套层级");
      return;
    }
    subdirs.push_back({disk, rel, depth});
  }

  void skip_symlink(const fs::path& disk, const std::string& rel) {
    boost::system::error_code ec;
    const fs::path target = fs::read_symlink(disk, ec);
    std::string message = "已跳过符号链接" + quoted(rel);
    if (!ec) message += "（指向" + quoted(printable(target.string())) + "）";
    struct stat st {};
    if (::stat(disk.c_str(), &st) != 0) {
      message += errno == ELOOP ? "：链接形成循环" : "：链接的目标不存在或无法访问";
    } else {
      const fs::path resolved = fs::canonical(disk, ec);
      const std::string root = root_.string() + "/";
      const bool inside = !ec && (resolved == root_ || resolved.string().starts_with(root));
      message +=
          inside ? "：为避免重复计算或循环，未跟随该链接检查" : "：它指向材料文件夹之外，打包后评审专家看不到这些内容";
    }
    add("SYMLINK_SKIPPED", Severity::Warning, DeductionRole::ArchiveOrder, rel, message,
        "用实际的文件或文件夹替换该链接");
  }

  fs::path root_;  // canonical
  const ScanOptions& options_;
  ScanResult& result_;
  std::set<std::pair<dev_t, ino_t>> seen_;
  bool stopped_ = false;
};

// Fills kind, mismatch and digest of one record (runs on a worker thread).
void examine(FileRecord& record, bool compute_sha256) {
  HeadRead head = read_head(record.disk_path);
  if (!head.error.empty()) {
    record.read_error = std::move(head.error);
    record.kind = record.size == 0 ? ContentKind::Empty : ContentKind::Other;
    return;
  }
  record.size = head.size;  // fstat of the open file beats the earlier lstat
  record.kind = sniff_content_kind(record.disk_path, head.head, record.size);
  record.extension_mismatch = is_extension_mismatch(record.extension, record.kind);
  if (!compute_sha256) return;
  auto digest = sha256_file(record.disk_path);
  if (digest) {
    record.sha256 = std::move(digest.value());
  } else {
    record.read_error = digest.error().message;
  }
}

}  // namespace

std::string os_junk_reason(const std::string& name, bool is_directory) {
  const std::string lower = to_lower_ascii(name);
  if (is_directory) {
    if (lower == "__macosx") return "macOS压缩时生成的文件夹";
    if (lower == "$recycle.bin" || lower == "recycler") return "Windows回收站";
    if (lower == "system volume information") return "Windows系统文件夹";
    if (lower == ".spotlight-v100" || lower == ".trashes" || lower == ".fseventsd") return "macOS系统文件夹";
    return "";
  }
  if (lower == "thumbs.db" || lower == "ehthumbs.db" || lower == "ehthumbs_vista.db") return "Windows缩略图缓存";
  if (lower == "desktop.ini") return "Windows文件夹设置文件";
  if (lower == ".ds_store") return "macOS文件夹设置文件";
  if (lower.starts_with("._")) return "macOS资源文件";
  if (lower.starts_with("~$")) return "Office/WPS临时锁定文件";
  if (lower.starts_with(".~lock.")) return "LibreOffice临时锁定文件";
  return "";
}

Expected<ScanResult> scan_tree(const std::string& root, const ScanOptions& options) {
  boost::system::error_code ec;
  const fs::file_status status = fs::status(root, ec);
  if (ec || !fs::exists(status)) {
    return Error{"SCAN_ROOT_MISSING", "找不到材料文件夹" + quoted(printable(root))};
  }
  if (!fs::is_directory(status)) {
    return Error{"SCAN_ROOT_MISSING", quoted(printable(root)) + "不是文件夹"};
  }
  // The root itself may be a link the user chose; everything below it is never followed.
  const fs::path canonical_root = fs::canonical(root, ec);
  if (ec) return Error{"SCAN_ROOT_MISSING", "无法访问材料文件夹" + quoted(printable(root))};
  {
    fs::directory_iterator probe(canonical_root, ec);
    if (ec) {
      return Error{"SCAN_ROOT_MISSING",
                   "无法读取材料文件夹" + quoted(printable(root)) + "（" + reason_zh(ec.value()) + "）"};
    }
  }

  ScanResult result;
  result.root = root;
  TreeWalker(canonical_root, options, result).run();

  // Byte order of UTF-8 equals code point order; the disk path breaks ties between a
  // GBK name and a UTF-8 name that decode to the same text.
  std::sort(result.files.begin(), result.files.end(), [](const FileRecord& a, const FileRecord& b) {
    return a.rel_path != b.rel_path ? a.rel_path < b.rel_path : a.disk_path < b.disk_path;
  });
  parallel_for(result.files.size(), options.jobs,
               [&](std::size_t index, int) { examine(result.files[index], options.compute_sha256); });
  return result;
}

}  // namespace evpack
