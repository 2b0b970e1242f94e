#include "evpack/util/thread_pool.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <set>
#include <stdexcept>
#include <thread>
#include <vector>

namespace evpack {
namespace {

TEST(ThreadPool, DefaultJobsIsAtLeastOne) { EXPECT_GE(default_jobs(), 1); }

TEST(ThreadPool, VisitsEveryIndexExactlyOnce) {
  std::vector<std::atomic<int>> hits(10'000);
  std::atomic<int> max_worker{0};
  parallel_for(hits.size(), 4, [&](std::size_t i, int worker) {
    hits[i].fetch_add(1);
    int seen = max_worker.load();
    while (worker > seen && !max_worker.compare_exchange_weak(seen, worker)) {
    }
  });
  for (const auto& h : hits) ASSERT_EQ(h.load(), 1);
  EXPECT_LT(max_worker.load(), 4);
}

TEST(ThreadPool, WorkerIdsAreStablePerThread) {
  std::vector<std::thread::id> owner(3);
  std::vector<std::atomic<int>> conflicts(3);
  std::mutex m;
  parallel_for(3000, 3, [&](std::size_t, int worker) {
    const std::lock_guard lock(m);
    auto& slot = owner[static_cast<std::size_t>(worker)];
    if (slot == std::thread::id()) slot = std::this_thread::get_id();
    if (slot != std::this_thread::get_id()) conflicts[static_cast<std::size_t>(worker)]++;
  });
  for (const auto& c : conflicts) EXPECT_EQ(c.load(), 0);
}

TEST(ThreadPool, NeverMoreWorkersThanItems) {
  std::set<int> workers;
  std::mutex m;
  parallel_for(2, 16, [&](std::size_t, int worker) {
    const std::lock_guard lock(m);
    workers.insert(worker);
  });
  for (const int w : workers) EXPECT_LT(w, 2);
  parallel_for(0, 4, [&](std::size_t, int) { FAIL() << "no work expected"; });
}

TEST(ThreadPool, ZeroJobsMeansDefault) {
  std::atomic<int> count{0};
  parallel_for(100, 0, [&](std::size_t, int worker) {
    EXPECT_LT(worker, default_jobs());
    count++;
  });
  EXPECT_EQ(count.load(), 100);
}

TEST(ThreadPool, RethrowsTheFirstExceptionAfterJoiningAll) {
  std::atomic<int> running{0};
  std::atomic<int> started{0};
  try {
    parallel_for(1000, 4, [&](std::size_t i, int) {
      running++;
      started++;
      std::this_thread::sleep_for(std::chrono::microseconds(100));
      running--;
      if (i == 10) throw std::runtime_error("bad file 10");
    });
    FAIL() << "expected an exception";
  } catch (const std::runtime_error& e) {
    EXPECT_STREQ(e.what(), "bad file 10");
  }
  EXPECT_EQ(running.load(), 0);     // every worker had finished before the rethrow
  EXPECT_LT(started.load(), 1000);  // no new work after the failure
}

TEST(ThreadPool, SingleJobRunsInOrderOnCallingThread) {
  std::vector<std::size_t> order;
  const auto caller = std::this_thread::get_id();
  parallel_for(5, 1, [&](std::size_t i, int worker) {
    EXPECT_EQ(worker, 0);
    EXPECT_EQ(std::this_thread::get_id(), caller);
    order.push_back(i);
  });
  EXPECT_EQ(order, (std::vector<std::size_t>{0, 1, 2, 3, 4}));
}

}  // namespace
}  // namespace evpack
