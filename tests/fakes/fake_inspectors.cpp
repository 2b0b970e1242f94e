#include "fakes/fake_inspectors.hpp"

#include "evpack/inspect/date_text.hpp"
#include "support/check_options.hpp"

namespace evpack::testing {

namespace {

// The date a clerk wrote in the file's name, else in its nearest folder's name.
std::optional<CivilDate> named_date(const FileRecord& file, DateSource& source) {
  if (auto d = date_from_name(file.file_name())) {
    source = DateSource::FileName;
    return d;
  }
  const auto folders = file.folders();
  for (auto it = folders.rbegin(); it != folders.rend(); ++it) {
    if (auto d = date_from_name(*it)) {
      source = DateSource::FolderName;
      return d;
    }
  }
  return std::nullopt;
}

Verdict present(const std::string& reason) {
  Verdict v;
  v.state = Presence::Present;
  v.confidence = 0.9;
  v.reason = reason;
  return v;
}

bool named_screenshot(const FileRecord& file) {
  const std::string name = file.file_name();
  return file.kind == ContentKind::Png || name.find("截图") != std::string::npos ||
         name.find("截屏") != std::string::npos;
}

}  // namespace

Inspection fake_other_inspection(const FileRecord& file) {
  Inspection in;
  DateSource source = DateSource::None;
  if (auto d = named_date(file, source)) in.date = {Timestamp{*d}, source};
  return in;
}

Inspection fake_document_inspection(const FileRecord& file) {
  Inspection in = fake_other_inspection(file);
  DocumentFacts doc;
  doc.page_count = 1;
  doc.has_text_layer = true;
  doc.title = file.file_name();
  doc.letterhead = present("（假检查）红头");
  doc.letterhead_text = "青石县交通运输局文件";
  doc.number = present("（假检查）发文字号");
  doc.seal = present("（假检查）公章");
  if (in.date.value) {
    doc.issue_date = in.date.value->date;
    doc.issue_date_text = in.date.value->date.iso();
    in.date.source = DateSource::DocumentDate;
  }
  in.document = doc;
  in.text = file.file_name();
  return in;
}

Inspection fake_photo_inspection(const FileRecord& file) {
  Inspection in = fake_other_inspection(file);
  PhotoFacts photo;
  photo.width = 4000;
  photo.height = 3000;
  if (in.date.value) {
    Timestamp at{in.date.value->date};
    at.hour = 10;
    at.minute = 0;
    at.second = 0;
    photo.exif_time = at;
    photo.has_exif = true;
    photo.make = "FakeCam";
    photo.watermark = present("（假检查）水印时间");
    photo.watermark_time = at;
    in.date = {at, DateSource::Watermark};
  }
  in.photo = photo;
  return in;
}

Inspection fake_screenshot_inspection(const FileRecord& file) {
  Inspection in = fake_other_inspection(file);
  PhotoFacts photo;
  photo.width = 1280;
  photo.height = 720;
  photo.screenshot = true;
  if (in.date.value) {
    photo.published = in.date.value->date;
    in.date.source = DateSource::Published;
  }
  in.photo = photo;
  return in;
}

FileInspector fake_inspector(FakeInspectors fakes) {
  return [fakes = std::move(fakes)](const std::string&, const FileRecord& file) {
    if (fakes.on_inspect) fakes.on_inspect(file);
    switch (file.kind) {
      case ContentKind::Pdf:
      case ContentKind::Ofd:
      case ContentKind::Docx:
        return fakes.document(file);
      case ContentKind::Jpeg:
      case ContentKind::Png:
      case ContentKind::Heic:
      case ContentKind::OtherImage:
        return named_screenshot(file) ? fakes.screenshot(file) : fakes.photo(file);
      default:
        return fakes.other(file);
    }
  };
}

CheckOptions fake_check_options(const std::string& input, FakeInspectors fakes) {
  CheckOptions options = offline_check_options(input);
  options.inspector = fake_inspector(std::move(fakes));
  return options;
}

}  // namespace evpack::testing
