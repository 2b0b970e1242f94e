// A minimal expected-style result for fallible core operations (C++20 has no
// std::expected). Errors carry a stable code and a Chinese message that can be
// turned into a Finding as is. [[nodiscard]]: a result is checked or dropped by name.
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace evpack {

struct Error {
  std::string code;     ///< stable, e.g. "PDF_ENCRYPTED"
  std::string message;  ///< Chinese, shown to the user
};

template <typename T>
class [[nodiscard]] Expected {
 public:
  Expected(T value) : state_(std::move(value)) {}      // NOLINT(google-explicit-constructor)
  Expected(Error error) : state_(std::move(error)) {}  // NOLINT(google-explicit-constructor)

  bool ok() const { return std::holds_alternative<T>(state_); }
  explicit operator bool() const { return ok(); }

  T& value() & { return std::get<T>(state_); }
  const T& value() const& { return std::get<T>(state_); }
  T&& value() && { return std::get<T>(std::move(state_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

  const Error& error() const { return std::get<Error>(state_); }

  /// Drops the result on purpose: a best-effort step whose failure the caller survives
  /// (Expected is [[nodiscard]], so every other ignored result is a compiler warning).
  void ignore_error() const {}

 private:
  std::variant<T, Error> state_;
};

}  // namespace evpack
