# Locates the LAMMPS NaBridge is compiled against. Class layouts differ between LAMMPS
# versions, so the plugin must be built against the LAMMPS it will be loaded into:
#   - default: find_package(LAMMPS) (Debian's liblammps-dev, or a user's install via
#     CMAKE_PREFIX_PATH / LAMMPS_DIR);
#   - -DLAMMPS_SOURCE_DIR=/path/to/lammps/src: an upstream source tree (headers only; the
#     plugin then resolves LAMMPS symbols from the executable that loads it).
# Both paths define the imported target nabridge::lammps_headers and the variable
# NABRIDGE_LAMMPS_FLAVOUR ("installed" or "source-tree") used by lammps-plugin/lammps/compat.
set(LAMMPS_SOURCE_DIR "" CACHE PATH "Upstream LAMMPS src/ directory to build the plugin against")
find_package(MPI REQUIRED COMPONENTS CXX)
set(_month_names Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec)

# The LAMMPS install's bundled fmt, given its fmt/format.h. The 19 Nov 2024 install copies only
# core.h and format.h, and that format.h includes base.h: an incomplete fmt, which would pull the
# missing headers (base.h, ranges.h, os.h) from Debian's fmt 9. LAMMPS_FMT_INCLUDE_DIR names a
# folder holding the complete fmt/ of the same LAMMPS (its source tree's src/), searched first.
set(LAMMPS_FMT_INCLUDE_DIR "" CACHE PATH
    "Folder with the complete fmt/ bundled with the installed LAMMPS (e.g. lammps/src), when its install lacks headers")
function(nabridge_use_bundled_lammps_fmt format_h)
  get_filename_component(_fmt_dir "${format_h}" DIRECTORY)
  file(STRINGS "${format_h}" _local_includes REGEX "^#[ ]*include \"[a-z-]+\\.h\"")
  set(_missing "")
  foreach(_line IN LISTS _local_includes)
    string(REGEX REPLACE ".*\"([a-z-]+\\.h)\".*" "\\1" _header "${_line}")
    if(NOT EXISTS "${_fmt_dir}/${_header}")
      list(APPEND _missing "${_header}")
    endif()
  endforeach()
  if(LAMMPS_FMT_INCLUDE_DIR)
    if(NOT EXISTS "${LAMMPS_FMT_INCLUDE_DIR}/fmt/base.h" AND NOT EXISTS "${LAMMPS_FMT_INCLUDE_DIR}/fmt/core.h")
      message(FATAL_ERROR "LAMMPS_FMT_INCLUDE_DIR=${LAMMPS_FMT_INCLUDE_DIR} has no fmt/ folder (point it at lammps/src)")
    endif()
    target_include_directories(nabridge_lammps_headers BEFORE INTERFACE ${LAMMPS_FMT_INCLUDE_DIR})
    message(STATUS "NaBridge: LAMMPS's bundled fmt taken from ${LAMMPS_FMT_INCLUDE_DIR}/fmt")
  elseif(_missing)
    list(JOIN _missing ", " _missing)
    message(FATAL_ERROR "NaBridge: the installed LAMMPS ships an incomplete fmt: ${format_h} includes "
            "${_missing}, which the install lacks (a LAMMPS install bug). Pass "
            "-DLAMMPS_FMT_INCLUDE_DIR=<the same LAMMPS's source tree>/src, whose fmt/ is complete.")
  endif()
endfunction()

add_library(nabridge_lammps_headers INTERFACE)
add_library(nabridge::lammps_headers ALIAS nabridge_lammps_headers)

if(LAMMPS_SOURCE_DIR)
  if(NOT EXISTS "${LAMMPS_SOURCE_DIR}/lammps.h")
    message(FATAL_ERROR "LAMMPS_SOURCE_DIR=${LAMMPS_SOURCE_DIR} has no lammps.h (point it at lammps/src)")
  endif()
  set(NABRIDGE_LAMMPS_FLAVOUR "source-tree")
  # src/ holds the class headers, the bundled fmt (src/fmt) and lammpsplugin.h.
  target_include_directories(nabridge_lammps_headers INTERFACE ${LAMMPS_SOURCE_DIR})
  target_compile_definitions(nabridge_lammps_headers INTERFACE LAMMPS_SMALLBIG NABRIDGE_LAMMPS_SOURCE_TREE)
  target_link_libraries(nabridge_lammps_headers INTERFACE MPI::MPI_CXX)
  set(NABRIDGE_HAVE_LAMMPS_LIBRARY OFF)
else()
  find_package(LAMMPS REQUIRED)
  set(NABRIDGE_LAMMPS_FLAVOUR "installed")
  get_target_property(_lammps_include_dirs LAMMPS::lammps INTERFACE_INCLUDE_DIRECTORIES)
  find_file(_lammps_bundled_fmt NAMES fmt/format.h PATHS ${_lammps_include_dirs} NO_DEFAULT_PATH NO_CACHE)
  if(_lammps_bundled_fmt)
    # An upstream install ships the fmt its library was compiled with (fmt 11 as fmt::v11_lmp):
    # the LAMMPS-facing code must see that fmt whole, never mixed with Debian's fmt 9.
    nabridge_use_bundled_lammps_fmt("${_lammps_bundled_fmt}")
    target_link_libraries(nabridge_lammps_headers INTERFACE LAMMPS::lammps)
  else()
    # Debian's headers include <fmt/format.h>, which Debian does not ship: compat/ shadows it.
    target_include_directories(nabridge_lammps_headers INTERFACE
                               ${CMAKE_CURRENT_LIST_DIR}/../lammps-plugin/lammps/compat/include)
    target_link_libraries(nabridge_lammps_headers INTERFACE LAMMPS::lammps fmt::fmt)
  endif()
  set(NABRIDGE_HAVE_LAMMPS_LIBRARY ON)
endif()
# The version string of the LAMMPS compiled against, in LAMMPS's own form ("29 Sep 2021"): the
# plugin reports it, so LAMMPS's "compiled for ... loaded into ..." check compares real versions.
if(LAMMPS_SOURCE_DIR)
  file(STRINGS "${LAMMPS_SOURCE_DIR}/version.h" _version_line REGEX "define LAMMPS_VERSION ")
  string(REGEX REPLACE ".*LAMMPS_VERSION \"([^\"]+)\".*" "\\1" NABRIDGE_LAMMPS_VERSION "${_version_line}")
  set(_lammps_where "${LAMMPS_SOURCE_DIR}")
else()
  # The package version is YYYYMMDD.
  string(SUBSTRING "${LAMMPS_VERSION}" 0 4 _y)
  string(SUBSTRING "${LAMMPS_VERSION}" 4 2 _m)
  string(SUBSTRING "${LAMMPS_VERSION}" 6 2 _d)
  math(EXPR _month_index "${_m} - 1")
  math(EXPR _day "${_d}")
  list(GET _month_names ${_month_index} _month)
  set(NABRIDGE_LAMMPS_VERSION "${_day} ${_month} ${_y}")
  set(_lammps_where "${LAMMPS_DIR}")
endif()
if(NOT NABRIDGE_LAMMPS_VERSION MATCHES "^[0-9]+ [A-Z][a-z][a-z] [0-9][0-9][0-9][0-9]$")
  message(FATAL_ERROR "NaBridge: cannot tell the version of the LAMMPS at ${_lammps_where} (got '${NABRIDGE_LAMMPS_VERSION}')")
endif()
message(STATUS "NaBridge: LAMMPS ${NABRIDGE_LAMMPS_VERSION} (${NABRIDGE_LAMMPS_FLAVOUR}, ${_lammps_where})")
