// ZipWriter over libzip. With libzip_archive.cpp, the only files that include libzip headers.
//
// libzip builds the archive inside zip_close(): add_file/add_bytes only check the name and
// queue a source (a file is opened and read only when its entry is written; nothing is
// held before), finish() runs zip_close() and then reads the central directory back.
// Both the archive and the files to pack go through sources of our own (ArchiveFile,
// SourceFile) that move data in 1 MiB system calls instead of libzip's 4-8 KiB ones. What
// makes the output deterministic is set on every entry: the DOS time (from UTC, never the
// local zone), the external attributes (a regular rw-r--r-- file, whatever the source's
// mode), the method and level. libzip adds no extra fields of its own except ZIP64 ones.
#include <fcntl.h>
#include <iconv.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zip.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <ctime>
#include <deque>
#include <set>
#include <string>
#include <vector>

#include "evpack/adapters/zip_archive.hpp"
#include "evpack/util/text.hpp"
#include "evpack/util/system_error.hpp"

namespace evpack {

namespace {

constexpr std::uint32_t kRegularFileAttributes = 0100644u << 16;  // S_IFREG | rw-r--r--
constexpr std::uint64_t kProgressStep = 1u << 20;                  // report at most every MiB

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
  return std::none_of(name.begin(), name.end(), [](char c) {
    return static_cast<unsigned char>(c) < 0x20 || c == '\\';
  });
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

// Opens `path` for reading if it is a regular file, without blocking on a FIFO or
// following it to a device: the descriptor, or -1 with errno set (EINVAL when the
// path is not a regular file). `st` receives its status.
int open_regular_file(const std::string& path, struct stat& st) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
  if (fd < 0) return -1;
  const int rc = ::fstat(fd, &st);
  const int err = rc != 0 ? errno : EINVAL;
  if (rc == 0 && S_ISREG(st.st_mode)) return fd;
  ::close(fd);
  errno = err;
  return -1;
}

Expected<SourceStamp> stat_regular_file(const std::string& name, const std::string& path) {
  struct stat st {};
  const int fd = open_regular_file(path, st);
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

// Chunk in which archive data goes to and comes from the disk. libzip moves data in
// 8 KiB pieces, and its own file sources turn them into 4 KiB write() and 8 KiB
// read() calls: 800,000 system calls for a 2 GB package, a third of the time of
// writing one. The two sources below gather those pieces into 1 MiB calls.
constexpr std::size_t kIoChunk = 1u << 20;

zip_int64_t source_error(zip_error_t* error, int zip_code, int sys) {
  zip_error_set(error, zip_code, sys);
  return -1;
}

// The archive being written, as a libzip read/write source: data goes to a temp file
// beside the path through a 1 MiB buffer (libzip writes each entry's local header,
// then its data, then seeks back to complete the header), and the temp file is
// renamed to the path on commit, removed on rollback. libzip only writes this
// source: a new archive is never read back through it (`stat` says it does not exist).
class ArchiveFile {
 public:
  explicit ArchiveFile(std::string path) : path_(std::move(path)) { zip_error_init(&error_); }
  ~ArchiveFile() {
    discard();
    zip_error_fini(&error_);
  }
  ArchiveFile(const ArchiveFile&) = delete;
  ArchiveFile& operator=(const ArchiveFile&) = delete;

  static zip_int64_t callback(void* state, void* data, zip_uint64_t length, zip_source_cmd_t command) {
    auto* self = static_cast<ArchiveFile*>(state);
    switch (command) {
      case ZIP_SOURCE_SUPPORTS:
        return ZIP_SOURCE_SUPPORTS_WRITABLE | ZIP_SOURCE_MAKE_COMMAND_BITMASK(ZIP_SOURCE_ACCEPT_EMPTY);
      case ZIP_SOURCE_STAT:
        // Before commit the archive does not exist; libzip asks only then.
        return source_error(&self->error_, ZIP_ER_READ, ENOENT);
      case ZIP_SOURCE_ACCEPT_EMPTY:
        return 0;
      case ZIP_SOURCE_BEGIN_WRITE:
        return self->begin_write();
      case ZIP_SOURCE_WRITE:
        return self->write(static_cast<const char*>(data), length);
      case ZIP_SOURCE_SEEK_WRITE: {
        const auto* args = ZIP_SOURCE_GET_ARGS(zip_source_args_seek_t, data, length, &self->error_);
        return args == nullptr ? -1 : self->seek_write(*args);
      }
      case ZIP_SOURCE_TELL_WRITE:
        return static_cast<zip_int64_t>(self->position_);
      case ZIP_SOURCE_COMMIT_WRITE:
        return self->commit_write();
      case ZIP_SOURCE_ROLLBACK_WRITE:
        self->discard();
        return 0;
      case ZIP_SOURCE_REMOVE:
        return ::unlink(self->path_.c_str()) == 0 || errno == ENOENT ? 0
                                                                     : source_error(&self->error_, ZIP_ER_REMOVE, errno);
      case ZIP_SOURCE_ERROR:
        return zip_error_to_data(&self->error_, data, length);
      case ZIP_SOURCE_FREE:
        delete self;
        return 0;
      default:  // reading: a new archive has nothing to read
        return source_error(&self->error_, ZIP_ER_OPNOTSUPP, 0);
    }
  }

 private:
  zip_int64_t begin_write() {
    discard();
    // Created with the process's umask like any new file (libzip's mkstemp would make it 0600).
    for (int attempt = 0; attempt < 100 && fd_ < 0; ++attempt) {
      temp_ = path_ + ".part" + std::to_string(::getpid()) + "-" + std::to_string(attempt);
      fd_ = ::open(temp_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
      if (fd_ < 0 && errno != EEXIST) break;
    }
    if (fd_ < 0) {
      temp_.clear();
      return source_error(&error_, ZIP_ER_TMPOPEN, errno);
    }
    buffer_.reserve(kIoChunk);
    buffer_.clear();
    buffer_at_ = position_ = 0;
    return 0;
  }

  zip_int64_t write(const char* data, zip_uint64_t length) {
    if (fd_ < 0) return source_error(&error_, ZIP_ER_INTERNAL, 0);
    if (position_ != buffer_at_ + buffer_.size() || buffer_.size() + length > kIoChunk) {
      if (!flush()) return -1;
    }
    if (buffer_.empty()) buffer_at_ = position_;
    if (length >= kIoChunk) {
      if (!write_at(data, length, position_)) return -1;
    } else {
      buffer_.insert(buffer_.end(), data, data + length);
    }
    position_ += length;
    return static_cast<zip_int64_t>(length);
  }

  zip_int64_t seek_write(const zip_source_args_seek_t& args) {
    const std::uint64_t end = std::max<std::uint64_t>(written_end_, buffer_at_ + buffer_.size());
    std::int64_t base = 0;
    if (args.whence == SEEK_CUR) base = static_cast<std::int64_t>(position_);
    else if (args.whence == SEEK_END) base = static_cast<std::int64_t>(end);
    else if (args.whence != SEEK_SET) return source_error(&error_, ZIP_ER_INVAL, 0);
    if (base + args.offset < 0) return source_error(&error_, ZIP_ER_INVAL, 0);
    position_ = static_cast<std::uint64_t>(base + args.offset);
    return 0;
  }

  zip_int64_t commit_write() {
    if (fd_ < 0) return source_error(&error_, ZIP_ER_INTERNAL, 0);
    if (!flush()) return -1;
    const int closed = ::close(fd_);
    fd_ = -1;
    if (closed != 0) return source_error(&error_, ZIP_ER_CLOSE, errno);
    if (::rename(temp_.c_str(), path_.c_str()) != 0) return source_error(&error_, ZIP_ER_RENAME, errno);
    temp_.clear();
    return 0;
  }

  bool flush() {
    if (buffer_.empty()) return true;
    const bool ok = write_at(buffer_.data(), buffer_.size(), buffer_at_);
    buffer_.clear();
    return ok;
  }

  bool write_at(const char* data, std::size_t length, std::uint64_t offset) {
    while (length > 0) {
      const ssize_t n = ::pwrite(fd_, data, length, static_cast<off_t>(offset));
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        source_error(&error_, ZIP_ER_WRITE, n < 0 ? errno : ENOSPC);
        return false;
      }
      data += n;
      length -= static_cast<std::size_t>(n);
      offset += static_cast<std::uint64_t>(n);
    }
    written_end_ = std::max(written_end_, offset);
    return true;
  }

  // Closes and removes the temp file, if any.
  void discard() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
    if (!temp_.empty()) ::unlink(temp_.c_str());
    temp_.clear();
    buffer_.clear();
  }

  std::string path_;
  std::string temp_;
  int fd_ = -1;
  std::vector<char> buffer_;      // data for [buffer_at_, buffer_at_ + size), not yet written
  std::uint64_t buffer_at_ = 0;
  std::uint64_t position_ = 0;    // where the next write goes
  std::uint64_t written_end_ = 0;  // end of the data written to the file so far
  zip_error_t error_;
};

// A file to pack, as a libzip read source: opened only while its entry is written
// (600 queued files hold no descriptors), read in 1 MiB chunks, and never past the
// size it had when queued (a file changed meanwhile is refused after writing).
class SourceFile {
 public:
  SourceFile(std::string path, std::uint64_t size) : path_(std::move(path)), size_(size) { zip_error_init(&error_); }
  ~SourceFile() {
    close();
    zip_error_fini(&error_);
  }
  SourceFile(const SourceFile&) = delete;
  SourceFile& operator=(const SourceFile&) = delete;

