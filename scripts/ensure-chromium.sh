#!/usr/bin/env bash
# The browser tests drive Debian's Chromium through playwright-core; never a downloaded browser.
# Installs it with apt-get where it is missing (as root, or through sudo when available).
set -euo pipefail
if command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ]; then exit 0; fi
echo "Chromium ontbreekt: installeren met apt-get (Debian-pakket chromium)..."
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else echo "Geen root en geen sudo: installeer chromium zelf (apt-get install chromium)." >&2; exit 1; fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq chromium >/dev/null
command -v chromium >/dev/null
