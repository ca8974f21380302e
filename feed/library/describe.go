package library

import (
	"context"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"net/http"
	"net/textproto"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"time"

	"crypto/x509"

	"sokbo/feed"
	"sokbo/feed/alert"
	"sokbo/feed/clean"
	"sokbo/feed/fetch"
	"sokbo/feed/fulltext"
	"sokbo/feed/opml"
	"sokbo/feed/refresh"
	"sokbo/feed/search"
	"sokbo/feed/store"
	"sokbo/render/lang"
)

// Describe words err for the user in l: the source it names (a feed's
// address, a file, a page; "" when it names none) and its cause. Both
// front ends say an error this way, so that one cause reads the same in
// the reader and on the command line, in the language chosen.
//
// feed/ reports typed causes (errors to test with errors.Is and As) and
// words none of them for people; Describe knows them all. An error it does
// not know keeps its own message, cleaned.
func Describe(l lang.Lang, err error) (source, cause string) {
	if err == nil {
		return "", ""
	}
	var le *lastError
	var se *feed.SourceError
	var fe *fulltext.Error
	var pe *fs.PathError
	var pre *alert.ProgramError
	var lk *LinkError
	switch {
	case errors.As(err, &lk):
		source, cause := Describe(l, lk.Err)
		return source, l.LinkNotItem(cause)
	case errors.As(err, &pre):
		return clean.Name(pre.Program), programCause(l, pre)
	case errors.As(err, &le):
		return le.sub.URL, le.describe(l)
	case errors.As(err, &se):
		source := clean.Name(se.Source)
		if pe := (*feed.PostError)(nil); errors.As(se.Err, &pe) && pe.Line > 0 {
			// The line of the file, as compilers say it: post.md:3.
			source += ":" + strconv.Itoa(pe.Line)
		}
		return source, Cause(l, se.Err)
	case errors.As(err, &fe):
		return clean.OneLine(fe.URL), Cause(l, fe.Err)
	case errors.Is(err, ErrCache) && errors.As(err, &pe):
		// The cache's file, said as that: "offline cache /dev/null".
		cause := Cause(l, pe.Err)
		if errors.Is(pe.Err, feed.ErrNotRegular) {
			cause = l.CacheNotFile(cause)
		}
		return l.CacheAt(clean.Name(pe.Path)), cause
	case errors.As(err, &pe):
		return clean.Name(pe.Path), Cause(l, pe.Err)
	}
	return "", Cause(l, err)
}

// DescribeCache is Describe, with this library's cache file and what to
// do when the cache is damaged, which SQLite's report names neither: the
// reader and the command line say it alike.
func (lib *Library) DescribeCache(l lang.Lang, err error) (source, cause string) {
	source, cause = Describe(l, err)
	if errors.Is(err, store.ErrCorrupt) && (source == "" || strings.HasPrefix(source, l.CacheAt(""))) {
		path := clean.Name(lib.CachePath())
		return l.CacheAt(path), l.CacheDamaged(path)
	}
	return source, cause
}

