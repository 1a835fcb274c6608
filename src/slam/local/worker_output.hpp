#pragma once

#include <atomic>
#include <mutex>
#include <string>
#include <thread>

namespace slam::local {

// The output of one worker process, read from its pipe on a thread of its
// own and written to the log line by line, each line behind the prefix of
// the invocation under way.
class WorkerOutput
{
public:
  // Read FD (non-blocking, owned by the caller) until stop() or its end;
  // lines outside any invocation get IDLE_PREFIX.
  WorkerOutput(int fd, std::string idle_prefix);
  ~WorkerOutput();
  WorkerOutput(const WorkerOutput&) = delete;
  WorkerOutput& operator=(const WorkerOutput&) = delete;

  // Put PREFIX before the lines read from now on; empty: the idle one.
  void set_prefix(const std::string& prefix);

  // Write what the pipe holds now, the last partial line too: the worker
  // flushes before it answers, so the invocation's output is all there.
  void drain();

  // Stop reading; the descriptor may be closed afterwards.
  void stop();

private:
  void run();
  // Read what is there; return false at the end of the pipe.
  bool read_available();
  void write_lines(bool flush_partial);

  int m_fd;
  std::string m_idle_prefix;
  std::mutex m_mutex; // guards everything below and the reads
  std::string m_prefix;
  std::string m_pending; // read, not written yet
  std::atomic<bool> m_stopping{false};
  std::thread m_thread;
};

} // namespace slam::local
