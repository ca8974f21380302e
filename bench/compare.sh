#!/usr/bin/env bash
# bench/compare.sh: sokbo side by side with newsboat on the same generated
# Korean feeds (1k, 10k and 50k items, and 100 feeds of 50). Run on demand,
# not in CI:
#
#   bench/compare.sh     # RUNS=10 (RUNS_LARGE=3 at 50k); SIZES="1000 10000 50000"
#
# It needs newsboat, hyperfine, GNU time, sqlite3, jq, tmux, python3 and curl,
# and installs none of them; it names the apt-get command when one is
# missing. It builds sokbo and the generator, serves the feeds over
# 127.0.0.1 to sokbo (newsboat reads the same bytes through a file:// URL),
# times each command with a fresh cache per run (hyperfine --prepare),
# measures peak RSS with /usr/bin/time, and checks every cache's item count
# afterwards so that a tool that stored nothing cannot win. The reader's
# first paint and keypress-to-screen are timed in tmux (bench/ttytime.py).
# It prints one Markdown table.
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-10}
RUNS_LARGE=${RUNS_LARGE:-3}
SIZES=${SIZES:-"1000 10000 50000"}
FEEDS=${FEEDS:-100}       # the many-feeds case: FEEDS feeds of PER items
PER=${PER:-50}

missing=()
command -v newsboat >/dev/null || missing+=(newsboat)
command -v hyperfine >/dev/null || missing+=(hyperfine)
[ -x /usr/bin/time ] || missing+=(time)
command -v sqlite3 >/dev/null || missing+=(sqlite3)
command -v jq >/dev/null || missing+=(jq)
command -v tmux >/dev/null || missing+=(tmux)
command -v python3 >/dev/null || missing+=(python3)
command -v curl >/dev/null || missing+=(curl)
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
mkdir -p "$work/www/multi"
for n in $SIZES; do
	"$work/sokbobench" gen -n "$n" -o "$work/www/feed$n.xml"
done
# FEEDS feeds of one site, each with items of its own, each served on a
# port of its own: sokbo paces requests per host and port, two seconds
# apart, as a real site's feeds would be.
for k in $(seq "$FEEDS"); do
	"$work/sokbobench" gen -n "$PER" -seed "$k" -first $((k * 1000 + PER)) -o "$work/www/multi/feed$k.xml"
done
"$work/sokbobench" serve -dir "$work/www" -ports "$FEEDS" -port-file "$work/port" &
server=$!
for _ in $(seq 50); do [ -s "$work/port" ] && break; sleep 0.1; done
port=$(head -1 "$work/port")

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
# PREPARE run before every timing, over $runs runs.
runs=$RUNS
time_ms() {
	hyperfine --style none --runs "$runs" --warmup 1 --prepare "$2" --export-json "$work/$1.json" "$3" >/dev/null 2>&1
	median_ms "$work/$1.json"
}

# thousands N: N as the reader's status line writes it, 10,000.
thousands() { echo "$1" | sed ':a;s/\B[0-9]\{3\}\>/,&/;ta'; }

rows=()
row() { rows+=("| $1 | $2 ms | $3 MiB | $4 ms | $5 MiB | $(awk -v a="$2" -v b="$4" 'BEGIN{printf "%.2f", a/b}') | $(awk -v a="$3" -v b="$5" 'BEGIN{printf "%.2f", a/b}') |"); }
mib() { awk -v k="$1" 'BEGIN{printf "%.0f", k/1024}'; }
# trow WHAT SOKBO NEWSBOAT [SOKBO_MS NEWSBOAT_MS]: a row of times alone.
trow() { rows+=("| $1 | $2 ms | | $3 ms | | $(awk -v a="${4:-$2}" -v b="${5:-$3}" 'BEGIN{printf "%.2f", a/b}') | |"); }

# The process alone: what every command costs before it does anything.
v_ms=$(time_ms "sok-version" "true" "$work/sokbo --version")
floors=()

