# Turn each file of INPUTS into a byte array in OUTPUT, reachable through
# slam::util::embedded_file(name). Bytes, not a raw string, so that any
# content (quotes, backslashes, non-ASCII) survives unchanged.
set(body "#include \"slam/util/embedded.hpp\"\n\nnamespace slam::util {\nnamespace {\n")
set(table "")
set(index 0)
foreach(input IN LISTS INPUTS)
  get_filename_component(name ${input} NAME)
  file(READ ${input} hex HEX)
  string(LENGTH "${hex}" hex_length)
  math(EXPR size "${hex_length} / 2")
  string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1'," bytes "${hex}")
  string(APPEND body "const char k_file_${index}[] = {${bytes} 0};\n")
  string(APPEND table "    {\"${name}\", std::string_view(k_file_${index}, ${size})},\n")
  math(EXPR index "${index} + 1")
endforeach()
string(APPEND body "} // namespace\n\nconst std::vector<EmbeddedFile>& embedded_files()\n{\n  static const std::vector<EmbeddedFile> files = {\n${table}  };\n  return files;\n}\n\n} // namespace slam::util\n")
file(WRITE ${OUTPUT}.tmp "${body}")
file(COPY_FILE ${OUTPUT}.tmp ${OUTPUT} ONLY_IF_DIFFERENT)
