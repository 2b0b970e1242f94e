#include "evpack/inspect/ocr_pool.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace evpack {
namespace {

using namespace std::chrono_literals;

// What the fake engines saw: how many were alive and reading at once.
struct Census {
  std::atomic<int> alive{0};
  std::atomic<int> most_alive{0};
  std::atomic<int> reading{0};
  std::atomic<int> most_reading{0};
  std::atomic<int> made{0};
  std::vector<std::string> made_for;  // languages of each start, in order
  std::mutex mutex;
  // While `hold` is set, the engine started `hold_engine`-th (from 1) blocks in recognize.
  bool hold = false;
  int hold_engine = 0;
  std::condition_variable released;
};

void raise_to(std::atomic<int>& most, int value) {
  int seen = most.load();
  while (value > seen && !most.compare_exchange_weak(seen, value)) {
  }
}

class FakeEngine final : public Ocr {
 public:
  FakeEngine(Census& census, std::string languages, int id)
      : census_(census), languages_(std::move(languages)), id_(id) {
    raise_to(census_.most_alive, ++census_.alive);
  }
  ~FakeEngine() override { --census_.alive; }

  using Ocr::recognize;
  Expected<OcrResult> recognize(const RasterImage&, OcrLayout, std::string_view) override {
    raise_to(census_.most_reading, ++census_.reading);
    {
      std::unique_lock lock(census_.mutex);
      census_.released.wait(lock, [&] { return !census_.hold || census_.hold_engine != id_; });
    }
    std::this_thread::sleep_for(200us);
    --census_.reading;
    OcrResult result;
    result.lines.push_back({languages_, 1.0, {}, {}});
    return result;
  }

 private:
  Census& census_;
  std::string languages_;
  int id_;
};

OcrEngineFactory fake_factory(Census& census) {
  return [&census](const std::string& languages) -> Expected<std::unique_ptr<Ocr>> {
    if (languages == "missing") return Error{"OCR_UNAVAILABLE", "缺少语言数据"};
    {
      const std::lock_guard lock(census.mutex);
      census.made_for.push_back(languages);
    }
    const int id = ++census.made;
    return std::unique_ptr<Ocr>(std::make_unique<FakeEngine>(census, languages, id));
  };
}

const RasterImage kImage{1, 1, 1, {255}};

TEST(OcrPool, EightWorkersShareTwoEnginesAndNeverReadWithMore) {
  Census census;
  const auto pool = std::make_shared<OcrPool>(2, fake_factory(census));
  std::vector<std::thread> workers;
  std::atomic<int> answered{0};
  for (int w = 0; w < 8; ++w) {
    workers.emplace_back([&] {
      const auto ocr = pool->handle("chi_sim+eng");
      for (int call = 0; call < 40; ++call) {
        auto read = ocr->recognize(kImage, OcrLayout::SingleLine);
        if (read && read->text() == "chi_sim+eng") ++answered;
      }
    });
  }
  for (auto& t : workers) t.join();
  EXPECT_EQ(answered.load(), 8 * 40);
  EXPECT_EQ(census.made.load(), 2);
  EXPECT_EQ(census.most_alive.load(), 2);
  EXPECT_EQ(census.most_reading.load(), 2);
  EXPECT_EQ(pool->most_alive(), 2);
  EXPECT_EQ(pool->most_busy(), 2);
}

TEST(OcrPool, AnEngineNobodyWantsAnyMoreIsRestartedForOtherLanguages) {
  Census census;
  const auto pool = std::make_shared<OcrPool>(1, fake_factory(census));
  auto photos = pool->handle("chi_sim+eng");
  {
    auto documents = pool->handle("chi_sim");
    ASSERT_TRUE(documents->recognize(kImage, OcrLayout::Block));
    ASSERT_TRUE(documents->recognize(kImage, OcrLayout::Block));
  }
  auto read = photos->recognize(kImage, OcrLayout::Block);
  ASSERT_TRUE(read);
  EXPECT_EQ(read->text(), "chi_sim+eng");
  EXPECT_EQ(census.made_for, (std::vector<std::string>{"chi_sim", "chi_sim+eng"}));
  EXPECT_EQ(census.most_alive.load(), 1);
}

TEST(OcrPool, OneWorkerAlternatingLanguagesWithASingleEngineNeverWaitsForever) {
  Census census;
  const auto pool = std::make_shared<OcrPool>(1, fake_factory(census));
  auto photos = pool->handle("chi_sim+eng");
  auto documents = pool->handle("chi_sim");
  EXPECT_TRUE(documents->recognize(kImage, OcrLayout::Block));
  EXPECT_TRUE(photos->recognize(kImage, OcrLayout::Block));
  EXPECT_TRUE(documents->recognize(kImage, OcrLayout::Block));
  EXPECT_EQ(census.made.load(), 3);
  EXPECT_EQ(census.most_alive.load(), 1);
}

void hold_engine(Census& census, int engine) {
  const std::lock_guard lock(census.mutex);
  census.hold = true;
  census.hold_engine = engine;
}

void release_engines(Census& census) {
  {
    const std::lock_guard lock(census.mutex);
    census.hold = false;
  }
  census.released.notify_all();
}

// Two engines and three workers' handles: a document read leaves engine 1
// (chi_sim) idle; then photo worker A is held inside engine 2 (chi_sim+eng)
// until release().
struct DocumentEngineIdlePhotoEngineHeld {
  Census census;
  std::shared_ptr<OcrPool> pool = std::make_shared<OcrPool>(2, fake_factory(census));
  std::unique_ptr<Ocr> documents = pool->handle("chi_sim");
  std::unique_ptr<Ocr> photos_a = pool->handle("chi_sim+eng");
  std::unique_ptr<Ocr> photos_b = pool->handle("chi_sim+eng");
  std::thread a;

