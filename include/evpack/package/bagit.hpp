// BagIt (RFC 8493) tag files: writing them for a package and reading them back to verify one.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "evpack/core/expected.hpp"

namespace evpack {

/// One manifest line: checksum and path relative to the bag folder ("data/…").
struct ManifestEntry {
  std::string sha256;  ///< lower-case hex
  std::string path;    ///< decoded (no %0A / %0D / %25)
};

/// bagit.txt: "BagIt-Version: 1.0" and "Tag-File-Character-Encoding: UTF-8".
std::string bagit_declaration();

/// "Label: value" lines of bag-info.txt, in the given order. Values are kept on one line.
std::string bag_info_text(const std::vector<std::pair<std::string, std::string>>& fields);

/// manifest-sha256.txt / tagmanifest-sha256.txt: "<sha256>  <path>" per line, paths
/// with CR, LF and % percent-encoded as the RFC requires.
std::string manifest_text(const std::vector<ManifestEntry>& entries);

/// Parses a manifest. Errors: BAG_MANIFEST_INVALID (line number in the message).
Expected<std::vector<ManifestEntry>> parse_manifest(const std::string& text);

/// Parses bag-info.txt / bagit.txt into label-value pairs (continuation lines joined).
std::vector<std::pair<std::string, std::string>> parse_tag_file(const std::string& text);

/// "1.9 GB" style size with binary units, as bagit-python writes Bag-Size.
std::string human_size(std::uint64_t bytes);

}  // namespace evpack
