#include "evpack/app/inspection_cache.hpp"

#include <boost/dll/runtime_symbol_info.hpp>
#include <boost/filesystem.hpp>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string_view>
#include <vector>

#include "evpack/adapters/digest.hpp"
#include "evpack/app/environment.hpp"
#include "evpack/app/inspection_codec.hpp"
#include "evpack/util/atomic_file.hpp"

namespace evpack {

namespace fs = boost::filesystem;

namespace {

constexpr const char* kEntrySuffix = ".inspection";
constexpr const char* kPruneMarker = "last-prune";

// Reads a whole (small) entry; nullopt when it cannot be read.
std::optional<std::string> read_entry(const fs::path& path) {
  std::ifstream in(path.string(), std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (!in && !in.eof()) return std::nullopt;
  return std::move(bytes).str();
}

// An entry starts with a header naming the key it was stored under and the SHA-256 of the
// encoded inspection after it. A flipped bit, a truncated write or two entries swapped on
// disk (both decode fine) fail this check and count as a miss.
constexpr std::string_view kHeaderTag = "evpack-inspection 2\n";

std::string with_header(const std::string& key, const std::string& body) {
  return std::string(kHeaderTag) + key + "\n" + sha256_bytes(body.data(), body.size()) + "\n" + body;
}

std::optional<std::string> checked_body(const std::string& bytes, const std::string& key) {
  if (!bytes.starts_with(kHeaderTag)) return std::nullopt;
  std::size_t at = kHeaderTag.size();
  const std::size_t key_end = bytes.find('\n', at);
  if (key_end == std::string::npos || bytes.compare(at, key_end - at, key) != 0 || key_end - at != key.size()) {
    return std::nullopt;
  }
  at = key_end + 1;
  const std::size_t sum_end = bytes.find('\n', at);
  if (sum_end == std::string::npos) return std::nullopt;
  std::string body = bytes.substr(sum_end + 1);
  if (bytes.compare(at, sum_end - at, sha256_bytes(body.data(), body.size())) != 0) return std::nullopt;
  return body;
}

std::string key_of(const std::string& entry_path) {
  const std::string name = fs::path(entry_path).filename().string();
  return name.substr(0, name.size() - std::char_traits<char>::length(kEntrySuffix));
}

}  // namespace

InspectionCache::InspectionCache(std::string dir, const std::string& build, const InspectOptions& options)
    : dir_(std::move(dir)) {
  salt_ = build + "\nocr=" + (options.ocr ? "1" : "0") + "\ntext=" + std::to_string(options.max_text_chars) +
          "\ntolerance=" + std::to_string(options.watermark_tolerance_minutes);
  // The documents whose body is read for personal numbers (rule data).
  for (const std::string& word : options.personal_number_keywords) salt_ += "\npersonal=" + word;
}

std::string InspectionCache::entry_path(const FileRecord& record) const {
  const std::string identity = salt_ + "\n" + record.sha256 + "\n" + record.rel_path + "\n" + to_string(record.kind) +
                               "\n" + record.extension + "\n" + (record.extension_mismatch ? "1" : "0");
  const std::string key = sha256_bytes(identity.data(), identity.size());
  return (fs::path(dir_) / key.substr(0, 2) / (key + kEntrySuffix)).string();
}

std::optional<Inspection> InspectionCache::find(const FileRecord& record) {
  if (record.sha256.empty()) return std::nullopt;
  const fs::path path = entry_path(record);
  auto bytes = read_entry(path);
  if (!bytes) return std::nullopt;
  const auto body = checked_body(*bytes, key_of(path.string()));
  if (!body) return std::nullopt;
  auto inspection = decode_inspection(*body);
  if (!inspection) return std::nullopt;
  boost::system::error_code ec;
  fs::last_write_time(path, std::time(nullptr), ec);  // used now: prune keeps it
  ++hits_;
  return inspection;
}

void InspectionCache::store(const FileRecord& record, const Inspection& inspection) {
  if (record.sha256.empty() || !inspection.readable) return;
  const fs::path path = entry_path(record);
  boost::system::error_code ec;
  fs::create_directories(path.parent_path(), ec);
  if (!write_file_atomically(path.string(), with_header(key_of(path.string()), encode_inspection(inspection)),
                             Durability::NoFsync)) {
    ++write_failures_;
    return;
  }
  ++stored_;
}

void InspectionCache::prune(std::chrono::hours max_age) {
  boost::system::error_code ec;
  const fs::path root(dir_);
  if (!fs::is_directory(root, ec)) return;
  const std::time_t now = std::time(nullptr);
  const fs::path marker = root / kPruneMarker;
  const std::time_t last = fs::last_write_time(marker, ec);
  if (!ec && now - last < 24 * 3600) return;
  const std::time_t oldest = now - static_cast<std::time_t>(max_age.count()) * 3600;
  // Removed after the walk: the iterator looks at its current entry again when it moves on.
  std::vector<fs::path> expired;
  for (fs::recursive_directory_iterator it(root, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    const bool entry = name.ends_with(kEntrySuffix);
    const bool temp = name.find(".tmp-") != std::string::npos;  // left by a run that was killed
    if (!entry && !temp) continue;
    // Errors here concern one entry (another run may be pruning too): the walk goes on.
    boost::system::error_code entry_ec;
    if (!fs::is_regular_file(it->path(), entry_ec)) continue;
    const std::time_t used = fs::last_write_time(it->path(), entry_ec);
    if (!entry_ec && used < (temp ? now - 24 * 3600 : oldest)) expired.push_back(it->path());
  }
  for (const fs::path& path : expired) fs::remove(path, ec);
  std::ofstream(marker.string(), std::ios::trunc).put('\n');
  fs::last_write_time(marker, now, ec);
}

std::string default_cache_dir() {
  auto env = [](const char* name) -> std::string {
    const char* v = std::getenv(name);
    return v ? v : "";
  };
  if (std::string d = env("EVPACK_CACHE_DIR"); !d.empty()) return d;
#ifdef _WIN32
  if (std::string d = env("LOCALAPPDATA"); !d.empty()) return (fs::path(d) / "evpack" / "cache").string();
#endif
  if (std::string d = env("XDG_CACHE_HOME"); !d.empty()) return (fs::path(d) / "evpack").string();
  if (std::string d = env("HOME"); !d.empty()) return (fs::path(d) / ".cache" / "evpack").string();
  return "";
}

std::string program_fingerprint() {
  boost::system::error_code ec;
  const fs::path exe = boost::dll::program_location(ec);
  if (ec) return "";
  auto digest = sha256_file(exe.string());
  if (!digest) return "";
  return "evpack " + digest.value() + "\n" + environment_fingerprint();
}

}  // namespace evpack
