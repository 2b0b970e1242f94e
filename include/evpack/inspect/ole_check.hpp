// Legacy Office and WPS files (.doc, .wps, .xls, .et, .ppt, .dps) are OLE2 compound files.
// evpack reads nothing inside them yet, but a damaged one must not pass without a word:
// this checks the container's structure (header, sector tables, root directory entry).
#pragma once

#include <optional>
#include <string>

namespace evpack {

/// Why the OLE2 compound file at `path` is damaged (a Chinese phrase), or nullopt when its
/// header, sector tables and root directory entry are consistent. Reads at most a few KiB.
std::optional<std::string> ole2_problem(const std::string& path);

}  // namespace evpack
