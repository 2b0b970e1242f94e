// A few scene-text engines (text detection + line recognition models) shared by
// all the check's workers.
#pragma once

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

#include "evpack/adapters/scene_text.hpp"

namespace evpack {

/// Makes one engine; make_ppocr_scene_text(default_scene_text_model_dir()) by default.
using SceneTextFactory = std::function<Expected<std::unique_ptr<SceneText>>()>;

/// Holds at most `capacity` engines (each keeps its models, about 40 MB of weights
/// plus the detector's working memory), started on first use. A worker borrows one
/// for a single detect or read call and waits while all are busy. A failed start
/// (models missing) is remembered and returned at once on later calls. Thread-safe.
class SceneTextPool : public std::enable_shared_from_this<SceneTextPool> {
 public:
  /// Make it with std::make_shared: its handles keep it alive.
  explicit SceneTextPool(int capacity, SceneTextFactory factory = {});
  ~SceneTextPool();
  SceneTextPool(const SceneTextPool&) = delete;
  SceneTextPool& operator=(const SceneTextPool&) = delete;

  /// A SceneText for one worker, backed by the pool.
  std::unique_ptr<SceneText> handle();

  /// The most engines alive at once (at most the capacity); for tests and benchmarks.
  int most_alive() const;

 private:
  friend class PooledSceneText;
  struct Slot {
    std::unique_ptr<SceneText> engine;
    bool busy = false;
  };
  Expected<std::size_t> acquire();
  void release(std::size_t slot);
  SceneText& engine(std::size_t slot);

  const int capacity_;
  SceneTextFactory factory_;
  mutable std::mutex mutex_;
  std::condition_variable freed_;
  std::vector<Slot> slots_;
  std::optional<Error> failure_;
  int most_alive_ = 0;
};

}  // namespace evpack
