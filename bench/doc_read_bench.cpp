// What the document inspector read off each PDF given, and how long it took:
//   build/bench/doc_read_bench FILE.pdf|FILE.jpg... [--no-ocr]
// Prints the text it worked from (text layer or the OCR of the key regions), the
// own number, 成文日期 and the three D.6 verdicts with their reasons. For looking
// into a miss of tools/bench-docs.sh or of an independent set, not a test.
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>

#include "evpack/inspect/document_inspector.hpp"

int main(int argc, char** argv) {
  bool use_ocr = true;
  std::vector<std::string> files;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--no-ocr") == 0) {
      use_ocr = false;
    } else {
      files.emplace_back(argv[i]);
    }
  }
  if (files.empty()) {
    std::fprintf(stderr, "usage: doc_read_bench FILE.pdf... [--no-ocr]\n");
    return 2;
  }
  const auto reader = evpack::make_poppler_pdf_reader();
  std::unique_ptr<evpack::Ocr> ocr;
  if (use_ocr) {
    auto engine = evpack::make_tesseract_ocr(evpack::kDocumentOcrLanguages);
    if (engine) ocr = std::move(engine.value());
  }
  evpack::InspectOptions options;
  options.ocr = use_ocr;
  for (const auto& path : files) {
    evpack::FileRecord record;
    record.rel_path = path;
    record.kind = evpack::ContentKind::Pdf;
    record.extension = "pdf";
    const auto start = std::chrono::steady_clock::now();
    // Pictures (a phone photo of a page) go through inspect_image_document.
    const bool picture =
        path.size() > 4 && (path.ends_with(".jpg") || path.ends_with(".jpeg") || path.ends_with(".png"));
    evpack::Inspection in;
    if (picture) {
      record.kind = evpack::ContentKind::Jpeg;
      auto page = evpack::inspect_image_document(path, record, 1, ocr.get(), options);
      if (page)
        in = std::move(*page);
      else
        std::printf("(not a page of a document)\n");
    } else {
      in = evpack::inspect_pdf(path, record, *reader, ocr.get(), options);
    }
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    std::printf("== %s (%.0f ms)\n", path.c_str(), ms);
    std::printf("-- text --\n%s\n-- facts --\n", in.text.substr(0, 3000).c_str());
    if (in.document) {
      const auto& d = *in.document;
      std::printf("number: %s\n", d.own_number ? d.own_number->text.c_str() : "(none)");
      std::printf("date: %s (%s)\n", d.issue_date ? d.issue_date->iso().c_str() : "(none)", d.issue_date_text.c_str());
      std::printf("letterhead: %s %s\n", evpack::to_string(d.letterhead.state).c_str(), d.letterhead.reason.c_str());
      std::printf("number verdict: %s %s\n", evpack::to_string(d.number.state).c_str(), d.number.reason.c_str());
      std::printf("seal: %s %s\n", evpack::to_string(d.seal.state).c_str(), d.seal.reason.c_str());
    }
    for (const auto& f : in.findings) std::printf("finding %s: %s\n", f.code.c_str(), f.message.c_str());
  }
  return 0;
}
