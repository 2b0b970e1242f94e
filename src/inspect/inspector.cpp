#include "evpack/inspect/inspector.hpp"

#include <chrono>
#include <cstdio>
#include <exception>

#include "evpack/adapters/metadata_reader.hpp"
#include "evpack/adapters/ocr.hpp"
#include "evpack/adapters/pdf_reader.hpp"
#include "evpack/inspect/date_text.hpp"
#include "evpack/inspect/document_inspector.hpp"
#include "evpack/inspect/ocr_pool.hpp"
#include "evpack/inspect/ole_check.hpp"
#include "evpack/inspect/photo_inspector.hpp"
#include "evpack/inspect/scene_text_pool.hpp"
#include "evpack/util/deadline.hpp"

namespace evpack {

namespace {

Finding file_finding(const FileRecord& record, std::string code, Severity severity, DeductionRole role,
                     std::string message, std::string advice) {
  return {std::move(code), severity, "", record.rel_path, "", std::move(message), std::move(advice), role};
}

// A photo that shows a page of a document and a time read "in" it: unless the
// camera clock says the same minute, the time may be printed on the page (a
// sign-in sheet's 签到时间, a notice's meeting time) and is no watermark reading;
// the checks that rested on it go with it.
void doubt_time_on_sheet(Inspection& out) {
  PhotoFacts& photo = *out.photo;
  const auto& wm = photo.watermark_time;
  const auto& exif = photo.exif_time;
  if (wm && exif && wm->has_time() && exif->has_time() && wm->minutes_since_epoch() == exif->minutes_since_epoch()) {
    return;
  }
  photo.watermark =
      Verdict{Presence::CannotVerify, 0.3,
              "照片拍的是一页纸质材料（如签到表、通知），读出的时间" + (wm ? wm->iso() + " " : std::string()) +
                  "可能是纸上印的内容，不能确认是相机水印；如为水印相机所拍，请提交保留EXIF的原图"};
  std::erase_if(out.findings, [](const Finding& f) {
    return f.code == "WATERMARK_EXIF_MISMATCH" || f.code == "EXIF_STRIPPED_WATERMARK_OK";
  });
}

// The date this evidence stands for: what a reviewer would read first. The
// file's mtime is never used: copying or forwarding a file changes it.
EvidenceDate resolve_date(const FileRecord& record, const Inspection& inspection) {
  // Photos: a watermark read in full, else the camera clock, else a watermark
  // date read without its time. Screenshots: the publication or query date they
  // show, so quarters are counted by publication, not by when the capture was saved.
  // A photo of a document stands for the document: its 成文日期 first (the photo
  // was taken whenever the clerk collected the papers).
  if (inspection.photo && inspection.document && inspection.document->issue_date) {
    return {Timestamp{*inspection.document->issue_date}, DateSource::DocumentDate};
  }
  if (const auto& photo = inspection.photo) {
    const bool read = photo->watermark.state == Presence::Present;
    if (photo->watermark_time && read) return {photo->watermark_time, DateSource::Watermark};
    if (photo->exif_time && !photo->screenshot) return {photo->exif_time, DateSource::Exif};
    if (photo->watermark_time && photo->watermark_time->date.valid()) {
      return {photo->watermark_time, DateSource::Watermark};
    }
    if (photo->screenshot && photo->published) return {Timestamp{*photo->published}, DateSource::Published};
  }
  if (inspection.document && inspection.document->issue_date) {
    return {Timestamp{*inspection.document->issue_date}, DateSource::DocumentDate};
  }
  if (const auto d = date_from_name(record.file_name())) return {Timestamp{*d}, DateSource::FileName};
  const auto folders = record.folders();
  for (auto it = folders.rbegin(); it != folders.rend(); ++it) {
    if (const auto d = date_from_name(*it)) return {Timestamp{*d}, DateSource::FolderName};
  }
  return {};
}

bool is_legacy_office_extension(const std::string& extension) {
  for (const char* e : {"doc", "dot", "wps", "wpt", "xls", "et", "ppt", "pps", "dps"}) {
    if (extension == e) return true;
  }
  return false;
}

Inspection inspect_by_kind(const std::string& path, const FileRecord& record, Toolbox& tools,
                           const InspectOptions& options) {
  Inspection out;
  out.kind = record.kind;
  switch (record.kind) {
    case ContentKind::Empty:
      out.readable = false;
      out.findings.push_back(file_finding(record, "FILE_EMPTY", Severity::Warning, DeductionRole::ArchiveOrder,
                                          "空文件（0字节），无法作为佐证", "重新导出或复制原文件"));
      return out;
    case ContentKind::Pdf:
      return inspect_pdf(path, record, *tools.pdf, tools.document_ocr ? tools.document_ocr.get() : tools.ocr.get(),
                         options);
    case ContentKind::Jpeg:
    case ContentKind::Png:
    case ContentKind::Heic:
    case ContentKind::OtherImage: {
      out = inspect_photo(path, record, *tools.metadata, tools.ocr.get(), options, tools.scene_text.get(),
                          tools.document_ocr.get());
      // A clerk's photo of a notice or plan is a copy of a document, not a photo of
      // an event: when the picture shows a page of a document (and no time
      // watermark), it is read as a document too, and judged as one (D.6 instead
      // of D.7).
      // A time read in a photo of a whole sheet may be the sheet's own (a sign-in
      // sheet's 签到时间 column): such a photo is looked at as a document too.
      const bool stamped = out.readable && out.photo && out.photo->watermark.state == Presence::Present;
      if (out.readable && out.photo && !out.photo->screenshot && (!stamped || out.photo->shows_sheet) &&
          record.kind != ContentKind::Heic) {
        Ocr* ocr = tools.document_ocr ? tools.document_ocr.get() : tools.ocr.get();
        if (auto page = inspect_image_document(path, record, out.photo->orientation, ocr, options)) {
          if (stamped) doubt_time_on_sheet(out);
          out.document = std::move(page->document);
          if (!page->text.empty()) out.text += (out.text.empty() ? "" : "\n") + page->text;
          out.body_text = std::move(page->body_text);
          for (auto& f : page->findings) out.findings.push_back(std::move(f));
        }
      }
      return out;
    }
    case ContentKind::Docx: return inspect_word(path, record, options);
    case ContentKind::Zip:
      out.findings.push_back(file_finding(record, "NESTED_ARCHIVE", Severity::Warning, DeductionRole::ArchiveOrder,
                                          "材料中夹带压缩包，评审专家需要再次解压，其中的文件也不会被检查",
                                          "解压后按指标放入对应文件夹"));
      return out;
    case ContentKind::OleOffice:
      if (const auto problem = ole2_problem(path)) {
        out.readable = false;
        out.findings.push_back(file_finding(record, "OFFICE_CORRUPT", Severity::Warning, DeductionRole::ArchiveOrder,
                                            "旧版Office/WPS文件已损坏：" + *problem + "，评审专家可能无法打开",
                                            "用Word、Excel或WPS打开原文件另存后重新提交，或转换为PDF"));
      }
      return out;
    case ContentKind::Other:
      if (is_legacy_office_extension(record.extension)) {
        out.readable = false;
        out.findings.push_back(file_finding(
            record, "OFFICE_CORRUPT", Severity::Warning, DeductionRole::ArchiveOrder,
            "扩展名为“." + record.extension + "”，但内容不是Office/WPS文档格式（文件已损坏或不完整），评审专家无法打开",
            "用Word、Excel或WPS打开原文件另存后重新提交，或转换为PDF"));
        return out;
      }
      out.findings.push_back(file_finding(record, "UNKNOWN_FORMAT", Severity::Info, DeductionRole::None,
                                          "无法识别的文件格式，评审专家可能无法打开", "转换为PDF或JPG等常见格式"));
      return out;
    default: return out;  // Word/Excel/OFD/video/text: no inspector yet, counted as evidence as they are
  }
}

}  // namespace

Toolbox make_default_toolbox(const InspectOptions& options, std::shared_ptr<OcrPool> ocr_pool,
                             std::shared_ptr<SceneTextPool> scene_text_pool) {
  Toolbox tools;
  tools.pdf = make_poppler_pdf_reader();
  tools.metadata = make_exiv2_metadata_reader();
  if (options.ocr) {
    // A toolbox of its own keeps one engine per language set, as it may read
    // photos and documents in turn.
    if (!ocr_pool) ocr_pool = std::make_shared<OcrPool>(2);
    tools.ocr = ocr_pool->handle(kPhotoOcrLanguages);
    tools.document_ocr = ocr_pool->handle(kDocumentOcrLanguages);
    if (!scene_text_pool) scene_text_pool = std::make_shared<SceneTextPool>(1);
    tools.scene_text = scene_text_pool->handle();
  }
  return tools;
}

Inspection inspect_file(const std::string& path, const FileRecord& record, Toolbox& tools,
                        const InspectOptions& options) {
  Inspection out;
  if (!record.read_error.empty()) {
    out.kind = record.kind;
    out.readable = false;
    out.findings.push_back(file_finding(record, "FILE_UNREADABLE", Severity::Warning, DeductionRole::ArchiveOrder,
                                        "文件无法读取：" + record.read_error, "检查文件权限或重新复制该文件"));
  } else {
    try {
      const auto start = std::chrono::steady_clock::now();
      {
        const ScopedDeadline deadline(options.max_seconds_per_file);
        out = inspect_by_kind(path, record, tools, options);
      }
      const double took = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      if (options.max_seconds_per_file > 0 && took > options.max_seconds_per_file) {
        char seconds[32];
        std::snprintf(seconds, sizeof seconds, "%.0f", options.max_seconds_per_file);
        out.findings.push_back(file_finding(
            record, "FILE_TIME_LIMIT", Severity::Warning, DeductionRole::None,
            std::string("检查该文件超过") + seconds + "秒的时限，已停止，结果可能不完整（疑似异常或恶意文件）",
            "用原始文件重新导出或另存后提交；如文件确实很大，可拆分"));
      }
    } catch (const std::exception& e) {
      out = Inspection{};
      out.kind = record.kind;
      out.readable = false;
      out.findings.push_back(file_finding(record, "INSPECT_FAILED", Severity::Warning, DeductionRole::ArchiveOrder,
                                          std::string("检查该文件时出错：") + e.what(),
                                          "确认文件是否完整，必要时重新导出"));
    }
  }
  // Unreadable evidence is what D.5 calls "难以辨识".
  if (!out.readable) {
    for (auto& f : out.findings) {
      if (f.role == DeductionRole::None && f.severity >= Severity::Warning) f.role = DeductionRole::ArchiveOrder;
    }
  }
  if (record.extension_mismatch) {
    out.findings.push_back(file_finding(
        record, "EXTENSION_MISMATCH", Severity::Info, DeductionRole::None,
        "扩展名“." + record.extension + "”与实际格式（" + kind_label_zh(record.kind) + "）不符，部分电脑可能打不开",
        "把扩展名改为与实际格式一致"));
  }
  for (auto& f : out.findings) {
    if (f.file.empty()) f.file = record.rel_path;
  }
  out.date = resolve_date(record, out);
  if (out.text.size() > static_cast<std::size_t>(options.max_text_chars)) {
    std::size_t cut = static_cast<std::size_t>(options.max_text_chars);
    while (cut > 0 && (static_cast<unsigned char>(out.text[cut]) & 0xC0) == 0x80) --cut;  // UTF-8 boundary
    out.text.resize(cut);
  }
  return out;
}

}  // namespace evpack