// Cause words the cause of err in l, without the source; see Describe.
func Cause(l lang.Lang, err error) string {
	if err == nil {
		return l.Unknown()
	}
	var (
		se    *feed.SourceError
		nf    *feed.NotFeedError
		np    *feed.NotPostError
		nop   *feed.NoPostsError
		sk    *feed.SkippedError
		mn    *feed.MoreNotesError
		capE  *feed.CapError
		cutE  *feed.TitlesCutError
		nameE *feed.NameCutError
		dates *feed.BadDatesError
		mis   *fetch.MislabelledError
		inv   *fetch.InvalidBytesError
		unk   *fetch.UnknownCharsetError
		post  *feed.PostError
		sch   *feed.SchemeError
		he    *fetch.HTTPError
		te    *fetch.TimeoutError
		ne    *fetch.NetError
		le    *fetch.LimitError
		trunc *fetch.TruncatedError
		ae    *refresh.AnnouncedError
		amb   *AmbiguousError
		many  *ImportTooLargeError
		syn   *search.SyntaxError
		re    *store.ReadError
		tl    *feed.TooLargeError
		nr    *feed.NotRegularError
		nt    *NameTakenError
		ni    *feed.NoItemError
		rle   *fulltext.RuleError
		rlp   *fulltext.RuleProblem
		ace   *alert.ConfigError
		sce   *alert.ScheduleError
	)
	lk := new(LinkError)
	switch {
	case errors.As(err, &lk):
		return l.LinkNotItem(Cause(l, lk.Err))
	case errors.As(err, &ni):
		return noItem(l, ni)
	case errors.As(err, &rle):
		return l.RuleAt(rle.Index, clean.OneLine(rle.Name), Cause(l, rle.Err))
	case errors.As(err, &rlp):
		return ruleProblem(l, rlp)
	case errors.As(err, &ace):
		return alertConfig(l, ace)
	case errors.As(err, &sce):
		return schedule(l, sce)
	case errors.As(err, &mn):
		return l.NotedMore(mn.Files)
	case errors.As(err, &sk):
		if sk.Err == nil {
			return l.SkippedMore(sk.More)
		}
		return l.Skipped(Cause(l, sk.Err))
	case errors.As(err, &ae):
		return l.Announced(clean.OneLine(ae.URL), strings.TrimSuffix(Cause(l, ae.Err), l.Offline()))
	case errors.As(err, &se):
		return Cause(l, se.Err)
	case errors.As(err, &post):
		return postProblem(l, post)
	case errors.Is(err, context.Canceled):
		return l.Canceled()
	case errors.As(err, &nop) && nop.First != nil:
		why := Cause(l, nop.First)
		if errors.As(nop.First, &np) {
			why = notPostWhat(l, np)
		}
		return l.NoPostsSkipped(nop.Skipped, clean.OneLine(nop.FirstName), why)
	case errors.Is(err, feed.ErrNoPosts):
		return l.NoPosts()
	case errors.Is(err, feed.ErrNoItems):
		return l.NoItems()
	case errors.As(err, &nf):
		return l.NotFeed(notFeedWhat(l, nf.Kind, nf.FeedAt, nf.Line))
	case errors.As(err, &np):
		return l.NotPost(notPostWhat(l, np))
	case errors.As(err, &inv):
		return l.InvalidBytes(inv.Runs)
	case errors.As(err, &unk):
		return l.UnknownCharset(unk.Label, l.Declared(declaredIndex(unk.By)), unk.CP949)
	case errors.As(err, &mis) && mis.Label != "":
		return l.MislabelledAs(mis.Label, l.Declared(declaredIndex(mis.By)))
	case errors.As(err, &mis):
		return l.Mislabelled(l.Declared(declaredIndex(mis.By)))
	case errors.As(err, &cutE):
		return l.TitlesCut(cutE.Count, feed.MaxTitleBytes>>10)
	case errors.As(err, &nameE):
		return l.NameCut(feed.MaxTitleBytes >> 10)
	case errors.As(err, &dates):
		return l.BadDates(dates.Count, dates.First) // cleaned where it was read
	case errors.As(err, &capE):
		if capE.Files {
			return l.CappedFiles(capE.Kept, capE.Total)
		}
		return l.CappedItems(capE.Kept, capE.Total)
	case errors.As(err, &sch):
		return l.Scheme(clean.OneLine(sch.Scheme))
	case errors.Is(err, opml.ErrNotOPML):
		return notOPML(l, err)
	case errors.Is(err, opml.ErrTooLarge):
		return l.OPMLTooLarge(opml.MaxBytes >> 20)
	case errors.As(err, &many):
		return l.ImportTooMany(many.Feeds, many.Max)
	case errors.Is(err, feed.ErrMalformed):
		return malformed(l, err)
	case errors.Is(err, feed.ErrFrontMatter):
		return l.BadFrontMatter()
	case errors.As(err, new(textproto.ProtocolError)):
		// net/http's words for an answer that is not HTTP, such as a
		// header line holding a control character.
		return l.BadHTTPAnswer()
	case errors.As(err, &he):
		status := he.Status.String()
		if status == "" {
			status = strings.TrimSpace(strconv.Itoa(he.StatusCode) + " " + http.StatusText(he.StatusCode))
		}
		return l.HTTPStatus(he.StatusCode, status, he.RetryAfter, he.RetryCapped)
	case errors.As(err, &ne):
		return netCause(l, ne) + offline(l, ne)
	case errors.As(err, &te):
		// Not a network error: the server was reached and did not
		// finish answering in time, which no offline machine does.
		return l.ServerSlow(te.After)
	case errors.As(err, &trunc):
		return l.Truncated(trunc.Got, trunc.Want)
	case errors.As(err, &le) && errors.Is(err, fetch.ErrHeadersTooLarge):
		return l.HeadersTooLarge(fetch.FormatBytes(le.Limit))
	case errors.As(err, &le):
		return l.TooLarge(fetch.FormatBytes(le.Limit))
	case errors.Is(err, fetch.ErrTooManyRedirects):
		return l.TooManyRedirects()
	case errors.Is(err, fetch.ErrRedirectLoop):
		return l.RedirectLoop()
	case errors.Is(err, fetch.ErrBadRedirect):
		return l.BadRedirect()
	case errors.Is(err, fetch.ErrRedirectScheme):
		return l.RedirectScheme()
	case errors.Is(err, fetch.ErrUnconditional304):
		return l.Unconditional304()
	case errors.Is(err, clean.ErrCommandURL):
		return l.CommandURL()
	case errors.Is(err, clean.ErrNotHTTP):
		return l.NotHTTP()
	case errors.Is(err, clean.ErrUnprintableURL):
		return l.UnprintableURL()
	case errors.Is(err, clean.ErrUnsafeLink):
		return l.UnsafeLink()
	case errors.Is(err, clean.ErrOptionURL):
		return l.OptionURL()
	case errors.Is(err, store.ErrReadOnly):
		return l.CacheReadOnly()
	case errors.Is(err, store.ErrNeedsUpgrade):
		return l.CacheNeedsUpgrade()
	case errors.Is(err, store.ErrForeign):
		return l.CacheForeign()
	case errors.Is(err, store.ErrNotCache):
		return l.CacheNotSokbo()
	case errors.Is(err, store.ErrCorrupt):
		return l.CacheCorrupt()
	case errors.Is(err, store.ErrBusy):
		return l.CacheBusy()
	case errors.Is(err, store.ErrFull):
		return l.DiskFull()
	case errors.As(err, &re):
		return l.CacheRead() + ": " + Cause(l, re.Err)
	case errors.Is(err, ErrNoLink):
		return l.NoLink()
	case errors.Is(err, ErrNotStored):
		return l.NotStored()
	case errors.Is(err, ErrInConfig):
		return l.InConfig()
	case errors.Is(err, ErrNoFeed):
		return l.NoFeed()
	case errors.As(err, &amb):
		return l.Ambiguous(clean.OneLine(amb.Name), clean.OneLine(strings.Join(amb.URLs, ", ")), len(amb.URLs))
	case errors.Is(err, fulltext.ErrNoArticle):
		return l.NoArticle()
	case errors.Is(err, fulltext.ErrNotHTML):
		return l.NotHTML()
	case errors.Is(err, fulltext.ErrScheme):
		return l.WebOnly()
	case errors.As(err, new(*refresh.LookingError)):
		return l.StillLookingCause()
	case errors.Is(err, refresh.ErrDeadline):
		return l.Deadline()
	case errors.As(err, &syn):
		return l.BadQuery(clean.OneLine(syn.Token), SyntaxReason(l, syn))
	case errors.As(err, &tl):
		return l.FileTooLarge(fetch.FormatBytes(tl.Limit))
	case errors.As(err, &nt):
		return l.FeedNameTaken(clean.OneLine(nt.Name), clean.OneLine(nt.URL))
	case errors.As(err, &nr):
		return l.NotRegularKind(nr.Kind)
	case errors.Is(err, feed.ErrNotRegular):
		return l.NotRegular()
	case errors.Is(err, syscall.ENOTDIR):
		return l.NotADir()
	case errors.Is(err, syscall.EISDIR):
		return l.IsADir()
	case errors.Is(err, syscall.EROFS):
		return l.ReadOnlyFS()
	case errors.Is(err, syscall.ENOSPC):
		return l.DiskFull()
	case errors.Is(err, fs.ErrExist):
		return l.FileExists()
	case errors.Is(err, fs.ErrNotExist):
		return l.NoSuchFile()
	case errors.Is(err, fs.ErrPermission):
		return l.PermissionDenied()
	case errors.Is(err, context.DeadlineExceeded):
		return l.TimedOut(0) + l.Offline()
	case errors.Is(err, syscall.ECONNRESET):
		return l.ConnReset()
	case errors.As(err, new(*net.OpError)):
		return l.NetFailed() + l.Offline()
	}
	if why, ok := errnoCause(l, err); ok {
		return why
	}
	return clean.OneLine(err.Error())
}

