// zlib for inflate_zlib(). Only this file sees zlib.
#include "evpack/adapters/inflate.hpp"

#include <zlib.h>

#include <algorithm>
#include <array>
#include <climits>

namespace evpack {

InflateResult inflate_zlib(std::string_view data, std::uint64_t limit, std::size_t keep) {
  InflateResult out;
  z_stream z{};
  // 32 + 15: zlib or gzip header, detected; PDF writers use zlib.
  if (inflateInit2(&z, 15 + 32) != Z_OK) {
    out.damaged = true;
    return out;
  }
  std::array<unsigned char, 1 << 16> buffer{};
  std::size_t at = 0;
  for (;;) {
    if (z.avail_in == 0 && at < data.size()) {
      const std::size_t n = std::min<std::size_t>(data.size() - at, UINT_MAX);
      z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data() + at));
      z.avail_in = static_cast<uInt>(n);
      at += n;
    }
    z.next_out = buffer.data();
    z.avail_out = static_cast<uInt>(buffer.size());
    const int rc = inflate(&z, Z_NO_FLUSH);
    const std::size_t produced = buffer.size() - z.avail_out;
    if (out.kept.size() < keep) {
      out.kept.append(reinterpret_cast<const char*>(buffer.data()), std::min(produced, keep - out.kept.size()));
    }
    out.size += produced;
    if (out.size > limit) {
      out.over_limit = true;
      break;
    }
    if (rc == Z_STREAM_END) break;
    if (rc != Z_OK && rc != Z_BUF_ERROR) {
      out.damaged = true;
      break;
    }
    if (produced == 0 && z.avail_in == 0 && at >= data.size()) break;  // input ran out
    if (rc == Z_BUF_ERROR && produced == 0) break;
  }
  inflateEnd(&z);
  return out;
}

}  // namespace evpack
