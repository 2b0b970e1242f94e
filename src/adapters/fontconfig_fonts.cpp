// System fonts through fontconfig. Its headers stay in this file.
#include <fontconfig/fontconfig.h>

#include <algorithm>
#include <map>
#include <memory>
#include <mutex>
#include <vector>

#include "evpack/adapters/system_fonts.hpp"
#include "evpack/util/text.hpp"

namespace evpack {
namespace {

struct CharSetFree {
  void operator()(FcCharSet* set) const { FcCharSetDestroy(set); }
};
using CharSetPtr = std::unique_ptr<FcCharSet, CharSetFree>;

/// Decodes one UTF-8 character (as split_utf8_chars cuts them); 0 when malformed.
FcChar32 code_point(const std::string& ch) {
  FcChar32 cp = 0;
  const int n = FcUtf8ToUcs4(reinterpret_cast<const FcChar8*>(ch.data()), &cp, static_cast<int>(ch.size()));
  return n > 0 ? cp : 0;
}

}  // namespace

std::optional<double> font_file_coverage(const std::string& path, const std::string& utf8) {
  // Reading a CJK font's character map takes some milliseconds (the .ttc files are
  // 20-30 MB): once per file and process.
  static std::mutex mutex;
  static std::map<std::string, CharSetPtr> sets;
  const FcCharSet* set = nullptr;
  {
    std::lock_guard lock(mutex);
    auto it = sets.find(path);
    if (it == sets.end()) {
      int count = 0;
      FcPattern* pattern = FcFreeTypeQuery(reinterpret_cast<const FcChar8*>(path.c_str()), 0, nullptr, &count);
      CharSetPtr copy;
      if (pattern) {
        FcCharSet* found = nullptr;
        if (FcPatternGetCharSet(pattern, FC_CHARSET, 0, &found) == FcResultMatch && found) {
          copy.reset(FcCharSetCopy(found));
        }
        FcPatternDestroy(pattern);
      }
      it = sets.emplace(path, std::move(copy)).first;
    }
    set = it->second.get();
  }
  if (!set) return std::nullopt;
  std::size_t total = 0;
  std::size_t covered = 0;
  for (const auto& ch : split_utf8_chars(utf8)) {
    const FcChar32 cp = code_point(ch);
    if (cp <= 0x20 || cp == 0x3000 || cp == 0xA0) continue;
    ++total;
    covered += FcCharSetHasChar(set, cp) ? 1 : 0;
  }
  return total == 0 ? 1.0 : static_cast<double>(covered) / static_cast<double>(total);
}

std::string system_fonts_description() {
  FcConfig* config = FcInitLoadConfigAndFonts();
  if (!config) return "";
  FcPattern* pattern = FcPatternCreate();
  FcObjectSet* objects = FcObjectSetBuild(FC_FILE, FC_INDEX, FC_FAMILY, FC_STYLE, nullptr);
  FcFontSet* fonts = FcFontList(config, pattern, objects);
  std::vector<std::string> lines;
  if (fonts) {
    for (int i = 0; i < fonts->nfont; ++i) {
      FcChar8* text =
          FcPatternFormat(fonts->fonts[i], reinterpret_cast<const FcChar8*>("%{file}|%{index}|%{family}|%{style}"));
      if (!text) continue;
      lines.emplace_back(reinterpret_cast<const char*>(text));
      FcStrFree(text);
    }
    FcFontSetDestroy(fonts);
  }
  FcObjectSetDestroy(objects);
  FcPatternDestroy(pattern);
  FcConfigDestroy(config);
  std::sort(lines.begin(), lines.end());
  std::string out;
  for (const auto& line : lines) out += line + "\n";
  return out;
}

}  // namespace evpack
