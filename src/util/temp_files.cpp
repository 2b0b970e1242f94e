#include "evpack/util/temp_files.hpp"

#include <pthread.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <set>
#include <thread>

namespace evpack {

namespace {

namespace fs = std::filesystem;

std::mutex& registry_mutex() {
  static std::mutex m;
  return m;
}

std::set<std::string>& registry() {
  static std::set<std::string> paths;  // never destroyed before the signal thread ends the process
  return paths;
}

void remove_with_siblings(const std::string& path) {
  std::error_code ec;
  const fs::path p(path);
  fs::remove_all(p, ec);
  const std::string stem = p.filename().string() + ".";
  const fs::path parent = p.has_parent_path() ? p.parent_path() : fs::path(".");
  for (fs::directory_iterator it(parent, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->path().filename().string().starts_with(stem)) {
      std::error_code remove_ec;
      fs::remove_all(it->path(), remove_ec);
    }
  }
}

// The pid after `marker` in `name` ("evpack-123-…" or "x.zip.tmp-123-0"), or -1.
long pid_after(const std::string& name, const std::string& marker, bool at_start) {
  const std::size_t at = at_start ? (name.starts_with(marker) ? 0 : std::string::npos) : name.find(marker);
  if (at == std::string::npos) return -1;
  std::size_t i = at + marker.size();
  long pid = 0;
  const std::size_t digits_start = i;
  while (i < name.size() && name[i] >= '0' && name[i] <= '9' && i - digits_start < 10)
    pid = pid * 10 + (name[i++] - '0');
  if (i == digits_start || i >= name.size() || name[i] != '-' || pid <= 0) return -1;
  return pid;
}

}  // namespace

std::string temp_name_marker() { return "evpack-" + std::to_string(::getpid()) + "-"; }

std::string temp_root() {
  const char* base = std::getenv("TMPDIR");
  return base && *base ? base : "/tmp";
}

void register_temp(const std::string& path) {
  const std::lock_guard lock(registry_mutex());
  registry().insert(path);
}

void unregister_temp(const std::string& path) {
  const std::lock_guard lock(registry_mutex());
  registry().erase(path);
}

std::size_t remove_registered_temps() {
  const std::lock_guard lock(registry_mutex());
  const std::size_t count = registry().size();
  for (const auto& path : registry()) remove_with_siblings(path);
  registry().clear();
  return count;
}

void install_temp_cleanup_on_signals() {
  static std::once_flag once;
  std::call_once(once, [] {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGHUP);
    pthread_sigmask(SIG_BLOCK, &set, nullptr);
    // Signals stay blocked in every thread; this one takes them synchronously, so the cleanup
    // may lock and allocate (a signal handler could do neither safely).
    std::thread([set] {
      int signal = 0;
      while (sigwait(&set, &signal) != 0) {
      }
      remove_registered_temps();
      std::_Exit(128 + signal);
    }).detach();
  });
}

bool process_is_gone(long pid) { return pid > 0 && ::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH; }

std::size_t remove_stale_temps(const std::string& dir) {
  std::size_t removed = 0;
  std::error_code ec;
  const uid_t me = ::getuid();
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    long pid = pid_after(name, "evpack-", true);
    if (pid < 0) pid = pid_after(name, ".tmp-", false);
    if (pid < 0 || pid == ::getpid() || !process_is_gone(pid)) continue;
    struct stat st {};
    if (::lstat(it->path().c_str(), &st) != 0 || st.st_uid != me) continue;
    std::error_code remove_ec;
    if (fs::remove_all(it->path(), remove_ec) > 0 && !remove_ec) ++removed;
  }
  return removed;
}

}  // namespace evpack
