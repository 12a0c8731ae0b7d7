#pragma once
// Shadow of <fmt/format.h> for Debian's LAMMPS headers (29Sep2021), which include it but ship
// no fmt (the library bundles fmt v7 as fmt::v7_lmp). We include the system fmt 9 and declare
// fmt::make_args_checked, which fmt 9 removed, so the headers parse. The variadic
// error->all/one/warning and utils::logmesg templates would pass fmt 9 argument packs to a
// library compiled against fmt 7: NaBridge never calls them and always passes std::string.
#include_next <fmt/format.h>

namespace fmt {
template <typename... Args, typename S>
inline auto make_args_checked(const S& /*format*/, const Args&... args) {
  return fmt::make_format_args(args...);
}
}  // namespace fmt
