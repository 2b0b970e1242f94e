// Writing output files so that a reader never sees half of one.
#pragma once

#include <string>
#include <string_view>

#include "evpack/core/expected.hpp"

namespace evpack {

/// Whether a written file is flushed to disk (fsync) before the rename. Outputs
/// are; a cache entry lost in a crash is only made again, and fsyncing thousands
/// of them would cost more than it saves.
enum class Durability { Fsync, NoFsync };

/// Writes `content` to a temp file beside `path`, flushes it to disk (unless told
/// not to) and renames it over `path`. On failure the temp file is removed and
/// `path` is untouched. Errors: OUTPUT_WRITE_FAILED (Chinese message naming the path).
Expected<bool> write_file_atomically(const std::string& path, std::string_view content,
                                     Durability durability = Durability::Fsync);

/// A unique temp path beside `path` ("path.tmp-<pid>-<n>") for writers that
/// produce the file themselves and then call commit_temp_file.
std::string temp_path_beside(const std::string& path);

/// fsyncs `temp` (unless told not to) and renames it to `path`; removes `temp` on failure.
Expected<bool> commit_temp_file(const std::string& temp, const std::string& path,
                                Durability durability = Durability::Fsync);

}  // namespace evpack
