#include "base/disk.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <functional>
#include <sstream>
#include <stdexcept>

#include "base/utf8.h"

namespace kijun {

namespace fs = std::filesystem;

namespace {

// Reads all of `file` into `out` with open/fstat/read, into a string of the file's size (no stream
// buffer copied a second time). `check`, when given, sees the file's status before anything is read
// and may refuse it. Returns 0, the errno of what failed, or -1 when `check` refused.
int read_all(const fs::path& file, std::string& out, const std::function<bool(const struct stat&)>& check = {}) {
  // O_NONBLOCK: a FIFO opens at once (and is refused by `check`) instead of waiting for a writer.
  const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC | (check ? O_NONBLOCK : 0));
  if (fd < 0) return errno;
  struct CloseOnExit {
    int fd;
    ~CloseOnExit() { ::close(fd); }
  } closer{fd};
  struct stat st {};
  if (::fstat(fd, &st) != 0) return errno;
  if (check && !check(st)) return -1;
  out.resize(S_ISREG(st.st_mode) ? static_cast<std::size_t>(st.st_size) : 0);
  std::size_t have = 0;
  for (;;) {
    if (have == out.size()) out.resize(out.size() + 4096);  // the file grew, or is not a regular one
    const ssize_t n = ::read(fd, out.data() + have, out.size() - have);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return errno;
    if (n == 0) break;
    have += static_cast<std::size_t>(n);
  }
  out.resize(have);
  return 0;
}

}  // namespace

std::string read_bytes(const fs::path& file) {
  std::string out;
  if (int err = read_all(file, out)) throw std::runtime_error(file.string() + ": " + std::strerror(err));
  return out;
}

std::optional<std::string> read_text_file(const fs::path& file, const std::string& shown_path, Diagnostics& diags,
                                          const SizeLimit* limit) {
  // One open and one fstat: whether it is a regular file and its size come from the open file.
  std::string text;
  const int err = read_all(file, text, [&](const struct stat& st) {
    if (!S_ISREG(st.st_mode)) {
      diags.error({shown_path, 1, 1}, "cannot read file: not a regular file");
      return false;
    }
    return !limit || check_size(*limit, static_cast<std::uintmax_t>(st.st_size), {shown_path, 1, 1}, diags);
  });
  if (err == -1) return std::nullopt;
  if (err) {
    std::error_code ec;
    // What cannot even be opened (a socket) is not a regular file either.
    const bool irregular = fs::exists(file, ec) && !fs::is_regular_file(file, ec);
    diags.error({shown_path, 1, 1},
                std::string("cannot read file: ") + (irregular ? "not a regular file" : std::strerror(err)));
    return std::nullopt;
  }
  // The file may have grown since its size was taken.
  if (limit && !check_size(*limit, text.size(), {shown_path, 1, 1}, diags)) return std::nullopt;
  if (text.rfind("\xEF\xBB\xBF", 0) == 0) text.erase(0, 3);
  if (auto bad = utf8::find_invalid(text)) {
    char hex[8];
    std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned char>(text[*bad]));
    diags.error(locate(shown_path, text, *bad),
                Message{"KJ301", std::string("UTF-8 ではない文字があります（バイト ") + hex + "）。ファイルを UTF-8 で保存してください",
                        std::string("invalid UTF-8 (byte ") + hex + "); save the file as UTF-8"});
    return std::nullopt;
  }
  return text;
}

// Both listings use the error_code forms throughout: a folder that disappears or cannot be read
// while it is walked (as during `git checkout`) ends its part of the listing, never the program.
std::vector<std::string> list_files(const fs::path& dir, const std::string& extension) {
  std::vector<std::string> out;
  std::error_code ec;
  for (auto it = fs::directory_iterator(dir, ec); !ec && it != fs::directory_iterator(); it.increment(ec)) {
    std::error_code e2;
    if (it->is_symlink(e2) || !it->is_regular_file(e2)) continue;
    std::string name = it->path().filename().string();
    if (name.empty() || name[0] == '.') continue;
    if (!extension.empty() && (name.size() < extension.size() ||
                               name.compare(name.size() - extension.size(), extension.size(), extension) != 0))
      continue;
    out.push_back(name);
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<std::string> list_files_recursive(const fs::path& dir) {
  std::vector<std::string> out;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(dir, fs::directory_options::skip_permission_denied, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    std::error_code e2;
    std::string name = it->path().filename().string();
    if (!name.empty() && name[0] == '.') {
      if (it->is_directory(e2)) it.disable_recursion_pending();
      continue;
    }
    if (!it->is_symlink(e2) && it->is_regular_file(e2)) out.push_back(it->path().lexically_relative(dir).generic_string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<std::string> list_symlinks(const fs::path& dir, bool recursive) {
  std::vector<std::string> out;
  std::error_code ec;
  auto add = [&](const fs::directory_entry& e) {
    std::string name = e.path().filename().string();
    if (!name.empty() && name[0] != '.' && e.is_symlink(ec)) out.push_back(e.path().lexically_relative(dir).generic_string());
  };
  if (recursive) {
    for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec))
      add(*it);
  } else {
    for (auto it = fs::directory_iterator(dir, ec); !ec && it != fs::directory_iterator(); it.increment(ec)) add(*it);
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace kijun
