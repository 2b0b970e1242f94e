#include "evpack/util/thread_pool.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <system_error>
#include <thread>
#include <vector>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace evpack {

void return_large_blocks_to_system() {
#if defined(__GLIBC__)
  // A fixed threshold also stops glibc from raising it (up to 32 MiB) each time
  // such a block is freed, which is what moved them into the thread heaps.
  mallopt(M_MMAP_THRESHOLD, 4 << 20);
#endif
}

int default_jobs() {
  const unsigned n = std::thread::hardware_concurrency();
  return n == 0 ? 1 : static_cast<int>(n);
}

void parallel_for_impl(std::size_t count, int jobs, const std::function<void(std::size_t, int)>& fn) {
  if (count == 0) return;
  if (jobs <= 0) jobs = default_jobs();
  const auto threads = static_cast<int>(std::min<std::size_t>(static_cast<std::size_t>(jobs), count));

  std::atomic<std::size_t> next{0};
  std::atomic<bool> failed{false};
  std::exception_ptr first_error;
  std::mutex error_mutex;

  auto work = [&](int worker) {
    while (!failed.load(std::memory_order_relaxed)) {
      const std::size_t index = next.fetch_add(1, std::memory_order_relaxed);
      if (index >= count) return;
      try {
        fn(index, worker);
      } catch (...) {
        const std::lock_guard lock(error_mutex);
        if (!first_error) first_error = std::current_exception();
        failed.store(true, std::memory_order_relaxed);
        return;
      }
    }
  };

  {
    std::vector<std::jthread> pool;
    pool.reserve(static_cast<std::size_t>(threads - 1));
    for (int worker = 1; worker < threads; ++worker) {
      try {
        pool.emplace_back(work, worker);
      } catch (const std::system_error&) {
        break;  // out of threads: the workers already started (and this one) finish the job
      }
    }
    work(0);
  }  // jthreads join here
  if (first_error) std::rethrow_exception(first_error);
}

}  // namespace evpack
