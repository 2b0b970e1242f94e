// ZipReader over libzip. The only file that includes libzip headers.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zip.h>

#include <algorithm>
#include <cerrno>
#include <exception>
#include <vector>

#include "evpack/adapters/zip_archive.hpp"
#include "evpack/util/text.hpp"

namespace evpack {

namespace {

struct ZipFileCloser {
  void operator()(zip_file_t* file) const { zip_fclose(file); }
};

Error open_error(int libzip_code) {
  switch (libzip_code) {
    case ZIP_ER_NOZIP: return {"ZIP_NOT_ZIP", "不是有效的ZIP压缩包"};
    case ZIP_ER_OPEN:
    case ZIP_ER_READ: return {"ZIP_UNREADABLE", "无法读取该压缩包"};
    case ZIP_ER_MULTIDISK: return {"ZIP_CORRUPT", "分卷压缩包无法单独打开"};
    default: return {"ZIP_CORRUPT", "压缩包已损坏或格式不受支持（libzip错误 " + std::to_string(libzip_code) + "）"};
  }
}

class LibzipReader final : public ZipReader {
 public:
  explicit LibzipReader(zip_t* archive) : archive_(archive) {}
  ~LibzipReader() override { zip_discard(archive_); }  // read-only: never write anything back
  LibzipReader(const LibzipReader&) = delete;
  LibzipReader& operator=(const LibzipReader&) = delete;

  void load(const ZipLimits& limits) {
    const zip_int64_t count = zip_get_num_entries(archive_, 0);
    const auto total = static_cast<std::uint64_t>(std::max<zip_int64_t>(count, 0));
    const std::uint64_t listed = std::min<std::uint64_t>(total, limits.max_entries);
    truncated_ = listed < total;
    entries_.reserve(static_cast<std::size_t>(listed));
    for (std::uint64_t i = 0; i < listed; ++i) {
      ZipEntry entry;
      // Raw bytes, not libzip's guess: libzip would read unflagged names as CP437,
      // but zips made on Chinese Windows store GBK.
      if (const char* raw = zip_get_name(archive_, i, ZIP_FL_ENC_RAW)) entry.raw_name = raw;
      if (is_valid_utf8(entry.raw_name)) {
        // Also when libzip has swapped in the UTF-8 name of a valid Info-ZIP Unicode
        // Path field (0x7075): it does so before we see the name.
        entry.name = entry.raw_name;
      } else {
        entry.name = gbk_to_utf8(entry.raw_name);
        entry.name_decoded_from_gbk = true;
      }
      zip_stat_t st;
      zip_stat_init(&st);
      if (zip_stat_index(archive_, i, ZIP_FL_ENC_RAW, &st) == 0) {
        if (st.valid & ZIP_STAT_SIZE) entry.size = st.size;
        if (st.valid & ZIP_STAT_COMP_SIZE) entry.compressed_size = st.comp_size;
        if (st.valid & ZIP_STAT_ENCRYPTION_METHOD) entry.encrypted = st.encryption_method != ZIP_EM_NONE;
        if (st.valid & ZIP_STAT_COMP_METHOD) entry.method = st.comp_method;
        if (st.valid & ZIP_STAT_CRC) entry.crc32 = st.crc;
      }
      zip_uint8_t opsys = 0;
      zip_uint32_t attributes = 0;
      if (zip_file_get_external_attributes(archive_, i, 0, &opsys, &attributes) == 0 && opsys == ZIP_OPSYS_UNIX) {
        entry.symlink = ((attributes >> 16) & S_IFMT) == S_IFLNK;
      }
      entry.is_directory = !entry.raw_name.empty() && entry.raw_name.back() == '/';
      entries_.push_back(std::move(entry));
    }
  }

  using FilePtr = std::unique_ptr<zip_file_t, ZipFileCloser>;

