// Every temporary thing a run creates (unpacked archives under $TMPDIR, temp outputs and
// zip part files beside their targets) is registered here and removed on normal exit, on
// error and on SIGINT/SIGTERM/SIGHUP. Names carry the creating process's id, so what a run
// killed with SIGKILL leaves behind is recognised by a later run (the id names no live
// process) and removed.
#pragma once

#include <cstddef>
#include <string>

namespace evpack {

/// "evpack-<pid>-": the start of every temp folder or file this process makes under $TMPDIR.
std::string temp_name_marker();

/// $TMPDIR, or /tmp when it is unset or empty.
std::string temp_root();

/// Remembers `path` for removal. Removal deletes `path` (recursively) and every sibling whose
/// name starts with its name plus '.' (e.g. a zip writer's "<temp>.part<pid>-0"). Thread-safe.
void register_temp(const std::string& path);

/// Forgets `path` (it was renamed into place or removed by its owner). Thread-safe.
void unregister_temp(const std::string& path);

/// Removes everything registered. Safe to call more than once; returns how many paths it removed.
std::size_t remove_registered_temps();

/// Blocks SIGINT, SIGTERM and SIGHUP in the calling thread and every thread started after it,
/// and starts one thread that waits for them (sigwait): on a signal it removes the registered
/// temps and ends the process with 128 + the signal number (130, 143, 129). Call once, early in
/// main, before any other thread is started.
void install_temp_cleanup_on_signals();

/// True when `pid` names no live process (kill(pid, 0) fails with ESRCH).
bool process_is_gone(long pid);

/// Removes, in folder `dir`, what killed evpack runs left: "evpack-<pid>-…" entries (under
/// $TMPDIR) and "….tmp-<pid>-…" files (temp outputs beside a target, with their ".part" files)
/// whose pid names no live process. Only entries owned by the current user. Returns the count.
std::size_t remove_stale_temps(const std::string& dir);

}  // namespace evpack
