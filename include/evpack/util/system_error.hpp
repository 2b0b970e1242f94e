// System errors in the words of the people who read them: errno classes in Chinese.
#pragma once

#include <string>
#include <system_error>

namespace evpack {

/// The Chinese reason for an errno value, by class: "文件或文件夹不存在" (ENOENT), "没有权限"
/// (EACCES, EPERM), "磁盘空间不足" (ENOSPC, EDQUOT), "磁盘为只读" (EROFS) …; for any other value
/// "系统错误（编号 N）". Never English.
std::string system_error_zh(int errno_value);

/// The same for a std::error_code of the generic or system category; other categories give
/// "系统错误（…）" with the code's value.
std::string system_error_zh(const std::error_code& ec);

}  // namespace evpack