  static zip_int64_t callback(void* state, void* data, zip_uint64_t length, zip_source_cmd_t command) {
    auto* self = static_cast<SourceFile*>(state);
    switch (command) {
      case ZIP_SOURCE_SUPPORTS:
        return ZIP_SOURCE_SUPPORTS_READABLE | ZIP_SOURCE_MAKE_COMMAND_BITMASK(ZIP_SOURCE_SUPPORTS);
      case ZIP_SOURCE_OPEN:
        return self->open();
      case ZIP_SOURCE_READ:
        return self->read(static_cast<char*>(data), length);
      case ZIP_SOURCE_CLOSE:
        self->close();
        return 0;
      case ZIP_SOURCE_STAT: {
        auto* st = ZIP_SOURCE_GET_ARGS(zip_stat_t, data, length, &self->error_);
        if (st == nullptr) return -1;
        zip_stat_init(st);
        st->size = self->size_;
        st->comp_size = self->size_;
        st->comp_method = ZIP_CM_STORE;
        st->encryption_method = ZIP_EM_NONE;
        st->valid = ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE | ZIP_STAT_COMP_METHOD | ZIP_STAT_ENCRYPTION_METHOD;
        return sizeof(zip_stat_t);
      }
      case ZIP_SOURCE_ERROR:
        return zip_error_to_data(&self->error_, data, length);
      case ZIP_SOURCE_FREE:
        delete self;
        return 0;
      default:
        return source_error(&self->error_, ZIP_ER_OPNOTSUPP, 0);
    }
  }

