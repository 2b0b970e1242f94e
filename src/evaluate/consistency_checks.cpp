// Consistency checks across the archive, before any indicator is scored: files that map
// nowhere, dates outside the years checked or after the check date, the same material
// filed twice, confusing names, watermark times the camera clock contradicts.
#include "evaluator.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace evpack::evaluation {

// D.5: files that map nowhere or lie loose at the root.
void Evaluator::check_placements() {
  for (const auto& e : evidence_) {
    if (!e.placement.indicator.empty() || e.placement.guide) continue;
    if (e.placement.loose_at_root) {
      add("D5_LOOSE_FILE", Severity::Warning, DeductionRole::ArchiveOrder, e.file.rel_path, "",
          "文件散放在材料根目录，未归入任何类别或指标", "请移入对应指标的文件夹；与验收无关的文件请删除");
    } else {
      add("D5_UNMAPPED", Severity::Warning, DeductionRole::ArchiveOrder, e.file.rel_path, "",
          "无法归入任何指标（" + e.placement.why + "）",
          "请按“类别/指标”两级文件夹存放，文件夹名带指标编号，例如“1.1 成立领导小组”");
    }
  }
}

void Evaluator::check_dates() {
  for (const auto& e : evidence_) {
    const auto& v = e.inspection.date.value;
    if (!v || !v->date.valid()) continue;
    // A watermark date that could not be confirmed (one OCR reading, readings
    // that disagree) is no ground for a fabrication signal: a misread year gave
    // 2032 once. It is said as a doubt about the reading instead.
    const bool unconfirmed_watermark = e.inspection.date.source == DateSource::Watermark && e.inspection.photo &&
                                       e.inspection.photo->watermark.state != Presence::Present;
    if (unconfirmed_watermark && as_of_.valid() && v->date > as_of_) {
      add("WATERMARK_DATE_DOUBTFUL", Severity::Warning, DeductionRole::None, e.file.rel_path, e.placement.indicator,
          "照片水印中读出的日期 " + v->date.iso() + " 晚于检查日期 " + as_of_.iso() +
              "，但该读数未能复核（可能识别有误）",
          "人工核对照片水印；如水印确为该日期，请说明原因或更换照片");
      continue;
    }
    if (as_of_.valid() && v->date > as_of_) {
      add("DATE_IN_FUTURE", Severity::Fatal, DeductionRole::Fabrication, e.file.rel_path, e.placement.indicator,
          "材料日期 " + v->date.iso() + "（" + source_label_zh(e.inspection.date.source) + "）晚于检查日期 " +
              as_of_.iso() + "，会被认定为伪造",
          "核实日期来源；如为相机时间设置错误，请用原始材料替换");
    } else if (!e.placement.indicator.empty() && year_ && (v->date.year < year_ || v->date.year > last_year_) &&
               e.placement.indicator.rfind("B.", 0) != 0) {
      // Another year of a multi-year system is not suspicious, only not counted now.
      const bool other_system_year = v->date.year >= rules_.year && v->date.year <= system_last_year_;
      add("DATE_OUT_OF_YEAR", other_system_year ? Severity::Info : Severity::Warning, DeductionRole::None,
          e.file.rel_path, e.placement.indicator,
          "材料日期 " + v->date.iso() + "（" + source_label_zh(e.inspection.date.source) + "）不在" +
              (other_system_year ? "本次检查的年度 " : "试点年度 ") + years_label() + " 内",
          other_system_year ? "本次只检查 " + years_label() + " 的材料" : "确认是否为本年度材料；往年材料一般不计分");
    }
  }
}

// Identical bytes filed twice: within one indicator it is clutter (D.5),
// across indicators it looks like the same material passed off twice (D.1).
void Evaluator::check_duplicates() {
  std::map<std::string, std::vector<std::size_t>> by_hash;
  for (std::size_t i = 0; i < evidence_.size(); ++i) {
    const auto& f = evidence_[i].file;
    if (!f.sha256.empty() && f.size > 0) by_hash[f.sha256].push_back(i);
  }
  for (const auto& [hash, idx] : by_hash) {
    if (idx.size() < 2) continue;
    std::set<std::string> indicators;
    std::vector<std::string> paths;
    for (const std::size_t i : idx) {
      indicators.insert(evidence_[i].placement.indicator);
      paths.push_back(evidence_[i].file.rel_path);
    }
    const std::string list = join(paths, "；");
    if (indicators.size() > 1) {
      for (const std::size_t i : idx) {
        add("D1_DUPLICATE_ACROSS_INDICATORS", Severity::Warning, DeductionRole::Fabrication, evidence_[i].file.rel_path,
            evidence_[i].placement.indicator, "同一文件被用于多个指标：" + list,
            "同一份材料重复用作不同指标的佐证，可能被认定为雷同；请为每个指标提供各自的材料");
      }
    } else {
      for (std::size_t k = 1; k < idx.size(); ++k) {
        add("D5_DUPLICATE_FILE", Severity::Info, DeductionRole::ArchiveOrder, evidence_[idx[k]].file.rel_path,
            evidence_[idx[k]].placement.indicator, "与 " + paths[0] + " 内容完全相同", "删除重复文件");
      }
    }
  }
}

