#include "slam/config/names.hpp"
#include "slam/config/sections.hpp"

#include <algorithm>
#include <fmt/core.h>

namespace slam::config {
namespace {

constexpr int k_max_throughput = 40000;

// Read "key: id" or "key: [id, sort]" into KEY.
void read_key(MapReader& reader,
              const std::string& owner,
              std::vector<std::string>& key)
{
  auto node = reader.node("key");
  auto list = reader.string_list("key");
  if (!node) {
    reader.error(
        fmt::format("{} needs a 'key' (an attribute name, or a list of "
                    "hash and range attribute names)",
                    owner));
    return;
  }
  if (!list || list->empty() || list->size() > 2) {
    reader.diagnostics().error(*node,
                               fmt::format("key of {} must be an attribute "
                                           "name or a list of two",
                                           owner));
    return;
  }
  key = *list;
}

// Read "project: all", "project: [a, b]" or "project: []".
void read_projection(MapReader& reader, TableIndex& index)
{
  auto node = reader.node("project");
  if (!node) {
    node = reader.node("projection");
  }
  if (!node) {
    return; // keys only
  }
  if (node->IsScalar() && node->Scalar() == "all") {
    index.projection = "all";
    return;
  }
  if (node->IsScalar() && node->Scalar() == "keys_only") {
    return;
  }
  if (node->IsScalar()) {
    reader.diagnostics().error(*node,
                               fmt::format("project of index '{}' must "
                                           "be \"all\", \"keys_only\" "
                                           "or a list of attributes",
                                           index.name));
    return;
  }
  auto list =
      reader.string_list(reader.has("project") ? "project" : "projection");
  if (!list) {
    return;
  }
  index.non_key_attributes = *list;
  index.projection = list->empty() ? "keys_only" : "include";
}

TableIndex read_index(const YAML::Node& name,
                      const YAML::Node& node,
                      bool global,
                      Diagnostics& diagnostics)
{
  TableIndex index;
  index.name = name.as<std::string>("");
  auto owner = fmt::format("index '{}'", index.name);
  MapReader reader(node, owner, diagnostics);
  read_key(reader, owner, index.key);
  read_projection(reader, index);
  if (global) {
    index.read_throughput =
        reader.integer("read_throughput", 1, k_max_throughput).value_or(1);
    index.write_throughput =
        reader.integer("write_throughput", 1, k_max_throughput).value_or(1);
  }
  reader.warn_unknown_keys();
  return index;
}

std::vector<TableIndex>
read_indexes(MapReader& reader, const std::string& key, bool global)
{
  std::vector<TableIndex> indexes;
  auto node = reader.node(key);
  if (!node) {
    return indexes;
  }
  if (!node->IsMap()) {
    reader.diagnostics().error(*node,
                               key + " must be a mapping of index "
                                     "names to definitions");
    return indexes;
  }
  for (const auto& entry : *node) {
    indexes.push_back(
        read_index(entry.first, entry.second, global, reader.diagnostics()));
  }
  return indexes;
}

void read_attributes(MapReader& reader, Table& table)
{
  auto node = reader.node("attributes");
  if (!node || !node->IsMap()) {
    reader.error(
        fmt::format("table '{}' needs 'attributes', a mapping of attribute "
                    "names to types (S, N or B)",
                    table.name));
    return;
  }
  for (const auto& entry : *node) {
    auto type = scalar_text(entry.second).value_or("");
    if (type != "S" && type != "N" && type != "B") {
      reader.diagnostics().error(
          entry.second,
          fmt::format("attribute type '{}' must be S, N or B", type));
    }
    table.attributes.emplace_back(entry.first.as<std::string>(""), type);
  }
}

// Every key attribute must be declared in attributes.
void check_keys_declared(const YAML::Node& node,
                         const Table& table,
                         Diagnostics& diagnostics)
{
  auto declared = [&](const std::string& name) {
    return std::any_of(table.attributes.begin(),
                       table.attributes.end(),
                       [&](const auto& a) { return a.first == name; });
  };
  auto check = [&](const std::vector<std::string>& key) {
    for (const auto& name : key) {
      if (!declared(name)) {
        diagnostics.error(node,
                          fmt::format("key attribute '{}' of table "
                                      "'{}' is not in its attributes",
                                      name,
                                      table.name));
      }
    }
  };
  check(table.key);
  for (const auto& index : table.local_secondary_indexes) {
    check(index.key);
  }
  for (const auto& index : table.global_secondary_indexes) {
    check(index.key);
  }
}

Table read_table(const YAML::Node& name,
                 const YAML::Node& node,
                 Diagnostics& diagnostics)
{
  Table table;
  table.name = name.as<std::string>("");
  if (auto problem = check_table_name(table.name)) {
    diagnostics.error(name, fmt::format("table '{}' {}", table.name, *problem));
  }
  auto owner = fmt::format("table '{}'", table.name);
  MapReader reader(node, owner, diagnostics);
  read_attributes(reader, table);
  read_key(reader, owner, table.key);
  table.read_throughput =
      reader.integer("read_throughput", 1, k_max_throughput).value_or(1);
  table.write_throughput =
      reader.integer("write_throughput", 1, k_max_throughput).value_or(1);
  table.local_secondary_indexes =
      read_indexes(reader, "local_secondary_indexes", false);
  table.global_secondary_indexes =
      read_indexes(reader, "global_secondary_indexes", true);
  reader.warn_unknown_keys();
  check_keys_declared(name, table, diagnostics);
  return table;
}

} // namespace

void read_tables(MapReader& root, std::vector<Table>& tables)
{
  auto node = root.node("dynamodb_tables");
  if (!node) {
    return;
  }
  if (!node->IsMap()) {
    root.diagnostics().error(*node,
                             "dynamodb_tables must be a mapping of "
                             "table names to definitions");
    return;
  }
  for (const auto& entry : *node) {
    tables.push_back(read_table(entry.first, entry.second, root.diagnostics()));
  }
}

} // namespace slam::config
