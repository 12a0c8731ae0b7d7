# KIM API (OpenKIM) support, all inside the build tree:
#   - ${PROJECT_BINARY_DIR}/kim/kim-api-config: the KIM_API_CONFIGURATION_FILE NaBridge sets at
#     run time (lammps-plugin/lammps/engine/kim_environment.cpp) unless the user set one, so
#     the KIM API never writes ~/.kim-api. Its user collection is ${PROJECT_BINARY_DIR}/kim/*.
#     Debian's openkim-models live in the KIM API's system collection and need no entry here.
#   - every potentials/<id>/CMakeLists.txt that calls add_kim_api_model_library is a KIM
#     portable model (parameter files + a model driver from openkim-models); it is configured,
#     built and installed into that user collection at build time (target nabridge_kim_models).
# Sets NABRIDGE_HAVE_KIM_API (libkim-api-dev found) and NABRIDGE_KIM_MODELS (built item names).
set(NABRIDGE_KIM_DIR ${PROJECT_BINARY_DIR}/kim)
set(NABRIDGE_KIM_CONFIG_FILE ${NABRIDGE_KIM_DIR}/kim-api-config)
foreach(sub model-drivers portable-models simulator-models)
  file(MAKE_DIRECTORY ${NABRIDGE_KIM_DIR}/${sub})
endforeach()
file(CONFIGURE OUTPUT ${NABRIDGE_KIM_CONFIG_FILE} CONTENT
"model-drivers-dir = ${NABRIDGE_KIM_DIR}/model-drivers
portable-models-dir = ${NABRIDGE_KIM_DIR}/portable-models
simulator-models-dir = ${NABRIDGE_KIM_DIR}/simulator-models
")

find_package(KIM-API 2.2 CONFIG QUIET)
find_package(KIM-API-ITEMS 2.2 CONFIG QUIET)
set(NABRIDGE_HAVE_KIM_API ${KIM-API_FOUND})
set(NABRIDGE_KIM_MODELS "")
add_custom_target(nabridge_kim_models)

if(KIM-API-ITEMS_FOUND)
  include(ExternalProject)
  file(GLOB _kim_items CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/potentials/*/CMakeLists.txt)
  foreach(_item_cmake IN LISTS _kim_items)
    file(STRINGS ${_item_cmake} _is_kim REGEX "add_kim_api_model_library")
    if(NOT _is_kim)
      continue()
    endif()
    file(STRINGS ${_item_cmake} _project REGEX "^project\\(")
    string(REGEX REPLACE "^project\\(([A-Za-z0-9_]+).*" "\\1" _name "${_project}")
    get_filename_component(_src ${_item_cmake} DIRECTORY)
    # The item's own CMake (KIM-API-ITEMS) pins C++98 and its own flags, hence a separate
    # build; KIM_API_INSTALL_COLLECTION=USER installs into the user collection named by the
    # configuration file above.
    ExternalProject_Add(kim_item_${_name}
      SOURCE_DIR ${_src}
      BINARY_DIR ${NABRIDGE_KIM_DIR}/build/${_name}
      CONFIGURE_COMMAND ${CMAKE_COMMAND} -E env KIM_API_CONFIGURATION_FILE=${NABRIDGE_KIM_CONFIG_FILE}
                        ${CMAKE_COMMAND} -S <SOURCE_DIR> -B <BINARY_DIR> -DKIM_API_INSTALL_COLLECTION=USER
      BUILD_COMMAND ${CMAKE_COMMAND} --build <BINARY_DIR>
      INSTALL_COMMAND ${CMAKE_COMMAND} --install <BINARY_DIR>
      BUILD_ALWAYS ON
      LOG_CONFIGURE ON LOG_BUILD ON LOG_INSTALL ON LOG_OUTPUT_ON_FAILURE ON)
    add_dependencies(nabridge_kim_models kim_item_${_name})
    list(APPEND NABRIDGE_KIM_MODELS ${_name})
  endforeach()
endif()
message(STATUS "NaBridge: KIM API ${KIM-API_FOUND}; KIM portable models built here: ${NABRIDGE_KIM_MODELS}")
