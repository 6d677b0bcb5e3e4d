#include "output/write_queue.h"

#include <algorithm>
#include <chrono>

namespace kijun {

WriteQueue::WriteQueue(SiteWriter& writer, std::size_t max_bytes, std::size_t threads)
    : writer_(writer), max_bytes_(max_bytes), diags_(std::max<std::size_t>(threads, 1)),
      busy_ms_(std::max<std::size_t>(threads, 1), 0.0) {
  for (std::size_t t = 0; t < threads; ++t) threads_.emplace_back([this, t] { run(t); });
}

WriteQueue::~WriteQueue() { finish(); }

void WriteQueue::post(std::string path, std::string content, std::string source) {
  std::unique_lock<std::mutex> hold(lock_);
  if (!writer_.claim_file(path, content.size(), source, claims_)) return;
  if (threads_.empty()) {
    store({std::move(path), std::move(content)}, 0);
    return;
  }
  // A file larger than the whole room still goes, once nothing else waits.
  room_.wait(hold, [&] { return files_.empty() || waiting_bytes_ + content.size() <= max_bytes_; });
  waiting_bytes_ += content.size();
  files_.push_back({std::move(path), std::move(content)});
  if (sleeping_ > 0) work_.notify_one();  // a busy thread takes the next file without waiting
}

void WriteQueue::store(const File& f, std::size_t thread) {
  const auto start = std::chrono::steady_clock::now();
  writer_.store(f.path, f.content, diags_[thread]);
  busy_ms_[thread] += std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

void WriteQueue::run(std::size_t thread) {
  std::unique_lock<std::mutex> hold(lock_);
  for (;;) {
    ++sleeping_;
    work_.wait(hold, [&] { return closed_ || !files_.empty(); });
    --sleeping_;
    if (files_.empty()) return;  // closed, and everything written
    File f = std::move(files_.front());
    files_.pop_front();
    hold.unlock();
    store(f, thread);
    const std::size_t size = f.content.size();
    f = {};  // freed before the room is given back
    hold.lock();
    waiting_bytes_ -= size;
    room_.notify_all();
  }
}

Diagnostics WriteQueue::finish() {
  {
    std::lock_guard<std::mutex> hold(lock_);
    closed_ = true;
    work_.notify_all();
  }
  for (std::thread& t : threads_)
    if (t.joinable()) t.join();
  Diagnostics out = std::move(claims_);
  for (Diagnostics& d : diags_) out.merge(std::move(d));
  diags_.assign(diags_.size(), Diagnostics{});
  claims_ = Diagnostics{};
  return out;
}

double WriteQueue::busy_ms() const {
  double ms = 0;
  for (double b : busy_ms_) ms += b;
  return ms;
}

}  // namespace kijun
