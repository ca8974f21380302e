package fulltext

import (
	"bytes"
	_ "embed"
	"fmt"
	"net"
	"net/url"
	"regexp"
	"strings"
	"sync"

	"github.com/BurntSushi/toml"
	"github.com/andybalholm/cascadia"
	"golang.org/x/net/html"
	"golang.org/x/net/idna"
)

//go:embed rules.toml
var builtinRules []byte

// Limits on one rule, so that a config file cannot make extraction costly.
const (
	maxSelectors   = 64  // per list
	maxSelectorLen = 512 // bytes
	maxPatternLen  = 512 // bytes
	maxHosts       = 256
)

// Rule is one site rule: where it applies and how the article body is
// found there. It is the shape of a [[rule]] table, in sokbo's built-in
// rules.toml and in the config file. Check one with Validate; NewRules
// checks them all.
type Rule struct {
	// Name names the rule in errors and in Article.Via.
	Name string `toml:"name"`
	// Hosts are host names the rule applies to, each with its subdomains:
	// "hani.co.kr" also covers "www.hani.co.kr". No scheme, port or path;
	// an internationalised name may be given in Hangul or as punycode.
	Hosts []string `toml:"hosts"`
	// Detect are CSS selectors; the rule applies to any page on which one
	// matches, whatever its host. This is how a CMS is recognised.
	Detect []string `toml:"detect"`
	// Body are CSS selectors of the article body, tried in order. The
	// first that matches elements holding any text wins, however short:
	// a breaking-news item may be one sentence. When one matches several
	// elements, they are taken together in page order. A body left with
	// no text once cleaned (Drop, DropText, the noise lists, a repeat of
	// the page's title, the copyright line) is not found, and the page
	// goes to readability.
	Body []string `toml:"body"`
	// Drop are CSS selectors of elements removed from the body.
	Drop []string `toml:"drop"`
	// DropText are regular expressions (Go syntax); a short block of the
	// body whose text matches one is removed.
	DropText []string `toml:"drop_text"`
	// Byline are CSS selectors of the reporter's line where it stands
	// outside the body; its text is added after the body when the body
	// does not already name the reporter.
	Byline []string `toml:"byline"`
}

// ruleFile is the shape of rules.toml and of ParseRules' input.
type ruleFile struct {
	Noise noiseFile `toml:"noise"`
	Rules []Rule    `toml:"rule"`
}

// noiseFile is rules.toml's [noise] section.
type noiseFile struct {
	Selectors []string `toml:"selectors"`
	Words     []string `toml:"words"`
	Headings  []string `toml:"headings"`
	Phrases   []string `toml:"phrases"`
	Copyright []string `toml:"copyright"`
}

// RuleError reports what is wrong with one rule. Its message is one line,
// such as `rule 2 "blog": body selector "div[": expected ...`.
type RuleError struct {
	Index int    // 1-based position in the list given
	Name  string // the rule's name, or ""
	Err   error
}

// Error returns the rule's position and name, then the cause.
func (e *RuleError) Error() string {
	if e.Name == "" {
		return fmt.Sprintf("rule %d: %v", e.Index, e.Err)
	}
	return fmt.Sprintf("rule %d %q: %v", e.Index, oneLine(e.Name, 40), e.Err)
}

// Unwrap returns the cause.
func (e *RuleError) Unwrap() error { return e.Err }

// ParseRules reads [[rule]] tables from TOML, as rules.toml and a config
// file's full-text section hold them, and validates each. Keys it does not
// know are errors, so that a misspelt "bodies" is not silently ignored.
func ParseRules(data []byte) ([]Rule, error) {
	var f ruleFile
	md, err := toml.NewDecoder(bytes.NewReader(data)).Decode(&f)
	if err != nil {
		return nil, fmt.Errorf("reading rules: %s", oneLine(err.Error(), 200))
	}
	if un := md.Undecoded(); len(un) > 0 {
		return nil, fmt.Errorf("reading rules: unknown key %s", oneLine(un[0].String(), 80))
	}
	for i := range f.Rules {
		if err := f.Rules[i].Validate(); err != nil {
			return nil, &RuleError{Index: i + 1, Name: f.Rules[i].Name, Err: err}
		}
	}
	return f.Rules, nil
}

// Validate reports the first thing wrong with r: no name, neither hosts
// nor detect, no body, a host that is not a bare host name, a selector
// that does not parse or a pattern that does not compile.
func (r Rule) Validate() error {
	_, err := compileRule(r)
	return err
}

// Rules is a checked, compiled set of site rules plus the built-in noise
// filters. Build one with DefaultRules or NewRules; a nil *Rules means
// DefaultRules. It is safe for concurrent use.
type Rules struct {
	rules []*rule
	noise *noise
}

// rule is a compiled Rule.
type rule struct {
	name     string
	hosts    []string // ASCII, lower case
	detect   []cascadia.Selector
	body     []cascadia.Selector
	drop     []cascadia.Selector
	dropText []*regexp.Regexp
	byline   []cascadia.Selector
}