// Documents with the same text but different bytes (a re-saved or re-scanned copy)
// filed under different indicators: the same material passed off twice (D.1).
void Evaluator::check_same_text() {
  std::map<std::string, std::vector<std::size_t>> by_text;
  for (std::size_t i = 0; i < evidence_.size(); ++i) {
    const Evidence& e = evidence_[i];
    if (evidence_role(e) != EvidenceRole::Document || e.placement.indicator.empty()) continue;
    std::string key;
    for (const char c : e.inspection.text) {
      if (c != ' ' && c != '\n' && c != '\r' && c != '\t' && c != '\f') key.push_back(c);
    }
    if (key.size() < 300) continue;  // short texts (a title page, a form) repeat legitimately
    by_text[key].push_back(i);
  }
  for (const auto& [text, idx] : by_text) {
    std::set<std::string> indicators;
    std::set<std::string> hashes;
    std::vector<std::string> paths;
    for (const std::size_t i : idx) {
      indicators.insert(evidence_[i].placement.indicator);
      hashes.insert(evidence_[i].file.sha256);
      paths.push_back(evidence_[i].file.rel_path);
    }
    // Identical bytes are reported by check_duplicates already.
    if (indicators.size() < 2 || hashes.size() < 2) continue;
    for (const std::size_t i : idx) {
      add("D1_SAME_DOCUMENT_TEXT", Severity::Warning, DeductionRole::Fabrication, evidence_[i].file.rel_path,
          evidence_[i].placement.indicator, "内容相同的文件分别用作不同指标的佐证：" + join(paths, "；"),
          "同一份文件换个文件名或重新扫描后重复使用，可能被认定为雷同；请为每个指标提供各自的材料");
    }
  }
}

// D.5: names that confuse a reviewer: two different files with one name under one
// indicator, and a file whose name carries another indicator's number and title.
void Evaluator::check_names() {
  std::map<std::string, std::map<std::string, std::vector<std::size_t>>> names;  // indicator -> name -> files
  for (std::size_t i = 0; i < evidence_.size(); ++i) {
    const Evidence& e = evidence_[i];
    if (e.placement.indicator.empty() || e.placement.guide) continue;
    // Camera names (IMG_0001.jpg) repeat across event folders by design.
    if (evidence_role(e) != EvidenceRole::Photo) names[e.placement.indicator][e.file.file_name()].push_back(i);
    check_name_vs_folder(e);
  }
  for (const auto& [indicator, by_name] : names) {
    for (const auto& [name, idx] : by_name) {
      std::set<std::string> hashes;
      for (const std::size_t i : idx) hashes.insert(evidence_[i].file.sha256);
      if (idx.size() < 2 || hashes.size() < 2) continue;  // identical copies: D5_DUPLICATE_FILE
      std::vector<std::string> paths;
      for (const std::size_t i : idx) paths.push_back(evidence_[i].file.rel_path);
      for (const std::size_t i : idx) {
        add("D5_DUPLICATE_NAME", Severity::Warning, DeductionRole::ArchiveOrder, evidence_[i].file.rel_path, indicator,
            "指标" + indicator + "下有" + std::to_string(idx.size()) + "个内容不同的同名文件“" + name + "”：" +
                join(paths, "；"),
            "按内容重新命名（如加上日期或事项），避免评审混淆");
      }
    }
  }
}

void Evaluator::check_name_vs_folder(const Evidence& e) {
  if (e.placement.how != MappedBy::FolderNumber && e.placement.how != MappedBy::FolderTitle) return;
  const std::string name = strip_extension(e.file.file_name());
  const std::string number = leading_number(name);
  if (number.find('.') == std::string::npos || number == e.placement.indicator) return;
  const Indicator* other = rules_.find_indicator(number);
  if (!other) return;
  // A number alone may be a date ("3.18") or a sequence ("1-2"): require the other title or a keyword too.
  std::vector<std::string> words = other->keywords;
  words.push_back(other->title);
  if (!contains_any(name, words)) return;
  add("D5_NAME_FOLDER_MISMATCH", Severity::Warning, DeductionRole::ArchiveOrder, e.file.rel_path, e.placement.indicator,
      "文件名指向指标" + other->id + "（" + other->title + "），但放在指标" + e.placement.indicator + "的文件夹中",
      "确认材料属于哪个指标，移入对应文件夹或改正文件名");
}

// D.1: a photo whose burned-in watermark time and camera (EXIF) time disagree by
// more than a day was probably re-stamped or taken on another occasion.
void Evaluator::check_watermark_exif() {
  for (const auto& e : evidence_) {
    if (!e.inspection.photo) continue;
    const PhotoFacts& p = *e.inspection.photo;
    // Only a confirmed watermark reading stands against the camera clock.
    if (p.watermark.state != Presence::Present) continue;
    if (!p.watermark_time || !p.exif_time || !p.watermark_time->date.valid() || !p.exif_time->date.valid()) continue;
    const std::int64_t minutes = p.watermark_time->minutes_since_epoch() - p.exif_time->minutes_since_epoch();
    // Time-less stamps and camera clocks off by a time zone stay within a day.
    if (minutes > -24 * 60 && minutes < 24 * 60) continue;
    // The photo inspector usually reports it already (WATERMARK_EXIF_MISMATCH, D.1):
    // one problem, one finding.
    const bool reported = std::any_of(e.inspection.findings.begin(), e.inspection.findings.end(), [](const Finding& f) {
      return f.role == DeductionRole::Fabrication && f.code == "WATERMARK_EXIF_MISMATCH";
    });
    if (reported) continue;
    add("D1_WATERMARK_EXIF_MISMATCH", Severity::Warning, DeductionRole::Fabrication, e.file.rel_path,
        e.placement.indicator,
        "照片水印时间 " + p.watermark_time->iso() + " 与相机记录的拍摄时间 " + p.exif_time->iso() + " 不一致",
        "核实照片是否为当次活动拍摄的原图；水印时间与拍摄时间不符可能被认定为伪造");
  }
}

}  // namespace evpack::evaluation
