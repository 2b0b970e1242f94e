#include "evpack/package/package_plan.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <set>
#include <tuple>

#include "evpack/evaluate/mapping.hpp"
#include "evpack/inspect/date_text.hpp"
#include "evpack/rules/folder_names.hpp"
#include "evpack/scan/scanner.hpp"
#include "evpack/util/text.hpp"

namespace evpack {

namespace {

constexpr const char* kOtherFolder = "99 未归类材料";
constexpr std::size_t kStemChars = 40;
constexpr std::size_t kFolderChars = 40;
constexpr std::size_t kListedInError = 30;
// Per-volume room kept for the catalogue, report and BagIt files when splitting.
constexpr std::uint64_t kVolumeReserve = 1 << 20;
constexpr std::uint64_t kPerFileReserve = 2048;

bool has_han(const std::string& text) {
  for (const auto& ch : split_utf8_chars(text)) {
    if (is_han_char(ch)) return true;
  }
  return false;
}

// The extension a file of `kind` should carry: the kind's own name, but .jpg for
// JPEG; "" for kinds with no single extension (other images, .doc/.wps, video, text).
std::string canonical_extension(ContentKind kind) {
  switch (kind) {
    case ContentKind::Jpeg: return "jpg";
    case ContentKind::Pdf:
    case ContentKind::Ofd:
    case ContentKind::Png:
    case ContentKind::Heic:
    case ContentKind::Docx:
    case ContentKind::Xlsx:
    case ContentKind::Pptx:
    case ContentKind::Zip: return to_string(kind);
    default: return "";
  }
}

std::string kind_noun(const Evidence& e) {
  switch (e.file.kind) {
    case ContentKind::Jpeg:
    case ContentKind::Png:
    case ContentKind::Heic:
    case ContentKind::OtherImage: return e.inspection.photo && e.inspection.photo->screenshot ? "截图" : "照片";
    case ContentKind::Pdf:
    case ContentKind::Ofd:
    case ContentKind::Docx:
    case ContentKind::OleOffice:
    case ContentKind::Text: return "文件";
    case ContentKind::Xlsx: return "台账";
    case ContentKind::Pptx: return "演示文稿";
    case ContentKind::Video: return "视频";
    default: return "材料";
  }
}

// Leading dates and list numbers ("2025.3.18 ", "01-", "1.", "（1）") and trailing
// dates carry nothing the packed name does not already show.
std::string strip_dates_and_numbers(std::string stem) {
  for (int round = 0; round < 4; ++round) {
    stem = trim(stem);
    const auto dates = find_dates(stem);
    if (!dates.empty() && dates.front().offset == 0) {
      stem.erase(0, dates.front().text.size());
      continue;
    }
    if (!dates.empty() && dates.back().offset + dates.back().text.size() == stem.size() && dates.back().offset > 0) {
      stem.erase(dates.back().offset);
      continue;
    }
    const auto chars = split_utf8_chars(stem);
    std::size_t i = 0;
    std::size_t bytes = 0;
    bool bracket = false;
    if (i < chars.size() && (chars[i] == "(" || chars[i] == "（" || chars[i] == "【" || chars[i] == "[")) {
      bracket = true;
      bytes += chars[i++].size();
    }
    const std::size_t digits_from = i;
    while (i < chars.size() && chars[i].size() == 1 && std::isdigit(static_cast<unsigned char>(chars[i][0]))) {
      bytes += chars[i++].size();
    }
    if (i == digits_from || i >= chars.size()) break;
    static const std::set<std::string> kSeparators = {".", "-",  "_",  "、", " ",  "．", "。",
                                                      ")", "）", "】", "]",  "，", ","};
    if (kSeparators.count(chars[i]) == 0) break;  // "3月…", "12345abc": part of the name
    if (bracket && chars[i] != ")" && chars[i] != "）" && chars[i] != "】" && chars[i] != "]") break;
    bytes += chars[i].size();
    stem.erase(0, bytes);
  }
  // Separators left at either end ("_领导小组会议-"), compared as whole characters.
  static const std::set<std::string> kEdge = {"-", "_", ".", "、", "，", ",", " "};
  auto chars = split_utf8_chars(stem);
  std::size_t first = 0;
  std::size_t last = chars.size();
  while (first < last && kEdge.count(chars[first])) ++first;
  while (last > first && kEdge.count(chars[last - 1])) --last;
  std::string out;
  for (std::size_t i = first; i < last; ++i) out += chars[i];
  return trim(out);
}

// Names given by cameras, phones and chat apps: they say nothing about the evidence.
bool is_meaningless(const std::string& stem) {
  if (stem.empty()) return true;
  const std::string lower = to_lower_ascii(stem);
  static const char* const kPrefixes[] = {"img",      "dsc",      "dcim",     "mmexport", "wx_camera", "screenshot",
                                          "photo",    "vid",      "mvimg",    "pxl_",     "wechatimg", "image",
                                          "微信图片", "微信截图", "屏幕截图", "qq图片",   "截屏",      "scan",
                                          "扫描",     "新建",     "未命名",   "mmexport"};
  for (const char* p : kPrefixes) {
    if (lower.starts_with(p)) return true;
  }
  if (has_han(stem)) return false;
  // Only digits, hex and punctuation: a hash or a counter.
  return std::all_of(lower.begin(), lower.end(), [](char c) {
    return std::isxdigit(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == ' ' || c == '.' || c == '(' ||
           c == ')';
  });
}

std::string cut_chars(const std::string& text, std::size_t max_chars) {
  const auto chars = split_utf8_chars(text);
  if (chars.size() <= max_chars) return text;
  std::string out;
  for (std::size_t i = 0; i < max_chars; ++i) out += chars[i];
  return out;
}

std::string last_component(const std::string& path) {
  const auto slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

std::string listed(const std::vector<std::string>& paths) {
  std::string out;
  for (std::size_t i = 0; i < paths.size() && i < kListedInError; ++i) out += "\n  " + paths[i];
  if (paths.size() > kListedInError) out += "\n  ……另有 " + std::to_string(paths.size() - kListedInError) + " 个";
  return out;
}

struct Where {
  std::string folder;  ///< "data/01 …/1.1 …"
  int category_rank = 0;
  int indicator_rank = 0;
  std::string title;
};

// The place of the entry `id` among `entries` (bonuses, deductions): its rank there, its
// folder under `group`; nullopt when none has that id.
template <typename Entries, typename ItemFolder>
std::optional<Where> item_folder(const Entries& entries, const std::string& id, int category_rank,
                                 const std::string& group, ItemFolder item_folder_name) {
  for (std::size_t i = 0; i < entries.size(); ++i) {
    if (entries[i].id != id) continue;
    return Where{"data/" + group + "/" + item_folder_name(entries[i]), category_rank, static_cast<int>(i),
                 entries[i].title};
  }
  return std::nullopt;
}

std::optional<Where> indicator_folder(const RuleSet& rules, const std::string& id) {
  for (std::size_t i = 0; i < rules.indicators.size(); ++i) {
    const Indicator& ind = rules.indicators[i];
    if (ind.id != id) continue;
    const Category* cat = rules.find_category(ind.category);
    Where w;
    int rank = 0;
    for (std::size_t c = 0; c < rules.categories.size(); ++c) {
      if (rules.categories[c].id == ind.category) rank = static_cast<int>(c);
    }
    w.category_rank = rank;
    w.indicator_rank = static_cast<int>(i);
    w.folder = "data/" + (cat ? category_folder_name(rules, *cat) : windows_safe_name(ind.category)) + "/" +
               indicator_folder_name(ind);
    w.title = ind.title;
    return w;
  }
  const int after_categories = static_cast<int>(rules.categories.size());
  if (auto w = item_folder(rules.bonuses, id, after_categories, bonus_folder_name(rules),
                           [](const Bonus& b) { return bonus_item_folder_name(b); })) {
    return w;
  }
  return item_folder(rules.deductions, id, after_categories + 1, deduction_folder_name(rules),
                     [](const Deduction& d) { return deduction_item_folder_name(d); });
}

struct Draft {
  PlannedFile file;
  int category_rank = 0;
  int indicator_rank = 0;
  int period_rank = 0;  // quarter * 100 + month of the period folder, for 一二三四 order
  std::string period;   // the period folder kept from the original, or ""
  std::string folder;   // full folder of the file inside the bag
  std::string unit;     // indicator folder: the preferred cut between volumes
  std::string date;     // "2025-03-18" or ""
  std::string stem;
  std::string extension;
  std::uint64_t size = 0;
};

}  // namespace

ZipMethod method_for(ContentKind kind) {
  switch (kind) {
    case ContentKind::Text:
    case ContentKind::OleOffice:
    case ContentKind::Other:
    case ContentKind::Empty: return ZipMethod::Deflate;
    default: return ZipMethod::Store;  // JPEG, PNG, HEIC, PDF, video and zip-based formats are compressed already
  }
}

std::size_t utf16_units(const std::string& utf8) {
  std::size_t units = 0;
  for (const auto& ch : split_utf8_chars(utf8)) units += ch.size() == 4 ? 2 : 1;
  return units;
}

std::string safe_component(const std::string& name, std::size_t max_chars) {
  std::string safe = windows_safe_name(trim(name));
  safe = cut_chars(safe, max_chars);
  return windows_safe_name(trim(safe));  // the cut may leave a trailing dot or space
}

std::string readable_stem(const Evidence& evidence, const std::string& indicator_title) {
  const std::string name = evidence.file.file_name();
  const std::string ext = file_extension(name);
  std::string stem = ext.empty() ? name : name.substr(0, name.size() - ext.size() - 1);
  stem = strip_dates_and_numbers(stem);
  if (!is_meaningless(stem)) return stem;
  if (evidence.inspection.document && !trim(evidence.inspection.document->title).empty()) {
    return cut_chars(trim(evidence.inspection.document->title), kStemChars);
  }
  if (!evidence.placement.item_key.empty()) {
    const std::string item = strip_dates_and_numbers(last_component(evidence.placement.item_key));
    if (!is_meaningless(item)) return item + kind_noun(evidence);
  }
  return indicator_title + kind_noun(evidence);
}

// --- the steps of plan_package -------------------------------------------------------------

namespace {

// The indicator a file goes to: its mapping, or the longest --place prefix that names it
// (`assigned` then true).
std::string target_indicator(const Evidence& e, const PlanOptions& options, bool& assigned) {
  const std::string& rel = e.file.rel_path;
  std::string id = e.placement.indicator;
  assigned = false;
  std::size_t best = 0;
  for (const auto& [prefix, target] : options.assignments) {
    std::string p = prefix;
    while (!p.empty() && p.back() == '/') p.pop_back();
    const bool match = rel == p || (!p.empty() && rel.starts_with(p + "/"));
    if (match && p.size() >= best) {
      best = p.size();
      id = target;
      assigned = true;
    }
  }
  return id;
}

// What every draft holds whatever its folder: evidence index, method, size, extension, date.
Draft base_draft(const Evidence& e, std::size_t index, bool assigned) {
  Draft d;
  d.file.evidence = index;
  d.file.original = e.file.rel_path;
  d.file.assigned = assigned;
  d.file.method = method_for(e.file.kind);
  d.size = e.file.size;
  std::string ext = e.file.extension;
  const std::string real = canonical_extension(e.file.kind);
  if ((e.file.extension_mismatch || ext.empty()) && !real.empty() && real != ext) {
    d.file.extension_fixed = !ext.empty();
    ext = real;
  }
  d.extension = ext;
  if (e.inspection.date.value && e.inspection.date.value->date.valid()) d.date = e.inspection.date.value->date.iso();
  return d;
}

// A file mapped (or assigned) to an indicator: its folder, period and item subfolders, stem.
void place_in_indicator(Draft& d, const Evidence& e, const std::string& id, const Where& where, bool assigned) {
  d.file.indicator = id;
  d.category_rank = where.category_rank;
  d.indicator_rank = where.indicator_rank;
  d.unit = where.folder;
  d.folder = where.folder;
  // Keep a period folder of the original ("2025年第一季度", "3月"): it tells the
  // reviewer (and the check) the quarter. Never invent one.
  if (!assigned) {
    const std::string item = last_component(e.placement.item_key);
    for (const auto& folder : e.file.folders()) {
      const NamedPeriod period = period_from_name(folder);
      if ((period.quarter || period.month) && folder != item && leading_number(folder).empty()) {
        const int quarter = period.quarter ? period.quarter : (period.month - 1) / 3 + 1;
        d.period_rank = quarter * 100 + period.month;
        d.period = safe_component(folder, kFolderChars);
      }
    }
    if (!d.period.empty()) d.folder += "/" + d.period;
  }
  if (!assigned && !e.placement.item_key.empty()) {
    const std::string item = safe_component(last_component(e.placement.item_key), kFolderChars);
    if (!item.empty() && item != "_") d.folder += "/" + item;
  }
  d.stem = safe_component(readable_stem(e, where.title), kStemChars);
}

// An unmapped file packed under "99 未归类材料", in its original folders and name.
void place_in_other_folder(Draft& d, const Evidence& e, const RuleSet& rules) {
  d.category_rank = static_cast<int>(rules.categories.size()) + 1;
  d.unit = std::string("data/") + kOtherFolder;
  d.folder = d.unit;
  for (const auto& f : e.file.folders()) d.folder += "/" + safe_component(f, kFolderChars);
  d.stem = "";  // keep the original name: nobody knows yet what it is
}

// One draft per file to pack; guide files and (by policy) unmapped files go to left_out.
// Fails when files cannot be read, or are unmapped under the Refuse policy, or none is left.
Expected<std::vector<Draft>> draft_files(const CheckResult& check, const PlanOptions& options, PackagePlan& plan) {
  std::vector<Draft> drafts;
  std::vector<std::string> unmapped;
  std::vector<std::string> unreadable;
  for (std::size_t i = 0; i < check.evidence.size(); ++i) {
    const Evidence& e = check.evidence[i];
    const std::string& rel = e.file.rel_path;
    if (e.placement.guide) {
      plan.left_out.push_back({rel, "evpack init 生成的说明文件，不是佐证材料"});
      continue;
    }
    if (!e.file.read_error.empty()) {
      unreadable.push_back(rel + "（" + e.file.read_error + "）");
      continue;
    }
    bool assigned = false;
    const std::string id = target_indicator(e, options, assigned);
    Draft d = base_draft(e, i, assigned);
    if (const auto where = id.empty() ? std::nullopt : indicator_folder(check.rules, id)) {
      place_in_indicator(d, e, id, *where, assigned);
    } else if (options.unmapped == UnmappedPolicy::Refuse) {
      unmapped.push_back(rel);
      continue;
    } else if (options.unmapped == UnmappedPolicy::Exclude) {
      plan.left_out.push_back({rel, "未能归入任何指标，按要求不打包"});
      continue;
    } else {
      place_in_other_folder(d, e, check.rules);
    }
    drafts.push_back(std::move(d));
  }
  if (!unreadable.empty()) {
    return Error{"PACK_UNREADABLE_FILES", "有 " + std::to_string(unreadable.size()) + " 个文件无法读取，不能打包：" +
                                              listed(unreadable) + "\n请检查文件权限或是否已损坏后重试。"};
  }
  if (!unmapped.empty()) {
    return Error{"PACK_UNMAPPED_FILES", "有 " + std::to_string(unmapped.size()) + " 个文件未能归入任何指标，未打包：" +
                                            listed(unmapped) +
                                            "\n请把它们移入对应指标的文件夹；或用 --place 路径=指标编号 指定归属；"
                                            "或用 --unmapped exclude 不打包这些文件、--unmapped other 放入“" +
                                            kOtherFolder + "”。"};
  }
  if (drafts.empty()) return Error{"PACK_EMPTY", "没有可打包的佐证材料"};
  return drafts;
}

// Zip order: table order of categories and indicators, then folder, then date and name.
void sort_drafts(const CheckResult& check, std::vector<Draft>& drafts) {
  std::stable_sort(drafts.begin(), drafts.end(), [&](const Draft& a, const Draft& b) {
    const std::string& ra = check.evidence[a.file.evidence].file.rel_path;
    const std::string& rb = check.evidence[b.file.evidence].file.rel_path;
    const std::string da = a.date.empty() ? "9999" : a.date;
    const std::string db = b.date.empty() ? "9999" : b.date;
    return std::tie(a.category_rank, a.indicator_rank, a.period_rank, a.folder, da, ra) <
           std::tie(b.category_rank, b.indicator_rank, b.period_rank, b.folder, db, rb);
  });
}

// A path made free in `used` (case-insensitive): the order number, then a second counter
// (unmapped originals in one folder may already hold a name like the renamed one).
std::string free_path(const std::string& folder, const std::string& path, int number, std::set<std::string>& used) {
  if (used.insert(to_lower_ascii(path)).second) return path;
  const std::string base = last_component(path);
  for (int extra = 1;; ++extra) {
    const std::string mark = std::to_string(number) + (extra > 1 ? "-" + std::to_string(extra) : "");
    const std::string renamed = folder + "/" + mark + "-" + base;
    if (used.insert(to_lower_ascii(renamed)).second) return renamed;
  }
}

// Names: order number per folder, date, readable stem; kept under the path limit.
void name_files(const CheckResult& check, const PlanOptions& options, const std::string& bag_name,
                std::vector<Draft>& drafts) {
  std::map<std::string, int> per_folder_count;
  for (const auto& d : drafts) ++per_folder_count[to_lower_ascii(d.folder)];
  std::map<std::string, int> next_number;
  std::set<std::string> used;
  for (auto& d : drafts) {
    const std::string key = to_lower_ascii(d.folder);
    const int number = ++next_number[key];
    const int width = std::max<int>(2, static_cast<int>(std::to_string(per_folder_count[key]).size()));
    std::string prefix = std::to_string(number);
    prefix.insert(0, static_cast<std::size_t>(std::max(0, width - static_cast<int>(prefix.size()))), '0');
    if (!d.date.empty()) prefix += "-" + d.date;
    std::string stem = d.stem;
    if (d.file.indicator.empty()) {
      // Unmapped folder: the original name, only made safe.
      stem = safe_component(check.evidence[d.file.evidence].file.file_name(), 80);
      prefix.clear();
      d.extension.clear();
    }
    auto compose = [&](const std::string& s) {
      std::string name = prefix;
      if (!s.empty()) name += (name.empty() ? "" : " ") + s;
      if (!d.extension.empty()) name += "." + d.extension;
      return d.folder + "/" + name;
    };
    std::string path = compose(stem);
    while (utf16_units(bag_name + "/" + path) > options.max_path_units && !stem.empty()) {
      const auto chars = split_utf8_chars(stem);
      stem = safe_component(cut_chars(stem, chars.size() > 4 ? chars.size() - 1 : 0), kStemChars);
      if (stem == "_") stem.clear();
      path = compose(stem);
    }
    d.file.path = free_path(d.folder, path, number, used);
  }
}

// Volumes: with a split size, groups of consecutive drafts (one indicator folder, or when
// that is too big one item folder, or one file) fill volumes in order.
void split_volumes(const PlanOptions& options, std::vector<Draft>& drafts, PackagePlan& plan) {
  std::vector<std::uint64_t> volume_bytes(1, 0);
  std::vector<std::size_t> volume_files(1, 0);
  if (options.split_size == 0) {
    for (const auto& d : drafts) volume_bytes[0] += d.size;
    plan.volumes = 1;
    plan.volume_bytes = volume_bytes;
    return;
  }
  auto budget_for = [&](std::size_t files) {
    const std::uint64_t reserve = kVolumeReserve + kPerFileReserve * files;
    return options.split_size > reserve ? options.split_size - reserve : 1;
  };
  auto group_end = [&](std::size_t from, auto key_of) {
    std::size_t to = from;
    std::uint64_t bytes = 0;
    while (to < drafts.size() && key_of(drafts[to]) == key_of(drafts[from])) bytes += drafts[to++].size;
    return std::pair{to, bytes};
  };
  int volume = 0;
  std::size_t i = 0;
  while (i < drafts.size()) {
    auto [to, bytes] = group_end(i, [](const Draft& d) { return d.unit; });
    if (bytes > budget_for(to - i)) std::tie(to, bytes) = group_end(i, [](const Draft& d) { return d.folder; });
    if (bytes > budget_for(to - i)) std::tie(to, bytes) = std::pair{i + 1, drafts[i].size};
    const std::size_t n = to - i;
    if (volume_files[volume] > 0 && volume_bytes[volume] + bytes > budget_for(volume_files[volume] + n)) {
      ++volume;
      volume_bytes.push_back(0);
      volume_files.push_back(0);
    }
    for (std::size_t k = i; k < to; ++k) drafts[k].file.volume = volume;
    volume_bytes[volume] += bytes;
    volume_files[volume] += n;
    i = to;
  }
  for (std::size_t v = 0; v < volume_bytes.size(); ++v) {
    if (volume_bytes[v] > budget_for(volume_files[v])) plan.oversized_volumes.push_back(static_cast<int>(v));
  }
  plan.volumes = static_cast<int>(volume_bytes.size());
  plan.volume_bytes = volume_bytes;
}

}  // namespace

Expected<PackagePlan> plan_package(const CheckResult& check, const PlanOptions& options) {
  for (const auto& [prefix, id] : options.assignments) {
    if (!indicator_folder(check.rules, id)) {
      return Error{"PACK_BAD_ASSIGNMENT",
                   "指定的指标编号“" + id + "”在规则“" + check.rules.title + "”中不存在（" + prefix + "）"};
    }
  }
  PackagePlan plan;
  plan.bag_name = safe_component(options.bag_name.empty() ? "验收材料" : options.bag_name, kFolderChars);
  auto drafts = draft_files(check, options, plan);
  if (!drafts) return drafts.error();
  sort_drafts(check, drafts.value());
  name_files(check, options, plan.bag_name, drafts.value());
  split_volumes(options, drafts.value(), plan);
  for (auto& d : drafts.value()) plan.files.push_back(std::move(d.file));
  return plan;
}

}  // namespace evpack
