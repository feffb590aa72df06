# Generates a C++ source defining `extern const std::string_view NAME` with the content of IN.
file(READ ${IN} content)
set(out "// Generated from ${IN} by cmake/embed_text.cmake. Do not edit.\n#include <string_view>\nnamespace ${NS} {\nextern const std::string_view ${NAME};\nconst std::string_view ${NAME} = R\"relais_text(${content})relais_text\";\n}\n")
if(EXISTS ${OUT})
  file(READ ${OUT} old)
endif()
if(NOT "${old}" STREQUAL "${out}")
  file(WRITE ${OUT} "${out}")
endif()
