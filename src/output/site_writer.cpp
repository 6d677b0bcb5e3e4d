#include "output/site_writer.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>
#include <random>

namespace kijun {

namespace fs = std::filesystem;

bool is_safe_relative_path(const std::string& rel) {
  if (rel.empty() || rel[0] == '/' || rel.find('\\') != std::string::npos || rel.find('\0') != std::string::npos)
    return false;
  std::size_t start = 0;
  while (start <= rel.size()) {
    std::size_t end = rel.find('/', start);
    std::string part = rel.substr(start, end == std::string::npos ? std::string::npos : end - start);
    if (part.empty() || part == "." || part == "..") return false;
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return true;
}

namespace {
// True when `inner` is `outer` or lies below it (both made absolute and normalised).
bool is_within(const fs::path& inner, const fs::path& outer) {
  auto i = inner.begin(), o = outer.begin();
  for (; o != outer.end(); ++o, ++i)
    if (i == inner.end() || *i != *o) return false;
  return true;
}
fs::path normal(const fs::path& p) {
  std::error_code ec;
  fs::path n = fs::weakly_canonical(fs::absolute(p), ec);
  n = (ec ? fs::absolute(p) : n).lexically_normal();
  return n.filename().empty() ? n.parent_path() : n;  // "a/b/" -> "a/b"
}
}  // namespace

bool may_replace_output(const fs::path& out, const std::string& shown_out, const fs::path& project,
                        const std::vector<fs::path>& sources, Diagnostics& diags) {
  fs::path target = normal(out);
  bool overlaps = is_within(normal(project), target);
  for (const auto& dir : sources)
    overlaps = overlaps || is_within(normal(dir), target) || is_within(target, normal(dir));
  if (overlaps) {
    diags.error({shown_out, 1, 1},
                Message{"KJ810",
                        "出力フォルダー " + shown_out +
                            " は content/ やテーマと重なるため使えません（ビルドのたびに中身を入れ替えるため）。--out で別のフォルダーを指定してください",
                        "refusing to use '" + shown_out +
                            "' as the output folder: it overlaps the project's sources; choose another --out"});
    return false;
  }
  std::error_code ec;
  if (fs::is_directory(target, ec) && !fs::is_empty(target, ec) && !fs::exists(target / kSiteMarker, ec)) {
    diags.error({shown_out, 1, 1},
                Message{"KJ811",
                        "出力フォルダー " + shown_out + " は kijun が作ったものではありません（" + kSiteMarker +
                            " がありません）。ビルドは中身をすべて入れ替えるので、このフォルダーを消すか、--out で別のフォルダーを指定してください",
                        "refusing to replace '" + shown_out + "': it was not made by kijun (no " + kSiteMarker +
                            " file); remove it or choose another --out"});
    return false;
  }
  return true;
}

static std::string random_suffix() {
  std::random_device rd;
  std::string s = std::to_string(getpid()) + "-";
  static const char digits[] = "abcdefghijklmnopqrstuvwxyz0123456789";
  for (int i = 0; i < 8; ++i) s += digits[rd() % 36];
  return s;
}

SiteWriter::SiteWriter(fs::path out_dir, std::string shown_out, bool to_disk)
    : out_(std::move(out_dir)), shown_out_(std::move(shown_out)), to_disk_(to_disk) {
  if (!to_disk_) return;
  fs::path parent = out_.parent_path().empty() ? fs::path(".") : out_.parent_path();
  std::error_code ec;
  fs::create_directories(parent, ec);
  const std::string prefix = "." + out_.filename().string() + ".kijun-tmp-";
  if (!ec) remove_stale_staging(parent, prefix);
  staging_ = parent / (prefix + random_suffix());
  spare_ = parent / ("." + out_.filename().string() + ".kijun-spare");
  // The site before last, kept by the previous commit: rewriting its files costs a fraction of
  // creating new ones (a new inode is most of a small file's cost). Claimed by a rename, so two
  // builds never share it.
  if (!ec && rename(spare_.c_str(), staging_.c_str()) == 0) reused_ = true;
  else if (!ec) fs::create_directory(staging_, ec);
  if (ec) setup_error_ = ec.message();
}

void remove_stale_staging(const fs::path& parent, const std::string& prefix) {
  // A build that was killed leaves ".site.kijun-tmp-PID-xxxxxxxx" (and "...-old") behind: remove
  // those whose process is gone.
  std::error_code ec;
  std::vector<fs::path> stale;
  for (auto it = fs::directory_iterator(parent, ec); !ec && it != fs::directory_iterator(); it.increment(ec)) {
    std::string name = it->path().filename().string();
    if (name.rfind(prefix, 0) != 0) continue;
    std::size_t end = prefix.size();
    while (end < name.size() && name[end] >= '0' && name[end] <= '9') ++end;
    if (end == prefix.size() || end - prefix.size() > 9) continue;
    pid_t pid = static_cast<pid_t>(std::stol(name.substr(prefix.size(), end - prefix.size())));
    if (pid != getpid() && kill(pid, 0) != 0 && errno == ESRCH) stale.push_back(it->path());
  }
  for (const auto& p : stale) fs::remove_all(p, ec);
}

bool SiteWriter::staged(Diagnostics& diags) {
  if (setup_error_.empty()) return true;
  if (!setup_reported_)
    diags.error({shown_out_, 1, 1},
                Message{"KJ801", "出力フォルダー " + shown_out_ + " の隣に作業用フォルダーを作れません: " + setup_error_ +
                                     "(--out の場所と、その親フォルダーに書き込めるかを確かめてください)",
                        "cannot create a staging folder next to the output folder " + shown_out_ + ": " +
                            setup_error_ + " (check --out and that its parent folder is writable)"});
  setup_reported_ = true;
  return false;
}

SiteWriter::~SiteWriter() {
  if (to_disk_ && !committed_ && setup_error_.empty()) {
    std::error_code ec;
    if (reused_) keep_as_spare(staging_);  // a spare half rewritten is still a spare
    else fs::remove_all(staging_, ec);
  }
}

bool SiteWriter::claim(const std::string& rel_path, const std::string& source, Diagnostics& diags) {
  if (!is_safe_relative_path(rel_path)) {
    diags.error({source, 1, 1}, Message{"KJ812", "出力フォルダーの外には書き出せません（「" + rel_path + "」）",
                                        "refusing to write outside the output folder: '" + rel_path + "'"});
    return false;
  }
  auto [it, fresh] = owners_.emplace(rel_path, source);
  if (!fresh) {
    diags.error({source, 1, 1}, Message{"KJ813",
                                        "出力ファイル " + shown_out_ + "/" + rel_path + " は " + it->second +
                                            " も書き出します。どちらかのファイル名か「slug」を変えてください",
                                        "output file " + shown_out_ + "/" + rel_path + " is also written by " +
                                            it->second});
    return false;
  }
  return true;
}

// Creates the staging folders of `rel_path`'s parent once each.
bool SiteWriter::make_parent(const std::string& rel_path) {
  const auto slash = rel_path.rfind('/');
  if (slash == std::string::npos) return true;
  const std::string dir = rel_path.substr(0, slash);
  if (made_dirs_.count(dir)) return true;
  std::error_code ec;
  fs::create_directories(staging_ / dir, ec);
  if (ec && reused_) {
    // A file of the reused site stands where this build needs a folder: remove it and try again.
    for (fs::path p = staging_; const auto& part : fs::path(dir)) {
      p /= part;
      if (fs::is_symlink(p, ec) || (fs::exists(p, ec) && !fs::is_directory(p, ec))) fs::remove(p, ec);
    }
    ec.clear();
    fs::create_directories(staging_ / dir, ec);
  }
  if (ec) return false;
  for (std::string d = dir; !d.empty() && made_dirs_.insert(d).second;) {
    const auto up = d.rfind('/');
    d = up == std::string::npos ? "" : d.substr(0, up);
  }
  return true;
}

bool SiteWriter::write(const std::string& rel_path, std::string_view content, const std::string& source,
                       Diagnostics& diags) {
  return claim_file(rel_path, content.size(), source, diags) && store(rel_path, content, diags);
}

bool SiteWriter::claim_file(const std::string& rel_path, std::size_t size, const std::string& source,
                            Diagnostics& diags) {
  if (!claim(rel_path, source, diags)) return false;
  bytes_ += size;
  return !to_disk_ || staged(diags);
}

bool SiteWriter::store(const std::string& rel_path, std::string_view content, Diagnostics& diags) {
  if (!to_disk_) {
    std::lock_guard<std::mutex> hold(lock_);
    files_.emplace(rel_path, std::string(content));
    return true;
  }
  // One open, one write, one close: no stream buffers, no sync (the folder is swapped in whole).
  const fs::path target = staging_ / rel_path;
  bool ok;
  {
    std::lock_guard<std::mutex> hold(lock_);
    ok = make_parent(rel_path);
  }
  if (ok && reused_ && !replace_in_reused(target, content)) {
    ++unchanged_;
    return true;
  }
  int fd = ok ? ::open(target.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0644) : -1;
  ok = fd >= 0;
  for (std::size_t done = 0; ok && done < content.size();) {
    ssize_t n = ::write(fd, content.data() + done, content.size() - done);
    if (n < 0 && errno == EINTR) continue;
    ok = n > 0;
    if (ok) done += static_cast<std::size_t>(n);
  }
  const int saved = errno;
  if (fd >= 0 && ::close(fd) != 0 && ok) ok = false;
  if (!ok) {
    diags.error({shown_out_ + "/" + rel_path, 1, 1}, std::string("cannot write file: ") + std::strerror(saved));
    return false;
  }
  return true;
}

bool SiteWriter::copy(const std::string& rel_path, const fs::path& from, const std::string& source,
                      Diagnostics& diags) {
  if (!to_disk_ || reused_) {
    std::ifstream in(from, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (!in.good() && !in.eof()) {
      diags.error({source, 1, 1}, "cannot read " + from.string() + " for " + shown_out_ + "/" + rel_path);
      return false;
    }
    return write(rel_path, bytes, source, diags);
  }
  if (!claim(rel_path, source, diags)) return false;
  if (!staged(diags)) return false;
  fs::path target = staging_ / rel_path;
  std::error_code ec;
  make_parent(rel_path);
  fs::copy_file(from, target, fs::copy_options::overwrite_existing, ec);
  if (ec) {
    diags.error({source, 1, 1}, "cannot copy to " + shown_out_ + "/" + rel_path + ": " + ec.message());
    return false;
  }
  bytes_ += fs::file_size(target, ec);
  return true;
}

bool SiteWriter::commit(Diagnostics& diags) {
  if (!to_disk_) return committed_ = true;
  if (!staged(diags)) return false;
  std::error_code ec;
  fs::permissions(staging_,
                  fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec | fs::perms::others_read |
                      fs::perms::others_exec,
                  ec);
  if (fs::exists(out_, ec)) {
    if (!fs::is_directory(out_, ec)) {
      diags.error({shown_out_, 1, 1}, Message{"KJ814", "出力先 " + shown_out_ + " はフォルダーではなくファイルです。--out でフォルダーを指定してください",
                                              "output path " + shown_out_ + " exists and is not a folder"});
      return false;
    }
    if (reused_) prune_unclaimed();
    // Swap the two folders in one step; the old site (now at the staging path) is kept as the
    // spare that the next build rewrites.
    if (renameat2(AT_FDCWD, staging_.c_str(), AT_FDCWD, out_.c_str(), RENAME_EXCHANGE) != 0) {
      // File systems without RENAME_EXCHANGE: move the old site aside, then the new one in.
      fs::path old = staging_.string() + "-old";
      if (rename(out_.c_str(), old.c_str()) != 0 || rename(staging_.c_str(), out_.c_str()) != 0) {
        diags.error({shown_out_, 1, 1}, std::string("cannot replace the output folder: ") + std::strerror(errno));
        if (!fs::exists(out_, ec)) rename(old.c_str(), out_.c_str());
        return false;
      }
      committed_ = true;
      keep_as_spare(old);
      return true;
    }
    committed_ = true;
    keep_as_spare(staging_);
    return true;
  }
  if (reused_) prune_unclaimed();
  if (rename(staging_.c_str(), out_.c_str()) != 0) {
    diags.error({shown_out_, 1, 1}, std::string("cannot create the output folder: ") + std::strerror(errno));
    return false;
  }
  committed_ = true;
  return true;
}

// True when `target` (in the reused site) must be written: it is missing or its bytes differ.
// Clears the way when a folder or a link stands at its path.
bool SiteWriter::replace_in_reused(const fs::path& target, std::string_view content) {
  struct stat st {};
  if (lstat(target.c_str(), &st) != 0) return true;
  std::error_code ec;
  if (!S_ISREG(st.st_mode)) {
    fs::remove_all(target, ec);
    return true;
  }
  if (static_cast<std::size_t>(st.st_size) != content.size()) return true;
  int fd = ::open(target.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  if (fd < 0) return true;
  std::string old(content.size(), '\0');
  std::size_t done = 0;
  while (done < old.size()) {
    ssize_t n = ::read(fd, old.data() + done, old.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    done += static_cast<std::size_t>(n);
  }
  ::close(fd);
  return done != old.size() || old != content;
}

// Removes what the reused site holds that this build did not write.
void SiteWriter::prune_unclaimed() {
  std::error_code ec;
  std::vector<fs::path> gone;
  for (auto it = fs::recursive_directory_iterator(staging_, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    const std::string rel = it->path().lexically_relative(staging_).generic_string();
    const bool dir = it->is_directory(ec) && !it->is_symlink(ec);
    if (dir ? made_dirs_.count(rel) != 0 : owners_.count(rel) != 0) continue;
    gone.push_back(it->path());
    if (dir) it.disable_recursion_pending();
  }
  for (const auto& p : gone) fs::remove_all(p, ec);
}

// Keeps the replaced site for the next build to rewrite; deletes it when the name is taken.
void SiteWriter::keep_as_spare(const fs::path& old) {
  std::error_code ec;
  if (rename(old.c_str(), spare_.c_str()) != 0) fs::remove_all(old, ec);
}

}  // namespace kijun
