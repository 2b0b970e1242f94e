#include "evpack/inspect/ole_check.hpp"

#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <vector>

namespace evpack {

namespace {

std::uint32_t le32(const unsigned char* p) {
  return static_cast<std::uint32_t>(p[0]) | static_cast<std::uint32_t>(p[1]) << 8 |
         static_cast<std::uint32_t>(p[2]) << 16 | static_cast<std::uint32_t>(p[3]) << 24;
}
std::uint16_t le16(const unsigned char* p) { return static_cast<std::uint16_t>(p[0] | p[1] << 8); }

constexpr std::uint32_t kEndOfChain = 0xFFFFFFFE;
constexpr std::uint32_t kFreeSector = 0xFFFFFFFF;

}  // namespace

std::optional<std::string> ole2_problem(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return "文件无法读取";
  std::error_code ec;
  const std::uintmax_t size = std::filesystem::file_size(path, ec);
  if (ec) return "文件无法读取";
  unsigned char header[512] = {};
  if (size < 512 || !in.read(reinterpret_cast<char*>(header), 512)) return "文件头不完整";
  if (std::memcmp(header, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) != 0) return "不是Office/WPS文档格式（缺少文件标识）";
  if (le16(header + 28) != 0xFFFE) return "文件头中的字节序标记错误";
  const std::uint16_t shift = le16(header + 30);
  if (shift != 9 && shift != 12) return "文件头中的扇区大小错误";
  if (le16(header + 32) != 6) return "文件头中的小扇区大小错误";
  const std::uint64_t sector = 1ull << shift;
  // Sectors after the header (a version 4 file pads the header to 4096 bytes).
  const std::uint64_t sectors = size > sector ? (size - sector + sector - 1) / sector : 0;
  if (sectors == 0) return "文件只有文件头，没有内容";
  const std::uint32_t fat_sectors = le32(header + 44);
  const std::uint32_t directory = le32(header + 48);
  if (fat_sectors == 0 || fat_sectors > sectors) return "扇区分配表的大小与文件不符";
  if (directory >= sectors) return "目录位置超出文件范围（文件被截断或已损坏）";
  for (int i = 0; i < 109 && static_cast<std::uint32_t>(i) < fat_sectors; ++i) {
    const std::uint32_t at = le32(header + 76 + 4 * i);
    if (at == kFreeSector || at == kEndOfChain) {
      if (static_cast<std::uint32_t>(i) < fat_sectors) return "扇区分配表不完整";
      break;
    }
    if (at >= sectors) return "扇区分配表位置超出文件范围（文件被截断或已损坏）";
  }
  // The first directory entry is the root storage ("Root Entry", type 5).
  std::vector<unsigned char> entry(128);
  in.seekg(static_cast<std::streamoff>((static_cast<std::uint64_t>(directory) + 1) * sector));
  if (!in.read(reinterpret_cast<char*>(entry.data()), 128)) return "目录无法读取（文件被截断）";
  const std::uint16_t name_bytes = le16(entry.data() + 64);
  if (entry[66] != 5 || name_bytes < 2 || name_bytes > 64) return "根目录项已损坏";
  static const char16_t kRoot[] = u"Root Entry";
  for (int i = 0; i < 10; ++i) {
    if (le16(entry.data() + 2 * i) != kRoot[i]) return "根目录项已损坏";
  }
  return std::nullopt;
}

}  // namespace evpack
