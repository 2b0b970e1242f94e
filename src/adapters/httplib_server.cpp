// HttpServer over cpp-httplib (Debian's libcpp-httplib, built with OpenSSL). Chosen over
// Boost.Beast: one header and a packaged shared library, a thread-per-connection pool that
// fits a handful of office users, multipart bodies streamed through a content reader, and
// TLS through the OpenSSL we already link; Beast would need our own HTTP framing, multipart
// parser and connection management for the same result.
#include "evpack/adapters/http_server.hpp"

#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cstdlib>
#include <fstream>
#include <regex>

namespace evpack {

std::string HttpRequest::param(const std::string& name) const {
  const auto it = params.find(name);
  return it == params.end() ? std::string() : it->second;
}

std::string HttpRequest::header(const std::string& name) const {
  std::string key = name;
  std::transform(key.begin(), key.end(), key.begin(), [](unsigned char c) { return std::tolower(c); });
  const auto it = headers.find(key);
  return it == headers.end() ? std::string() : it->second;
}

std::string HttpRequest::cookie(const std::string& name) const {
  const std::string all = header("cookie");
  std::size_t pos = 0;
  while (pos < all.size()) {
    std::size_t end = all.find(';', pos);
    if (end == std::string::npos) end = all.size();
    std::string item = all.substr(pos, end - pos);
    const auto first = item.find_first_not_of(' ');
    item = first == std::string::npos ? std::string() : item.substr(first);
    const auto eq = item.find('=');
    if (eq != std::string::npos && item.compare(0, eq, name) == 0 && eq == name.size()) return item.substr(eq + 1);
    pos = end + 1;
  }
  return {};
}

void HttpResponse::redirect(const std::string& location) {
  status = 303;
  set_header("Location", location);
  body.clear();
}

std::string percent_encode(const std::string& text) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (const unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

std::string attachment_disposition(const std::string& filename) {
  // The ASCII fallback keeps the extension so old clients still save a usable file.
  std::string fallback = "download";
  const auto dot = filename.rfind('.');
  if (dot != std::string::npos) {
    const std::string ext = filename.substr(dot);
    if (std::all_of(ext.begin(), ext.end(), [](unsigned char c) { return std::isalnum(c) || c == '.'; }))
      fallback += ext;
  }
  return "attachment; filename=\"" + fallback + "\"; filename*=UTF-8''" + percent_encode(filename);
}

namespace {

HttpRequest to_request(const httplib::Request& req) {
  HttpRequest r;
  r.method = req.method;
  r.path = req.path;
  for (const auto& [k, v] : req.params) r.params.emplace(k, v);
  for (const auto& [k, v] : req.headers) {
    std::string key = k;
    std::transform(key.begin(), key.end(), key.begin(), [](unsigned char c) { return std::tolower(c); });
    r.headers.emplace(key, v);
  }
  for (const auto& m : req.matches) r.matches.push_back(m.str());
  r.remote_addr = req.remote_addr;
  return r;
}

void apply_response(const HttpResponse& response, httplib::Response& res) {
  res.status = response.status;
  for (const auto& [k, v] : response.headers) res.set_header(k, v);
  if (response.close_connection) res.set_header("Connection", "close");
  if (!response.file.empty()) {
    auto in = std::make_shared<std::ifstream>(response.file, std::ios::binary);
    std::error_code ec;
    in->seekg(0, std::ios::end);
    const auto size = static_cast<std::size_t>(std::max<std::streamoff>(0, in->tellg()));
    in->seekg(0);
    if (!*in) {
      res.status = 500;
      res.set_content("读取文件失败", "text/plain; charset=utf-8");
      return;
    }
    res.set_content_provider(size, response.content_type,
                             [in](std::size_t offset, std::size_t length, httplib::DataSink& sink) {
                               char buf[64 * 1024];
                               in->seekg(static_cast<std::streamoff>(offset));
                               const auto want = std::min(length, sizeof buf);
                               in->read(buf, static_cast<std::streamsize>(want));
                               const auto got = static_cast<std::size_t>(in->gcount());
                               if (got == 0) return false;
                               return sink.write(buf, got);
                             });
    return;
  }
  res.set_content(response.body, response.content_type);
}

class HttplibServer final : public HttpServer {
 public:
  HttplibServer(std::unique_ptr<httplib::Server> server, const HttpServerOptions& options, bool tls)
      : server_(std::move(server)), options_(options), tls_(tls) {
    server_->set_payload_max_length(static_cast<std::size_t>(options_.max_upload_bytes + (1u << 20)));
    server_->new_task_queue = [threads = options_.threads] {
      return new httplib::ThreadPool(static_cast<std::size_t>(std::max(2, threads)));
    };
    // Long uploads over a slow office network: allow pauses, but not forever.
    server_->set_read_timeout(60, 0);
    server_->set_write_timeout(60, 0);
    // An ordinary form is small: refuse a large or chunked body before anything reads it
    // into memory (only upload routes stream their bodies to disk).
    server_->set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
      if (req.method != "POST" && req.method != "PUT" && req.method != "PATCH" && req.method != "DELETE") {
        return httplib::Server::HandlerResponse::Unhandled;
      }
      if (is_upload_route(req.path)) return httplib::Server::HandlerResponse::Unhandled;
      const bool chunked = req.get_header_value("Transfer-Encoding").find("chunked") != std::string::npos;
      const auto length = std::strtoull(req.get_header_value("Content-Length").c_str(), nullptr, 10);
      if (chunked || length > options_.max_form_bytes) {
        res.status = 413;
        res.set_header("Connection", "close");
        res.set_content(page(413), "text/html; charset=utf-8");
        return httplib::Server::HandlerResponse::Handled;
      }
      return httplib::Server::HandlerResponse::Unhandled;
    });
    server_->set_error_handler([this](const httplib::Request&, httplib::Response& res) {
      if (res.body.empty()) res.set_content(page(res.status), "text/html; charset=utf-8");
    });
    server_->set_exception_handler([this](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
      res.status = 500;
      res.set_content(page(500), "text/html; charset=utf-8");
    });
  }

  void get(const std::string& pattern, HttpHandler handler) override {
    server_->Get(pattern, [handler = std::move(handler)](const httplib::Request& req, httplib::Response& res) {
      HttpResponse response;
      handler(to_request(req), response);
      apply_response(response, res);
    });
  }

  void post(const std::string& pattern, HttpHandler handler) override {
    server_->Post(pattern, [handler = std::move(handler)](const httplib::Request& req, httplib::Response& res) {
      HttpResponse response;
      handler(to_request(req), response);
      apply_response(response, res);
    });
  }

  void post_upload(const std::string& pattern, HttpUploadHandler handler) override {
    upload_patterns_.emplace_back(pattern);
    server_->Post(pattern, [handler = std::move(handler)](const httplib::Request& req, httplib::Response& res,
                                                          const httplib::ContentReader& content_reader) {
      HttpResponse response;
      const UploadReader reader = [&](const std::function<bool(const UploadPart&)>& on_part,
                                      const std::function<bool(const char*, std::size_t)>& on_data) {
        if (!req.is_multipart_form_data()) return false;
        return content_reader(
            [&](const httplib::MultipartFormData& file) {
              return on_part(UploadPart{file.name, file.filename, file.content_type});
            },
            [&](const char* data, std::size_t length) { return on_data(data, length); });
      };
      handler(to_request(req), response, reader);
      apply_response(response, res);
    });
  }

  Expected<int> bind(const std::string& host, int port) override {
    const int bound = port == 0 ? server_->bind_to_any_port(host) : (server_->bind_to_port(host, port) ? port : -1);
    if (bound <= 0) {
      return Error{"HTTP_BIND_FAILED",
                   "无法在 " + host + ":" + std::to_string(port) + " 上监听（端口被占用或地址无效）"};
    }
    return bound;
  }

  void run() override { server_->listen_after_bind(); }
  void stop() override { server_->stop(); }
  bool tls() const override { return tls_; }

 private:
  bool is_upload_route(const std::string& path) const {
    return std::any_of(upload_patterns_.begin(), upload_patterns_.end(),
                       [&](const std::regex& re) { return std::regex_match(path, re); });
  }
  std::string page(int status) const {
    if (options_.error_page) return options_.error_page(status);
    return "<!doctype html><meta charset=utf-8><p>错误 " + std::to_string(status) + "</p>";
  }

  std::unique_ptr<httplib::Server> server_;
  HttpServerOptions options_;
  bool tls_ = false;
  std::vector<std::regex> upload_patterns_;
};

}  // namespace

Expected<std::unique_ptr<HttpServer>> create_http_server(const HttpServerOptions& options) {
  std::unique_ptr<httplib::Server> server;
  bool tls = false;
  if (!options.tls_cert.empty() || !options.tls_key.empty()) {
    auto ssl = std::make_unique<httplib::SSLServer>(options.tls_cert.c_str(), options.tls_key.c_str());
    if (!ssl->is_valid()) {
      return Error{"HTTP_TLS_FAILED", "无法读取 HTTPS 证书或私钥：" + options.tls_cert + "、" + options.tls_key};
    }
    server = std::move(ssl);
    tls = true;
  } else {
    server = std::make_unique<httplib::Server>();
  }
  return std::unique_ptr<HttpServer>(std::make_unique<HttplibServer>(std::move(server), options, tls));
}

}  // namespace evpack
