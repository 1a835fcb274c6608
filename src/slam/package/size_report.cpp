#include "slam/package/size_report.hpp"

#include <algorithm>
#include <fmt/core.h>
#include <map>

namespace slam::package {
namespace {

// How many groups of each kind a report shows: enough to find what to cut.
constexpr std::size_t k_error_rows = 10;

constexpr std::string_view k_top_level = "(top level)";

std::string folder_of(const std::string& path)
{
  auto slash = path.find('/');
  if (slash == std::string::npos) {
    return std::string(k_top_level);
  }
  return path.substr(0, slash + 1);
}

void add_to(std::map<std::string, SizeGroup>& groups,
            const std::string& name,
            const SizedFile& file)
{
  auto& group = groups[name];
  group.name = name;
  group.files += 1;
  group.unzipped += file.unzipped;
  group.zipped += file.zipped;
}

std::vector<SizeGroup> largest_first(std::map<std::string, SizeGroup> groups)
{
  std::vector<SizeGroup> sorted;
  sorted.reserve(groups.size());
  for (auto& [name, group] : groups) {
    sorted.push_back(std::move(group));
  }
  std::stable_sort(
      sorted.begin(), sorted.end(), [](const auto& a, const auto& b) {
        return a.unzipped > b.unzipped;
      });
  return sorted;
}

// Return the columns of GROUP's sizes, with or without ZIPPED.
std::string format_sizes(const SizeGroup& group, bool zipped)
{
  auto text = fmt::format("{:>10} unzipped", human_size(group.unzipped));
  if (zipped) {
    text += fmt::format("  {:>10} zipped", human_size(group.zipped));
  }
  return text;
}

void format_groups(std::string& text,
                   std::string_view title,
                   const std::vector<SizeGroup>& groups,
                   std::size_t limit,
                   bool zipped)
{
  if (groups.empty()) {
    return;
  }
  text += fmt::format("{}:\n", title);
  auto shown = std::min(limit, groups.size());
  for (std::size_t i = 0; i < shown; ++i) {
    const auto& group = groups[i];
    text += fmt::format("  {}  {:>6} {:<5}  {}\n",
                        format_sizes(group, zipped),
                        group.files,
                        group.files == 1 ? "file" : "files",
                        group.name);
  }
  if (shown < groups.size()) {
    text += fmt::format("  ... and {} more\n", groups.size() - shown);
  }
}

} // namespace

SizeReport size_report(const std::vector<SizedFile>& files)
{
  std::map<std::string, SizeGroup> distributions;
  std::map<std::string, SizeGroup> folders;
  SizeReport report;
  for (const auto& file : files) {
    if (file.distribution.empty()) {
      add_to(folders, folder_of(file.path), file);
    } else {
      add_to(distributions, file.distribution, file);
    }
    report.unzipped += file.unzipped;
    report.zipped += file.zipped;
  }
  report.distributions = largest_first(std::move(distributions));
  report.folders = largest_first(std::move(folders));
  return report;
}

std::string human_size(std::uint64_t bytes)
{
  constexpr double k_unit = 1024.0;
  if (bytes < 1024) {
    return fmt::format("{} B", bytes);
  }
  auto value = static_cast<double>(bytes) / k_unit;
  for (auto unit : {"KiB", "MiB"}) {
    if (value < k_unit) {
      return fmt::format("{:.1f} {}", value, unit);
    }
    value /= k_unit;
  }
  return fmt::format("{:.1f} GiB", value);
}

std::string format_size_report(const SizeReport& report, std::size_t limit)
{
  std::string text;
  auto zipped = report.zipped_known;
  format_groups(
      text, "largest distributions", report.distributions, limit, zipped);
  format_groups(text, "largest folders", report.folders, limit, zipped);
  text += fmt::format("total: {} unzipped", human_size(report.unzipped));
  text +=
      zipped ? fmt::format(", {} zipped\n", human_size(report.zipped)) : "\n";
  return text;
}

std::string size_limit_error(const SizeReport& report, std::uint64_t limit)
{
  if (report.unzipped <= limit) {
    return {};
  }
  auto text = fmt::format(
      "the package is {} unzipped, {} over Lambda's limit of {}; leave out "
      "what the function does not need ('package.exclude' or .slamignore), "
      "move large dependencies to a Lambda layer or drop them from the "
      "requirements, or deploy a container image instead\n{}",
      human_size(report.unzipped),
      human_size(report.unzipped - limit),
      human_size(limit),
      format_size_report(report, k_error_rows));
  text.pop_back(); // the error printer ends the line
  return text;
}

} // namespace slam::package
