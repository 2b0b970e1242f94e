// ZipReader over libarchive: 7z, RAR (read-only), tar and compressed tar (.tar.gz, .tgz,
// .tar.bz2, .tar.xz, .tar.zst). The only file that includes libarchive headers. The
// unpacking that uses it (src/package/zip_extract.cpp) applies the same limits and checks as
// to zips: entry names, links, encryption, sizes and the compression ratio.
#include <archive.h>
#include <archive_entry.h>
#include <fcntl.h>
#include <locale.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <memory>
#include <vector>

#include "evpack/adapters/zip_archive.hpp"
#include "evpack/util/system_error.hpp"
#include "evpack/util/text.hpp"

namespace evpack {

namespace {

constexpr std::size_t kChunk = 64 * 1024;

// libarchive converts names (7z keeps UTF-16) through the current locale: under the C
// locale every Chinese name fails ("cannot be converted from UTF-16LE"). A UTF-8 locale is
// set for this thread only while libarchive runs, never for the whole program.
class Utf8LocaleScope {
 public:
  Utf8LocaleScope() {
    static const locale_t utf8 = [] {
      locale_t l = newlocale(LC_CTYPE_MASK, "C.UTF-8", static_cast<locale_t>(nullptr));
      if (l == static_cast<locale_t>(nullptr))
        l = newlocale(LC_CTYPE_MASK, "en_US.UTF-8", static_cast<locale_t>(nullptr));
      return l;
    }();
    if (utf8 != static_cast<locale_t>(nullptr)) old_ = uselocale(utf8);
  }
  ~Utf8LocaleScope() {
    if (old_ != static_cast<locale_t>(nullptr)) uselocale(old_);
  }
  Utf8LocaleScope(const Utf8LocaleScope&) = delete;
  Utf8LocaleScope& operator=(const Utf8LocaleScope&) = delete;

 private:
  locale_t old_ = static_cast<locale_t>(nullptr);
};

struct ArchiveCloser {
  void operator()(archive* a) const { archive_read_free(a); }
};
using ArchivePtr = std::unique_ptr<archive, ArchiveCloser>;

// A reader for the formats we accept. Zip stays with libzip (open_zip): it is the format
// of received packages and its checks (GBK names, CRC, methods) are tuned there.
ArchivePtr open_reader(const std::string& path) {
  ArchivePtr a(archive_read_new());
  if (!a) return a;
  archive_read_support_filter_all(a.get());
  archive_read_support_format_7zip(a.get());
  archive_read_support_format_rar(a.get());
  archive_read_support_format_rar5(a.get());
  archive_read_support_format_tar(a.get());
  archive_read_support_format_gnutar(a.get());
  archive_read_support_format_raw(a.get());  // a lone .gz/.bz2/.xz file
  if (archive_read_open_filename(a.get(), path.c_str(), kChunk) != ARCHIVE_OK) return nullptr;
  return a;
}

std::string entry_name(archive_entry* e, std::string& raw, bool& from_gbk) {
  const char* bytes = archive_entry_pathname(e);
  raw = bytes ? bytes : "";
  from_gbk = false;
  if (const char* utf8 = archive_entry_pathname_utf8(e); utf8 && is_valid_utf8(utf8)) return utf8;
  if (is_valid_utf8(raw)) return raw;
  from_gbk = true;  // archives made on Chinese Windows store GBK
  return gbk_to_utf8(raw);
}

class LibarchiveReader final : public ZipReader {
 public:
  explicit LibarchiveReader(std::string path) : path_(std::move(path)) {}

  // Lists the entries in one pass. Sizes a format does not record (a lone .gz) are measured
  // by reading, up to `max_measure` bytes.
  Expected<bool> load(const ZipLimits& limits, std::uint64_t archive_bytes) {
    const Utf8LocaleScope utf8;
    ArchivePtr a = open_reader(path_);
    if (!a) return Error{"ZIP_NOT_ZIP", "不是可识别的压缩包（支持 zip、7z、rar、tar 及 tar.gz 等）"};
    std::uint64_t total = 0;
    archive_entry* e = nullptr;
    int rc = ARCHIVE_OK;
    while ((rc = archive_read_next_header(a.get(), &e)) == ARCHIVE_OK || rc == ARCHIVE_WARN) {
      if (entries_.size() >= limits.max_entries) {
        truncated_ = true;
        break;
      }
      ZipEntry entry;
      entry.name = entry_name(e, entry.raw_name, entry.name_decoded_from_gbk);
      const mode_t type = archive_entry_filetype(e);
      entry.is_directory = type == AE_IFDIR;
      // Links and special files are never written out: the unpacking skips them as links.
      entry.symlink = type == AE_IFLNK || archive_entry_hardlink(e) != nullptr ||
                      (type != AE_IFREG && type != AE_IFDIR && type != 0);
      entry.encrypted = archive_entry_is_encrypted(e) != 0;
      if (entry.is_directory && !entry.name.empty() && entry.name.back() != '/') entry.name += '/';
      if (archive_entry_size_is_set(e) && archive_entry_size(e) >= 0) {
        entry.size = static_cast<std::uint64_t>(archive_entry_size(e));
      } else if (!entry.is_directory && !entry.symlink && !entry.encrypted) {
        entry.size = measure(a.get(), kMaxMeasure);
      }
      total += entry.size;
      entries_.push_back(std::move(entry));
    }
    if (rc == ARCHIVE_FATAL && entries_.empty()) {
      return Error{"ZIP_CORRUPT", std::string("压缩包已损坏或格式不受支持：") + error_text(a.get())};
    }
    // The formats keep no per-entry compressed size: each entry is given its share of the
    // archive, so the ratio limit judges the archive's overall ratio (a bomb has a huge one).
    // The shares leave a zip local header's 30 bytes (and one more) per entry, so the estimates
    // laid side by side never exceed the file: a check that entries do not overlap still holds.
    const std::uint64_t allowance = 31 * static_cast<std::uint64_t>(entries_.size());
    const std::uint64_t budget = archive_bytes > allowance ? archive_bytes - allowance : 0;
    for (auto& entry : entries_) {
      const double share = total > 0 ? static_cast<double>(entry.size) / static_cast<double>(total) : 0;
      entry.compressed_size =
          std::max<std::uint64_t>(1, static_cast<std::uint64_t>(share * static_cast<double>(budget)));
    }
    return true;
  }