// defaultRules is rules.toml compiled, once. The tests check the file; a
// broken built-in file is a build defect, so it panics rather than failing
// every extraction quietly.
var defaultRules = sync.OnceValue(func() *Rules {
	rs, err := compileFile(builtinRules)
	if err != nil {
		panic("fulltext: built-in rules.toml: " + err.Error())
	}
	return rs
})

// DefaultRules returns sokbo's built-in rules (rules.toml).
func DefaultRules() *Rules { return defaultRules() }

// NewRules returns the built-in rules with user's rules ahead of them, so
// that a user rule for a host wins over a built-in one. It validates every
// user rule and returns a *RuleError for the first bad one.
func NewRules(user []Rule) (*Rules, error) {
	def := defaultRules()
	rs := &Rules{noise: def.noise, rules: make([]*rule, 0, len(user)+len(def.rules))}
	for i, r := range user {
		c, err := compileRule(r)
		if err != nil {
			return nil, &RuleError{Index: i + 1, Name: r.Name, Err: err}
		}
		rs.rules = append(rs.rules, c)
	}
	rs.rules = append(rs.rules, def.rules...)
	return rs, nil
}

// Names returns the names of the rules in the order they are tried.
func (rs *Rules) Names() []string {
	rs = rs.orDefault()
	names := make([]string, len(rs.rules))
	for i, r := range rs.rules {
		names[i] = r.name
	}
	return names
}

func (rs *Rules) orDefault() *Rules {
	if rs == nil {
		return defaultRules()
	}
	return rs
}

func compileFile(data []byte) (*Rules, error) {
	var f ruleFile
	md, err := toml.NewDecoder(bytes.NewReader(data)).Decode(&f)
	if err != nil {
		return nil, err
	}
	if un := md.Undecoded(); len(un) > 0 {
		return nil, fmt.Errorf("unknown key %s", un[0])
	}
	n, err := compileNoise(f.Noise)
	if err != nil {
		return nil, err
	}
	rs := &Rules{noise: n}
	for i, r := range f.Rules {
		c, err := compileRule(r)
		if err != nil {
			return nil, &RuleError{Index: i + 1, Name: r.Name, Err: err}
		}
		rs.rules = append(rs.rules, c)
	}
	return rs, nil
}

func compileRule(r Rule) (*rule, error) {
	name := strings.TrimSpace(r.Name)
	if name == "" {
		return nil, &RuleProblem{Kind: RuleNoName}
	}
	if len(r.Hosts) == 0 && len(r.Detect) == 0 {
		return nil, &RuleProblem{Kind: RuleNeverApplies}
	}
	if len(r.Body) == 0 {
		return nil, &RuleProblem{Kind: RuleNoBody}
	}
	c := &rule{name: name}
	if len(r.Hosts) > maxHosts {
		return nil, &RuleProblem{Kind: RuleTooMany, Field: "hosts", Limit: maxHosts}
	}
	for _, h := range r.Hosts {
		host, err := normalizeHost(h)
		if err != nil {
			return nil, err
		}
		c.hosts = append(c.hosts, host)
	}
	var err error
	if c.detect, err = compileSelectors("detect", r.Detect); err != nil {
		return nil, err
	}
	if c.body, err = compileSelectors("body", r.Body); err != nil {
		return nil, err
	}
	if c.drop, err = compileSelectors("drop", r.Drop); err != nil {
		return nil, err
	}
	if c.byline, err = compileSelectors("byline", r.Byline); err != nil {
		return nil, err
	}
	if c.dropText, err = compilePatterns("drop_text", r.DropText); err != nil {
		return nil, err
	}
	return c, nil
}

// normalizeHost checks a host pattern and returns it in ASCII lower case.
func normalizeHost(h string) (string, error) {
	s := strings.TrimSpace(h)
	bad := func(kind RuleProblemKind) error {
		return &RuleProblem{Kind: kind, Field: "host", Val: cutRunes(h, 80)}
	}
	switch {
	case s == "":
		return "", bad(HostEmpty)
	case strings.Contains(s, "://"):
		return "", bad(HostScheme)
	case strings.ContainsAny(s, "/?#"):
		return "", bad(HostPath)
	case strings.HasPrefix(s, "*."):
		return "", bad(HostWildcard)
	}
	if ip := net.ParseIP(strings.Trim(s, "[]")); ip != nil {
		return ip.String(), nil
	}
	if strings.Contains(s, ":") {
		return "", bad(HostPort)
	}
	ascii, err := idna.Lookup.ToASCII(strings.TrimSuffix(s, "."))
	if err != nil {
		return "", bad(HostInvalid)
	}
	return strings.ToLower(ascii), nil
}