  Expected<FilePtr> open_entry(std::size_t index) {
    if (index >= entries_.size()) return Error{"ZIP_ENTRY_MISSING", "压缩包中没有该条目"};
    zip_error_clear(archive_);
    FilePtr file(zip_fopen_index(archive_, index, 0));
    if (!file) {
      const int code = zip_error_code_zip(zip_get_error(archive_));
      if (code == ZIP_ER_NOPASSWD || code == ZIP_ER_WRONGPASSWD) {
        return Error{"ZIP_ENTRY_ENCRYPTED", "压缩包中的文件已加密，无法读取"};
      }
      if (code == ZIP_ER_COMPNOTSUPP || code == ZIP_ER_ENCRNOTSUPP) {
        return Error{"ZIP_ENTRY_UNSUPPORTED", "压缩包中的文件使用了不支持的压缩或加密方式"};
      }
      return Error{"ZIP_ENTRY_CORRUPT", "压缩包中的文件已损坏，无法读取"};
    }
    return file;
  }

  const std::vector<ZipEntry>& entries() const override { return entries_; }
  bool truncated() const override { return truncated_; }

  Expected<std::string> read_head(std::size_t index, std::size_t max_bytes) override {
    auto opened = open_entry(index);
    if (!opened) return opened.error();
    const auto& file = opened.value();
    std::string out(max_bytes, '\0');
    std::size_t filled = 0;
    while (filled < max_bytes) {
      const zip_int64_t n = zip_fread(file.get(), out.data() + filled, max_bytes - filled);
      if (n < 0) return Error{"ZIP_ENTRY_CORRUPT", "压缩包中的文件已损坏，无法读取"};
      if (n == 0) break;
      filled += static_cast<std::size_t>(n);
    }
    out.resize(filled);
    return out;
  }

  Expected<std::uint64_t> read_entry(std::size_t index, const std::function<bool(std::string_view)>& sink,
                                     std::uint64_t max_bytes) override {
    auto file = open_entry(index);
    if (!file) return file.error();
    std::vector<char> buffer(1 << 20);
    std::uint64_t total = 0;
    for (;;) {
      const zip_int64_t n = zip_fread(file.value().get(), buffer.data(), buffer.size());
      if (n < 0) return Error{"ZIP_ENTRY_CORRUPT", "压缩包中的文件已损坏（数据或校验值不符），无法读取"};
      if (n == 0) break;
      total += static_cast<std::uint64_t>(n);
      if (total > max_bytes) {
        return Error{"ZIP_ENTRY_TOO_LARGE",
                     "压缩包中的文件解压后超过限制（" + std::to_string(max_bytes) + " 字节），已停止读取"};
      }
      if (!sink(std::string_view(buffer.data(), static_cast<std::size_t>(n)))) {
        return Error{"ZIP_READ_STOPPED", "读取已停止"};
      }
    }
    return total;
  }

 private:
  zip_t* archive_;
  std::vector<ZipEntry> entries_;
  bool truncated_ = false;
};

}  // namespace

Expected<std::unique_ptr<ZipReader>> open_zip(const std::string& path, const ZipLimits& limits) {
  // Open the descriptor ourselves: O_NONBLOCK keeps a FIFO from blocking us, and the
  // regular-file check rejects devices before libzip reads anything.
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) return Error{"ZIP_UNREADABLE", "无法打开该压缩包（系统错误码 " + std::to_string(errno) + "）"};
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    return Error{"ZIP_UNREADABLE", "不是普通文件，无法作为压缩包读取"};
  }
  int error_code = 0;
  zip_t* archive = zip_fdopen(fd, 0, &error_code);
  if (archive == nullptr) {
    ::close(fd);  // zip_fdopen leaves the descriptor to us on failure
    return open_error(error_code);
  }
  auto reader = std::make_unique<LibzipReader>(archive);  // owns `archive` from here on
  try {
    reader->load(limits);
  } catch (const std::exception&) {
    return Error{"ZIP_CORRUPT", "压缩包目录过大或已损坏，无法列出其中的文件"};
  }
  return std::unique_ptr<ZipReader>(std::move(reader));
}

Expected<std::vector<std::string>> list_zip_entry_names(const std::string& path, const ZipLimits& limits) {
  auto reader = open_zip(path, limits);
  if (!reader) return reader.error();
  std::vector<std::string> names;
  names.reserve(reader.value()->entries().size());
  for (const auto& entry : reader.value()->entries()) names.push_back(entry.name);
  return names;
}

}  // namespace evpack
