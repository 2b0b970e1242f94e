// An HTTP(S) server in our own words (cpp-httplib behind src/adapters/httplib_server.cpp):
// requests and responses as plain values, handlers by method and path pattern, request
// bodies of upload routes streamed part by part (never held whole in memory), responses
// streamed from files.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "evpack/core/expected.hpp"

namespace evpack {

/// One received request. Header names are lower case.
struct HttpRequest {
  std::string method;
  std::string path;                                ///< without the query
  std::multimap<std::string, std::string> params;  ///< query and url-encoded form fields
  std::map<std::string, std::string> headers;
  std::vector<std::string> matches;  ///< the path pattern's groups, [0] = whole path
  std::string remote_addr;

  /// The first value of `name` ("" when absent).
  std::string param(const std::string& name) const;
  std::string header(const std::string& name) const;
  /// The value of cookie `name` from the Cookie header ("" when absent).
  std::string cookie(const std::string& name) const;
};

/// The answer to a request. `file` set: the body is streamed from that file.
struct HttpResponse {
  int status = 200;
  std::string content_type = "text/html; charset=utf-8";
  std::string body;
  std::string file;
  std::vector<std::pair<std::string, std::string>> headers;
  bool close_connection = false;  ///< the request body was not read: do not keep the connection

  void set_header(std::string name, std::string value) { headers.emplace_back(std::move(name), std::move(value)); }
  /// 303 See Other to `location` (a path on this server).
  void redirect(const std::string& location);
};

/// One part of a multipart/form-data body as it starts.
struct UploadPart {
  std::string name;      ///< form field name
  std::string filename;  ///< as the browser sent it ("" for a plain field); never a path for us
  std::string content_type;
};

/// Reads the body of an upload route. `on_part` is called when a part starts, `on_data` with
/// each chunk of it; either returning false stops reading. Returns false when the body was not
/// multipart, was cut short, or a callback stopped it.
using UploadReader = std::function<bool(const std::function<bool(const UploadPart&)>& on_part,
                                        const std::function<bool(const char*, std::size_t)>& on_data)>;

using HttpHandler = std::function<void(const HttpRequest&, HttpResponse&)>;
using HttpUploadHandler = std::function<void(const HttpRequest&, HttpResponse&, const UploadReader&)>;

struct HttpServerOptions {
  std::string tls_cert;  ///< PEM files; both set: HTTPS
  std::string tls_key;
  /// Largest body of an ordinary (non-upload) request; larger or chunked ones get 413.
  std::uint64_t max_form_bytes = 64 * 1024;
  /// Largest body of an upload route (the route itself should refuse earlier, in Chinese).
  std::uint64_t max_upload_bytes = 4ull << 30;
  int threads = 8;  ///< connections served at once
  /// The page shown for 404/413/500 and other errors the library itself answers: (status) -> HTML.
  std::function<std::string(int)> error_page;
};

class HttpServer {
 public:
  virtual ~HttpServer() = default;
  /// Routes: `pattern` is a regular expression over the whole path.
  virtual void get(const std::string& pattern, HttpHandler handler) = 0;
  virtual void post(const std::string& pattern, HttpHandler handler) = 0;
  virtual void post_upload(const std::string& pattern, HttpUploadHandler handler) = 0;
  /// Binds `host:port` (port 0: a free port). Returns the port, or an error (HTTP_BIND_FAILED).
  virtual Expected<int> bind(const std::string& host, int port) = 0;
  /// Serves until stop(); call after bind().
  virtual void run() = 0;
  /// Stops run() (from any thread).
  virtual void stop() = 0;
  virtual bool tls() const = 0;
};

/// A server; HTTP_TLS_FAILED when the certificate or key cannot be loaded.
Expected<std::unique_ptr<HttpServer>> create_http_server(const HttpServerOptions& options);

/// "%E4%B8%AD" style percent-encoding of every byte outside [A-Za-z0-9-._~].
std::string percent_encode(const std::string& text);

/// A Content-Disposition value for downloading `filename` (UTF-8): an ASCII fallback and
/// RFC 5987 filename*=UTF-8''….
std::string attachment_disposition(const std::string& filename);

}  // namespace evpack
