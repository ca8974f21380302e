#!/usr/bin/env bash
# bench/compare.sh: sokbo side by side with newsboat on the same generated
# Korean feeds (1k and 10k items). Run on demand, not in CI:
#
#   bench/compare.sh            # RUNS=10 by default; SIZES="1000 10000"
#
# It needs newsboat, hyperfine, GNU time and sqlite3, and installs none of
# them; it names the apt-get command when one is missing. It builds sokbo
# and the generator, serves the feeds over 127.0.0.1 to sokbo (newsboat
# reads the same bytes through a file:// URL), times each command with a
# fresh cache per run (hyperfine --prepare), measures peak RSS with
# /usr/bin/time, and checks every cache's item count afterwards so that a
# tool that stored nothing cannot win. It prints one Markdown table.
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-10}
SIZES=${SIZES:-"1000 10000"}

missing=()
command -v newsboat >/dev/null || missing+=(newsboat)
command -v hyperfine >/dev/null || missing+=(hyperfine)
[ -x /usr/bin/time ] || missing+=(time)
command -v sqlite3 >/dev/null || missing+=(sqlite3)
command -v jq >/dev/null || missing+=(jq)
if [ ${#missing[@]} -gt 0 ]; then
	echo "compare.sh: missing ${missing[*]}; install with:" >&2
	echo "  apt-get install ${missing[*]}" >&2
	exit 2
fi

work=$(mktemp -d)
server=""
cleanup() {
	[ -n "$server" ] && kill "$server" 2>/dev/null || true
	rm -rf "$work"
}
trap cleanup EXIT

echo "building sokbo and the generator…" >&2
go build -o "$work/sokbo" .
go build -o "$work/sokbobench" ./bench/cmd/sokbobench
mkdir -p "$work/www"
for n in $SIZES; do
	"$work/sokbobench" gen -n "$n" -o "$work/www/feed$n.xml"
done
"$work/sokbobench" serve -dir "$work/www" -port-file "$work/port" &
server=$!
for _ in $(seq 50); do [ -s "$work/port" ] && break; sleep 0.1; done
port=$(cat "$work/port")

# median_ms FILE: the median of a hyperfine JSON export, in milliseconds.
median_ms() { jq '.results[0].median * 1000 | round' "$1"; }

# peak_kib CMD…: the largest peak RSS of three runs, in KiB (the command
# runs through sh -c so a pipe counts as part of it).
peak_kib() {
	local best=0 kib
	for _ in 1 2 3; do
		/usr/bin/time -f '%M' -o "$work/rss" "$@" >/dev/null 2>&1
		kib=$(tail -1 "$work/rss")
		[ "$kib" -gt "$best" ] && best=$kib
	done
	echo "$best"
}

# time_ms NAME PREPARE CMD: the median wall time of CMD in ms, with
# PREPARE run before every timing.
time_ms() {
	hyperfine --style none --runs "$RUNS" --warmup 1 --prepare "$2" --export-json "$work/$1.json" "$3" >/dev/null 2>&1
	median_ms "$work/$1.json"
}

rows=()
row() { rows+=("| $1 | $2 ms | $3 MiB | $4 ms | $5 MiB | $(awk -v a="$2" -v b="$4" 'BEGIN{printf "%.2f", a/b}') | $(awk -v a="$3" -v b="$5" 'BEGIN{printf "%.2f", a/b}') |"); }
mib() { awk -v k="$1" 'BEGIN{printf "%.0f", k/1024}'; }

for n in $SIZES; do
	echo "timing $n items…" >&2
	d="$work/n$n"
	mkdir -p "$d"
	printf 'max_body = "512MiB"\n[[feed]]\nurl = "http://127.0.0.1:%s/feed%s.xml"\n' "$port" "$n" >"$d/sokbo.toml"
	echo "file://$work/www/feed$n.xml" >"$d/urls"
	: >"$d/newsboat.conf"
	sok="$work/sokbo --config $d/sokbo.toml --db $d/sokbo.db"
	nb="newsboat -u $d/urls -c $d/newsboat.db -C $d/newsboat.conf"
	fresh_sok="rm -f $d/sokbo.db $d/sokbo.db-wal $d/sokbo.db-shm"
	fresh_nb="rm -f $d/newsboat.db $d/newsboat.db.lock"

	# Refresh into an empty cache.
	s_ms=$(time_ms "sok-refresh-$n" "$fresh_sok" "$sok refresh")
	n_ms=$(time_ms "nb-reload-$n" "$fresh_nb" "$nb -x reload")
	$fresh_sok; s_kib=$(peak_kib sh -c "$sok refresh")
	$fresh_nb; n_kib=$(peak_kib sh -c "$nb -x reload")
	row "refresh, empty cache, $n items" "$s_ms" "$(mib "$s_kib")" "$n_ms" "$(mib "$n_kib")"

	# Both caches now hold the feed: count what each stored.
	s_items=$(sqlite3 "$d/sokbo.db" 'SELECT count(*) FROM items')
	n_items=$(sqlite3 "$d/newsboat.db" 'SELECT count(*) FROM rss_item')
	s_listed=$($work/sokbo --db "$d/sokbo.db" --config "$d/sokbo.toml" list --offline --no-group | wc -l)
	if [ "$s_items" -ne "$n" ] || [ "$s_listed" -ne "$n" ] || [ "$n_items" -ne "$n" ]; then
		echo "compare.sh: item counts are wrong: sokbo stored $s_items and listed $s_listed, newsboat stored $n_items, of $n" >&2
		exit 1
	fi

	# Second refresh of the unchanged feed: a 304 for sokbo.
	s2_ms=$(time_ms "sok-refresh2-$n" "true" "$sok refresh")
	n2_ms=$(time_ms "nb-reload2-$n" "true" "$nb -x reload")
	row "refresh again, unchanged, $n items" "$s2_ms" "$(mib "$(peak_kib sh -c "$sok refresh")")" "$n2_ms" "$(mib "$(peak_kib sh -c "$nb -x reload")")"

	# The cache loaded and printed.
	l_ms=$(time_ms "sok-list-$n" "true" "$sok list --offline >/dev/null")
	p_ms=$(time_ms "nb-print-$n" "true" "$nb -x print-unread >/dev/null")
	row "list from the cache, $n items" "$l_ms" "$(mib "$(peak_kib sh -c "$sok list --offline")")" "$p_ms" "$(mib "$(peak_kib sh -c "$nb -x print-unread")")"
done

# sokbo alone: one article read and piped, as a whole process.
r_ms=$(time_ms "sok-read" "true" "$work/sokbo --config /dev/null --db $work/read.db read testdata/seed.txt >/dev/null")

echo
echo "$(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -g | awk '/^Mem/{print $2}') GB; $(newsboat -v | head -1); medians of $RUNS runs; peak RSS the largest of 3"
echo
echo "| what | sokbo | sokbo RSS | newsboat | newsboat RSS | time ratio | RSS ratio |"
echo "|---|---|---|---|---|---|---|"
printf '%s\n' "${rows[@]}"
echo
echo "sokbo read testdata/seed.txt > file: $r_ms ms; items stored and listed checked for every size."
