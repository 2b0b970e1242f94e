#include "evpack/inspect/photo_hash.hpp"

#include <algorithm>
#include <cmath>

#include "evpack/adapters/image_ops.hpp"
#include "evpack/inspect/inspection.hpp"

namespace evpack {

std::vector<std::uint64_t> core_window_hashes(const RasterImage& gray) {
  std::vector<std::uint64_t> out;
  if (gray.empty()) return out;
  const PixelRect core = watermark_free_core(gray.width, gray.height);
  const double centre_x = core.x + core.width / 2.0;
  const double centre_y = core.y + core.height / 2.0;
  for (const double size : kCoreWindowSizes) {
    const int w = std::max(1, static_cast<int>(std::lround(core.width * size)));
    const int h = std::max(1, static_cast<int>(std::lround(core.height * size)));
    for (const double dy : kCoreWindowShifts) {
      for (const double dx : kCoreWindowShifts) {
        const int x = static_cast<int>(std::lround(centre_x + dx * gray.width - w / 2.0));
        const int y = static_cast<int>(std::lround(centre_y + dy * gray.height - h / 2.0));
        out.push_back(perceptual_hash(crop(gray, PixelRect{x, y, w, h})));
      }
    }
  }
  return out;
}

}  // namespace evpack
