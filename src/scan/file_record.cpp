#include "evpack/scan/file_record.hpp"

namespace evpack {

std::vector<std::string> FileRecord::folders() const {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (std::size_t slash = rel_path.find('/'); slash != std::string::npos; slash = rel_path.find('/', start)) {
    if (slash > start) out.push_back(rel_path.substr(start, slash - start));  // tolerate "a//b"
    start = slash + 1;
  }
  return out;
}

std::string FileRecord::file_name() const {
  const auto slash = rel_path.rfind('/');
  return slash == std::string::npos ? rel_path : rel_path.substr(slash + 1);
}

}  // namespace evpack