// errnoCause words the operating system's common failures that no typed
// cause above covers, so that a Korean run does not fall back to the
// kernel's English: "too many open files" is 열린 파일이 너무 많음.
func errnoCause(l lang.Lang, err error) (string, bool) {
	var errno syscall.Errno
	if !errors.As(err, &errno) {
		return "", false
	}
	switch errno {
	case syscall.EMFILE, syscall.ENFILE:
		return l.TooManyOpenFiles(), true
	case syscall.EDQUOT:
		return l.QuotaExceeded(), true
	case syscall.EIO:
		return l.IOError(), true
	case syscall.EPIPE:
		return l.BrokenPipe(), true
	case syscall.ENAMETOOLONG:
		return l.FileNameTooLong(), true
	case syscall.ELOOP:
		return l.TooManyLinks(), true
	case syscall.ENOMEM:
		return l.OutOfMemory(), true
	case syscall.EBUSY, syscall.ETXTBSY:
		return l.FileBusy(), true
	case syscall.ETIMEDOUT:
		return l.TimedOut(0), true
	case syscall.ECONNREFUSED:
		return l.ConnRefused(), true
	}
	// One the catalogue does not word: the system's own words, framed.
	return l.SystemError(clean.OneLine(errno.Error())), true
}

// SyntaxReason words what is wrong with a query, without the token.
func SyntaxReason(l lang.Lang, e *search.SyntaxError) string {
	if l == lang.En {
		return clean.OneLine(e.Reason)
	}
	switch e.Kind {
	case search.SyntaxTooLong:
		return l.QueryTooLong(e.Limit)
	case search.SyntaxNotUTF8:
		return l.QueryNotUTF8()
	case search.SyntaxTooMany:
		return l.QueryTooMany(e.Limit)
	case search.SyntaxBareMinus:
		return l.QueryBareMinus()
	case search.SyntaxEmptyPhrase:
		return l.QueryEmptyPhrase()
	case search.SyntaxOpenPhrase:
		return l.QueryOpenPhrase()
	case search.SyntaxNoValue:
		return l.QueryNoValue(clean.OneLine(e.Key))
	case search.SyntaxIs:
		return l.QueryIs()
	case search.SyntaxDate:
		return l.QueryDate(clean.OneLine(e.Key))
	case search.SyntaxSpan:
		return l.QuerySpan(clean.OneLine(e.Key))
	}
	return l.QueryOther()
}

