#include "evpack/evaluate/evaluation.hpp"

#include "evpack/evaluate/reuse.hpp"
#include "evpack/rules/task_due.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>
#include <string_view>

namespace evpack {

namespace {

const char* const kQuarterNames[] = {"", "第一季度", "第二季度", "第三季度", "第四季度"};

std::string fmt_points(double v) {
  char buf[32];
  if (std::fabs(v - std::round(v)) < 1e-9) {
    std::snprintf(buf, sizeof buf, "%.0f", v);
  } else {
    std::snprintf(buf, sizeof buf, "%.1f", v);
  }
  return buf;
}


bool contains(std::string_view haystack, std::string_view needle) {
  return !needle.empty() && haystack.find(needle) != std::string_view::npos;
}

bool contains_any(std::string_view text, const std::vector<std::string>& words) {
  return std::any_of(words.begin(), words.end(), [&](const std::string& w) { return contains(text, w); });
}

std::string join(const std::vector<std::string>& parts, const std::string& sep) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) out += (i ? sep : "") + parts[i];
  return out;
}

std::string month_list(const std::vector<int>& months) {
  std::vector<std::string> parts;
  for (const int m : months) parts.push_back(std::to_string(m) + "月");
  return join(parts, "、");
}

std::string quarter_list(const std::vector<int>& quarters) {
  std::vector<std::string> parts;
  for (const int q : quarters) parts.push_back(kQuarterNames[q]);
  return join(parts, "、");
}

// "，由局法制科牵头，A、B配合" for advice (the lead is the indicator's `lead:`, else the first
// unit the rule file lists), or "" when the rule file names no unit.
std::string owners(const Indicator& ind) {
  if (ind.units.empty()) return "";
  const std::string lead = ind.lead.empty() ? ind.units.front() : ind.lead;
  std::vector<std::string> others;
  for (const auto& u : ind.units) {
    if (u != lead) others.push_back(u);
  }
  return "，由" + lead + (others.empty() ? "负责" : "牵头，" + join(others, "、") + "配合");
}

std::string strip_extension(const std::string& name) {
  const std::size_t dot = name.rfind('.');
  return dot == std::string::npos || dot == 0 ? name : name.substr(0, dot);
}

bool has_rule(const Indicator& ind, const std::string& rule) {
  return std::find(ind.zero_rules.begin(), ind.zero_rules.end(), rule) != ind.zero_rules.end();
}

// What a file is as evidence, independent of the indicator.
enum class Role { Photo, Screenshot, Document, Ledger, Video, Other };

Role role_of(const Evidence& e) {
  const ContentKind kind = e.file.kind;
  if (is_image(kind)) {
    if (e.inspection.photo && e.inspection.photo->screenshot) return Role::Screenshot;
    // A photo of a page of a document (inspect_image_document) stands for the document.
    return e.inspection.document ? Role::Document : Role::Photo;
  }
  switch (kind) {
    case ContentKind::Pdf:
    case ContentKind::Ofd:
    case ContentKind::Docx:
    case ContentKind::OleOffice:
      return Role::Document;
    case ContentKind::Xlsx:
    case ContentKind::Text:
      return Role::Ledger;
    case ContentKind::Video:
      return Role::Video;
    default:
      return Role::Other;
  }
}

bool is_word_file(const Evidence& e) {
  return e.file.kind == ContentKind::Docx ||
         (e.file.kind == ContentKind::OleOffice && e.file.extension != "xls" && e.file.extension != "et");
}

// A document that D.6 speaks of: a system, policy, plan or notice, not a ledger,
// record, report or sign-in sheet. Decided from the file name and the title.
bool is_formal_document(const Evidence& e) {
  if (role_of(e) != Role::Document) return false;
  static const std::vector<std::string> kInformal = {"台账", "记录", "签到", "截图", "报道", "新闻", "照片",
                                                      "纪要", "简报", "总结", "汇报", "名单", "报告", "信息",
                                                      "案例", "课件", "发言", "承诺书", "申请"};
  static const std::vector<std::string> kFormal = {"方案", "办法", "制度", "通知", "意见", "规定", "细则",
                                                    "要点", "计划", "决定", "机制", "规则", "政策"};
  std::string text = e.file.file_name();
  if (e.inspection.document) text += " " + e.inspection.document->title;
  if (e.inspection.document && e.inspection.document->own_number) return true;
  if (contains_any(text, kFormal)) return true;
  return !contains_any(text, kInformal);
}

bool is_camera_photo(const Evidence& e) { return role_of(e) == Role::Photo; }

// The date an item stands for, with the period hints from folders as a fallback.
struct ItemDate {
  CivilDate date;         ///< invalid when only a hint is known
  DateSource source = DateSource::None;
  int quarter = 0;
  int month = 0;
  bool from_hint = false;
};

int source_rank(DateSource s) {
  switch (s) {
    case DateSource::Watermark: return 6;
    case DateSource::Published: return 5;
    case DateSource::DocumentDate: return 4;
    case DateSource::Exif: return 3;
    case DateSource::FileName: return 2;
    case DateSource::FolderName: return 1;
    case DateSource::None: return 0;
  }
  return 0;
}

ItemDate date_of(const Evidence& e) {
  ItemDate out;
  if (e.inspection.date.value && e.inspection.date.value->date.valid()) {
    out.date = e.inspection.date.value->date;
    out.source = e.inspection.date.source;
    out.quarter = out.date.quarter();
    out.month = out.date.month;
    return out;
  }
  if (e.placement.month_hint) {
    out.month = e.placement.month_hint;
    out.quarter = (out.month - 1) / 3 + 1;
    out.from_hint = true;
    out.source = DateSource::FolderName;
  } else if (e.placement.quarter_hint) {
    out.quarter = e.placement.quarter_hint;
    out.from_hint = true;
    out.source = DateSource::FolderName;
  }
  return out;
}

// One event/document/news item: the files of an item folder, or one primary file.
struct Item {
  std::string key;
  std::vector<std::size_t> members;  // indices into evidence
  ItemDate date;
  int year = 0;  // year of the item's date (0 when only hinted or undated)
};

class Evaluator {
 public:
  Evaluator(const RuleSet& rules, const std::vector<Evidence>& evidence, const EvaluateOptions& options,
            const std::vector<Finding>& earlier)
      : rules_(rules), evidence_(evidence), earlier_(earlier), as_of_(options.as_of) {
    year_ = options.year ? options.year : rules.year;
    // A multi-year system (2023-2025) counts evidence of all its years unless one year is asked for.
    system_last_year_ = rules.end_year > rules.year ? rules.end_year : rules.year;
    last_year_ = options.year ? options.year : system_last_year_;
    for (std::size_t i = 0; i < evidence_.size(); ++i) {
      if (evidence_[i].placement.guide) continue;  // evpack's own 说明.txt is not evidence
      by_indicator_[evidence_[i].placement.indicator].push_back(i);
    }
  }

