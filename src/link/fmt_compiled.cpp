// fmt's compiled part, for a binary that links its libraries statically
// (SLAM_STATIC_LIBS): Debian ships libfmt only as a shared library, and
// compiling every file with FMT_HEADER_ONLY doubles its compile time.
// format-inl.h defines the library's functions when FMT_HEADER_ONLY is
// not set; the templates among them are instantiated here for what Slam
// uses. A new use that needs another one fails to link, naming it.

#include <fmt/format-inl.h>

namespace fmt::detail {

template auto thousands_sep_impl<char>(locale_ref)
    -> thousands_sep_result<char>;
template auto decimal_point_impl<char>(locale_ref) -> char;
template auto locale_ref::get<std::locale>() const -> std::locale;

} // namespace fmt::detail