for n in $SIZES; do
	echo "timing $n items…" >&2
	runs=$RUNS
	[ "$n" -ge 50000 ] && runs=$RUNS_LARGE
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

	# The floor: fetching the same body (curl) and a bare insert of the
	# same rows (the sqlite3 shell, one transaction, a table with its
	# primary key and no other index, trigger or search queue).
	{
		echo 'BEGIN;'
		echo 'CREATE TABLE items (feed TEXT, id TEXT, title TEXT, link TEXT, published INTEGER, sort_time INTEGER, author TEXT, categories TEXT, summary TEXT, image TEXT, body TEXT, format INTEGER, source TEXT, first_seen INTEGER, updated INTEGER, PRIMARY KEY (feed, id));'
		sqlite3 "$d/sokbo.db" -cmd '.mode insert items' 'SELECT feed, id, title, link, published, sort_time, author, categories, summary, image, body, format, source, first_seen, updated FROM items'
		echo 'COMMIT;'
	} >"$d/floor.sql"
	f_ms=$(time_ms "floor-$n" "rm -f $d/floor.db" "sh -c 'curl -s -o /dev/null http://127.0.0.1:$port/feed$n.xml && sqlite3 $d/floor.db < $d/floor.sql'")
	floors+=("| refresh, empty cache, $n items | $s_ms ms | $f_ms ms (curl + a bare sqlite3 insert of the same rows) | $(awk -v a="$s_ms" -v b="$f_ms" 'BEGIN{printf "%.2f", a/b}') |")
	c_ms=$(time_ms "curl-$n" "true" "curl -s -o /dev/null http://127.0.0.1:$port/plain/feed$n.xml")

	# Second refresh of the unchanged feed: a 304 for sokbo.
	s2_ms=$(time_ms "sok-refresh2-$n" "true" "$sok refresh")
	n2_ms=$(time_ms "nb-reload2-$n" "true" "$nb -x reload")
	n2_kib=$(peak_kib sh -c "$nb -x reload")
	row "refresh again, unchanged (a 304), $n items" "$s2_ms" "$(mib "$(peak_kib sh -c "$sok refresh")")" "$n2_ms" "$(mib "$n2_kib")"

	# The same body again from a server that sends no validator (sokbo's
	# /plain/); newsboat's file:// has none either, so its figure is the
	# one above.
	p="$d/plain"
	mkdir -p "$p"
	printf 'max_body = "512MiB"\n[[feed]]\nurl = "http://127.0.0.1:%s/plain/feed%s.xml"\n' "$port" "$n" >"$p/sokbo.toml"
	psok="$work/sokbo --config $p/sokbo.toml --db $p/sokbo.db"
	$psok refresh >/dev/null
	s3_ms=$(time_ms "sok-refresh3-$n" "true" "$psok refresh")
	row "refresh again, same body, no validators, $n items" "$s3_ms" "$(mib "$(peak_kib sh -c "$psok refresh")")" "$n2_ms" "$(mib "$n2_kib")"
	floors+=("| refresh again, same body, no validators, $n items | $s3_ms ms | $((v_ms + c_ms)) ms (\`sokbo --version\`, $v_ms ms, + curl of the body, $c_ms ms) | $(awk -v a="$s3_ms" -v b="$((v_ms + c_ms))" 'BEGIN{printf "%.2f", a/b}') |")

	# The cache loaded and printed.
	l_ms=$(time_ms "sok-list-$n" "true" "$sok list --offline >/dev/null")
	p_ms=$(time_ms "nb-print-$n" "true" "$nb -x print-unread >/dev/null")
	row "list from the cache, $n items" "$l_ms" "$(mib "$(peak_kib sh -c "$sok list --offline")")" "$p_ms" "$(mib "$(peak_kib sh -c "$nb -x print-unread")")"

	# The reader: from the start to the screen showing the list (sokbo's
	# header counts the unread items, 10,000, in either language; newsboat's
	# first screen is its feed list), and a key (j, k in turn) to the first
	# byte drawn back.
	fp_s=$(python3 bench/ttytime.py paint --runs "$runs" --marker "$(thousands "$n")" -- $sok --offline)
	fp_n=$(python3 bench/ttytime.py paint --runs "$runs" --marker "Your feeds" -- $nb)
	trow "reader's first paint, $n items" "$fp_s" "$fp_n"
	read -r k_s k_s90 < <(python3 bench/ttytime.py keys --ready "$(thousands "$n")" -- $sok --offline)
	read -r k_n k_n90 < <(python3 bench/ttytime.py keys --ready "Your feeds" --pre Enter -- $nb)
	trow "keypress to screen, median (90th percentile), $n items" "$k_s ($k_s90)" "$k_n ($k_n90)" "$k_s" "$k_n"
