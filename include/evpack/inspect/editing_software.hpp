// Image editors named in a photo's metadata (deduction D.1: a reworked photo).
#pragma once

#include <optional>
#include <string>

#include "evpack/adapters/metadata_reader.hpp"

namespace evpack {

/// The image editor named in an EXIF/XMP software string ("Adobe Photoshop 24.1
/// (Windows)" -> "Photoshop", "MTXX" -> "美图秀秀"), or "" for cameras, phone
/// firmware ("HDR+ 1.0", "16.1") and unknown software.
std::string find_editing_software(const std::string& software);

/// An editor and where the metadata names it.
struct EditorMark {
  std::string editor;  ///< "美图秀秀", "Photoshop" ...
  std::string where;   ///< Chinese, for the finding: "软件标记：MTXX", "EXIF Artist：美图秀秀"
};

/// The first editor a photo's metadata names: in its software tags, in free text
/// (Artist, UserComment, ImageDescription, XPComment, XMP dc:*; there only whole app
/// names count, since 美图 is also a word and a given name), in properties only an
/// editor writes (photoshop:History, photoshop:ColorMode …, Camera Raw's crs:*) or in
/// an editor's own XMP namespace. iOS writes photoshop:DateCreated and phones their
/// own namespaces: those are not editors. nullopt when none.
std::optional<EditorMark> find_editor_mark(const PhotoMetadata& meta);

}  // namespace evpack
