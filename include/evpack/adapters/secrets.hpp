// Passwords, random ids and token digests in our own words (libsodium behind
// src/adapters/sodium_secrets.cpp).
#pragma once

#include <cstddef>
#include <optional>
#include <string>

namespace evpack {

/// Argon2id hash of `password` in libsodium's self-describing string form (salt and cost
/// inside), with the interactive cost limits. nullopt when out of memory.
std::optional<std::string> hash_password(const std::string& password);

/// True when `password` matches `hash` (a hash_password string); false for a malformed hash.
bool check_password(const std::string& hash, const std::string& password);

/// `bytes` random bytes from the OS generator, as lower-case hex (2 × bytes characters).
std::string random_hex(std::size_t bytes);

/// A keyless BLAKE2b digest of `token` as hex: what is stored instead of a session token.
std::string token_digest(const std::string& token);

/// Compares in time independent of where the strings differ.
bool equal_in_constant_time(const std::string& a, const std::string& b);

}  // namespace evpack
