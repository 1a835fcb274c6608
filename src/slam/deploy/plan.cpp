#include "slam/deploy/plan.hpp"

#include "slam/deploy/stack_wait.hpp"
#include "slam/util/error.hpp"
#include "slam/util/interrupt.hpp"
#include "slam/util/log.hpp"

#include <algorithm>
#include <fmt/core.h>
#include <nlohmann/json.hpp>

namespace slam::deploy {
namespace {

// Return where ACTION goes in a plan (additions first) and its label.
std::pair<int, std::string> action_label(const std::string& action)
{
  if (action == "Add") {
    return {0, "+ add   "};
  }
  if (action == "Modify") {
    return {1, "~ modify"};
  }
  if (action == "Remove") {
    return {2, "- remove"};
  }
  return {3, fmt::format("* {:<6}", action)}; // Import, Dynamic
}

std::string change_detail(const aws::ResourceChange& change)
{
  std::string detail;
  if (!change.replacement.empty()) {
    detail = "replacement: " + change.replacement;
  }
  if (!change.properties.empty()) {
    std::string names;
    for (const auto& name : change.properties) {
      names += (names.empty() ? "" : ", ") + name;
    }
    detail += (detail.empty() ? "" : "; ") + ("properties: " + names);
  }
  return detail;
}

std::string change_line(const aws::ResourceChange& change,
                        std::size_t id_width,
                        std::size_t type_width)
{
  auto detail = change_detail(change);
  auto line = fmt::format("  {}  {:<{}}  {}",
                          action_label(change.action).second,
                          change.logical_id,
                          id_width,
                          change.resource_type);
  if (!detail.empty()) {
    line +=
        std::string(type_width - change.resource_type.size() + 2, ' ') + detail;
  }
  return line + "\n";
}

std::string counts_line(const std::vector<aws::ResourceChange>& changes)
{
  auto count = [&](const char* action) {
    return std::count_if(changes.begin(), changes.end(), [&](const auto& c) {
      return c.action == action;
    });
  };
  return fmt::format("{} to add, {} to modify, {} to remove\n",
                     count("Add"),
                     count("Modify"),
                     count("Remove"));
}

std::string change_set_name()
{
  auto seconds = std::chrono::duration_cast<std::chrono::seconds>(
      std::chrono::system_clock::now().time_since_epoch());
  return fmt::format("slam-plan-{}", seconds.count());
}

// Delete the change set IDS and, when it made the stack (CREATED), that
// stack too; warn rather than throw, as this runs while other errors may
// be on their way out.
void clean_up(aws::CloudFormation& cloudformation,
              const aws::ChangeSetIds& ids,
              bool created)
{
  try {
    cloudformation.delete_change_set(ids.id);
    if (created) {
      // The stack is REVIEW_IN_PROGRESS and holds nothing.
      cloudformation.delete_stack(ids.stack_id);
      // After Ctrl-C, asking for the deletion is enough.
      if (!util::interrupt_requested()) {
        cloudformation.wait_for_stack(ids.stack_id, wait_settings());
      }
    }
  } catch (const Error& error) {
    util::warn(fmt::format("could not delete change set '{}'{}: {}; delete "
                           "it in the CloudFormation console",
                           ids.id,
                           created ? " and its empty stack" : "",
                           error.what()));
  }
}

// Print what replacing STACK (needs_replacement) with the template BODY
// would do: delete it and create every resource.
void plan_replacement(const aws::Stack& stack, const std::string& body)
{
  util::notef("stack '{}' is {}; a deploy deletes it and creates it again",
              stack.name,
              stack.status);
  fmt::print("{}", render_plan(stack.name, true, template_additions(body)));
}

void print_no_changes(const std::string& name)
{
  fmt::print("no changes: stack '{}' is up to date\n", name);
}

} // namespace

std::string render_plan(const std::string& name,
                        bool creation,
                        const std::vector<aws::ResourceChange>& changes)
{
  auto sorted = changes;
  std::stable_sort(
      sorted.begin(), sorted.end(), [](const auto& a, const auto& b) {
        auto rank_a = action_label(a.action).first;
        auto rank_b = action_label(b.action).first;
        return rank_a != rank_b ? rank_a < rank_b : a.logical_id < b.logical_id;
      });
  std::size_t id_width = 0;
  std::size_t type_width = 0;
  for (const auto& change : sorted) {
    id_width = std::max(id_width, change.logical_id.size());
    type_width = std::max(type_width, change.resource_type.size());
  }
  auto text = fmt::format(
      "deploying would {} stack '{}':\n", creation ? "create" : "change", name);
  for (const auto& change : sorted) {
    text += change_line(change, id_width, type_width);
  }
  return text + counts_line(sorted);
}

bool has_no_changes(const aws::ChangeSet& change_set)
{
  const auto& reason = change_set.status_reason;
  return change_set.status == "FAILED" &&
         (reason.find("didn't contain changes") != std::string::npos ||
          reason.find("No updates are to be performed") != std::string::npos);
}

std::vector<aws::ResourceChange> template_additions(const std::string& body)
{
  std::vector<aws::ResourceChange> changes;
  auto resources =
      nlohmann::json::parse(body).value("Resources", nlohmann::json::object());
  for (const auto& [logical_id, resource] : resources.items()) {
    aws::ResourceChange change;
    change.action = "Add";
    change.logical_id = logical_id;
    change.resource_type = resource.value("Type", "");
    changes.push_back(change);
  }
  return changes;
}

void plan_stack(aws::CloudFormation& cloudformation,
                const aws::StackRequest& request,
                const std::optional<aws::Stack>& existing)
{
  if (existing && needs_replacement(*existing)) {
    plan_replacement(*existing, request.template_body);
    return;
  }
  // Ctrl-C stops the wait, and the change set is deleted before slam ends.
  util::DeferredInterrupts deferred;
  aws::ChangeSetRequest change_set_request{
      request,
      change_set_name(),
      existing ? "UPDATE" : "CREATE",
      "slam deploy --plan; deleted once read"};
  util::notef("creating change set '{}' for stack '{}'",
              change_set_request.name,
              request.name);
  auto ids = cloudformation.create_change_set(change_set_request);
  if (!ids) {
    print_no_changes(request.name);
    return;
  }
  aws::ChangeSet change_set;
  try {
    change_set = cloudformation.wait_for_change_set(ids->id, wait_settings());
  } catch (const Error&) {
    clean_up(cloudformation, *ids, !existing);
    throw;
  }
  clean_up(cloudformation, *ids, !existing);

  if (has_no_changes(change_set)) {
    print_no_changes(request.name);
  } else if (change_set.status != "CREATE_COMPLETE") {
    throw Error(fmt::format("cannot plan the deploy of stack '{}': the change "
                            "set is {}{}",
                            request.name,
                            change_set.status,
                            change_set.status_reason.empty()
                                ? ""
                                : ": " + change_set.status_reason));
  } else {
    fmt::print("{}", render_plan(request.name, !existing, change_set.changes));
  }
}

} // namespace slam::deploy
