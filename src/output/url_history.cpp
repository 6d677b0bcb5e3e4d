#include "output/url_history.h"

#include <algorithm>
#include <fstream>
#include <iterator>
#include <map>

#include "base/utf8.h"

namespace kijun {

namespace fs = std::filesystem;

namespace {

// Why `url` cannot be an alias (Japanese, English), or nullopt when it can.
std::optional<std::pair<std::string, std::string>> alias_problem(const std::string& url) {
  if (url.empty()) return std::pair{"空です", "it is empty"};
  if (url[0] == '/' || url.find(':') != std::string::npos || url.find('\\') != std::string::npos)
    return std::pair{"サイトの中の相対の URL（important/old-name.html の形）で書いてください",
                     "write it as a URL relative to the site (such as important/old-name.html)"};
  for (std::size_t i = 0; i < url.size();) {
    const std::size_t start = i;
    const char32_t c = utf8::next(url, i);
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                    c == '_' || c == '.' || c == '/' || (c >= 0x3041 && c != 0x3000 && c != 0xFEFF && c != 0xFFFD);
    if (!ok)
      return std::pair{"URL に使えない文字「" + url.substr(start, i - start) + "」があります",
                       "it holds '" + url.substr(start, i - start) + "', which a URL cannot carry"};
  }
  std::size_t begin = 0;
  for (std::size_t end; begin <= url.size(); begin = end + 1) {
    end = url.find('/', begin);
    if (end == std::string::npos) end = url.size();
    const std::string part = url.substr(begin, end - begin);
    if (part.empty() || part == "." || part == "..")
      return std::pair{"空の部分や「.」「..」は使えません", "it has an empty, '.' or '..' part"};
  }
  if (url.size() < 6 || !url.ends_with(".html"))
    return std::pair{"ページの URL なので .html で終わります", "page URLs end in .html"};
  return std::nullopt;
}

}  // namespace

std::string page_list(const ContentLibrary& lib) {
  std::map<std::string, std::string> urls;
  for (const Page& p : lib.pages) {
    urls.emplace(p.url, p.source_path);
    for (const std::string& a : p.meta.aliases) urls.emplace(a, p.source_path);
  }
  std::string out;
  for (const auto& [url, source] : urls) out += url + "\t" + source + "\n";
  return out;
}

std::vector<Alias> check_aliases(const ContentLibrary& lib, const std::set<std::string>& written, Diagnostics& diags) {
  std::map<std::string, std::string> page_of_url;
  for (const Page& p : lib.pages) page_of_url.emplace(p.url, p.source_path);
  std::map<std::string, SourceLocation> taken;  // alias -> where it was first written
  std::vector<Alias> out;
  for (int pi : lib.reading_order) {
    const Page& page = lib.pages[pi];
    for (std::size_t k = 0; k < page.meta.aliases.size(); ++k) {
      const std::string& url = page.meta.aliases[k];
      const SourceLocation& where = page.meta.alias_locations[k];
      if (auto why = alias_problem(url)) {
        diags.error(where, Message{"KJ130", "aliases の「" + url + "」は前の URL として使えません。" + why->first,
                                   "alias '" + url + "' cannot be an earlier URL: " + why->second});
        continue;
      }
      if (auto p = page_of_url.find(url); p != page_of_url.end()) {
        const bool self = p->second == page.source_path;
        diags.error(where, Message{"KJ131",
                                   self ? "aliases の「" + url + "」はこのページ自身の URL です。消してください"
                                        : "aliases の「" + url + "」は " + p->second +
                                              " のページの URL です。前の URL だけを書いてください",
                                   self ? "alias '" + url + "' is this page's own URL: remove it"
                                        : "alias '" + url + "' is the URL of the page " + p->second +
                                              ": list only earlier URLs"});
        continue;
      }
      if (written.count(url)) {
        diags.error(where, Message{"KJ131", "aliases の「" + url + "」は kijun が作るファイルの名前です。前の URL だけを書いてください",
                                   "alias '" + url + "' is a file that kijun writes: list only earlier URLs"});
        continue;
      }
      auto [it, fresh] = taken.emplace(url, where);
      if (!fresh) {
        const std::string first = it->second.path + ":" + std::to_string(it->second.line);
        diags.error(where, Message{"KJ132", "aliases の「" + url + "」は " + first + " にも書かれています。一つのページだけに書いてください",
                                   "alias '" + url + "' is also written at " + first + ": give it to one page only"});
        continue;
      }
      out.push_back({url, pi});
    }
  }
  return out;
}

void check_removed_pages(const fs::path& out_dir, const std::string& shown_out, const ContentLibrary& lib,
                         Diagnostics& diags) {
  std::ifstream in(out_dir / kPageListFile, std::ios::binary);
  if (!in) return;
  std::set<std::string> now;
  for (const Page& p : lib.pages) {
    now.insert(p.url);
    now.insert(p.meta.aliases.begin(), p.meta.aliases.end());
  }
  // Pages of sections that could not be loaded are not gone: their errors are reported already.
  std::set<std::string> unavailable;
  for (const auto& u : lib.unavailable) unavailable.insert(u.source_path);
  const std::string shown = shown_out + "/" + kPageListFile;
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    const std::size_t tab = line.find('\t');
    const std::string url = line.substr(0, tab);
    const std::string source = tab == std::string::npos ? "" : line.substr(tab + 1);
    if (url.empty() || now.count(url) || unavailable.count(source)) continue;
    const std::string from_ja = source.empty() ? "" : "（" + source + "）";
    const std::string from_en = source.empty() ? "" : " (" + source + ")";
    diags.warning({shown, n, 1},
                  Message{"KJ820",
                          "前回のビルドで公開したページ " + url + from_ja +
                              (from_ja.empty() ? " " : "") + "がなくなります。リンクやブックマークが切れないよう、移した先のページのフロントマターに「aliases: [" +
                              url + "]」を書いてください（本当に削除するなら、この警告は次のビルドで消えます）",
                          "page " + url + from_en +
                              ", published by the previous build, is gone: so that links and bookmarks keep working, "
                              "add 'aliases: [" + url + "]' to the front matter of the page it moved to (if it was "
                              "removed on purpose, this warning goes with the next build)"});
  }
}

}  // namespace kijun
