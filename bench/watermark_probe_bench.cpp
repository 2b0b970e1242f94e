// Developer probe: every stage of the watermark reading of some photos, printed.
//
//   build-photo/bench/watermark_probe_bench PHOTO...
//
// For each photo: the fast path's panels and reading, the scene-text lines the
// detector outlines with what the recogniser reads on each, the general path's
// best panel and its second reading, and the final verdict. Not a benchmark; built
// with them (-DEVPACK_BUILD_BENCH=ON) because it is a tool for tuning, not a test.
#include <cstdio>
#include <string>

#include "evpack/adapters/image_codec.hpp"
#include "evpack/adapters/image_ops.hpp"
#include "evpack/adapters/metadata_reader.hpp"
#include "evpack/adapters/ocr.hpp"
#include "evpack/adapters/scene_text.hpp"
#include "evpack/inspect/inspector.hpp"
#include "evpack/inspect/watermark.hpp"
#include "evpack/inspect/watermark_scene.hpp"

using namespace evpack;

namespace {

std::string one_line(std::string s) {
  for (char& c : s) {
    if (c == '\n') c = '/';
  }
  return s;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s PHOTO...\n", argv[0]);
    return 2;
  }
  init_metadata_library();
  auto metadata = make_exiv2_metadata_reader();
  auto ocr = make_tesseract_ocr(kPhotoOcrLanguages);
  auto scene = make_ppocr_scene_text(default_scene_text_model_dir());
  if (!ocr || !scene) {
    std::fprintf(stderr, "OCR or models missing\n");
    return 1;
  }
  for (int i = 1; i < argc; ++i) {
    const std::string path = argv[i];
    auto meta = metadata->read(path);
    const int orientation = meta && meta->orientation >= 1 && meta->orientation <= 8 ? meta->orientation : 1;
    std::optional<Timestamp> camera;
    if (meta) camera = meta->date_time_original ? meta->date_time_original : meta->create_date;
    auto pixels = decode_image_file(path);
    if (!pixels) {
      std::printf("%s: %s\n", path.c_str(), pixels.error().message.c_str());
      continue;
    }
    const RasterImage upright = apply_orientation(*pixels, orientation);
    const RasterImage analysis = downscale_short(upright, kWatermarkAnalysisShort);
    const SharperImage sharper = [&] { return downscale_short(upright, 1440); };
    std::printf("== %s (%dx%d, camera %s)\n", path.c_str(), upright.width, upright.height,
                camera ? camera->iso().c_str() : "-");
    auto panels = read_watermark_panels(analysis, **ocr, sharper);
    if (panels) {
      std::printf("fast: '%s' score %d settled %d, %zu digit blocks\n", one_line(panels->text).c_str(),
                  panels->best.score, panels->best.settled ? 1 : 0, panels->stamp_blocks.size());
    }
    if (panels) {
      for (const auto& block : panels->stamp_blocks) {
        const PixelRect& b = block.box;
        const int my = std::max(2, b.height * 3 / 10);
        const int mx = std::max(4, b.height * 4 / 5);
        auto text = (*scene)->read(
            crop(analysis, {std::max(0, b.x - mx), std::max(0, b.y - my), b.width + 2 * mx, b.height + 2 * my}));
        std::printf("  block [%d %d %d %d] date %d time %d reread '%s'\n", b.x, b.y, b.width, b.height,
                    block.date ? 1 : 0, block.time ? 1 : 0, text ? text->text.c_str() : "ERR");
      }
    }
    auto lines = (*scene)->detect(analysis, 640);
    if (lines) {
      for (const auto& line : *lines) {
        auto text = (*scene)->read(analysis, line);
        std::printf("  line [%d %d %d %d] %.2f '%s' %.2f\n", line.box.x, line.box.y, line.box.width, line.box.height,
                    line.score, text ? text->text.c_str() : "ERR", text ? text->confidence : 0.0);
      }
    }
    auto general = read_scene_watermark(analysis, **scene);
    if (general && !general->best) {
      std::printf("general: nothing stamp-like (found %d, read %d)\n", general->lines_found, general->lines_read);
    }
    if (general && general->best) {
      std::printf("general: '%s' score %d settled %d (found %d, read %d)\n", one_line(general->best->text).c_str(),
                  general->best->judged.score, general->best->judged.settled ? 1 : 0, general->lines_found,
                  general->lines_read);
      const RasterImage& sharp = sharper.get();
      auto again = reread_scene_panel(
          *general->best, sharp,
          static_cast<double>(std::min(sharp.width, sharp.height)) / std::min(analysis.width, analysis.height),
          **scene);
      if (again) {
        std::printf("general again: %s settled %d\n",
                    again->reading.timestamp() ? again->reading.timestamp()->iso().c_str() : "-",
                    again->settled ? 1 : 0);
      }
      auto tess = read_scene_panel_with_ocr(
          *general->best, sharp,
          static_cast<double>(std::min(sharp.width, sharp.height)) / std::min(analysis.width, analysis.height), **ocr);
      if (tess) {
        std::printf("general by tesseract: '%s' %s\n", one_line(tess->text).c_str(),
                    tess->judged.reading.timestamp() ? tess->judged.reading.timestamp()->iso().c_str() : "-");
      }
    }
    const auto result = read_watermark(upright, **ocr, sharper, camera, scene->get());
    std::printf("verdict: %s %s | %s\n", to_string(result.state).c_str(),
                result.reading.timestamp() ? result.reading.timestamp()->iso().c_str() : "-", result.reason.c_str());
  }
  return 0;
}
