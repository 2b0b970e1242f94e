#include "evpack/scan/file_record.hpp"

#include <gtest/gtest.h>

namespace evpack {
namespace {

TEST(FileRecord, FoldersAndFileName) {
  FileRecord record;
  record.rel_path = "一、制度建设（13分）/1.1成立领导小组/2025.3.18 会议.jpg";
  EXPECT_EQ(record.folders(), (std::vector<std::string>{"一、制度建设（13分）", "1.1成立领导小组"}));
  EXPECT_EQ(record.file_name(), "2025.3.18 会议.jpg");

  record.rel_path = "目录.xlsx";
  EXPECT_TRUE(record.folders().empty());
  EXPECT_EQ(record.file_name(), "目录.xlsx");

  record.rel_path = "a//b/c.pdf";  // never produced by the scanner, but tolerated
  EXPECT_EQ(record.folders(), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(record.file_name(), "c.pdf");
}

}  // namespace
}  // namespace evpack
