#include "evpack/evaluate/mapping.hpp"

#include <algorithm>
#include <cstdint>
#include <string_view>

#include "evpack/inspect/date_text.hpp"

namespace evpack {

std::string to_string(MappedBy how) {
  switch (how) {
    case MappedBy::None: return "none";
    case MappedBy::FolderNumber: return "folder-number";
    case MappedBy::FolderTitle: return "folder-title";
    case MappedBy::FileName: return "file-name";
  }
  return "none";
}

namespace {

// Decodes one UTF-8 code point at `pos`, advancing it. Invalid bytes decode as
// U+FFFD and advance by one, so arbitrary (GBK, garbage) names are safe.
char32_t next_code_point(std::string_view s, std::size_t& pos) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
  const unsigned char c = byte(pos);
  if (c < 0x80) {
    ++pos;
    return c;
  }
  int len = 0;
  char32_t cp = 0;
  if ((c & 0xE0) == 0xC0) {
    len = 2;
    cp = c & 0x1F;
  } else if ((c & 0xF0) == 0xE0) {
    len = 3;
    cp = c & 0x0F;
  } else if ((c & 0xF8) == 0xF0) {
    len = 4;
    cp = c & 0x07;
  } else {
    ++pos;
    return 0xFFFD;
  }
  if (pos + len > s.size()) {
    ++pos;
    return 0xFFFD;
  }
  for (int i = 1; i < len; ++i) {
    const unsigned char cc = byte(pos + i);
    if ((cc & 0xC0) != 0x80) {
      ++pos;
      return 0xFFFD;
    }
    cp = (cp << 6) | (cc & 0x3F);
  }
  pos += len;
  return cp;
}

std::u32string to_u32(std::string_view s) {
  std::u32string out;
  std::size_t pos = 0;
  while (pos < s.size()) out.push_back(next_code_point(s, pos));
  return out;
}

// Full-width digits and dots become ASCII so "１．１" reads like "1.1".
char32_t fold_width(char32_t c) {
  if (c >= U'０' && c <= U'９') return U'0' + (c - U'０');
  if (c == U'．' || c == U'。') return U'.';
  if (c == U'－' || c == U'—' || c == U'–') return U'-';
  if (c == U'＿') return U'_';
  if (c == 0x3000) return U' ';
  return c;
}

int numeral_digit(char32_t c) {
  switch (c) {
    case U'〇': case U'零': case U'○': return 0;
    case U'一': return 1;
    case U'二': case U'两': return 2;
    case U'三': return 3;
    case U'四': return 4;
    case U'五': return 5;
    case U'六': return 6;
    case U'七': return 7;
    case U'八': return 8;
    case U'九': return 9;
    default: return -1;
  }
}

bool is_numeral_char(char32_t c) { return numeral_digit(c) >= 0 || c == U'十'; }

// Value of a run of Chinese numerals (一 .. 九十九); 0 when malformed.
int numeral_run_value(const std::u32string& run) {
  if (run.empty()) return 0;
  const auto ten = run.find(U'十');
  if (ten == std::u32string::npos) {
    if (run.size() != 1) return 0;
    return std::max(numeral_digit(run[0]), 0);
  }
  if (run.size() > 3) return 0;
  int tens = 1;
  if (ten == 1) tens = numeral_digit(run[0]);
  else if (ten != 0) return 0;
  int ones = 0;
  if (ten + 1 < run.size()) ones = numeral_digit(run[ten + 1]);
  if (tens <= 0 || ones < 0) return 0;
  return tens * 10 + ones;
}

// A numeral followed by one of these is a quantity or a period, not a heading number.
bool is_quantity_suffix(char32_t c) {
  static const std::u32string kSuffixes = U"月季年日号次个周天分项条期批届";
  return kSuffixes.find(c) != std::u32string::npos;
}

bool is_separator(char32_t c) {
  static const std::u32string kSeps = U" 、.,，:：)）】]_-\t";
  return kSeps.find(c) != std::u32string::npos;
}

bool contains(std::string_view haystack, std::string_view needle) {
  return !needle.empty() && haystack.find(needle) != std::string_view::npos;
}

std::string strip_extension(const std::string& name) {
  const auto dot = name.rfind('.');
  if (dot == std::string::npos || dot == 0) return name;
  // Keep "1.1成立领导小组" intact: only strip short ASCII extensions.
  const std::string ext = name.substr(dot + 1);
  if (ext.size() > 5 || ext.empty()) return name;
  for (const char c : ext) {
    if (!std::isalnum(static_cast<unsigned char>(c))) return name;
  }
  return name.substr(0, dot);
}

// Length (in bytes) of the longest of `words` contained in `text`, 0 if none.
std::size_t longest_hit(std::string_view text, const std::vector<std::string>& words) {
  std::size_t best = 0;
  for (const auto& w : words) {
    if (w.size() > best && contains(text, w)) best = w.size();
  }
  return best;
}

bool is_bonus_folder(std::string_view name) { return contains(name, "加分"); }

struct TitleHit {
  std::string id;
  std::size_t length = 0;
};

// Best indicator (or bonus) whose title or keyword appears in `text`,
// restricted to `category` when it is known.
TitleHit match_indicator_title(const RuleSet& rules, std::string_view text, const std::string& category) {
  TitleHit best;
  if (category != "B") {
    for (const auto& ind : rules.indicators) {
      if (!category.empty() && ind.category != category) continue;
      std::size_t len = contains(text, ind.title) ? ind.title.size() : 0;
      len = std::max(len, longest_hit(text, ind.keywords));
      if (len > best.length) best = {ind.id, len};
    }
  }
  if (category.empty() || category == "B") {
    for (const auto& bonus : rules.bonuses) {
      std::size_t len = contains(text, bonus.title) ? bonus.title.size() : 0;
      len = std::max(len, longest_hit(text, bonus.keywords));
      if (len > best.length) best = {bonus.id, len};
    }
  }
  return best;
}

std::string match_category_title(const RuleSet& rules, std::string_view text) {
  std::string best;
  std::size_t best_len = 0;
  for (const auto& cat : rules.categories) {
    std::size_t len = contains(text, cat.title) ? cat.title.size() : 0;
    len = std::max(len, longest_hit(text, cat.keywords));
    if (len > best_len) {
      best = cat.id;
      best_len = len;
    }
  }
  return best;
}

bool indicator_or_bonus_exists(const RuleSet& rules, const std::string& id) {
  if (rules.find_indicator(id)) return true;
  return std::any_of(rules.bonuses.begin(), rules.bonuses.end(), [&](const Bonus& b) { return b.id == id; });
}

std::string category_of(const RuleSet& rules, const std::string& id) {
  if (id.rfind("B.", 0) == 0) return "B";
  const Indicator* ind = rules.find_indicator(id);
  return ind ? ind->category : "";
}

std::string pick_sub_item(const Indicator& ind, std::string_view text) {
  std::string best;
  std::size_t best_len = 0;
  for (const auto& sub : ind.sub_items) {
    std::size_t len = contains(text, sub.title) ? sub.title.size() : 0;
    len = std::max(len, longest_hit(text, sub.keywords));
    if (len > best_len) {
      best = sub.id;
      best_len = len;
    }
  }
  return best;
}

}  // namespace

