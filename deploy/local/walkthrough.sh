#!/usr/bin/env bash
# Runs the ```bash blocks of one section of a guide, in order, as one script: the README's and docs/api.md's
# walk-throughs are executable, against ./platform up (default URLs) or services given by REQ/INV/DSP/VOL.
#
#   deploy/local/walkthrough.sh <file> "<## heading>" [min-blocks]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
file=${1:?usage: walkthrough.sh <file> "<## heading>" [min-blocks]}
heading=${2:?usage: walkthrough.sh <file> "<## heading>" [min-blocks]}
min=${3:-1}
# the section runs from its heading to the next heading of level 2; blocks are the lines between ```bash and ```
script=$(awk -v h="$heading" '
  index($0, h) == 1 { inside = 1; next }
  inside && /^## / { exit }
  inside && /^```bash$/ { block = 1; blocks++; next }
  inside && block && /^```$/ { block = 0; next }
  inside && block { print }
  END { print "# blocks: " blocks+0 }
' "$ROOT/$file")
count=$(printf '%s\n' "$script" | sed -n 's/^# blocks: //p')
[ "$count" -ge "$min" ] || { echo "expected at least $min bash blocks under '$heading' in $file, found $count" >&2; exit 1; }
echo "running $count blocks of $file / $heading" >&2
cd "$ROOT"
exec bash -c "$script"
