// A minimal worker pool for "do this for every file" loops (scanner hashing,
// inspection). Work is handed out one index at a time from an atomic counter, so
// slow files (a 300-page scan) do not hold up a fixed slice of the list.
#pragma once

#include <cstddef>
#include <functional>
#include <utility>

namespace evpack {

/// Number of hardware threads, at least 1.
int default_jobs();

/// Large blocks (4 MiB and up: rendered pages, whole screen captures, OCR
/// buffers) go back to the system as soon as they are freed. With glibc's
/// default, each worker thread's heap keeps the largest buffers it ever held, so
/// the peak grew by 20-60 MB per worker although few of those buffers lived at
/// once. Smaller blocks (a photo's 1000x750 decode and analysis copies) stay in
/// the heaps: mapped afresh for every photo at a 1 MiB threshold, their page
/// faults and zeroing were about half of the check's system time.
/// Call once at start-up, before any thread starts; does nothing off glibc.
void return_large_blocks_to_system();

/// Implementation of parallel_for over a type-erased body.
void parallel_for_impl(std::size_t count, int jobs, const std::function<void(std::size_t, int)>& fn);

/// Calls fn(index, worker_id) once for every index in [0, count), on up to `jobs`
/// threads (jobs <= 0 means default_jobs(); never more threads than indices).
/// worker_id is in [0, threads) and stable within one thread, so callers can keep
/// per-worker state (a PDF reader, an OCR engine) in a vector indexed by it.
/// The calling thread is worker 0. Write results to slot `index` to keep the
/// output order independent of scheduling.
/// If fn throws, no new indices are started, all workers are joined, and the
/// first exception is rethrown (once) to the caller.
template <typename F>
void parallel_for(std::size_t count, int jobs, F&& fn) {
  parallel_for_impl(count, jobs, std::function<void(std::size_t, int)>(std::forward<F>(fn)));
}

}  // namespace evpack
