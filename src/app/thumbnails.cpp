// Thumbnails for the HTML report: made here, where the files are still at hand after the
// check, and handed to report/ as JPEG bytes (report/ decodes and renders nothing).
#include "evpack/app/thumbnails.hpp"

#include <algorithm>
#include <atomic>
#include <memory>

#include "evpack/adapters/heif_decoder.hpp"
#include "evpack/adapters/image_codec.hpp"
#include "evpack/adapters/image_ops.hpp"
#include "evpack/adapters/pdf_reader.hpp"
#include "evpack/util/thread_pool.hpp"

namespace evpack {

namespace {

RasterImage thumbnail_pixels(const Evidence& e, const std::string& path, const ThumbnailOptions& options,
                             std::unique_ptr<PdfReader>& pdf_reader) {
  switch (e.file.kind) {
    case ContentKind::Jpeg:
    case ContentKind::Png:
    case ContentKind::OtherImage: {
      // Normally the inspector's preview is used (make_thumbnails); this is for
      // pictures it did not decode (too large to analyse).
      // A 240 px thumbnail needs an eighth of a 12-megapixel photo: JPEGs decode reduced.
      auto decoded = decode_image_file_reduced(path, kPreviewSide);
      if (!decoded) return {};
      const int orientation = e.inspection.photo ? e.inspection.photo->orientation : 1;
      return downscale(apply_orientation(decoded.value(), orientation), kPreviewSide);
    }
    case ContentKind::Heic: {
      // libheif applies the container's rotation itself.
      auto decoded = decode_heif_file(path);
      if (!decoded) return {};
      return downscale(decoded.value(), kPreviewSide);
    }
    case ContentKind::Pdf: {
      if (!pdf_reader) pdf_reader = make_poppler_pdf_reader();
      auto doc = pdf_reader->open(path);
      if (!doc || doc.value()->page_count() < 1) return {};
      const PageRect size = doc.value()->page_size(0);
      const double side = std::max(size.width, size.height);
      if (side <= 0) return {};
      // Never render more than the thumbnail needs: a poster-sized page at the
      // default dpi would cost time and memory for nothing.
      const double dpi = std::min(options.pdf_dpi, kPreviewSide * 72.0 / side);
      auto page = doc.value()->render(0, std::max(dpi, 4.0));
      if (!page) return {};
      return downscale(page.value(), kPreviewSide);
    }
    default: return {};
  }
}

}  // namespace

std::vector<std::string> make_thumbnails(const CheckResult& result, const ThumbnailOptions& options) {
  std::vector<std::string> thumbs(result.evidence.size());
  const int jobs = options.jobs > 0 ? options.jobs : default_jobs();
  std::vector<std::unique_ptr<PdfReader>> readers(static_cast<std::size_t>(std::max(jobs, 1)));
  std::atomic<std::size_t> done{0};
  const std::size_t total = result.evidence.size();
  parallel_for(total, jobs, [&](std::size_t i, int worker) {
    struct Tick {
      const ThumbnailOptions& o;
      std::atomic<std::size_t>& n;
      std::size_t total;
      ~Tick() {
        const std::size_t now = ++n;
        if (o.progress) o.progress(now, total);
      }
    } tick{options, done, total};
    const Evidence& e = result.evidence[i];
    if (!e.inspection.readable || e.placement.guide || !e.file.read_error.empty()) return;
    const std::vector<std::uint8_t>* preview = e.inspection.photo      ? &e.inspection.photo->preview
                                               : e.inspection.document ? &e.inspection.document->preview
                                                                       : nullptr;
    if (preview != nullptr && !preview->empty()) {
      thumbs[i].assign(preview->begin(), preview->end());
      return;
    }
    const std::string path = e.file.disk_path.empty() ? result.scan.root + "/" + e.file.rel_path : e.file.disk_path;
    try {
      const RasterImage img = thumbnail_pixels(e, path, options, readers[static_cast<std::size_t>(worker)]);
      if (img.empty()) return;
      const auto jpeg = encode_jpeg(img, kPreviewQuality);
      thumbs[i].assign(jpeg.begin(), jpeg.end());
    } catch (const std::exception&) {
      // A thumbnail is a convenience: a file that breaks a decoder just shows none.
      thumbs[i].clear();
    }
  });
  return thumbs;
}

}  // namespace evpack
