#include "evpack/adapters/digest.hpp"

#include <sys/stat.h>

#include <gtest/gtest.h>

#include <random>

#include "support/temp_dir.hpp"

namespace evpack {
namespace {

using testing::TempDir;

TEST(Digest, KnownVectorsFromFips180) {
  EXPECT_EQ(sha256_bytes("abc", 3), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(sha256_bytes("", 0), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  const std::string two_blocks = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
  EXPECT_EQ(sha256_bytes(two_blocks.data(), two_blocks.size()),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

TEST(Digest, FileHashStreamsAcrossBuffers) {
  TempDir dir;
  // One million 'a' (the FIPS 180-2 long vector) spans no full buffer; 3 MiB + 7 spans several.
  const auto million = dir.write("一百万.txt", std::string(1'000'000, 'a'));
  EXPECT_EQ(sha256_file(million.string()).value(), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");

  std::string big((3u << 20) + 7, '\0');
  std::mt19937 rng(42);
  for (auto& c : big) c = static_cast<char>(rng());
  const auto path = dir.write("big.bin", big);
  EXPECT_EQ(sha256_file(path.string()).value(), sha256_bytes(big.data(), big.size()));

  const auto empty = dir.write("empty.txt", "");
  EXPECT_EQ(sha256_file(empty.string()).value(), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST(Digest, MissingDirectoryAndFifoAreErrorsNotHangs) {
  TempDir dir;
  auto missing = sha256_file((dir.path() / "none.pdf").string());
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, "FILE_UNREADABLE");
  EXPECT_FALSE(missing.error().message.empty());

  auto directory = sha256_file(dir.str());
  ASSERT_FALSE(directory.ok());
  EXPECT_EQ(directory.error().code, "FILE_UNREADABLE");

  const auto fifo = dir.path() / "pipe";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  auto piped = sha256_file(fifo.string());  // would block forever without O_NONBLOCK
  ASSERT_FALSE(piped.ok());
  EXPECT_EQ(piped.error().code, "FILE_UNREADABLE");
}

TEST(Digest, CorpusFileMatchesIndependentHash) {
  // Hash computed with coreutils sha256sum when the test was written.
  const auto path = testing::corpus_dir() + "/zip/libarchive_malformed1.zip";
  auto digest = sha256_file(path);
  ASSERT_TRUE(digest.ok()) << digest.error().message;
  EXPECT_EQ(digest.value(), "42fc99ed7e04f1f9f47507cdf58de33ae38f5f243cb6499949f90e5762ea7ed1");
}

TEST(Digest, StreamInPiecesEqualsOneShotAndRestartsAfterFinish) {
  const std::string text = "信用交通县验收材料 evidence bytes";
  Sha256Stream stream;
  stream.update(text.data(), 5);
  stream.update(text.data() + 5, 0);
  stream.update(text.data() + 5, text.size() - 5);
  EXPECT_EQ(stream.finish(), sha256_bytes(text.data(), text.size()));
  // After finish the stream is empty again: the digest of nothing.
  EXPECT_EQ(stream.finish(), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

}  // namespace
}  // namespace evpack
