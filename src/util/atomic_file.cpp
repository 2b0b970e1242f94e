#include "evpack/util/atomic_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "evpack/util/temp_files.hpp"

#include "evpack/util/system_error.hpp"

namespace evpack {

namespace {

Error write_error(const std::string& path, const std::string& what) {
  return {"OUTPUT_WRITE_FAILED", "无法写入输出文件 " + path + "：" + what};
}

Error symlink_error(const std::string& path) {
  return write_error(path, "该路径是符号链接，为免写到别处，拒绝写入（请删除该链接或换一个输出路径）");
}

bool is_symlink(const std::string& path) {
  std::error_code ec;
  return std::filesystem::is_symlink(std::filesystem::symlink_status(path, ec));
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
  std::string temp = path + ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(counter++);
  register_temp(temp);  // removed on a signal or at exit unless committed first
  return temp;
}

Expected<bool> commit_temp_file(const std::string& temp, const std::string& path, Durability durability) {
  struct Forget {
    const std::string& temp;
    ~Forget() { unregister_temp(temp); }
  } const forget{temp};
  if (is_symlink(path)) {
    std::remove(temp.c_str());
    return symlink_error(path);
  }
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
  if (is_symlink(path)) return symlink_error(path);
  const std::string temp = temp_path_beside(path);
  struct Forget {
    const std::string& temp;
    ~Forget() { unregister_temp(temp); }  // committed or removed by now, whatever the path taken
  } const forget{temp};
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

std::string symlink_below(const std::string& root, const std::string& path) {
  namespace fs = std::filesystem;
  const fs::path base = fs::path(root).lexically_normal();
  const fs::path rel = fs::path(path).lexically_normal().lexically_relative(base);
  if (rel.empty() || *rel.begin() == "..") return "";
  fs::path at = base;
  std::error_code ec;
  for (const auto& part : rel) {
    if (part == ".") continue;
    at /= part;
    if (fs::is_symlink(fs::symlink_status(at, ec))) return at.string();
  }
  return "";
}

}  // namespace evpack
