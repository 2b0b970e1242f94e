#include "evpack/inspect/scene_text_pool.hpp"

#include <algorithm>
#include <utility>

namespace evpack {

/// A worker's view of the pool: an engine borrowed per call.
class PooledSceneText final : public SceneText {
 public:
  explicit PooledSceneText(std::shared_ptr<SceneTextPool> pool) : pool_(std::move(pool)) {}

  Expected<std::vector<SceneTextLine>> detect(const RasterImage& image, int long_side) override {
    return with_engine([&](SceneText& st) { return st.detect(image, long_side); });
  }
  Expected<LineText> read(const RasterImage& image, const SceneTextLine& line, double scale) override {
    return with_engine([&](SceneText& st) { return st.read(image, line, scale); });
  }
  Expected<LineText> read(const RasterImage& line_image) override {
    return with_engine([&](SceneText& st) { return st.read(line_image); });
  }

 private:
  template <typename Call>
  auto with_engine(Call call) -> decltype(call(std::declval<SceneText&>())) {
    auto slot = pool_->acquire();
    if (!slot) return slot.error();
    struct Release {
      SceneTextPool& pool;
      std::size_t slot;
      ~Release() { pool.release(slot); }
    } release{*pool_, *slot};
    return call(pool_->engine(*slot));
  }

  std::shared_ptr<SceneTextPool> pool_;
};

SceneTextPool::SceneTextPool(int capacity, SceneTextFactory factory)
    : capacity_(std::max(1, capacity)),
      factory_(factory ? std::move(factory)
                       : SceneTextFactory([] { return make_ppocr_scene_text(default_scene_text_model_dir()); })) {
  slots_.reserve(static_cast<std::size_t>(capacity_));
}

SceneTextPool::~SceneTextPool() = default;

std::unique_ptr<SceneText> SceneTextPool::handle() { return std::make_unique<PooledSceneText>(shared_from_this()); }

Expected<std::size_t> SceneTextPool::acquire() {
  std::unique_lock lock(mutex_);
  for (;;) {
    if (failure_) return *failure_;
    for (std::size_t i = 0; i < slots_.size(); ++i) {
      if (!slots_[i].busy && slots_[i].engine) {
        slots_[i].busy = true;
        return i;
      }
    }
    std::optional<std::size_t> empty;
    for (std::size_t i = 0; i < slots_.size() && !empty; ++i) {
      if (!slots_[i].busy && !slots_[i].engine) empty = i;
    }
    if (!empty && static_cast<int>(slots_.size()) < capacity_) {
      slots_.emplace_back();  // reserved: references to other slots stay valid
      empty = slots_.size() - 1;
    }
    if (empty) {
      const std::size_t index = *empty;
      slots_[index].busy = true;
      lock.unlock();
      auto made = factory_();  // loading the models takes a few tenths of a second
      lock.lock();
      slots_[index].busy = false;
      if (!made) {
        failure_ = made.error();
        freed_.notify_all();
        return made.error();
      }
      slots_[index].engine = std::move(made.value());
      slots_[index].busy = true;
      const auto alive = std::count_if(slots_.begin(), slots_.end(), [](const Slot& s) { return s.engine != nullptr; });
      most_alive_ = std::max(most_alive_, static_cast<int>(alive));
      return index;
    }
    freed_.wait(lock);
  }
}

void SceneTextPool::release(std::size_t slot) {
  {
    const std::lock_guard lock(mutex_);
    slots_[slot].busy = false;
  }
  freed_.notify_all();
}

SceneText& SceneTextPool::engine(std::size_t slot) {
  const std::lock_guard lock(mutex_);
  return *slots_[slot].engine;
}

int SceneTextPool::most_alive() const {
  const std::lock_guard lock(mutex_);
  return most_alive_;
}

}  // namespace evpack
