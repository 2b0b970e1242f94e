// Photo metadata in our vocabulary (exiv2 in src/adapters/exiv2_metadata_reader.cpp).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "evpack/core/expected.hpp"
#include "evpack/core/types.hpp"

namespace evpack {

/// A free-text tag, where apps sign their work too ("Artist": "美图秀秀").
struct MetadataNote {
  std::string tag;   ///< "Artist", "ImageDescription", "UserComment", "XPComment", "XMP dc:creator" ...
  std::string text;  ///< UTF-8 (GBK bytes decoded), capped
  bool operator==(const MetadataNote&) const = default;
};

struct PhotoMetadata {
  bool has_exif = false;
  std::optional<Timestamp> date_time_original;
  std::optional<Timestamp> create_date;  ///< DateTimeDigitized
  std::optional<Timestamp> modify_date;  ///< IFD0 DateTime
  std::string offset_time_original;      ///< "+08:00"
  std::string make;
  std::string model;
  /// Software, ProcessingSoftware, XMP CreatorTool, tiff:Software and the software agents
  /// of xmpMM:History, distinct values joined by "; "
  std::string software;
  /// Artist, ImageDescription, UserComment, XPComment, XPAuthor, XPTitle, XPSubject,
  /// XPKeywords, XMP dc:creator/dc:description/dc:title: free text, non-empty ones, at most 16.
  std::vector<MetadataNote> notes;
  /// XMP properties present, as prefix:name ("photoshop:ColorMode", "crs:Exposure2012"),
  /// each once, at most 256.
  std::vector<std::string> xmp_properties;
  /// URIs of the XMP namespaces those properties are in, each once.
  std::vector<std::string> xmp_namespaces;
  int orientation = 1;
  std::optional<GpsPoint> gps;
  int pixel_width = 0;  ///< from the container, before orientation
  int pixel_height = 0;
  std::vector<std::uint8_t> thumbnail;  ///< embedded EXIF thumbnail (JPEG bytes), may be empty
  std::vector<std::string> warnings;    ///< Chinese, non-fatal problems
};

class MetadataReader {
 public:
  virtual ~MetadataReader() = default;
  /// Reads EXIF (and XMP dates). Errors: META_UNREADABLE when the container is broken.
  /// A photo without EXIF is not an error (has_exif == false).
  virtual Expected<PhotoMetadata> read(const std::string& path) const = 0;
};

/// Parses an EXIF date ("2025:03:18 09:30:15", also '-' separators, missing seconds,
/// trailing sub-seconds or zone, XMP "2025-03-18T09:30:15+08:00"). Blank, zeroed
/// ("0000:00:00 00:00:00") or impossible dates give nullopt; a valid date with a
/// broken time gives the date alone.
std::optional<Timestamp> parse_exif_timestamp(const std::string& text);

/// The exiv2 implementation. Call init_metadata_library() once before threads start.
std::unique_ptr<MetadataReader> make_exiv2_metadata_reader();
void init_metadata_library();

}  // namespace evpack
