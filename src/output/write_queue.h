#pragma once
// Files written on a thread of their own: the build goes on rendering while the disk takes what it
// has made (at 10,000 pages some 470 MB, during which a writing thread mostly waits).

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>
#include <string>
#include <thread>

#include "base/diagnostic.h"
#include "output/site_writer.h"

namespace kijun {

/// Hands files to a SiteWriter from one thread of its own, in the order they are posted. At most
/// `max_bytes` of posted content waits at a time: past it, post() waits for room, so that memory
/// stays bounded when the disk is slower than the build. Without `threaded`, post() writes the
/// file itself (one poster at a time): for a small site a thread costs more than it overlaps. The
/// writer must not be used by anything else until finish() has returned.
class WriteQueue {
 public:
  WriteQueue(SiteWriter& writer, std::size_t max_bytes, bool threaded = true);
  ~WriteQueue();  ///< finishes (what was posted is still written)
  WriteQueue(const WriteQueue&) = delete;
  WriteQueue& operator=(const WriteQueue&) = delete;

  /// Queues `content` for SiteWriter::write(path, content, source); callable from any thread.
  void post(std::string path, std::string content, std::string source);
  /// Waits until every posted file is written and the thread has ended; returns what the writes
  /// reported (write errors, two sources of one path). Nothing may be posted after.
  Diagnostics finish();
  /// Time the thread spent writing (not waiting for files), in milliseconds; read after finish().
  double busy_ms() const { return busy_ms_; }

 private:
  struct File {
    std::string path, content, source;
  };
  void run();
  void write(const std::string& path, const std::string& content, const std::string& source);

  SiteWriter& writer_;
  const std::size_t max_bytes_;
  std::mutex lock_;
  std::condition_variable work_, room_;
  std::deque<File> files_;
  std::size_t waiting_bytes_ = 0;
  bool closed_ = false;
  Diagnostics diags_;  // written by the thread only (or, without one, under lock_), until it has ended
  double busy_ms_ = 0;  // likewise
  std::thread thread_;
};

}  // namespace kijun
