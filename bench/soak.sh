#!/usr/bin/env bash
# Soak test of the offline cache: the reader under teatest, three refresh
# processes and two marking processes against one store for DURATION
# (default 60s), then a check
# that no mark was lost and that PRAGMA integrity_check is ok.
# CI runs it with a short duration: SOAK_DURATION=10s bench/soak.sh
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$(mktemp -d)
trap 'rm -rf "$bin"' EXIT
go build -o "$bin/soak" ./bench/cmd/soak
go test -tags soak -c -o "$bin/ui.test" ./ui
"$bin/soak" -duration "${SOAK_DURATION:-60s}" -reader "$bin/ui.test" "$@"
