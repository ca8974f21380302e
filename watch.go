package main

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"slices"
	"strings"
	"time"

	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"

	"sokbo/feed"
	"sokbo/feed/alert"
	"sokbo/feed/clean"
	"sokbo/feed/group"
	"sokbo/feed/library"
	"sokbo/feed/refresh"
	"sokbo/feed/store"
	"sokbo/render"
	"sokbo/render/lang"
)

// watchFlags are the flags of `sokbo watch`.
type watchFlags struct {
	json       bool
	since      time.Duration
	sinceText  string // --since as typed, for its error
	once       bool
	alertsOnly bool
	bell       bool
}

// newWatchCmd is `sokbo watch`.
func newWatchCmd(c *command, runWith func(string, func(*command, *app) int) func(*cobra.Command, []string) error, l lang.Lang) *cobra.Command {
	h := l.WatchHelp()
	cmd := &cobra.Command{
		Use:     "watch [SOURCE...]",
		Short:   h.Short,
		Long:    h.Long,
		Example: h.Example,
		Args:    cobra.ArbitraryArgs,
		RunE:    runWith("watch", (*command).watchCmd),
	}
	f := cmd.Flags()
	use := l.FlagUsage
	f.BoolVar(&c.watch.json, "json", false, use("json"))
	f.Var(&typedDuration{value: &c.watch.since, text: &c.watch.sinceText}, "since", use("since"))
	f.BoolVar(&c.watch.once, "once", false, use("once"))
	f.BoolVar(&c.watch.alertsOnly, "alerts-only", false, use("alerts-only"))
	f.BoolVar(&c.watch.bell, "bell", false, use("bell"))
	f.BoolVar(&c.noGroup, "no-group", false, use("watch:no-group"))
	return cmd
}

func (c *command) watchCmd(a *app) int {
	std := a.std
	ctx := a.ctx
	if c.watch.since < 0 || c.watch.since > 30*24*time.Hour {
		a.say(a.lang.SinceRange(clean.OneLine(c.watch.sinceText)))
		return 2
	}
	src, err := a.lib.Sources(ctx, c.args)
	if err != nil {
		a.fail(err)
		return 1
	}
	if len(src.Locals) > 0 {
		a.say(a.lang.WatchLocal(clean.Name(src.Locals[0])))
		return 2
	}
	if c.watch.alertsOnly && a.lib.Alerter() == nil {
		a.say(a.lang.NoAlertRules())
		return 2
	}
	w := newWatcher(a.lib, src, watchOptions{
		watchFlags: c.watch,
		lang:       a.lang,
		group:      a.lib.Grouping(),
		out:        std.out,
		errw:       std.err,
		tty:        std.outTTY,
		plain:      a.set.noColor || a.set.style == stylePlain,
		width: func() int {
			if !std.outTTY {
				return 0
			}
			if f, ok := std.out.(*os.File); ok {
				if wd, _, err := term.GetSize(f.Fd()); err == nil && wd > 0 {
					return wd
				}
			}
			return std.width
		},
	})
	if a.lib.Alerter() != nil {
		w.notify = newNotifier(std, a.set, c.watch.bell, controllingTTY, func(err error) {
			a.say(a.lang.Watch(a.errLine(err)))
		})
		defer w.notify.close()
	}
	return w.run(ctx)
}

// watchOptions configure a watcher.
type watchOptions struct {
	watchFlags
	lang  lang.Lang // of what it says on errw
	group bool
	out   io.Writer // stdout: the lines, raw (they are cleaned here)
	errw  io.Writer // stderr: state changes and problems
	tty   bool      // stdout is a terminal
	plain bool      // no bold for alerts
	width func() int
	// now and sleep are the clock; nil means the wall clock.
	now   func() time.Time
	sleep func(ctx context.Context, d time.Duration) error
	loc   *time.Location
}

