#include "slam/package/package_order.hpp"

#include <gtest/gtest.h>

using slam::package::EntrySource;
using slam::package::PackagePart;

namespace {

EntrySource source(std::string name)
{
  return {std::move(name), false, {}, std::string("x")};
}

} // namespace

TEST(PackageOrder, parts_first_then_names)
{
  std::vector<EntrySource> sources{source("app.py"),
                                   source("zlib/a.py"),
                                   source("slam_handler.py"),
                                   source("boto3/b.py"),
                                   source("slam_config.json"),
                                   source("slam_adapter/x.py")};
  std::vector<PackagePart> parts{PackagePart::project,
                                 PackagePart::dependencies,
                                 PackagePart::runtime,
                                 PackagePart::dependencies,
                                 PackagePart::project,
                                 PackagePart::runtime};

  auto order = slam::package::zip_order(sources, parts);

  EXPECT_EQ(order, (std::vector<std::size_t>{3, 1, 5, 2, 0, 4}));
  EXPECT_EQ(slam::package::part_starts(order, parts),
            (std::vector<std::size_t>{2, 4}));
}
