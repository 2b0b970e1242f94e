// SHA-256 through OpenSSL's EVP interface. The only file that includes OpenSSL headers.
#include <fcntl.h>
#include <openssl/evp.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <memory>
#include <vector>

#include "evpack/adapters/digest.hpp"

namespace evpack {

namespace {

constexpr std::size_t kBufferSize = 1 << 20;  // 1 MiB: few syscalls, constant memory

std::string to_hex(const unsigned char* bytes, unsigned length) {
  static const char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(length * 2);
  for (unsigned i = 0; i < length; ++i) {
    out.push_back(kDigits[bytes[i] >> 4]);
    out.push_back(kDigits[bytes[i] & 0x0F]);
  }
  return out;
}

Error read_error(int err) {
  switch (err) {
    case EACCES:
    case EPERM: return {"FILE_UNREADABLE", "没有读取该文件的权限"};
    case ENOENT: return {"FILE_UNREADABLE", "文件不存在（可能已被移动或删除）"};
    case EIO: return {"FILE_UNREADABLE", "读取文件时出现磁盘或网络错误"};
    default: return {"FILE_UNREADABLE", "无法读取该文件（系统错误码 " + std::to_string(err) + "）"};
  }
}

struct FdCloser {
  int fd;
  ~FdCloser() {
    if (fd >= 0) ::close(fd);
  }
};

struct MdCtxDeleter {
  void operator()(EVP_MD_CTX* ctx) const { EVP_MD_CTX_free(ctx); }
};

}  // namespace

Expected<std::string> sha256_file(const std::string& path) {
  // O_NONBLOCK so that a FIFO swapped in for a file cannot block the open; it is
  // rejected by the regular-file check right after. O_NOATIME where permitted,
  // so hashing does not even touch access times of the evidence.
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOATIME);
  if (fd < 0 && errno == EPERM) fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) return read_error(errno);
  const FdCloser closer{fd};
  struct stat st {};
  if (::fstat(fd, &st) != 0) return read_error(errno);
  if (!S_ISREG(st.st_mode)) return Error{"FILE_UNREADABLE", "不是普通文件，无法读取"};

  const std::unique_ptr<EVP_MD_CTX, MdCtxDeleter> ctx(EVP_MD_CTX_new());
  if (!ctx || EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr) != 1) {
    return Error{"DIGEST_FAILED", "无法计算文件校验值（OpenSSL初始化失败）"};
  }
  std::vector<unsigned char> buffer(kBufferSize);
  for (;;) {
    const ssize_t n = ::read(fd, buffer.data(), buffer.size());
    if (n == 0) break;
    if (n < 0) {
      if (errno == EINTR) continue;
      return read_error(errno);
    }
    EVP_DigestUpdate(ctx.get(), buffer.data(), static_cast<std::size_t>(n));
  }
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned length = 0;
  if (EVP_DigestFinal_ex(ctx.get(), digest, &length) != 1) {
    return Error{"DIGEST_FAILED", "无法计算文件校验值（OpenSSL计算失败）"};
  }
  return to_hex(digest, length);
}

std::string sha256_bytes(const void* data, std::size_t size) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned length = 0;
  if (EVP_Digest(data, size, digest, &length, EVP_sha256(), nullptr) != 1) return "";
  return to_hex(digest, length);
}

struct Sha256Stream::State {
  std::unique_ptr<EVP_MD_CTX, MdCtxDeleter> ctx{EVP_MD_CTX_new()};
  void reset() {
    if (ctx) EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr);
  }
};

Sha256Stream::Sha256Stream() : state_(std::make_unique<State>()) { state_->reset(); }
Sha256Stream::~Sha256Stream() = default;
Sha256Stream::Sha256Stream(Sha256Stream&&) noexcept = default;
Sha256Stream& Sha256Stream::operator=(Sha256Stream&&) noexcept = default;

void Sha256Stream::update(const void* data, std::size_t size) {
  if (state_->ctx && size > 0) EVP_DigestUpdate(state_->ctx.get(), data, size);
}

std::string Sha256Stream::finish() {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned length = 0;
  if (!state_->ctx || EVP_DigestFinal_ex(state_->ctx.get(), digest, &length) != 1) length = 0;
  state_->reset();
  return to_hex(digest, length);
}

}  // namespace evpack
