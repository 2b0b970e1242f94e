// Damaged legacy Office/WPS files get OFFICE_CORRUPT (issue 24); a sound OLE2 container passes.
#include "evpack/inspect/ole_check.hpp"

#include <gtest/gtest.h>

#include <string>

#include "evpack/inspect/inspector.hpp"
#include "support/temp_dir.hpp"

namespace evpack {
namespace {

void put32(std::string& s, std::size_t at, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) s[at + i] = static_cast<char>((v >> (8 * i)) & 0xFF);
}
void put16(std::string& s, std::size_t at, std::uint16_t v) {
  s[at] = static_cast<char>(v & 0xFF);
  s[at + 1] = static_cast<char>(v >> 8);
}

// The smallest sound compound file: header, one FAT sector, one directory sector.
std::string minimal_ole2() {
  std::string f(512 * 3, '\0');
  f.replace(0, 8, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
  put16(f, 24, 0x3E);
  put16(f, 26, 3);
  put16(f, 28, 0xFFFE);
  put16(f, 30, 9);
  put16(f, 32, 6);
  put32(f, 44, 1);           // one FAT sector
  put32(f, 48, 1);           // directory at sector 1
  put32(f, 56, 4096);        // mini stream cutoff
  put32(f, 60, 0xFFFFFFFE);  // no mini FAT
  put32(f, 68, 0xFFFFFFFE);  // no DIFAT sectors
  put32(f, 76, 0);           // FAT at sector 0
  for (int i = 1; i < 109; ++i) put32(f, 76 + 4 * i, 0xFFFFFFFF);
  const std::size_t fat = 512;
  for (int i = 0; i < 128; ++i) put32(f, fat + 4 * i, 0xFFFFFFFF);
  put32(f, fat, 0xFFFFFFFD);
  put32(f, fat + 4, 0xFFFFFFFE);
  const std::size_t dir = 1024;
  const std::u16string name = u"Root Entry";
  for (std::size_t i = 0; i < name.size(); ++i) put16(f, dir + 2 * i, name[i]);
  put16(f, dir + 64, static_cast<std::uint16_t>((name.size() + 1) * 2));
  f[dir + 66] = 5;
  put32(f, dir + 68, 0xFFFFFFFF);
  put32(f, dir + 72, 0xFFFFFFFF);
  put32(f, dir + 76, 0xFFFFFFFF);
  put32(f, dir + 116, 0xFFFFFFFE);
  return f;
}

TEST(Ole2Problem, SoundContainerPassesAndDamageIsNamed) {
  testing::TempDir dir;
  const std::string good = minimal_ole2();
  EXPECT_FALSE(ole2_problem(dir.write("好.doc", good).string()));
  EXPECT_TRUE(ole2_problem(dir.write("截断.doc", good.substr(0, 1024)).string()));
  std::string bad_root = good;
  bad_root[1024 + 66] = 1;
  EXPECT_TRUE(ole2_problem(dir.write("根.doc", bad_root).string()));
  std::string bad_shift = good;
  put16(bad_shift, 30, 20);
  EXPECT_TRUE(ole2_problem(dir.write("扇区.wps", bad_shift).string()));
  EXPECT_TRUE(ole2_problem(dir.write("头.doc", good.substr(0, 300)).string()));
}

// Regression: damaged legacy .doc/.wps files passed without a word.
TEST(InspectOffice, DamagedDocAndWpsGetOfficeCorrupt) {
  testing::TempDir dir;
  InspectOptions options;
  options.ocr = false;
  Toolbox tools = make_default_toolbox(options);
  auto inspect = [&](const std::string& name, const std::string& bytes, ContentKind kind) {
    const auto path = dir.write(name, bytes);
    FileRecord record;
    record.rel_path = name;
    record.kind = kind;
    record.extension = name.substr(name.rfind('.') + 1);
    record.size = bytes.size();
    return inspect_file(path.string(), record, tools, options);
  };
  auto has = [](const Inspection& in, const std::string& code) {
    for (const auto& f : in.findings) {
      if (f.code == code) return true;
    }
    return false;
  };
  EXPECT_FALSE(has(inspect("好.doc", minimal_ole2(), ContentKind::OleOffice), "OFFICE_CORRUPT"));
  const Inspection cut = inspect("截断.doc", minimal_ole2().substr(0, 1024), ContentKind::OleOffice);
  EXPECT_TRUE(has(cut, "OFFICE_CORRUPT"));
  EXPECT_FALSE(cut.readable);
  EXPECT_TRUE(has(inspect("乱码.wps", std::string("\x01\x02\x00\x00garbage\xff\xfe", 13), ContentKind::Other),
                  "OFFICE_CORRUPT"));
  EXPECT_FALSE(has(inspect("未知.bin", std::string("\x01\x02\x00\x00garbage\xff\xfe", 13), ContentKind::Other),
                   "OFFICE_CORRUPT"));
}

}  // namespace
}  // namespace evpack
