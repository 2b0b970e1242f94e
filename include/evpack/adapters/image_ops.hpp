// Image analysis in our vocabulary (OpenCV in src/adapters/opencv/image_ops.cpp). Reading
// and writing image files is image_codec.hpp.
#pragma once

#include <bit>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "evpack/core/expected.hpp"
#include "evpack/core/raster.hpp"

namespace evpack {

/// Applies EXIF orientation (1..8) so that the image is upright.
RasterImage apply_orientation(const RasterImage& image, int orientation);
/// The same, taking over `image` instead of copying it when it is upright already.
RasterImage apply_orientation(RasterImage&& image, int orientation);
/// Scales so that the longer side is at most `max_side` (never enlarges).
RasterImage downscale(const RasterImage& image, int max_side);
/// The same, taking over `image` instead of copying it when it is small enough.
RasterImage downscale(RasterImage&& image, int max_side);
/// Scales so that the shorter side is at most `max_short` (never enlarges).
RasterImage downscale_short(const RasterImage& image, int max_short);
/// Scales to exactly width x height: area averaging when shrinking, bicubic when
/// enlarging (type that OCR needs taller). Empty for an empty or inconsistent image
/// or a size under 1 px.
RasterImage resize(const RasterImage& image, int width, int height);
/// Crops (clamped to the image).
RasterImage crop(const RasterImage& image, PixelRect rect);
/// The image on a white canvas `margin` px wider on every side (Tesseract misreads
/// type that touches the border). Unchanged when margin <= 0 or inconsistent.
RasterImage frame_in_white(const RasterImage& image, int margin);
/// Converts to gray.
RasterImage to_gray(const RasterImage& image);
/// The same, taking over `image` instead of copying it when it is gray already.
RasterImage to_gray(RasterImage&& image);
/// Turns a 1-channel crop of dark type on a light ground (a line or a few lines of
/// a scanned page) so that its lines are level: the skew within +-max_degrees is
/// the angle whose horizontal projection of the ink is sharpest. Returns the image
/// unchanged when it is level already (under 0.2°), not 1-channel, or inconsistent.
RasterImage level_text(const RasterImage& gray, double max_degrees = 3.5);
/// Black type on pure white (Otsu's threshold) for OCR of a 1-channel crop: the grain
/// of a scanned sheet otherwise reaches Tesseract's line recogniser, which works on
/// gray values. Returns the image unchanged when it is not 1-channel or inconsistent.
RasterImage binarize(const RasterImage& gray);
/// Evens out uneven light on a 1-channel crop of dark type on paper (a phone photo's
/// shadow and fall-off): each pixel divided by the paper's brightness around it (a
/// grey-level closing by a `window` px square, smoothed), so the paper comes out white
/// everywhere and Otsu's threshold no longer blackens its shaded part. `window`
/// should exceed the type's strokes (twice the type's height does). Unchanged when
/// not 1-channel or inconsistent.
RasterImage even_out_light(const RasterImage& gray, int window);
/// Black type kept, gray ink dropped: Otsu's threshold between paper and ink, then
/// Otsu's again among the ink alone, and only its darker class kept black (a gray
/// seal's ring over the 成文日期 of a grayscale scan). Returns binarize(gray) when
/// the ink is too little to split.
RasterImage binarize_darkest_ink(const RasterImage& gray);
/// The mirror of binarize_darkest_ink: Otsu's threshold, then Otsu's again among
/// the pixels above it, and only that upper (lightest) class drawn black on white
/// (white type with a dark outline or shadow). Empty for a flat or inconsistent
/// 1-channel image.
RasterImage binarize_lightest_ink(const RasterImage& gray);
/// Gray levels stretched linearly to 0..255 (the darkest pixel black, the lightest
/// white): light grey type on white becomes dark. Unchanged when not 1-channel,
/// inconsistent or flat.
RasterImage stretch_contrast(const RasterImage& gray);
/// Grey-level opening of a 1-channel image by a `window` x `window` square
/// (an even side counts as the next odd one): erosion, then dilation, the window
/// clipped at the borders. The image minus its opening (the white top-hat) is the
/// bright detail narrower than the window: light type on a photo. Returns the
/// image unchanged when it is not 1-channel or inconsistent.
RasterImage open_gray(const RasterImage& gray, int window);
/// Grey-level dilation of a 1-channel image by a `kx` x `ky` rectangle (even
/// sides count as the next odd ones), clipped at the borders: every pixel becomes
/// the maximum of its window, so a mask is smeared `kx / 2` px sideways and
/// `ky / 2` px up and down. Unchanged when not 1-channel or inconsistent.
RasterImage dilate_rect(const RasterImage& gray, int kx, int ky);
/// 64-bit DCT perceptual hash (OpenCV img_hash PHash over a 32x32 area-averaged
/// gray copy, so the input's resolution does not matter). 0 for an empty image.
std::uint64_t perceptual_hash(const RasterImage& image);
/// Normalised cross-correlation (-1..1) of two 1-channel images of the same size:
/// 1 for the same picture up to brightness and contrast. 0 when the sizes or
/// channels differ, an image is inconsistent, or either is flat.
double correlation(const RasterImage& a, const RasterImage& b);
/// Number of differing bits between two hashes (0..64); near-identical photos give <= 8.
constexpr int hamming_distance(std::uint64_t a, std::uint64_t b) { return std::popcount(a ^ b); }
}  // namespace evpack
