// The body of a scan or photo of paper, read whole for personal numbers (D.2).
// Only documents that can hold them are read (commitment letters, sign-in sheets,
// ledgers, rosters: the rule set's personal_number_keywords), and only once per
// page: a page's OCR costs about as much as everything else on a scan.
#include "body_text.hpp"

#include <algorithm>
#include <cmath>

#include "document_common.hpp"
#include "evpack/adapters/image_ops.hpp"
#include "evpack/util/deadline.hpp"
#include "evpack/util/text.hpp"
#include "page_ink.hpp"

namespace evpack {
namespace {

// Pages read at most (a roster or a ledger of many pages is rare as a scan; a
// number on page 12 is still found on a text PDF).
constexpr int kMaxBodyPages = 6;
// The body is read at this resolution: the digits of 小四 type (12 pt) are then
// about 30 px tall, where Tesseract reads them best; finer costs more and reads no
// better.
constexpr double kBodyOcrDpi = 200;
// Below this, the digits of body type are a few pixels tall: a reading of them
// is a guess, and a guessed number must not cost a D.2. Such pages are not read;
// the finding asks for a manual check instead.
constexpr double kMinBodyDpi = 100;

/// One page's body, as Tesseract reads it, red (a seal over the text) dropped.
std::string read_page_body(const UprightPages& pages, Ocr& ocr, int page) {
  auto image = pages.render(page, kBodyOcrDpi);
  if (!image) return {};
  RasterImage gray = red_dropout(*image);
  if (gray.channels != 1) return {};
  // A photographed sheet is lit unevenly: its shaded part would come out black.
  if (pages.has_sheet(page)) gray = even_out_light(gray, static_cast<int>(kBodyOcrDpi / 25.4 * 12));
  auto result = ocr.recognize(binarize(gray), OcrLayout::Block);
  return result ? result->text() : std::string();
}

Finding unverified_finding(const FileRecord& record, double dpi) {
  const std::string at = std::to_string(static_cast<int>(std::lround(dpi)));
  return doc_finding(record, "PRIVACY_UNVERIFIED", Severity::Warning, DeductionRole::None,
                     "“" + record.file_name() + "”的扫描图像分辨率过低（约" + at +
                         " dpi），正文无法识别：分辨率过低，无法核对是否含个人身份证号/手机号，请人工核对",
                     "人工查看该文件，如含个人身份证号、手机号，应部分隐去（如 370181********7513、138****5678）；"
                     "提交不低于150 dpi（建议300 dpi）的扫描件");
}

}  // namespace

bool may_hold_personal_numbers(const FileRecord& record, const InspectOptions& options) {
  return std::any_of(options.personal_number_keywords.begin(), options.personal_number_keywords.end(),
                     [&](const std::string& word) { return !word.empty() && contains(record.rel_path, word); });
}

void read_body_text(const UprightPages& pages, Ocr* ocr, double source_dpi, const FileRecord& record,
                    Inspection& out) {
  if (!ocr) return;
  if (source_dpi > 0 && source_dpi < kMinBodyDpi) {
    out.findings.push_back(unverified_finding(record, source_dpi));
    return;
  }
  std::string body;
  const int count = std::min(pages.count(), kMaxBodyPages);
  for (int page = 0; page < count; ++page) {
    if (page > 0 && deadline_passed()) break;  // FILE_TIME_LIMIT: inspect_file says so
    if (page > 0) body += '\f';
    body += read_page_body(pages, *ocr, page);
  }
  out.body_text = std::move(body);
}

}  // namespace evpack
