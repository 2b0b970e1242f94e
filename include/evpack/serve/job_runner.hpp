// The job queue of `evpack serve`: N worker threads run checks, packs and verifications
// in-process, in the order queued; a job can be cancelled while queued or running.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "evpack/serve/serve.hpp"
#include "evpack/serve/store.hpp"

namespace evpack {

/// Where job `id`'s files live: data_dir/files/id (id is always one we generated).
std::string job_dir(const std::string& data_dir, const std::string& id);

/// Live progress of a running job (not stored on every file).
struct JobProgress {
  std::int64_t done = 0;
  std::int64_t total = 0;
  std::int64_t started_ms = 0;
  std::string phase;  ///< Chinese: 检查中, 打包中, 校验中
};

class JobRunner {
 public:
  JobRunner(Store& store, const ServeOptions& options);
  ~JobRunner();
  JobRunner(const JobRunner&) = delete;
  JobRunner& operator=(const JobRunner&) = delete;

  /// Starts the workers.
  void start();
  /// Cancels running jobs (they become interrupted) and joins the workers.
  void stop();
  void enqueue(const std::string& id);
  /// Cancels a queued or running job; false when it is neither.
  bool cancel(const std::string& id);
  /// Progress of a running job, or nullopt.
  std::optional<JobProgress> progress(const std::string& id);

 private:
  void work();
  void run_job(Job job, const std::shared_ptr<std::atomic<bool>>& cancelled);

  Store& store_;
  ServeOptions options_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::string> queue_;
  std::map<std::string, std::shared_ptr<std::atomic<bool>>> running_;
  std::map<std::string, JobProgress> progress_;
  std::vector<std::thread> threads_;
  bool stopping_ = false;
};

}  // namespace evpack
