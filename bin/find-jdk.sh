#!/usr/bin/env bash
# Sourced by ./openchakra and the bench scripts: sets JAVA_HOME to a JDK of version 21 or newer.
# Looks at JAVA_HOME, the java on PATH, then the usual install folders, newest first.

_oc_java_major() { # prints the major version of the JDK at $1, or nothing
  local release="$1/release" v
  [ -x "$1/bin/java" ] || return 0
  if [ -f "$release" ]; then
    v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$release")
  else
    v=$("$1/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1)
  fi
  echo "$v"
}

_oc_find_jdk() {
  local candidates=() c major
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if command -v java >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
  fi
  for c in $(ls -d /usr/lib/jvm/* /opt/java/* "$HOME"/.sdkman/candidates/java/* \
             /Library/Java/JavaVirtualMachines/*/Contents/Home 2>/dev/null | sort -rV); do
    candidates+=("$c")
  done
  for c in "${candidates[@]}"; do
    major=$(_oc_java_major "$c")
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then
      echo "$c"
      return 0
    fi
  done
  return 1
}

if ! JAVA_HOME=$(_oc_find_jdk); then
  echo "OpenChakra needs a JDK of version 21 or newer; none found (looked at JAVA_HOME, PATH, /usr/lib/jvm)." >&2
  exit 1
fi
export JAVA_HOME

# Run (not sourced) with --print, as ./mvnw does: print the JDK's path.
if [ "${BASH_SOURCE[0]}" = "$0" ] && [ "${1:-}" = "--print" ]; then
  echo "$JAVA_HOME"
fi