  Evaluation run() {
    Evaluation out;
    check_placements();
    check_dates();
    check_duplicates();
    check_same_text();
    check_names();
    check_watermark_exif();
    // D.1: the same or a near-same photo filed as evidence more than once.
    for (auto& f : find_reused_photos(evidence_)) findings_.push_back(std::move(f));
    name_deductions(rules_, findings_);
    for (const auto& ind : rules_.indicators) out.indicators.push_back(score_indicator(ind));
    for (const auto& r : out.indicators) {
      if (!r.task) continue;
      ++out.coverage.tasks;
      if (r.items > 0) ++out.coverage.with_evidence;
      switch (r.status) {
        case TaskStatus::Done: ++out.coverage.done; break;
        case TaskStatus::Partial: ++out.coverage.partial; break;
        case TaskStatus::Missing: ++out.coverage.missing; break;
        case TaskStatus::NotDue: ++out.coverage.not_due; break;
        case TaskStatus::OutOfYear: ++out.coverage.out_of_year; break;
      }
    }
    for (const auto& bonus : rules_.bonuses) out.bonuses.push_back(score_bonus(bonus));
    for (const auto& cat : rules_.categories) {
      CategoryResult c{cat.id, cat.title, 0, cat.total};
      for (const auto& r : out.indicators) {
        if (r.category == cat.id) c.points += r.points;
      }
      out.categories.push_back(c);
    }
    out.totals.nominal = rules_.total > 0 ? rules_.total : 100;
    for (const auto& r : out.indicators) out.totals.base += r.points;
    for (const auto& b : out.bonuses) out.totals.bonus += b.points;

    // Per-file findings from the inspectors, and those of scanning and unpacking, feed the
    // deduction estimates too.
    std::vector<Finding> all = findings_;
    all.insert(all.end(), earlier_.begin(), earlier_.end());
    for (const auto& e : evidence_) {
      all.insert(all.end(), e.inspection.findings.begin(), e.inspection.findings.end());
    }
    name_deductions(rules_, all);
    for (const auto& d : rules_.deductions) out.deductions.push_back(estimate_deduction(d, all, out));
    for (const auto& d : out.deductions) {
      out.totals.deductions += d.points;
      if (d.manual) out.manual_checks.push_back(d.id + " " + d.title + "：" + d.reason);
    }
    out.fabrication = fabrication_section(all);
    out.totals.d1_risks = static_cast<int>(out.fabrication.signals.size());
    out.totals.total = std::max(0.0, out.totals.base + out.totals.bonus - out.totals.deductions);
    sort_findings(findings_);
    out.findings = findings_;
    return out;
  }

 private:
  void add(std::string code, Severity severity, DeductionRole role, std::string file, std::string indicator,
           std::string message, std::string advice) {
    findings_.push_back({std::move(code), severity, rules_.deduction_id(role), std::move(file), std::move(indicator),
                         std::move(message), std::move(advice), role});
  }

  // True when the rule set's deduction for `role` zeroes the indicator (`zero_rules`).
  bool zeroes(const Indicator& ind, DeductionRole role) const {
    const std::string id = rules_.deduction_id(role);
    return !id.empty() && has_rule(ind, id);
  }

  std::string units_of(const std::string& id) const {
    if (const Indicator* ind = rules_.find_indicator(id)) return join(ind->units, "、");
    for (const auto& b : rules_.bonuses) {
      if (b.id == id) return join(b.units, "、");
    }
    return "";
  }

