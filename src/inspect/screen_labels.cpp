// What a label of a screen capture means: its roles (query time, publication
// time, matter, subject, result) judged by its head noun and qualifier, and a
// segment's text read as a label with its value (after a colon, alone, or run
// together).
#include <algorithm>
#include <array>

#include "evpack/util/text.hpp"
#include "screen_text.hpp"

namespace evpack::screen {

namespace {

bool matter_label(std::string_view label) {
  if (contains_any(label, {"类型", "登记", "证件", "组织", "经营范围", "处罚", "违法", "失信", "网站", "文件"}) &&
      !contains_any(label, {"查询", "核查", "业务", "申请", "办理"})) {
    return false;
  }
  if (contains_any(label, {"事项", "事由", "用途", "目的", "场景", "业务"})) return true;
  return contains_any(label, {"内容", "类型", "类别", "项目", "原因"}) &&
         contains_any(label, {"查询", "核查", "检索", "申请", "办理", "审批", "应用", "使用", "服务"});
}

bool subject_label(std::string_view label) {
  if (contains_any(label, {"被查询", "被核查", "被检索", "被执行", "查询对象", "核查对象", "查询主体", "信用主体"})) {
    return true;
  }
  // Who made the query, people of the subject, and a record's other parties are not it.
  if (contains_any(label, {"查询人", "查询单位", "查询机构", "查询部门", "核查部门", "核查单位", "核查人",
                           "经办",   "法定代表", "负责人",   "联系人",   "主管",     "机关",     "主办",
                           "承办",   "版权",     "技术支持", "代码",     "编号",     "号码",     "地址",
                           "类型",   "网站",     "事项",     "文件",     "项目",     "名单",     "许可",
                           "处罚",   "来源",     "发布",     "栏目",     "标题",     "业务",     "内容"})) {
    return false;
  }
  return contains_any(label, {"主体", "当事人", "申请人", "申请单位", "申请企业", "经营者", "对象", "姓名", "名称",
                              "企业", "单位", "机构", "公司", "商户", "人员"});
}

bool result_label(std::string_view label) {
  if (contains_any(label, {"登记状态", "经营状态", "企业状态"})) return false;
  return contains_any(label, {"结果", "结论", "状况", "情况", "意见", "信用等级", "评价等级", "信用评价", "信用记录",
                              "失信记录", "是否"});
}

// Head nouns a label ends with. A label is a noun phrase with its head last
// (被查询主体名称, 报告生成时间, 办理事项, 信用状况); a value that merely holds such
// a word (青石县通达货运有限公司 has 公司, 执法人员 has 人) does not end with one
// of these, or is longer. 于/截至 end 查询于, 数据截至.
constexpr std::array<std::string_view, 28> kHeads{
    "时间", "日期", "时刻", "于",   "截至", "事项", "事由", "用途", "目的", "场景", "业务", "内容", "类型", "类别",
    "项目", "原因", "名称", "主体", "对象", "姓名", "人",   "者",   "单位", "企业", "机构", "结果", "结论", "状况"};
// (情况, 意见, 等级, 评价, 记录 end result labels too: see kResultHeads.)
constexpr std::array<std::string_view, 5> kResultHeads{"情况", "意见", "等级", "评价", "记录"};

bool ends_with_head(std::string_view label) {
  const auto ends = [&](std::string_view h) { return ends_with(label, h); };
  return std::any_of(kHeads.begin(), kHeads.end(), ends) || std::any_of(kResultHeads.begin(), kResultHeads.end(), ends);
}

unsigned roles_of(std::string_view label) {
  if (label.empty() || utf8_length(label) > kMaxLabel || has_digit(label) || han_count(label) == 0) return 0;
  if (!ends_with_head(label)) return 0;
  unsigned roles = date_roles(label);
  if (roles == 0 && !contains_any(label, {"时间", "日期"})) {
    if (matter_label(label)) roles |= kMatterRole;
    if (subject_label(label)) roles |= kSubjectRole;
    if (result_label(label)) roles |= kResultRole;
  }
  return roles;
}

// Heads a label run into its value may end with: not 人/者/单位/企业/机构, which end
// ordinary nouns too (培训机构, 执法人员), so a value would be cut in two.
constexpr std::array<std::string_view, 14> kJoinedHeads{"时间", "日期", "事项", "事由", "用途", "名称", "主体",
                                                        "对象", "姓名", "结果", "结论", "状况", "内容", "类型"};

}  // namespace

unsigned date_roles(std::string_view label) {
  const bool head = contains_any(label, {"时间", "日期", "时刻"}) || ends_with(label, "于") || contains(label, "截至");
  if (!head) return 0;
  if (contains_any(label, {"有效", "成立", "注册", "核准", "登记", "发证", "决定",     "处罚",    "许可", "列入",
                           "移出", "出生", "开始", "结束", "签发", "批准", "生效",     "失效",    "作出", "立案",
                           "修复", "认定", "受理", "申请", "办结", "成文", "年报",     "评价",    "到期", "检验",
                           "年审", "违法", "处理", "入职", "培训", "考试", "截止日期", "截止时间"})) {
    return 0;
  }
  if (contains_any(label, {"查询", "核查", "检索", "查验", "审查", "报告", "生成", "出具", "打印", "下载", "查阅",
                           "截图", "截至", "数据截止", "信息截止", "统计截止"})) {
    return kQueryTimeRole;
  }
  if (contains_any(label, {"发布", "发表", "发文", "公开", "更新", "上传", "刊发", "推送", "录入"}))
    return kPublishedRole;
  // 时间 / 日期 alone: on a query page the query's, on an article its publication.
  return utf8_length(label) <= 3 ? (kQueryTimeRole | kPublishedRole) : 0;
}

std::string strip_colon(std::string text) {
  while (!text.empty() &&
         (text.back() == ':' || text.back() == ';' || text.back() == ',' || text.back() == '.' || text.back() == ' ')) {
    text.pop_back();
  }
  for (const std::string_view tail : {"，", "："}) {
    while (ends_with(text, tail)) text.resize(text.size() - tail.size());
  }
  return trim(text);
}

std::optional<Labelled> read_label(const std::string& text) {
  // label: value (OCR reads the full-width colon as a semicolon now and then)
  if (const auto colon = text.find_first_of(":;"); colon != std::string::npos) {
    std::string label = trim(text.substr(0, colon));
    label.erase(std::remove(label.begin(), label.end(), ' '), label.end());
    const unsigned roles = roles_of(label);
    if (roles != 0) return Labelled{label, trim(text.substr(colon + 1)), roles};
    return std::nullopt;
  }
  // The label alone.
  std::string bare = text;
  bare.erase(std::remove(bare.begin(), bare.end(), ' '), bare.end());
  if (const unsigned roles = roles_of(bare); roles != 0) return Labelled{bare, "", roles};
  // label value, run together: the longest leading part that ends in a head noun
  // and means a field, when the rest is not a label itself.
  const auto chars = split_utf8_chars(text);
  if (chars.size() > 30) return std::nullopt;
  std::optional<Labelled> best;
  std::string prefix;
  for (std::size_t n = 0; n < std::min(chars.size() - 1, kMaxLabel); ++n) {
    prefix += chars[n];
    if (!std::any_of(kJoinedHeads.begin(), kJoinedHeads.end(),
                     [&](std::string_view h) { return ends_with(prefix, h); })) {
      continue;
    }
    const unsigned roles = roles_of(prefix);
    if (roles == 0) continue;
    std::string rest;
    for (std::size_t k = n + 1; k < chars.size(); ++k) rest += chars[k];
    rest = trim(rest);
    if (!rest.empty() && roles_of(strip_colon(rest)) == 0) best = Labelled{prefix, rest, roles};
  }
  return best;
}

std::optional<Labelled> explicit_label(const std::string& text) {
  if (text.find_first_of(":;") != std::string::npos) return read_label(text);
  std::string bare = text;
  bare.erase(std::remove(bare.begin(), bare.end(), ' '), bare.end());
  if (const unsigned roles = roles_of(bare); roles != 0) return Labelled{bare, "", roles};
  return std::nullopt;
}

bool is_label_only(const Segment& s) {
  const auto l = read_label(s.text);
  return l && l->value.empty();
}

}  // namespace evpack::screen
