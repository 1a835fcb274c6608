# Turn each file of INPUTS into a byte array in OUTPUT, reachable through
# slam::util::FUNCTION() (default embedded_files) under its path relative to
# RUNTIME_DIR ("slam_adapter/__init__.py"). Bytes, not a raw string, so that any
# content (quotes, backslashes, non-ASCII) survives unchanged.
if(NOT FUNCTION)
  set(FUNCTION embedded_files)
endif()
set(body "#include \"slam/util/embedded.hpp\"\n\nnamespace slam::util {\nnamespace {\n")
set(table "")
set(index 0)
foreach(input IN LISTS INPUTS)
  file(RELATIVE_PATH name ${RUNTIME_DIR} ${input})
  # The name becomes a C++ string literal and a path in every package.
  if(NOT name MATCHES "^[A-Za-z0-9_][A-Za-z0-9_./-]*$")
    message(FATAL_ERROR "runtime file '${input}' must be under "
                        "'${RUNTIME_DIR}' with a plain name")
  endif()
  file(READ ${input} hex HEX)
  string(LENGTH "${hex}" hex_length)
  math(EXPR size "${hex_length} / 2")
  string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1'," bytes "${hex}")
  string(APPEND body "const char k_file_${index}[] = {${bytes} 0};\n")
  string(APPEND table "    {\"${name}\", std::string_view(k_file_${index}, ${size})},\n")
  math(EXPR index "${index} + 1")
endforeach()
string(APPEND body "} // namespace\n\nconst std::vector<EmbeddedFile>& ${FUNCTION}()\n{\n  static const std::vector<EmbeddedFile> files = {\n${table}  };\n  return files;\n}\n\n} // namespace slam::util\n")
file(WRITE ${OUTPUT}.tmp "${body}")
file(COPY_FILE ${OUTPUT}.tmp ${OUTPUT} ONLY_IF_DIFFERENT)