 private:
  zip_int64_t open() {
    close();
    // A file replaced by a FIFO since it was queued must not hang the run.
    struct stat st {};
    fd_ = open_regular_file(path_, st);
    if (fd_ < 0) return source_error(&error_, errno == ENOENT ? ZIP_ER_NOENT : ZIP_ER_OPEN, errno);
    buffer_.resize(static_cast<std::size_t>(std::min<std::uint64_t>(kIoChunk, std::max<std::uint64_t>(size_, 1))));
    begin_ = end_ = 0;
    done_ = 0;
    return 0;
  }

  zip_int64_t read(char* out, zip_uint64_t length) {
    if (fd_ < 0) return source_error(&error_, ZIP_ER_INTERNAL, 0);
    length = std::min<zip_uint64_t>(length, size_ - done_);
    std::size_t given = 0;
    while (given < length) {
      if (begin_ == end_) {
        const std::size_t want = static_cast<std::size_t>(std::min<std::uint64_t>(buffer_.size(), size_ - done_ - given));
        const ssize_t n = ::read(fd_, buffer_.data(), want);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return source_error(&error_, ZIP_ER_READ, errno);
        if (n == 0) break;  // shorter than queued: refused after writing
        begin_ = 0;
        end_ = static_cast<std::size_t>(n);
      }
      const std::size_t take = std::min<std::size_t>(end_ - begin_, static_cast<std::size_t>(length) - given);
      std::memcpy(out + given, buffer_.data() + begin_, take);
      begin_ += take;
      given += take;
    }
    done_ += given;
    return static_cast<zip_int64_t>(given);
  }

  void close() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
    std::vector<char>().swap(buffer_);
  }

  std::string path_;
  std::uint64_t size_;
  int fd_ = -1;
  std::vector<char> buffer_;
  std::size_t begin_ = 0;  // unread data in buffer_: [begin_, end_)
  std::size_t end_ = 0;
  std::uint64_t done_ = 0;  // bytes handed to libzip
  zip_error_t error_;
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
    auto* file = new SourceFile(disk_path, stamp.value().size);
    zip_source_t* source = zip_source_function(archive_, &SourceFile::callback, file);
    if (source == nullptr) {
      delete file;
      return fail(write_failed(ENOMEM));
    }
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
      return Error{"ZIP_NAME_INVALID", "压缩包内的文件名不合法（绝对路径、“..”、反斜杠或控制字符）：" + to_utf8_lossy(name)};
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
    const int rc = zip_set_file_compression(archive_, i, deflate ? ZIP_CM_DEFLATE : ZIP_CM_STORE,
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
      case ZIP_ER_CANCELLED:
        return cancelled_error();
      case ZIP_ER_OPEN:
      case ZIP_ER_READ:
      case ZIP_ER_NOENT:
        return {"ZIP_SOURCE_UNREADABLE", "读取要打包的文件“" + entry + "”时出错" +
                                             (sys != 0 ? std::string("：") + system_error_zh(sys) : std::string())};
      case ZIP_ER_WRITE:
      case ZIP_ER_TMPOPEN:
      case ZIP_ER_RENAME:
      case ZIP_ER_CLOSE:
      case ZIP_ER_SEEK:
        return write_failed(sys);
      default:
        return {"ZIP_WRITE_FAILED", std::string("无法写入压缩包：") + zip_error_strerror(error)};
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
  auto* file = new ArchiveFile(path);
  zip_source_t* source = zip_source_function_create(&ArchiveFile::callback, file, &error);
  if (source == nullptr) delete file;
  zip_t* archive = source == nullptr ? nullptr : zip_open_from_source(source, ZIP_CREATE | ZIP_EXCL, &error);
  const int code = zip_error_code_zip(&error);
  zip_error_fini(&error);
  if (archive == nullptr) {
    if (source != nullptr) zip_source_free(source);  // frees `file`
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
