#!/usr/bin/env bash
# Install the Debian packages the test command needs, in one apt-get run, only when something
# is missing (a no-op on a machine that has them all):
#
#   scripts/system-deps.sh
#
# scripts/test.sh starts it in the background at the beginning (downloads overlap the first
# compile) and waits for it before the first step that needs a package; scripts run on their
# own (jvm-test.sh, …) call it themselves. One list, so one `apt-get update` per run.
set -euo pipefail

# "how to tell it is there" → package. A path starting with / is a file, else a command.
needs=(
  "/usr/share/java/jna.jar libjna-java"
  "/usr/share/java/junit-platform-console-standalone.jar junit5"
  "java default-jdk-headless"
  "sqlite3 sqlite3"
  "npm npm"
  "node nodejs"
  "pdftoppm poppler-utils"
  "age age"
  "python3 python3"
  "chromium chromium"
  "ffmpeg ffmpeg"
)

missing=()
for need in "${needs[@]}"; do
  probe=${need% *}
  package=${need#* }
  case $probe in
    /*) [ -e "$probe" ] || missing+=("$package") ;;
    *) command -v "$probe" >/dev/null 2>&1 || missing+=("$package") ;;
  esac
done
[ ${#missing[@]} -gt 0 ] || exit 0

echo "--> apt-get install ${missing[*]}"
if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then
  sudo=(sudo)
else
  sudo=()
fi
"${sudo[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