// alertConfig words an [[alert]] table Compile refused.
func alertConfig(l lang.Lang, e *alert.ConfigError) string {
	table := l.AlertTable(e.N, clean.OneLine(e.Name))
	switch e.Why {
	case alert.NameTaken:
		return l.AlertNameTaken(table, e.Dup)
	case alert.MatchesAll:
		return l.AlertMatchesAll(table)
	}
	var why string
	switch e.Why {
	case alert.WithinInRule:
		why = l.AlertWithin()
	case alert.BadTag:
		why = l.AlertTag(alert.MaxTag)
	default:
		why = Cause(l, e.Err)
		var se *search.SyntaxError
		if errors.As(e.Err, &se) {
			why = SyntaxReason(l, se)
		}
	}
	return table + ": " + l.ValueProblem(e.Key, e.Val, why)
}

// ruleProblem words what is wrong with a full-text rule.
func ruleProblem(l lang.Lang, e *fulltext.RuleProblem) string {
	if l == lang.En {
		return e.Error()
	}
	field, val := e.Field, e.Val
	switch e.Kind {
	case fulltext.RuleNoName:
		return l.RuleNoName()
	case fulltext.RuleNeverApplies:
		return l.RuleNeverApplies()
	case fulltext.RuleNoBody:
		return l.RuleNoBody()
	case fulltext.RuleTooMany:
		return l.RuleTooMany(field, e.Limit)
	case fulltext.RuleEmpty:
		return l.RuleEmpty(field)
	case fulltext.RuleTooLong:
		return l.RuleTooLong(field, val, e.Limit)
	case fulltext.RuleSyntax:
		return l.RuleSyntax(field, val)
	}
	return l.RuleHost(val, int(e.Kind-fulltext.HostEmpty))
}

// programCause words why a program sokbo ran failed.
func programCause(l lang.Lang, e *alert.ProgramError) string {
	var ee *exec.ExitError
	var why string
	switch {
	case errors.Is(e.Err, alert.ErrNoDesktop):
		why = l.NoDesktop()
	case errors.Is(e.Err, exec.ErrNotFound):
		why = l.NoSuchProgramHere()
	case errors.Is(e.Err, context.DeadlineExceeded):
		why = l.NoAnswer(e.Timeout.String())
	case errors.As(e.Err, &ee):
		why = l.ExitStatus(ee.ExitCode())
	default:
		why = Cause(l, e.Err)
	}
	if e.Stderr != "" {
		why += ": " + clean.OneLine(e.Stderr)
	}
	return why
}

