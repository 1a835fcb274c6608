#include "slam/cfn/plugins/dynamodb_table_checks.hpp"

#include <fmt/core.h>
#include <regex>
#include <set>

namespace slam::cfn {
namespace {

// DynamoDB's limits on secondary indexes per table.
constexpr std::size_t k_max_local_indexes = 5;
constexpr std::size_t k_max_global_indexes = 20;

// Collects the problems of one table, each prefixed with where it is.
class TableChecker
{
public:
  explicit TableChecker(const config::Table& table) : m_table(table) {}

  std::vector<std::string> run()
  {
    check_key(m_table.key, "key");
    check_throughput(m_table.read_throughput, m_table.write_throughput, "");
    check_index_counts();
    std::set<std::string> index_names;
    for (const auto& index : m_table.local_secondary_indexes) {
      check_index(index, "local_secondary_indexes", index_names);
      check_local_key(index);
    }
    for (const auto& index : m_table.global_secondary_indexes) {
      check_index(index, "global_secondary_indexes", index_names);
      check_throughput(index.read_throughput,
                       index.write_throughput,
                       "global_secondary_indexes." + index.name + ".");
    }
    return std::move(m_problems);
  }

private:
  template <typename... Args>
  void problem(fmt::format_string<Args...> format, Args&&... args)
  {
    m_problems.push_back(
        fmt::format("dynamodb_tables.{}.{}",
                    m_table.name,
                    fmt::format(format, std::forward<Args>(args)...)));
  }

  const std::string* attribute_type(const std::string& name) const
  {
    for (const auto& [attribute, type] : m_table.attributes) {
      if (attribute == name) {
        return &type;
      }
    }
    return nullptr;
  }

  void check_key(const std::vector<std::string>& key, const std::string& where)
  {
    if (key.empty() || key.size() > 2) {
      problem("{} must be a hash key attribute, or a list of a hash and a "
              "range key attribute",
              where);
      return;
    }
    for (const auto& name : key) {
      const auto* type = attribute_type(name);
      if (type == nullptr) {
        problem("{}: attribute '{}' is not listed in attributes", where, name);
      } else if (*type != "S" && *type != "N" && *type != "B") {
        problem("{}: key attribute '{}' must have type S, N or B, not '{}'",
                where,
                name,
                *type);
      }
    }
  }

  void check_throughput(int read, int write, const std::string& where)
  {
    if (read < 1 || write < 1) {
      problem("{}read_throughput and {}write_throughput must be at least 1",
              where,
              where);
    }
  }

  void check_index_counts()
  {
    if (m_table.local_secondary_indexes.size() > k_max_local_indexes) {
      problem("local_secondary_indexes: at most {} are allowed",
              k_max_local_indexes);
    }
    if (m_table.global_secondary_indexes.size() > k_max_global_indexes) {
      problem("global_secondary_indexes: at most {} are allowed",
              k_max_global_indexes);
    }
  }

  void check_index(const config::TableIndex& index,
                   const std::string& kind,
                   std::set<std::string>& names)
  {
    static const std::regex name_pattern("[A-Za-z0-9_.-]{3,255}");
    auto where = kind + "." + index.name;
    if (!std::regex_match(index.name, name_pattern)) {
      problem("{}: an index name must be 3 to 255 letters, digits, '_', '-' "
              "and '.'",
              where);
    }
    if (!names.insert(index.name).second) {
      problem("{}: another index of the table has this name", where);
    }
    check_key(index.key, where + ".key");
    check_projection(index, where);
  }

  void check_projection(const config::TableIndex& index,
                        const std::string& where)
  {
    const auto& type = index.projection;
    if (type != "all" && type != "keys_only" && type != "include") {
      problem("{}: projection must be all, keys_only or include, not '{}'",
              where,
              type);
    } else if (type == "include" && index.non_key_attributes.empty()) {
      problem("{}: an include projection needs the attributes to include",
              where);
    } else if (type != "include" && !index.non_key_attributes.empty()) {
      problem("{}: only an include projection lists attributes", where);
    }
  }

  // A local index re-sorts the items of one hash key, so it shares the
  // table's hash key and needs a range key of its own.
  void check_local_key(const config::TableIndex& index)
  {
    auto where = "local_secondary_indexes." + index.name;
    if (m_table.key.size() != 2) {
      problem("{}: a local index needs a table with a range key", where);
    } else if (index.key.size() != 2 || index.key[0] != m_table.key[0]) {
      problem("{}.key must be the table's hash key '{}' and a range key",
              where,
              m_table.key[0]);
    }
  }

  const config::Table& m_table;
  std::vector<std::string> m_problems;
};

} // namespace

std::vector<std::string> check_table(const config::Table& table)
{
  return TableChecker(table).run();
}

} // namespace slam::cfn
