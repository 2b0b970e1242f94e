// Inspecting photos and screenshots.
#pragma once

#include <string>

#include "evpack/adapters/metadata_reader.hpp"
#include "evpack/adapters/ocr.hpp"
#include "evpack/adapters/scene_text.hpp"
#include "evpack/inspect/inspection.hpp"
#include "evpack/inspect/inspector.hpp"
#include "evpack/scan/file_record.hpp"

namespace evpack {

/// Inspects a JPEG/PNG/HEIC: EXIF (time, camera, software, orientation, GPS,
/// thumbnail), pixel size, perceptual hash, screenshot guess, and the burned-in
/// watermark (read_watermark). `ocr` may be null (no watermark check);
/// `scene_text` may be null (only the fast panel path looks, so no photo can be
/// found to have no watermark: at most "cannot verify").
/// Never throws; undecodable images become findings with readable == false.
Inspection inspect_photo(const std::string& path, const FileRecord& record, const MetadataReader& metadata,
                         Ocr* ocr, const InspectOptions& options, SceneText* scene_text = nullptr);

/// The image editor named in an EXIF/XMP software string ("Adobe Photoshop 24.1
/// (Windows)" -> "Photoshop", "MTXX" -> "美图秀秀"), or "" for cameras, phone
/// firmware ("HDR+ 1.0", "16.1") and unknown software.
std::string find_editing_software(const std::string& software);

}  // namespace evpack
