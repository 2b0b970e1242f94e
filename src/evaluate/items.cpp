// Items: the files of one indicator grouped into the events, documents and news items
// the criteria count, each with the date it stands for, and the years and periods due.
#include "evaluator.hpp"

#include <algorithm>
#include <map>

namespace evpack::evaluation {

bool has_rule(const Indicator& ind, const std::string& rule) {
  return std::find(ind.zero_rules.begin(), ind.zero_rules.end(), rule) != ind.zero_rules.end();
}

EvidenceRole evidence_role(const Evidence& e) {
  const ContentKind kind = e.file.kind;
  if (is_image(kind)) {
    if (e.inspection.photo && e.inspection.photo->screenshot) return EvidenceRole::Screenshot;
    // A photo of a page of a document (inspect_image_document) stands for the document.
    return e.inspection.document ? EvidenceRole::Document : EvidenceRole::Photo;
  }
  switch (kind) {
    case ContentKind::Pdf:
    case ContentKind::Ofd:
    case ContentKind::Docx:
    case ContentKind::OleOffice: return EvidenceRole::Document;
    case ContentKind::Xlsx:
    case ContentKind::Text: return EvidenceRole::Ledger;
    case ContentKind::Video: return EvidenceRole::Video;
    default: return EvidenceRole::Other;
  }
}

bool is_word_file(const Evidence& e) {
  return e.file.kind == ContentKind::Docx ||
         (e.file.kind == ContentKind::OleOffice && e.file.extension != "xls" && e.file.extension != "et");
}

bool is_camera_photo(const Evidence& e) { return evidence_role(e) == EvidenceRole::Photo; }

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

std::vector<std::size_t> Evaluator::readable_items(const std::string& id) const {
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
std::vector<Item> Evaluator::group_items(const std::vector<std::size_t>& members) const {
  std::map<std::string, Item> items;
  std::vector<std::size_t> loose_photos;
  for (const std::size_t i : members) {
    const Evidence& e = evidence_[i];
    std::string key = e.placement.item_key;
    if (key.empty()) {
      if (evidence_role(e) == EvidenceRole::Photo) {
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
ItemDate Evaluator::item_date(const std::vector<std::size_t>& members) const {
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

bool Evaluator::in_year(const Item& item) const {
  return item.year == 0 || !year_ || (item.year >= year_ && item.year <= last_year_);
}

std::string Evaluator::years_label() const {
  return std::to_string(year_) + (last_year_ != year_ ? "-" + std::to_string(last_year_) : std::string()) + " 年";
}

bool Evaluator::quarter_due(int q) const {
  if (!as_of_.valid() || !year_) return true;
  const CivilDate end = q == 4 ? CivilDate{year_, 12, 31} : CivilDate{year_, q * 3 + 1, 1};
  return as_of_ >= end;
}

bool Evaluator::month_due(int m, int deadline_day) const {
  if (!as_of_.valid() || !year_) return true;
  const int day = deadline_day > 0 ? deadline_day : 28;
  return as_of_ >= CivilDate{year_, m, day};
}

// A document that the document_form deduction speaks of: a system, policy, plan or
// notice, not a ledger, record, report or sign-in sheet. Decided from the file name and
// the title with the words the rule file gives that deduction (formal_keywords,
// informal_keywords); a document with its own number is always formal.
bool Evaluator::is_formal_document(const Evidence& e) const {
  if (evidence_role(e) != EvidenceRole::Document) return false;
  static const Deduction kNoWords;
  const Deduction* form = rules_.deduction_for(DeductionRole::DocumentForm);
  const Deduction& words = form ? *form : kNoWords;
  std::string text = e.file.file_name();
  if (e.inspection.document) text += " " + e.inspection.document->title;
  if (e.inspection.document && e.inspection.document->own_number) return true;
  if (contains_any(text, words.formal_keywords)) return true;
  return !contains_any(text, words.informal_keywords);
}

}  // namespace evpack::evaluation
