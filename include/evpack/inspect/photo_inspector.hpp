// Inspecting photos and screenshots.
#pragma once

#include <string>

#include "evpack/adapters/metadata_reader.hpp"
#include "evpack/adapters/ocr.hpp"
#include "evpack/adapters/scene_text.hpp"
#include "evpack/inspect/editing_software.hpp"
#include "evpack/inspect/inspection.hpp"
#include "evpack/inspect/inspector.hpp"
#include "evpack/scan/file_record.hpp"

namespace evpack {

/// Inspects a JPEG/PNG/HEIC: EXIF (time, camera, software, orientation, GPS,
/// thumbnail), editors named in the metadata, pixel size, perceptual hashes,
/// screenshot guess, the burned-in watermark of photos (read_watermark) and the
/// text of screen captures (screenshot.hpp). `ocr` may be null (no watermark
/// check); `scene_text` may be null (only the fast panel path looks, so no photo
/// can be found to have no watermark: at most "cannot verify"). `screen_ocr`
/// reads screen captures when given (Chinese only, kDocumentOcrLanguages: pages
/// are Chinese, and English first takes their small type for letters); else
/// `ocr` does. Never throws; undecodable images become findings with
/// readable == false.
Inspection inspect_photo(const std::string& path, const FileRecord& record, const MetadataReader& metadata, Ocr* ocr,
                         const InspectOptions& options, SceneText* scene_text = nullptr, Ocr* screen_ocr = nullptr);

}  // namespace evpack