  const std::vector<ZipEntry>& entries() const override { return entries_; }
  bool truncated() const override { return truncated_; }

  Expected<std::string> read_head(std::size_t index, std::size_t max_bytes) override {
    std::string out;
    auto read = read_entry(
        index,
        [&](std::string_view chunk) {
          out.append(chunk.substr(0, std::min(chunk.size(), max_bytes - out.size())));
          return out.size() < max_bytes;
        },
        UINT64_MAX);
    if (!read && read.error().code != "ZIP_READ_STOPPED") return read.error();
    return out;
  }

  Expected<std::uint64_t> read_entry(std::size_t index, const std::function<bool(std::string_view)>& sink,
                                     std::uint64_t max_bytes) override {
    if (index >= entries_.size()) return Error{"ZIP_ENTRY_MISSING", "压缩包中没有该文件"};
    if (entries_[index].encrypted) return Error{"ZIP_ENTRY_ENCRYPTED", "压缩包中的文件已加密"};
    const Utf8LocaleScope utf8;
    auto positioned = seek(index);
    if (!positioned) return positioned.error();
    archive* a = cursor_.get();
    cursor_index_ = SIZE_MAX;  // this entry's data is consumed now
    std::vector<char> buffer(kChunk);
    std::uint64_t count = 0;
    for (;;) {
      const la_ssize_t n = archive_read_data(a, buffer.data(), buffer.size());
      if (n == 0) break;
      if (n < 0) {
        if (n == ARCHIVE_WARN) continue;
        cursor_.reset();
        return Error{"ZIP_ENTRY_CORRUPT", std::string("压缩包中的文件已损坏：") + error_text(a)};
      }
      count += static_cast<std::uint64_t>(n);
      if (count > max_bytes) {
        cursor_.reset();
        return Error{"ZIP_ENTRY_TOO_LARGE", "压缩包中的文件解压后超过限制"};
      }
      if (!sink(std::string_view(buffer.data(), static_cast<std::size_t>(n)))) {
        cursor_.reset();
        return Error{"ZIP_READ_STOPPED", "读取已停止"};
      }
    }
    return count;
  }

 private:
  static constexpr std::uint64_t kMaxMeasure = 4ull << 30;

  static std::string error_text(archive* a) {
    const char* s = archive_error_string(a);
    return s ? to_utf8_lossy(s) : "未知错误";
  }

  static std::uint64_t measure(archive* a, std::uint64_t limit) {
    std::vector<char> buffer(kChunk);
    std::uint64_t count = 0;
    la_ssize_t n = 0;
    while ((n = archive_read_data(a, buffer.data(), buffer.size())) > 0) {
      count += static_cast<std::uint64_t>(n);
      if (count > limit) break;
    }
    return count;
  }

  // Moves the streaming cursor to the header of entry `index`. libarchive reads forward
  // only: the unpacking asks for entries in order, so one pass serves them all; going back
  // reopens the archive.
  Expected<bool> seek(std::size_t index) {
    if (cursor_ && cursor_index_ == index) return true;  // standing at its unread data
    if (!cursor_ || cursor_next_ > index) {
      cursor_ = open_reader(path_);
      if (!cursor_) return Error{"ZIP_UNREADABLE", "无法再次打开该压缩包"};
      cursor_next_ = 0;
      cursor_index_ = SIZE_MAX;
    }
    archive_entry* e = nullptr;
    while (cursor_next_ <= index) {
      const int rc = archive_read_next_header(cursor_.get(), &e);
      if (rc != ARCHIVE_OK && rc != ARCHIVE_WARN) {
        cursor_.reset();
        return Error{"ZIP_ENTRY_CORRUPT", "压缩包中的文件无法读取（压缩包不完整或已损坏）"};
      }
      ++cursor_next_;
    }
    cursor_index_ = index;
    return true;
  }

  std::string path_;
  std::vector<ZipEntry> entries_;
  bool truncated_ = false;
  ArchivePtr cursor_;
  std::size_t cursor_next_ = 0;          // entries whose headers the cursor has passed
  std::size_t cursor_index_ = SIZE_MAX;  // entry whose data the cursor stands at, unread
};

}  // namespace

Expected<std::unique_ptr<ZipReader>> open_archive_libarchive(const std::string& path, const ZipLimits& limits) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) return Error{"ZIP_UNREADABLE", "无法打开该压缩包：" + system_error_zh(errno)};
  struct stat st {};
  const bool regular = ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
  ::close(fd);
  if (!regular) return Error{"ZIP_UNREADABLE", "不是普通文件，无法作为压缩包读取"};
  auto reader = std::make_unique<LibarchiveReader>(path);
  auto loaded = reader->load(limits, static_cast<std::uint64_t>(st.st_size));
  if (!loaded) return loaded.error();
  return std::unique_ptr<ZipReader>(std::move(reader));
}

}  // namespace evpack
