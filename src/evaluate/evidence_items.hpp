// What a file is as evidence and the items the criteria count: the vocabulary the parts
// of the evaluator share (evaluator.hpp).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "evpack/evaluate/evaluation.hpp"
#include "wording.hpp"

namespace evpack::evaluation {

/// What a file is as evidence, independent of the indicator.
enum class EvidenceRole { Photo, Screenshot, Document, Ledger, Video, Other };

/// From the content kind and what inspection saw: a screenshot is an image the photo
/// inspector took for one; a photo of a page of a document stands for the document.
EvidenceRole evidence_role(const Evidence& e);

/// A .docx/.doc/.wps file: it cannot show a red letterhead or a seal.
bool is_word_file(const Evidence& e);

/// A photo taken with a camera (not a screenshot, not a photographed document).
bool is_camera_photo(const Evidence& e);

/// True when `ind` lists the deduction `id` in its `zero_rules`.
bool has_rule(const Indicator& ind, const std::string& id);

/// The date an item stands for, with the period hints from folders as a fallback.
struct ItemDate {
  CivilDate date;  ///< invalid when only a hint is known
  DateSource source = DateSource::None;
  int quarter = 0;
  int month = 0;
  bool from_hint = false;
};

/// How far a date source is trusted: watermark 6 … folder name 1, none 0.
int source_rank(DateSource s);

/// The date of one file: its inspected date, else the month or quarter its folders name.
ItemDate date_of(const Evidence& e);

/// One event/document/news item: the files of an item folder, or one primary file.
struct Item {
  std::string key;
  std::vector<std::size_t> members;  ///< indices into the evidence
  ItemDate date;
  int year = 0;  ///< year of the item's date (0 when only hinted or undated)
};

}  // namespace evpack::evaluation
