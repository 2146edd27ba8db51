#!/usr/bin/env bash
# Build the folder that installs fieldtui on an offline laptop (`make offline`):
#   wheelhouse/        the fieldtui wheel, every wheel requirements.lock pins, and pip
#   requirements.txt   requirements.lock plus the fieldtui wheel's own hash
#   python.txt         the Python version and platform the wheels are for
#   install.sh         creates a venv and installs with --no-index --require-hashes
# Needs the package index (or pip's cache) once, here; the laptop needs nothing.
set -euo pipefail
py=${1:?usage: build_offline.sh PYTHON OUTDIR}
out=${2:?usage: build_offline.sh PYTHON OUTDIR}
tmp="$out.partial"
rm -rf "$tmp"
mkdir -p "$tmp/wheelhouse"

"$py" -m pip wheel --quiet --no-deps --wheel-dir "$tmp/wheelhouse" .
"$py" -m pip download --quiet --only-binary=:all: --no-deps --require-hashes \
  --dest "$tmp/wheelhouse" -r requirements.lock

wheel=$(ls "$tmp"/wheelhouse/fieldtui-*.whl)
version=$(basename "$wheel" | cut -d- -f2)
hash=$("$py" -c 'import hashlib, sys; print(hashlib.sha256(open(sys.argv[1], "rb").read()).hexdigest())' "$wheel")
{ cat requirements.lock; echo "fieldtui==$version --hash=sha256:$hash"; } >"$tmp/requirements.txt"
"$py" -c 'import sys, sysconfig; print("%d.%d %s" % (sys.version_info[:2] + (sysconfig.get_platform(),)))' >"$tmp/python.txt"
cp packaging/install.sh "$tmp/install.sh"

# A dependency added to pyproject.toml but not locked would only fail on the laptop: resolve
# the whole install here, offline, first.
if ! env -u PIP_FIND_LINKS -u PIP_CONSTRAINT PIP_CONFIG_FILE=/dev/null "$py" -m pip install --quiet --dry-run --ignore-installed \
     --no-index --find-links "$tmp/wheelhouse" --require-hashes -r "$tmp/requirements.txt" \
     >"$tmp/check.log" 2>&1; then
  cat "$tmp/check.log" >&2
  echo "build_offline: error: requirements.lock does not cover fieldtui's dependencies — run \`make lock\` and commit requirements.lock" >&2
  exit 1
fi
rm "$tmp/check.log"
rm -rf "$out"
mv "$tmp" "$out"
echo "$out: $(ls "$out/wheelhouse" | wc -l) wheels, $(du -sh "$out" | cut -f1); copy the folder, then: sh install.sh"
