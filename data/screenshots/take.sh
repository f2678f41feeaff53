#!/bin/sh
# Retake the screenshots the metainfo shows: loopscope-light.png and loopscope-dark.png.
# Runs the app under Xvfb with the default scenario and fresh (in-memory) settings,
# waits for the run to fill the timeline, and captures the window alone.
#
# Usage, from the project root: data/screenshots/take.sh [BUILDDIR] [SECONDS]
# Needs xvfb-run, dbus-run-session, ImageMagick's import and xwininfo (x11-utils).
set -eu

builddir=${1:-_build}
wait_seconds=${2:-6}
outdir=data/screenshots

shoot () {
  name=$1
  scheme=$2
  xvfb-run -a -s '-screen 0 1400x900x24' dbus-run-session -- env \
    GSETTINGS_BACKEND=memory GSETTINGS_SCHEMA_DIR="$builddir/data" \
    ADW_DEBUG_COLOR_SCHEME="$scheme" GTK_A11Y=none \
    sh -c '
      "$1/src/app/loopscope" & app=$!
      sleep "$2"
      win=$(xwininfo -root -tree | awk "/\"Loopscope\"/ { print \$1; exit }")
      if [ -z "$win" ]; then
        echo "take.sh: no Loopscope window" >&2
        kill "$app"
        exit 1
      fi
      import -window "$win" "$3"
      kill "$app"
    ' sh "$builddir" "$wait_seconds" "$outdir/loopscope-$name.png"
  echo "wrote $outdir/loopscope-$name.png"
}

shoot light prefer-light
shoot dark prefer-dark
