// `evpack serve` from the command line: adding accounts (password read without echo) and
// running the server until Ctrl-C.
#include "evpack/serve/serve.hpp"

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <iostream>
#include <thread>

#ifdef _WIN32
#include <windows.h>
#else
#include <termios.h>
#include <unistd.h>
#endif

#include "evpack/app/command_support.hpp"
#include "evpack/app/inspection_cache.hpp"
#include "evpack/package/pack.hpp"

namespace evpack {

namespace {

std::atomic<bool> g_stop{false};
extern "C" void on_stop_signal(int) { g_stop = true; }

// Reads one line from the terminal with echo off (the password of --add-user).
std::string read_secret_line(const char* prompt) {
  std::cerr << prompt << std::flush;
  std::string line;
#ifdef _WIN32
  HANDLE in = GetStdHandle(STD_INPUT_HANDLE);
  DWORD mode = 0;
  GetConsoleMode(in, &mode);
  SetConsoleMode(in, mode & ~static_cast<DWORD>(ENABLE_ECHO_INPUT));
  std::getline(std::cin, line);
  SetConsoleMode(in, mode);
#else
  termios old{};
  const bool tty = tcgetattr(STDIN_FILENO, &old) == 0;
  if (tty) {
    termios quiet = old;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
  }
  std::getline(std::cin, line);
  if (tty) tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
#endif
  std::cerr << "\n";
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

std::vector<std::string> split_commas(const std::string& text) {
  std::vector<std::string> out;
  std::string item;
  for (const char c : text + ",") {
    if (c == ',') {
      if (!item.empty()) out.push_back(item);
      item.clear();
    } else {
      item += c;
    }
  }
  return out;
}

}  // namespace

int run_serve(const ServeOptions& options) {
  auto app = open_serve_app(options);
  if (!app) {
    std::cerr << "错误：" << app.error().message << "\n";
    return 2;
  }
  auto port = app.value()->bind();
  if (!port) {
    std::cerr << "错误：" << port.error().message << "\n";
    return 2;
  }
  const auto colon = options.listen.rfind(':');
  const std::string host = colon == std::string::npos ? options.listen : options.listen.substr(0, colon);
  const bool tls = !options.tls_cert.empty();
  std::cout << "evpack 网页服务已启动：" << (tls ? "https://" : "http://") << host << ":" << *port << "/  （数据目录 "
            << options.data_dir << "，按 Ctrl-C 停止）" << std::endl;
  g_stop = false;
#ifdef SIGPIPE
  // A browser that goes away mid-download must not end the server.
  std::signal(SIGPIPE, SIG_IGN);
#endif
  std::signal(SIGINT, on_stop_signal);
  std::signal(SIGTERM, on_stop_signal);
  std::thread watcher([&] {
    while (!g_stop) std::this_thread::sleep_for(std::chrono::milliseconds(200));
    app.value()->stop();
  });
  app.value()->run();
  g_stop = true;
  watcher.join();
  app.value()->stop();
  std::cout << "evpack 网页服务已停止。" << std::endl;
  return 0;
}

int run_serve_command(ServeCommand command) {
  if (command.options.data_dir.empty()) {
    std::cerr << "错误：请用 --data 指定数据目录\n";
    return 2;
  }
  if (!command.max_upload.empty()) {
    const auto size = parse_size(command.max_upload);
    if (!size || *size == 0) {
      std::cerr << "错误：--max-upload 格式不正确：" << command.max_upload << "（如 4G、500M）\n";
      return 2;
    }
    command.options.max_upload_bytes = *size;
  }
  if ((command.options.tls_cert.empty()) != (command.options.tls_key.empty())) {
    std::cerr << "错误：--tls-cert 和 --tls-key 需要同时指定\n";
    return 2;
  }
  if (command.add_user.empty()) return run_serve(command.options);

  std::string password;
  if (command.password_stdin) {
    std::getline(std::cin, password);
    if (!password.empty() && password.back() == '\r') password.pop_back();
  } else {
    password = read_secret_line("请输入密码：");
    if (read_secret_line("请再次输入密码：") != password) {
      std::cerr << "错误：两次输入的密码不一致\n";
      return 2;
    }
  }
  if (password.size() < 8) {
    std::cerr << "错误：密码至少8位\n";
    return 2;
  }
  auto added =
      add_user(command.options.data_dir, command.add_user, command.role, password, split_commas(command.counties));
  if (!added) {
    std::cerr << "错误：" << added.error().message << "\n";
    return 2;
  }
  std::cout << "已保存账号 " << command.add_user << "（" << command.role << "）。\n";
  return 0;
}

int run_serve_cli(ServeCommand command) {
  command.options.rules_dir = rules_dir();
  command.options.tool_version = EVPACK_VERSION;
  command.options.cache_dir = default_cache_dir();
  command.options.cache_build = program_fingerprint();
  return run_serve_command(std::move(command));
}

}  // namespace evpack
