// ZipWriter over libzip. With libzip_archive.cpp and libzip_sources.cpp, the only files that
// include libzip headers.
//
// libzip builds the archive inside zip_close(): add_file/add_bytes only check the name and
// queue a source (a file is opened and read only when its entry is written; nothing is
// held before), finish() runs zip_close() and then reads the central directory back.
// Both the archive and the files to pack go through sources of our own (ArchiveFile,
// SourceFile in libzip_sources.cpp) that move data in 1 MiB system calls instead of libzip's 4-8 KiB ones. What
// makes the output deterministic is set on every entry: the DOS time (from UTC, never the
// local zone), the external attributes (a regular rw-r--r-- file, whatever the source's
// mode), the method and level. libzip adds no extra fields of its own except ZIP64 ones.
#include <iconv.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zip.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <ctime>
#include <deque>
#include <set>
#include <string>
#include <vector>

#include "evpack/adapters/zip_archive.hpp"
#include "evpack/util/system_error.hpp"
#include "evpack/util/text.hpp"
#include "libzip_sources.hpp"

namespace evpack {

namespace {

constexpr std::uint32_t kRegularFileAttributes = 0100644u << 16;  // S_IFREG | rw-r--r--
constexpr std::uint64_t kProgressStep = 1u << 20;                 // report at most every MiB

Error cancelled_error() { return {"ZIP_WRITE_CANCELLED", "打包已取消"}; }

Error write_failed(int err) {
  if (err == ENOSPC || err == EDQUOT) return {"ZIP_WRITE_FAILED", "磁盘空间不足，无法写入压缩包"};
  if (err == 0) return {"ZIP_WRITE_FAILED", "无法写入压缩包"};
  return {"ZIP_WRITE_FAILED", std::string("无法写入压缩包：") + system_error_zh(err)};
}

// DOS date and time of `seconds`, read as UTC wall-clock time.
std::pair<std::uint16_t, std::uint16_t> dos_date_time(std::int64_t seconds) {
  seconds = std::clamp<std::int64_t>(seconds, 315532800, 4354819199);  // 1980-01-01 .. 2107-12-31
  const auto t = static_cast<std::time_t>(seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  const auto date = static_cast<std::uint16_t>(((tm.tm_year - 80) << 9) | ((tm.tm_mon + 1) << 5) | tm.tm_mday);
  const auto time = static_cast<std::uint16_t>((tm.tm_hour << 11) | (tm.tm_min << 5) | (tm.tm_sec / 2));
  return {date, time};
}

bool is_ascii(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

// Names a reader could misplace: absolute, drive letters, backslashes, "." and "..",
// empty components, control characters.
bool is_valid_entry_name(const std::string& name) {
  if (name.empty() || name.size() > 0xFFFF / 2 || name.front() == '/' || name.back() == '/') return false;
  if (!is_valid_utf8(name)) return false;
  if (name.size() >= 2 && name[1] == ':') return false;
  std::size_t start = 0;
  for (;;) {
    const std::size_t slash = name.find('/', start);
    const std::string_view part(name.data() + start, (slash == std::string::npos ? name.size() : slash) - start);
    if (part.empty() || part == "." || part == "..") return false;
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  return std::none_of(name.begin(), name.end(),
                      [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == '\\'; });
}

// What add_file saw of a source file, compared again after writing.
struct SourceStamp {
  std::uint64_t size = 0;
  std::int64_t mtime_ns = 0;
  bool operator==(const SourceStamp&) const = default;
};

SourceStamp stamp_of(const struct stat& st) {
  return {static_cast<std::uint64_t>(st.st_size),
          static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec};
}

Expected<SourceStamp> stat_regular_file(const std::string& name, const std::string& path) {
  struct stat st {};
  const int fd = libzip::open_regular_file(path, st);
  if (fd < 0 && errno == EINVAL) return Error{"ZIP_SOURCE_UNREADABLE", "“" + name + "”的来源不是普通文件"};
  if (fd < 0) return Error{"ZIP_SOURCE_UNREADABLE", "无法读取要打包的文件“" + name + "”：" + system_error_zh(errno)};
  ::close(fd);
  return stamp_of(st);
}

struct Queued {
  std::string name;       // UTF-8, as given
  std::string disk_path;  // empty for add_bytes
  SourceStamp stamp;      // of the disk file when queued
};

class LibzipZipWriter final : public ZipWriter {
 public:
  LibzipZipWriter(zip_t* archive, std::string path, ZipWriterOptions options)
      : archive_(archive), path_(std::move(path)), options_(std::move(options)) {
    const auto [date, time] = dos_date_time(options_.mtime);
    dos_date_ = date;
    dos_time_ = time;
  }
  ~LibzipZipWriter() override {
    if (archive_ != nullptr) zip_discard(archive_);  // writes nothing
  }
  LibzipZipWriter(const LibzipZipWriter&) = delete;
  LibzipZipWriter& operator=(const LibzipZipWriter&) = delete;

  Expected<std::size_t> add_file(const std::string& name, const std::string& disk_path, ZipMethod method) override {
    if (auto bad = check_state_and_name(name)) return *bad;
    auto stamp = stat_regular_file(name, disk_path);
    if (!stamp) return stamp.error();
    zip_source_t* source = libzip::create_source_file(archive_, disk_path, stamp.value().size);
    if (source == nullptr) return fail(write_failed(ENOMEM));
    return add_source(name, disk_path, stamp.value(), source, method);
  }

  Expected<std::size_t> add_bytes(const std::string& name, std::string_view data, ZipMethod method) override {
    if (auto bad = check_state_and_name(name)) return *bad;
    const std::string& owned = buffers_.emplace_back(data);  // deque: stays put until zip_close
    zip_source_t* source = zip_source_buffer(archive_, owned.data(), owned.size(), 0);
    if (source == nullptr) return fail(write_failed(ENOMEM));
    return add_source(name, {}, {owned.size(), 0}, source, method);
  }

  Expected<ZipWriteResult> finish() override {
    if (archive_ == nullptr) return Error{"ZIP_WRITE_FAILED", "压缩包写入已失败或已完成，不能再完成"};
    if (queued_.empty()) {
      // libzip writes no file at all for an archive without entries.
      failed_ = true;
      return Error{"ZIP_WRITE_FAILED", "压缩包中没有任何文件，未生成压缩包"};
    }
    prefix_.assign(queued_.size() + 1, 0);
    for (std::size_t i = 0; i < queued_.size(); ++i) prefix_[i + 1] = prefix_[i] + queued_[i].stamp.size;
    zip_register_progress_callback_with_state(archive_, 0.0, &LibzipZipWriter::on_progress, nullptr, this);
    zip_register_cancel_callback_with_state(archive_, &LibzipZipWriter::on_cancel, nullptr, this);

    if (zip_close(archive_) != 0) {
      Error error = close_error(zip_get_error(archive_));
      zip_discard(archive_);  // libzip has removed its temp file; the target was never created
      archive_ = nullptr;
      return error;
    }
    archive_ = nullptr;
    buffers_.clear();

    // libzip reads a file up to the size it had when queued: a file changed meanwhile
    // would be packed cut or mixed. Refuse the archive then.
    for (const auto& q : queued_) {
      if (q.disk_path.empty()) continue;
      struct stat st {};
      if (::stat(q.disk_path.c_str(), &st) != 0 || !(stamp_of(st) == q.stamp)) {
        ::unlink(path_.c_str());
        return Error{"ZIP_SOURCE_CHANGED",
                     "打包过程中文件“" + q.name + "”发生变化（文件正在被修改？），请关闭相关程序后重试"};
      }
    }
    auto result = read_back();
    if (!result) ::unlink(path_.c_str());
    return result;
  }

 private:
  std::optional<Error> check_state_and_name(const std::string& name) {
    if (archive_ == nullptr || failed_) return Error{"ZIP_WRITE_FAILED", "压缩包写入已失败或已完成，不能再添加文件"};
    if (cancelled()) {
      failed_ = true;
      return cancelled_error();
    }
    if (!is_valid_entry_name(name)) {
      return Error{"ZIP_NAME_INVALID",
                   "压缩包内的文件名不合法（绝对路径、“..”、反斜杠或控制字符）：" + to_utf8_lossy(name)};
    }
    if (names_.count(to_lower_ascii(name)) != 0) {
      return Error{"ZIP_NAME_DUPLICATE", "压缩包内文件名重复（Windows不区分大小写）：" + name};
    }
    if (options_.names == ZipNameEncoding::Gbk && !is_ascii(name) && !utf8_to_gbk(name)) {
      return Error{"ZIP_NAME_NOT_GBK", "文件名含有GBK编码无法表示的字符，请改名或使用UTF-8文件名：" + name};
    }
    return std::nullopt;
  }

  Error fail(Error error) {
    failed_ = true;
    return error;
  }

  // Adds `source` (owned by libzip from here on, also on failure) with the fixed time,
  // attributes and method.
  Expected<std::size_t> add_source(const std::string& name, const std::string& disk_path, SourceStamp stamp,
                                   zip_source_t* source, ZipMethod method) {
    std::string stored = name;
    zip_flags_t encoding = ZIP_FL_ENC_UTF_8;
    if (options_.names == ZipNameEncoding::Gbk && !is_ascii(name)) {
      std::string gbk = *utf8_to_gbk(name);  // checked in check_state_and_name
      // GBK bytes that also read as valid UTF-8 (e.g. "gbk/目录.html") are refused by
      // libzip as CP437, and most readers would take them for UTF-8 anyway: keep the
      // flagged UTF-8 name for those.
      if (!is_valid_utf8(gbk)) {
        stored = std::move(gbk);
        encoding = ZIP_FL_ENC_CP437;  // libzip stores the bytes as they are, without the UTF-8 flag
      }
    }
    const zip_int64_t index = zip_file_add(archive_, stored.c_str(), source, encoding);
    if (index < 0) {
      zip_source_free(source);
      return fail(Error{"ZIP_WRITE_FAILED", "无法把“" + name + "”加入压缩包：" + zip_strerror(archive_)});
    }
    const auto i = static_cast<zip_uint64_t>(index);
    const bool deflate = method == ZipMethod::Deflate && stamp.size > 0;
    const int rc =
        zip_set_file_compression(archive_, i, deflate ? ZIP_CM_DEFLATE : ZIP_CM_STORE,
                                 deflate ? static_cast<zip_uint32_t>(std::clamp(options_.deflate_level, 1, 9)) : 0) |
        zip_file_set_dostime(archive_, i, dos_time_, dos_date_, 0) |
        zip_file_set_external_attributes(archive_, i, 0, ZIP_OPSYS_UNIX, kRegularFileAttributes);
    if (rc != 0) return fail(Error{"ZIP_WRITE_FAILED", "无法设置“" + name + "”的压缩参数：" + zip_strerror(archive_)});
    names_.insert(to_lower_ascii(name));
    queued_.push_back({name, disk_path, stamp});
    return static_cast<std::size_t>(i);
  }

  bool cancelled() const {
    try {
      return options_.cancelled && options_.cancelled();
    } catch (...) {
      return true;
    }
  }

  // libzip's progress runs from 0 to 1, each entry in turn taking an equal share, and
  // within it in proportion to the bytes done: turn it back into bytes and entries.
  static void on_progress(zip_t* /*archive*/, double fraction, void* state) {
    auto* self = static_cast<LibzipZipWriter*>(state);
    if (self->queued_.empty()) return;
    const double n = static_cast<double>(self->queued_.size());
    const double position = std::clamp(fraction, 0.0, 1.0) * n;
    const auto entry = std::min(static_cast<std::size_t>(position), self->queued_.size());
    self->current_ = std::min(entry, self->queued_.size() - 1);
    if (!self->options_.progress) return;
    std::uint64_t bytes = self->prefix_[entry];
    if (entry < self->queued_.size()) {
      bytes += static_cast<std::uint64_t>((position - std::floor(position)) *
                                          static_cast<double>(self->queued_[entry].stamp.size));
    }
    if (entry == self->reported_entries_ && bytes < self->reported_bytes_ + kProgressStep) return;
    self->reported_entries_ = entry;
    self->reported_bytes_ = bytes;
    try {
      self->options_.progress(bytes, entry);
    } catch (...) {
      // a failing progress display must not stop the writing
    }
  }

  static int on_cancel(zip_t* /*archive*/, void* state) {
    return static_cast<LibzipZipWriter*>(state)->cancelled() ? 1 : 0;
  }

  // The error of a failed zip_close, naming the entry being written where that helps.
  Error close_error(zip_error_t* error) {
    failed_ = true;
    const int code = zip_error_code_zip(error);
    const int sys = zip_error_code_system(error);
    // libzip may open a source before the progress reaches its entry: name the first file
    // that is gone or changed since it was queued, else the entry being written.
    std::string entry = queued_.empty() ? std::string() : queued_[current_].name;
    for (const auto& q : queued_) {
      struct stat st {};
      if (!q.disk_path.empty() && (::stat(q.disk_path.c_str(), &st) != 0 || !(stamp_of(st) == q.stamp))) {
        entry = q.name;
        break;
      }
    }
    switch (code) {
      case ZIP_ER_CANCELLED: return cancelled_error();
      case ZIP_ER_OPEN:
      case ZIP_ER_READ:
      case ZIP_ER_NOENT:
        return {"ZIP_SOURCE_UNREADABLE", "读取要打包的文件“" + entry + "”时出错" +
                                             (sys != 0 ? std::string("：") + system_error_zh(sys) : std::string())};
      case ZIP_ER_WRITE:
      case ZIP_ER_TMPOPEN:
      case ZIP_ER_RENAME:
      case ZIP_ER_CLOSE:
      case ZIP_ER_SEEK: return write_failed(sys);
      default: return {"ZIP_WRITE_FAILED", std::string("无法写入压缩包：") + zip_error_strerror(error)};
    }
  }

  // Sizes, CRCs and methods from the central directory libzip wrote.
  Expected<ZipWriteResult> read_back() {
    int code = 0;
    zip_t* archive = zip_open(path_.c_str(), ZIP_RDONLY | ZIP_CHECKCONS, &code);
    if (archive == nullptr) {
      return Error{"ZIP_WRITE_FAILED", "写入后无法重新打开压缩包（libzip错误 " + std::to_string(code) + "）"};
    }
    ZipWriteResult result;
    const zip_int64_t count = zip_get_num_entries(archive, 0);
    if (count != static_cast<zip_int64_t>(queued_.size())) {
      zip_discard(archive);
      return Error{"ZIP_WRITE_FAILED", "写入后的压缩包文件数与加入的文件数不一致"};
    }
    result.entries.reserve(queued_.size());
    for (std::size_t i = 0; i < queued_.size(); ++i) {
      zip_stat_t st;
      zip_stat_init(&st);
      if (zip_stat_index(archive, i, 0, &st) != 0) {
        zip_discard(archive);
        return Error{"ZIP_WRITE_FAILED", "写入后无法读取“" + queued_[i].name + "”的记录"};
      }
      ZipWrittenEntry& e = result.entries.emplace_back();
      e.name = queued_[i].name;
      e.method = st.comp_method == ZIP_CM_STORE ? ZipMethod::Store : ZipMethod::Deflate;
      e.size = st.size;
      e.compressed_size = st.comp_size;
      e.crc32 = st.crc;
    }
    zip_discard(archive);
    struct stat st {};
    if (::stat(path_.c_str(), &st) != 0) return write_failed(errno);
    result.archive_size = static_cast<std::uint64_t>(st.st_size);
    queued_.clear();
    return result;
  }

  zip_t* archive_;
  std::string path_;
  ZipWriterOptions options_;
  std::uint16_t dos_date_ = 0;
  std::uint16_t dos_time_ = 0;
  std::deque<std::string> buffers_;  // data of add_bytes entries, read by zip_close
  std::vector<Queued> queued_;
  std::vector<std::uint64_t> prefix_;  // bytes of the entries before each one
  std::set<std::string> names_;        // lower-cased, for the Windows duplicate check
  std::size_t current_ = 0;            // entry being written (from the progress callback)
  std::size_t reported_entries_ = 0;
  std::uint64_t reported_bytes_ = 0;
  bool failed_ = false;
};

}  // namespace

Expected<std::unique_ptr<ZipWriter>> create_zip_writer(const std::string& path, const ZipWriterOptions& options) {
  struct stat st {};
  if (::lstat(path.c_str(), &st) == 0) return Error{"ZIP_WRITE_FAILED", "无法创建压缩包 " + path + "：文件已存在"};
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = libzip::create_archive_file_source(path, &error);
  zip_t* archive = source == nullptr ? nullptr : zip_open_from_source(source, ZIP_CREATE | ZIP_EXCL, &error);
  const int code = zip_error_code_zip(&error);
  zip_error_fini(&error);
  if (archive == nullptr) {
    if (source != nullptr) zip_source_free(source);  // frees the ArchiveFile
    return Error{"ZIP_WRITE_FAILED", "无法创建压缩包 " + path + "（libzip错误 " + std::to_string(code) + "）"};
  }
  return std::unique_ptr<ZipWriter>(std::make_unique<LibzipZipWriter>(archive, path, options));
}

std::optional<std::string> utf8_to_gbk(std::string_view utf8) {
  if (!is_valid_utf8(utf8)) return std::nullopt;
  iconv_t cd = ::iconv_open("GBK", "UTF-8");
  if (cd == reinterpret_cast<iconv_t>(-1)) return std::nullopt;
  std::string in(utf8);
  std::string out(in.size() * 2 + 4, '\0');
  char* in_ptr = in.data();
  std::size_t in_left = in.size();
  char* out_ptr = out.data();
  std::size_t out_left = out.size();
  const std::size_t rc = ::iconv(cd, &in_ptr, &in_left, &out_ptr, &out_left);
  ::iconv_close(cd);
  if (rc == static_cast<std::size_t>(-1) || in_left != 0) return std::nullopt;
  out.resize(out.size() - out_left);
  return out;
}

}  // namespace evpack