std::string find_domain(const RuleSet& rules, std::string_view text) {
  // Sub-domains are more specific than domains; the longest name wins.
  std::string best;
  for (const auto& domain : rules.domains) {
    for (const auto& sub : domain.sub_domains) {
      if (sub.size() > best.size() && contains(text, sub)) best = sub;
    }
  }
  if (!best.empty()) return best;
  for (const auto& domain : rules.domains) {
    if (domain.name.size() > best.size() && contains(text, domain.name)) best = domain.name;
  }
  return best;
}

namespace {
std::string quote(const std::string& s) { return "“" + s + "”"; }
}  // namespace

int chinese_numeral_value(const std::string& text) { return numeral_run_value(to_u32(text)); }

std::string leading_number(const std::string& name) {
  std::u32string s;
  for (const char32_t c : to_u32(name)) s.push_back(fold_width(c));
  std::size_t i = 0;
  while (i < s.size() && (s[i] == U' ' || s[i] == U'\t')) ++i;
  bool bracketed = false;
  while (i < s.size() && (s[i] == U'（' || s[i] == U'(' || s[i] == U'【' || s[i] == U'[' || s[i] == U'第')) {
    bracketed = bracketed || s[i] != U'第';
    ++i;
  }
  if (i >= s.size()) return "";

  const auto read_digits = [&](std::size_t& p) {
    int v = 0;
    std::size_t n = 0;
    while (p < s.size() && s[p] >= U'0' && s[p] <= U'9' && n < 4) {
      v = v * 10 + static_cast<int>(s[p] - U'0');
      ++p;
      ++n;
    }
    // A fifth digit means a date or an id, never a heading number.
    if (p < s.size() && s[p] >= U'0' && s[p] <= U'9') return -1;
    return n == 0 ? -1 : v;
  };

  if (s[i] >= U'0' && s[i] <= U'9') {
    std::size_t p = i;
    const int major = read_digits(p);
    if (major <= 0 || major > 99) return "";
    if (p < s.size() && (s[p] == U'.' || s[p] == U'-' || s[p] == U'_')) {
      std::size_t q = p + 1;
      if (q < s.size() && s[q] >= U'0' && s[q] <= U'9') {
        const int minor = read_digits(q);
        if (minor <= 0 || minor > 99) return "";
        // "3.18会议" style dates are caught by the caller's existence check.
        return std::to_string(major) + "." + std::to_string(minor);
      }
      return std::to_string(major);
    }
    if (p < s.size() && is_quantity_suffix(s[p])) return "";
    return std::to_string(major);
  }

  if (is_numeral_char(s[i])) {
    std::size_t p = i;
    std::u32string run;
    while (p < s.size() && is_numeral_char(s[p]) && run.size() < 3) run.push_back(s[p++]);
    const int v = numeral_run_value(run);
    if (v <= 0) return "";
    if (p >= s.size()) return bracketed ? std::to_string(v) : "";
    if (is_quantity_suffix(s[p])) return "";
    if (is_separator(s[p]) || bracketed) return std::to_string(v);
    // "一制度建设" without a separator is rare but real; accept when a Han title follows,
    // unless the numeral starts a common word ("一把手谈信用", "一站式服务").
    if (s[p] >= 0x4E00 && s[p] <= 0x9FFF) {
      static const std::u32string kWords[] = {U"一把手", U"一站式", U"一体化", U"一网", U"一线", U"一般", U"一起",
                                              U"一码", U"一单", U"一证", U"一窗", U"一次", U"一件事", U"三公",
                                              U"三书", U"四不两直", U"一案", U"一企一", U"一户一"};
      for (const auto& word : kWords) {
        if (s.compare(i, word.size(), word) == 0) return "";
      }
      return std::to_string(v);
    }
    return "";
  }
  return "";
}

