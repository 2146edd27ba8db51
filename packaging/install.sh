#!/bin/sh
# Install fieldtui from this folder on a machine with no network.
#
#   sh install.sh [VENV]      default VENV: ~/.local/share/fieldtui/venv
#   PYTHON=python3.11 sh install.sh   to choose the interpreter
#
# Every wheel is checked against the hash in requirements.txt (pip --require-hashes); no
# package index is asked. The folder was built for one Python version and platform (see
# python.txt); `make offline` on a machine like the laptops builds it.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
venv=${1:-${XDG_DATA_HOME:-$HOME/.local/share}/fieldtui/venv}
python=${PYTHON:-python3}

fail() { echo "install.sh: error: $1" >&2; exit 1; }

command -v "$python" >/dev/null 2>&1 || fail "no $python on this machine — install Python $(cat "$here/python.txt"), or set PYTHON=/path/to/python3"
want=$(cat "$here/python.txt")
have=$("$python" -c 'import sys, sysconfig; print("%d.%d %s" % (sys.version_info[:2] + (sysconfig.get_platform(),)))')
[ "$have" = "$want" ] || fail "this folder is for Python $want, $python is $have — set PYTHON to a matching Python, or build the folder with \`make offline\` on a machine like this one"
[ -e "$venv" ] && [ ! -x "$venv/bin/python" ] && fail "$venv exists and is not a virtual environment — give another folder: sh install.sh FOLDER"

# Our own settings only: a pip.conf or PIP_* variable on the laptop must not add an index.
unset PIP_INDEX_URL PIP_EXTRA_INDEX_URL PIP_FIND_LINKS PIP_CONSTRAINT PIP_REQUIREMENT
export PIP_CONFIG_FILE=/dev/null PIP_NO_INDEX=1 PIP_DISABLE_PIP_VERSION_CHECK=1

# --without-pip: the pip in the wheelhouse installs everything, so python3-venv's ensurepip
# is not needed.
"$python" -m venv --without-pip "$venv"
set -- "$here"/wheelhouse/pip-*.whl
[ -f "$1" ] || fail "no pip wheel in $here/wheelhouse — copy the whole folder again"
"$venv/bin/python" "$1/pip" install --quiet --no-index --find-links "$here/wheelhouse" \
  --only-binary=:all: --require-hashes -r "$here/requirements.txt" \
  || fail "pip could not install from $here/wheelhouse (see above) — copy the whole folder again, or rebuild it with \`make offline\`"

echo "fieldtui installed in $venv"
echo "run it as $venv/bin/fieldtui, or: mkdir -p ~/.local/bin && ln -sf $venv/bin/fieldtui ~/.local/bin/fieldtui"
