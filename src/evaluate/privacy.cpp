// Privacy scan: personal numbers in evidence text (role privacy_leak). The public side:
// the check digits of ID-card, bank-card and credit-code numbers, the scan over pages
// (the scanner is privacy_scanner.cpp over privacy_text.cpp), and the findings.
#include "evpack/evaluate/privacy.hpp"

#include <map>
#include <set>

#include "evpack/util/format.hpp"
#include "privacy_scanner.hpp"

namespace evpack {

namespace {

using privacy_detail::all_digits;

}  // namespace

std::string to_string(PrivacyKind kind) {
  switch (kind) {
    case PrivacyKind::IdCard: return "id_card";
    case PrivacyKind::Mobile: return "mobile";
    case PrivacyKind::BankCard: return "bank_card";
    case PrivacyKind::CreditCodeInvalid: return "credit_code_invalid";
  }
  return "unknown";
}

std::string privacy_kind_label_zh(PrivacyKind kind) {
  switch (kind) {
    case PrivacyKind::IdCard: return "身份证号";
    case PrivacyKind::Mobile: return "手机号码";
    case PrivacyKind::BankCard: return "银行卡号";
    case PrivacyKind::CreditCodeInvalid: return "统一社会信用代码";
  }
  return "未知";
}

bool is_valid_id_card(std::string_view id, const CivilDate& today) {
  static constexpr std::array<int, 17> kWeights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  static constexpr std::string_view kCheck = "10X98765432";
  if (id.size() != 18 || !all_digits(id.substr(0, 17))) return false;
  int sum = 0;
  for (std::size_t k = 0; k < 17; ++k) sum += (id[k] - '0') * kWeights[k];
  char last = id[17];
  if (last == 'x') last = 'X';
  if (kCheck[static_cast<std::size_t>(sum % 11)] != last) return false;
  // Region: the first digit is a province group 1-8 (11 Beijing ... 82 Macau).
  if (id[0] < '1' || id[0] > '8') return false;
  const auto num = [&](std::size_t pos, std::size_t len) {
    int v = 0;
    for (std::size_t k = pos; k < pos + len; ++k) v = v * 10 + (id[k] - '0');
    return v;
  };
  const CivilDate birth{num(6, 4), num(10, 2), num(12, 2)};
  if (!birth.valid() || birth.year < 1900 || birth.year > 2099) return false;
  if (today.valid() && today < birth) return false;
  return true;
}

bool luhn_valid(std::string_view digits) {
  if (!all_digits(digits)) return false;
  int sum = 0;
  bool twice = false;
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
    int d = *it - '0';
    if (twice) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    twice = !twice;
  }
  return sum % 10 == 0;
}

bool is_valid_credit_code(std::string_view code) {
  static constexpr std::string_view kCharset = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  static constexpr std::array<int, 17> kWeights = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
  if (code.size() != 18) return false;
  int sum = 0;
  for (std::size_t k = 0; k < 17; ++k) {
    const std::size_t v = kCharset.find(code[k]);
    if (v == std::string_view::npos) return false;
    sum += static_cast<int>(v) * kWeights[k];
  }
  const int check = (31 - sum % 31) % 31;
  return kCharset[static_cast<std::size_t>(check)] == code[17];
}

std::vector<PrivacyHit> scan_privacy(std::string_view text, int first_page) {
  return privacy_detail::scan_text(text, first_page);
}

namespace {

/// `text` with the separators inside digit runs removed where the run, joined, has
/// the length of a mobile (11) or an ID number (17 digits and a check character).
std::string join_ocr_digit_runs(std::string_view text) {
  using privacy_detail::CharClass;
  const auto chars = privacy_detail::decode(text);
  std::string out;
  std::size_t i = 0;
  while (i < chars.size()) {
    if (chars[i].cls != CharClass::Digit) {
      out.append(text.substr(chars[i].offset, chars[i].length));
      ++i;
      continue;
    }
    // A run: digits, single separators between them, an ID's X at its end.
    std::size_t end = i;
    std::size_t count = 0;
    std::size_t groups = 1;
    while (end < chars.size()) {
      if (chars[end].cls == CharClass::Digit) {
        ++count;
        ++end;
      } else if (chars[end].cls == CharClass::Separator && end + 1 < chars.size() &&
                 chars[end + 1].cls == CharClass::Digit) {
        ++groups;
        ++end;
      } else {
        break;
      }
    }
    const bool id_tail = count == 17 && end < chars.size() && (chars[end].ascii == 'X' || chars[end].ascii == 'x');
    const bool join = groups > 1 && (count == 11 || count == 18 || id_tail);
    for (std::size_t k = i; k < end; ++k) {
      if (join && chars[k].cls == CharClass::Separator) continue;
      out.append(text.substr(chars[k].offset, chars[k].length));
    }
    i = end;
  }
  return out;
}

}  // namespace

