#include "evpack/package/catalogue.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

#include "evpack/report/html_report.hpp"
#include "evpack/rules/folder_names.hpp"
#include "evpack/util/format.hpp"
#include "evpack/util/html.hpp"
#include "evpack/util/text.hpp"

namespace evpack {

namespace {

std::string cut(const std::string& text, std::size_t max_chars) {
  const auto chars = split_utf8_chars(text);
  if (chars.size() <= max_chars) return text;
  std::string out;
  for (std::size_t i = 0; i < max_chars; ++i) out += chars[i];
  return out + "…";
}

struct IndicatorLabel {
  std::string id;
  std::string title;
  std::string category;  ///< category folder name, or the bonus folder
};

IndicatorLabel label_of(const RuleSet& rules, const std::string& id) {
  if (id.empty()) return {"", "未归类", "99 未归类材料"};
  if (const Indicator* ind = rules.find_indicator(id)) {
    const Category* cat = rules.find_category(ind->category);
    return {id, ind->title, cat ? category_folder_name(rules, *cat) : ind->category};
  }
  for (const auto& b : rules.bonuses) {
    if (b.id == id) return {id, b.title, bonus_folder_name(rules)};
  }
  for (const auto& d : rules.deductions) {
    if (d.id == id) return {id, d.title, deduction_folder_name(rules)};
  }
  return {id, id, ""};
}

// The packed name without the bag's data/ and folders: what a reviewer sees in the folder.
std::string file_part(const std::string& path) {
  const auto slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

std::string date_of(const Evidence& e) {
  if (!e.inspection.date.value) return "";
  return e.inspection.date.value->has_time() ? e.inspection.date.value->iso() : e.inspection.date.value->date.iso();
}

std::string date_source_of(const Evidence& e) {
  return e.inspection.date.source == DateSource::None ? "" : source_label_zh(e.inspection.date.source);
}

double page_count(const Evidence& e) {
  return e.inspection.document && e.inspection.document->page_count > 0 ? e.inspection.document->page_count : 0;
}

std::string original_note(const PlannedFile& f) {
  std::string note = f.original;
  if (f.assigned) note += "（手工指定归属）";
  if (f.extension_fixed) note += "（扩展名已按实际格式更正）";
  return note;
}

}  // namespace

std::string evidence_summary(const Evidence& evidence) {
  const Inspection& in = evidence.inspection;
  std::vector<std::string> parts;
  if (!in.readable) parts.push_back("文件无法读取");
  if (in.document) {
    const DocumentFacts& d = *in.document;
    if (!trim(d.title).empty()) parts.push_back("《" + cut(trim(d.title), 30) + "》");
    if (d.own_number) parts.push_back("文号 " + d.own_number->text);
    if (!d.issue_date_text.empty())
      parts.push_back("成文日期 " + d.issue_date_text);
    else if (d.issue_date)
      parts.push_back("成文日期 " + d.issue_date->iso());
    if (d.letterhead.state != Presence::NotChecked) parts.push_back("红头 " + presence_label_zh(d.letterhead.state));
    if (d.seal.state != Presence::NotChecked) parts.push_back("公章 " + presence_label_zh(d.seal.state));
    if (d.scanned) parts.push_back("扫描件");
  }
  if (in.photo) {
    const PhotoFacts& p = *in.photo;
    if (p.screenshot) parts.push_back("截图");
    if (p.watermark_time) {
      parts.push_back("水印时间 " + p.watermark_time->iso() +
                      (p.watermark_brand.empty() ? "" : "（" + p.watermark_brand + "）"));
    } else if (p.watermark.state != Presence::NotChecked && !p.screenshot) {
      parts.push_back("时间水印 " + presence_label_zh(p.watermark.state));
    }
    if (p.exif_time) parts.push_back("拍摄时间 " + p.exif_time->iso());
    if (!p.model.empty()) parts.push_back("设备 " + trim(p.make + " " + p.model));
  }
  if (parts.empty()) parts.push_back(kind_label_zh(evidence.file.kind));
  return join_nonempty(parts, "；");
}

std::vector<Sheet> catalogue_sheets(const CheckResult& check, const PackagePlan& plan,
                                    const CatalogueContext& context) {
  std::vector<Sheet> sheets;
  const bool volumes = plan.volumes > 1;

  Sheet files;
  files.name = "目录";
  files.columns = {{"序号", 6},
                   {"分类"},
                   {"指标", 8},
                   {"指标名称"},
                   {"包内文件名", 0, false},
                   {"日期", 18},
                   {"日期来源", 10},
                   {"证明内容", 50, true},
                   {"页数", 6},
                   {"类型", 10},
                   {"大小（字节）", 12},
                   {"原文件名（原路径）", 50, true},
                   {"SHA-256", 20}};
  if (volumes) files.columns.insert(files.columns.begin() + 1, SheetColumn{"卷", 5});
  int number = 0;
  for (const auto& f : plan.files) {
    if (f.volume != context.volume) continue;
    const Evidence& e = check.evidence[f.evidence];
    const IndicatorLabel label = label_of(check.rules, f.indicator);
    // Cells emplaced with an explicit alternative: GCC 12 warns (falsely) about moving
    // temporaries into variants.
    std::vector<SheetCell> row;
    auto number_cell = [&row](double v) { row.emplace_back(std::in_place_type<double>, v); };
    auto text_cell = [&row](std::string v) { row.emplace_back(std::in_place_type<std::string>, std::move(v)); };
    number_cell(++number);
    if (volumes) number_cell(f.volume + 1);
    for (std::string text : {label.category, label.id, label.title, file_part(f.path), date_of(e), date_source_of(e),
                             evidence_summary(e)}) {
      text_cell(std::move(text));
    }
    if (page_count(e) > 0)
      number_cell(page_count(e));
    else
      row.emplace_back();
    text_cell(kind_label_zh(e.file.kind));
    number_cell(static_cast<double>(e.file.size));
    text_cell(original_note(f));
    text_cell(e.file.sha256);
    files.rows.push_back(std::move(row));
  }
  sheets.push_back(std::move(files));

  Sheet scores;
  scores.name = "得分估算";
  scores.columns = {{"编号", 8},        {"指标"},      {"估算得分", 10},  {"满分", 8},
                    {"修正后可得", 10}, {"文件数", 8}, {"说明", 60, true}};
  for (const auto& r : check.evaluation.indicators) {
    scores.rows.push_back(
        {r.id, r.title, r.points, r.cap, r.points_if_fixed, static_cast<double>(r.files.size()), r.reason});
  }
  for (const auto& b : check.evaluation.bonuses) {
    scores.rows.push_back(
        {b.id, "加分：" + b.title, b.points, b.cap, SheetCell{}, static_cast<double>(b.files.size()), b.reason});
  }
  for (const auto& d : check.evaluation.deductions) {
    if (d.points <= 0 && !d.manual && d.occurrences == 0) continue;
    scores.rows.push_back({d.id, "扣分：" + d.title, -d.points, SheetCell{}, SheetCell{}, SheetCell{},
                           d.manual ? "需人工核查：" + d.reason : d.reason});
  }
  const Totals& t = check.evaluation.totals;
  scores.rows.push_back(
      {std::string("合计"),
       std::string("基础分 ") + format_points(t.base) + " + 加分 " + format_points(t.bonus) + " − 扣分 " +
           format_points(t.deductions),
       t.total, t.nominal, SheetCell{}, SheetCell{},
       t.d1_risks > 0 ? "存在 " + std::to_string(t.d1_risks) + " 项弄虚作假（D.1）风险，一经认定总分为0" : ""});
  sheets.push_back(std::move(scores));

  Sheet findings;
  findings.name = "问题清单";
  findings.columns = {{"严重程度", 10},   {"代码", 24},       {"扣分规则", 8},   {"指标", 8},
                      {"文件", 40, true}, {"说明", 60, true}, {"建议", 40, true}};
  for (const auto& f : check.findings) {
    findings.rows.push_back({severity_label_zh(f.severity), f.code, f.rule, f.indicator, f.file, f.message, f.advice});
  }
  sheets.push_back(std::move(findings));

  Sheet left_out;
  left_out.name = "未纳入文件";
  left_out.columns = {{"原路径", 60, true}, {"原因", 40, true}};
  for (const auto& l : plan.left_out) left_out.rows.push_back({l.path, l.reason});
  sheets.push_back(std::move(left_out));
  return sheets;
}

namespace {

// The page's head and styles, the title and the estimated score.
void catalogue_heading(Html& h, const CheckResult& check, const PackagePlan& plan, const CatalogueContext& context) {
  const Totals& t = check.evaluation.totals;
  h.add(
      "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
  h.add("<title>{} 目录</title>\n", context.title);
  h.raw(
      "<style>\n"
      "body{font-family:\"Microsoft YaHei\",\"PingFang SC\",\"Noto Sans CJK SC\",sans-serif;margin:24px;color:#222}\n"
      "h1{font-size:22px}h2{font-size:18px;margin-top:28px;border-bottom:2px solid #c00;padding-bottom:4px}\n"
      "h3{font-size:15px;margin:18px 0 6px}table{border-collapse:collapse;width:100%;font-size:13px}\n"
      "th,td{border:1px solid #ccc;padding:4px 6px;vertical-align:top;text-align:left}th{background:#eef3fa}\n"
      ".num{text-align:right;white-space:nowrap}.muted{color:#777}.sev-致命,.sev-严重{color:#b00}\n"
      ".gap{color:#b00;font-weight:normal;font-size:13px;border:1px solid #b00;border-radius:3px;padding:0 4px}\n"
      "a{color:#0645ad}td a{word-break:break-all}\n"
      // A phone (420 px): the page does not run off the side; wide tables scroll inside.
      "@media (max-width:600px){body{margin:8px}table{display:block;overflow-x:auto;font-size:12px}}\n"
      "</style>\n</head>\n<body>\n");
  h.add("<h1>{} 目录</h1>\n<p>", context.title);
  h.add("评分规则：{}", check.rules.title);
  if (plan.volumes > 1) {
    h.add("　本卷：第 {} 卷，共 {} 卷", std::to_string(context.volume + 1), std::to_string(plan.volumes));
  }
  if (!context.packed_on.empty()) h.add("　打包日期：{}", context.packed_on);
  h.add("<br>估算得分：<b>{}</b> / {}（基础分 {}，加分 {}，扣分 {}）", format_points(t.total), format_points(t.nominal),
        format_points(t.base), format_points(t.bonus), format_points(t.deductions));
  if (t.d1_risks > 0) h.add("　<span class=\"sev-致命\">弄虚作假（D.1）风险 {} 项</span>", std::to_string(t.d1_risks));
  h.add(
      "</p>\n<p class=\"muted\">每个文件的“原文件名”列给出其在原材料目录中的位置；SHA-256 校验值见 manifest-sha256.txt。</p>\n");
}

// Every indicator and bonus in the table's order, with its files in this volume as relative
// links into data/; one without files anywhere is marked 缺材料 (the gap a reviewer looks
// for); unmapped files come last.
void catalogue_files(Html& h, const CheckResult& check, const PackagePlan& plan, const CatalogueContext& context) {
  std::vector<std::string> sections;
  for (const auto& ind : check.rules.indicators) sections.push_back(ind.id);
  for (const auto& b : check.rules.bonuses) sections.push_back(b.id);
  std::map<std::string, std::vector<const PlannedFile*>> by_section;
  for (const auto& f : plan.files) {
    if (std::find(sections.begin(), sections.end(), f.indicator) == sections.end()) sections.push_back(f.indicator);
    by_section[f.indicator].push_back(&f);
  }
  std::string category = "\x01";
  int number = 0;
  for (const auto& id : sections) {
    const IndicatorLabel label = label_of(check.rules, id);
    const auto& all = by_section[id];
    if (id.empty() && all.empty()) continue;
    if (label.category != category) {
      category = label.category;
      h.add("<h2>{}</h2>\n", category);
    }
    h.add("<h3 id=\"{}\">{}", "ind-" + id, label.id.empty() ? label.title : label.id + " " + label.title);
    if (all.empty()) {
      h.add(" <span class=\"gap\">缺材料</span></h3>\n");
      continue;
    }
    std::vector<const PlannedFile*> here;
    for (const auto* f : all) {
      if (f->volume == context.volume) here.push_back(f);
    }
    if (here.empty()) {
      h.add(" <span class=\"muted\">材料在第{}卷</span></h3>\n", std::to_string(all.front()->volume + 1));
      continue;
    }
    h.add(
        "</h3>\n<table><tr><th>序号</th><th>文件</th><th>日期</th><th>证明内容</th><th>页数</th><th>原文件名</th></tr>\n");
    for (const auto* f : here) {
      const Evidence& e = check.evidence[f->evidence];
      const std::string date = date_of(e);
      const std::string source = date_source_of(e);
      h.add(
          "<tr><td class=\"num\">{}</td><td><a href=\"{}\">{}</a></td><td>{}{}"
          "</td><td>{}</td><td class=\"num\">{}</td><td>{}</td></tr>\n",
          std::to_string(++number), href_encode_path(f->path), file_part(f->path), date,
          source.empty() ? Html() : Html::format("<br><span class=\"muted\">{}</span>", source), evidence_summary(e),
          (page_count(e) > 0 ? std::to_string(static_cast<int>(page_count(e))) : ""), original_note(*f));
    }
    h.add("</table>\n");
  }
}

// The score per indicator, the check's findings and the files left out.
void catalogue_tail(Html& h, const CheckResult& check, const PackagePlan& plan) {
  h.add("<h2>得分估算</h2>\n<table><tr><th>编号</th><th>指标</th><th>估算得分</th><th>满分</th><th>说明</th></tr>\n");
  for (const auto& r : check.evaluation.indicators) {
    h.add(
        "<tr><td>{}</td><td>{}</td><td class=\"num\">{}"
        "</td><td class=\"num\">{}</td><td>{}</td></tr>\n",
        r.id, r.title, format_points(r.points), format_points(r.cap), r.reason);
  }
  h.add("</table>\n");

  h.add("<h2>自检发现的问题（{} 条）</h2>\n", std::to_string(check.findings.size()));
  if (!check.findings.empty()) {
    h.add("<table><tr><th>严重程度</th><th>规则</th><th>文件</th><th>说明</th><th>建议</th></tr>\n");
    for (const auto& f : check.findings) {
      const std::string sev = severity_label_zh(f.severity);
      h.add(
          "<tr><td class=\"sev-{}\">{}</td><td>{}</td><td>{}</td><td>{}"
          "</td><td>{}</td></tr>\n",
          sev, sev, f.rule, f.file, f.message, f.advice);
    }
    h.add("</table>\n");
  }
  if (!plan.left_out.empty()) {
    h.add("<h2>未纳入本包的文件</h2>\n<table><tr><th>原路径</th><th>原因</th></tr>\n");
    for (const auto& l : plan.left_out) {
      h.add("<tr><td>{}</td><td>{}</td></tr>\n", l.path, l.reason);
    }
    h.add("</table>\n");
  }
}

}  // namespace

std::string render_catalogue_html(const CheckResult& check, const PackagePlan& plan, const CatalogueContext& context) {
  Html h;
  catalogue_heading(h, check, plan, context);
  catalogue_files(h, check, plan, context);
  catalogue_tail(h, check, plan);
  h.add("<p class=\"muted\">由 evpack {} 生成。</p>\n</body>\n</html>\n", context.tool_version);
  return h.take();
}

}  // namespace evpack
