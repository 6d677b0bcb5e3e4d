#pragma once
// Files written on threads of their own: the build goes on rendering while the disk takes what it
// has made (at 10,000 pages some 470 MB, during which a writing thread mostly waits, or, creating
// files, spends the kernel's CPU).

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "base/diagnostic.h"
#include "output/site_writer.h"

namespace kijun {

/// Hands files to a SiteWriter: each path is claimed as it is posted (so that two sources of one
/// path are found in the order posted), and its bytes are stored by `threads` threads of the
/// queue's own. At most `max_bytes` of posted content waits at a time: past it, post() waits for
/// room, so that memory stays bounded when the disk is slower than the build. With no threads,
/// post() stores the file itself (one poster at a time): for a small site a thread costs more than
/// it overlaps. The writer must not be used by anything else until finish() has returned.
class WriteQueue {
 public:
  WriteQueue(SiteWriter& writer, std::size_t max_bytes, std::size_t threads);
  ~WriteQueue();  ///< finishes (what was posted is still written)
  WriteQueue(const WriteQueue&) = delete;
  WriteQueue& operator=(const WriteQueue&) = delete;

  /// Queues `content` for SiteWriter::write(path, content, source); callable from any thread.
  void post(std::string path, std::string content, std::string source);
  /// Waits until every posted file is written and the threads have ended; returns what the
  /// writes reported (write errors, two sources of one path). Nothing may be posted after.
  Diagnostics finish();
  /// Time spent storing files (not waiting for them), over all threads, in milliseconds; read
  /// after finish().
  double busy_ms() const;

 private:
  struct File {
    std::string path, content;
  };
  void run(std::size_t thread);
  void store(const File& f, std::size_t thread);

  SiteWriter& writer_;
  const std::size_t max_bytes_;
  std::mutex lock_;
  std::condition_variable work_, room_;
  std::deque<File> files_;
  std::size_t waiting_bytes_ = 0;
  std::size_t sleeping_ = 0;  // threads waiting for work
  bool closed_ = false;
  Diagnostics claims_;                   // what claiming reported, under lock_
  std::vector<Diagnostics> diags_;       // per thread (one when there are none): what storing reported
  std::vector<double> busy_ms_;          // likewise
  std::vector<std::thread> threads_;
};

}  // namespace kijun