func compileSelectors(field string, list []string) ([]cascadia.Selector, error) {
	if len(list) > maxSelectors {
		return nil, &RuleProblem{Kind: RuleTooMany, Field: field + " selectors", Limit: maxSelectors}
	}
	out := make([]cascadia.Selector, 0, len(list))
	for _, s := range list {
		if strings.TrimSpace(s) == "" {
			return nil, &RuleProblem{Kind: RuleEmpty, Field: field + " selector"}
		}
		if len(s) > maxSelectorLen {
			return nil, &RuleProblem{Kind: RuleTooLong, Field: field + " selector", Val: cutRunes(s, 40) + "…", Limit: maxSelectorLen}
		}
		sel, err := cascadia.Compile(s)
		if err != nil {
			return nil, &RuleProblem{Kind: RuleSyntax, Field: field + " selector", Val: cutRunes(s, 80), Detail: visible(err.Error(), 120)}
		}
		out = append(out, sel)
	}
	return out, nil
}

func compilePatterns(field string, list []string) ([]*regexp.Regexp, error) {
	if len(list) > maxSelectors && !strings.HasPrefix(field, "noise") {
		return nil, &RuleProblem{Kind: RuleTooMany, Field: field + " patterns", Limit: maxSelectors}
	}
	out := make([]*regexp.Regexp, 0, len(list))
	for _, p := range list {
		if strings.TrimSpace(p) == "" {
			return nil, &RuleProblem{Kind: RuleEmpty, Field: field + " pattern"}
		}
		if len(p) > maxPatternLen {
			return nil, &RuleProblem{Kind: RuleTooLong, Field: field + " pattern", Val: cutRunes(p, 40) + "…", Limit: maxPatternLen}
		}
		re, err := regexp.Compile(p)
		if err != nil {
			return nil, &RuleProblem{Kind: RuleSyntax, Field: field + " pattern", Val: cutRunes(p, 80), Detail: visible(err.Error(), 120)}
		}
		out = append(out, re)
	}
	return out, nil
}

// match returns the first rule that applies to the page at u, or nil.
func (rs *Rules) match(doc *html.Node, u *url.URL) *rule {
	host := ""
	if u != nil {
		host = strings.ToLower(strings.TrimSuffix(u.Hostname(), "."))
		if ascii, err := idna.Lookup.ToASCII(host); err == nil {
			host = ascii
		}
	}
	for _, r := range rs.rules {
		if r.appliesTo(doc, host) {
			return r
		}
	}
	return nil
}

func (r *rule) appliesTo(doc *html.Node, host string) bool {
	for _, h := range r.hosts {
		if host == h || strings.HasSuffix(host, "."+h) {
			return true
		}
	}
	for _, sel := range r.detect {
		if sel.MatchFirst(doc) != nil {
			return true
		}
	}
	return false
}

// RuleProblem is what is wrong with one rule, for a front end to word
// (Kind); Error is the English. Field names the key ("hosts", "body
// selector"), Val the value at fault, as given (cut, not cleaned: quote it
// with %q), and Detail is one line with its controls escaped.
type RuleProblem struct {
	Kind   RuleProblemKind
	Field  string
	Val    string
	Limit  int
	Detail string // RuleSyntax: the parser's own words, in English
}

// RuleProblemKind says what is wrong with a rule.
type RuleProblemKind uint8

const (
	RuleNoName       RuleProblemKind = iota // no name
	RuleNeverApplies                        // no hosts and no detect selectors
	RuleNoBody                              // no body selectors
	RuleTooMany                             // more than Limit of Field
	RuleEmpty                               // an empty Field
	RuleTooLong                             // Val is longer than Limit bytes
	RuleSyntax                              // Val does not parse (Detail)
	HostEmpty                               // an empty host
	HostScheme                              // a host with a scheme
	HostPath                                // a host with a path
	HostWildcard                            // a host starting "*."
	HostPort                                // a host with a port
	HostInvalid                             // no host name
)

func (e *RuleProblem) Error() string {
	switch e.Kind {
	case RuleNoName:
		return "no name"
	case RuleNeverApplies:
		return "no hosts and no detect selectors: it would never apply"
	case RuleNoBody:
		return "no body selectors"
	case RuleTooMany:
		return fmt.Sprintf("more than %d %s", e.Limit, e.Field)
	case RuleEmpty:
		return "empty " + e.Field
	case RuleTooLong:
		return fmt.Sprintf("%s %q: longer than %d bytes", e.Field, e.Val, e.Limit)
	case RuleSyntax:
		return fmt.Sprintf("%s %q: %s", e.Field, e.Val, e.Detail)
	}
	why := [...]string{
		HostEmpty:    "empty",
		HostScheme:   "give the host name alone, without a scheme",
		HostPath:     "give the host name alone, without a path",
		HostWildcard: `a host already covers its subdomains; drop the "*."`,
		HostPort:     "give the host name alone, without a port",
		HostInvalid:  "not a valid host name",
	}[e.Kind]
	return fmt.Sprintf("host %q: %s", e.Val, why)
}
