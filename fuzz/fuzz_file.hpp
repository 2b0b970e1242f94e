// Fuzz targets whose parser reads a file: the input is written to a private temp file
// (removed again) under $TMPDIR.
#pragma once

#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

namespace evpack::fuzz {

class InputFile {
 public:
  InputFile(const std::uint8_t* data, std::size_t size, const char* suffix) {
    const char* base = std::getenv("TMPDIR");
    path_ = std::string(base && *base ? base : "/tmp") + "/evpack-fuzz-XXXXXX" + suffix;
    const int fd = ::mkstemps(path_.data(), static_cast<int>(std::char_traits<char>::length(suffix)));
    if (fd < 0) {
      path_.clear();
      return;
    }
    ok_ = ::write(fd, data, size) == static_cast<ssize_t>(size);
    ::close(fd);
  }
  ~InputFile() {
    if (!path_.empty()) ::unlink(path_.c_str());
  }
  InputFile(const InputFile&) = delete;
  InputFile& operator=(const InputFile&) = delete;

  bool ok() const { return ok_; }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
  bool ok_ = false;
};

}  // namespace evpack::fuzz