// schedule words a quiet or rate value that does not parse.
func schedule(l lang.Lang, e *alert.ScheduleError) string {
	switch e.Kind {
	case alert.WantSpan:
		return l.WantIs(l.QuietSpan())
	case alert.SameTime:
		return l.QuietSame()
	case alert.NotClock:
		return l.NotClock(e.Val)
	case alert.WantRate:
		return l.WantIs(l.RateWant())
	case alert.RateCount:
		return l.RateCount(e.Limit)
	}
	return l.RatePeriod()
}

// noItem words a key that found no item.
func noItem(l lang.Lang, e *feed.NoItemError) string {
	key := clean.OneLine(e.Key)
	switch e.Why {
	case feed.NoItemEmpty:
		return l.NoItemEmpty(key)
	case feed.NoItemRange:
		return l.NoItemRange(key, e.Count)
	case feed.NoItemKey:
		return l.NoItemKey(key)
	case feed.NoItemRow:
		return l.NoItemRow(key, e.Row, e.Count)
	case feed.NoItemListRow:
		return l.NoItemListRow(key, e.Row, e.At, e.Count)
	case feed.NoItemNotListed:
		return l.NoItemNotListed(key, e.At, e.Count)
	case feed.NoItemMember:
		return l.NoItemMember(key, e.Row)
	}
	return l.NoItem(key)
}

// notPostWhat words what a file of a folder that is not a post is
// instead.
func notPostWhat(l lang.Lang, np *feed.NotPostError) string {
	if np.Feed {
		return l.WhatFeed()
	}
	return notFeedWhat(l, np.Kind, "", np.Line)
}

// notFeedWhat words what a source that is not a feed is instead; line
// is where the front matter of a NotFeedLateFront starts.
func notFeedWhat(l lang.Lang, k feed.NotFeedKind, feedAt string, line int) string {
	switch k {
	case feed.NotFeedLateFront:
		return l.WhatLateFront(line)
	case feed.NotFeedBinary:
		return l.WhatBinary()
	case feed.NotFeedEmpty:
		return l.WhatEmpty()
	case feed.NotFeedJSON:
		return l.WhatJSON()
	case feed.NotFeedHTML:
		return l.WhatHTML(clean.OneLine(feedAt))
	case feed.NotFeedXML:
		return l.WhatXML()
	}
	return l.WhatText()
}

// netCause words a failure to reach a host.
func netCause(l lang.Lang, ne *fetch.NetError) string {
	host := clean.OneLine(ne.Host)
	why := netWhy(l, ne.Err)
	switch ne.Op {
	case fetch.OpDNS:
		return l.CannotResolve(host, why)
	case fetch.OpTLS:
		return l.TLSFailed(host, why)
	}
	return l.CannotConnect(host, why)
}

// offline is the guess that the reader is offline, for a failure that
// suggests it: not a TLS failure, where the server was reached.
func offline(l lang.Lang, ne *fetch.NetError) string {
	if ne.Op == fetch.OpTLS {
		return ""
	}
	return l.Offline()
}

// netWhy words what the system said of a network failure. What it does
// not know it calls a network error in Korean, and quotes in English.
func netWhy(l lang.Lang, err error) string {
	var dns *net.DNSError
	var te *fetch.TimeoutError
	var ua x509.UnknownAuthorityError
	var hn x509.HostnameError
	var ci x509.CertificateInvalidError
	switch {
	case errors.As(err, &te):
		return l.TimedOut(te.After)
	case errors.As(err, &dns) && dns.IsTimeout:
		return l.TimedOut(0)
	case errors.As(err, &dns) && dns.IsNotFound:
		return l.NoSuchHost()
	case errors.Is(err, syscall.ECONNREFUSED):
		return l.ConnRefused()
	case errors.Is(err, syscall.ECONNRESET):
		return l.ConnReset()
	case errors.Is(err, syscall.ENETUNREACH):
		return l.NetUnreachable()
	case errors.Is(err, syscall.EHOSTUNREACH):
		return l.HostUnreachable()
	case errors.As(err, &ua):
		return l.CertUntrusted()
	case errors.As(err, &hn):
		return l.CertWrongHost()
	case errors.As(err, &ci):
		return l.CertInvalid()
	case isTimeout(err):
		return l.TimedOut(0)
	}
	if l == lang.En {
		msg := (&fetch.NetError{Op: fetch.OpConnect, Err: err}).Error()
		_, why, _ := strings.Cut(msg, ": ")
		return why
	}
	return l.NetFailed()
}

