#pragma once
// The only code that writes the output folder. Everything goes into a temporary folder next to it,
// which replaces the output folder in one step at the end; a failed build leaves it untouched. The
// replaced site is kept beside it (".site.kijun-spare") and becomes the next build's temporary
// folder: files whose bytes are the same are left alone, the others rewritten, the rest removed.

#include <atomic>
#include <filesystem>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "base/diagnostic.h"

namespace kijun {

/// Writes a site into a staging folder and swaps it in on commit(); or, in memory, only collects
/// the files (path -> bytes) with the same checks, for the preview.
class SiteWriter {
 public:
  /// `out_dir` is the final folder (e.g. site/); `shown_out` is how messages name it. With
  /// `to_disk` false nothing is written: the files are kept for take_files().
  SiteWriter(std::filesystem::path out_dir, std::string shown_out, bool to_disk = true);
  ~SiteWriter();  ///< removes the staging folder unless committed
  SiteWriter(const SiteWriter&) = delete;
  SiteWriter& operator=(const SiteWriter&) = delete;

  /// Writes `content` at `rel_path` (site-relative, '/'-separated). `source` names what produced it,
  /// for the message when two sources claim the same output path.
  bool write(const std::string& rel_path, std::string_view content, const std::string& source, Diagnostics& diags);
  /// write() in two steps, for writing on several threads: claim_file() takes the path (one
  /// caller at a time, in the order the files are to be claimed) and says whether to store it;
  /// store() then writes its bytes, and may run on several threads at once.
  bool claim_file(const std::string& rel_path, std::size_t size, const std::string& source, Diagnostics& diags);
  bool store(const std::string& rel_path, std::string_view content, Diagnostics& diags);
  /// Copies a file into the site.
  bool copy(const std::string& rel_path, const std::filesystem::path& from, const std::string& source,
            Diagnostics& diags);

  /// Atomically replaces the output folder with the staged one. Returns false (with a diagnostic) on failure.
  bool commit(Diagnostics& diags);

  const std::filesystem::path& staging_dir() const { return staging_; }
  std::size_t files_written() const { return owners_.size(); }
  std::size_t bytes_written() const { return bytes_; }
  /// Files of the reused spare site whose bytes were already right (not rewritten).
  std::size_t files_unchanged() const { return unchanged_; }

  /// In memory: every file written or copied, site-relative path -> bytes (empty when to_disk).
  std::map<std::string, std::string> take_files() { return std::move(files_); }

 private:
  bool claim(const std::string& rel_path, const std::string& source, Diagnostics& diags);
  bool make_parent(const std::string& rel_path);
  bool replace_in_reused(const std::filesystem::path& target, std::string_view content);
  void prune_unclaimed();
  void keep_as_spare(const std::filesystem::path& old);
  std::filesystem::path out_;
  std::string shown_out_;
  bool to_disk_ = true;
  std::filesystem::path staging_;
  std::filesystem::path spare_;  // the site before last, kept for reuse
  bool reused_ = false;          // staging_ is the spare, renamed
  std::atomic<std::size_t> unchanged_{0};
  std::mutex lock_;  // store() on several threads: made_dirs_ and files_
  std::map<std::string, std::string> owners_;
  std::map<std::string, std::string> files_;
  std::set<std::string> made_dirs_;  // staging subfolders already created
  std::size_t bytes_ = 0;
  bool committed_ = false;
  std::string setup_error_;  // why the staging folder could not be made ("" when it was)
  bool setup_reported_ = false;
  bool staged(Diagnostics& diags);  // reports setup_error_ once; false when there is no staging folder
};

/// The file every build leaves in the output folder, so that a later build knows it may replace it.
inline constexpr const char* kSiteMarker = ".kijun-site";

/// Checks that `out` may be replaced by a build: it does not contain `project`, neither contains
/// nor lies inside any of `sources` (content/, the theme), and if it exists and is not empty it
/// holds the marker of an earlier build. Reports why not, naming `shown_out`.
bool may_replace_output(const std::filesystem::path& out, const std::string& shown_out,
                        const std::filesystem::path& project, const std::vector<std::filesystem::path>& sources,
                        Diagnostics& diags);

/// Removes staging folders in `parent` whose names start with `prefix` and whose build process is
/// gone (left behind by a build that was killed).
void remove_stale_staging(const std::filesystem::path& parent, const std::string& prefix);

/// True when `rel_path` is a plain relative path that stays inside the folder it is joined to.
bool is_safe_relative_path(const std::string& rel_path);

}  // namespace kijun
