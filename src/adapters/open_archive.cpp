// Chooses the archive reader by content: libzip for zips, libarchive for the rest. No
// library header here: each reader is in its own adapter.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstring>

#include "evpack/adapters/zip_archive.hpp"

namespace evpack {

ArchiveKind sniff_archive_kind(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) return ArchiveKind::None;
  struct stat st {};
  unsigned char head[265] = {};
  ssize_t got = 0;
  if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) got = ::pread(fd, head, sizeof head, 0);
  ::close(fd);
  if (got < 4) return ArchiveKind::None;
  auto starts = [&](const char* magic, std::size_t n) {
    return static_cast<std::size_t>(got) >= n && std::memcmp(head, magic, n) == 0;
  };
  if (starts("PK\x03\x04", 4) || starts("PK\x05\x06", 4)) return ArchiveKind::Zip;
  if (starts("7z\xBC\xAF\x27\x1C", 6)) return ArchiveKind::SevenZip;
  if (starts("Rar!\x1A\x07", 6)) return ArchiveKind::Rar;
  if (got >= 262 && std::memcmp(head + 257, "ustar", 5) == 0) return ArchiveKind::Tar;
  if (starts("\x1F\x8B", 2) || starts("BZh", 3) ||
      starts("\xFD"
             "7zXZ\x00",
             6) ||
      starts("\x28\xB5\x2F\xFD", 4)) {
    return ArchiveKind::CompressedTar;
  }
  return ArchiveKind::None;
}

Expected<std::unique_ptr<ZipReader>> open_archive(const std::string& path, const ZipLimits& limits) {
  switch (sniff_archive_kind(path)) {
    case ArchiveKind::Zip: return open_zip(path, limits);
    case ArchiveKind::SevenZip:
    case ArchiveKind::Rar:
    case ArchiveKind::Tar:
    case ArchiveKind::CompressedTar: return open_archive_libarchive(path, limits);
    case ArchiveKind::None: break;
  }
  // Not one we read: let libzip say why (unreadable file, not a zip).
  return open_zip(path, limits);
}

}  // namespace evpack
