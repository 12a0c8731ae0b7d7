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
  # Debian's headers include <fmt/format.h>, which Debian does not ship: compat/ shadows it.
  target_include_directories(nabridge_lammps_headers INTERFACE
                             ${CMAKE_CURRENT_LIST_DIR}/../lammps-plugin/lammps/compat/include)
  target_link_libraries(nabridge_lammps_headers INTERFACE LAMMPS::lammps fmt::fmt)
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
