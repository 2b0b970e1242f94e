#include "evpack/evaluate/mapping.hpp"

#include <algorithm>
#include <cstdint>
#include <string_view>

#include "evpack/inspect/date_text.hpp"
#include "evpack/util/text.hpp"

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

// Heading numbers also write 2 as 两.
int numeral_digit(char32_t c) { return c == U'两' ? 2 : chinese_digit_value(c); }

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
  if (ten == 1)
    tens = numeral_digit(run[0]);
  else if (ten != 0)
    return 0;
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

// Unlike evpack::contains, an empty needle (a rule entry without a title) is in nothing.
bool contains_word(std::string_view haystack, std::string_view needle) {
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
    if (w.size() > best && contains_word(text, w)) best = w.size();
  }
  return best;
}

bool is_bonus_folder(std::string_view name) { return contains_word(name, "加分"); }

// How much of `text` names an entry: the longer of its title and its longest keyword found, 0 if none.
std::size_t title_hit(std::string_view text, const std::string& title, const std::vector<std::string>& keywords) {
  const std::size_t len = contains_word(text, title) ? title.size() : 0;
  return std::max(len, longest_hit(text, keywords));
}

// The id of the entry (category, sub-item) that `text` names most, "" when none; the first wins a tie.
template <typename Entries>
std::string best_titled(const Entries& entries, std::string_view text) {
  std::string best;
  std::size_t best_len = 0;
  for (const auto& entry : entries) {
    const std::size_t len = title_hit(text, entry.title, entry.keywords);
    if (len > best_len) {
      best = entry.id;
      best_len = len;
    }
  }
  return best;
}

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
      const std::size_t len = title_hit(text, ind.title, ind.keywords);
      if (len > best.length) best = {ind.id, len};
    }
  }
  if (category.empty() || category == "B") {
    for (const auto& bonus : rules.bonuses) {
      const std::size_t len = title_hit(text, bonus.title, bonus.keywords);
      if (len > best.length) best = {bonus.id, len};
    }
  }
  return best;
}

std::string match_category_title(const RuleSet& rules, std::string_view text) {
  return best_titled(rules.categories, text);
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

std::string pick_sub_item(const Indicator& ind, std::string_view text) { return best_titled(ind.sub_items, text); }

}  // namespace

std::string find_domain(const RuleSet& rules, std::string_view text) {
  // Sub-domains are more specific than domains; the longest name wins.
  std::string best;
  for (const auto& domain : rules.domains) {
    for (const auto& sub : domain.sub_domains) {
      if (sub.size() > best.size() && contains_word(text, sub)) best = sub;
    }
  }
  if (!best.empty()) return best;
  for (const auto& domain : rules.domains) {
    if (domain.name.size() > best.size() && contains_word(text, domain.name)) best = domain.name;
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
      static const std::u32string kWords[] = {
          U"一把手", U"一站式", U"一体化", U"一网", U"一线", U"一般",     U"一起", U"一码",   U"一单",  U"一证",
          U"一窗",   U"一次",   U"一件事", U"三公", U"三书", U"四不两直", U"一案", U"一企一", U"一户一"};
      for (const auto& word : kWords) {
        if (s.compare(i, word.size(), word) == 0) return "";
      }
      return std::to_string(v);
    }
    return "";
  }
  return "";
}

namespace {

// What the walk down the folders has found so far.
struct FolderWalk {
  std::string category;
  std::string indicator;
  std::size_t indicator_depth = 0;
  std::string why_folder;

