// A few OCR engines shared by all the check's workers.
#pragma once

#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "evpack/adapters/ocr.hpp"

namespace evpack {

/// Makes an engine for a language set ("chi_sim+eng"); make_tesseract_ocr by default.
using OcrEngineFactory = std::function<Expected<std::unique_ptr<Ocr>>(const std::string& languages)>;

/// Holds at most `capacity` OCR engines, whatever the number of workers, so the
/// memory they take (about 50-60 MB each for Chinese) does not grow with the core
/// count. Engines start on first use. A worker borrows one for a single recognize
/// call and waits while all are busy.
///
/// Engines are kept per language set. When the pool is full and no engine of the
/// wanted languages is idle, an idle engine of other languages is restarted with
/// the wanted ones only if nobody still asks for its languages (see `handle`), or
/// its languages keep another engine, or no engine is busy: restarting takes 0.1-
/// 0.2 s, so the PDFs' last Chinese-only engine is not traded back and forth with
/// the photos' Chinese+English ones. A failed start is remembered per language set
/// and returned at once on later calls. Thread-safe.
class OcrPool : public std::enable_shared_from_this<OcrPool> {
 public:
  /// Make it with std::make_shared: its handles keep it alive.
  explicit OcrPool(int capacity, OcrEngineFactory factory = {});
  ~OcrPool();
  OcrPool(const OcrPool&) = delete;
  OcrPool& operator=(const OcrPool&) = delete;

  /// An Ocr for `languages` backed by the pool, for one worker. While it exists
  /// the pool keeps at least one engine of these languages once it has one.
  std::unique_ptr<Ocr> handle(const std::string& languages);

  /// Recognises with an engine of `languages`, borrowed for this call only.
  Expected<OcrResult> recognize(const std::string& languages, const RasterImage& image, OcrLayout layout,
                                std::string_view only);

  /// Calls `call(engine)` with an engine of `languages` borrowed for this call
  /// only (a layout analysis, a page read line by line).
  template <typename Call>
  auto with_engine(const std::string& languages, Call&& call) -> decltype(call(std::declval<Ocr&>())) {
    auto borrowed = acquire(languages);
    if (!borrowed) return borrowed.error();
    struct Release {
      OcrPool& pool;
      std::size_t slot;
      ~Release() { pool.release(slot); }
    } release{*this, borrowed->slot};
    return call(*borrowed->engine);
  }

  /// The most engines that were alive at once, and the most that were reading
  /// at once (both at most capacity()); for tests and benchmarks.
  int most_alive() const;
  int most_busy() const;

 private:
  struct Slot {
    std::string languages;
    std::unique_ptr<Ocr> engine;
    bool busy = false;  ///< reading, or being started
  };

  /// An engine lent to one call: its slot, marked busy, and the engine itself
  /// (valid until the slot is released).
  struct Borrowed {
    std::size_t slot;
    Ocr* engine;
  };

  Expected<Borrowed> acquire(const std::string& languages);
  void release(std::size_t slot);
  bool may_restart(const Slot& slot) const;  // caller holds mutex_
  void add_interest(const std::string& languages);
  void drop_interest(const std::string& languages);
  friend class PooledOcr;

  const int capacity_;
  OcrEngineFactory factory_;
  mutable std::mutex mutex_;
  std::condition_variable freed_;
  std::vector<Slot> slots_;                ///< never more than capacity_; indices stay valid
  std::map<std::string, int> interest_;    ///< live handles per language set
  std::map<std::string, Error> failures_;  ///< language sets whose engine failed to start
  int most_alive_ = 0;
  int most_busy_ = 0;
};

}  // namespace evpack
