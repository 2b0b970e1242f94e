// The OCR of a screen capture (screenshot.cpp reads its fields from the lines).
#pragma once
#include <optional>

#include "evpack/adapters/ocr.hpp"
#include "evpack/core/raster.hpp"

namespace evpack {

/// The OCR lines of a capture: the layout first, then the capture read whole with
/// an article's running text (running_text) painted over in its page's colour:
/// one recognition of what is left (reading the kept lines one by one costs a
/// third more, each call thresholding and laying out its line anew). An engine
/// without a separate layout step, or a capture with no running text, is read
/// as it is.
std::optional<OcrResult> read_capture_lines(const RasterImage& gray, Ocr& ocr);

}  // namespace evpack
