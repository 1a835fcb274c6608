#include "slam/deploy/logs.hpp"

#include "slam/aws/cloudformation.hpp"
#include "slam/deploy/deploy.hpp"
#include "slam/deploy/ownership.hpp"
#include "slam/util/error.hpp"

#include <algorithm>
#include <fmt/core.h>

namespace slam::deploy {
namespace {

// Return LINES as the text printed for them, one line each.
std::string render(const std::vector<LogLine>& lines)
{
  std::string text;
  for (const auto& line : lines) {
    text += format_line(line);
    text += '\n';
  }
  return text;
}

} // namespace

LogReader::LogReader(aws::Session& session, std::vector<LogSource> sources)
    : m_logs(session), m_sources(std::move(sources))
{
}

std::vector<LogLine> LogReader::read_source(const LogSource& source,
                                            aws::Timestamp start)
{
  aws::LogEventFilter filter;
  filter.group = source.group;
  filter.start = start;
  // Lambda puts the version inside stream names after a date, so no
  // prefix selects one version over several days: filter here.
  std::vector<LogLine> lines;
  for (auto& event : m_logs.filter_log_events(filter)) {
    if (keeps_stream(source, event.stream)) {
      auto label = stream_label(source, event.stream);
      lines.push_back({source.group, std::move(label), std::move(event)});
    }
  }
  return lines;
}

std::vector<LogLine> LogReader::read_since(aws::Timestamp start)
{
  std::vector<std::vector<LogLine>> lists;
  for (const auto& source : m_sources) {
    lists.push_back(read_source(source, start));
  }
  m_seen.forget_before(start);
  return m_seen.only_new(merge_events(std::move(lists)));
}

std::vector<LogSource> stage_log_sources(const config::Config& config,
                                         aws::Session& session,
                                         const std::string& stage)
{
  auto name = resolve_stage(config, stage);
  aws::CloudFormation cloudformation(session);
  auto stack = cloudformation.describe_stack(config.name);
  if (!stack) {
    throw Error(fmt::format("'{}' is not deployed; run 'slam deploy' first",
                            config.name));
  }
  check_ownership(stack, config);
  return log_sources(config, name, *stack);
}

std::size_t show_logs(aws::Session& session,
                      const std::vector<LogSource>& sources,
                      const LogsOptions& options,
                      const LogPrinter& print,
                      const TailWait& wait)
{
  std::size_t printed = 0;
  LogReader reader(session, sources);
  auto first = std::chrono::system_clock::now() - options.period;
  auto start = first;
  for (;;) {
    auto read_at = std::chrono::system_clock::now();
    auto lines = reader.read_since(start);
    if (!lines.empty() && !print(render(lines))) {
      return printed;
    }
    printed += lines.size();
    if (!options.tail || !wait(options.poll_interval)) {
      return printed;
    }
    start = std::max(first, read_at - options.overlap);
  }
}

} // namespace slam::deploy
