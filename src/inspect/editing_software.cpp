// Image editors named in a photo's metadata. Software tags name the program that
// wrote the file; beautifying apps (美图秀秀, 醒图) often leave the phone's firmware
// there and sign elsewhere: Artist, UserComment, an XMP schema of their own.
#include "evpack/inspect/editing_software.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <string_view>

#include "evpack/util/text.hpp"

namespace evpack {

namespace {

struct Editor {
  const char* key;    ///< lower-case ASCII (matched at a word start) or UTF-8 Chinese
  const char* label;  ///< name shown to the user
  bool in_text;       ///< also counts in free text (a whole app name, not a common word)
};

// Image editors and beautifying apps whose name in metadata means the pixels were
// reworked after capture (D.1 risk). Cameras and phone firmware write other
// strings: model names, "HDR+ 1.0.x", iOS versions such as "16.1".
constexpr std::array<Editor, 19> kEditors{{
    {"photoshop", "Photoshop", true},
    {"gimp", "GIMP", true},
    {"lightroom", "Lightroom", true},
    {"meitu", "美图秀秀", true},
    {"mtxx", "美图秀秀", true},
    {"美图秀秀", "美图秀秀", true},
    {"美颜相机", "美颜相机", true},
    {"美图", "美图秀秀", false},
    {"hypic", "醒图", true},
    {"醒图", "醒图", true},
    {"黄油相机", "黄油相机", true},
    {"picsart", "PicsArt", true},
    {"snapseed", "Snapseed", true},
    {"光影魔术手", "光影魔术手", true},
    {"pixelmator", "Pixelmator", true},
    {"affinity photo", "Affinity Photo", true},
    {"paint.net", "Paint.NET", true},
    {"photoscape", "PhotoScape", true},
    {"fireworks", "Fireworks", true},
}};

bool is_word_char(unsigned char ch) { return std::isalnum(ch) != 0; }

std::string find_editor(const std::string& text, bool free_text) {
  const std::string lower = to_lower_ascii(text);
  for (const auto& editor : kEditors) {
    if (free_text && !editor.in_text) continue;
    const bool ascii = static_cast<unsigned char>(editor.key[0]) < 0x80;
    for (std::size_t at = lower.find(editor.key); at != std::string::npos; at = lower.find(editor.key, at + 1)) {
      // ASCII names must start a word, so firmware codes that merely contain the
      // letters (a hypothetical "G930FMTXX1") do not count.
      if (!ascii || at == 0 || !is_word_char(static_cast<unsigned char>(lower[at - 1]))) return editor.label;
    }
  }
  return {};
}

// Properties of Photoshop's schema that only an Adobe editor writes when it saves
// (iOS writes photoshop:DateCreated, caption tools the IPTC-like ones).
constexpr std::array<std::string_view, 5> kPhotoshopSaved = {"photoshop:History", "photoshop:DocumentAncestors",
                                                             "photoshop:ColorMode", "photoshop:ICCProfile",
                                                             "photoshop:TextLayers"};

}  // namespace

std::string find_editing_software(const std::string& software) { return find_editor(software, false); }

std::optional<EditorMark> find_editor_mark(const PhotoMetadata& meta) {
  if (auto editor = find_editor(meta.software, false); !editor.empty()) {
    return EditorMark{editor, "软件标记：" + meta.software};
  }
  for (const MetadataNote& note : meta.notes) {
    if (auto editor = find_editor(note.text, true); !editor.empty()) {
      return EditorMark{editor, (note.tag.rfind("XMP", 0) == 0 ? "" : "EXIF ") + note.tag + "：" + note.text};
    }
  }
  for (const std::string& property : meta.xmp_properties) {
    if (std::find(kPhotoshopSaved.begin(), kPhotoshopSaved.end(), property) != kPhotoshopSaved.end()) {
      return EditorMark{"Photoshop", "XMP属性 " + property};
    }
    if (property.rfind("crs:", 0) == 0) return EditorMark{"Lightroom", "XMP属性 " + property + "（Camera Raw设置）"};
  }
  for (const std::string& uri : meta.xmp_namespaces) {
    // Adobe's own schemas are shared with cameras and phones (see above).
    if (contains(uri, "ns.adobe.com")) continue;
    if (auto editor = find_editor(uri, true); !editor.empty()) return EditorMark{editor, "XMP命名空间 " + uri};
  }
  return std::nullopt;
}

}  // namespace evpack