  void take_indicator(std::string id, std::size_t depth, const std::string& folder, MappedBy how, Placement& out) {
    indicator = std::move(id);
    indicator_depth = depth;
    why_folder = folder;
    out.how = how;
  }
};

// Below the indicator folder: period folders ("2025年第一季度") and item folders (one
// event each). A period folder is not an item.
void note_below_indicator(const std::vector<std::string>& folders, std::size_t depth, Placement& out) {
  const NamedPeriod period = period_from_name(folders[depth]);
  if (period.quarter) out.quarter_hint = period.quarter;
  if (period.month) out.month_hint = period.month;
  if (!period.quarter && !period.month && out.item_key.empty()) {
    std::string key;
    for (std::size_t k = 0; k <= depth; ++k) key += (k ? "/" : "") + folders[k];
    out.item_key = key;
  }
}

// A folder with a leading `number`: true when the number placed it (a category or an indicator).
bool place_by_number(const RuleSet& rules, const std::string& folder, const std::string& number, std::size_t depth,
                     FolderWalk& walk, Placement& out) {
  if (number.find('.') != std::string::npos) {
    const std::string id = walk.category == "B" ? "B." + number.substr(number.find('.') + 1) : number;
    if (indicator_or_bonus_exists(rules, number)) {
      walk.take_indicator(number, depth, folder, MappedBy::FolderNumber, out);
    } else if (walk.category == "B" && indicator_or_bonus_exists(rules, id)) {
      walk.take_indicator(id, depth, folder, MappedBy::FolderNumber, out);
    }
    if (walk.indicator.empty()) return false;
    walk.category = category_of(rules, walk.indicator);
    return true;
  }
  if (walk.category.empty()) {
    // A plain number at category level, unless the title says it is an indicator
    // ("1.成立领导小组" directly under the root is still category-less).
    const std::string by_title = match_category_title(rules, folder);
    if (!by_title.empty()) {
      walk.category = by_title;
    } else if (rules.find_category(number)) {
      walk.category = number;
    }
    return !walk.category.empty();
  }
  const std::string id = walk.category + "." + number;
  if (!indicator_or_bonus_exists(rules, id)) return false;
  walk.take_indicator(id, depth, folder, MappedBy::FolderNumber, out);
  return true;
}

// A folder no number placed: a category's title, a period, an indicator's title or keyword.
void place_by_title(const RuleSet& rules, const std::string& folder, std::size_t depth, FolderWalk& walk,
                    Placement& out) {
  if (walk.category.empty()) {
    const std::string by_title = match_category_title(rules, folder);
    if (!by_title.empty()) {
      walk.category = by_title;
      // A category folder may also name an indicator ("信用承诺"), but category wins here.
      return;
    }
  }
  const NamedPeriod period = period_from_name(folder);
  if (period.quarter || period.month) {
    if (period.quarter) out.quarter_hint = period.quarter;
    if (period.month) out.month_hint = period.month;
    return;
  }
  const TitleHit hit = match_indicator_title(rules, folder, walk.category);
  if (!hit.id.empty()) {
    walk.take_indicator(hit.id, depth, folder, MappedBy::FolderTitle, out);
    walk.category = category_of(rules, walk.indicator);
  }
}

// The indicator the file's own name gives (its number or title), "" when none.
std::string indicator_from_file_name(const RuleSet& rules, const std::string& name, const std::string& category) {
  const std::string number = leading_number(name);
  if (number.find('.') != std::string::npos && indicator_or_bonus_exists(rules, number)) return number;
  if (!number.empty() && !category.empty() && indicator_or_bonus_exists(rules, category + "." + number)) {
    return category + "." + number;
  }
  return match_indicator_title(rules, name, category).id;
}

}  // namespace

Placement map_file(const RuleSet& rules, const FileRecord& file) {
  Placement out;
  const std::vector<std::string> folders = file.folders();
  const std::string name = strip_extension(file.file_name());
  out.loose_at_root = folders.empty();
  // `evpack init` writes its guide only into indicator and bonus folders; a 说明.txt
  // at the root or in an unmapped folder is the bureau's own note (D.5).
  const bool guide_name = file.file_name() == kGuideFileName;

  FolderWalk walk;
  for (std::size_t depth = 0; depth < folders.size(); ++depth) {
    const std::string& folder = folders[depth];
    if (!walk.indicator.empty()) {
      note_below_indicator(folders, depth, out);
    } else if (is_bonus_folder(folder)) {
      walk.category = "B";
    } else if (const std::string number = leading_number(folder);
               number.empty() || !place_by_number(rules, folder, number, depth, walk, out)) {
      place_by_title(rules, folder, depth, walk, out);
    }
  }

  if (!walk.indicator.empty()) {
    out.guide = guide_name;
    out.why = "文件夹" + quote(walk.why_folder);
  } else if (std::string id = indicator_from_file_name(rules, name, walk.category); !id.empty()) {
    walk.indicator = std::move(id);
    out.how = MappedBy::FileName;
    out.why = "文件名" + quote(file.file_name());
  }
  out.indicator = walk.indicator;
  if (walk.indicator.empty()) {
    out.why = walk.category.empty() ? "路径中没有可识别的类别或指标" : "只识别到类别，未识别到具体指标";
    return out;
  }
  if (const Indicator* ind = rules.find_indicator(walk.indicator); ind && !ind->sub_items.empty()) {
    // Only what lies below the indicator folder: its own name names the indicator, not a part.
    std::string below;
    const std::size_t first = out.how == MappedBy::FileName ? folders.size() : walk.indicator_depth + 1;
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
