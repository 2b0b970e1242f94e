// Content digests (OpenSSL in src/adapters/openssl_digest.cpp).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "evpack/core/expected.hpp"

namespace evpack {

/// SHA-256 of a file as lower-case hex, streaming (constant memory).
/// Errors: FILE_UNREADABLE.
Expected<std::string> sha256_file(const std::string& path);
/// SHA-256 of bytes as lower-case hex.
std::string sha256_bytes(const void* data, std::size_t size);

/// Incremental SHA-256 for data that arrives in pieces (zip entries, copied files).
/// Not thread-safe; one instance per stream.
class Sha256Stream {
 public:
  Sha256Stream();
  ~Sha256Stream();
  Sha256Stream(Sha256Stream&&) noexcept;
  Sha256Stream& operator=(Sha256Stream&&) noexcept;
  /// Adds bytes to the digest.
  void update(const void* data, std::size_t size);
  /// Lower-case hex digest of everything added so far; the stream then starts over.
  std::string finish();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace evpack
