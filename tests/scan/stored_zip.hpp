// Builds real zip archives in memory (stored entries, optional UTF-8 flag) so tests
// can make DOCX/XLSX/PPTX/OFD-shaped containers and GBK-named entries byte by byte,
// without calling the library under test.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace evpack::testing {

/// Little-endian integers as zip headers store them.
inline void append_le16(std::string& out, std::uint32_t v) {
  out.push_back(static_cast<char>(v & 0xFF));
  out.push_back(static_cast<char>((v >> 8) & 0xFF));
}
inline void append_le32(std::string& out, std::uint32_t v) {
  append_le16(out, v & 0xFFFF);
  append_le16(out, v >> 16);
}

inline std::uint32_t crc32_of(const std::string& data) {
  std::uint32_t crc = 0xFFFFFFFFu;
  for (const char c : data) {
    crc ^= static_cast<unsigned char>(c);
    for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
  }
  return ~crc;
}

/// Zip bytes holding `entries` (name bytes as given, content) stored without compression.
/// With `utf8_flag`, general-purpose bit 11 marks names as UTF-8.
inline std::string make_stored_zip(const std::vector<std::pair<std::string, std::string>>& entries,
                                   bool utf8_flag = true) {
  const auto u16 = append_le16;
  const auto u32 = append_le32;
  const std::uint32_t flags = utf8_flag ? 0x0800 : 0;
  std::string body;
  std::string central;
  for (const auto& [name, data] : entries) {
    const auto offset = static_cast<std::uint32_t>(body.size());
    const std::uint32_t crc = crc32_of(data);
    const auto size = static_cast<std::uint32_t>(data.size());
    u32(body, 0x04034b50);
    u16(body, 10), u16(body, flags), u16(body, 0), u16(body, 0),
        u16(body, 0x5A21);  // version, flags, stored, time, date
    u32(body, crc), u32(body, size), u32(body, size);
    u16(body, static_cast<std::uint32_t>(name.size())), u16(body, 0);
    body += name;
    body += data;
    u32(central, 0x02014b50);
    u16(central, 20), u16(central, 10), u16(central, flags), u16(central, 0), u16(central, 0), u16(central, 0x5A21);
    u32(central, crc), u32(central, size), u32(central, size);
    u16(central, static_cast<std::uint32_t>(name.size())), u16(central, 0), u16(central, 0);
    u16(central, 0), u16(central, 0), u32(central, 0), u32(central, offset);
    central += name;
  }
  std::string out = body + central;
  u32(out, 0x06054b50);
  u16(out, 0), u16(out, 0);
  u16(out, static_cast<std::uint32_t>(entries.size())), u16(out, static_cast<std::uint32_t>(entries.size()));
  u32(out, static_cast<std::uint32_t>(central.size())), u32(out, static_cast<std::uint32_t>(body.size()));
  u16(out, 0);
  return out;
}

}  // namespace evpack::testing
