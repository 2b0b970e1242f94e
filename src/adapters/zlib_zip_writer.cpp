// Streaming zip writer on zlib (deflate, CRC-32). The only file that includes zlib.h.
//
// Why not libzip's writer: libzip builds the whole archive inside zip_close(), so there is
// no per-chunk cancel or progress, and the exact bytes (extra fields, attributes taken
// from the source file's stat) depend on the libzip version. Here every byte is ours:
// fixed times and attributes, no extra fields except ZIP64 and the Unicode Path field,
// so the same input gives the same archive. libzip stays the reader, which makes it an
// independent check of what this file writes (the package is re-read after writing).
#include <fcntl.h>
#include <iconv.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <set>
#include <vector>

#include "evpack/adapters/digest.hpp"
#include "evpack/adapters/zip_archive.hpp"
#include "evpack/util/text.hpp"

namespace evpack {

namespace {

constexpr std::size_t kChunk = 1 << 20;                 // 1 MiB reads and writes
constexpr std::uint64_t kMax32 = 0xFFFFFFFFull;
// Entries at least this large get ZIP64 sizes in the local header: a deflated stream of
// an entry below it cannot grow past 4 GiB (worst case is a few bytes per 16 KiB).
constexpr std::uint64_t kZip64LocalThreshold = 0xFF000000ull;
constexpr std::uint16_t kFlagUtf8 = 0x0800;
constexpr std::uint16_t kMadeByUnix = 3 << 8;

Error write_failed(int err) {
  if (err == ENOSPC || err == EDQUOT) return {"ZIP_WRITE_FAILED", "磁盘空间不足，无法写入压缩包"};
  return {"ZIP_WRITE_FAILED", std::string("无法写入压缩包：") + std::strerror(err)};
}

void put16(std::string& out, std::uint16_t v) {
  out += static_cast<char>(v & 0xFF);
  out += static_cast<char>(v >> 8);
}
void put32(std::string& out, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) out += static_cast<char>((v >> (8 * i)) & 0xFF);
}
void put64(std::string& out, std::uint64_t v) {
  for (int i = 0; i < 8; ++i) out += static_cast<char>((v >> (8 * i)) & 0xFF);
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

struct Fd {
  int fd = -1;
  explicit Fd(int f) : fd(f) {}
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
};

class ZlibZipWriter final : public ZipWriter {
 public:
  ZlibZipWriter(int fd, ZipWriterOptions options) : fd_(fd), options_(std::move(options)) {
    const auto [date, time] = dos_date_time(options_.mtime);
    dos_date_ = date;
    dos_time_ = time;
    buffer_.reserve(kChunk);
    io_.resize(kChunk);
  }
  ~ZlibZipWriter() override {
    if (fd_ >= 0) ::close(fd_);
  }
  ZlibZipWriter(const ZlibZipWriter&) = delete;
  ZlibZipWriter& operator=(const ZlibZipWriter&) = delete;

  Expected<ZipWrittenEntry> add_file(const std::string& name, const std::string& disk_path, ZipMethod method) override {
    if (auto bad = check_state_and_name(name)) return *bad;
    int fd = ::open(disk_path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOATIME);
    if (fd < 0 && errno == EPERM) fd = ::open(disk_path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) return source_error(name, errno);
    const Fd source(fd);
    struct stat st {};
    if (::fstat(fd, &st) != 0) return source_error(name, errno);
    if (!S_ISREG(st.st_mode)) return Error{"ZIP_SOURCE_UNREADABLE", "“" + name + "”的来源不是普通文件"};
    ::posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
    const auto size = static_cast<std::uint64_t>(st.st_size);
    auto reader = [fd](char* out, std::size_t max) -> ssize_t {
      for (;;) {
        const ssize_t n = ::read(fd, out, max);
        if (n < 0 && errno == EINTR) continue;
        return n;
      }
    };
    auto rewind = [fd]() { return ::lseek(fd, 0, SEEK_SET) == 0; };
    return add_entry(name, size, method, reader, rewind);
  }

  Expected<ZipWrittenEntry> add_bytes(const std::string& name, std::string_view data, ZipMethod method) override {
    if (auto bad = check_state_and_name(name)) return *bad;
    std::size_t pos = 0;
    auto reader = [&](char* out, std::size_t max) -> ssize_t {
      const std::size_t n = std::min(max, data.size() - pos);
      std::memcpy(out, data.data() + pos, n);
      pos += n;
      return static_cast<ssize_t>(n);
    };
    auto rewind = [&]() {
      pos = 0;
      return true;
    };
    return add_entry(name, data.size(), method, reader, rewind);
  }

  Expected<std::uint64_t> finish() override {
    if (failed_) return Error{"ZIP_WRITE_FAILED", "压缩包写入已失败，不能完成"};
    if (fd_ < 0) return Error{"ZIP_WRITE_FAILED", "压缩包已经完成"};
    const std::uint64_t cd_offset = offset_;
    for (const auto& e : central_) {
      if (!emit(e)) return fail_errno();
    }
    const std::uint64_t cd_size = offset_ - cd_offset;
    const std::uint64_t count = entry_count_;
    std::string end;
    const bool zip64 = count >= 0xFFFF || cd_size >= kMax32 || cd_offset >= kMax32;
    if (zip64) {
      const std::uint64_t zip64_eocd_offset = offset_;
      put32(end, 0x06064b50);
      put64(end, 44);  // size of the rest of this record
      put16(end, kMadeByUnix | 45);
      put16(end, 45);
      put32(end, 0);
      put32(end, 0);
      put64(end, count);
      put64(end, count);
      put64(end, cd_size);
      put64(end, cd_offset);
      put32(end, 0x07064b50);  // locator
      put32(end, 0);
      put64(end, zip64_eocd_offset);
      put32(end, 1);
    }
    put32(end, 0x06054b50);
    put16(end, 0);
    put16(end, 0);
    put16(end, static_cast<std::uint16_t>(std::min<std::uint64_t>(count, 0xFFFF)));
    put16(end, static_cast<std::uint16_t>(std::min<std::uint64_t>(count, 0xFFFF)));
    put32(end, static_cast<std::uint32_t>(std::min(cd_size, kMax32)));
    put32(end, static_cast<std::uint32_t>(std::min(cd_offset, kMax32)));
    put16(end, 0);  // no comment
    if (!emit(end) || !flush()) return fail_errno();
    if (::close(fd_) != 0) {
      fd_ = -1;
      return fail_errno();
    }
    fd_ = -1;
    central_.clear();
    central_.shrink_to_fit();
    return offset_;
  }

  std::uint64_t bytes_written() const override { return offset_; }

 private:
  using Reader = std::function<ssize_t(char*, std::size_t)>;
  using Rewind = std::function<bool()>;

  std::optional<Error> check_state_and_name(const std::string& name) {
    if (failed_ || fd_ < 0) return Error{"ZIP_WRITE_FAILED", "压缩包写入已失败或已完成，不能再添加文件"};
    if (!is_valid_entry_name(name)) {
      return Error{"ZIP_NAME_INVALID", "压缩包内的文件名不合法（绝对路径、“..”、反斜杠或控制字符）：" + to_utf8_lossy(name)};
    }
    if (!names_.insert(to_lower_ascii(name)).second) {
      return Error{"ZIP_NAME_DUPLICATE", "压缩包内文件名重复（Windows不区分大小写）：" + name};
    }
    return std::nullopt;
  }

  Error source_error(const std::string& name, int err) {
    return {"ZIP_SOURCE_UNREADABLE", "无法读取要打包的文件“" + name + "”：" + std::strerror(err)};
  }

  Error fail_errno() {
    failed_ = true;
    return write_failed(errno);
  }

  bool cancelled() const { return options_.cancelled && options_.cancelled(); }

  Expected<ZipWrittenEntry> add_entry(const std::string& name, std::uint64_t size, ZipMethod method,
                                      const Reader& read, const Rewind& rewind) {
    std::string stored_name = name;
    std::string unicode_extra;
    std::uint16_t flags = 0;
    if (options_.names == ZipNameEncoding::Gbk && !is_ascii(name)) {
      auto gbk = utf8_to_gbk(name);
      if (!gbk) {
        names_.erase(to_lower_ascii(name));
        return Error{"ZIP_NAME_NOT_GBK", "文件名含有GBK编码无法表示的字符，请改名或使用UTF-8文件名：" + name};
      }
      stored_name = *gbk;
      // Info-ZIP Unicode Path: version 1, CRC-32 of the stored name, then the UTF-8 name.
      put16(unicode_extra, 0x7075);
      put16(unicode_extra, static_cast<std::uint16_t>(5 + name.size()));
      unicode_extra += '\x01';
      put32(unicode_extra, static_cast<std::uint32_t>(
                               ::crc32(0, reinterpret_cast<const Bytef*>(stored_name.data()),
                                       static_cast<uInt>(stored_name.size()))));
      unicode_extra += name;
    } else if (options_.names == ZipNameEncoding::Utf8 && !is_ascii(name)) {
      flags |= kFlagUtf8;
    }
    if (stored_name.size() + unicode_extra.size() + 20 > 0xFFFF) {
      names_.erase(to_lower_ascii(name));
      return Error{"ZIP_NAME_INVALID", "压缩包内的文件名过长：" + name};
    }

    auto written = write_entry(stored_name, unicode_extra, flags, size, method, read);
    if (written && method == ZipMethod::Deflate && written->compressed_size >= written->size) {
      // Did not shrink: rewrite the entry stored (seek back over it; nothing follows it yet).
      if (!rewind()) {
        failed_ = true;
        return Error{"ZIP_SOURCE_UNREADABLE", "无法重新读取要打包的文件“" + name + "”"};
      }
      if (!flush() || ::ftruncate(fd_, static_cast<off_t>(written->offset)) != 0 ||
          ::lseek(fd_, static_cast<off_t>(written->offset), SEEK_SET) < 0) {
        return fail_errno();
      }
      offset_ = written->offset;
      read_total_ -= written->size;
      written = write_entry(stored_name, unicode_extra, flags, size, ZipMethod::Store, read);
    }
    if (!written) {
      failed_ = true;
      return written.error();
    }
    written->name = name;
    append_central(stored_name, unicode_extra, flags, written.value());
    ++entry_count_;
    return written;
  }

  Expected<ZipWrittenEntry> write_entry(const std::string& stored_name, const std::string& unicode_extra,
                                        std::uint16_t flags, std::uint64_t expected_size, ZipMethod method,
                                        const Reader& read) {
    ZipWrittenEntry entry;
    entry.method = method;
    entry.offset = offset_;
    entry.zip64 = expected_size >= kZip64LocalThreshold;
    const std::uint16_t version = entry.zip64 ? 45 : 20;

    std::string header;
    put32(header, 0x04034b50);
    put16(header, version);
    put16(header, flags);
    put16(header, method == ZipMethod::Deflate ? 8 : 0);
    put16(header, dos_time_);
    put16(header, dos_date_);
    put32(header, 0);  // CRC-32, patched after the data
    put32(header, entry.zip64 ? 0xFFFFFFFF : 0);
    put32(header, entry.zip64 ? 0xFFFFFFFF : 0);
    put16(header, static_cast<std::uint16_t>(stored_name.size()));
    put16(header, static_cast<std::uint16_t>(unicode_extra.size() + (entry.zip64 ? 20 : 0)));
    header += stored_name;
    std::uint64_t zip64_sizes_at = 0;
    if (entry.zip64) {
      put16(header, 0x0001);
      put16(header, 16);
      zip64_sizes_at = offset_ + header.size();
      put64(header, 0);
      put64(header, 0);
    }
    header += unicode_extra;
    if (!emit(header)) return fail_errno();

    const std::uint64_t data_start = offset_;
    uLong crc = ::crc32(0, nullptr, 0);
    Sha256Stream sha;
    std::uint64_t size = 0;

    z_stream z{};
    const bool deflate = method == ZipMethod::Deflate;
    if (deflate && deflateInit2(&z, std::clamp(options_.deflate_level, 1, 9), Z_DEFLATED, -MAX_WBITS, 8,
                                Z_DEFAULT_STRATEGY) != Z_OK) {
      return Error{"ZIP_WRITE_FAILED", "无法初始化压缩（zlib）"};
    }
    struct ZGuard {
      z_stream* z;
      bool active;
      ~ZGuard() {
        if (active) deflateEnd(z);
      }
    } guard{&z, deflate};
    std::vector<char> zout(deflate ? kChunk : 0);

    for (;;) {
      if (cancelled()) return Error{"ZIP_WRITE_CANCELLED", "打包已取消"};
      const ssize_t n = read(io_.data(), io_.size());
      if (n < 0) return Error{"ZIP_SOURCE_UNREADABLE", std::string("读取要打包的文件时出错：") + std::strerror(errno)};
      const auto got = static_cast<std::size_t>(n);
      if (got > 0) {
        crc = ::crc32_z(crc, reinterpret_cast<const Bytef*>(io_.data()), got);
        if (options_.compute_sha256) sha.update(io_.data(), got);
        size += got;
        read_total_ += got;
        if (size > expected_size) break;  // grew while read: reported below
      }
      if (!deflate) {
        if (got > 0 && !emit(std::string_view(io_.data(), got))) return fail_errno();
      } else {
        z.next_in = reinterpret_cast<Bytef*>(io_.data());
        z.avail_in = static_cast<uInt>(got);
        const int flush_mode = got == 0 ? Z_FINISH : Z_NO_FLUSH;
        int rc = Z_OK;
        do {
          z.next_out = reinterpret_cast<Bytef*>(zout.data());
          z.avail_out = static_cast<uInt>(zout.size());
          rc = ::deflate(&z, flush_mode);
          if (rc == Z_STREAM_ERROR) return Error{"ZIP_WRITE_FAILED", "压缩数据时出错（zlib）"};
          const std::size_t produced = zout.size() - z.avail_out;
          if (produced > 0 && !emit(std::string_view(zout.data(), produced))) return fail_errno();
        } while (z.avail_out == 0 || (flush_mode == Z_FINISH && rc != Z_STREAM_END));
      }
      if (options_.progress && got > 0) options_.progress(read_total_);
      if (got == 0) break;
    }
    if (size != expected_size) {
      return Error{"ZIP_SOURCE_CHANGED", "打包过程中文件大小发生变化（文件正在被修改？），请关闭相关程序后重试"};
    }
    entry.size = size;
    entry.compressed_size = offset_ - data_start;
    entry.crc32 = static_cast<std::uint32_t>(crc);
    if (options_.compute_sha256) entry.sha256 = sha.finish();

    // Patch CRC and sizes into the local header (no data descriptor: every reader
    // handles this form, and nothing is left to guess from a trailing record).
    std::string patch;
    put32(patch, entry.crc32);
    if (!entry.zip64) {
      put32(patch, static_cast<std::uint32_t>(entry.compressed_size));
      put32(patch, static_cast<std::uint32_t>(entry.size));
    }
    if (!flush() || !pwrite_all(patch, entry.offset + 14)) return fail_errno();
    if (entry.zip64) {
      std::string sizes;
      put64(sizes, entry.size);
      put64(sizes, entry.compressed_size);
      if (!pwrite_all(sizes, zip64_sizes_at)) return fail_errno();
    }
    return entry;
  }

  void append_central(const std::string& stored_name, const std::string& unicode_extra, std::uint16_t flags,
                      const ZipWrittenEntry& e) {
    const bool big_sizes = e.zip64 || e.size >= kMax32 || e.compressed_size >= kMax32;
    const bool big_offset = e.offset >= kMax32;
    std::string zip64_extra;
    if (big_sizes || big_offset) {
      std::string fields;
      if (big_sizes) {
        put64(fields, e.size);
        put64(fields, e.compressed_size);
      }
      if (big_offset) put64(fields, e.offset);
      put16(zip64_extra, 0x0001);
      put16(zip64_extra, static_cast<std::uint16_t>(fields.size()));
      zip64_extra += fields;
    }
    const std::uint16_t version = zip64_extra.empty() && !e.zip64 ? 20 : 45;
    std::string& c = central_.emplace_back();
    put32(c, 0x02014b50);
    put16(c, kMadeByUnix | version);
    put16(c, version);
    put16(c, flags);
    put16(c, e.method == ZipMethod::Deflate ? 8 : 0);
    put16(c, dos_time_);
    put16(c, dos_date_);
    put32(c, e.crc32);
    put32(c, big_sizes ? 0xFFFFFFFF : static_cast<std::uint32_t>(e.compressed_size));
    put32(c, big_sizes ? 0xFFFFFFFF : static_cast<std::uint32_t>(e.size));
    put16(c, static_cast<std::uint16_t>(stored_name.size()));
    put16(c, static_cast<std::uint16_t>(zip64_extra.size() + unicode_extra.size()));
    put16(c, 0);  // comment length
    put16(c, 0);  // disk number
    put16(c, 0);  // internal attributes
    put32(c, 0100644u << 16);  // regular file, rw-r--r--
    put32(c, big_offset ? 0xFFFFFFFF : static_cast<std::uint32_t>(e.offset));
    c += stored_name;
    c += zip64_extra;
    c += unicode_extra;
  }

  // Appends to the output buffer; large pieces go straight to the file.
  bool emit(std::string_view bytes) {
    if (buffer_.size() + bytes.size() > kChunk) {
      if (!flush()) return false;
      if (bytes.size() >= kChunk) {
        if (!write_all(bytes)) return false;
        offset_ += bytes.size();
        return true;
      }
    }
    buffer_.append(bytes);
    offset_ += bytes.size();
    return true;
  }

  bool flush() {
    if (buffer_.empty()) return true;
    const bool ok = write_all(buffer_);
    buffer_.clear();
    return ok;
  }

  bool write_all(std::string_view bytes) {
    while (!bytes.empty()) {
      const ssize_t n = ::write(fd_, bytes.data(), bytes.size());
      if (n < 0) {
        if (errno == EINTR) continue;
        return false;
      }
      bytes.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
  }

  bool pwrite_all(std::string_view bytes, std::uint64_t at) {
    while (!bytes.empty()) {
      const ssize_t n = ::pwrite(fd_, bytes.data(), bytes.size(), static_cast<off_t>(at));
      if (n < 0) {
        if (errno == EINTR) continue;
        return false;
      }
      bytes.remove_prefix(static_cast<std::size_t>(n));
      at += static_cast<std::uint64_t>(n);
    }
    return true;
  }

  int fd_;
  ZipWriterOptions options_;
  std::uint16_t dos_date_ = 0;
  std::uint16_t dos_time_ = 0;
  std::string buffer_;
  std::vector<char> io_;
  std::uint64_t offset_ = 0;
  std::uint64_t read_total_ = 0;
  std::uint64_t entry_count_ = 0;
  std::vector<std::string> central_;
  std::set<std::string> names_;
  bool failed_ = false;
};

}  // namespace

Expected<std::unique_ptr<ZipWriter>> create_zip_writer(const std::string& path, const ZipWriterOptions& options) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) return Error{"ZIP_WRITE_FAILED", "无法创建压缩包 " + path + "：" + std::strerror(errno)};
  return std::unique_ptr<ZipWriter>(std::make_unique<ZlibZipWriter>(fd, options));
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
