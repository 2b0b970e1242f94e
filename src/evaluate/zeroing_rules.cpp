// Zeroing rules: what sets an indicator to 0 points whatever its mode: a formal document
// without letterhead, number or seal (document_form), a photo without a time watermark
// (photo_time), an unmet condition of the rule file. Also the advice on documents where
// the form costs nothing.
#include "evaluator.hpp"

#include <algorithm>
#include <utility>

namespace evpack::evaluation {

void Evaluator::check_documents(const Indicator& ind, const std::vector<std::size_t>& members, IndicatorResult& r) {
  bool has_formal = false;
  for (const std::size_t i : members) {
    const Evidence& e = evidence_[i];
    if (!is_formal_document(e)) continue;
    if (is_word_file(e)) {
      add("D6_WORD_DOCUMENT", Severity::Warning, DeductionRole::DocumentForm, e.file.rel_path, ind.id,
          "Word文件无法体现红头、公章，不能作为正式文件佐证", "请提交加盖公章的扫描件或正式印发的PDF文件");
      continue;
    }
    has_formal = true;
    if (!e.inspection.document) continue;
    const DocumentFacts& doc = *e.inspection.document;
    const std::pair<const Verdict*, const char*> parts[] = {
        {&doc.letterhead, "红头"}, {&doc.number, "文号"}, {&doc.seal, "公章"}};
    for (const auto& [verdict, what] : parts) {
      if (verdict->state == Presence::Absent) {
        const std::string code = std::string("D6_MISSING_") + (verdict == &doc.letterhead ? "HEADER"
                                                               : verdict == &doc.number   ? "NUMBER"
                                                                                          : "SEAL");
        const std::string msg =
            "文件缺少" + std::string(what) + (verdict->reason.empty() ? "" : "（" + verdict->reason + "）");
        r.zeroed_by.push_back({rules_.deduction_id(DeductionRole::DocumentForm), e.file.rel_path, msg});
        add(code, Severity::Error, DeductionRole::DocumentForm, e.file.rel_path, ind.id,
            msg + "，指标" + ind.id + "将被扣为0分",
            std::string("补充具备") + what + "的正式文件（红头、文号、公章三要素缺一不可）");
      } else if (verdict->state == Presence::CannotVerify) {
        add("D6_CANNOT_VERIFY", Severity::Warning, DeductionRole::DocumentForm, e.file.rel_path, ind.id,
            std::string("无法核验") + what + "：" + verdict->reason,
            "请提供彩色扫描件或原始PDF，以便确认红色红头和公章");
      }
    }
  }
  if (!has_formal && !members.empty() && ind.evidence.size() == 1 && ind.evidence[0] == EvidenceKind::Document) {
    r.zeroed_by.push_back({rules_.deduction_id(DeductionRole::DocumentForm), "", "未找到正式文件（PDF或扫描件）"});
    add("D6_NO_FORMAL_DOCUMENT", Severity::Error, DeductionRole::DocumentForm, "", ind.id,
        "指标" + ind.id + "缺少正式印发的文件（只有Word或其他材料）", "补充加盖公章的红头文件扫描件或PDF");
  }
}

// Documents filed under an indicator that D.6 does not zero (one scored by
// photos, such as a quarterly meeting's notice under 1.4): a missing letterhead,
// number or seal costs no points there, but reviewers still read the notice as
// the proof of the meeting, so the clerk is told (a warning, the indicator's
// points unchanged).
void Evaluator::advise_documents(const Indicator& ind, const std::vector<std::size_t>& members) {
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

void Evaluator::check_photos(const Indicator& ind, const std::vector<std::size_t>& members, IndicatorResult& r) {
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

bool Evaluator::member_mentions(std::size_t i, const std::vector<std::string>& words) const {
  const Evidence& e = evidence_[i];
  return contains_any(e.file.rel_path, words) || contains_any(e.inspection.text, words);
}

void Evaluator::check_conditions(const Indicator& ind, const std::vector<std::size_t>& members, IndicatorResult& r) {
  for (const auto& cond : ind.conditions) {
    if (cond.evidence_keywords.empty()) {
      r.manual_checks.push_back(cond.text);
      continue;
    }
    const bool met = std::any_of(members.begin(), members.end(),
                                 [&](std::size_t i) { return member_mentions(i, cond.evidence_keywords); });
    if (met || members.empty()) continue;
    const std::string msg =
        "未找到佐证：" + cond.text + "（需有文件名或内容含“" + join(cond.evidence_keywords, "/") + "”的材料）";
    if (cond.zeroes) {
      r.zeroed_by.push_back(
          {cond.id, "", msg, "条件“" + (cond.label.empty() ? std::string("得分条件") : cond.label) + "”"});
    }
    add("CONDITION_UNMET", cond.zeroes ? Severity::Error : Severity::Warning, DeductionRole::None, "", ind.id, msg,
        "补充相应截图或证明材料，放入指标" + ind.id + "文件夹");
  }
}

}  // namespace evpack::evaluation
