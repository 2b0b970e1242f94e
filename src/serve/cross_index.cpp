// The cross-archive index and its matches.
#include "evpack/serve/cross_index.hpp"

#include <algorithm>
#include <bit>
#include <cstdio>
#include <map>
#include <optional>
#include <set>
#include <tuple>
#include <unordered_map>

#include "evpack/adapters/secrets.hpp"
#include "evpack/evaluate/reuse.hpp"

namespace evpack {

namespace {

constexpr std::size_t kMinTextBytes = 600;  // about 200 Chinese characters

std::string hex64(std::uint64_t v) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(v));
  return buf;
}

std::string to_hex(const std::vector<std::uint8_t>& bytes) {
  static const char* digits = "0123456789abcdef";
  std::string out;
  for (const auto b : bytes) {
    out += digits[b >> 4];
    out += digits[b & 15];
  }
  return out;
}

std::vector<std::uint8_t> from_hex(const std::string& hex) {
  std::vector<std::uint8_t> out;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
    out.push_back(static_cast<std::uint8_t>(std::stoi(hex.substr(i, 2), nullptr, 16)));
  }
  return out;
}

}  // namespace

std::vector<IndexEntry> index_entries(const CheckResult& result) {
  std::vector<IndexEntry> out;
  for (std::size_t i = 0; i < result.evidence.size(); ++i) {
    const auto& e = result.evidence[i];
    const int at = static_cast<int>(i);
    if (!e.file.sha256.empty() && e.file.size > 0) out.push_back({"sha", e.file.sha256, e.file.rel_path, "", at});
    if (const auto& photo = e.inspection.photo; photo && photo->phash && !photo->screenshot) {
      out.push_back({"phash", hex64(*photo->phash), e.file.rel_path, to_hex(photo->colour_grid), at});
    }
    if (const auto& doc = e.inspection.document) {
      if (doc->own_number && !doc->own_number->text.empty()) {
        out.push_back({"docno", doc->own_number->text, e.file.rel_path, "", at});
      }
    }
    std::string text;
    for (const char c : e.inspection.text) {
      if (c != ' ' && c != '\n' && c != '\r' && c != '\t') text += c;
    }
    if (text.size() >= kMinTextBytes) out.push_back({"text", token_digest(text), e.file.rel_path, "", at});
  }
  return out;
}

std::vector<CrossMatch> cross_matches(const std::vector<IndexedEntry>& entries) {
  std::vector<CrossMatch> out;
  std::set<std::tuple<std::string, std::string, std::string, std::string>> identical;  // job+file pairs

  // Exact kinds: the first file per county of each value, paired across counties.
  std::map<std::pair<std::string, std::string>, std::map<std::string, const IndexedEntry*>> groups;
  for (const auto& e : entries) {
    if (e.entry.kind == "phash") continue;
    auto& per_county = groups[{e.entry.kind, e.entry.value}];
    per_county.emplace(e.county, &e);
  }
  for (const auto& [key, per_county] : groups) {
    for (auto i = per_county.begin(); i != per_county.end(); ++i) {
      for (auto j = std::next(i); j != per_county.end(); ++j) {
        out.push_back({key.first, *i->second, *j->second, 0});
        if (key.first == "sha") {
          identical.insert({i->second->job, i->second->entry.file, j->second->job, j->second->entry.file});
          identical.insert({j->second->job, j->second->entry.file, i->second->job, i->second->entry.file});
        }
      }
    }
  }

  // Photos: near hashes found by multi-index hashing (the 64 bits cut into nine bands: two
  // hashes within kCrossPhotoDistance bits agree exactly on at least one band), so the work
  // grows with the bucket sizes, not with all pairs; then the colour grids.
  std::vector<const IndexedEntry*> photos;
  std::vector<std::uint64_t> hashes;
  for (const auto& e : entries) {
    if (e.entry.kind != "phash") continue;
    photos.push_back(&e);
    hashes.push_back(std::stoull(e.entry.value, nullptr, 16));
  }
  constexpr int kBands = kCrossPhotoDistance + 1;
  const auto band = [](std::uint64_t h, int b) {
    const int from = b * 64 / kBands;
    const int to = (b + 1) * 64 / kBands;
    return static_cast<std::uint32_t>((h >> from) & ((std::uint64_t{1} << (to - from)) - 1));
  };
  for (int b = 0; b < kBands; ++b) {
    std::unordered_map<std::uint32_t, std::vector<std::size_t>> buckets;
    for (std::size_t i = 0; i < hashes.size(); ++i) buckets[band(hashes[i], b)].push_back(i);
    for (const auto& [value, members] : buckets) {
      for (std::size_t x = 0; x < members.size(); ++x) {
        for (std::size_t y = x + 1; y < members.size(); ++y) {
          const std::size_t i = members[x], j = members[y];
          const int distance = std::popcount(hashes[i] ^ hashes[j]);
          if (distance > kCrossPhotoDistance) continue;
          const auto& a = *photos[i];
          const auto& c = *photos[j];
          if (a.county == c.county) continue;
          bool seen = false;  // counted at the first band the two share
          for (int earlier = 0; earlier < b && !seen; ++earlier)
            seen = band(hashes[i], earlier) == band(hashes[j], earlier);
          if (seen) continue;
          if (identical.count({a.job, a.entry.file, c.job, c.entry.file})) continue;
          const auto ga = from_hex(a.entry.extra);
          const auto gc = from_hex(c.entry.extra);
          if (!ga.empty() && !gc.empty() && colour_difference(ga, gc) > kReuseColourDifference) continue;
          out.push_back({"photo", a, c, distance});
        }
      }
    }
  }
  for (auto& m : out) {
    if (std::tie(m.b.county, m.b.entry.file) < std::tie(m.a.county, m.a.entry.file)) std::swap(m.a, m.b);
  }
  std::sort(out.begin(), out.end(), [](const CrossMatch& x, const CrossMatch& y) {
    return std::tie(x.kind, x.a.county, x.b.county, x.a.entry.file, x.b.entry.file) <
           std::tie(y.kind, y.a.county, y.b.county, y.a.entry.file, y.b.entry.file);
  });
  return out;
}

}  // namespace evpack