done

# FEEDS feeds of PER items each, into an empty cache.
echo "timing $FEEDS feeds of $PER items…" >&2
runs=$RUNS
d="$work/multi"
mkdir -p "$d"
{
	echo 'max_body = "512MiB"'
	k=0
	while read -r fport; do
		k=$((k + 1))
		printf '[[feed]]\nurl = "http://127.0.0.1:%s/multi/feed%s.xml"\n' "$fport" "$k"
	done <"$work/port"
} >"$d/sokbo.toml"
for k in $(seq "$FEEDS"); do echo "file://$work/www/multi/feed$k.xml"; done >"$d/urls"
: >"$d/newsboat.conf"
sok="$work/sokbo --config $d/sokbo.toml --db $d/sokbo.db"
nb="newsboat -u $d/urls -c $d/newsboat.db -C $d/newsboat.conf"
fresh_sok="rm -f $d/sokbo.db $d/sokbo.db-wal $d/sokbo.db-shm"
fresh_nb="rm -f $d/newsboat.db $d/newsboat.db.lock"
s_ms=$(time_ms "sok-multi" "$fresh_sok" "$sok refresh")
n_ms=$(time_ms "nb-multi" "$fresh_nb" "$nb -x reload")
$fresh_sok; s_kib=$(peak_kib sh -c "$sok refresh")
$fresh_nb; n_kib=$(peak_kib sh -c "$nb -x reload")
row "refresh, empty cache, $FEEDS feeds × $PER items" "$s_ms" "$(mib "$s_kib")" "$n_ms" "$(mib "$n_kib")"
s_items=$(sqlite3 "$d/sokbo.db" 'SELECT count(*) FROM items')
n_items=$(sqlite3 "$d/newsboat.db" 'SELECT count(*) FROM rss_item')
if [ "$s_items" -ne $((FEEDS * PER)) ] || [ "$n_items" -ne $((FEEDS * PER)) ]; then
	echo "compare.sh: item counts are wrong: sokbo stored $s_items, newsboat $n_items, of $((FEEDS * PER))" >&2
	exit 1
fi

# sokbo alone: one article read and piped, as a whole process.
r_ms=$(time_ms "sok-read" "true" "$work/sokbo --config /dev/null --db $work/read.db read testdata/seed.txt >/dev/null")

echo
echo "sokbo $(git rev-parse --short HEAD)$(git diff --quiet || echo +changes); $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -g | awk '/^Mem/{print $2}') GB, load $(cut -d' ' -f1-3 /proc/loadavg) at the end; $(newsboat -v | head -1); medians of $RUNS runs ($RUNS_LARGE at 50k); peak RSS the largest of 3"
echo
echo "| what | sokbo | sokbo RSS | newsboat | newsboat RSS | time ratio | RSS ratio |"
echo "|---|---|---|---|---|---|---|"
printf '%s\n' "${rows[@]}"
echo
echo "sokbo read testdata/seed.txt > file: $r_ms ms; sokbo --version: $v_ms ms; items stored and listed checked for every size."
echo
echo "| against the floor | sokbo | floor | ratio |"
echo "|---|---|---|---|"
printf '%s\n' "${floors[@]}"
