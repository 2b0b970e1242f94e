#include "fakes/fake_inspectors.hpp"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <fstream>
#include <map>
#include <memory>

#include "evpack/adapters/digest.hpp"
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

namespace {

using Labels = std::map<std::string, nlohmann::json>;  // SHA-256 -> the file's label

std::optional<CivilDate> label_date(const nlohmann::json& label, const char* key) {
  if (!label.contains(key) || !label[key].is_string()) return std::nullopt;
  return date_from_name(label[key].get<std::string>().substr(0, 10));
}

// "2025-05-08 14:05" or "2025-05-08 14:05:40".
std::optional<Timestamp> label_time(const nlohmann::json& label, const char* key) {
  const auto date = label_date(label, key);
  if (!date) return std::nullopt;
  Timestamp t{*date};
  int h = -1, m = -1, sec = 0;
  const std::string text = label[key].get<std::string>();
  if (text.size() >= 16 && std::sscanf(text.c_str() + 11, "%d:%d:%d", &h, &m, &sec) >= 2) {
    t.hour = h;
    t.minute = m;
    t.second = sec;
  }
  return t;
}

Verdict verdict_of(const nlohmann::json& label, const char* key, const char* what) {
  Verdict v;
  if (!label.contains(key) || label[key].is_null()) return v;
  v.state = label[key].get<bool>() ? Presence::Present : Presence::Absent;
  v.confidence = 0.9;
  v.reason = std::string("（标注）") + what;
  return v;
}

const nlohmann::json* label_of(const Labels& labels, const FileRecord& file) {
  const auto it = labels.find(file.sha256);
  return it == labels.end() ? nullptr : &it->second;
}

}  // namespace

FakeInspectors labelled_fakes(const std::string& evidence_dir, const std::string& labels_json) {
  auto labels = std::make_shared<Labels>();
  std::ifstream labels_file(labels_json);
  const nlohmann::json all = nlohmann::json::parse(labels_file);
  for (const auto& label : all.at("files")) {
    auto digest = sha256_file(evidence_dir + "/" + label.at("path").get<std::string>());
    if (digest) (*labels)[digest.value()] = label;
  }
  FakeInspectors fakes;
  fakes.document = [labels](const FileRecord& file) {
    Inspection in = fake_document_inspection(file);
    const nlohmann::json* label = label_of(*labels, file);
    if (!label) return in;
    DocumentFacts& doc = *in.document;
    doc.letterhead = verdict_of(*label, "has_header", "红头");
    doc.number = verdict_of(*label, "has_own_number", "发文字号");
    doc.seal = verdict_of(*label, "has_seal", "公章");
    doc.scanned = label->value("is_scan", nlohmann::json()).is_boolean() && (*label)["is_scan"].get<bool>();
    doc.issue_date = label_date(*label, "issue_date");
    doc.issue_date_text = doc.issue_date ? doc.issue_date->iso() : "";
    if (doc.issue_date)
      in.date = {Timestamp{*doc.issue_date}, DateSource::DocumentDate};
    else if (auto d = label_date(*label, "date"))
      in.date = {Timestamp{*d}, DateSource::FileName};
    return in;
  };
  fakes.photo = [labels](const FileRecord& file) {
    Inspection in = fake_photo_inspection(file);
    const nlohmann::json* label = label_of(*labels, file);
    if (!label) return in;
    PhotoFacts& photo = *in.photo;
    photo.exif_time = label_time(*label, "exif_time");
    photo.has_exif = photo.exif_time.has_value();
    photo.watermark = verdict_of(*label, "has_watermark", "水印");
    photo.watermark_time = label_time(*label, "watermark_time");
    in.date = {};
    if (photo.watermark_time)
      in.date = {photo.watermark_time, DateSource::Watermark};
    else if (photo.exif_time)
      in.date = {photo.exif_time, DateSource::Exif};
    return in;
  };
  fakes.screenshot = [labels](const FileRecord& file) {
    Inspection in = fake_screenshot_inspection(file);
    const nlohmann::json* label = label_of(*labels, file);
    if (!label) return in;
    in.photo->published = label_date(*label, "published");
    in.date = {};
    if (in.photo->published) in.date = {Timestamp{*in.photo->published}, DateSource::Published};
    return in;
  };
  fakes.other = [labels](const FileRecord& file) {
    Inspection in = fake_other_inspection(file);
    if (const nlohmann::json* label = label_of(*labels, file)) {
      if (auto d = label_date(*label, "date")) in.date = {Timestamp{*d}, DateSource::FileName};
    }
    return in;
  };
  return fakes;
}

FileInspector fake_inspector(FakeInspectors fakes) {
  return [fakes = std::move(fakes)](const std::string&, const FileRecord& file) {
    if (fakes.on_inspect) fakes.on_inspect(file);
    switch (file.kind) {
      case ContentKind::Pdf:
      case ContentKind::Ofd:
      case ContentKind::Docx: return fakes.document(file);
      case ContentKind::Jpeg:
      case ContentKind::Png:
      case ContentKind::Heic:
      case ContentKind::OtherImage: return named_screenshot(file) ? fakes.screenshot(file) : fakes.photo(file);
      default: return fakes.other(file);
    }
  };
}

CheckOptions fake_check_options(const std::string& input, FakeInspectors fakes) {
  CheckOptions options = offline_check_options(input);
  options.inspector = fake_inspector(std::move(fakes));
  return options;
}

}  // namespace evpack::testing
