// Pages of `evpack serve`. Usable at 1366×768 and on a 420 px phone: one column that
// widens to a centred 1100 px page; tables scroll sideways inside their box.
#include "evpack/serve/pages.hpp"

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <map>
#include <set>
#include <tuple>

#include "evpack/serve/serve.hpp"
#include "evpack/util/format.hpp"
#include "evpack/util/text.hpp"

namespace evpack {

namespace {

Html csrf_field(const Session& s) { return Html::format("<input type=hidden name=csrf value=\"{}\">", s.csrf); }

std::string score_text(const Job& j) {
  if (j.state != kJobDone || j.kind == "pack" || j.nominal <= 0) return "—";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.1f / %.0f", j.score, j.nominal);
  return j.scored ? buf : "（任务制）";
}

std::string role_label(const std::string& role) {
  if (role == kRoleAdmin) return "管理员";
  if (role == kRoleCounty) return "县级账号";
  if (role == kRoleReviewer) return "评审账号";
  return role;
}

}  // namespace

std::string state_label(const std::string& state) {
  if (state == kJobQueued) return "排队中";
  if (state == kJobRunning) return "运行中";
  if (state == kJobDone) return "已完成";
  if (state == kJobFailed) return "失败";
  if (state == kJobCancelled) return "已取消";
  if (state == kJobInterrupted) return "中断";
  return state;
}

std::string kind_label(const std::string& kind) {
  if (kind == "check") return "检查";
  if (kind == "pack") return "生成材料包";
  if (kind == "verify") return "校验材料包";
  return kind;
}

std::string format_time(std::int64_t seconds) {
  if (seconds <= 0) return "—";
  const std::time_t t = static_cast<std::time_t>(seconds + 8 * 3600);  // 北京时间
  std::tm tm{};
#ifdef _WIN32
  gmtime_s(&tm, &t);
#else
  gmtime_r(&t, &tm);
#endif
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M", &tm);
  return buf;
}

std::string page_layout(const std::string& title, const Session* session, const Html& body) {
  Html out;
  out.add(
      "<!doctype html><html lang=zh-CN><head><meta charset=utf-8>"
      "<meta name=viewport content=\"width=device-width, initial-scale=1\">"
      "<title>{} - evpack</title><link rel=stylesheet href=\"/style.css\">"
      "<script src=\"/app.js\" defer></script></head><body><header><a class=brand href=\"/\">evpack 佐证材料检查</a>",
      title);
  if (session) {
    out.add("<span class=who>{}（{}）</span>", session->user.name, role_label(session->user.role));
    if (session->user.role != kRoleCounty) out.add("<a href=\"/cross\">跨县比对</a>");
    if (session->user.role == kRoleAdmin) out.add("<a href=\"/admin\">账号管理</a>");
    out.add(
        "<form method=post action=\"/logout\" class=inline>{}"
        "<button type=submit class=link>退出</button></form>",
        csrf_field(*session));
  }
  out.add("</header><main>{}</main></body></html>", body);
  return out.take();
}

std::string login_page(const std::string& csrf, const std::string& message) {
  Html body;
  body.add("<section class=\"card narrow\"><h1>登录</h1>");
  if (!message.empty()) body.add("<p class=error role=alert>{}</p>", message);
  body.add(
      "<form method=post action=\"/login\"><input type=hidden name=csrf value=\"{}"
      "\"><label>账号<input name=user autocomplete=username required autofocus></label>"
      "<label>密码<input name=password type=password autocomplete=current-password required></label>"
      "<button type=submit>登录</button></form></section>",
      csrf);
  return page_layout("登录", nullptr, body);
}

std::string message_page(const std::string& title, const std::string& message, const Session* session) {
  return page_layout(title, session,
                     Html::format("<section class=card><h1>{}</h1><p>{}</p><p><a href=\"/\">返回首页</a></p></section>",
                                  title, message));
}

std::string home_page(const Session& session, const std::vector<RuleChoice>& rules, const std::vector<Job>& jobs,
                      const std::vector<std::string>& counties, std::uint64_t max_upload_bytes) {
  Html rule_options;
  for (const auto& r : rules) {
    rule_options.add("<option value=\"{}\"{}>{}（{}）</option>", r.id,
                     markup(r.id == "shandong-2025" ? " selected" : ""), r.title, r.id);
  }
  Html county_field;
  if (session.user.role != kRoleCounty) {
    county_field.add("<label>所属县<select name=county>");
    for (const auto& c : counties) county_field.add("<option>{}</option>", c);
    county_field.add("</select></label>");
  }
  const std::string max = std::to_string(max_upload_bytes);
  Html body;
  body.add(
      "<section class=card><h1>检查材料</h1><p class=hint>上传整个佐证材料文件夹压缩成的 zip"
      "（Windows“发送到→压缩(zipped)文件夹”或 7-Zip 均可），最大 {}"
      "。</p><form method=post action=\"/upload\" enctype=\"multipart/form-data\" class=upload data-max=\"{}"
      "\">{}<label>规则<select name=rules>{}"
      "</select></label><label>试点年度<input name=year inputmode=numeric placeholder=\"默认取规则中的年度\"></label>"
      "<label>检查日期<input name=as_of type=date></label>{}"
      "<label>材料压缩包<input type=file name=archive accept=\".zip\" required></label>"
      "<p class=\"error size-error\" hidden>文件超过大小上限，无法上传</p>"
      "<button type=submit>上传并检查</button></form></section>",
      size_text(max_upload_bytes, 0), max, csrf_field(session), rule_options, county_field);
  body.add(
      "<section class=card><h2>校验收到的材料包</h2><form method=post action=\"/verify\" "
      "enctype=\"multipart/form-data\" class=upload data-max=\"{}\">{}"
      "<input type=hidden name=rules value=shandong-2025>{}"
      "<label>材料包（.zip）<input type=file name=archive accept=\".zip\" required></label>"
      "<p class=\"error size-error\" hidden>文件超过大小上限，无法上传</p>"
      "<button type=submit>上传并校验</button></form></section>",
      max, csrf_field(session), county_field);

  // History per county, newest first; two checks can be compared.
  std::map<std::string, std::vector<const Job*>> by_county;
  for (const auto& j : jobs) by_county[j.county].push_back(&j);
  body.add("<section class=card><h2>历史记录</h2>");
  if (jobs.empty()) body.add("<p class=hint>还没有任务。</p>");
  for (const auto& [county, list] : by_county) {
    body.add(
        "<h3>{}"
        "</h3><form method=get action=\"/compare\"><div class=scroll><table>"
        "<tr><th>对比</th><th>时间</th><th>类型</th><th>文件</th><th>状态</th><th>预计得分</th><th>问题</th></tr>",
        county);
    for (const Job* j : list) {
      const bool comparable = j->kind == "check" && j->state == kJobDone;
      body.add("<tr><td>");
      if (comparable) {
        body.add("<input type=checkbox name=run value=\"{}\" aria-label=\"选择对比\">", j->id);
      }
      body.add(
          "</td><td>{}</td><td>{}</td><td><a href=\"/jobs/{}\">{}"
          "</a></td><td class=\"state {}\">{}</td><td>{}</td><td>{}</td></tr>",
          format_time(j->created), kind_label(j->kind), j->id, j->upload_name, j->state, state_label(j->state),
          score_text(*j), (j->state == kJobDone && j->kind != "pack" ? std::to_string(j->findings) : "—"));
    }
    body.add("</table></div><button type=submit class=secondary>对比所选的两次检查</button></form>");
  }
  body.add("</section>");
  return page_layout("首页", &session, body);
}

std::string job_page(const Session& session, const Job& job, const std::vector<Job>& packs, bool can_delete,
                     const std::string& verify_text) {
  const std::string base = "/jobs/" + job.id;
  Html body;
  body.add("<section class=card><h1>{}：{}</h1>", kind_label(job.kind), job.upload_name);
  body.add(
      "<dl class=facts><dt>所属县</dt><dd>{}</dd><dt>规则</dt><dd>{}"
      "</dd><dt>检查日期</dt><dd>{}</dd><dt>提交</dt><dd>{}（{}"
      "）</dd><dt>状态</dt><dd id=state class=\"state {}\">{}</dd></dl>",
      job.county, job.rules, job.as_of, format_time(job.created), job.owner, job.state, state_label(job.state));
  const bool active = job.state == kJobQueued || job.state == kJobRunning;
  body.add(
      "<div id=progress data-job=\"{}\" data-state=\"{}\"{}"
      "><progress max=100 value=0></progress><p class=progress-text>等待开始…</p></div>",
      job.id, job.state, markup(active ? "" : " hidden"));
  if (!job.message.empty()) body.add("<p class=\"message {}\">{}</p>", job.state, job.message);
  if (job.kind == "pack") body.add("<p><a href=\"/jobs/{}\">返回检查结果</a></p>", job.parent);
  const Html csrf = csrf_field(session);
  body.add("<div class=actions>");
  if (active) {
    body.add(
        "<form method=post action=\"{}/cancel\">{}"
        "<button type=submit class=danger>取消任务</button></form>",
        base, csrf);
  }
  if (job.state == kJobInterrupted || job.state == kJobFailed || job.state == kJobCancelled) {
    body.add(
        "<form method=post action=\"{}/rerun\">{}"
        "<button type=submit>重新运行</button></form>",
        base, csrf);
  }
  if (job.kind == "check" && job.state == kJobDone) {
    body.add(
        "<form method=post action=\"{}/pack\">{}"
        "<button type=submit>生成验收材料包</button></form>",
        base, csrf);
  }
  if (can_delete && !active) {
    body.add(
        "<form method=post action=\"{}/delete\">{}"
        "<button type=submit class=danger>删除任务和文件</button></form>",
        base, csrf);
  }
  body.add("</div>");
  if (job.state == kJobDone) {
    char score[64];
    std::snprintf(score, sizeof score, "%.1f / %.0f", job.score, job.nominal);
    if (job.kind != "pack" && job.nominal > 0) {
      body.add("<p class=score>预计得分 <strong id=score>{}</strong>，发现问题 {} 条</p>",
               std::string(job.scored ? score : "（任务制，见报告）"), std::to_string(job.findings));
    }
    body.add("<p class=downloads>");
    if (job.kind == "check") {
      body.add(
          "<a href=\"{}/report.html\" target=_blank>自检报告（HTML）</a><a href=\"{}"
          "/findings.xlsx\">问题清单（Excel）</a><a href=\"{}"
          "/report.json\">检查结果（JSON）</a>",
          base, base, base);
    } else if (job.kind == "pack") {
      body.add("<a href=\"{}/package.zip\" class=button>下载验收材料包</a>", base);
    } else {
      body.add("<a href=\"{}/verify.txt\">校验结果（文本）</a>", base);
    }
    body.add("</p>");
  }
  body.add("</section>");
  if (!packs.empty()) {
    body.add("<section class=card><h2>材料包</h2><ul>");
    for (const auto& p : packs) {
      body.add("<li><a href=\"/jobs/{}\">{} {}</a></li>", p.id, format_time(p.created), state_label(p.state));
    }
    body.add("</ul></section>");
  }
  if (!verify_text.empty()) body.add("<section class=card><h2>校验结果</h2><pre>{}</pre></section>", verify_text);
  if (job.state == kJobDone && job.kind != "pack") {
    body.add(
        "<section class=\"card report\"><h2>自检报告</h2><iframe title=自检报告 src=\"{}"
        "/report.html\" sandbox=\"allow-scripts allow-popups\"></iframe></section>",
        base);
  }
  return page_layout(kind_label(job.kind), &session, body);
}

std::string compare_page(const Session& session, const Job& a, const Job& b, const std::vector<StoredFinding>& fixed,
                         const std::vector<StoredFinding>& added, std::size_t kept) {
  char change[64];
  std::snprintf(change, sizeof change, "%+.1f", b.score - a.score);
  Html body;
  body.add(
      "<section class=card><h1>两次检查对比：{}</h1><div class=scroll><table>"
      "<tr><th></th><th>时间</th><th>文件</th><th>预计得分</th><th>问题</th></tr><tr><td>较早</td><td>{}"
      "</td><td><a href=\"/jobs/{}\">{}</a></td><td>{}</td><td>{}"
      "</td></tr><tr><td>较新</td><td>{}</td><td><a href=\"/jobs/{}\">{}"
      "</a></td><td>{}</td><td>{}</td></tr></table></div>",
      a.county, format_time(a.created), a.id, a.upload_name, score_text(a), std::to_string(a.findings),
      format_time(b.created), b.id, b.upload_name, score_text(b), std::to_string(b.findings));
  body.add(
      "<p class=score>得分变化 <strong id=change>{}</strong>；已解决 {} 条，新出现 {}"
      " 条，仍存在 {} 条。</p></section>",
      std::string(change), std::to_string(fixed.size()), std::to_string(added.size()), std::to_string(kept));
  const auto list = [](const std::string& title, const std::string& id, const std::vector<StoredFinding>& items) {
    Html out;
    out.add("<section class=card id={}><h2>{}（{}）</h2><ul>", id, title, std::to_string(items.size()));
    for (const auto& f : items) out.add("<li><span class=sev>{}</span> {}</li>", f.severity, f.text);
    out.raw("</ul></section>");
    return out;
  };
  body.add("{}{}", list("已解决的问题", "fixed", fixed), list("新出现的问题", "added", added));
  return page_layout("对比", &session, body);
}

std::string admin_page(const Session& session, const std::vector<User>& users, int retention_days,
                       const std::string& message) {
  Html body;
  body.add("<section class=card><h1>账号管理</h1>");
  if (!message.empty()) body.add("<p class=message>{}</p>", message);
  body.add("<div class=scroll><table><tr><th>账号</th><th>角色</th><th>可查看的县</th></tr>");
  for (const auto& u : users) {
    Html counties;
    for (const auto& c : u.counties) counties.add("{}{}", (counties.empty() ? "" : "、"), c);
    body.add("<tr><td>{}</td><td>{}</td><td>{}</td></tr>", u.name, role_label(u.role),
             (u.role == kRoleAdmin    ? Html::format("全部")
              : u.role == kRoleCounty ? Html::format("{}", u.name)
                                      : counties));
  }
  body.add(
      "</table></div><h2>新建或修改账号</h2><form method=post action=\"/admin/users\">{}"
      "<label>账号（县级账号用县名，如 青石县）<input name=name required maxlength=64></label>"
      "<label>角色<select name=role><option value=county>县级账号</option><option value=reviewer>评审账号</option>"
      "<option value=admin>管理员</option></select></label>"
      "<label>密码（至少8位）<input name=password type=password autocomplete=new-password required minlength=8></label>"
      "<label>评审账号可查看的县（用逗号分隔）<input name=counties></label><button type=submit>保存账号</button></form>",
      csrf_field(session));
  body.add(
      "<h2>保留期限</h2><form method=post action=\"/admin/retention\">{}"
      "<label>上传和结果保留天数（0 表示一直保留）<input name=days inputmode=numeric value=\"{}"
      "\"></label><button type=submit>保存</button></form></section>",
      csrf_field(session), std::to_string(retention_days));
  return page_layout("账号管理", &session, body);
}

std::string cross_page(const Session& session, const std::vector<Job>& latest, const std::vector<CrossMatch>& matches,
                       const std::function<bool(const std::string&, int)>& has_preview) {
  Html body;
  body.add(
      "<section class=card><h1>跨县材料比对</h1><p class=hint>比对每个县最近一次完成的检查（共 {}"
      " 个县）：完全相同的文件、相同或近似的照片、相同的文号、相同的正文。"
      "同一材料出现在两个县，可能属于抄袭、雷同（D.1），请人工核实。</p>",
      std::to_string(latest.size()));
  // One card per pair of files, naming every way they match; identical files first.
  const auto rank = [](const std::string& kind) {
    return kind == "sha" ? 0 : kind == "photo" ? 1 : kind == "docno" ? 2 : 3;
  };
  std::map<std::tuple<std::string, std::string, std::string, std::string>, std::vector<const CrossMatch*>> pairs;
  for (const auto& m : matches) pairs[{m.a.job, m.a.entry.file, m.b.job, m.b.entry.file}].push_back(&m);
  std::vector<std::vector<const CrossMatch*>> cards;
  for (auto& [key, list] : pairs) {
    std::sort(list.begin(), list.end(),
              [&](const CrossMatch* x, const CrossMatch* y) { return rank(x->kind) < rank(y->kind); });
    cards.push_back(list);
  }
  std::stable_sort(cards.begin(), cards.end(),
                   [&](const auto& x, const auto& y) { return rank(x[0]->kind) < rank(y[0]->kind); });
  body.add("<p class=score>发现 <strong id=matches>{}</strong> 对文件</p></section>", std::to_string(cards.size()));
  const auto side = [&](const IndexedEntry& e) {
    Html out;
    out.add("<div class=side><p><a href=\"/jobs/{}\">{}</a></p><p>{}</p>", e.job, e.county, e.entry.file);
    if (e.entry.evidence >= 0 && has_preview(e.job, e.entry.evidence)) {
      out.add("<img alt=\"\" src=\"/jobs/{}/preview/{}\">", e.job, std::to_string(e.entry.evidence));
    }
    out.raw("</div>");
    return out;
  };
  for (const auto& card : cards) {
    Html what;
    for (const CrossMatch* m : card) {
      if (!what.empty()) what.add("；");
      what.text(m->kind == "sha"     ? std::string("完全相同的文件")
                : m->kind == "photo" ? "相同或近似的照片（差异 " + std::to_string(m->distance) + "/64）"
                : m->kind == "docno" ? "相同的文号：" + m->a.entry.value
                                     : std::string("相同的正文"));
    }
    body.add(
        "<section class=\"card match {}\"><h2>{}</h2><div class=pair>{}{}"
        "</div></section>",
        card[0]->kind, what, side(card[0]->a), side(card[0]->b));
  }
  return page_layout("跨县材料比对", &session, body);
}

std::string style_sheet() {
  return R"(*{box-sizing:border-box}body{margin:0;font:15px/1.6 "Microsoft YaHei","PingFang SC","Noto Sans CJK SC",sans-serif;background:#f3f5f7;color:#1f2328}
header{display:flex;flex-wrap:wrap;gap:.4em 1em;align-items:center;padding:.6em 1em;background:#1d4e89;color:#fff}
header a{color:#fff}.brand{font-weight:bold;text-decoration:none;margin-right:auto}.inline{display:inline;margin:0}
main{max-width:1100px;margin:0 auto;padding:1em}.card{background:#fff;border:1px solid #d8dee4;border-radius:6px;padding:1em 1.2em;margin-bottom:1em}
.narrow{max-width:420px;margin:3em auto}h1{font-size:1.35em;margin:.2em 0 .6em}h2{font-size:1.15em}h3{font-size:1em;margin:1em 0 .3em}
form label{display:block;margin:.5em 0}input,select{display:block;width:100%;max-width:28em;padding:.4em;font:inherit;border:1px solid #aab;border-radius:4px}
input[type=checkbox]{display:inline;width:auto}button,.button{display:inline-block;padding:.45em 1.1em;font:inherit;border:0;border-radius:4px;background:#1d4e89;color:#fff;cursor:pointer;text-decoration:none}
button.secondary{background:#57606a;margin-top:.5em}button.danger{background:#b42318}button.link{background:none;padding:0;color:#fff;text-decoration:underline}
.actions{display:flex;flex-wrap:wrap;gap:.6em;margin:.6em 0}.actions form{margin:0}.error{color:#b42318}.hint{color:#57606a}
.scroll{overflow-x:auto}table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #e5e8eb;padding:.35em .5em;text-align:left;white-space:nowrap}
.state.done{color:#1a7f37}.state.failed,.state.interrupted{color:#b42318}.state.running{color:#9a6700}
.facts{display:grid;grid-template-columns:max-content 1fr;gap:.2em 1em}.facts dt{color:#57606a}.facts dd{margin:0}
progress{width:100%;height:1.2em}.score{font-size:1.1em}.downloads a{margin-right:1.2em}
iframe{width:100%;height:75vh;border:1px solid #d8dee4}pre{white-space:pre-wrap}.sev{color:#9a6700}
.pair{display:flex;flex-wrap:wrap;gap:1em}.side{flex:1 1 300px;min-width:0;word-break:break-all}.side img{max-width:100%;max-height:240px}
@media (max-width:600px){main{padding:.5em}.card{padding:.8em}iframe{height:70vh}})";
}

std::string page_script() {
  return R"(// Upload size check before sending; job progress by polling.
document.querySelectorAll('form.upload').forEach(function (f) {
  f.addEventListener('submit', function (e) {
    var input = f.querySelector('input[type=file]'), max = Number(f.dataset.max);
    var err = f.querySelector('.size-error');
    if (input.files.length && input.files[0].size > max) { e.preventDefault(); err.hidden = false; return; }
    var b = f.querySelector('button'); b.disabled = true; b.textContent = '正在上传…';
  });
});
var box = document.getElementById('progress');
if (box && !box.hidden) {
  var bar = box.querySelector('progress'), text = box.querySelector('.progress-text');
  var poll = function () {
    fetch('/jobs/' + box.dataset.job + '/status.json', {credentials: 'same-origin'}).then(function (r) { return r.json(); }).then(function (s) {
      if (s.state !== box.dataset.state && s.state !== 'queued' && s.state !== 'running') { location.reload(); return; }
      box.dataset.state = s.state;
      document.getElementById('state').textContent = s.state_label;
      if (s.total > 0) { bar.value = Math.round(100 * s.done / s.total); }
      text.textContent = s.text;
      setTimeout(poll, 1500);
    }).catch(function () { setTimeout(poll, 5000); });
  };
  poll();
}
)";
}

}  // namespace evpack
