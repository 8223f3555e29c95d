#!/usr/bin/env bash
# Sourced by ./openchakra and bench/lib.sh: openchakra_java_options prints the JVM options a server starts with,
# one a line: those of bin/java-options (or of OPENCHAKRA_JAVA_OPTIONS_FILE), then OPENCHAKRA_JAVA_OPTS (later
# options win). A collector chosen in OPENCHAKRA_JAVA_OPTS replaces the file's: the JVM refuses two.
openchakra_java_options() {
  local file="${OPENCHAKRA_JAVA_OPTIONS_FILE:-$(dirname "${BASH_SOURCE[0]}")/java-options}" own=() opt
  # shellcheck disable=SC2206 # OPENCHAKRA_JAVA_OPTS is a list of JVM options, split at spaces
  own=(${OPENCHAKRA_JAVA_OPTS:-})
  local own_gc=no
  for opt in ${own[@]+"${own[@]}"}; do [[ "$opt" =~ ^-XX:\+Use[A-Za-z0-9]+GC$ ]] && own_gc=yes; done
  if [ -r "$file" ]; then
    while IFS= read -r opt; do
      opt="${opt%%#*}"; opt="${opt//[[:space:]]/}"
      [ -n "$opt" ] || continue
      [ "$own_gc" = yes ] && [[ "$opt" =~ ^-XX:\+Use[A-Za-z0-9]+GC$ ]] && continue
      echo "$opt"
    done <"$file"
  else
    echo "No JVM options file $file: starting with the JVM's defaults" >&2
  fi
  for opt in ${own[@]+"${own[@]}"}; do echo "$opt"; done
  return 0
}