  bool read_document() { return static_cast<bool>(documents->recognize(kImage, OcrLayout::Block)); }
  void hold_photo_a() {
    hold_engine(census, 2);
    a = std::thread([this] { EXPECT_TRUE(photos_a->recognize(kImage, OcrLayout::Block)); });
    while (census.reading.load() == 0) std::this_thread::yield();
  }
  void release() {
    release_engines(census);
    if (a.joinable()) a.join();
  }
  ~DocumentEngineIdlePhotoEngineHeld() { release(); }
};

// The PDFs' last Chinese-only engine stays while a worker still reads PDFs:
// restarting takes 0.1-0.2 s, and the document reader would take it back.
TEST(OcrPool, TheLastEngineOfLanguagesStillWantedIsNotTakenWhileItsWorkerIsBetweenCalls) {
  DocumentEngineIdlePhotoEngineHeld s;
  ASSERT_TRUE(s.read_document());
  s.hold_photo_a();
  std::atomic<bool> b_done{false};
  std::thread b([&] {
    auto read = s.photos_b->recognize(kImage, OcrLayout::Block);
    EXPECT_TRUE(read && read->text() == "chi_sim+eng");
    b_done = true;
  });
  std::this_thread::sleep_for(50ms);
  EXPECT_FALSE(b_done.load()) << "worker B should wait for A's engine, not restart the Chinese-only one";
  s.release();
  b.join();
  EXPECT_EQ(s.census.made_for, (std::vector<std::string>{"chi_sim", "chi_sim+eng"}));
}

TEST(OcrPool, OnceNobodyReadsDocumentsTheirEngineIsRestartedForAWaitingPhoto) {
  DocumentEngineIdlePhotoEngineHeld s;
  ASSERT_TRUE(s.read_document());
  s.documents.reset();
  s.hold_photo_a();
  // B does not wait for A: engine 1 becomes engine 3, in B's languages.
  auto read = s.photos_b->recognize(kImage, OcrLayout::Block);
  ASSERT_TRUE(read);
  EXPECT_EQ(read->text(), "chi_sim+eng");
  s.release();
  EXPECT_EQ(s.census.made_for, (std::vector<std::string>{"chi_sim", "chi_sim+eng", "chi_sim+eng"}));
  EXPECT_EQ(s.census.most_alive.load(), 2);
}

TEST(OcrPool, AFailedStartIsRememberedAndOtherLanguagesStillRead) {
  Census census;
  int missing_tries = 0;
  const auto pool = std::make_shared<OcrPool>(2, [&](const std::string& languages) {
    if (languages == "missing") ++missing_tries;
    return fake_factory(census)(languages);
  });
  auto broken = pool->handle("missing");
  auto first = broken->recognize(kImage, OcrLayout::Block);
  auto second = broken->recognize(kImage, OcrLayout::Block);
  ASSERT_FALSE(first);
  ASSERT_FALSE(second);
  EXPECT_EQ(first.error().code, "OCR_UNAVAILABLE");
  EXPECT_EQ(missing_tries, 1);
  auto photos = pool->handle("chi_sim+eng");
  EXPECT_TRUE(photos->recognize(kImage, OcrLayout::Block));
}

}  // namespace
}  // namespace evpack
