// Content digests (OpenSSL in src/adapters/openssl_digest.cpp).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "evpack/core/expected.hpp"

namespace evpack {

/// SHA-256 of a file as lower-case hex, streaming (constant memory).
/// Errors: FILE_UNREADABLE.
Expected<std::string> sha256_file(const std::string& path);
/// SHA-256 of bytes as lower-case hex.
std::string sha256_bytes(const void* data, std::size_t size);

}  // namespace evpack
