#include "output/write_queue.h"

#include <chrono>

namespace kijun {

WriteQueue::WriteQueue(SiteWriter& writer, std::size_t max_bytes, bool threaded)
    : writer_(writer), max_bytes_(max_bytes) {
  if (threaded) thread_ = std::thread([this] { run(); });
}

WriteQueue::~WriteQueue() { finish(); }

void WriteQueue::post(std::string path, std::string content, std::string source) {
  std::unique_lock<std::mutex> hold(lock_);
  if (!thread_.joinable()) {
    write(path, content, source);
    return;
  }
  // A file larger than the whole room still goes, once nothing else waits.
  room_.wait(hold, [&] { return files_.empty() || waiting_bytes_ + content.size() <= max_bytes_; });
  waiting_bytes_ += content.size();
  const bool idle = files_.empty();  // else the thread is writing, and takes the next file without waiting
  files_.push_back({std::move(path), std::move(content), std::move(source)});
  if (idle) work_.notify_one();
}

void WriteQueue::run() {
  std::unique_lock<std::mutex> hold(lock_);
  for (;;) {
    work_.wait(hold, [&] { return closed_ || !files_.empty(); });
    if (files_.empty()) return;  // closed, and everything written
    File f = std::move(files_.front());
    files_.pop_front();
    hold.unlock();
    write(f.path, f.content, f.source);
    const std::size_t size = f.content.size();
    f = {};  // freed before the room is given back
    hold.lock();
    waiting_bytes_ -= size;
    room_.notify_all();
  }
}

void WriteQueue::write(const std::string& path, const std::string& content, const std::string& source) {
  const auto start = std::chrono::steady_clock::now();
  writer_.write(path, content, source, diags_);
  busy_ms_ += std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

Diagnostics WriteQueue::finish() {
  {
    std::lock_guard<std::mutex> hold(lock_);
    closed_ = true;
    work_.notify_one();
  }
  if (thread_.joinable()) thread_.join();
  return std::move(diags_);
}

}  // namespace kijun