std::vector<PrivacyHit> scan_ocr_privacy(std::string_view text, int first_page) {
  const std::string joined = join_ocr_digit_runs(text);
  return privacy_detail::scan_text(joined, first_page);
}

std::vector<PrivacyHit> scan_privacy(const std::vector<PageText>& pages) {
  std::vector<PrivacyHit> out;
  for (const PageText& p : pages) {
    auto hits = scan_privacy(p.text, 0);
    for (auto& h : hits) {
      h.page = p.page;
      out.push_back(std::move(h));
    }
  }
  return out;
}

namespace {

// The hits of one kind in one file.
struct HitGroup {
  int count = 0;
  std::set<int> pages;
  std::vector<std::string> examples;
};

Finding invalid_credit_code_finding(const PrivacyHit& h, const std::string& file) {
  Finding f;
  f.code = "USCC_INVALID";
  f.severity = Severity::Warning;
  f.role = DeductionRole::PrivacyLeak;
  f.file = file;
  f.message = "统一社会信用代码“" + h.masked + "”校验位不正确" +
              (h.page > 0 ? "（第" + std::to_string(h.page) + "页）" : std::string()) +
              "，可能抄写有误（少数早期试点地区代码合法但不符合校验规则）";
  f.advice = "到“信用中国”网站核对该主体的统一社会信用代码并更正；共享信用信息不准确也属扣分情形";
  return f;
}

// One finding for the personal numbers of one kind: how many, on which pages (eight at
// most), three masked examples.
Finding personal_number_finding(PrivacyKind kind, const HitGroup& g, const std::string& file) {
  Finding f;
  f.role = DeductionRole::PrivacyLeak;
  f.file = file;
  std::string where;
  if (!g.pages.empty()) {
    std::vector<std::string> pages;
    for (int p : g.pages) {
      if (pages.size() == 8) {
        pages.push_back("…");
        break;
      }
      pages.push_back("第" + std::to_string(p) + "页");
    }
    where = "（" + join(pages, "、") + "）";
  }
  const std::string label = privacy_kind_label_zh(kind);
  f.message = "发现" + std::to_string(g.count) + "处未打码的" + label + where + "，如：" + join(g.examples, "；");
  switch (kind) {
    case PrivacyKind::IdCard:
      f.code = "PRIVACY_ID_CARD";
      f.severity = Severity::Error;
      f.advice = "对外提供的材料应隐去身份证号中间部分（如 370181********7513），处理后重新生成文件";
      break;
    case PrivacyKind::Mobile:
      f.code = "PRIVACY_MOBILE";
      f.severity = Severity::Warning;
      f.message += "（如为公开的工作联系电话可忽略）";
      f.advice = "个人手机号应部分隐去（如 138****5678）；公示、报送材料中不应出现自然人的联系方式";
      break;
    case PrivacyKind::BankCard:
      f.code = "PRIVACY_BANK_CARD";
      f.severity = Severity::Error;
      f.advice = "银行账号属于应隐去的个人信息，只保留前后四位（如 6222***********0123）后重新生成文件";
      break;
    case PrivacyKind::CreditCodeInvalid: break;
  }
  return f;
}

}  // namespace

std::vector<Finding> privacy_findings(const std::vector<PrivacyHit>& hits, const std::string& file) {
  std::map<PrivacyKind, HitGroup> groups;
  std::vector<Finding> out;
  std::set<std::string> codes_seen;
  for (const PrivacyHit& h : hits) {
    if (h.kind == PrivacyKind::CreditCodeInvalid) {
      if (codes_seen.insert(h.masked).second) out.push_back(invalid_credit_code_finding(h, file));
      continue;
    }
    HitGroup& g = groups[h.kind];
    ++g.count;
    if (h.page > 0) g.pages.insert(h.page);
    if (g.examples.size() < 3) g.examples.push_back(h.context.empty() ? h.masked : h.context + h.masked);
  }
  for (const auto& [kind, g] : groups) out.push_back(personal_number_finding(kind, g, file));
  return out;
}

}  // namespace evpack
