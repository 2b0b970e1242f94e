// Across archives, for reviewers (D.1 抄袭/雷同): what each finished check adds to the index
// in the data folder (file SHA-256, photo perceptual hash and colour grid, own document
// number, a digest of the document text), and the matches between different counties.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "evpack/evaluate/check_result.hpp"

namespace evpack {

/// Hamming distance (of 64 bits) up to which two counties' photos are the same picture.
/// Tighter than the within-archive kReuseDistance (12): across 100 archives a looser bound
/// makes the buckets of the multi-index search, and chance matches, grow; a resized and
/// recompressed copy stays within a few bits (crops are the within-archive check's case).
constexpr int kCrossPhotoDistance = 8;

/// One indexed fact about one file of a check.
struct IndexEntry {
  std::string kind;   ///< "sha", "phash", "docno", "text"
  std::string value;  ///< hex digest, hash as 16 hex digits, or the number as written
  std::string file;   ///< relative path in the archive
  std::string extra;  ///< phash: the colour grid as hex ("" when none)
  int evidence = -1;  ///< index in CheckResult::evidence (names the preview)
};

/// The entries of a check: every readable file's SHA-256; photos' (not screenshots')
/// perceptual hashes; documents' own numbers; documents' text of 200 characters or more,
/// whitespace removed, as a digest.
std::vector<IndexEntry> index_entries(const CheckResult& result);

/// An entry as stored, with the job and county it came from.
struct IndexedEntry {
  IndexEntry entry;
  std::string job;
  std::string county;
};

/// One pair of files from two different counties.
struct CrossMatch {
  std::string kind;  ///< "sha", "photo", "docno", "text"
  IndexedEntry a;
  IndexedEntry b;
  int distance = 0;  ///< photos: Hamming distance of the perceptual hashes
};

/// Pairs across counties: identical files, the same document number, the same document
/// text, and the same or a near-same photo (hashes within kCrossPhotoDistance found by
/// multi-index hashing, not all pairs; colour grids within kReuseColourDifference). A photo pair of
/// identical files is reported once, as identical. Sorted by kind, then counties and files.
std::vector<CrossMatch> cross_matches(const std::vector<IndexedEntry>& entries);

}  // namespace evpack
