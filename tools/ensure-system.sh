#!/bin/sh
# Install the Debian packages the lecture needs, only those that are missing.
# Extra packages may be named as arguments (the tests add chromium).
# As root: installs them with apt-get. Otherwise: prints the exact command and stops.
set -eu

PACKAGES="libcairo2-dev libpango1.0-dev pkg-config ffmpeg texlive-latex-base texlive-latex-recommended \
texlive-latex-extra texlive-fonts-recommended dvisvgm fonts-dejavu-core flite espeak-ng $*"

missing=""
for pkg in $PACKAGES; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
        missing="$missing $pkg"
    fi
done
# What building pycairo and making the virtual environment need, when the machine lacks it.
command -v cc >/dev/null 2>&1 || missing="$missing gcc libc6-dev"
python3 -c 'import venv, ensurepip' >/dev/null 2>&1 || missing="$missing python3-venv"
python3 -c 'import os, sysconfig; p = sysconfig.get_paths()["include"]; raise SystemExit(not os.path.exists(os.path.join(p, "Python.h")))' \
    || missing="$missing python3-dev"

[ -z "$missing" ] && exit 0

cmd="apt-get install -y --no-install-recommends$missing"
if [ "$(id -u)" != 0 ]; then
    echo "missing system packages; run as root:" >&2
    echo "  apt-get update && $cmd" >&2
    exit 1
fi
echo "installing system packages:$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing
