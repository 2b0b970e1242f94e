// The body of a scan or photo of paper, read whole for personal numbers (D.2).
// Only documents that can hold them are read (commitment letters, sign-in sheets,
// ledgers, rosters: the rule set's personal_number_keywords), and only once per
// page: a page's OCR costs about as much as everything else on a scan.
#include "body_text.hpp"

#include <algorithm>
#include <cmath>
#include <optional>
#include <vector>

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

// A line holding this many digits may hold a personal number: it is read a second
// time before it counts (a masked 137****6058 was once read as eleven digits).
constexpr std::size_t kDigitsToConfirm = 11;
// The second reading's resolution: another scale makes other mistakes.
constexpr double kConfirmDpi = 300;

/// The digits of `text` (ASCII and full-width), in order.
std::string digits_of(const std::string& text) {
  std::string out;
  for (const auto& ch : split_utf8_chars(text)) {
    if (ch.size() == 1 && ch[0] >= '0' && ch[0] <= '9') out += ch;
    if (ch.size() == 3 && ch.compare(0, 2, "\xEF\xBC") == 0 && static_cast<unsigned char>(ch[2]) >= 0x90 &&
        static_cast<unsigned char>(ch[2]) <= 0x99) {
      out += static_cast<char>('0' + (static_cast<unsigned char>(ch[2]) - 0x90));
    }
  }
  return out;
}

/// The runs of digits in `text` parted only by single spaces or dashes (as OCR
/// parts a number), joined, that are long enough to be a personal number.
std::vector<std::string> long_digit_runs(const std::string& text) {
  std::vector<std::string> runs;
  std::string run;
  bool after_separator = false;
  const auto close = [&] {
    if (run.size() >= kDigitsToConfirm) runs.push_back(run);
    run.clear();
  };
  for (const auto& ch : split_utf8_chars(text)) {
    const std::string digit = digits_of(ch);
    if (!digit.empty()) {
      run += digit;
      after_separator = false;
    } else if ((ch == " " || ch == "-") && !run.empty() && !after_separator) {
      after_separator = true;
    } else {
      close();
      after_separator = false;
    }
  }
  close();
  return runs;
}

/// `text` with its digits replaced by '?': a reading not confirmed holds no number.
std::string without_digits(const std::string& text) {
  std::string out;
  for (const auto& ch : split_utf8_chars(text)) out += digits_of(ch).empty() ? ch : "?";
  return out;
}

/// A prepared (red dropped, binarised) picture of the region `mm` of a page at `dpi`.
std::optional<RasterImage> prepared(const UprightPages& pages, int page, double dpi,
                                    std::optional<PageRect> mm = std::nullopt) {
  auto image = pages.render(page, dpi, mm);
  if (!image) return std::nullopt;
  RasterImage gray = red_dropout(*image);
  if (gray.channels != 1) return std::nullopt;
  // A photographed sheet is lit unevenly: its shaded part would come out black.
  if (pages.has_sheet(page)) gray = even_out_light(gray, static_cast<int>(dpi / 25.4 * 12));
  return binarize(gray);
}

/// Whether a line read at kBodyOcrDpi shows its long digit runs (`runs`) again when
/// read alone at kConfirmDpi.
bool confirmed(const UprightPages& pages, Ocr& ocr, int page, const OcrLine& line,
               const std::vector<std::string>& runs) {
  const double mm_per_px = 25.4 / kBodyOcrDpi;
  const PageRect mm{(line.box.x - 4) * mm_per_px, (line.box.y - 4) * mm_per_px, (line.box.width + 8) * mm_per_px,
                    (line.box.height + 8) * mm_per_px};
  const auto image = prepared(pages, page, kConfirmDpi, mm);
  if (!image) return false;
  auto again = ocr.recognize(frame_in_white(*image, static_cast<int>(kConfirmDpi / 25.4 * 3)), OcrLayout::SingleLine);
  if (!again) return false;
  const std::string digits = digits_of(again->text());
  return std::all_of(runs.begin(), runs.end(),
                     [&](const std::string& run) { return digits.find(run) != std::string::npos; });
}

/// One page's body, as Tesseract reads it, red (a seal over the text) dropped; the
/// digits of a line that may hold a personal number only when a second reading
/// agrees.
std::string read_page_body(const UprightPages& pages, Ocr& ocr, int page) {
  const auto image = prepared(pages, page, kBodyOcrDpi);
  if (!image) return {};
  auto result = ocr.recognize(*image, OcrLayout::Block);
  if (!result) return {};
  std::string text;
  for (const OcrLine& line : result->lines) {
    const auto runs = long_digit_runs(line.text);
    const bool sure = runs.empty() || confirmed(pages, ocr, page, line, runs);
    text += (sure ? line.text : without_digits(line.text)) + "\n";
  }
  return text;
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

void read_body_text(const UprightPages& pages, Ocr* ocr, double source_dpi, const FileRecord& record, Inspection& out) {
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
