// libzip sources of our own for the zip writer (libzip_zip_writer.cpp): the archive being
// written and each file packed move data in 1 MiB system calls instead of libzip's 4-8 KiB
// ones. Private to the libzip adapter: only its .cpp files include this header.
#pragma once

#include <sys/stat.h>
#include <zip.h>

#include <cstdint>
#include <string>

namespace evpack::libzip {

// Opens `path` for reading if it is a regular file, without blocking on a FIFO or
// following it to a device: the descriptor, or -1 with errno set (EINVAL when the
// path is not a regular file). `st` receives its status.
int open_regular_file(const std::string& path, struct stat& st);

// The archive being written as a libzip source: a temp file beside `path`, renamed to
// it on commit, removed on rollback. nullptr with `error` set when libzip refuses it.
zip_source_t* create_archive_file_source(const std::string& path, zip_error_t* error);

// A file to pack as a libzip read source, read up to `size` bytes (its size when queued)
// and opened only while its entry is written. nullptr when libzip could not make it.
zip_source_t* create_source_file(zip_t* archive, const std::string& path, std::uint64_t size);

}  // namespace evpack::libzip