// watcher is one `sokbo watch`: it polls on the reader's schedule and
// prints what arrived.
type watcher struct {
	lib *library.Library
	src library.Sources
	watchOptions
	notify *notifier
	name   string // the watch's mark in the cache

	seen    time.Time            // the newest arrival shown
	replay  []*library.Entry     // --since: what the first poll prints first
	polled  bool                 // the first poll is done
	marked  bool                 // the cache holds the watch's mark
	recent  []recentItem         // what a new report may fold into
	offline bool                 // the last poll found the network down
	failing map[string]string    // feeds failing on their own, by URL: the cause as the cache records it
	looked  map[string]time.Time // each feed's last attempt, by anyone, that the watch has taken in
	busy    map[string]bool      // feeds the last poll left to another sokbo fetching them
	said    map[string]bool      // problems said once
	outletW int                  // the outlet column's width on a terminal
	linkW   int                  // the link column's: the widest link yet
	day     string               // the day of the last row on a terminal, "2006-01-02"
	fresh   map[string]bool      // feeds never fetched: their first items are no news
	buf     bytes.Buffer
}

// recentItem is an item shown, or folded into one shown, within the
// group window: a later report of its story folds into it.
type recentItem struct {
	h       group.Headline
	printed bool // printed, or (with --alerts-only) would have been
	alerted bool // a notification was sent for its story
}

// watchIdle is how often a watch that fetches nothing (--offline, every
// interval off) looks at the cache for what others fetched.
const watchIdle = 30 * time.Second

// watchBusy is how often a watch looks at the cache while another sokbo
// fetches a feed it left to that one: what the other stores is printed
// a moment after, not an interval later. Claims last a minute or so at
// most, so this costs few wake-ups, and none when idle.
const watchBusy = 2 * time.Second