func isTimeout(err error) bool {
	var t interface{ Timeout() bool }
	return errors.As(err, &t) && t.Timeout()
}

// describe words a stored failure. A previous run stored it as English
// text, which an English line quotes; a Korean one says its kind, and the
// status of an HTTP failure, which the text starts with.
func (e *lastError) describe(l lang.Lang) string {
	why := strings.Replace(e.info.LastError, oldHint, "", 1)
	if l != lang.En {
		why = storedKind(l, refresh.ParseFailure(e.info.Failure), e.info.LastError)
	}
	next := ""
	if t, ok := refresh.Next(e.sub, e.info, e.def); ok {
		next = e.stamp(t)
	}
	return l.LastTried(why, e.stamp(e.info.LastFetch), next)
}

// StoredFailure words in l the failure the cache stored for a feed, as
// the command line says it of a feed not due: its cause, when it was
// tried and when it is tried next by s's schedule, read at now ("연결
// 거부 (09:41에 시도; 다음은 09:43)"). The reader says so of a feed
// with nothing cached, which is otherwise missing without a word.
func (lib *Library) StoredFailure(l lang.Lang, s feed.Subscription, info FeedInfo, now time.Time) string {
	return (&lastError{info: info, sub: s, def: lib.opts.Interval, now: now}).describe(l)
}

// oldHint is the advice an older sokbo put in the errors it stored, which
// is the command line's to give, not a stored cause's.
const oldHint = "; to read a saved feed or post instead: sokbo FILE"

// StoredCause words a feed's stored failure (FeedInfo.LastError) in l:
// as stored in English, by its kind in Korean.
func StoredCause(l lang.Lang, info FeedInfo) string {
	if l == lang.En {
		return strings.Replace(info.LastError, oldHint, "", 1)
	}
	return storedKind(l, refresh.ParseFailure(info.Failure), info.LastError)
}

// StoredFullTextCause words in l the stored reason the last attempt to
// get an item's full text failed (Article.FullTextErr), as StoredCause
// words a feed's: "서버 응답 404 (찾을 수 없음)", not only that it failed.
func StoredFullTextCause(l lang.Lang, text string) string {
	if text == "" || l == lang.En {
		return text
	}
	// The extractor's own failures are stored in its words.
	for _, k := range []struct {
		err  error
		word func() string
	}{{fulltext.ErrNoArticle, l.NoArticle}, {fulltext.ErrNotHTML, l.NotHTML}, {fulltext.ErrScheme, l.WebOnly}} {
		if strings.HasPrefix(text, k.err.Error()) {
			return k.word()
		}
	}
	return storedKind(l, refresh.FailNone, text)
}

func storedKind(l lang.Lang, f refresh.Failure, text string) string {
	if rest, ok := strings.CutPrefix(text, "http "); ok && len(rest) >= 3 {
		if code, err := strconv.Atoi(rest[:3]); err == nil {
			return l.HTTPStatus(code, "", 0, false)
		}
	}
	// The size caps and a server that answered too slowly are stored in
	// fetch's words, which say the cap and the time.
	for _, cap := range []struct {
		err  error
		word func(string) string
	}{{fetch.ErrTooLarge, l.TooLarge}, {fetch.ErrHeadersTooLarge, l.HeadersTooLarge}} {
		if rest, ok := strings.CutPrefix(text, cap.err.Error()+" ("); ok {
			if limit, _, ok := strings.Cut(rest, ")"); ok {
				return cap.word(limit)
			}
		}
	}
	if rest, ok := strings.CutPrefix(text, lang.En.Truncated(-1, -1)); ok { // a fetch.TruncatedError
		var got, want int64
		if _, err := fmt.Sscanf(strings.ReplaceAll(rest, ",", ""), " (%d of %d bytes)", &got, &want); err == nil {
			return l.Truncated(got, want)
		}
		return l.Truncated(-1, -1)
	}
	if rest, ok := strings.CutPrefix(text, "timed out after "); ok { // a fetch.TimeoutError
		if d, err := time.ParseDuration(rest); err == nil {
			return l.ServerSlow(d)
		}
	}
	if why, ok := storedNet(l, text); ok {
		return why
	}
	// The redirect policy's failures are stored in fetch's words.
	switch {
	case strings.HasPrefix(text, fetch.ErrRedirectLoop.Error()):
		return l.RedirectLoop()
	case strings.HasPrefix(text, fetch.ErrTooManyRedirects.Error()):
		return l.TooManyRedirects()
	case strings.HasPrefix(text, fetch.ErrRedirectScheme.Error()),
		strings.Contains(text, "unsupported protocol scheme"): // as an older sokbo stored it
		return l.RedirectScheme()
	case strings.HasPrefix(text, fetch.ErrBadRedirect.Error()),
		strings.HasPrefix(text, "redirect to an address with control"):
		return l.BadRedirect()
	}
	switch f {
	case refresh.FailNetwork:
		return l.FailedNetwork() + l.Offline()
	case refresh.FailTimeout:
		return l.FailedTimeout() + l.Offline()
	case refresh.FailFeed:
		return l.FailedFeed()
	case refresh.FailCache:
		return l.FailedCache()
	}
	return l.FailedOther()
}

