#include "evpack/inspect/ocr_pool.hpp"

#include <algorithm>
#include <optional>
#include <utility>

namespace evpack {

/// A worker's view of the pool: one language set, borrowed per call.
class PooledOcr final : public Ocr {
 public:
  PooledOcr(std::shared_ptr<OcrPool> pool, std::string languages)
      : pool_(std::move(pool)), languages_(std::move(languages)) {
    pool_->add_interest(languages_);
  }
  ~PooledOcr() override { pool_->drop_interest(languages_); }
  PooledOcr(const PooledOcr&) = delete;
  PooledOcr& operator=(const PooledOcr&) = delete;

  using Ocr::recognize;
  Expected<OcrResult> recognize(const RasterImage& image, OcrLayout layout, std::string_view only) override {
    return pool_->recognize(languages_, image, layout, only);
  }
  Expected<std::vector<PixelRect>> find_lines(const RasterImage& image) override {
    return pool_->with_engine(languages_, [&](Ocr& engine) { return engine.find_lines(image); });
  }

 private:
  std::shared_ptr<OcrPool> pool_;
  std::string languages_;
};

OcrPool::OcrPool(int capacity, OcrEngineFactory factory)
    : capacity_(std::max(1, capacity)),
      factory_(factory ? std::move(factory)
                       : OcrEngineFactory([](const std::string& languages) { return make_tesseract_ocr(languages); })) {
  slots_.reserve(static_cast<std::size_t>(capacity_));
}

OcrPool::~OcrPool() = default;

std::unique_ptr<Ocr> OcrPool::handle(const std::string& languages) {
  return std::make_unique<PooledOcr>(shared_from_this(), languages);
}

Expected<OcrResult> OcrPool::recognize(const std::string& languages, const RasterImage& image, OcrLayout layout,
                                       std::string_view only) {
  return with_engine(languages, [&](Ocr& engine) { return engine.recognize(image, layout, only); });
}

Expected<OcrPool::Borrowed> OcrPool::acquire(const std::string& languages) {
  std::unique_lock lock(mutex_);
  const auto busy_now = [&] {
    return static_cast<int>(std::count_if(slots_.begin(), slots_.end(), [](const Slot& s) { return s.busy; }));
  };
  for (;;) {
    if (const auto failed = failures_.find(languages); failed != failures_.end()) return failed->second;

    for (std::size_t i = 0; i < slots_.size(); ++i) {
      Slot& slot = slots_[i];
      if (!slot.busy && slot.engine && slot.languages == languages) {
        slot.busy = true;
        most_busy_ = std::max(most_busy_, busy_now());
        return Borrowed{i, slot.engine.get()};
      }
    }

    // Where a new engine may start: an empty slot, room for one more, or an idle
    // engine of other languages that may be given up.
    std::optional<std::size_t> target;
    for (std::size_t i = 0; i < slots_.size() && !target; ++i) {
      if (!slots_[i].busy && !slots_[i].engine) target = i;
    }
    if (!target && static_cast<int>(slots_.size()) < capacity_) {
      slots_.emplace_back();
      target = slots_.size() - 1;
    }
    for (std::size_t i = 0; i < slots_.size() && !target; ++i) {
      if (!slots_[i].busy && slots_[i].engine && may_restart(slots_[i])) target = i;
    }
    if (!target) {
      freed_.wait(lock);
      continue;
    }

    const std::size_t index = *target;
    std::unique_ptr<Ocr> replaced = std::move(slots_[index].engine);
    slots_[index].languages = languages;
    slots_[index].busy = true;
    most_busy_ = std::max(most_busy_, busy_now());
    lock.unlock();
    replaced.reset();  // its memory is freed before the new engine takes its own
    auto made = factory_(languages);
    lock.lock();
    Slot& slot = slots_[index];
    if (!made) {
      failures_.emplace(languages, made.error());
      slot.busy = false;
      slot.languages.clear();
      freed_.notify_all();
      return made.error();
    }
    slot.engine = std::move(made.value());
    const auto alive = std::count_if(slots_.begin(), slots_.end(), [](const Slot& s) { return s.engine != nullptr; });
    most_alive_ = std::max(most_alive_, static_cast<int>(alive));
    return Borrowed{index, slot.engine.get()};
  }
}

bool OcrPool::may_restart(const Slot& slot) const {
  const auto wanted = interest_.find(slot.languages);
  if (wanted == interest_.end() || wanted->second == 0) return true;
  const auto same = std::count_if(slots_.begin(), slots_.end(),
                                  [&](const Slot& s) { return s.engine && s.languages == slot.languages; });
  if (same >= 2) return true;
  // Nobody is reading, so nobody would hand an engine back: waiting would never end.
  return std::none_of(slots_.begin(), slots_.end(), [](const Slot& s) { return s.busy; });
}

void OcrPool::release(std::size_t slot) {
  {
    const std::lock_guard lock(mutex_);
    slots_[slot].busy = false;
  }
  freed_.notify_all();
}

void OcrPool::add_interest(const std::string& languages) {
  const std::lock_guard lock(mutex_);
  ++interest_[languages];
}

void OcrPool::drop_interest(const std::string& languages) {
  {
    const std::lock_guard lock(mutex_);
    --interest_[languages];
  }
  freed_.notify_all();
}

int OcrPool::most_alive() const {
  const std::lock_guard lock(mutex_);
  return most_alive_;
}

int OcrPool::most_busy() const {
  const std::lock_guard lock(mutex_);
  return most_busy_;
}

}  // namespace evpack
