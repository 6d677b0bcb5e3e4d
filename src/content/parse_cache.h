#pragma once
// The preview's memory of parsed content files between builds. A file whose bytes (and the
// settings its parse depends on) are the same as at the last build is not parsed again: its front
// matter and messages are reused, and its syntax tree is lent to the next build and given back
// when that build is done with it. A tree a build changed for good (glossary terms wrapped in
// links) or freed is not given back, so that file is parsed again next time.

#include <cstddef>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "base/diagnostic.h"
#include "content/front_matter.h"
#include "content/markdown.h"

namespace kijun {

struct ContentLibrary;

/// One .md file of content/, read and parsed, with the messages that reading and parsing gave.
struct ParsedFile {
  std::optional<std::string> text;
  std::optional<SourceFile> file;  ///< its views point into `text`
  Diagnostics front;               ///< reading the file and its front matter
  std::unique_ptr<MarkdownDocument> doc;
  Diagnostics body;                ///< parsing its Markdown
  /// The lint pass's messages on its body (they depend on the text alone), once linted: shared
  /// with the page loaded from it (Page::body_lint).
  std::shared_ptr<std::optional<Diagnostics>> body_lint = std::make_shared<std::optional<Diagnostics>>();
};

class ParseCache {
 public:
  /// Starts a load under `settings` (whatever the parse of every file depends on): entries made
  /// under other settings are dropped.
  void begin(const std::string& settings);

  /// The parse of `rel` (relative to content/) if its text is `text` and its tree is here; nullptr
  /// otherwise. The entry leaves the cache (store() puts it back). Safe from several threads.
  std::unique_ptr<ParsedFile> take(const std::string& rel, const std::string& text);

  /// The files of the load just done, by path relative to content/, replacing every entry (files
  /// no longer in content/ drop out). Their trees are with the pages until give_back().
  void store(std::map<std::string, std::unique_ptr<ParsedFile>> files);

  /// Takes back the trees of `lib`'s pages (loaded from `content_dir`) that can be rendered again.
  void give_back(ContentLibrary& lib, const std::string& content_dir);

  /// Files of the last load that were reused, and that were read and parsed, for the figures.
  std::size_t hits() const { return hits_; }
  std::size_t misses() const { return misses_; }

 private:
  std::string settings_;
  std::mutex mutex_;  // for take()
  std::map<std::string, std::unique_ptr<ParsedFile>> entries_;
  std::size_t hits_ = 0, misses_ = 0;
};

}  // namespace kijun
