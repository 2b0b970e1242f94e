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
/// `path` is untouched. Errors: OUTPUT_WRITE_FAILED (Chinese message naming the path; also
/// when `path` is a symbolic link: an output never replaces or writes through one).
Expected<bool> write_file_atomically(const std::string& path, std::string_view content,
                                     Durability durability = Durability::Fsync);

/// A unique temp path beside `path` ("path.tmp-<pid>-<n>") for writers that
/// produce the file themselves and then call commit_temp_file. The path is registered with
/// register_temp (removed on a signal or at exit) until commit_temp_file renames it.
std::string temp_path_beside(const std::string& path);

/// fsyncs `temp` (unless told not to) and renames it to `path`; removes `temp` on failure
/// and when `path` is a symbolic link (OUTPUT_WRITE_FAILED).
Expected<bool> commit_temp_file(const std::string& temp, const std::string& path,
                                Durability durability = Durability::Fsync);

/// The first of `path` and the folders between `root` and it that is a symbolic link, as a
/// path, or "" when none is (or `path` is not under `root`). `root` itself may be a link:
/// the user named it. Writers into a tree call it so a link planted inside cannot send
/// their folders and files elsewhere.
std::string symlink_below(const std::string& root, const std::string& path);

}  // namespace evpack
