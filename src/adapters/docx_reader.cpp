// .docx text over our zip adapter and pugixml. Only this file sees pugixml for Word.
#include "evpack/adapters/docx_reader.hpp"

#include <pugixml.hpp>

#include <cstring>

#include "evpack/adapters/zip_archive.hpp"

namespace evpack {
namespace {

constexpr std::uint64_t kMaxDocumentXml = 64ULL << 20;
// Real documents nest a few dozen levels (tables in tables, text boxes); a hostile one
// nests tens of thousands, and every level costs a stack frame below.
constexpr int kMaxDepth = 256;

Error corrupt(const std::string& what) { return Error{"DOCX_CORRUPT", "Word文件已损坏或格式不规范：" + what}; }

bool named(const pugi::xml_node& node, const char* local) {
  const char* name = node.name();
  const char* colon = std::strchr(name, ':');
  return std::strcmp(colon != nullptr ? colon + 1 : name, local) == 0;
}

// Depth-first over a paragraph: text runs, tabs, breaks. Deleted text (w:delText)
// is not read: a reviewer does not see it. Returns false when the nesting passes kMaxDepth.
bool collect(const pugi::xml_node& node, std::string& out, std::size_t max_chars, int depth = 0) {
  if (depth > kMaxDepth) return false;
  for (const pugi::xml_node& child : node.children()) {
    if (out.size() >= max_chars) return true;
    if (child.type() != pugi::node_element) continue;
    if (named(child, "t")) {
      out += child.text().get();
    } else if (named(child, "tab")) {
      out += '\t';
    } else if (named(child, "br") || named(child, "cr")) {
      out += '\n';
    } else if (named(child, "p")) {
      if (!collect(child, out, max_chars, depth + 1)) return false;
      out += '\n';
    } else if (!named(child, "delText") && !named(child, "instrText")) {
      if (!collect(child, out, max_chars, depth + 1)) return false;
    }
  }
  return true;
}

}  // namespace

Expected<std::string> read_docx_text(const std::string& path, std::size_t max_chars) {
  auto zip = open_zip(path);
  if (!zip) return corrupt(zip.error().message);
  const auto& entries = (*zip)->entries();
  std::size_t index = entries.size();
  for (std::size_t i = 0; i < entries.size(); ++i) {
    if (entries[i].name == "word/document.xml") index = i;
  }
  if (index == entries.size()) return corrupt("缺少 word/document.xml");
  std::string bytes;
  auto read = (*zip)->read_entry(
      index,
      [&](std::string_view chunk) {
        bytes.append(chunk);
        return true;
      },
      kMaxDocumentXml);
  if (!read) {
    const std::string& code = read.error().code;
    if (code == "ZIP_ENTRY_TOO_LARGE") return Error{"DOCX_TOO_LARGE", "Word文件正文解压后超过64 MB，未读取"};
    if (code == "ZIP_ENTRY_ENCRYPTED") return Error{"DOCX_ENCRYPTED", "Word文件已加密，无法读取"};
    return corrupt(read.error().message);
  }
  pugi::xml_document doc;
  const auto parsed = doc.load_buffer(bytes.data(), bytes.size(), pugi::parse_default, pugi::encoding_utf8);
  if (!parsed) return corrupt(std::string("word/document.xml 无法解析（") + parsed.description() + "）");
  std::string text;
  if (!collect(doc.document_element(), text, max_chars)) {
    return Error{"DOCX_TOO_DEEP", "Word文件正文的结构嵌套超过" + std::to_string(kMaxDepth) +
                                      "层（正常文件不会这样，可能是恶意文件），未读取"};
  }
  if (text.size() > max_chars) {
    std::size_t cut = max_chars;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;  // whole UTF-8 characters
    text.resize(cut);
  }
  return text;
}

}  // namespace evpack