  // D.5: files that map nowhere or lie loose at the root.
  void check_placements() {
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

  void check_dates() {
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
            "照片水印中读出的日期 " + v->date.iso() + " 晚于检查日期 " + as_of_.iso() + "，但该读数未能复核（可能识别有误）",
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
        add("DATE_OUT_OF_YEAR", other_system_year ? Severity::Info : Severity::Warning, DeductionRole::None, e.file.rel_path,
            e.placement.indicator,
            "材料日期 " + v->date.iso() + "（" + source_label_zh(e.inspection.date.source) + "）不在" +
                (other_system_year ? "本次检查的年度 " : "试点年度 ") + years_label() + " 内",
            other_system_year ? "本次只检查 " + years_label() + " 的材料" : "确认是否为本年度材料；往年材料一般不计分");
      }
    }
  }

  // Identical bytes filed twice: within one indicator it is clutter (D.5),
  // across indicators it looks like the same material passed off twice (D.1).
  void check_duplicates() {
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
  void check_same_text() {
    std::map<std::string, std::vector<std::size_t>> by_text;
    for (std::size_t i = 0; i < evidence_.size(); ++i) {
      const Evidence& e = evidence_[i];
      if (role_of(e) != Role::Document || e.placement.indicator.empty()) continue;
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
  void check_names() {
    std::map<std::string, std::map<std::string, std::vector<std::size_t>>> names;  // indicator -> name -> files
    for (std::size_t i = 0; i < evidence_.size(); ++i) {
      const Evidence& e = evidence_[i];
      if (e.placement.indicator.empty() || e.placement.guide) continue;
      // Camera names (IMG_0001.jpg) repeat across event folders by design.
      if (role_of(e) != Role::Photo) names[e.placement.indicator][e.file.file_name()].push_back(i);
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
              "指标" + indicator + "下有" + std::to_string(idx.size()) + "个内容不同的同名文件“" + name +
                  "”：" + join(paths, "；"),
              "按内容重新命名（如加上日期或事项），避免评审混淆");
        }
      }
    }
  }

  void check_name_vs_folder(const Evidence& e) {
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
  void check_watermark_exif() {
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
      const bool reported = std::any_of(e.inspection.findings.begin(), e.inspection.findings.end(),
                                        [](const Finding& f) {
                                          return f.role == DeductionRole::Fabrication && f.code == "WATERMARK_EXIF_MISMATCH";
                                        });
      if (reported) continue;
      add("D1_WATERMARK_EXIF_MISMATCH", Severity::Warning, DeductionRole::Fabrication, e.file.rel_path, e.placement.indicator,
          "照片水印时间 " + p.watermark_time->iso() + " 与相机记录的拍摄时间 " + p.exif_time->iso() + " 不一致",
          "核实照片是否为当次活动拍摄的原图；水印时间与拍摄时间不符可能被认定为伪造");
    }
  }

  // Every D.1 signal, from the inspectors (editing software, reused photos) and from
  // evaluation (future dates, the same material under several indicators), in one place.
  FabricationSection fabrication_section(const std::vector<Finding>& all) const {
    FabricationSection out;
    std::set<std::string> files;
    for (const auto& f : all) {
      if (f.role != DeductionRole::Fabrication || f.severity < Severity::Warning) continue;
      out.signals.push_back(f);
      if (!f.file.empty()) files.insert(f.file);
    }
    sort_findings(out.signals);
    out.files = static_cast<int>(files.size());
    if (out.signals.empty()) {
      out.summary = "未发现弄虚作假（抄袭、雷同、伪造）迹象";
    } else {
      const Deduction* d1 = rules_.deduction_for(DeductionRole::Fabrication);
      const bool cancels = rules_.scored && d1 && d1->effect == DeductionEffect::ZeroTotal;
      out.summary = "发现" + std::to_string(out.signals.size()) + "项可能被认定为弄虚作假（抄袭、雷同、伪造）的问题，涉及" +
                    std::to_string(out.files) + "个文件。" +
                    (cancels ? "一经查实，将取消验收通过资格，总分直接扣至0分。"
                             : "一经查实，可能导致验收不予通过。") +
                    "请逐项核实，换成真实、原始的材料后再提交。";
    }
    return out;
  }

  std::vector<std::size_t> readable_items(const std::string& id) const {
    std::vector<std::size_t> out;
    const auto it = by_indicator_.find(id);
    if (it == by_indicator_.end()) return out;
    for (const std::size_t i : it->second) {
      if (evidence_[i].inspection.readable && evidence_[i].file.kind != ContentKind::Empty) out.push_back(i);
    }
    return out;
  }

  // Groups files into items: an item folder is one item; a document,
  // screenshot, ledger or video outside item folders is one item; loose photos
  // beside them belong to the indicator as one item only when nothing else is there.
  std::vector<Item> group_items(const std::vector<std::size_t>& members) const {
    std::map<std::string, Item> items;
    std::vector<std::size_t> loose_photos;
    for (const std::size_t i : members) {
      const Evidence& e = evidence_[i];
      std::string key = e.placement.item_key;
      if (key.empty()) {
        if (role_of(e) == Role::Photo) {
          loose_photos.push_back(i);
          continue;
        }
        key = "file:" + e.file.rel_path;
      }
      items[key].key = key;
      items[key].members.push_back(i);
    }
    if (!loose_photos.empty()) {
      // Photos that sit next to documents illustrate them: attach each photo to the
      // item of the same period if there is one, else form a photo item per period.
      for (const std::size_t i : loose_photos) {
        const ItemDate d = date_of(evidence_[i]);
        std::string target;
        for (auto& [key, item] : items) {
          if (key.rfind("file:", 0) != 0) continue;
          const ItemDate id = item_date(item.members);
          if (id.quarter == d.quarter) {
            target = key;
            break;
          }
        }
        if (target.empty()) target = "photos:" + std::to_string(d.quarter) + "-" + std::to_string(d.month);
        items[target].key = target;
        items[target].members.push_back(i);
      }
    }
    std::vector<Item> out;
    for (auto& [key, item] : items) {
      item.date = item_date(item.members);
      item.year = item.date.date.valid() ? item.date.date.year : 0;
      out.push_back(std::move(item));
    }
    return out;
  }

  // An item's date: the most trustworthy member date, earliest on ties.
  ItemDate item_date(const std::vector<std::size_t>& members) const {
    ItemDate best;
    for (const std::size_t i : members) {
      const ItemDate d = date_of(evidence_[i]);
      const int rank = d.from_hint ? 0 : source_rank(d.source);
      const int best_rank = best.from_hint ? 0 : source_rank(best.source);
      if (best.source == DateSource::None || rank > best_rank ||
          (rank == best_rank && d.date.valid() && best.date.valid() && d.date < best.date)) {
        best = d;
      }
    }
    return best;
  }

  bool in_year(const Item& item) const {
    return item.year == 0 || !year_ || (item.year >= year_ && item.year <= last_year_);
  }

  std::string years_label() const {
    return std::to_string(year_) + (last_year_ != year_ ? "-" + std::to_string(last_year_) : std::string()) + " 年";
  }

  bool quarter_due(int q) const {
    if (!as_of_.valid() || !year_) return true;
    const CivilDate end = q == 4 ? CivilDate{year_, 12, 31} : CivilDate{year_, q * 3 + 1, 1};
    return as_of_ >= end;
  }

  bool month_due(int m, int deadline_day) const {
    if (!as_of_.valid() || !year_) return true;
    const int day = deadline_day > 0 ? deadline_day : 28;
    return as_of_ >= CivilDate{year_, m, day};
  }

  void check_documents(const Indicator& ind, const std::vector<std::size_t>& members, IndicatorResult& r) {
    bool has_formal = false;
    for (const std::size_t i : members) {
      const Evidence& e = evidence_[i];
      if (!is_formal_document(e)) continue;
      if (is_word_file(e)) {
        add("D6_WORD_DOCUMENT", Severity::Warning, DeductionRole::DocumentForm, e.file.rel_path, ind.id,
            "Word文件无法体现红头、公章，不能作为正式文件佐证",
            "请提交加盖公章的扫描件或正式印发的PDF文件");
        continue;
      }
      has_formal = true;
      if (!e.inspection.document) continue;
      const DocumentFacts& doc = *e.inspection.document;
      const std::pair<const Verdict*, const char*> parts[] = {
          {&doc.letterhead, "红头"}, {&doc.number, "文号"}, {&doc.seal, "公章"}};
      for (const auto& [verdict, what] : parts) {
        if (verdict->state == Presence::Absent) {
          const std::string code = std::string("D6_MISSING_") +
                                   (verdict == &doc.letterhead ? "HEADER" : verdict == &doc.number ? "NUMBER" : "SEAL");
          const std::string msg = "文件缺少" + std::string(what) + (verdict->reason.empty() ? "" : "（" + verdict->reason + "）");
          r.zeroed_by.push_back({rules_.deduction_id(DeductionRole::DocumentForm), e.file.rel_path, msg});
          add(code, Severity::Error, DeductionRole::DocumentForm, e.file.rel_path, ind.id, msg + "，指标" + ind.id + "将被扣为0分",
              std::string("补充具备") + what + "的正式文件（红头、文号、公章三要素缺一不可）");
        } else if (verdict->state == Presence::CannotVerify) {
          add("D6_CANNOT_VERIFY", Severity::Warning, DeductionRole::DocumentForm, e.file.rel_path, ind.id,
              std::string("无法核验") + what + "：" + verdict->reason, "请提供彩色扫描件或原始PDF，以便确认红色红头和公章");
        }
      }
    }
    if (!has_formal && !members.empty() && ind.evidence.size() == 1 && ind.evidence[0] == EvidenceKind::Document) {
      r.zeroed_by.push_back({rules_.deduction_id(DeductionRole::DocumentForm), "", "未找到正式文件（PDF或扫描件）"});
      add("D6_NO_FORMAL_DOCUMENT", Severity::Error, DeductionRole::DocumentForm, "", ind.id,
          "指标" + ind.id + "缺少正式印发的文件（只有Word或其他材料）", "补充加盖公章的红头文件扫描件或PDF");
    }
  }

  /// Documents filed under an indicator that D.6 does not zero (one scored by
  /// photos, such as a quarterly meeting's notice under 1.4): a missing letterhead,
  /// number or seal costs no points there, but reviewers still read the notice as
  /// the proof of the meeting, so the clerk is told (a warning, the indicator's
  /// points unchanged).
  void advise_documents(const Indicator& ind, const std::vector<std::size_t>& members) {
    for (const std::size_t i : members) {
      const Evidence& e = evidence_[i];
      if (!is_formal_document(e) || is_word_file(e) || !e.inspection.document) continue;
      const DocumentFacts& doc = *e.inspection.document;
      std::string missing;
      std::string reasons;
      const std::pair<const Verdict*, const char*> parts[] = {
          {&doc.letterhead, "红头"}, {&doc.number, "文号"}, {&doc.seal, "公章"}};
      for (const auto& [verdict, what] : parts) {
        if (verdict->state != Presence::Absent) continue;
        missing += (missing.empty() ? "" : "、") + std::string(what);
        if (!verdict->reason.empty()) reasons += (reasons.empty() ? "" : "；") + verdict->reason;
      }
      if (missing.empty()) continue;
      add("DOC_FORMAL_MARK_MISSING", Severity::Warning, DeductionRole::DocumentForm, e.file.rel_path, ind.id,
          "正式文件缺少" + missing + (reasons.empty() ? "" : "（" + reasons + "）") + "；指标" + ind.id +
              "按照片计分，不因此扣为0分，但评审时该文件不能作为规范的正式文件",
          "换用具备红头、文号、公章的正式印发文件（盖章扫描件或印发的PDF）");
    }
  }

  void check_photos(const Indicator& ind, const std::vector<std::size_t>& members, IndicatorResult& r) {
    for (const std::size_t i : members) {
      const Evidence& e = evidence_[i];
      if (!is_camera_photo(e) || !e.inspection.photo) continue;
      const Verdict& wm = e.inspection.photo->watermark;
      if (wm.state == Presence::Absent) {
        r.zeroed_by.push_back({rules_.deduction_id(DeductionRole::PhotoTime), e.file.rel_path, "照片没有时间水印"});
        add("D7_NO_WATERMARK", Severity::Error, DeductionRole::PhotoTime, e.file.rel_path, ind.id,
            "照片没有真实时间水印，指标" + ind.id + "将被扣为0分",
            "换成水印相机拍摄的原图（带拍摄时间水印），或删除该照片");
      } else if (wm.state == Presence::CannotVerify) {
        add("D7_CANNOT_VERIFY", Severity::Warning, DeductionRole::PhotoTime, e.file.rel_path, ind.id,
            "无法确认照片是否带时间水印：" + wm.reason, "请人工核对，必要时换成清晰的水印原图");
      }
    }
  }

  bool member_mentions(std::size_t i, const std::vector<std::string>& words) const {
    const Evidence& e = evidence_[i];
    return contains_any(e.file.rel_path, words) || contains_any(e.inspection.text, words);
  }

  void check_conditions(const Indicator& ind, const std::vector<std::size_t>& members, IndicatorResult& r) {
    for (const auto& cond : ind.conditions) {
      if (cond.evidence_keywords.empty()) {
        r.manual_checks.push_back(cond.text);
        continue;
      }
      const bool met = std::any_of(members.begin(), members.end(),
                                   [&](std::size_t i) { return member_mentions(i, cond.evidence_keywords); });
      if (met || members.empty()) continue;
      const std::string msg = "未找到佐证：" + cond.text + "（需有文件名或内容含“" +
                              join(cond.evidence_keywords, "/") + "”的材料）";
      if (cond.zeroes) {
        r.zeroed_by.push_back({cond.id, "", msg, "条件“" + (cond.label.empty() ? std::string("得分条件") : cond.label) + "”"});
      }
      add("CONDITION_UNMET", cond.zeroes ? Severity::Error : Severity::Warning, DeductionRole::None, "", ind.id, msg,
          "补充相应截图或证明材料，放入指标" + ind.id + "文件夹");
    }
  }

  struct Raw {
    double points = 0;
    std::string reason;
    double if_fixed = -1;  ///< points once the items that do not count are fixed; -1: `points`
  };

  Raw score_once(const Indicator& ind, const std::vector<Item>& items) {
    const bool any = std::any_of(items.begin(), items.end(), [&](const Item& it) { return in_year(it); });
    if (!any) return {0, "无本年度有效材料"};
    return {ind.cap > 0 ? ind.cap : ind.points, "已有佐证材料"};
  }

  // A credit-query screenshot read well enough to find some of the four things a
  // query must show (查询时间, 事项, 主体, 结果) but not all: the page lacks what
  // the criterion asks for (a page read badly shows none or one of them and is
  // left to the reviewer).
  bool incomplete_query(const Evidence& e) const {
    if (role_of(e) != Role::Screenshot || !e.inspection.photo) return false;
    const std::size_t found = e.inspection.photo->query_fields.size();
    return found >= 2 && found < kQueryFieldNames.size();
  }

  Raw score_per_item(const Indicator& ind, const std::vector<Item>& items) {
    int counted = 0;
    int incomplete = 0;
    for (const auto& item : items) {
      if (!in_year(item)) continue;
      const bool only_incomplete_queries = std::all_of(item.members.begin(), item.members.end(),
                                                       [&](std::size_t i) { return incomplete_query(evidence_[i]); });
      if (only_incomplete_queries && !item.members.empty()) {
        ++incomplete;
      } else {
        ++counted;
      }
    }
    Raw raw;
    raw.points = std::min(ind.cap, counted * ind.points);
    raw.if_fixed = std::min(ind.cap, (counted + incomplete) * ind.points);
    raw.reason = "共" + std::to_string(counted) + "项，每项" + fmt_points(ind.points) + "分，最多" + fmt_points(ind.cap) + "分";
    if (incomplete > 0) raw.reason += "（另有" + std::to_string(incomplete) + "项查询截图缺少查询四要素，未计分）";
    return raw;
  }

  Raw score_per_quarter(const Indicator& ind, const std::vector<Item>& items, IndicatorResult& r) {
    std::map<int, int> per_quarter;
    for (const auto& item : items) {
      if (!in_year(item) || item.date.quarter == 0) {
        if (item.date.quarter == 0) {
          for (const std::size_t i : item.members) {
            add("PERIOD_UNKNOWN", Severity::Warning, DeductionRole::None, evidence_[i].file.rel_path, ind.id,
                "无法确定材料所属季度（没有读到日期，文件夹也未注明季度）",
                "文件名或文件夹名注明日期或季度，例如“2025年第一季度”");
          }
        }
        continue;
      }
      int quarter = item.date.quarter;
      if (ind.no_backfill) {
        for (const std::size_t i : item.members) {
          const int hint = evidence_[i].placement.quarter_hint;
          const ItemDate d = date_of(evidence_[i]);
          if (hint && !d.from_hint && d.quarter && hint != d.quarter) {
            add("NO_BACKFILL", Severity::Warning, DeductionRole::None, evidence_[i].file.rel_path, ind.id,
                std::string("材料放在") + kQuarterNames[hint] + "文件夹，但日期为 " + d.date.iso() + "（" +
                    kQuarterNames[d.quarter] + "），不允许补报，只能计入" + kQuarterNames[d.quarter],
                "按发布日期归入正确季度；上季度缺的条数无法补报");
          }
        }
      }
      ++per_quarter[quarter];
    }
    double pts = 0;
    std::vector<std::string> parts;
    for (int q = 1; q <= 4; ++q) {
      const int n = std::min(per_quarter[q], std::max(ind.per_period_max, 1));
      if (n > 0) {
        r.quarters_covered.push_back(q);
        pts += n * ind.points;
        if (ind.per_period_max > 1) parts.push_back(std::string(kQuarterNames[q]) + std::to_string(n) + "条");
      } else if (quarter_due(q) && !items.empty()) {
        add("PERIOD_GAP", Severity::Warning, DeductionRole::None, "", ind.id,
            std::string(kQuarterNames[q]) + "无有效材料（指标" + ind.id + " " + ind.title + "）",
            "补充" + std::string(kQuarterNames[q]) + "的材料" + owners(ind));
      }
    }
    pts = std::min(pts, ind.cap);
    std::string reason = r.quarters_covered.empty() ? "没有任何季度的有效材料"
                                                    : "覆盖" + quarter_list(r.quarters_covered);
    if (!parts.empty()) reason += "（" + join(parts, "，") + "）";
    return {pts, reason};
  }

  Raw score_per_month(const Indicator& ind, const std::vector<Item>& items, IndicatorResult& r) {
    std::set<int> on_time;
    std::set<int> late;
    for (const auto& item : items) {
      if (!in_year(item) || item.date.month == 0) continue;
      const int m = item.date.month;
      if (ind.deadline_day > 0 && item.date.date.valid() && item.date.date.day > ind.deadline_day) {
        late.insert(m);
        continue;
      }
      if (ind.deadline_day > 0 && !item.date.date.valid()) {
        for (const std::size_t i : item.members) {
          add("MONTH_DATE_UNKNOWN", Severity::Warning, DeductionRole::None, evidence_[i].file.rel_path, ind.id,
              "无法读到报送日期，不能确认是否在每月" + std::to_string(ind.deadline_day) + "日前报送",
              "提供带报送日期的材料（如报送截图、回执）");
        }
      }
      on_time.insert(m);
    }
    for (const int m : late) {
      if (on_time.count(m)) continue;
      r.months_late.push_back(m);
      add("MONTH_LATE", Severity::Warning, DeductionRole::None, "", ind.id,
          std::to_string(m) + "月的报送晚于" + std::to_string(ind.deadline_day) + "日，该月不计分",
          "以后每月" + std::to_string(ind.deadline_day) + "日前报送");
    }
    r.months_covered.assign(on_time.begin(), on_time.end());
    const double pts = std::min(ind.cap, static_cast<double>(on_time.size()) * ind.points);
    std::string reason = "按期报送" + std::to_string(on_time.size()) + "个月";
    if (!on_time.empty()) reason += "（" + month_list(r.months_covered) + "）";
    if (!r.months_late.empty()) reason += "，逾期" + month_list(r.months_late);
    return {pts, reason};
  }

  Raw score_per_domain(const Indicator& ind, const std::vector<Item>& items, IndicatorResult& r) {
    std::set<std::string> domains;
    bool unknown = false;
    for (const auto& item : items) {
      if (!in_year(item)) continue;
      std::string domain;
      for (const std::size_t i : item.members) {
        const Evidence& e = evidence_[i];
        domain = e.placement.domain;
        if (domain.empty()) domain = find_domain(rules_, e.inspection.text.substr(0, 4000));
        if (!domain.empty()) break;
      }
      if (domain.empty()) {
        unknown = true;
      } else {
        domains.insert(domain);
      }
    }
    if (domains.empty() && unknown) {
      add("DOMAIN_UNKNOWN", Severity::Warning, DeductionRole::None, "", ind.id,
          "指标" + ind.id + "的材料未注明重点领域，暂按1个领域估算",
          "按领域分文件夹存放（如“道路运输-机动车维修”），每个领域单独计分");
      domains.insert("（未注明领域）");
    }
    r.domains_covered.assign(domains.begin(), domains.end());
    const double pts = std::min(ind.cap, static_cast<double>(domains.size()) * ind.points);
    return {pts, "涉及" + std::to_string(domains.size()) + "个领域" +
                     (domains.empty() ? "" : "（" + join(r.domains_covered, "、") + "）")};
  }

  Raw score_sub_items(const Indicator& ind, const std::vector<std::size_t>& members, IndicatorResult& r) {
    double pts = 0;
    std::vector<std::string> parts;
    for (const auto& sub : ind.sub_items) {
      std::vector<std::size_t> mine;
      for (const std::size_t i : members) {
        const Evidence& e = evidence_[i];
        std::vector<std::string> words = sub.keywords;
        words.push_back(sub.title);
        if (e.placement.sub_item == sub.id || contains_any(e.file.file_name(), words) ||
            contains_any(e.inspection.text, words)) {
          mine.push_back(i);
        }
      }
      if (mine.empty()) {
        parts.push_back(sub.title + "：缺");
        continue;
      }
      double sub_pts = sub.points;
      if (sub.mode && *sub.mode == ScoringMode::PerMonth) {
        std::set<int> months;
        for (const std::size_t i : mine) {
          const ItemDate d = date_of(evidence_[i]);
          if (d.month && (!d.date.valid() || !year_ || d.date.year == year_)) months.insert(d.month);
        }
        int due = 0;
        for (int m = 1; m <= 12; ++m) due += month_due(m, 0) ? 1 : 0;
        due = std::max(due, 1);
        const double ratio = std::min(1.0, static_cast<double>(months.size()) / due);
        sub_pts = std::floor(sub.points * ratio * 2.0) / 2.0;
        std::vector<int> covered(months.begin(), months.end());
        r.months_covered = covered;
        parts.push_back(sub.title + "：" + std::to_string(months.size()) + "/" + std::to_string(due) + "个月");
        if (static_cast<int>(months.size()) < due) {
          std::vector<int> missing;
          for (int m = 1; m <= 12; ++m) {
            if (month_due(m, 0) && !months.count(m)) missing.push_back(m);
          }
          add("PERIOD_GAP", Severity::Warning, DeductionRole::None, "", ind.id,
              sub.title + "缺少" + month_list(missing) + "的记录",
              "补齐每月的工作记录或台账" + owners(ind));
        }
      } else {
        parts.push_back(sub.title + "：有");
      }
      if (sub.cap > 0) sub_pts = std::min(sub_pts, sub.cap);
      if (sub_pts > 0) r.sub_items_met.push_back(sub.id);
      pts += sub_pts;
    }
    return {std::min(pts, ind.cap), join(parts, "；")};
  }

  IndicatorResult score_indicator(const Indicator& ind) {
    IndicatorResult r;
    r.id = ind.id;
    r.title = ind.title;
    r.category = ind.category;
    r.mode = ind.mode;
    r.cap = ind.cap;
    r.units = ind.units;
    if (const auto it = by_indicator_.find(ind.id); it != by_indicator_.end()) {
      for (const std::size_t i : it->second) r.files.push_back(evidence_[i].file.rel_path);
    }
    std::vector<std::size_t> members = readable_items(ind.id);
    // Evidence that also counts under an excluded indicator does not count here (3.1 vs 5.3).
    for (const auto& other : ind.excludes) {
      std::set<std::string> hashes;
      for (const std::size_t i : readable_items(other)) hashes.insert(evidence_[i].file.sha256);
      std::erase_if(members, [&](std::size_t i) {
        const bool dup = !evidence_[i].file.sha256.empty() && hashes.count(evidence_[i].file.sha256);
        if (dup) {
          add("EXCLUDED_ELSEWHERE", Severity::Info, DeductionRole::None, evidence_[i].file.rel_path, ind.id,
              "该材料已在指标" + other + "中计分，此处不重复计分", "");
        }
        return dup;
      });
    }
    if (ind.mode == ScoringMode::Tasks) {
      if (zeroes(ind, DeductionRole::DocumentForm)) check_documents(ind, members, r);
      if (zeroes(ind, DeductionRole::PhotoTime)) check_photos(ind, members, r);
      check_conditions(ind, members, r);
      score_task(ind, group_items(members), r);
      return r;
    }
    if (members.empty()) {
      r.reason = "未找到佐证材料";
      add("NO_EVIDENCE", Severity::Warning, DeductionRole::None, "", ind.id,
          "指标" + ind.id + " " + ind.title + " 没有佐证材料（" + fmt_points(ind.cap) + "分）",
          "补充材料" + owners(ind));
      return r;
    }
    if (zeroes(ind, DeductionRole::DocumentForm)) {
      check_documents(ind, members, r);
    } else {
      advise_documents(ind, members);
    }
    if (zeroes(ind, DeductionRole::PhotoTime)) check_photos(ind, members, r);
    check_conditions(ind, members, r);

    const std::vector<Item> items = group_items(members);
    Raw raw;
    switch (ind.mode) {
      case ScoringMode::Once: raw = score_once(ind, items); break;
      case ScoringMode::PerItem: raw = score_per_item(ind, items); break;
      case ScoringMode::PerQuarter: raw = score_per_quarter(ind, items, r); break;
      case ScoringMode::PerMonth: raw = score_per_month(ind, items, r); break;
      case ScoringMode::PerDomain: raw = score_per_domain(ind, items, r); break;
      case ScoringMode::SubItems: raw = score_sub_items(ind, members, r); break;
      case ScoringMode::Tasks: break;  // handled above
    }
    r.points_if_fixed = raw.if_fixed >= 0 ? raw.if_fixed : raw.points;
    if (r.zeroed_by.empty()) {
      r.points = raw.points;
      r.reason = raw.reason;
    } else {
      r.points = 0;
      std::set<std::string> rules;
      for (const auto& z : r.zeroed_by) rules.insert(z.shown());
      r.reason = "被" + join(std::vector<std::string>(rules.begin(), rules.end()), "、") + "扣为0分（" +
                 r.zeroed_by.front().message + (r.zeroed_by.front().file.empty() ? "" : "：" + r.zeroed_by.front().file) +
                 (r.zeroed_by.size() > 1 ? " 等" + std::to_string(r.zeroed_by.size()) + "处" : "") + "）；修正后可得" +
                 fmt_points(raw.points) + "分：" + raw.reason;
    }
    return r;
  }

  // The periods a task is looked at in: every month/quarter/year of its time frame
  // when the target is per period, every year of a multi-year frame, else the frame.
  std::vector<TaskPeriod> task_periods(const Indicator& ind, const TaskWindow& w) const {
    std::vector<TaskPeriod> out;
    const int per_period = std::max(ind.min_count, 1);
    const auto push = [&](std::string label, CivilDate from, CivilDate to, int required) {
      TaskPeriod p;
      p.label = std::move(label);
      p.from = std::max(from, w.from);
      p.to = std::min(to, w.to);
      p.required = required;
      p.due = !as_of_.valid() || as_of_ > p.to;
      out.push_back(std::move(p));
    };
    const auto month_end = [](int y, int m) {
      const CivilDate next = m == 12 ? CivilDate{y + 1, 1, 1} : CivilDate{y, m + 1, 1};
      return CivilDate::from_days_since_epoch(next.days_since_epoch() - 1);
    };
    if (ind.min_count_per == TargetPeriod::Month || ind.min_count_per == TargetPeriod::Quarter) {
      const int step = ind.min_count_per == TargetPeriod::Month ? 1 : 3;
      int y = w.from.year;
      int m = ind.min_count_per == TargetPeriod::Month ? w.from.month : (w.from.month - 1) / 3 * 3 + 1;
      while (CivilDate{y, m, 1} <= w.to && out.size() < 240) {
        const int last_month = m + step - 1;
        push(std::to_string(y) + "年" +
                 (step == 1 ? std::to_string(m) + "月" : std::string(kQuarterNames[(m - 1) / 3 + 1])),
             {y, m, 1}, month_end(y, last_month), per_period);
        m += step;
        if (m > 12) {
          m -= 12;
          ++y;
        }
      }
      return out;
    }
    const bool by_year = ind.min_count_per == TargetPeriod::Year || (!w.deadline && w.to.year > w.from.year);
    if (by_year) {
      for (int y = w.from.year; y <= w.to.year && out.size() < 100; ++y) {
        push(std::to_string(y) + "年", {y, 1, 1}, {y, 12, 31},
             ind.min_count_per == TargetPeriod::Year ? per_period : 1);
      }
      return out;
    }
    std::string label;
    if (w.deadline) {
      label = std::to_string(w.to.year) + "年" + (w.to.month == 12 && w.to.day == 31 ? "" : std::to_string(w.to.month) + "月") +
              "底前";
    } else if (w.from == CivilDate{w.from.year, 1, 1} && w.to == CivilDate{w.from.year, 12, 31}) {
      label = std::to_string(w.from.year) + "年";
    } else {
      label = std::to_string(w.from.year) + "年" + std::to_string(w.from.month) + "月至" + std::to_string(w.to.year) + "年" +
              std::to_string(w.to.month) + "月";
    }
    push(label, w.from, w.to, ind.min_count_per == TargetPeriod::Total ? 1 : per_period);
    return out;
  }

  // Tasks mode: coverage by period and the quantified target, no points.
  void score_task(const Indicator& ind, const std::vector<Item>& items, IndicatorResult& r) {
    r.task = true;
    r.due = ind.due;
    r.cap = 0;
    const auto parsed = parse_task_due(ind.due, rules_.year, system_last_year_);
    TaskWindow w;
    if (parsed) {
      w = parsed.value();
    } else {  // lint reports it; read the task as ongoing meanwhile
      w.continuous = true;
      w.from = {rules_.year, 1, 1};
      w.to = {system_last_year_, 12, 31};
    }
    const CivilDate deadline = w.to;
    if (!w.from.valid() || !w.to.valid()) {  // a rule file without a year and a due without one
      w.from = {year_ ? year_ : 2000, 1, 1};
      w.to = {last_year_ ? last_year_ : 2100, 12, 31};
    }
    // Checking one year of a multi-year system: only that year's part of the frame.
    if (year_) {
      const CivilDate first{year_, 1, 1};
      const CivilDate last{last_year_, 12, 31};
      if (w.to < first || w.from > last) {
        r.status = TaskStatus::OutOfYear;
        r.reason = "完成时间（" + ind.due + "）不在检查年度 " + years_label() + " 内";
        return;
      }
      w.from = std::max(w.from, first);
      if (!w.deadline) w.to = std::min(w.to, last);
    }
    r.periods = task_periods(ind, w);

    int total = 0;
    int late = 0;
    std::vector<std::string> late_files;
    for (const auto& item : items) {
      if (!in_year(item)) continue;
      const CivilDate d = item.date.date;
      if (d.valid() && d < w.from) continue;  // before the frame (and reported as out of year if so)
      if (d.valid() && d > w.to) {
        if (!w.deadline) continue;
        // Done after the deadline: it counts, but late.
        ++late;
        late_files.push_back(evidence_[item.members.front()].file.rel_path);
        ++total;
        if (!r.periods.empty()) ++r.periods.back().items;
        continue;
      }
      ++total;
      if (d.valid()) {
        for (auto& p : r.periods) {
          if (d >= p.from && d <= p.to) {
            ++p.items;
            break;
          }
        }
      } else if (r.periods.size() == 1) {
        ++r.periods.front().items;  // undated: given the benefit of the doubt
      } else {
        for (const std::size_t i : item.members) {
          add("PERIOD_UNKNOWN", Severity::Warning, DeductionRole::None, evidence_[i].file.rel_path, ind.id,
              "无法确定材料属于哪个年度或月份（没有读到日期），任务" + ind.id + "按期核对时未计入",
              "文件名或文件夹名注明日期，例如“2024年3月”");
        }
      }
    }
    r.items = total;
    for (const auto& f : late_files) {
      add("TASK_LATE", Severity::Warning, DeductionRole::None, f, ind.id,
          "任务" + ind.id + "（" + ind.title + "）要求" + deadline.iso() + "前完成，该材料日期晚于完成时间",
          "核实完成时间；逾期完成的任务在验收时可能不被认可");
    }

    bool any_due = false;
    bool all_due_met = true;
    std::vector<std::string> parts;
    for (auto& p : r.periods) {
      p.met = p.items >= p.required;
      any_due = any_due || p.due;
      std::string part = p.label + "：";
      if (p.items > 0) part += std::to_string(p.items) + "项";
      if (p.required > 1) part += (p.items > 0 ? "/" : "0/") + std::to_string(p.required) + "项";
      if (p.items == 0 && p.required <= 1) part += p.due ? "缺" : "未到期";
      else if (!p.due && !p.met) part += "（未到期）";
      parts.push_back(part);
      if (!p.due || p.met) continue;
      all_due_met = false;
      if (p.items == 0) {
        add("TASK_GAP", Severity::Warning, DeductionRole::None, "", ind.id,
            "任务" + ind.id + "（" + ind.title + "）" + p.label + "没有佐证材料",
            "补充" + p.label + "的材料" + owners(ind));
      } else {
        add("TASK_TARGET_UNMET", Severity::Warning, DeductionRole::None, "", ind.id,
            "任务" + ind.id + "（" + ind.title + "）量化目标要求" + p.label + "至少" + std::to_string(p.required) +
                "项，只找到" + std::to_string(p.items) + "项",
            "补充材料" + owners(ind));
      }
    }
    // A target over the whole frame ("应用领域不少于2个").
    bool total_met = true;
    if (ind.min_count_per == TargetPeriod::Total && ind.min_count > 1) {
      total_met = total >= ind.min_count;
      parts.push_back("合计" + std::to_string(total) + "项（目标至少" + std::to_string(ind.min_count) + "项）");
      const bool frame_due = !as_of_.valid() || as_of_ > w.to;
      if (!total_met && frame_due && total > 0) {
        add("TASK_TARGET_UNMET", Severity::Warning, DeductionRole::None, "", ind.id,
            "任务" + ind.id + "（" + ind.title + "）量化目标要求至少" + std::to_string(ind.min_count) + "项，只找到" +
                std::to_string(total) + "项",
            "补充材料" + owners(ind));
      }
      if (frame_due) all_due_met = all_due_met && total_met;
    }
    const bool all_met = total_met && std::all_of(r.periods.begin(), r.periods.end(),
                                                  [](const TaskPeriod& p) { return p.met; });
    if (!any_due) {
      r.status = total > 0 && all_met ? TaskStatus::Done : TaskStatus::NotDue;
    } else if (total == 0) {
      r.status = TaskStatus::Missing;
    } else {
      r.status = all_due_met ? TaskStatus::Done : TaskStatus::Partial;
    }
    r.reason = task_status_label_zh(r.status) + "：" + join(parts, "；");
    if (late > 0) r.reason += "；逾期" + std::to_string(late) + "项";
    if (!r.zeroed_by.empty()) r.reason += "；" + r.zeroed_by.front().message;
  }

  BonusResult score_bonus(const Bonus& bonus) {
    BonusResult b{bonus.id, bonus.title, 0, bonus.cap, {}, ""};
    if (const auto it = by_indicator_.find(bonus.id); it != by_indicator_.end()) {
      for (const std::size_t i : it->second) b.files.push_back(evidence_[i].file.rel_path);
    }
    const std::vector<Item> items = group_items(readable_items(bonus.id));
    if (items.empty()) {
      b.reason = "无材料";
      return b;
    }
    const double cap = bonus.cap > 0 ? bonus.cap : bonus.points;
    b.points = std::min(cap, static_cast<double>(items.size()) * bonus.points);
    b.reason = "共" + std::to_string(items.size()) + "项材料";
    return b;
  }

  DeductionResult estimate_deduction(const Deduction& d, const std::vector<Finding>& all, const Evaluation& ev) {
    DeductionResult out{d.id, d.title, 0, 0, !d.detectable, ""};
    if (!d.detectable) {
      out.reason = "无法从材料中判断，需人工核查";
      return out;
    }
    // Findings that point at a deduction but cannot cost points by themselves: a
    // published work mobile, a wrong credit code, ledger rows that could not be
    // judged. They stay in the report as risks to look at.
    static const std::set<std::string> kNotDeducted{"PRIVACY_MOBILE",      "USCC_INVALID",      "D4_NOT_PUBLISHED",
                                                    "D4_DATE_UNREADABLE",  "D4_DATE_ORDER",     "D4_CALENDAR_UNKNOWN",
                                                    "D4_LEDGER_COLUMNS",   "D4_LEDGER_UNREADABLE", "D4_LEDGER_MISSING",
                                                    "CALENDAR_UNREADABLE"};
    std::set<std::string> indicators;
    std::set<std::string> privacy_files;  // one leak per file, whatever it lists
    for (const auto& f : all) {
      if (f.rule != d.id || f.severity < Severity::Warning || kNotDeducted.count(f.code)) continue;
      if (f.code.rfind("PRIVACY_", 0) == 0 && !privacy_files.insert(f.file).second) continue;
      ++out.occurrences;
      if (!f.indicator.empty()) indicators.insert(f.indicator);
    }
    switch (d.effect) {
      case DeductionEffect::ZeroTotal:
        out.reason = out.occurrences ? "发现" + std::to_string(out.occurrences) + "项风险，一经查实总分扣至0分"
                                     : "未发现风险";
        break;
      case DeductionEffect::MinusEach:
        out.points = out.occurrences * d.points;
        out.reason = out.occurrences ? std::to_string(out.occurrences) + "处，每处扣" + fmt_points(d.points) + "分"
                                     : "未发现";
        break;
      case DeductionEffect::MinusPerDomain:
        out.points = static_cast<double>(indicators.size()) * d.points;
        out.reason = out.occurrences ? "涉及" + std::to_string(indicators.size()) + "个领域" : "未发现";
        break;
      case DeductionEffect::MinusOnce:
        out.points = out.occurrences ? d.points : 0;
        out.reason = out.occurrences ? std::to_string(out.occurrences) + "处问题，扣" + fmt_points(d.points) + "分"
                                     : "未发现";
        break;
      case DeductionEffect::ZeroIndicator: {
        std::vector<std::string> zeroed;
        for (const auto& r : ev.indicators) {
          if (std::any_of(r.zeroed_by.begin(), r.zeroed_by.end(), [&](const ZeroCause& z) { return z.rule == d.id; })) {
            zeroed.push_back(r.id);
          }
        }
        out.occurrences = static_cast<int>(zeroed.size());
        out.reason = zeroed.empty() ? "未发现" : "指标" + join(zeroed, "、") + "被扣为0分";
        break;
      }
    }
    return out;
  }

  const RuleSet& rules_;
  const std::vector<Evidence>& evidence_;
  const std::vector<Finding>& earlier_;
  CivilDate as_of_;
  int year_ = 0;              // first year checked
  int last_year_ = 0;         // last year checked (== year_ unless a multi-year system is checked whole)
  int system_last_year_ = 0;  // the rule set's last year
  std::map<std::string, std::vector<std::size_t>> by_indicator_;
  std::vector<Finding> findings_;
};

}  // namespace

std::string to_string(TaskStatus status) {
  switch (status) {
    case TaskStatus::Done: return "done";
    case TaskStatus::Partial: return "partial";
    case TaskStatus::Missing: return "missing";
    case TaskStatus::NotDue: return "not_due";
    case TaskStatus::OutOfYear: return "out_of_year";
  }
  return "missing";
}

std::string task_status_label_zh(TaskStatus status) {
  switch (status) {
    case TaskStatus::Done: return "已完成";
    case TaskStatus::Partial: return "部分完成";
    case TaskStatus::Missing: return "缺佐证";
    case TaskStatus::NotDue: return "未到期";
    case TaskStatus::OutOfYear: return "不在本年度";
  }
  return "缺佐证";
}

void name_deductions(const RuleSet& rules, std::vector<Finding>& findings) {
  for (Finding& f : findings) {
    if (f.role != DeductionRole::None) f.rule = rules.deduction_id(f.role);
  }
}

Evaluation evaluate(const RuleSet& rules, const std::vector<Evidence>& evidence, const EvaluateOptions& options,
                    const std::vector<Finding>& earlier) {
  return Evaluator(rules, evidence, options, earlier).run();
}

}  // namespace evpack
