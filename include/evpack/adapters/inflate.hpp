// Inflating zlib/deflate data (zlib, src/adapters/zlib_inflate.cpp), for scans that must know
// what a compressed stream holds before a library decodes it (PDF stream bombs).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace evpack {

/// What inflating a stream gave.
struct InflateResult {
  std::uint64_t size = 0;   ///< bytes produced (at most limit + one chunk)
  bool over_limit = false;  ///< stopped because more than `limit` bytes came out
  bool damaged = false;     ///< the data is not valid zlib (nothing more could be read)
  std::string kept;         ///< the first `keep` bytes produced
};

/// Inflates zlib-wrapped `data` (PDF /FlateDecode) chunk by chunk without keeping more than
/// `keep` bytes, stopping once more than `limit` bytes came out. Never throws.
InflateResult inflate_zlib(std::string_view data, std::uint64_t limit, std::size_t keep);

}  // namespace evpack
