#!/usr/bin/env bash
# Gradescope runs this once, as root and with network access, while it builds the autograder image.
# It makes sure a JDK 21 or newer is there, then builds the instructor tree once (the ./workshop
# command, the solutions and their hidden tests), so that grading a submission needs no network.
# AUTOGRADER_ROOT (default /autograder) moves the whole layout, e.g. to try the bundle in a temporary folder.
set -euo pipefail

ROOT="${AUTOGRADER_ROOT:-/autograder}"
TREE="$ROOT/source/workshop"

java_major() { # prints the major version of the java at $1, or nothing
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p' | head -n1
}

jdk21() { # prints a JDK 21+ home, or fails
  local home major
  for home in "${JAVA_HOME:-}" /usr/lib/jvm/*; do
    if [[ -n "$home" && -x "$home/bin/java" && -x "$home/bin/javac" ]]; then
      major="$(java_major "$home/bin/java")"
      if [[ "${major:-0}" -ge 21 ]]; then echo "$home"; return 0; fi
    fi
  done
  return 1
}

if JDK="$(jdk21)"; then
  echo "setup: using the JDK at $JDK"
else
  echo "setup: no JDK 21 or newer; installing one from the distribution's packages"
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends openjdk-21-jdk-headless
  JDK="$(jdk21)"
fi
# The Maven wrapper needs a java to start Maven; the build then picks the JDK 21+ by itself.
command -v java >/dev/null || export JAVA_HOME="$JDK"

# Zip files do not keep the executable bit.
chmod +x "$ROOT/source/run_autograder" "$TREE/mvnw" "$TREE/workshop"
if [[ -f "$ROOT/run_autograder" ]]; then chmod +x "$ROOT/run_autograder"; fi

cd "$TREE"
echo "setup: building the ./workshop command"
./workshop --version
echo "setup: building the solutions and their hidden tests (no tests run)"
./mvnw -B -q -Psolutions -DskipTests verify
echo "setup: done; the autograder grades without network from now on"