// storedNet words a stored fetch.NetError ("cannot connect to
// 127.0.0.1:9: connection refused (offline?)") as netCause words the live
// one: the host and what the system said, so that a Korean run that
// reads the failure back says 연결 거부, as the attempt that made it did.
// A cause it has no Korean for is a network error, as netWhy says.
func storedNet(l lang.Lang, text string) (string, bool) {
	en := lang.En
	text, hinted := strings.CutSuffix(text, en.Offline())
	var host, cause string
	var word func(host, why string) string
	switch {
	case strings.HasPrefix(text, "cannot connect to "):
		host, cause, _ = strings.Cut(strings.TrimPrefix(text, "cannot connect to "), ": ")
		word = l.CannotConnect
	case strings.HasPrefix(text, "cannot resolve "):
		host, cause, _ = strings.Cut(strings.TrimPrefix(text, "cannot resolve "), ": ")
		word = l.CannotResolve
	case strings.HasPrefix(text, "TLS with "):
		var ok bool
		host, cause, ok = strings.Cut(strings.TrimPrefix(text, "TLS with "), " failed: ")
		if !ok {
			return "", false
		}
		word = l.TLSFailed
	default:
		return "", false
	}
	if host == "" || cause == "" {
		return "", false
	}
	why := l.NetFailed()
	// The system's words, which English quotes, are the English ones.
	for _, w := range []func(lang.Lang) string{lang.Lang.ConnRefused, lang.Lang.ConnReset,
		lang.Lang.NetUnreachable, lang.Lang.HostUnreachable, lang.Lang.NoSuchHost} {
		if cause == w(en) {
			why = w(l)
		}
	}
	switch rest, after := strings.CutPrefix(cause, "timed out after "); {
	case cause == en.TimedOut(0), cause == "i/o timeout":
		why = l.TimedOut(0)
	case after:
		if d, err := time.ParseDuration(rest); err == nil {
			why = l.TimedOut(d)
		}
	case strings.HasPrefix(cause, "x509: certificate signed by unknown authority"):
		why = l.CertUntrusted()
	case strings.HasPrefix(cause, "x509: certificate is valid for"),
		strings.HasPrefix(cause, "x509: certificate is not valid for any names"):
		why = l.CertWrongHost()
	case strings.HasPrefix(cause, "x509: "):
		why = l.CertInvalid()
	}
	if l == en {
		why = cause
	}
	out := word(host, why)
	if hinted {
		out += l.Offline()
	}
	return out, true
}

// declaredIndex is where a charset was declared, as lang.Declared counts.
func declaredIndex(by fetch.Declared) int {
	switch by {
	case fetch.DeclaredHeader:
		return 0
	case fetch.DeclaredXML:
		return 1
	}
	return 2
}

// notOPML words why an OPML file could not be read: the XML error and
// its line, the root element that is not <opml>, or an empty file. The
// XML package's own message is never shown: it is English, and it may
// quote the file (a tag name, an entity) with its control characters.
func notOPML(l lang.Lang, err error) string {
	var (
		syn  *xml.SyntaxError
		root *opml.RootError
		tag  *opml.TagError
	)
	switch {
	case errors.As(err, &tag):
		name := clean.OneLine(tag.Name)
		switch {
		case tag.Stray:
			return l.NotOPMLBecause(l.XMLAt(tag.Line, l.XMLStrayEnd(name)))
		case tag.Before != "":
			return l.NotOPMLBecause(l.XMLAt(tag.Line, l.XMLNotClosedBefore(name, clean.OneLine(tag.Before), tag.BeforeLine)))
		}
		return l.NotOPMLBecause(l.XMLAt(tag.Line, l.XMLNotClosedAtEnd(name)))
	case errors.As(err, &root):
		return l.NotOPMLBecause(l.NotOPMLRoot(clean.OneLine(root.Name)))
	case errors.Is(err, opml.ErrEmpty):
		return l.NotOPMLBecause(l.EmptyFile())
	case errors.Is(err, opml.ErrNoElement):
		return l.NotOPMLBecause(l.NoXMLElement())
	case errors.As(err, &syn):
		return l.NotOPMLBecause(l.XMLAt(syn.Line, xmlReason(l, syn.Msg)))
	}
	return l.NotOPML()
}

