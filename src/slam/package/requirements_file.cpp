#include "slam/package/requirements_file.hpp"

#include "slam/package/build_inputs.hpp"
#include "slam/util/error.hpp"
#include "slam/util/files.hpp"

#include <algorithm>
#include <fmt/core.h>
#include <set>

namespace slam::package {
namespace {

namespace fs = std::filesystem;

// Reads files once each: a file two others include adds its requirements
// once. A file that includes itself, directly or not, is an error, as pip
// would recurse until it fails.
class RequirementsReader
{
public:
  explicit RequirementsReader(Strictness strictness) : m_strictness(strictness)
  {
  }

  void read(const fs::path& file, const std::string& name, bool parse)
  {
    auto identity = fs::weakly_canonical(file);
    if (parse) {
      throw_if_in_chain(identity, name);
    }
    if (!m_seen.insert(identity).second) {
      return;
    }
    m_set.files.push_back(file);
    record_exact_input(file); // stamped before it is read
    // Hashes make long files; 16 MiB is far past any real one.
    auto content = util::read_file(file, 16 << 20, "requirements file");
    if (!parse) {
      return;
    }
    auto text = parse_requirements(content, name, m_strictness);
    for (auto& requirement : text.requirements) {
      m_set.requirements.push_back(std::move(requirement));
    }
    for (auto& skipped : text.skipped) {
      m_set.skipped.push_back(std::move(skipped));
    }
    // pip resolves an included file next to the file that names it.
    auto folder = file.parent_path();
    auto name_folder = fs::path(name).parent_path();
    m_chain.push_back({identity, name});
    for (const auto& include : text.includes) {
      read(folder / include,
           (name_folder / include).lexically_normal().string(),
           true);
    }
    m_chain.pop_back();
    for (const auto& constraint : text.constraints) {
      read(folder / constraint, (name_folder / constraint).string(), false);
    }
  }

  RequirementsSet take() { return std::move(m_set); }

private:
  // Throw slam::Error when the file IDENTITY, called NAME, is one of those
  // that include it: "a.txt -r b.txt -r a.txt".
  void throw_if_in_chain(const fs::path& identity, const std::string& name)
  {
    auto found =
        std::find_if(m_chain.begin(), m_chain.end(), [&](const auto& link) {
          return link.identity == identity;
        });
    if (found == m_chain.end()) {
      return;
    }
    std::string chain;
    for (const auto& link : m_chain) {
      chain += (chain.empty() ? "" : " -r ") + link.name;
    }
    throw Error(fmt::format("the requirements files include each other in "
                            "a loop: {} -r {}; remove one of these -r lines",
                            chain,
                            name));
  }

  struct Link
  {
    fs::path identity;
    std::string name;
  };

  Strictness m_strictness;
  RequirementsSet m_set;
  std::set<fs::path> m_seen;
  std::vector<Link> m_chain; // the files being read, the first one first
};

} // namespace

RequirementsSet read_requirements(const std::filesystem::path& file,
                                  const std::string& name,
                                  Strictness strictness)
{
  RequirementsReader reader(strictness);
  reader.read(file, name, true);
  return reader.take();
}

} // namespace slam::package
