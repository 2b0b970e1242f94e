#include "evpack/util/system_error.hpp"

#include <cerrno>

namespace evpack {

std::string system_error_zh(int e) {
  switch (e) {
    case 0: return "未知错误";
    case ENOENT: return "文件或文件夹不存在";
    case EACCES:
    case EPERM: return "没有权限（请换一个有写入权限的位置，或请管理员授权）";
    case ENOSPC:
#ifdef EDQUOT
    case EDQUOT:
#endif
      return "磁盘空间不足";
    case EROFS: return "磁盘为只读";
    case EEXIST: return "同名文件已存在";
    case ENOTDIR: return "路径中有一段不是文件夹";
    case EISDIR: return "这是一个文件夹，不是文件";
    case ENOTEMPTY: return "文件夹不是空的";
    case ENAMETOOLONG: return "文件名或路径过长";
    case ELOOP: return "快捷方式（链接）层数过多";
    case EMFILE:
    case ENFILE: return "同时打开的文件过多";
    case EIO: return "读写出错（磁盘、U盘或网络盘故障）";
    case ENOMEM: return "内存不足";
    case EXDEV: return "不能跨磁盘移动文件";
    case EBUSY:
    case ETXTBSY: return "文件正被其他程序占用";
    case EFBIG: return "文件过大";
    case EINVAL: return "文件名或参数无效";
    case EAGAIN: return "资源暂时不可用，请稍后重试";
    case EINTR: return "操作被中断";
    case ENODEV:
    case ENXIO: return "设备不存在或未连接";
    case ESTALE:
    case ETIMEDOUT:
    case ECONNRESET:
    case EHOSTUNREACH:
    case ENETDOWN:
    case ENETUNREACH: return "网络盘连接中断";
    default: return "系统错误（编号 " + std::to_string(e) + "）";
  }
}

std::string system_error_zh(const std::error_code& ec) {
  if (ec.category() == std::generic_category() || ec.category() == std::system_category()) {
    return system_error_zh(ec.value());
  }
  return "系统错误（编号 " + std::to_string(ec.value()) + "）";
}

}  // namespace evpack
