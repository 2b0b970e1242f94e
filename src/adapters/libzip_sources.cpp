// The libzip sources of libzip_sources.hpp: ArchiveFile (the archive being written) and
// SourceFile (a file to pack), both moving data through 1 MiB buffers.
#include "libzip_sources.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <vector>

namespace evpack::libzip {

namespace {

// Chunk in which archive data goes to and comes from the disk. libzip moves data in
// 8 KiB pieces, and its own file sources turn them into 4 KiB write() and 8 KiB
// read() calls: 800,000 system calls for a 2 GB package, a third of the time of
// writing one. The two sources below gather those pieces into 1 MiB calls.
constexpr std::size_t kIoChunk = 1u << 20;

zip_int64_t source_error(zip_error_t* error, int zip_code, int sys) {
  zip_error_set(error, zip_code, sys);
  return -1;
}

// What both sources share: the libzip error they report (ZIP_SOURCE_ERROR), and
// libzip's callback, which frees the source on ZIP_SOURCE_FREE and hands every
// other command to Derived::handle.
template <typename Derived>
class CallbackSource {
 public:
  CallbackSource() { zip_error_init(&error_); }
  ~CallbackSource() { zip_error_fini(&error_); }
  CallbackSource(const CallbackSource&) = delete;
  CallbackSource& operator=(const CallbackSource&) = delete;

  static zip_int64_t callback(void* state, void* data, zip_uint64_t length, zip_source_cmd_t command) {
    auto* self = static_cast<Derived*>(state);
    switch (command) {
      case ZIP_SOURCE_ERROR: return zip_error_to_data(&self->error_, data, length);
      case ZIP_SOURCE_FREE: delete self; return 0;
      default: return self->handle(data, length, command);
    }
  }

 protected:
  zip_error_t error_;
};

// The archive being written, as a libzip read/write source: data goes to a temp file
// beside the path through a 1 MiB buffer (libzip writes each entry's local header,
// then its data, then seeks back to complete the header), and the temp file is
// renamed to the path on commit, removed on rollback. libzip only writes this
// source: a new archive is never read back through it (`stat` says it does not exist).
class ArchiveFile : public CallbackSource<ArchiveFile> {
 public:
  explicit ArchiveFile(std::string path) : path_(std::move(path)) {}
  ~ArchiveFile() { discard(); }

 private:
  friend class CallbackSource<ArchiveFile>;

  zip_int64_t handle(void* data, zip_uint64_t length, zip_source_cmd_t command) {
    switch (command) {
      case ZIP_SOURCE_SUPPORTS:
        return ZIP_SOURCE_SUPPORTS_WRITABLE | ZIP_SOURCE_MAKE_COMMAND_BITMASK(ZIP_SOURCE_ACCEPT_EMPTY);
      case ZIP_SOURCE_STAT:
        // Before commit the archive does not exist; libzip asks only then.
        return source_error(&error_, ZIP_ER_READ, ENOENT);
      case ZIP_SOURCE_ACCEPT_EMPTY: return 0;
      case ZIP_SOURCE_BEGIN_WRITE: return begin_write();
      case ZIP_SOURCE_WRITE: return write(static_cast<const char*>(data), length);
      case ZIP_SOURCE_SEEK_WRITE: {
        const auto* args = ZIP_SOURCE_GET_ARGS(zip_source_args_seek_t, data, length, &error_);
        return args == nullptr ? -1 : seek_write(*args);
      }
      case ZIP_SOURCE_TELL_WRITE: return static_cast<zip_int64_t>(position_);
      case ZIP_SOURCE_COMMIT_WRITE: return commit_write();
      case ZIP_SOURCE_ROLLBACK_WRITE: discard(); return 0;
      case ZIP_SOURCE_REMOVE:
        return ::unlink(path_.c_str()) == 0 || errno == ENOENT ? 0 : source_error(&error_, ZIP_ER_REMOVE, errno);
      default:  // reading: a new archive has nothing to read
        return source_error(&error_, ZIP_ER_OPNOTSUPP, 0);
    }
  }

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
    if (args.whence == SEEK_CUR)
      base = static_cast<std::int64_t>(position_);
    else if (args.whence == SEEK_END)
      base = static_cast<std::int64_t>(end);
    else if (args.whence != SEEK_SET)
      return source_error(&error_, ZIP_ER_INVAL, 0);
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
  std::vector<char> buffer_;  // data for [buffer_at_, buffer_at_ + size), not yet written
  std::uint64_t buffer_at_ = 0;
  std::uint64_t position_ = 0;     // where the next write goes
  std::uint64_t written_end_ = 0;  // end of the data written to the file so far
};

// A file to pack, as a libzip read source: opened only while its entry is written
// (600 queued files hold no descriptors), read in 1 MiB chunks, and never past the
// size it had when queued (a file changed meanwhile is refused after writing).
class SourceFile : public CallbackSource<SourceFile> {
 public:
  SourceFile(std::string path, std::uint64_t size) : path_(std::move(path)), size_(size) {}
  ~SourceFile() { close(); }

 private:
  friend class CallbackSource<SourceFile>;

  zip_int64_t handle(void* data, zip_uint64_t length, zip_source_cmd_t command) {
    switch (command) {
      case ZIP_SOURCE_SUPPORTS:
        return ZIP_SOURCE_SUPPORTS_READABLE | ZIP_SOURCE_MAKE_COMMAND_BITMASK(ZIP_SOURCE_SUPPORTS);
      case ZIP_SOURCE_OPEN: return open();
      case ZIP_SOURCE_READ: return read(static_cast<char*>(data), length);
      case ZIP_SOURCE_CLOSE: close(); return 0;
      case ZIP_SOURCE_STAT: {
        auto* st = ZIP_SOURCE_GET_ARGS(zip_stat_t, data, length, &error_);
        if (st == nullptr) return -1;
        zip_stat_init(st);
        st->size = size_;
        st->comp_size = size_;
        st->comp_method = ZIP_CM_STORE;
        st->encryption_method = ZIP_EM_NONE;
        st->valid = ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE | ZIP_STAT_COMP_METHOD | ZIP_STAT_ENCRYPTION_METHOD;
        return sizeof(zip_stat_t);
      }
      default: return source_error(&error_, ZIP_ER_OPNOTSUPP, 0);
    }
  }

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
        const std::size_t want =
            static_cast<std::size_t>(std::min<std::uint64_t>(buffer_.size(), size_ - done_ - given));
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
};

}  // namespace

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

zip_source_t* create_archive_file_source(const std::string& path, zip_error_t* error) {
  auto* file = new ArchiveFile(path);
  zip_source_t* source = zip_source_function_create(&ArchiveFile::callback, file, error);
  if (source == nullptr) delete file;
  return source;
}

zip_source_t* create_source_file(zip_t* archive, const std::string& path, std::uint64_t size) {
  auto* file = new SourceFile(path, size);
  zip_source_t* source = zip_source_function(archive, &SourceFile::callback, file);
  if (source == nullptr) delete file;
  return source;
}

}  // namespace evpack::libzip