// malformed words a feed the parser could not read with where it
// stopped: a line of XML, a byte of JSON.
func malformed(l lang.Lang, err error) string {
	var (
		syn *xml.SyntaxError
		js  *json.SyntaxError
	)
	switch {
	case errors.As(err, &syn):
		return l.MalformedBecause(l.XMLAt(syn.Line, xmlReason(l, syn.Msg)))
	case errors.As(err, &js) && js.Error() == "unexpected end of JSON input":
		return l.MalformedBecause(l.JSONUnexpectedEnd())
	case errors.As(err, &js):
		return l.MalformedBecause(l.JSONAt(js.Offset))
	}
	return l.Malformed()
}

// xmlReason words an encoding/xml SyntaxError's message, by the
// messages encoding/xml writes.
func xmlReason(l lang.Lang, msg string) string {
	switch {
	case strings.HasPrefix(msg, "illegal character code "):
		code := strings.TrimPrefix(msg, "illegal character code ")
		var r rune
		if _, err := fmt.Sscanf(code, "U+%X", &r); err != nil {
			return l.XMLForbiddenChar("?")
		}
		code = fmt.Sprintf("U+%04X", r)
		if r < 0x20 || r >= 0x7f && r < 0xa0 {
			return l.XMLControlChar(code)
		}
		return l.XMLForbiddenChar(code)
	case msg == "invalid UTF-8":
		return l.XMLBadUTF8()
	case msg == "unexpected EOF" || strings.HasPrefix(msg, "unexpected EOF"):
		return l.XMLUnexpectedEnd()
	case strings.HasPrefix(msg, "invalid character entity"):
		return l.XMLBadEntity()
	}
	return l.XMLSyntax()
}

// postProblem words what was left out of a post read anyway.
func postProblem(l lang.Lang, pe *feed.PostError) string {
	switch pe.Problem {
	case feed.PostBadDate:
		return l.PostBadDate(clean.OneLine(pe.Value), pe.Named)
	case feed.PostNotClosed:
		return l.PostNotClosed(pe.Ends)
	case feed.PostBadYAML:
		return l.PostLinesLeftOut(yamlReason(l, pe.Reason), pe.From, pe.To, pe.More)
	case feed.PostYAMLAlias:
		return l.PostLinesLeftOut(l.YAMLAlias(), pe.From, pe.To, pe.More)
	case feed.PostNotKeys:
		return l.PostLinesLeftOut(l.YAMLNotKeys(), pe.From, pe.To, pe.More)
	}
	return l.PostFrontTooLarge(feed.MaxFrontMatterBytes >> 10)
}

// yamlReason words a message of the yaml package, by the messages it
// writes; one it does not know is kept, cleaned, in English.
func yamlReason(l lang.Lang, msg string) string {
	msg = clean.OneLine(msg)
	switch {
	case strings.HasPrefix(msg, "did not find expected"), strings.HasPrefix(msg, "could not find expected"):
		// "did not find expected ',' or ']'", "… key", "… node content"
		what := strings.TrimSpace(msg[strings.Index(msg, "expected")+len("expected"):])
		if l == lang.Ko {
			what = strings.NewReplacer(" or ", " 또는 ", "node content", "값", "key", "키").Replace(what)
		}
		return l.YAMLExpected(what)
	case strings.HasPrefix(msg, "found character that cannot start any token"),
		strings.HasPrefix(msg, "found a tab character"):
		return l.YAMLBadChar()
	case strings.HasPrefix(msg, "mapping values are not allowed"):
		return l.YAMLColon()
	case strings.HasPrefix(msg, "found unexpected end of stream"):
		return l.YAMLEnd()
	case strings.HasPrefix(msg, "exceeded max depth"):
		return l.YAMLDeep()
	case strings.HasPrefix(msg, "unknown anchor"):
		return l.YAMLAlias()
	}
	return msg
}
