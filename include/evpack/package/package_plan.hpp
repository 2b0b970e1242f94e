// Planning an acceptance package: which file goes where under which name. Pure: no I/O,
// the same CheckResult and options always give the same plan.
//
// Layout of one volume (a BagIt bag serialised as a zip with one top folder):
//   <bag>/目录.html, <bag>/目录.xlsx, <bag>/自检报告.json         catalogue and self-check report
//   <bag>/data/01 制度建设（13分）/1.1 成立领导小组/01-2025-03-18 领导小组会议.jpg
//   <bag>/data/99 未归类材料/...                                  only with UnmappedPolicy::OtherFolder
//   <bag>/bagit.txt, bag-info.txt, manifest-sha256.txt, tagmanifest-sha256.txt
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "evpack/adapters/zip_archive.hpp"
#include "evpack/core/expected.hpp"
#include "evpack/evaluate/check_result.hpp"

namespace evpack {

/// What `pack` does with files that map to no indicator.
enum class UnmappedPolicy {
  Refuse,       ///< fail with PACK_UNMAPPED_FILES, listing them (the default: nothing is dropped silently)
  Exclude,      ///< leave them out; the catalogue lists them as not included
  OtherFolder,  ///< put them in "99 未归类材料" under their original folders
};

/// Choices that shape the plan.
struct PlanOptions {
  std::string bag_name;  ///< top folder in the zip, usually the output file's stem ("青石县验收材料")
  UnmappedPolicy unmapped = UnmappedPolicy::Refuse;
  /// Manual placements: a relative path or folder prefix of the input and the indicator or
  /// bonus id it goes to ("其他/市局通知.pdf" -> "2.1"). They win over the automatic mapping.
  std::vector<std::pair<std::string, std::string>> assignments;
  /// Volume size limit in bytes (0 = one zip). Volumes are cut between indicator folders,
  /// then between item folders, then between files when one folder alone is too big.
  std::uint64_t split_size = 0;
  /// Longest path inside the zip, in UTF-16 units (Windows counts these). 160 leaves
  /// room for an extraction folder such as C:\Users\…\Desktop\青石县验收材料\ under MAX_PATH (260).
  std::size_t max_path_units = 160;
};

/// One evidence file in the package.
struct PlannedFile {
  std::size_t evidence = 0;  ///< index into CheckResult::evidence
  std::string indicator;     ///< indicator or bonus id; "" in the unmapped folder
  std::string path;          ///< relative to the bag folder: "data/01 …/1.1 …/01-2025-03-18 领导小组会议.jpg"
  std::string original;      ///< the input's rel_path
  ZipMethod method = ZipMethod::Store;
  bool assigned = false;         ///< placed by an assignment, not by mapping
  bool extension_fixed = false;  ///< extension changed to the file's real type (a PNG named .jpg)
  int volume = 0;                ///< 0-based
};

/// A file of the input that is not in the package, and why (Chinese).
struct LeftOutFile {
  std::string path;
  std::string reason;
};

struct PackagePlan {
  std::string bag_name;
  std::vector<PlannedFile> files;     ///< in zip order: table order of categories and indicators
  std::vector<LeftOutFile> left_out;  ///< guide files, excluded unmapped files
  int volumes = 1;
  std::vector<std::uint64_t> volume_bytes;  ///< payload bytes per volume
  /// Volumes whose payload alone exceeds split_size (one folder or file too big), 0-based.
  std::vector<int> oversized_volumes;
};

/// Plans the package. Errors: PACK_UNMAPPED_FILES (message lists the files, with what to do),
/// PACK_UNREADABLE_FILES (files the scan could not read), PACK_BAD_ASSIGNMENT (unknown id),
/// PACK_EMPTY (nothing to pack).
Expected<PackagePlan> plan_package(const CheckResult& check, const PlanOptions& options);

/// ZipMethod for a content kind: Store for formats that are compressed already.
ZipMethod method_for(ContentKind kind);

/// The readable part of a packed file name: the original stem without leading dates and
/// numbers, or (for camera and chat-app names like IMG_1234, 微信图片_2025…) the document
/// title, the item folder's name or the indicator title with the kind.
std::string readable_stem(const Evidence& evidence, const std::string& indicator_title);

/// Windows-safe file or folder name cut to at most `max_chars` characters (the end is cut).
std::string safe_component(const std::string& name, std::size_t max_chars);

/// Length of a UTF-8 string in UTF-16 code units.
std::size_t utf16_units(const std::string& utf8);

}  // namespace evpack