Placement map_file(const RuleSet& rules, const FileRecord& file) {
  Placement out;
  const std::vector<std::string> folders = file.folders();
  const std::string name = strip_extension(file.file_name());
  out.loose_at_root = folders.empty();
  out.guide = file.file_name() == kGuideFileName;

  std::string category;
  std::string indicator;
  std::size_t indicator_depth = 0;
  std::string why_folder;

  for (std::size_t depth = 0; depth < folders.size(); ++depth) {
    const std::string& folder = folders[depth];
    if (!indicator.empty()) {
      // Below the indicator folder: period folders ("2025年第一季度") and item
      // folders (one event each). A period folder is not an item.
      const NamedPeriod period = period_from_name(folder);
      if (period.quarter) out.quarter_hint = period.quarter;
      if (period.month) out.month_hint = period.month;
      if (!period.quarter && !period.month && out.item_key.empty()) {
        std::string key;
        for (std::size_t k = 0; k <= depth; ++k) key += (k ? "/" : "") + folders[k];
        out.item_key = key;
      }
      continue;
    }
    if (is_bonus_folder(folder)) {
      category = "B";
      continue;
    }
    const std::string number = leading_number(folder);
    if (!number.empty()) {
      if (number.find('.') != std::string::npos) {
        const std::string id = category == "B" ? "B." + number.substr(number.find('.') + 1) : number;
        if (indicator_or_bonus_exists(rules, number)) {
          indicator = number;
        } else if (category == "B" && indicator_or_bonus_exists(rules, id)) {
          indicator = id;
        }
        if (!indicator.empty()) {
          category = category_of(rules, indicator);
          indicator_depth = depth;
          out.how = MappedBy::FolderNumber;
          why_folder = folder;
          continue;
        }
      } else if (category.empty()) {
        // A plain number at category level, unless the title says it is an indicator
        // ("1.成立领导小组" directly under the root is still category-less).
        const std::string by_title = match_category_title(rules, folder);
        if (!by_title.empty()) {
          category = by_title;
        } else if (rules.find_category(number)) {
          category = number;
        }
        if (!category.empty()) continue;
      } else {
        const std::string id = category + "." + number;
        if (indicator_or_bonus_exists(rules, id)) {
          indicator = id;
          indicator_depth = depth;
          out.how = MappedBy::FolderNumber;
          why_folder = folder;
          continue;
        }
      }
    }
    // No usable number: titles and keywords.
    if (category.empty()) {
      const std::string by_title = match_category_title(rules, folder);
      if (!by_title.empty()) {
        category = by_title;
        // A category folder may also name an indicator ("信用承诺"), but category wins here.
        continue;
      }
    }
    const NamedPeriod period = period_from_name(folder);
    if (period.quarter || period.month) {
      if (period.quarter) out.quarter_hint = period.quarter;
      if (period.month) out.month_hint = period.month;
      continue;
    }
    const TitleHit hit = match_indicator_title(rules, folder, category);
    if (!hit.id.empty()) {
      indicator = hit.id;
      category = category_of(rules, indicator);
      indicator_depth = depth;
      out.how = MappedBy::FolderTitle;
      why_folder = folder;
    }
  }

  if (indicator.empty()) {
    const std::string number = leading_number(name);
    std::string id;
    if (number.find('.') != std::string::npos && indicator_or_bonus_exists(rules, number)) {
      id = number;
    } else if (!number.empty() && !category.empty() && indicator_or_bonus_exists(rules, category + "." + number)) {
      id = category + "." + number;
    }
    if (id.empty()) id = match_indicator_title(rules, name, category).id;
    if (!id.empty()) {
      indicator = id;
      out.how = MappedBy::FileName;
      out.why = "文件名" + quote(file.file_name());
    }
  } else {
    out.why = "文件夹" + quote(why_folder);
  }

  out.indicator = indicator;
  if (indicator.empty()) {
    out.why = category.empty() ? "路径中没有可识别的类别或指标" : "只识别到类别，未识别到具体指标";
    return out;
  }
  if (const Indicator* ind = rules.find_indicator(indicator); ind && !ind->sub_items.empty()) {
    // Only what lies below the indicator folder: its own name names the indicator, not a part.
    std::string below;
    const std::size_t first = out.how == MappedBy::FileName ? folders.size() : indicator_depth + 1;
    for (std::size_t k = first; k < folders.size(); ++k) below += folders[k] + "/";
    out.sub_item = pick_sub_item(*ind, below + name);
  }
  out.domain = find_domain(rules, file.rel_path);
  const NamedPeriod own = period_from_name(name);
  if (!out.quarter_hint && own.quarter) out.quarter_hint = own.quarter;
  if (!out.month_hint && own.month) out.month_hint = own.month;
  return out;
}

}  // namespace evpack
