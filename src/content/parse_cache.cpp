#include "content/parse_cache.h"

#include "content/content_library.h"

namespace kijun {

void ParseCache::begin(const std::string& settings) {
  if (settings != settings_) entries_.clear();
  settings_ = settings;
  hits_ = misses_ = 0;
}

std::unique_ptr<ParsedFile> ParseCache::take(const std::string& rel, const std::string& text) {
  std::lock_guard lock(mutex_);
  auto it = entries_.find(rel);
  if (it == entries_.end() || !it->second->doc || !it->second->text || *it->second->text != text) return nullptr;
  std::unique_ptr<ParsedFile> file = std::move(it->second);
  entries_.erase(it);
  ++hits_;
  return file;
}

void ParseCache::store(std::map<std::string, std::unique_ptr<ParsedFile>> files) {
  misses_ = files.size() - hits_;
  entries_ = std::move(files);
}

void ParseCache::give_back(ContentLibrary& lib, const std::string& content_dir) {
  const std::string prefix = content_dir + "/";
  for (Page& page : lib.pages) {
    if (!page.doc || page.doc->released() || page.doc->changed_for_good()) continue;
    if (page.source_path.compare(0, prefix.size(), prefix) != 0) continue;
    auto it = entries_.find(page.source_path.substr(prefix.size()));
    if (it != entries_.end() && !it->second->doc) it->second->doc = std::move(page.doc);
  }
}

}  // namespace kijun
