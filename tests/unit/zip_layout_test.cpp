#include "package_test_support.hpp"
#include "slam/package/zip_layout.hpp"
#include "slam/util/files.hpp"

#include <gtest/gtest.h>

namespace fs = std::filesystem;
using slam::package::decode_layout;
using slam::package::encode_layout;
using slam::package::ZipLayout;

namespace {

ZipLayout sample_layout()
{
  ZipLayout layout;
  layout.settings = slam::package::zip_layout_settings();
  layout.zip = {1234, 5'000'000'000, 77, 8, 6'000'000'000};
  layout.sha256 = std::string(64, 'a');
  layout.entries.push_back({{"lib/a.py",
                             false,
                             slam::package::ZipMethod::deflated,
                             0x1234abcd,
                             100,
                             60},
                            std::string(32, '\1')});
  layout.entries.push_back(
      {{"bin/run", true, slam::package::ZipMethod::stored, 7, 9, 9},
       std::string(32, '\2')});
  layout.checkpoints.push_back({1, std::string(126, 's')});
  layout.checkpoints.push_back({2, std::string(126, 't')});
  return layout;
}

} // namespace

TEST(ZipLayout, decodes_what_it_encodes)
{
  auto layout = sample_layout();

  EXPECT_EQ(decode_layout(encode_layout(layout)), layout);
}

// A layout encoded before the zip had its stamp, given it after, is the
// layout encoded with it, trailing CRC-32 included.
TEST(ZipLayout, a_stamp_set_later_is_as_if_encoded_with_it)
{
  auto layout = sample_layout();
  auto bytes = encode_layout(layout);
  layout.zip = {99, 1, 2, 3, 4};

  slam::package::set_layout_stamp(bytes, layout.zip);

  EXPECT_EQ(bytes, encode_layout(layout));
  EXPECT_EQ(decode_layout(bytes), layout);
}

// Encoded from a build's parts, the layout is the one encoded whole.
TEST(ZipLayout, its_parts_encode_as_the_whole_layout)
{
  auto layout = sample_layout();
  layout.zip = {};
  std::vector<slam::package::ZipEntryHeader> headers;
  std::vector<std::string> contents;
  for (const auto& entry : layout.entries) {
    headers.push_back(entry.header);
    contents.push_back(entry.content_sha256);
  }

  auto bytes = encode_layout(slam::package::LayoutParts{
      layout.sha256, headers, contents, layout.checkpoints});

  EXPECT_EQ(bytes, encode_layout(layout));
}

// Any changed byte, a cut or an addition makes the file unusable.
TEST(ZipLayout, a_damaged_file_is_refused)
{
  auto bytes = encode_layout(sample_layout());
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    auto damaged = bytes;
    damaged[i] = static_cast<char>(damaged[i] ^ 0x10);
    EXPECT_FALSE(decode_layout(damaged)) << i;
  }
  for (std::size_t size = 0; size < bytes.size(); ++size) {
    EXPECT_FALSE(decode_layout(bytes.substr(0, size))) << size;
  }
  EXPECT_FALSE(decode_layout(bytes + "x"));
}

TEST(ZipLayout, checkpoints_must_ascend_within_the_entries)
{
  auto layout = sample_layout();
  std::swap(layout.checkpoints[0], layout.checkpoints[1]);
  EXPECT_FALSE(decode_layout(encode_layout(layout)));

  layout = sample_layout();
  layout.checkpoints[1].entry = 3;
  EXPECT_FALSE(decode_layout(encode_layout(layout)));
}

TEST(ZipLayout, a_layout_of_other_settings_is_not_loaded)
{
  slam::test::TempDir dir;
  auto path = dir.path() / "app.zip.layout";
  auto layout = sample_layout();
  slam::package::save_layout(path, layout);
  EXPECT_EQ(slam::package::load_layout(path), layout);

  layout.settings += " and more";
  slam::package::save_layout(path, layout);
  EXPECT_FALSE(slam::package::load_layout(path));
  EXPECT_FALSE(slam::package::load_layout(dir.path() / "missing.layout"));
}
