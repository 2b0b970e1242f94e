#include "evpack/report/finding_names.hpp"

#include <algorithm>
#include <array>
#include <string_view>

namespace evpack {

namespace {

struct Name {
  std::string_view code;
  std::string_view name;
};

// Sorted by code (checked by a test): looked up by binary search.
constexpr std::array kNames = {
    Name{"BAG_FILE_ALTERED", "文件与清单的校验值不符"},
    Name{"BAG_FILE_EXTRA", "清单外多出的文件"},
    Name{"BAG_FILE_MISSING", "清单中的文件缺失"},
    Name{"BAG_INVALID", "材料包结构不完整"},
    Name{"BAG_MANIFEST_INVALID", "校验清单格式有误"},
    Name{"BAG_NO_MANIFEST", "缺少校验清单"},
    Name{"BAG_OXUM_MISMATCH", "文件数或总大小与清单不符"},
    Name{"BAG_TAG_ALTERED", "包内目录或报告被改动"},
    Name{"CALENDAR_INVALID", "节假日日历有误"},
    Name{"CALENDAR_UNREADABLE", "节假日日历无法读取"},
    Name{"CAP_UNREACHABLE", "最高分无法达到"},
    Name{"CATEGORY_TOTAL_MISMATCH", "类别分值与指标合计不符"},
    Name{"CONDITION_UNMET", "得分条件未满足"},
    Name{"D1_DUPLICATE_ACROSS_INDICATORS", "同一文件用于多个指标"},
    Name{"D1_PHOTO_REUSED", "照片重复使用"},
    Name{"D1_SAME_DOCUMENT_TEXT", "不同文件内容雷同"},
    Name{"D1_WATERMARK_EXIF_MISMATCH", "水印时间与拍摄时间相差数日"},
    Name{"D4_CALENDAR_UNKNOWN", "缺少该年度节假日日历"},
    Name{"D4_DATE_ORDER", "公示日期早于决定日期"},
    Name{"D4_DATE_UNREADABLE", "台账日期无法识别"},
    Name{"D4_LATE_PUBLICITY", "双公示超期公示"},
    Name{"D4_LEDGER_COLUMNS", "双公示台账缺少日期列"},
    Name{"D4_LEDGER_MISSING", "未找到双公示台账"},
    Name{"D4_LEDGER_UNREADABLE", "双公示台账无法读取"},
    Name{"D4_NOT_PUBLISHED", "双公示未填公示日期"},
    Name{"D5_DUPLICATE_FILE", "同一指标下文件重复"},
    Name{"D5_DUPLICATE_NAME", "同一指标下文件重名"},
    Name{"D5_LOOSE_FILE", "文件散放在根目录"},
    Name{"D5_NAME_FOLDER_MISMATCH", "文件名与所在文件夹的指标不一致"},
    Name{"D5_UNMAPPED", "文件无法归入指标"},
    Name{"D6_CANNOT_VERIFY", "公文要素无法核实"},
    Name{"D6_MISSING_HEADER", "公文缺少红头"},
    Name{"D6_MISSING_NUMBER", "公文缺少文号"},
    Name{"D6_MISSING_SEAL", "公文缺少公章"},
    Name{"D6_NO_FORMAL_DOCUMENT", "缺少正式印发的文件"},
    Name{"D6_WORD_DOCUMENT", "以Word文件代替盖章文件"},
    Name{"D7_CANNOT_VERIFY", "照片水印无法核实"},
    Name{"D7_NO_WATERMARK", "照片没有时间水印"},
    Name{"DATE_IN_FUTURE", "材料日期晚于检查日期"},
    Name{"DATE_OUT_OF_YEAR", "材料日期不在试点年度"},
    Name{"DIGEST_FAILED", "无法计算文件校验值"},
    Name{"DIR_LOOP", "文件夹循环链接"},
    Name{"DIR_UNREADABLE", "文件夹无法读取"},
    Name{"DOCX_CORRUPT", "Word文件已损坏"},
    Name{"DOCX_ENCRYPTED", "Word文件已加密"},
    Name{"DOCX_TOO_LARGE", "Word文件过大"},
    Name{"DOC_FORMAL_MARK_MISSING", "文件缺少公文要素"},
    Name{"DOC_NUMBER_FORM", "文号格式不规范"},
    Name{"DOMAIN_UNKNOWN", "未写明重点领域"},
    Name{"DUPLICATE_ID", "编号重复"},
    Name{"DUPLICATE_KEY", "字段重复"},
    Name{"EXCLUDED_ELSEWHERE", "已在其他指标计分"},
    Name{"EXIF_STRIPPED_WATERMARK_OK", "照片无拍摄信息，以水印时间为准"},
    Name{"EXIF_UNREADABLE", "照片拍摄信息损坏"},
    Name{"EXTENSION_MISMATCH", "扩展名与实际格式不符"},
    Name{"EXTRACT_FAILED", "压缩包解压失败"},
    Name{"FILE_EMPTY", "空文件"},
    Name{"FILE_NAME_ENCODING", "文件名编码有误"},
    Name{"FILE_UNREADABLE", "文件无法读取"},
    Name{"HEIC_NOT_DECODED", "HEIC照片无法解码"},
    Name{"IMAGE_CORRUPT", "图片已损坏"},
    Name{"IMAGE_TOO_LARGE", "图片过大，未分析"},
    Name{"IMAGE_UNSUPPORTED", "图片格式暂不支持分析"},
    Name{"INIT_FAILED", "建立目录失败"},
    Name{"INPUT_EMPTY", "没有可检查的材料"},
    Name{"INSPECT_FAILED", "文件检查出错"},
    Name{"JUNK_SKIPPED", "已跳过系统文件"},
    Name{"LEAD_NOT_IN_UNITS", "牵头科室不在责任科室中"},
    Name{"META_UNREADABLE", "文件元数据损坏"},
    Name{"MODE_OPTION_IGNORED", "计分方式不使用该设置"},
    Name{"MONTH_DATE_UNKNOWN", "月报日期无法识别"},
    Name{"MONTH_LATE", "月报逾期报送"},
    Name{"NAME_DATE_MISMATCH", "文件名日期与照片日期不符"},
    Name{"NESTED_ARCHIVE", "材料中含压缩包"},
    Name{"NO_BACKFILL", "跨季度补报"},
    Name{"NO_DOMAINS", "规则缺少重点领域"},
    Name{"NO_EVIDENCE", "指标没有材料"},
    Name{"OCR_FAILED", "文字识别失败"},
    Name{"OCR_UNAVAILABLE", "文字识别不可用"},
    Name{"OUTPUT_WRITE_FAILED", "输出文件写入失败"},
    Name{"PACKAGE_NO_MANIFEST", "材料包缺少校验清单"},
    Name{"PACK_BAD_ASSIGNMENT", "手工指定归属有误"},
    Name{"PACK_CANCELLED", "打包已取消"},
    Name{"PACK_EMPTY", "没有可打包的文件"},
    Name{"PACK_UNMAPPED_FILES", "有文件无法归入指标"},
    Name{"PACK_UNREADABLE_FILES", "有文件无法读取"},
    Name{"PACK_VERIFY_FAILED", "打包后校验不符"},
    Name{"PACK_WRITE_FAILED", "材料包写入失败"},
    Name{"PDF_CORRUPT", "PDF文件已损坏"},
    Name{"PDF_ENCRYPTED", "PDF文件已加密"},
    Name{"PDF_FONTS_MISSING", "PDF字体缺失"},
    Name{"PDF_IMAGE_BOMB", "PDF内图片尺寸异常"},
    Name{"PDF_PAGE_TOO_LARGE", "PDF页面过大"},
    Name{"PDF_PAGE_UNREADABLE", "PDF页面无法读取"},
    Name{"PDF_RENDER_FAILED", "PDF页面无法显示"},
    Name{"PDF_TOO_LARGE", "PDF文件过大"},
    Name{"PDF_TOO_MANY_PAGES", "PDF页数过多"},
    Name{"PDF_TRUNCATED", "PDF文件不完整"},
    Name{"PERIOD_GAP", "季度或月份缺材料"},
    Name{"PERIOD_UNKNOWN", "无法判断所属季度"},
    Name{"PHOTO_EDITING_SOFTWARE", "照片经修图软件处理"},
    Name{"PHOTO_ILLEGIBLE", "照片不清晰"},
    Name{"POINTS_EXCEED_CAP", "分值超过最高分"},
    Name{"PRIVACY_BANK_CARD", "泄露银行卡号"},
    Name{"PRIVACY_ID_CARD", "泄露身份证号"},
    Name{"PRIVACY_MOBILE", "含手机号码"},
    Name{"QUERY_FIELDS_MISSING", "信用查询截图要素不全"},
    Name{"RULES_INVALID", "规则文件有误"},
    Name{"RULES_UNREADABLE", "规则文件无法读取"},
    Name{"SCAN_LIMIT_REACHED", "文件数超过上限"},
    Name{"SCAN_ROOT_MISSING", "材料目录不存在"},
    Name{"SCENE_TEXT_FAILED", "水印识别出错"},
    Name{"SCENE_TEXT_UNAVAILABLE", "水印识别模型不可用"},
    Name{"SPECIAL_FILE_SKIPPED", "已跳过特殊文件"},
    Name{"SUBITEMS_MISMATCH", "分项分值与指标不符"},
    Name{"SYMLINK_SKIPPED", "已跳过快捷方式（链接）"},
    Name{"TABLE_LEGACY_XLS", "旧版Excel表格"},
    Name{"TABLE_NOT_TABLE", "不是表格文件"},
    Name{"TABLE_TOO_LARGE", "表格过大"},
    Name{"TABLE_UNREADABLE", "表格无法读取"},
    Name{"TASK_DUE_INVALID", "任务期限无法识别"},
    Name{"TASK_DUE_OUTSIDE", "任务期限超出规则年度"},
    Name{"TASK_GAP", "任务期内缺材料"},
    Name{"TASK_LATE", "材料晚于任务期限"},
    Name{"TASK_TARGET_UNMET", "未达到任务数量要求"},
    Name{"THUMBNAIL_MISMATCH", "照片缩略图与原图不符"},
    Name{"TOTAL_MISMATCH", "总分与各类别合计不符"},
    Name{"UNKNOWN_CATEGORY", "类别编号不存在"},
    Name{"UNKNOWN_DEDUCTION", "扣分项编号不存在"},
    Name{"UNKNOWN_FORMAT", "无法识别的文件格式"},
    Name{"UNKNOWN_INDICATOR", "指标编号不存在"},
    Name{"UNKNOWN_KEY", "未知字段"},
    Name{"USCC_INVALID", "统一社会信用代码校验位错误"},
    Name{"WATERMARK_DATE_DOUBTFUL", "水印日期存疑"},
    Name{"WATERMARK_EXIF_MISMATCH", "水印时间与拍摄时间不符"},
    Name{"XLSX_CORRUPT", "Excel文件已损坏"},
    Name{"XLSX_WRITE_FAILED", "Excel文件写入失败"},
    Name{"ZIP_BOMB", "压缩包解压后过大"},
    Name{"ZIP_CORRUPT", "压缩包已损坏"},
    Name{"ZIP_DUPLICATE_NAME", "压缩包内文件重名"},
    Name{"ZIP_ENCRYPTED", "压缩包已加密"},
    Name{"ZIP_ENTRY_CORRUPT", "压缩包内文件损坏"},
    Name{"ZIP_ENTRY_ENCRYPTED", "压缩包内文件已加密"},
    Name{"ZIP_ENTRY_MISSING", "压缩包内文件缺失"},
    Name{"ZIP_ENTRY_TOO_LARGE", "压缩包内文件过大"},
    Name{"ZIP_ENTRY_UNSUPPORTED", "压缩方式不支持"},
    Name{"ZIP_NAME_DUPLICATE", "压缩包内文件重名"},
    Name{"ZIP_NAME_GBK", "压缩包文件名为GBK编码"},
    Name{"ZIP_NAME_INVALID", "压缩包内文件名不合法"},
    Name{"ZIP_NAME_NOT_GBK", "文件名无法用GBK编码"},
    Name{"ZIP_NESTED", "压缩包内含压缩包"},
    Name{"ZIP_NESTED_TOO_DEEP", "压缩包嵌套过深"},
    Name{"ZIP_NOT_ZIP", "不是压缩包"},
    Name{"ZIP_PATH_TRAVERSAL", "压缩包内路径越界"},
    Name{"ZIP_READ_STOPPED", "压缩包读取中断"},
    Name{"ZIP_SIZE_MISMATCH", "压缩包内文件大小不符"},
    Name{"ZIP_SOURCE_CHANGED", "打包时文件被改动"},
    Name{"ZIP_SOURCE_UNREADABLE", "打包时文件无法读取"},
    Name{"ZIP_SYMLINK", "压缩包内含链接"},
    Name{"ZIP_TOO_MANY_ENTRIES", "压缩包内文件过多"},
    Name{"ZIP_UNREADABLE", "压缩包无法读取"},
    Name{"ZIP_WRITE_CANCELLED", "压缩包写入已取消"},
    Name{"ZIP_WRITE_FAILED", "压缩包写入失败"},
};

const Name* find(const std::string& code) {
  const auto it = std::lower_bound(kNames.begin(), kNames.end(), std::string_view(code),
                                   [](const Name& n, std::string_view c) { return n.code < c; });
  return it != kNames.end() && it->code == code ? &*it : nullptr;
}

}  // namespace

std::string finding_name_zh(const std::string& code) {
  const Name* n = find(code);
  return n ? std::string(n->name) : std::string("其他问题");
}

bool has_finding_name(const std::string& code) { return find(code) != nullptr; }

std::vector<std::pair<std::string, std::string>> finding_names() {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& n : kNames) out.emplace_back(std::string(n.code), std::string(n.name));
  return out;
}

}  // namespace evpack
