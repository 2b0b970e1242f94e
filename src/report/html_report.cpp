#include "evpack/report/html_report.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <map>
#include <set>
#include <unordered_map>

#include "evpack/report/finding_names.hpp"
#include "evpack/util/text.hpp"
#include "evpack/util/format.hpp"

namespace evpack {

std::optional<ReportLang> parse_report_lang(const std::string& text) {
  const std::string t = to_lower_ascii(trim(text));
  auto starts = [&](const char* p) {
    const std::string s = p;
    return t == s || t.rfind(s + "-", 0) == 0 || t.rfind(s + "_", 0) == 0;
  };
  if (starts("zh")) return ReportLang::Zh;
  if (starts("en")) return ReportLang::En;
  return std::nullopt;
}

// ---------------------------------------------------------------------------------------------
// Shared helpers

namespace {

const char* const kUnassignedZh = "未指定科室";
const char* const kUnassignedEn = "Unassigned";

struct Tr {
  ReportLang lang;
  std::string operator()(const char* zh, const char* en) const { return lang == ReportLang::En ? en : zh; }
};

// The units of an indicator or bonus, the lead (`lead:`, else the first listed) first.
std::vector<std::string> units_of(const RuleSet& rules, const std::string& id) {
  if (id.empty()) return {};
  if (const Indicator* ind = rules.find_indicator(id)) {
    std::vector<std::string> units = ind->units;
    if (!ind->lead.empty()) {
      std::erase(units, ind->lead);
      units.insert(units.begin(), ind->lead);
    }
    return units;
  }
  for (const auto& b : rules.bonuses) {
    if (b.id == id) return b.units;
  }
  if (const Deduction* d = rules.find_deduction(id)) return d->units;  // a 双公示 ledger placed under D.4
  return {};
}

}  // namespace

std::vector<std::string> responsible_units(const CheckResult& result, const Finding& finding, ReportLang lang) {
  // The finding's own indicator, else the one its file is mapped to (a broken PDF of 6.2 is
  // 6.2's to fix), else the units its deduction names (D.4: those that publish 双公示; D.5:
  // whoever assembles the materials).
  std::vector<std::string> units = units_of(result.rules, finding.indicator);
  if (units.empty() && !finding.file.empty()) {
    const auto it = std::lower_bound(result.evidence.begin(), result.evidence.end(), finding.file,
                                     [](const Evidence& e, const std::string& p) { return e.file.rel_path < p; });
    if (it != result.evidence.end() && it->file.rel_path == finding.file) {
      units = units_of(result.rules, it->placement.indicator);
    }
  }
  if (units.empty() && !finding.rule.empty()) units = units_of(result.rules, finding.rule);
  if (units.empty()) return {lang == ReportLang::En ? kUnassignedEn : kUnassignedZh};
  return units;
}

std::string lead_unit(const CheckResult& result, const Finding& finding, ReportLang lang) {
  return responsible_units(result, finding, lang).front();
}

std::vector<std::string> supporting_units(const CheckResult& result, const Finding& finding, ReportLang lang) {
  auto units = responsible_units(result, finding, lang);
  units.erase(units.begin());
  return units;
}

std::vector<std::string> units_in_order(const CheckResult& result, ReportLang lang) {
  std::vector<std::string> order;
  std::set<std::string> seen;
  auto add = [&](const std::string& u) {
    if (seen.insert(u).second) order.push_back(u);
  };
  for (const auto& i : result.rules.indicators) {
    for (const auto& u : i.units) add(u);
  }
  for (const auto& b : result.rules.bonuses) {
    for (const auto& u : b.units) add(u);
  }
  for (const auto& d : result.rules.deductions) {
    for (const auto& u : d.units) add(u);
  }
  std::set<std::string> rest;
  for (const auto& f : result.findings) {
    for (const auto& u : responsible_units(result, f, lang)) {
      if (!seen.count(u)) rest.insert(u);
    }
  }
  const std::string unassigned = lang == ReportLang::En ? kUnassignedEn : kUnassignedZh;
  for (const auto& u : rest) {
    if (u != unassigned) add(u);
  }
  if (rest.count(unassigned)) add(unassigned);
  return order;
}

std::string href_encode_path(const std::string& path) {
  static const char* const kHex = "0123456789ABCDEF";
  std::string out;
  for (const char ch : path) {
    const auto c = static_cast<unsigned char>(ch);
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~' || c == '/' || c >= 0x80) {
      out += ch;
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

std::string relative_file_href(const std::string& from_dir, const std::string& target) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path from = fs::absolute(from_dir.empty() ? "." : from_dir, ec).lexically_normal();
  const fs::path to = fs::absolute(target, ec).lexically_normal();
  const fs::path rel = to.lexically_relative(from);
  return href_encode_path((rel.empty() ? to : rel).generic_string());
}

std::string fix_advice(const Finding& finding, ReportLang lang) {
  if (!finding.advice.empty()) return finding.advice;
  const Tr t{lang};
  switch (finding.severity) {
    case Severity::Fatal:
      return t("请立即核实：确属错误的应更正材料，确无问题的应准备书面说明", "Check at once: correct the material or prepare a written explanation");
    case Severity::Error:
      return t("请按问题说明补正或替换材料", "Correct or replace the material as described");
    case Severity::Warning:
      return t("请核对，必要时补正材料", "Check and correct the material if needed");
    case Severity::Info:
      return t("供参考，一般无需处理", "For information; usually nothing to do");
  }
  return "";
}

// ---------------------------------------------------------------------------------------------
// Rendering

namespace {

std::string percent(double part, double whole) {
  if (whole <= 0) return "0";
  const double p = std::clamp(100.0 * part / whole, 0.0, 100.0);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.1f", p);
  return buf;
}

std::string file_name_of(const std::string& path) {
  const auto slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

std::string folder_of(const std::string& path) {
  const auto slash = path.rfind('/');
  return slash == std::string::npos ? "" : path.substr(0, slash);
}

// Anchor id for an indicator or bonus section ("ind-1.1", "ind-B.6").
std::string anchor(const std::string& id) {
  std::string out = "ind-";
  for (const char c : id) out += (std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-') ? c : '_';
  return out;
}

const char* const kNumerals[] = {"", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};

std::string category_label(const std::string& id, const std::string& title, ReportLang lang) {
  const int n = std::atoi(id.c_str());
  if (lang == ReportLang::Zh && n >= 1 && n <= 10) return std::string(kNumerals[n]) + "、" + title;
  return id + ". " + title;
}

enum class Status { Full, Partial, Zeroed, Missing, Zero, Task };

Status status_of(const IndicatorResult& r, bool scored) {
  if (!r.zeroed_by.empty()) return Status::Zeroed;
  if (!scored || r.mode == ScoringMode::Tasks) return r.files.empty() ? Status::Missing : Status::Task;
  if (r.cap > 0 && r.points + 1e-9 >= r.cap) return Status::Full;
  if (r.points > 0) return Status::Partial;
  return r.files.empty() ? Status::Missing : Status::Zero;
}

const char* status_class(Status s) {
  switch (s) {
    case Status::Full: return "ok";
    case Status::Partial: return "part";
    case Status::Zeroed: return "bad";
    case Status::Missing: return "miss";
    case Status::Zero: return "bad";
    case Status::Task: return "ok";
  }
  return "";
}

std::string status_label(Status s, const Tr& t) {
  switch (s) {
    case Status::Full: return t("满分", "Full");
    case Status::Partial: return t("部分得分", "Partial");
    case Status::Zeroed: return t("被扣为0分", "Zeroed");
    case Status::Missing: return t("无材料", "No evidence");
    case Status::Zero: return t("未得分", "No points");
    case Status::Task: return t("已有材料", "Evidence found");
  }
  return "";
}

const char* severity_class(Severity s) {
  switch (s) {
    case Severity::Fatal: return "fatal";
    case Severity::Error: return "error";
    case Severity::Warning: return "warning";
    case Severity::Info: return "info";
  }
  return "";
}

std::string severity_label(Severity s, ReportLang lang) {
  if (lang == ReportLang::Zh) return severity_label_zh(s);
  switch (s) {
    case Severity::Fatal: return "Fatal";
    case Severity::Error: return "Error";
    case Severity::Warning: return "Warning";
    case Severity::Info: return "Info";
  }
  return "";
}

std::string presence_text(Presence p, ReportLang lang) {
  if (lang == ReportLang::Zh) {
    switch (p) {
      case Presence::Present: return "有";
      case Presence::Absent: return "无";
      case Presence::CannotVerify: return "无法核实";
      case Presence::NotChecked: return "未检查";
    }
  }
  return to_string(p);
}

const char* presence_class(Presence p) {
  switch (p) {
    case Presence::Present: return "ok";
    case Presence::Absent: return "bad";
    case Presence::CannotVerify: return "part";
    case Presence::NotChecked: return "none";
  }
  return "none";
}

std::string kind_text(ContentKind k, ReportLang lang) { return lang == ReportLang::Zh ? kind_label_zh(k) : to_string(k); }

std::string source_text(DateSource s, ReportLang lang) {
  return lang == ReportLang::Zh ? source_label_zh(s) : to_string(s);
}

std::string timestamp_text(const Timestamp& t) { return t.has_time() ? t.iso() : t.date.iso(); }

// The CSS, the script and the page skeleton. The script only filters and opens the
// folded parts before printing; the report reads completely without it.
const char* const kStyle = R"CSS(
:root{--ink:#1d2733;--muted:#5f6b7a;--line:#dde3ea;--bg:#f4f6f9;--card:#fff;--brand:#1f4e79;
--ok:#2e7d32;--ok-bg:#e7f4e8;--part:#a15c00;--part-bg:#fff3dc;--bad:#c62828;--bad-bg:#fdeaea;
--miss:#6b4fa0;--miss-bg:#efeaf8;--none:#6b7785;--none-bg:#eef1f4;--fatal:#8e0000;--fatal-bg:#ffd9d9}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--ink);font:14px/1.55 "Microsoft YaHei","PingFang SC","Noto Sans CJK SC","Source Han Sans SC","WenQuanYi Zen Hei",system-ui,sans-serif}
a{color:var(--brand);text-decoration:none}a:hover{text-decoration:underline}
header.top{background:linear-gradient(120deg,#163a5c,#1f4e79 60%,#2a6496);color:#fff;padding:22px 0 18px}
.wrap{max-width:1160px;margin:0 auto;padding:0 20px}
header.top h1{margin:0 0 4px;font-size:24px;letter-spacing:1px}
header.top .sub{opacity:.9}
header.top dl{display:flex;flex-wrap:wrap;gap:4px 22px;margin:10px 0 0;font-size:13px;opacity:.92}
header.top dt{display:inline;opacity:.75}header.top dd{display:inline;margin:0 0 0 4px}
nav.toc{position:sticky;top:0;z-index:5;background:#fff;border-bottom:1px solid var(--line);box-shadow:0 1px 3px rgba(0,0,0,.04)}
nav.toc .wrap{display:flex;flex-wrap:wrap;gap:2px 4px;padding-top:6px;padding-bottom:6px}
nav.toc a{padding:4px 10px;border-radius:14px;color:var(--ink);font-size:13px}
nav.toc a:hover{background:var(--bg);text-decoration:none}
main{padding:18px 0 40px}
section.block{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:18px 22px;margin:0 0 18px}
h2{font-size:19px;margin:0 0 12px;padding-left:10px;border-left:4px solid var(--brand)}
h3{font-size:16px;margin:16px 0 8px}
.muted{color:var(--muted)}.small{font-size:12px}
.summary{display:grid;grid-template-columns:250px 1fr;gap:22px;align-items:start}
.gauge-box{text-align:center}
.gauge{width:210px;height:210px}
.formula{margin-top:4px;font-size:13px;color:var(--muted)}
.formula b{color:var(--ink)}
.kpis{display:grid;grid-template-columns:repeat(4,1fr);gap:10px;margin-bottom:14px}
.kpi{border:1px solid var(--line);border-radius:8px;padding:8px 10px;background:#fbfcfd}
.kpi .v{font-size:22px;font-weight:700}.kpi .l{font-size:12px;color:var(--muted)}
.kpi.fatal .v{color:var(--fatal)}.kpi.error .v{color:var(--bad)}.kpi.warning .v{color:var(--part)}
.banner{border-radius:8px;padding:10px 14px;margin:0 0 14px;font-weight:600}
.banner.fatal{background:var(--fatal-bg);color:var(--fatal);border:1px solid #f3a6a6}
.banner.good{background:var(--ok-bg);color:var(--ok);border:1px solid #b9dfbb}
.bars{display:grid;grid-template-columns:minmax(120px,200px) 1fr 70px;gap:6px 12px;align-items:center}
.bars .name{white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.track{height:14px;background:#e9edf2;border-radius:7px;overflow:hidden}
.fill{height:100%;border-radius:7px;background:var(--ok)}
.fill.part{background:#e0a030}.fill.bad{background:#d9534f}
.bars .num{text-align:right;font-variant-numeric:tabular-nums}
.bars .num.ded{color:var(--bad);font-weight:700}
.zeroed{display:grid;grid-template-columns:repeat(auto-fill,minmax(320px,1fr));gap:10px;margin-top:6px}
.zcard{border:1px solid #f1b8b8;background:var(--bad-bg);border-radius:8px;padding:8px 12px}
.zcard .h{font-weight:700;color:var(--bad)}
.zcard .f{font-size:12px;word-break:break-all}
table{border-collapse:collapse;width:100%}
table.risk{table-layout:fixed}
td.t{min-width:8.5em}
th,td{border-bottom:1px solid var(--line);padding:6px 8px;text-align:left;vertical-align:top}
th{background:#f0f3f7;font-weight:600;font-size:13px;white-space:nowrap}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
tr.cat td{background:#f7f9fb;font-weight:700}
td.path{word-break:break-all;font-size:12px}
td.u{width:190px}
.chip{display:inline-block;padding:0 8px;border-radius:10px;font-size:12px;line-height:20px;white-space:nowrap;margin:1px 2px 1px 0}
.chip.ok{background:var(--ok-bg);color:var(--ok)}.chip.part{background:var(--part-bg);color:var(--part)}
.chip.bad{background:var(--bad-bg);color:var(--bad)}.chip.miss{background:var(--miss-bg);color:var(--miss)}
.chip.none{background:var(--none-bg);color:var(--none)}
.chip.fatal{background:var(--fatal);color:#fff}.chip.error{background:var(--bad-bg);color:var(--bad)}
.chip.warning{background:var(--part-bg);color:var(--part)}.chip.info{background:var(--none-bg);color:var(--none)}
.minibar{display:inline-block;width:54px;height:6px;background:#e9edf2;border-radius:3px;vertical-align:middle;margin-left:6px;overflow:hidden}
.minibar i{display:block;height:100%;background:var(--ok)}
.minibar i.part{background:#e0a030}.minibar i.bad{background:#d9534f}
.filters{display:flex;flex-wrap:wrap;gap:8px 14px;align-items:center;margin:0 0 10px;font-size:13px}
.filters input[type=search]{padding:5px 10px;border:1px solid var(--line);border-radius:6px;min-width:240px;font:inherit}
.advice{color:#0b5d3b}
.advice:before{content:"→ "}
.unit{border:1px solid var(--line);border-radius:8px;margin:0 0 12px;overflow:hidden}
.unit>.uh{background:#f3f6fa;padding:8px 12px;display:flex;flex-wrap:wrap;gap:6px 14px;align-items:center}
.unit>.uh b{font-size:15px}
.unit ol{margin:0;padding:8px 12px 10px 34px}
.unit li{margin:3px 0}
.ind{border-top:1px solid var(--line);padding:16px 0 8px}
.ind:first-of-type{border-top:0}
.ind-head{display:flex;flex-wrap:wrap;align-items:baseline;gap:6px 14px}
.ind-head h3{margin:0}
.score-big{font-size:18px;font-weight:700}
.cause{background:var(--bad-bg);border-left:4px solid var(--bad);padding:6px 10px;margin:8px 0;border-radius:0 6px 6px 0}
.missing{background:var(--part-bg);border-left:4px solid #e0a030;padding:6px 10px;margin:8px 0;border-radius:0 6px 6px 0}
.manual{background:var(--miss-bg);border-left:4px solid var(--miss);padding:6px 10px;margin:8px 0;border-radius:0 6px 6px 0}
.cause ul,.missing ul,.manual ul{margin:2px 0;padding-left:20px}
.timeline{display:flex;gap:3px;margin:6px 0;flex-wrap:wrap}
.timeline span{min-width:46px;text-align:center;font-size:12px;padding:3px 4px;border-radius:4px;background:var(--none-bg);color:var(--none)}
.timeline span.ok{background:#cfe9d1;color:#1b5e20}.timeline span.late{background:#ffe2b0;color:#7a4500}
.timeline span.gap{background:#f8c9c9;color:#8e1b1b}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(210px,1fr));gap:12px;margin:10px 0}
.card{border:1px solid var(--line);border-radius:8px;background:#fff;overflow:hidden;break-inside:avoid;page-break-inside:avoid;display:flex;flex-direction:column}
.card.flag{border-color:#eaa1a1;box-shadow:0 0 0 1px #f5c8c8 inset}
.thumb{height:160px;background:#eef1f5;display:flex;align-items:center;justify-content:center;overflow:hidden}
.thumb img{max-width:100%;max-height:160px;display:block}
.thumb .ph{font-size:22px;font-weight:700;color:#9aa6b4;letter-spacing:1px}
.card .body{padding:8px 10px;font-size:12px}
.card .fname{font-weight:600;font-size:13px;word-break:break-all;margin-bottom:4px}
.card dl{display:grid;grid-template-columns:auto 1fr;gap:1px 8px;margin:0}
.card dt{color:var(--muted)}.card dd{margin:0;word-break:break-all}
.card ul.issues{margin:6px 0 0;padding-left:16px;color:var(--bad)}
.card ul.issues li.warning{color:var(--part)}.card ul.issues li.info{color:var(--none)}
details>summary{cursor:pointer;color:var(--brand);margin:6px 0}
footer{color:var(--muted);font-size:12px;text-align:center;padding:10px 0 30px}
#evpack-js-error{background:#fdeaea;color:#c62828;padding:8px;margin:8px}
@media (max-width:760px){.summary{grid-template-columns:1fr}.kpis{grid-template-columns:repeat(2,1fr)}}
@media (max-width:600px){#indicators th:nth-child(n+5),#indicators tr:not(.cat) td:nth-child(n+5){display:none}
table.risk{display:block;overflow-x:auto}a.file{word-break:break-all}}
@page{size:A4;margin:12mm 11mm}
@media print{
 body{background:#fff;font-size:11px}
 *{-webkit-print-color-adjust:exact;print-color-adjust:exact}
 nav.toc,.filters,.noprint{display:none!important}
 header.top{padding:10px 0}
 .wrap{max-width:none;padding:0}
 section.block{border:0;padding:0;margin:0 0 10px;border-radius:0}
 section.pb{break-before:page;page-break-before:always}
 .ind{break-before:page;page-break-before:always;border-top:0}
 .ind:first-of-type{break-before:auto;page-break-before:auto}
 tr,.zcard,.unit li{break-inside:avoid;page-break-inside:avoid}
 thead{display:table-header-group}
 .cards{grid-template-columns:repeat(4,1fr);gap:6px}
 .thumb{height:120px}.thumb img{max-height:120px}
 a{color:inherit}
}
)CSS";

const char* const kScript = R"JS(
(function(){
  function fail(e){
    if(document.getElementById('evpack-js-error'))return;
    var d=document.createElement('div');d.id='evpack-js-error';d.textContent='script error: '+e;
    document.body.insertBefore(d,document.body.firstChild);
  }
  window.addEventListener('error',function(ev){fail(ev.message||ev.error);});
  try{
    var box=document.getElementById('risk-search');
    var sevs=document.querySelectorAll('input[data-sev-toggle]');
    var rows=document.querySelectorAll('#risks tr[data-sev]');
    var count=document.getElementById('risk-count');
    function apply(){
      var q=(box&&box.value||'').trim().toLowerCase();
      var on={};
      for(var i=0;i<sevs.length;i++)on[sevs[i].getAttribute('data-sev-toggle')]=sevs[i].checked;
      var shown=0;
      for(var j=0;j<rows.length;j++){
        var r=rows[j];
        var ok=on[r.getAttribute('data-sev')]!==false&&(!q||r.textContent.toLowerCase().indexOf(q)>=0);
        r.style.display=ok?'':'none';
        if(ok)shown++;
      }
      if(count)count.textContent=String(shown);
    }
    if(box)box.addEventListener('input',apply);
    for(var k=0;k<sevs.length;k++)sevs[k].addEventListener('change',apply);
    apply();
    window.addEventListener('beforeprint',function(){
      var ds=document.querySelectorAll('details');for(var i=0;i<ds.length;i++)ds[i].open=true;
      for(var j=0;j<rows.length;j++)rows[j].style.display='';
    });
    var m=document.createElement('div');m.id='evpack-js-ok';m.hidden=true;document.body.appendChild(m);
  }catch(e){fail(e);}
})();
)JS";

class HtmlWriter {
 public:
  HtmlWriter(const CheckResult& result, const HtmlReportContext& context, const std::vector<std::string>& thumbs)
      : r_(result), ctx_(context), thumbs_(thumbs), t_{context.lang} {
    for (std::size_t i = 0; i < r_.evidence.size(); ++i) evidence_by_path_[r_.evidence[i].file.rel_path] = i;
    for (const auto& f : r_.findings) {
      if (!f.file.empty()) by_file_[f.file].push_back(&f);
      if (!f.indicator.empty()) by_indicator_[f.indicator].push_back(&f);
    }
    year_ = r_.rules.year;
  }

  std::string render() {
    out_.reserve(64 * 1024 + thumbs_total());
    const Tr& t = t_;
    out_ += "<!DOCTYPE html>\n<html lang=\"";
    out_ += ctx_.lang == ReportLang::En ? "en" : "zh-CN";
    out_ += "\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\n";
    out_ += "<meta name=\"generator\" content=\"evpack " + html_escape(ctx_.tool_version) + "\">\n";
    out_ += "<title>" + html_escape(title()) + "</title>\n<style>" + std::string(kStyle) + "</style>\n</head>\n<body>\n";
    header();
    out_ += "<nav class=\"toc\"><div class=\"wrap\">";
    out_ += "<a href=\"#summary\">" + t("概览", "Summary") + "</a>";
    out_ += "<a href=\"#indicators\">" + t("指标得分", "Indicators") + "</a>";
    out_ += "<a href=\"#risks\">" + t("问题清单", "Findings") + "</a>";
    out_ += "<a href=\"#units\">" + t("科室待办", "To-do by unit") + "</a>";
    out_ += "<a href=\"#deductions\">" + t("加分与扣分", "Bonus and deductions") + "</a>";
    out_ += "<a href=\"#details\">" + t("指标详情", "Indicator details") + "</a>";
    out_ += "<a href=\"#unmapped\">" + t("未归类文件", "Unmapped files") + "</a>";
    out_ += "<a href=\"#manual\">" + t("人工核查", "Manual checks") + "</a>";
    out_ += "</div></nav>\n<main class=\"wrap\">\n";
    summary();
    indicator_table();
    risks();
    units();
    bonus_and_deductions();
    details();
    unmapped();
    manual();
    out_ += "</main>\n<footer>" +
            t("本报告由 evpack 根据材料自动生成，得分为估算，最终以验收评审为准。",
              "Generated by evpack from the files; scores are estimates, the acceptance review decides.") +
            " evpack " + html_escape(ctx_.tool_version) + "</footer>\n";
    out_ += "<script>" + std::string(kScript) + "</script>\n</body>\n</html>\n";
    return std::move(out_);
  }

 private:
  std::size_t thumbs_total() const {
    std::size_t n = 0;
    for (const auto& s : thumbs_) n += s.size() * 4 / 3 + 64;
    return n;
  }

  std::string title() const {
    return t_("信用交通县创建验收材料自查报告", "Credit Transport County: evidence self-check report");
  }

  void header() {
    const Tr& t = t_;
    out_ += "<header class=\"top\"><div class=\"wrap\"><h1>" + html_escape(title()) + "</h1>";
    out_ += "<div class=\"sub\">" + html_escape(r_.rules.title) + "</div><dl>";
    auto item = [&](const std::string& k, const std::string& v) {
      if (v.empty()) return;
      out_ += "<div><dt>" + k + "</dt><dd>" + html_escape(v) + "</dd></div>";
    };
    item(t("材料：", "Evidence:"), ctx_.input.empty() ? r_.scan.root : ctx_.input);
    item(t("文件数：", "Files:"), std::to_string(r_.evidence.size()));
    item(t("规则：", "Rules:"), r_.rules.id);
    if (r_.rules.year) item(t("年度：", "Year:"), std::to_string(r_.rules.year));
    if (ctx_.check_date.valid()) item(t("检查日期：", "Check date:"), ctx_.check_date.iso());
    item(t("工具版本：", "Tool:"), "evpack " + ctx_.tool_version);
    out_ += "</dl></div></header>\n";
  }

  // --- summary -------------------------------------------------------------------------------

  void gauge() {
    const Totals& tot = r_.evaluation.totals;
    const double nominal = tot.nominal > 0 ? tot.nominal : 100;
    const double frac = std::clamp(tot.total / nominal, 0.0, 1.0);
    const double circumference = 2 * 3.14159265358979 * 52;
    const char* colour = frac >= 0.8 ? "#2e7d32" : frac >= 0.6 ? "#e0a030" : "#d9534f";
    char dash[64];
    std::snprintf(dash, sizeof dash, "%.1f %.1f", circumference * frac, circumference);
    out_ += "<svg class=\"gauge\" viewBox=\"0 0 120 120\" role=\"img\" aria-label=\"" + t_("预计得分", "Estimated score") +
            " " + format_points(tot.total) + "/" + format_points(nominal) + "\">";
    out_ += "<circle cx=\"60\" cy=\"60\" r=\"52\" fill=\"none\" stroke=\"#e6ebf2\" stroke-width=\"11\"/>";
    out_ += "<circle cx=\"60\" cy=\"60\" r=\"52\" fill=\"none\" stroke=\"" + std::string(colour) +
            "\" stroke-width=\"11\" stroke-linecap=\"round\" stroke-dasharray=\"" + dash +
            "\" transform=\"rotate(-90 60 60)\"/>";
    out_ += "<text x=\"60\" y=\"58\" text-anchor=\"middle\" font-size=\"30\" font-weight=\"700\" fill=\"#1d2733\" "
            "id=\"total-score\">" +
            format_points(tot.total) + "</text>";
    out_ += "<text x=\"60\" y=\"78\" text-anchor=\"middle\" font-size=\"11\" fill=\"#5f6b7a\">" + t_("满分 ", "of ") +
            format_points(nominal) + "</text>";
    out_ += "<text x=\"60\" y=\"93\" text-anchor=\"middle\" font-size=\"10\" fill=\"#5f6b7a\">" +
            t_("预计得分", "estimated") + "</text></svg>";
  }

  void summary() {
    const Tr& t = t_;
    const Evaluation& ev = r_.evaluation;
    const Totals& tot = ev.totals;
    out_ += "<section class=\"block\" id=\"summary\"><h2>" + t("概览", "Summary") + "</h2>\n";
    if (tot.d1_risks > 0) {
      out_ += "<div class=\"banner fatal\">" +
              (ctx_.lang == ReportLang::En
                   ? "! " + std::to_string(tot.d1_risks) +
                         " risk(s) of fabrication (D.1): if confirmed, the acceptance is cancelled and the total becomes 0. "
                         "Deal with them first (see Findings)."
                   : "！发现 " + std::to_string(tot.d1_risks) +
                         " 项弄虚作假（D.1）风险：一经查实，取消验收资格、总分扣至0分。请优先处理（见问题清单）。") +
              "</div>\n";
    }
    out_ += "<div class=\"summary\"><div class=\"gauge-box\">";
    if (r_.rules.scored) {
      gauge();
      out_ += "<div class=\"formula\">" + t("基础分", "Base") + " <b id=\"base-score\">" + format_points(tot.base) + "</b> + " +
              t("加分", "bonus") + " <b>" + format_points(tot.bonus) + "</b> − " + t("扣分", "deductions") + " <b>" +
              format_points(tot.deductions) + "</b></div>";
      double recoverable = 0;
      for (const auto& i : ev.indicators) recoverable += std::max(0.0, i.points_if_fixed - i.points);
      if (recoverable > 0) {
        out_ += "<div class=\"formula\">" + t("纠正扣0分问题后可增加约 ", "Fixing the zeroing causes adds about ") +
                "<b>" + format_points(recoverable) + "</b>" + t(" 分", " points") + "</div>";
      }
    } else {
      std::size_t with = 0;
      for (const auto& i : ev.indicators) with += i.files.empty() ? 0 : 1;
      out_ += "<div class=\"kpi\"><div class=\"v\">" + std::to_string(with) + "/" +
              std::to_string(ev.indicators.size()) + "</div><div class=\"l\">" +
              t("有材料的任务", "tasks with evidence") + "</div></div>";
    }
    out_ += "</div><div>";
    std::map<Severity, int> counts;
    for (const auto& f : r_.findings) ++counts[f.severity];
    out_ += "<div class=\"kpis\">";
    for (const Severity s : {Severity::Fatal, Severity::Error, Severity::Warning, Severity::Info}) {
      out_ += "<div class=\"kpi " + std::string(severity_class(s)) + "\"><div class=\"v\" id=\"count-" +
              severity_class(s) + "\">" + std::to_string(counts[s]) + "</div><div class=\"l\">" +
              severity_label(s, ctx_.lang) + t("问题", " findings") + "</div></div>";
    }
    out_ += "</div>";
    if (r_.rules.scored) {
      out_ += "<div class=\"bars\">";
      for (const auto& c : ev.categories) {
        const double frac = c.total > 0 ? c.points / c.total : 0;
        const char* cls = frac >= 0.999 ? "" : frac >= 0.5 ? " part" : " bad";
        out_ += "<div class=\"name\">" + html_escape(category_label(c.id, c.title, ctx_.lang)) +
                "</div><div class=\"track\"><div class=\"fill" + cls + "\" style=\"width:" + percent(c.points, c.total) +
                "%\"></div></div><div class=\"num\">" + format_points(c.points) + " / " + format_points(c.total) + "</div>";
      }
      if (!ev.bonuses.empty()) {
        double cap = 0;
        for (const auto& b : ev.bonuses) cap += b.cap;
        out_ += "<div class=\"name\">" + t("加分项", "Bonus") + "</div><div class=\"track\"><div class=\"fill\" style=\"width:" +
                percent(tot.bonus, cap) + "%\"></div></div><div class=\"num\">+" + format_points(tot.bonus) + "</div>";
      }
      out_ += "<div class=\"name\">" + t("扣分项", "Deductions") + "</div><div class=\"small muted\">" +
              t("详见“扣分项与加分项”", "see Deductions") + "</div><div class=\"num ded\">−" + format_points(tot.deductions) +
              "</div>";
      out_ += "</div>";
    }
    out_ += "</div></div>\n";

    // Zeroed indicators: the first thing a leader should see after the score.
    std::vector<const IndicatorResult*> zeroed;
    for (const auto& i : ev.indicators) {
      if (!i.zeroed_by.empty()) zeroed.push_back(&i);
    }
    if (!zeroed.empty()) {
      out_ += "<h3>" + t("被扣为0分的指标", "Indicators zeroed") + "</h3><div class=\"zeroed\">";
      for (const auto* i : zeroed) {
        out_ += "<div class=\"zcard\"><div class=\"h\"><a href=\"#" + anchor(i->id) + "\">" + html_escape(i->id + " " + i->title) +
                "</a>：" + format_points(i->points) + " / " + format_points(i->cap) +
                (i->points_if_fixed > i->points
                     ? t("（修正后可得 ", " (fixed: ") + format_points(i->points_if_fixed) + t(" 分）", ")")
                     : std::string()) +
                "</div>";
        for (const auto& z : i->zeroed_by) {
          out_ += "<div>" + html_escape(z.shown().empty() ? z.message : z.shown() + "：" + z.message) + "</div>";
          if (!z.file.empty()) out_ += "<div class=\"f\">" + t("文件：", "File: ") + file_ref(z.file) + "</div>";
        }
        out_ += "</div>";
      }
      out_ += "</div>\n";
    } else if (r_.rules.scored) {
      out_ += "<div class=\"banner good\">" + t("没有被扣为0分的指标。", "No indicator is zeroed.") + "</div>";
    }
    out_ += "</section>\n";
  }

  // --- indicator table -------------------------------------------------------------------------

  void indicator_table() {
    const Tr& t = t_;
    const Evaluation& ev = r_.evaluation;
    out_ += "<section class=\"block pb\" id=\"indicators\"><h2>" + t("指标得分", "Indicator scores") + "</h2>\n";
    out_ += "<table><thead><tr><th>" + t("编号", "No.") + "</th><th>" + t("指标", "Indicator") + "</th><th class=\"num\">" +
            t("得分", "Points") + "</th><th>" + t("状态", "Status") + "</th><th>" + t("说明", "Reason") + "</th><th>" +
            t("责任科室", "Units") + "</th></tr></thead><tbody>\n";
    for (const auto& c : ev.categories) {
      out_ += "<tr class=\"cat\"><td colspan=\"2\">" + html_escape(category_label(c.id, c.title, ctx_.lang)) +
              "</td><td class=\"num\">" + format_points(c.points) + " / " + format_points(c.total) + "</td><td colspan=\"3\"></td></tr>\n";
      for (const auto& i : ev.indicators) {
        if (i.category != c.id) continue;
        indicator_row(i);
      }
    }
    // Indicators whose category is not in the list (should not happen, but never drop rows).
    for (const auto& i : ev.indicators) {
      const bool listed = std::any_of(ev.categories.begin(), ev.categories.end(),
                                      [&](const CategoryResult& c) { return c.id == i.category; });
      if (!listed) indicator_row(i);
    }
    out_ += "</tbody></table></section>\n";
  }

  void indicator_row(const IndicatorResult& i) {
    const Status s = status_of(i, r_.rules.scored);
    const double frac = i.cap > 0 ? i.points / i.cap : 0;
    const char* bar = frac >= 0.999 ? "" : frac > 0 ? "part" : "bad";
    out_ += "<tr id=\"row-" + anchor(i.id) + "\"><td><a href=\"#" + anchor(i.id) + "\">" + html_escape(i.id) + "</a></td><td class=\"t\">" +
            html_escape(i.title) + "</td><td class=\"num\">" + format_points(i.points) + " / " + format_points(i.cap) +
            "<span class=\"minibar\"><i class=\"" + bar + "\" style=\"width:" + percent(i.points, i.cap) +
            "%\"></i></span></td><td><span class=\"chip " + status_class(s) + "\">" + status_label(s, t_) +
            "</span></td><td>" + html_escape(i.reason) + "</td><td class=\"small u\">" + html_escape(join_nonempty(i.units, "、")) +
            "</td></tr>\n";
  }

  // --- risks -----------------------------------------------------------------------------------

  // The path people read for a file: the packed path in a package's report.
  std::string shown_path(const std::string& path) const {
    const auto it = ctx_.file_links.find(path);
    return it == ctx_.file_links.end() ? path : it->second.shown;
  }

  // A file named by the report: a relative link to it when the context has one.
  std::string file_ref(const std::string& path, const std::string& text = "") const {
    const auto it = ctx_.file_links.find(path);
    if (it == ctx_.file_links.end()) return html_escape(text.empty() ? path : text);
    return "<a class=\"file\" href=\"" + html_escape(it->second.href) + "\">" + html_escape(text.empty() ? it->second.shown : text) +
           "</a>";
  }

  // The lead unit in bold, the supporting units after it.
  std::string units_cell(const Finding& f) const {
    const auto helpers = supporting_units(r_, f, ctx_.lang);
    return "<b>" + html_escape(lead_unit(r_, f, ctx_.lang)) + "</b>" +
           (helpers.empty() ? std::string() : "<br>" + t_("配合：", "Support: ") + html_escape(join_nonempty(helpers, "、")));
  }

  // The finding's name people read (Chinese; the code in the English report).
  std::string finding_name(const Finding& f) const {
    return ctx_.lang == ReportLang::En ? f.code : finding_name_zh(f.code);
  }

  // The indicator a finding concerns: its own, else the one its file is mapped to.
  std::string indicator_of(const Finding& f) const {
    if (!f.indicator.empty()) return f.indicator;
    const auto it = evidence_by_path_.find(f.file);
    return it == evidence_by_path_.end() ? "" : r_.evidence[it->second].placement.indicator;
  }

  std::string indicator_link(const std::string& id) const {
    if (id.empty()) return "";
    return "<a href=\"#" + anchor(id) + "\">" + html_escape(id) + "</a>";
  }

  void risks() {
    const Tr& t = t_;
    out_ += "<section class=\"block pb\" id=\"risks\"><h2>" + t("问题清单（按严重程度）", "Findings by severity") + "</h2>\n";
    if (r_.findings.empty()) {
      out_ += "<p>" + t("未发现问题。", "No findings.") + "</p></section>\n";
      return;
    }
    out_ += "<div class=\"filters noprint\"><input type=\"search\" id=\"risk-search\" placeholder=\"" +
            t("筛选：输入文件名、指标或关键词", "Filter: file, indicator or word") + "\">";
    for (const Severity s : {Severity::Fatal, Severity::Error, Severity::Warning, Severity::Info}) {
      out_ += "<label><input type=\"checkbox\" data-sev-toggle=\"" + std::string(severity_class(s)) + "\"" +
              (s == Severity::Info ? "" : " checked") + "> " + severity_label(s, ctx_.lang) + "</label>";
    }
    out_ += "<span class=\"muted\">" + t("显示 ", "Showing ") + "<b id=\"risk-count\">" +
            std::to_string(r_.findings.size()) + "</b>" + t(" 条", "") + "</span></div>\n";
    for (const Severity s : {Severity::Fatal, Severity::Error, Severity::Warning, Severity::Info}) {
      std::vector<const Finding*> list;
      for (const auto& f : r_.findings) {
        if (f.severity == s) list.push_back(&f);
      }
      if (list.empty()) continue;
      out_ += "<h3><span class=\"chip " + std::string(severity_class(s)) + "\">" + severity_label(s, ctx_.lang) +
              "</span> " + std::to_string(list.size()) + t(" 条", "") + "</h3>\n";
      out_ += "<table class=\"risk\"><colgroup><col style=\"width:52px\"><col style=\"width:48px\"><col>"
              "<col style=\"width:24%\"><col style=\"width:17%\"></colgroup><thead><tr><th>" +
              t("规则", "Rule") + "</th><th>" + t("指标", "Ind.") + "</th><th>" +
              t("问题与整改建议", "Finding and fix") + "</th><th>" + t("文件", "File") + "</th><th>" +
              t("责任科室", "Units") + "</th></tr></thead><tbody>\n";
      for (const Finding* f : list) {
        // People read the finding's Chinese name; the code is kept for the hover and scripts.
        out_ += "<tr data-sev=\"" + std::string(severity_class(s)) + "\" data-code=\"" + html_escape(f->code) + "\"><td>" +
                html_escape(f->rule) + "</td><td>" + indicator_link(indicator_of(*f)) + "</td><td><b title=\"" + html_escape(f->code) +
                "\">" + html_escape(finding_name(*f)) + "</b>：" + html_escape(f->message) + "<div class=\"advice\">" +
                html_escape(fix_advice(*f, ctx_.lang)) + "</div></td><td class=\"path\">" + file_ref(f->file) +
                "</td><td class=\"small\">" +
                units_cell(*f) + "</td></tr>\n";
      }
      out_ += "</tbody></table>\n";
    }
    out_ += "</section>\n";
  }

  // --- to-do per unit --------------------------------------------------------------------------

  void units() {
    const Tr& t = t_;
    out_ += "<section class=\"block pb\" id=\"units\"><h2>" + t("各责任科室待办", "To-do by responsible unit") + "</h2>\n";
    out_ += "<p class=\"muted small\">" +
            t("每条问题只列在牵头科室下（规则文件为该指标指定的牵头科室，未指定时为所列的第一个科室），"
              "其他科室为配合；“提示”级问题不列入待办。",
              "Each finding is listed once, under its lead unit (the first unit the rule file lists for "
              "its indicator); the others support. Info findings are left out.") +
            "</p>\n";
    bool any = false;
    for (const auto& unit : units_in_order(r_, ctx_.lang)) {
      std::vector<const Finding*> items;
      for (const auto& f : r_.findings) {
        if (f.severity == Severity::Info) continue;
        if (lead_unit(r_, f, ctx_.lang) == unit) items.push_back(&f);
      }
      double short_of = 0;
      int indicators = 0;
      for (const auto& i : r_.evaluation.indicators) {
        if (std::find(i.units.begin(), i.units.end(), unit) == i.units.end()) continue;
        ++indicators;
        short_of += std::max(0.0, i.cap - i.points);
      }
      if (items.empty()) continue;
      any = true;
      std::map<Severity, int> counts;
      for (const auto* f : items) ++counts[f->severity];
      out_ += "<div class=\"unit\" data-unit=\"" + html_escape(unit) + "\"><div class=\"uh\"><b>" + html_escape(unit) + "</b>";
      for (const Severity s : {Severity::Fatal, Severity::Error, Severity::Warning}) {
        if (counts[s]) {
          out_ += "<span class=\"chip " + std::string(severity_class(s)) + "\">" + severity_label(s, ctx_.lang) + " " +
                  std::to_string(counts[s]) + "</span>";
        }
      }
      if (indicators > 0 && r_.rules.scored) {
        out_ += "<span class=\"muted small\">" +
                (ctx_.lang == ReportLang::En
                     ? std::to_string(indicators) + " indicators, " + format_points(short_of) + " points short"
                     : "负责指标 " + std::to_string(indicators) + " 项，尚差 " + format_points(short_of) + " 分") +
                "</span>";
      }
      out_ += "</div><ol>";
      for (const auto* f : items) {
        out_ += "<li><span class=\"chip " + std::string(severity_class(f->severity)) + "\">" +
                severity_label(f->severity, ctx_.lang) + "</span> ";
        if (!indicator_of(*f).empty()) out_ += indicator_link(indicator_of(*f)) + " ";
        out_ += "<b title=\"" + html_escape(f->code) + "\">" + html_escape(finding_name(*f)) + "</b>：<span class=\"advice\">" +
                html_escape(fix_advice(*f, ctx_.lang)) + "</span><div class=\"small muted\">" + html_escape(f->message);
        if (!f->file.empty()) out_ += "（" + file_ref(f->file) + "）";
        const auto helpers = supporting_units(r_, *f, ctx_.lang);
        if (!helpers.empty()) out_ += "<br>" + t("配合：", "Support: ") + html_escape(join_nonempty(helpers, "、"));
        out_ += "</div></li>";
      }
      out_ += "</ol></div>\n";
    }
    if (!any) out_ += "<p>" + t("没有待办事项。", "Nothing to do.") + "</p>";
    out_ += "</section>\n";
  }

  // --- bonus and deductions --------------------------------------------------------------------

  void bonus_and_deductions() {
    const Tr& t = t_;
    const Evaluation& ev = r_.evaluation;
    out_ += "<section class=\"block\" id=\"deductions\"><h2>" + t("扣分项与加分项", "Deductions and bonus") + "</h2>\n";
    out_ += "<table><thead><tr><th>" + t("编号", "No.") + "</th><th>" + t("扣分情形", "Deduction") +
            "</th><th class=\"num\">" + t("预计扣分", "Points") + "</th><th class=\"num\">" + t("问题数", "Count") +
            "</th><th>" + t("说明", "Reason") + "</th></tr></thead><tbody>\n";
    for (const auto& d : ev.deductions) {
      std::string chip;
      if (d.manual) chip = "<span class=\"chip miss\">" + t("需人工核查", "manual check") + "</span> ";
      else if (d.points > 0) chip = "<span class=\"chip bad\">" + t("扣分", "deducted") + "</span> ";
      else if (d.occurrences > 0) chip = "<span class=\"chip part\">" + t("有风险", "risk") + "</span> ";
      out_ += "<tr><td>" + html_escape(d.id) + "</td><td>" + html_escape(d.title) + "</td><td class=\"num\">" +
              (d.points > 0 ? "−" + format_points(d.points) : std::string("0")) + "</td><td class=\"num\">" +
              std::to_string(d.occurrences) + "</td><td>" + chip + html_escape(d.reason) + "</td></tr>\n";
    }
    out_ += "</tbody></table>\n";
    if (!ev.bonuses.empty()) {
      out_ += "<h3>" + t("加分项", "Bonus") + "</h3><table><thead><tr><th>" + t("编号", "No.") + "</th><th>" +
              t("加分情形", "Bonus") + "</th><th class=\"num\">" + t("得分", "Points") + "</th><th class=\"num\">" +
              t("文件数", "Files") + "</th><th>" + t("说明", "Reason") + "</th></tr></thead><tbody>\n";
      for (const auto& b : ev.bonuses) {
        out_ += "<tr><td>" + (b.files.empty() ? html_escape(b.id) : indicator_link(b.id)) + "</td><td>" + html_escape(b.title) +
                "</td><td class=\"num\">" + format_points(b.points) + " / " + format_points(b.cap) + "</td><td class=\"num\">" +
                std::to_string(b.files.size()) + "</td><td>" + html_escape(b.reason) + "</td></tr>\n";
      }
      out_ += "</tbody></table>\n";
    }
    out_ += "</section>\n";
  }

  // --- indicator details -----------------------------------------------------------------------

  bool quarter_due(int q) const {
    if (!ctx_.check_date.valid() || !year_) return true;
    const CivilDate end = q == 4 ? CivilDate{year_, 12, 31} : CivilDate{year_, q * 3 + 1, 1};
    return ctx_.check_date >= end;
  }

  bool month_due(int m, int deadline_day) const {
    if (!ctx_.check_date.valid() || !year_) return true;
    return ctx_.check_date >= CivilDate{year_, m, deadline_day > 0 ? deadline_day : 28};
  }

  void timeline(const IndicatorResult& i, const Indicator* rule) {
    const Tr& t = t_;
    const bool quarters = i.mode == ScoringMode::PerQuarter || !i.quarters_covered.empty();
    const bool months = i.mode == ScoringMode::PerMonth || !i.months_covered.empty() || !i.months_late.empty();
    if (!quarters && !months) return;
    auto has = [](const std::vector<int>& v, int x) { return std::find(v.begin(), v.end(), x) != v.end(); };
    if (quarters) {
      out_ += "<div class=\"timeline\" data-kind=\"quarters\">";
      static const char* const kQ[] = {"", "一季度", "二季度", "三季度", "四季度"};
      for (int q = 1; q <= 4; ++q) {
        const bool ok = has(i.quarters_covered, q);
        const char* cls = ok ? "ok" : quarter_due(q) ? "gap" : "";
        const std::string label = ctx_.lang == ReportLang::En ? "Q" + std::to_string(q) : kQ[q];
        const std::string state = ok ? t("有", "covered") : quarter_due(q) ? t("缺", "missing") : t("未到期", "not due");
        out_ += "<span class=\"" + std::string(cls) + "\" title=\"" + label + " " + state + "\">" + label + "<br>" +
                state + "</span>";
      }
      out_ += "</div>";
    }
    if (months) {
      const int deadline = rule ? rule->deadline_day : 0;
      out_ += "<div class=\"timeline\" data-kind=\"months\">";
      for (int m = 1; m <= 12; ++m) {
        const bool ok = has(i.months_covered, m);
        const bool late = has(i.months_late, m);
        const bool due = month_due(m, deadline);
        const char* cls = ok ? "ok" : late ? "late" : due ? "gap" : "";
        const std::string label = ctx_.lang == ReportLang::En ? "M" + std::to_string(m) : std::to_string(m) + "月";
        const std::string state =
            ok ? t("有", "ok") : late ? t("逾期", "late") : due ? t("缺", "missing") : t("未到期", "not due");
        out_ += "<span class=\"" + std::string(cls) + "\">" + label + "<br>" + state + "</span>";
      }
      out_ += "</div>";
    }
  }

  std::string thumb_html(std::size_t index, const Evidence& e) const {
    std::string out = "<div class=\"thumb\">";
    if (index < thumbs_.size() && !thumbs_[index].empty()) {
      out += "<img alt=\"\" loading=\"lazy\" src=\"data:image/jpeg;base64," + base64_encode(thumbs_[index]) + "\">";
    } else {
      std::string label = to_lower_ascii(e.file.extension);
      for (auto& c : label) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      if (label.empty() || label.size() > 5) label = to_string(e.file.kind);
      out += "<span class=\"ph\">" + html_escape(label) + "</span>";
    }
    return out + "</div>";
  }

  void fact(const std::string& key, const std::string& value) {
    if (value.empty()) return;
    out_ += "<dt>" + key + "</dt><dd>" + value + "</dd>";
  }

  std::string verdict_chip(const std::string& name, const Verdict& v) const {
    return "<span class=\"chip " + std::string(presence_class(v.state)) + "\" title=\"" + html_escape(v.reason) + "\">" + name +
           " " + presence_text(v.state, ctx_.lang) + "</span>";
  }

  void evidence_card(const std::string& path) {
    const Tr& t = t_;
    const auto it = evidence_by_path_.find(path);
    if (it == evidence_by_path_.end()) {
      out_ += "<div class=\"card\"><div class=\"body\"><div class=\"fname\">" + html_escape(file_name_of(path)) +
              "</div></div></div>";
      return;
    }
    const Evidence& e = r_.evidence[it->second];
    const auto fit = by_file_.find(path);
    bool flagged = false;
    if (fit != by_file_.end()) {
      for (const Finding* f : fit->second) flagged = flagged || f->severity >= Severity::Error;
    }
    out_ += "<div class=\"card" + std::string(flagged ? " flag" : "") + "\" data-file=\"" + html_escape(path) + "\">" +
            thumb_html(it->second, e) + "<div class=\"body\"><div class=\"fname\" title=\"" + html_escape(path) + "\">" +
            file_ref(path, file_name_of(shown_path(path))) + "</div>";
    const std::string shown = shown_path(path);
    if (!folder_of(shown).empty()) out_ += "<div class=\"small muted\">" + html_escape(folder_of(shown)) + "</div>";
    out_ += "<dl>";
    fact(t("类型", "Kind"), html_escape(kind_text(e.file.kind, ctx_.lang)));
    if (e.inspection.date.value) {
      fact(t("日期", "Date"), html_escape(timestamp_text(*e.inspection.date.value)) + " <span class=\"muted\">（" +
                                  html_escape(source_text(e.inspection.date.source, ctx_.lang)) + "）</span>");
    }
    std::string chips;
    if (const auto& p = e.inspection.photo) {
      if (p->watermark_time) fact(t("水印时间", "Watermark"), html_escape(timestamp_text(*p->watermark_time)));
      if (p->exif_time) fact(t("拍摄时间", "EXIF time"), html_escape(timestamp_text(*p->exif_time)));
      fact(t("相机", "Camera"), html_escape(join_nonempty({p->make, p->model}, " ")));
      fact(t("软件", "Software"), html_escape(p->software));
      if (p->width > 0) fact(t("尺寸", "Size"), std::to_string(p->width) + "×" + std::to_string(p->height));
      if (!p->screenshot) chips += verdict_chip(t("水印", "Watermark"), p->watermark);
      if (p->screenshot) chips += "<span class=\"chip none\">" + t("截图", "screenshot") + "</span>";
      if (!p->has_exif) chips += "<span class=\"chip none\">" + t("无EXIF", "no EXIF") + "</span>";
    }
    if (const auto& d = e.inspection.document) {
      fact(t("标题", "Title"), html_escape(d->title));
      if (d->own_number) fact(t("文号", "Doc no."), html_escape(d->own_number->text));
      if (d->issue_date) fact(t("成文日期", "Issued"), html_escape(d->issue_date_text.empty() ? d->issue_date->iso() : d->issue_date_text));
      if (d->page_count > 0) fact(t("页数", "Pages"), std::to_string(d->page_count));
      chips += verdict_chip(t("红头", "Header"), d->letterhead);
      chips += verdict_chip(t("文号", "Number"), d->number);
      chips += verdict_chip(t("公章", "Seal"), d->seal);
      if (d->scanned) chips += "<span class=\"chip none\">" + t("扫描件", "scan") + "</span>";
    }
    out_ += "</dl>";
    if (!chips.empty()) out_ += "<div>" + chips + "</div>";
    if (fit != by_file_.end()) {
      out_ += "<ul class=\"issues\">";
      for (const Finding* f : fit->second) {
        out_ += "<li class=\"" + std::string(severity_class(f->severity)) + "\">" + html_escape(f->message) + "</li>";
      }
      out_ += "</ul>";
    }
    out_ += "</div></div>";
  }

  void cards(const std::vector<std::string>& files) {
    if (files.empty()) return;
    // Photos and documents first as cards, in path order (files already sorted).
    out_ += "<div class=\"cards\">";
    for (const auto& f : files) evidence_card(f);
    out_ += "</div>";
  }

  void indicator_section(const IndicatorResult& i) {
    const Tr& t = t_;
    const Status s = status_of(i, r_.rules.scored);
    const Indicator* rule = r_.rules.find_indicator(i.id);
    out_ += "<div class=\"ind\" id=\"" + anchor(i.id) + "\"><div class=\"ind-head\"><h3>" + html_escape(i.id + " " + i.title) +
            "</h3><span class=\"score-big\">" + format_points(i.points) + " / " + format_points(i.cap) + "</span><span class=\"chip " +
            status_class(s) + "\">" + status_label(s, t) + "</span>";
    if (!i.units.empty()) out_ += "<span class=\"small muted\">" + t("责任科室：", "Units: ") + html_escape(join_nonempty(i.units, "、")) + "</span>";
    out_ += "</div>";
    if (rule && !rule->criterion.empty()) {
      out_ += "<div class=\"small muted\">" + t("评分标准：", "Criterion: ") + html_escape(rule->criterion) + "</div>";
    }
    out_ += "<p>" + html_escape(i.reason) + "</p>";
    timeline(i, rule);
    if (!i.domains_covered.empty()) {
      out_ += "<div>" + t("已覆盖领域：", "Domains: ");
      for (const auto& d : i.domains_covered) out_ += "<span class=\"chip ok\">" + html_escape(d) + "</span>";
      out_ += "</div>";
    }
    if (rule && !rule->sub_items.empty()) {
      out_ += "<div>";
      for (const auto& sub : rule->sub_items) {
        const bool met = std::find(i.sub_items_met.begin(), i.sub_items_met.end(), sub.id) != i.sub_items_met.end();
        out_ += "<span class=\"chip " + std::string(met ? "ok" : "bad") + "\">" + html_escape(sub.title) + " " +
                (met ? t("有", "met") : t("缺", "missing")) + "</span>";
      }
      out_ += "</div>";
    }
    if (!i.zeroed_by.empty()) {
      out_ += "<div class=\"cause\"><b>" + t("扣为0分的原因", "Why it scores zero") + "</b><ul>";
      for (const auto& z : i.zeroed_by) {
        out_ += "<li>" + html_escape(z.shown().empty() ? z.message : z.shown() + "：" + z.message);
        if (!z.file.empty()) out_ += "<div class=\"small\">" + file_ref(z.file) + "</div>";
        out_ += "</li>";
      }
      out_ += "</ul>";
      if (i.points_if_fixed > i.points) {
        out_ += t("修正后可得 ", "Fixed, it would score ") + format_points(i.points_if_fixed) + t(" 分。", " points.");
      }
      out_ += "</div>";
    }
    // What is missing: the indicator's findings that name no file (gaps, no evidence, unmet conditions).
    const auto fit = by_indicator_.find(i.id);
    std::vector<const Finding*> missing;
    if (fit != by_indicator_.end()) {
      for (const Finding* f : fit->second) {
        if (f->file.empty() && f->severity >= Severity::Warning) missing.push_back(f);
      }
    }
    if (!missing.empty()) {
      out_ += "<div class=\"missing\"><b>" + t("尚缺", "Missing") + "</b><ul>";
      for (const Finding* f : missing) {
        out_ += "<li>" + html_escape(f->message) + "<div class=\"advice\">" + html_escape(fix_advice(*f, ctx_.lang)) + "</div></li>";
      }
      out_ += "</ul></div>";
    }
    if (!i.manual_checks.empty()) {
      out_ += "<div class=\"manual\"><b>" + t("需人工核查", "Check by hand") + "</b><ul>";
      for (const auto& m : i.manual_checks) out_ += "<li>" + html_escape(m) + "</li>";
      out_ += "</ul></div>";
    }
    if (i.files.empty()) {
      out_ += "<p class=\"muted\">" + t("此指标下没有材料。", "No files under this indicator.") + "</p>";
    } else {
      out_ += "<div class=\"small muted\">" + t("材料 ", "Files: ") + std::to_string(i.files.size()) + t(" 个", "") +
              "</div>";
      cards(i.files);
    }
    out_ += "</div>\n";
  }

  void details() {
    const Tr& t = t_;
    const Evaluation& ev = r_.evaluation;
    out_ += "<section class=\"block pb\" id=\"details\"><h2>" + t("指标详情", "Indicator details") + "</h2>\n";
    for (const auto& c : ev.categories) {
      for (const auto& i : ev.indicators) {
        if (i.category == c.id) indicator_section(i);
      }
    }
    for (const auto& i : ev.indicators) {
      const bool listed = std::any_of(ev.categories.begin(), ev.categories.end(),
                                      [&](const CategoryResult& c) { return c.id == i.category; });
      if (!listed) indicator_section(i);
    }
    for (const auto& b : ev.bonuses) {
      if (b.files.empty()) continue;
      out_ += "<div class=\"ind\" id=\"" + anchor(b.id) + "\"><div class=\"ind-head\"><h3>" +
              html_escape(b.id + " " + b.title) + "</h3><span class=\"score-big\">+" + format_points(b.points) + " / " + format_points(b.cap) +
              "</span></div><p>" + html_escape(b.reason) + "</p>";
      cards(b.files);
      out_ += "</div>\n";
    }
    out_ += "</section>\n";
  }

  // --- unmapped and manual checks --------------------------------------------------------------

  void unmapped() {
    const Tr& t = t_;
    out_ += "<section class=\"block pb\" id=\"unmapped\"><h2>" + t("未归类文件", "Files not mapped") + "</h2>\n";
    std::vector<const Evidence*> list;
    for (const auto& e : r_.evidence) {
      if (e.placement.indicator.empty() && !e.placement.guide) list.push_back(&e);
    }
    if (list.empty()) {
      out_ += "<p>" + t("所有文件都已归入指标。", "Every file maps to an indicator.") + "</p></section>\n";
      return;
    }
    out_ += "<p class=\"muted small\">" +
            t("这些文件没有对应任何指标（D.5 材料凌乱）：请移入对应指标的文件夹，或删除无关文件；打包时也可用 --place 指定归属。",
              "These files map to no indicator (D.5): move them into the indicator's folder or remove them; "
              "pack --place can also assign them.") +
            "</p>";
    out_ += "<table><thead><tr><th>" + t("文件", "File") + "</th><th>" + t("类型", "Kind") + "</th><th class=\"num\">" +
            t("大小", "Size") + "</th><th>" + t("说明", "Note") + "</th></tr></thead><tbody>\n";
    for (const Evidence* e : list) {
      std::string note = e->placement.loose_at_root ? t("散放在根目录", "loose in the root folder") : "";
      const auto fit = by_file_.find(e->file.rel_path);
      if (fit != by_file_.end()) {
        for (const Finding* f : fit->second) {
          if (f->code != "D5_UNMAPPED" && f->code != "D5_LOOSE_FILE") note += (note.empty() ? "" : "；") + f->message;
        }
      }
      out_ += "<tr><td class=\"path\">" + file_ref(e->file.rel_path) + "</td><td>" + html_escape(kind_text(e->file.kind, ctx_.lang)) +
              "</td><td class=\"num\">" + std::to_string(e->file.size) + "</td><td>" + html_escape(note) + "</td></tr>\n";
    }
    out_ += "</tbody></table></section>\n";
  }

  void manual() {
    const Tr& t = t_;
    out_ += "<section class=\"block\" id=\"manual\"><h2>" + t("需人工核查的事项", "Manual checks") + "</h2>\n<ul>";
    bool any = false;
    for (const auto& m : r_.evaluation.manual_checks) {
      out_ += "<li>" + html_escape(m) + "</li>";
      any = true;
    }
    for (const auto& i : r_.evaluation.indicators) {
      for (const auto& m : i.manual_checks) {
        out_ += "<li>" + indicator_link(i.id) + " " + html_escape(m) + "</li>";
        any = true;
      }
    }
    out_ += "</ul>";
    if (!any) out_ += "<p>" + t("无。", "None.") + "</p>";
    out_ += "</section>\n";
  }

  const CheckResult& r_;
  const HtmlReportContext& ctx_;
  const std::vector<std::string>& thumbs_;
  Tr t_;
  int year_ = 0;
  std::string out_;
  std::unordered_map<std::string, std::size_t> evidence_by_path_;
  std::map<std::string, std::vector<const Finding*>> by_file_;
  std::map<std::string, std::vector<const Finding*>> by_indicator_;
};

}  // namespace

std::string render_html_report(const CheckResult& result, const HtmlReportContext& context,
                               const std::vector<std::string>& thumbnails) {
  return HtmlWriter(result, context, thumbnails).render();
}

}  // namespace evpack
