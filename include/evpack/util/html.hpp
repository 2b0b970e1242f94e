// HTML built with escaping by default: everything appended is text, escaped, unless it is
// marked as markup evpack wrote itself. Used by the HTML report, the catalogue and the
// serve pages, so that a file name such as "<script>&.pdf" can only ever show as text.
#pragma once

#include <concepts>
#include <cstddef>
#include <string>
#include <string_view>

#include "evpack/util/format.hpp"

namespace evpack {

/// A piece of markup evpack wrote itself (a stylesheet, a script, an element built
/// elsewhere), to be appended as is. Never wrap text that came from a user or a file.
struct Markup {
  std::string_view html;
};
inline Markup markup(std::string_view html) { return {html}; }

/// An HTML fragment under construction.
///
///   Html h;
///   h.add("<td class=\"{}\">{}</td>", cls, file_name);  // both escaped
///   h.add("<div>{}</div>", other_fragment);              // an Html goes in as is
///
/// `add`'s pattern is trusted markup (write it as a literal); each "{}" in it takes the next
/// argument: a string is escaped (html_escape: & < > " ' and control characters, invalid
/// UTF-8 replaced), an Html or a Markup is appended as is, an integer is written in decimal.
class Html {
 public:
  Html() = default;

  /// Appends `text` escaped.
  Html& text(std::string_view text) {
    out_ += html_escape(text);
    return *this;
  }
  /// Appends `html` as is: markup evpack wrote, never text from outside.
  Html& raw(std::string_view html) {
    out_ += html;
    return *this;
  }
  Html& raw(const Html& html) { return raw(html.out_); }

  /// Appends `pattern` with its "{}" holes filled by `args` (see the class comment).
  /// Arguments beyond the holes are appended after the pattern, holes beyond the
  /// arguments stay as written.
  template <typename... Args>
  Html& add(std::string_view pattern, const Args&... args) {
    std::size_t pos = 0;
    (fill_next_hole(pattern, pos, args), ...);
    out_.append(pattern.substr(pos));
    return *this;
  }

  /// A new fragment: `pattern` filled as by add.
  template <typename... Args>
  static Html format(std::string_view pattern, const Args&... args) {
    Html h;
    h.add(pattern, args...);
    return h;
  }

  const std::string& str() const { return out_; }
  std::string take() { return std::move(out_); }
  bool empty() const { return out_.empty(); }
  std::size_t size() const { return out_.size(); }
  void reserve(std::size_t n) { out_.reserve(n); }

 private:
  template <typename T>
  void fill_next_hole(std::string_view pattern, std::size_t& pos, const T& arg) {
    const std::size_t hole = pattern.find("{}", pos);
    if (hole == std::string_view::npos) {
      out_.append(pattern.substr(pos));
      pos = pattern.size();
    } else {
      out_.append(pattern.substr(pos, hole - pos));
      pos = hole + 2;
    }
    append(arg);
  }

  void append(std::string_view s) { text(s); }
  void append(const Html& h) { raw(h); }
  void append(Markup m) { raw(m.html); }
  template <std::integral T>
  requires(!std::same_as<T, char> && !std::same_as<T, bool>) void append(T n) { out_ += std::to_string(n); }

  std::string out_;
};

}  // namespace evpack