func newWatcher(lib *library.Library, src library.Sources, opts watchOptions) *watcher {
	if opts.now == nil {
		opts.now = time.Now
	}
	if opts.sleep == nil {
		opts.sleep = func(ctx context.Context, d time.Duration) error {
			t := time.NewTimer(d)
			defer t.Stop()
			select {
			case <-t.C:
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		}
	}
	if opts.loc == nil {
		opts.loc = time.Local
	}
	if opts.width == nil {
		opts.width = func() int { return 0 }
	}
	name := "watch:" + src.Key()
	if opts.alertsOnly {
		name += ":alerts"
	}
	return &watcher{lib: lib, src: src, watchOptions: opts, name: name,
		failing: map[string]string{}, looked: map[string]time.Time{}, busy: map[string]bool{}, said: map[string]bool{}, fresh: map[string]bool{}}
}

// run is the watch: it returns the exit status.
func (w *watcher) run(ctx context.Context) int {
	if err := w.start(ctx); err != nil {
		w.say(w.errLine(err))
		return 1
	}
	for {
		w.poll(ctx)
		if ctx.Err() != nil || w.once {
			return 0
		}
		if err := w.sleep(ctx, w.nextWait()); err != nil {
			return 0
		}
	}
}

// nextWait is how long the watch sleeps after a poll: until the first
// feed falls due (Library.TickInterval), or watchIdle when none ever
// does; and at most watchBusy while another sokbo fetches a feed the
// last poll left to it, whose claim keeps it due meanwhile and whose
// save may have made it not due before this is asked.
func (w *watcher) nextWait() time.Duration {
	feeds := w.src.Feeds
	if len(w.busy) > 0 {
		feeds = slices.DeleteFunc(slices.Clone(feeds), func(s feed.Subscription) bool { return w.busy[s.URL] })
	}
	d := w.lib.TickInterval(feeds)
	if d <= 0 {
		d = watchIdle
	}
	if len(w.busy) > 0 {
		d = min(d, watchBusy)
	}
	return d
}

// start sets where the watch begins: its mark for --once, else the
// newest arrival in the cache; and replays --since.
func (w *watcher) start(ctx context.Context) error {
	infos, err := w.lib.FeedInfos(ctx)
	if err != nil {
		return err
	}
	for _, s := range w.src.Feeds {
		info, ok := infos[s.URL]
		if !ok || info.LastSuccess.IsZero() {
			w.fresh[s.URL] = true
		}
		// What others fetched before the watch began is not said.
		w.looked[s.URL] = info.LastFetch
		// The outlet column fits the names, not addresses standing in
		// for a name.
		name := s.Name
		if name == "" && ok {
			name = cmp.Or(clean.OneLine(info.Name), clean.OneLine(info.Title))
		}
		w.outletW = max(w.outletW, render.Width(name))
	}
	w.outletW = min(max(w.outletW, 4), maxWatchOutlet)

	last, err := w.lib.LastArrival(ctx)
	if err != nil {
		return err
	}
	w.seen = last
	if w.once {
		mark, ok, err := w.lib.WatchMark(ctx, w.name)
		switch {
		case err != nil:
			return err
		case ok:
			w.seen, w.marked = mark, true
		case w.since == 0:
			w.say(w.lang.WatchFirstRun())
		}
	}
	// What the cache holds of the group window folds later reports, and
	// --since replays its part of it.
	now := w.now()
	window := max(group.DefaultWindow, w.since)
	b, err := w.lib.LoadCached(ctx, w.src.Feeds, time.Time{})
	if err != nil {
		return err
	}
	var replay []*library.Entry
	for i, e := range b.Entries {
		if i < 200 {
			// The link column starts as wide as the recent links.
			w.linkW = max(w.linkW, min(render.Width(clean.OneLine(e.Link)), maxWatchLink))
		}
		t := itemTime(e)
		if t.Before(now.Add(-window)) || e.FirstSeen.After(w.seen) {
			continue
		}
		if w.since > 0 && !t.Before(now.Add(-w.since)) {
			replay = append(replay, e)
			continue
		}
		w.recent = append(w.recent, recentItem{h: headlineOf(e), printed: !w.alertsOnly || w.matches(e)})
	}
	w.replay = replay
	debug.FreeOSMemory() // the cache's headlines were read whole
	return nil
}

// poll fetches what is due, says what changed of the connection, and
// prints what arrived since the last poll; the first poll prints the
// --since replay before.
func (w *watcher) poll(ctx context.Context) {
	fetched := map[string]bool{}
	own := map[string]bool{} // the feeds this poll tried, or was told to leave alone
	clear(w.busy)
	if !w.lib.Offline() {
		if due := w.lib.Due(ctx, w.src.Feeds, w.now()); len(due) > 0 {
			results, err := w.lib.Refresh(ctx, due, nil)
			if err != nil && ctx.Err() != nil {
				return
			}
			if err != nil {
				w.problem("refresh", err)
			}
			w.connection(results)
			for _, r := range results {
				if r.Err == nil && r.Deferred.IsZero() && !r.Busy {
					fetched[r.URL] = true
				}
				if r.Busy {
					w.busy[r.URL] = true
				} else {
					own[r.URL] = true
				}
			}
			// Parsing feeds grew the heap for a moment: give it back,
			// so that an idle watch stays small.
			defer debug.FreeOSMemory()
		}
	}
	if infos, err := w.lib.FeedInfos(ctx); err == nil {
		w.meanwhile(infos, own)
	}
	entries, newest, err := w.lib.Arrivals(ctx, w.src, w.seen)
	if err != nil {
		w.problem("cache", err)
		return
	}
	now := w.now()
	replay := w.replay
	var news []*library.Entry
	for _, e := range entries {
		switch {
		case !w.fresh[e.Source]:
			news = append(news, e)
		case !w.polled && w.since > 0 && !itemTime(e).Before(now.Add(-w.since)):
			// A feed's first fetch is what it had, not news; --since
			// replays its part of it.
			replay = append(replay, e)
		}
	}
	for _, e := range entries {
		fetched[e.Source] = true
	}
	for url := range fetched {
		delete(w.fresh, url)
	}
	oldestFirst(replay)
	oldestFirst(news)
	w.show(ctx, replay, true)
	w.replay, w.polled = nil, true
	w.show(ctx, news, false)
	if newest.IsZero() || !newest.After(w.seen) && w.marked {
		return // nothing new, or nothing at all to mark
	}
	w.seen = newest
	if err := w.lib.SetWatchMark(ctx, w.name, newest); err != nil {
		w.problem("mark", err)
		return
	}
	w.marked = true
}

// oldestFirst sorts entries, which come in a feed's order or the order
// they arrived, oldest first: by time, then by when they arrived. Items
// of one time that came in at once (a burst of breaking news dated to the
// minute) stand in a feed newest first, so they go in reverse.
func oldestFirst(entries []*library.Entry) {
	slices.Reverse(entries)
	slices.SortStableFunc(entries, func(a, b *library.Entry) int {
		if c := itemTime(a).Compare(itemTime(b)); c != 0 {
			return c
		}
		return a.FirstSeen.Compare(b.FirstSeen)
	})
}

// connection says, in one line on stderr, when the network went down or
// came back, and when a feed starts or stops failing on its own.
func (w *watcher) connection(results []refresh.Result) {
	offline := refresh.Offline(results)
	at := w.now().In(w.loc).Format("15:04")
	switch {
	case offline && !w.offline:
		cause := ""
		for _, r := range results {
			if r.Failure.Network() {
				cause = ": " + strings.TrimSuffix(library.Cause(w.lang, r.Err), w.lang.Offline())
				break
			}
		}
		w.say(w.lang.WatchOffline(at, cause))
	case !offline && w.offline && reached(results):
		w.say(w.lang.WatchOnline(at))
	}
	if offline || reached(results) {
		w.offline = offline
	}
	if offline {
		return
	}
	for _, r := range results {
		switch {
		case r.Busy:
		case r.Failure == refresh.FailNone && r.Deferred.IsZero():
			if _, was := w.failing[r.URL]; was {
				w.say(w.lang.WatchWorking(w.feedName(r), at))
				delete(w.failing, r.URL)
			}
		case r.Failure == refresh.FailStopped || r.Failure.Network() || !r.Deferred.IsZero():
		default:
			if w.failing[r.URL] != r.Cause() {
				w.say(w.lang.WatchFailed(w.feedName(r), at, library.Cause(w.lang, r.Err)))
				w.failing[r.URL] = r.Cause()
			}
		}
	}
}

// meanwhile says, of the feeds another sokbo attempted since the watch
// last looked, what connection says of the watch's own attempts, from
// what the cache recorded (infos): when one starts failing on its own,
// and when it works again. A watch that leaves the feeds to another says
// so too, once, as that one does. own are the feeds the watch's own
// poll tried, which connection spoke for. A server not reached is left
// out: whether the network is down is said of the watch's own fetches.
func (w *watcher) meanwhile(infos map[string]store.FeedInfo, own map[string]bool) {
	for _, s := range w.src.Feeds {
		info, ok := infos[s.URL]
		if !ok || !info.LastFetch.After(w.looked[s.URL]) {
			continue
		}
		w.looked[s.URL] = info.LastFetch
		if own[s.URL] {
			continue
		}
		name := clean.OneLine(cmp.Or(s.Name, info.DisplayName()))
		at := info.LastFetch.In(w.loc).Format("15:04")
		_, was := w.failing[s.URL]
		switch {
		case info.LastError == "" || !info.LastFetch.After(info.LastSuccess):
			if was {
				w.say(w.lang.WatchWorking(name, at))
				delete(w.failing, s.URL)
			}
		case refresh.ParseFailure(info.Failure).Network():
		case w.failing[s.URL] != info.LastError:
			w.say(w.lang.WatchFailed(name, at, library.StoredCause(w.lang, info)))
			w.failing[s.URL] = info.LastError
		}
	}
}

// reached reports whether some feed of results answered.
func reached(results []refresh.Result) bool {
	for _, r := range results {
		if r.Deferred.IsZero() && !r.Busy && r.Failure != refresh.FailStopped && !r.Failure.Network() {
			return true
		}
	}
	return false
}

func (w *watcher) feedName(r refresh.Result) string {
	if r.Name != "" {
		return clean.OneLine(r.Name)
	}
	return clean.OneLine(r.URL)
}

// problem says a failure of the watch itself once per kind and cause.
func (w *watcher) problem(kind string, err error) {
	msg := w.errLine(err)
	if w.said[kind+msg] {
		return
	}
	w.said[kind+msg] = true
	w.say(msg)
}

// say writes one line of the watch's on stderr.
func (w *watcher) say(msg string) {
	fmt.Fprintf(w.errw, "sokbo: %s\n", w.lang.Watch(clean.OneLine(msg)))
}

// errLine words err in the watch's language, naming its source.
func (w *watcher) errLine(err error) string {
	source, cause := library.Describe(w.lang, err)
	if source == "" {
		return cause
	}
	return source + ": " + cause
}

// show prints entries, oldest first, folding those whose story is shown
// already, and notifies the alerts among them; a replay notifies none.
func (w *watcher) show(ctx context.Context, entries []*library.Entry, replay bool) {
	if len(entries) == 0 {
		return
	}
	now := w.now()
	w.trimRecent(now)
	start := len(w.recent)
	for _, e := range entries {
		w.recent = append(w.recent, recentItem{h: headlineOf(e)})
	}
	var story []int // the group of each recent item, by index
	if w.group {
		hs := make([]group.Headline, len(w.recent))
		for i, r := range w.recent {
			hs[i] = r.h
		}
		story = make([]int, len(hs))
		for g, gr := range group.Fold(hs, group.Options{}) {
			for _, m := range gr.Members {
				story[m] = g
			}
		}
	}
	// Which stories are on screen already (by the first report printed),
	// and which were announced.
	first, alerted := map[int]int{}, map[int]bool{}
	if story != nil {
		for j, r := range w.recent[:start] {
			if _, ok := first[story[j]]; !ok && r.printed {
				first[story[j]] = j
			}
			alerted[story[j]] = alerted[story[j]] || r.alerted
		}
	}
	if w.tty && !w.json {
		// The outlet column fits this batch before any of it is
		// printed: the names of feeds fetched for the first time,
		// which the start could not know.
		for _, e := range entries {
			w.outletW = min(max(w.outletW, render.Width(clean.OneLine(e.FeedName))), maxWatchOutlet)
		}
	}
	alerter := w.lib.Alerter()
	for k, e := range entries {
		i := start + k
		g := -1 - i // an item of its own, without grouping
		if story != nil {
			g = story[i]
		}
		// A report of a story on screen is printed too, a ticker misses
		// nothing, marked as joining the story of the first printed.
		joins := -1
		if j, ok := first[g]; ok {
			joins = j
		}
		var verdict alert.Verdict
		switch {
		case alerter == nil:
		case replay:
			verdict.Matched = matchedRules(alerter, e) // old news: no notification
		default:
			verdict = alerter.Check(library.AlertItem(e), now)
		}
		if w.alertsOnly && len(verdict.Matched) == 0 {
			continue
		}
		w.recent[i].printed = true
		if joins < 0 {
			first[g] = i
		}
		if verdict.Notify != "" && !alerted[g] {
			w.recent[i].alerted, alerted[g] = true, true
			if w.notify.active() {
				w.notify.Notify(ctx, alert.NewMessage(e.FeedName, e.Title, library.AlertItem(e).Key))
			}
		}
		w.recent[i].alerted = w.recent[i].alerted || alerted[g]
		var lead *group.Headline
		if joins >= 0 {
			lead = &w.recent[joins].h
		}
		w.buf.Reset()
		w.line(e, verdict.Matched, replay, lead)
		if _, err := w.out.Write(w.buf.Bytes()); err != nil {
			return // the reader of the pipe went away
		}
	}
}

// matchedRules names the rules e matches, without counting against their
// rate: for a replay, which notifies nothing.
func matchedRules(a *alert.Alerter, e *library.Entry) []string {
	var names []string
	it := library.AlertItem(e)
	for _, r := range a.Rules() {
		if r.Match(it) {
			names = append(names, r.Name())
		}
	}
	return names
}

// matches reports whether e matches an alert rule.
func (w *watcher) matches(e *library.Entry) bool {
	a := w.lib.Alerter()
	return a != nil && len(matchedRules(a, e)) > 0
}

// maxRecent bounds what a watch keeps to fold into.
const maxRecent = 5000

// trimRecent drops what is past the group window.
func (w *watcher) trimRecent(now time.Time) {
	cut := now.Add(-group.DefaultWindow)
	w.recent = slices.DeleteFunc(w.recent, func(r recentItem) bool { return r.h.Published.Before(cut) })
	if len(w.recent) > maxRecent {
		w.recent = w.recent[len(w.recent)-maxRecent:]
	}
}

func headlineOf(e *library.Entry) group.Headline {
	return group.Headline{Key: e.Source + "\x00" + e.ID, Title: e.Title, Outlet: e.FeedName, Published: itemTime(e)}
}

// itemTime is when an item was published, or first stored when it gives
// no date.
func itemTime(e *library.Entry) time.Time {
	if !e.Published.IsZero() {
		return e.Published
	}
	return e.FirstSeen
}

// watchEntry is one line of `sokbo watch --json`.
type watchEntry struct {
	Time      time.Time `json:"time"`
	FirstSeen time.Time `json:"first_seen"`
	itemEntry
	// Alerts names the [[alert]] rules the item matches; [] for none.
	Alerts []string `json:"alerts"`
	// Replay is true for an item --since printed from the cache.
	Replay bool `json:"replay,omitempty"`
	// Story is, for a report of a story printed already, that story's
	// first printed report.
	Story *watchStory `json:"story,omitempty"`
}

// watchStory names the story a report joins: its first printed report.
type watchStory struct {
	Feed  string `json:"feed"`
	Title string `json:"title"`
}

// line writes e's line to w.buf.
// lead, when not nil, is the first printed report of the story e joins.
func (w *watcher) line(e *library.Entry, alerts []string, replay bool, lead *group.Headline) {
	t := itemTime(e).In(w.loc)
	stamp := w.stamp(e)
	outlet := clean.OneLine(e.FeedName)
	title := clean.OneLine(e.Headline())
	link := clean.OneLine(e.Link)
	switch {
	case w.json:
		enc := json.NewEncoder(jsonWriter{&w.buf})
		enc.SetEscapeHTML(false)
		we := watchEntry{Time: t, FirstSeen: e.FirstSeen.In(w.loc), itemEntry: markedEntryOf(e, e.Item), Alerts: alerts, Replay: replay}
		we.Feed = outlet
		if we.Alerts == nil {
			we.Alerts = []string{}
		}
		if lead != nil {
			we.Story = &watchStory{Feed: clean.OneLine(lead.Outlet), Title: clean.OneLine(lead.Title)}
		}
		_ = enc.Encode(we)
	case !w.tty:
		// Tabs between the fields, none inside them: cut -f3 is the title.
		// A report joining a story printed already has a fifth field, +.
		fmt.Fprintf(&w.buf, "%s\t%s\t%s\t%s", stamp, tabless(outlet), tabless(title), tabless(link))
		if lead != nil {
			w.buf.WriteString("\t+")
		}
		w.buf.WriteString("\n")
	default:
		// On a terminal the time column holds times alone, and a line
		// with the date stands before the rows of each day but today's
		// first: rows of a replay of other days and of today line up.
		day := t.Format("2006-01-02")
		if day != w.day {
			if w.day != "" || stamp != t.Format("15:04") {
				width := w.width()
				if width <= 0 {
					width = 80
				}
				w.buf.WriteString(render.Truncate("-- "+day+" --", width) + "\n")
			}
			w.day = day
		}
		stamp = t.Format("15:04")
		if feed.DateOnly(itemTime(e)) {
			stamp = "     " // a day without a time of day: its line says the day
		}
		w.ttyLine(stamp, outlet, title, link, len(alerts) > 0, lead != nil)
	}
}

// stamp is e's time as watch prints it: today's items by their time
// alone; an item of another day (a replay of --since up to 30 days, or a
// date ahead) with its date, as list prints it.
func (w *watcher) stamp(e *library.Entry) string {
	return string(render.AppendStamp(nil, itemTime(e).In(w.loc), w.now(), w.loc))
}

func tabless(s string) string { return strings.ReplaceAll(s, "\t", " ") }

// minWatchTitle is the least width a title keeps on a terminal before the
// link is left out; maxWatchLink the widest link column, so that one long
// address does not push every title aside.
const (
	minWatchTitle = 20
	maxWatchLink  = 60
	// maxWatchOutlet is the widest the outlet column grows.
	maxWatchOutlet = 12
)

// ttyLine lays one line out for a terminal of the current width: time,
// outlet padded to its column, title, and the link when it fits whole;
// an alert is marked with a star, and bold unless plain.
func (w *watcher) ttyLine(stamp string, outlet, title, link string, isAlert, joins bool) {
	width := w.width()
	if width <= 0 {
		width = 80
	}
	mark := "  "
	switch {
	case isAlert:
		mark = " *"
	case joins:
		mark = " +" // one more report of a story printed above
	}
	head := stamp + mark + " " + render.Pad(outlet, w.outletW) + "  "
	room := width - render.Width(head)
	// The links start in one column, as wide as the widest yet; a link
	// that does not fit beside a title of minWatchTitle is left out.
	lw := render.Width(link)
	col := max(w.linkW, lw)
	if lw > maxWatchLink {
		col = lw
	}
	if link != "" && room-2-col >= minWatchTitle {
		if lw <= maxWatchLink {
			w.linkW = col
		}
		title = render.Pad(render.Truncate(title, room-2-col), room-2-col) + "  " + link
	} else {
		title = render.Truncate(title, room)
	}
	title = strings.TrimRight(title, " ")
	w.buf.WriteString(head)
	if isAlert && !w.plain {
		// sokbo's own styling; the text in it was cleaned above.
		w.buf.WriteString("\x1b[1m" + title + "\x1b[22m\n")
		return
	}
	w.buf.WriteString(title + "\n")
}
