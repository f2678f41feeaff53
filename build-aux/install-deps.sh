#!/usr/bin/env bash
# Install the Debian 12 packages Loopscope needs to build, test and run.
# Idempotent: does nothing (and needs no network) when everything is present.
set -euo pipefail

# Building the interpreter and the CLI, running the test suites.
core_packages=(
  build-essential
  meson
  ninja-build
  pkg-config
  libglib2.0-dev
  gettext
  python3
  xvfb
  xauth
  dbus-x11
  imagemagick
)

# The GTK application, HTTP module, GUI tests and data validation.
gui_packages=(
  libgtk-4-dev
  libadwaita-1-dev
  libgtksourceview-5-dev
  libsoup-3.0-dev
  libjson-glib-dev
  libglib-testing-0-dev
  desktop-file-utils
  appstream
  libxml2-utils  # xmllint: the gresource's xml-stripblanks and the icon test
)

# Nice to have; a failure to install these is not an error.
optional_packages=(
  hyperfine
)

missing_from () {
  # One dpkg-query for all: prints the names that are not fully installed.
  local installed
  installed=$(dpkg-query -W -f='${Package} ${Status}\n' "$@" 2>/dev/null \
    | awk '$NF == "installed" && $(NF-1) == "ok" { print $1 }')
  local p
  for p in "$@"; do
    grep -qxF "$p" <<< "$installed" || printf '%s\n' "$p"
  done
}

as_root () {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  else
    sudo "$@"
  fi
}

updated=0
apt_install () {
  if [ "$updated" -eq 0 ]; then
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q
    updated=1
  fi
  as_root env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -q "$@"
}

mapfile -t missing < <(missing_from "${core_packages[@]}" "${gui_packages[@]}")
if [ "${#missing[@]}" -gt 0 ]; then
  echo "install-deps: installing ${missing[*]}"
  apt_install "${missing[@]}"
fi

mapfile -t missing_optional < <(missing_from "${optional_packages[@]}")
if [ "${#missing_optional[@]}" -gt 0 ]; then
  echo "install-deps: installing optional ${missing_optional[*]}"
  apt_install "${missing_optional[@]}" || echo "install-deps: optional packages unavailable, continuing"
fi

# Fail loudly if something required is still missing.
mapfile -t still_missing < <(missing_from "${core_packages[@]}" "${gui_packages[@]}")
if [ "${#still_missing[@]}" -gt 0 ]; then
  echo "install-deps: still missing: ${still_missing[*]}" >&2
  exit 1
fi
