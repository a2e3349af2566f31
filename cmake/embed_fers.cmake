# Writes OUTPUT, a C++ source that defines ShippedExtractionRules(): the text of each field
# extraction rule file in INPUTS (a ;-separated list), keyed by its file name without `.sumo`.
set(content "// Generated from fers/*.sumo by cmake/embed_fers.cmake; edit those files instead.\n")
string(APPEND content "#include \"engine/sources/layouts.hpp\"\n\nnamespace sumoql {\n\n")
string(APPEND content "const std::map<std::string_view, std::string_view> &ShippedExtractionRules() {\n")
string(APPEND content "\tstatic const std::map<std::string_view, std::string_view> kRules = {\n")
foreach(input IN LISTS INPUTS)
  get_filename_component(name "${input}" NAME_WE)
  file(READ "${input}" text)
  string(APPEND content "\t    {\"${name}\", R\"sumoql_fer(${text})sumoql_fer\"},\n")
endforeach()
string(APPEND content "\t};\n\treturn kRules;\n}\n\n} // namespace sumoql\n")
file(WRITE "${OUTPUT}.tmp" "${content}")
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
