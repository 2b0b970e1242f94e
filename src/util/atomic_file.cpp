#include "evpack/util/atomic_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>

#include "evpack/util/system_error.hpp"

namespace evpack {

namespace {

Error write_error(const std::string& path, const std::string& what) {
  return {"OUTPUT_WRITE_FAILED", "无法写入输出文件 " + path + "：" + what};
}

bool fsync_path(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  const bool ok = ::fsync(fd) == 0;
  ::close(fd);
  return ok;
}

}  // namespace

std::string temp_path_beside(const std::string& path) {
  static std::atomic<unsigned> counter{0};
  return path + ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(counter++);
}

Expected<bool> commit_temp_file(const std::string& temp, const std::string& path, Durability durability) {
  if (durability == Durability::Fsync && !fsync_path(temp)) {
    const std::string why = system_error_zh(errno);
    std::remove(temp.c_str());
    return write_error(path, why);
  }
  if (std::rename(temp.c_str(), path.c_str()) != 0) {
    const std::string why = system_error_zh(errno);
    std::remove(temp.c_str());
    return write_error(path, why);
  }
  return true;
}

Expected<bool> write_file_atomically(const std::string& path, std::string_view content, Durability durability) {
  const std::string temp = temp_path_beside(path);
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) return write_error(path, system_error_zh(errno));
  std::size_t written = 0;
  while (written < content.size()) {
    const ssize_t n = ::write(fd, content.data() + written, content.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      const std::string why = system_error_zh(errno);
      ::close(fd);
      std::remove(temp.c_str());
      return write_error(path, why);
    }
    written += static_cast<std::size_t>(n);
  }
  if (::close(fd) != 0) {
    const std::string why = system_error_zh(errno);
    std::remove(temp.c_str());
    return write_error(path, why);
  }
  return commit_temp_file(temp, path, durability);
}

}  // namespace evpack
