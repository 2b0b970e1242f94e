// Secrets over libsodium (Debian libsodium-dev): crypto_pwhash_str (Argon2id),
// randombytes_buf, crypto_generichash, sodium_memcmp.
#include "evpack/adapters/secrets.hpp"

#include <sodium.h>

#include <stdexcept>
#include <vector>

namespace evpack {

namespace {

void ensure_init() {
  static const int ready = sodium_init();
  if (ready < 0) throw std::runtime_error("libsodium could not be initialised");
}

std::string to_hex(const unsigned char* data, std::size_t size) {
  std::string hex(size * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), data, size);
  hex.pop_back();
  return hex;
}

}  // namespace

std::optional<std::string> hash_password(const std::string& password) {
  ensure_init();
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                            crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return std::nullopt;
  }
  return std::string(out);
}

bool check_password(const std::string& hash, const std::string& password) {
  ensure_init();
  if (hash.empty() || hash.size() >= crypto_pwhash_STRBYTES) return false;
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

std::string random_hex(std::size_t bytes) {
  ensure_init();
  std::vector<unsigned char> buf(bytes);
  randombytes_buf(buf.data(), buf.size());
  return to_hex(buf.data(), buf.size());
}

std::string token_digest(const std::string& token) {
  ensure_init();
  unsigned char out[32];
  crypto_generichash(out, sizeof out, reinterpret_cast<const unsigned char*>(token.data()), token.size(), nullptr, 0);
  return to_hex(out, sizeof out);
}

bool equal_in_constant_time(const std::string& a, const std::string& b) {
  ensure_init();
  if (a.size() != b.size()) return false;
  return a.empty() || sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace evpack
