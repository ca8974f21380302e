package lexers

import (
	"embed"
	"io/fs"
	"sync"

	"github.com/alecthomas/chroma/v2"
)

//go:embed embedded
var embedded embed.FS

// sokbo patch: the registry is built on first use, not at init. Parsing
// the configs of the 240 embedded XML lexers and compiling their analyser
// regexps took 6–8 ms of every process start, paid even by a program that
// never highlights code. Lexers written in Go still call Register at init;
// they are queued and registered after the embedded ones, in the same
// order as before, and init-time work on registered lexers (SetAnalyser)
// is queued with afterLoad.
var (
	pending    []chroma.Lexer
	afterHooks []func(*chroma.LexerRegistry)
	loaded     bool
	loadOnce   sync.Once
	registry   *chroma.LexerRegistry
)

// global returns the global registry, building it on the first call.
func global() *chroma.LexerRegistry {
	loadOnce.Do(func() {
		reg := chroma.NewLexerRegistry()
		paths, err := fs.Glob(embedded, "embedded/*.xml")
		if err != nil {
			panic(err)
		}
		for _, path := range paths {
			reg.Register(chroma.MustNewXMLLexer(embedded, path))
		}
		for _, lexer := range pending {
			reg.Register(lexer)
		}
		registry, pending, loaded = reg, nil, true
		for _, hook := range afterHooks {
			hook(reg)
		}
		afterHooks = nil
	})
	return registry
}

// afterLoad runs fn with the registry once it is built. Only init
// functions call it, so it needs no lock; fn must use reg, not Get, which
// would wait for the build that is running it.
func afterLoad(fn func(reg *chroma.LexerRegistry)) {
	afterHooks = append(afterHooks, fn)
}

// GlobalLexerRegistry returns the global LexerRegistry of Lexers. (Upstream
// this is a variable.)
func GlobalLexerRegistry() *chroma.LexerRegistry {
	return global()
}

// Names of all lexers, optionally including aliases.
func Names(withAliases bool) []string {
	return global().Names(withAliases)
}

// Get a Lexer by name, alias or file extension.
//
// Note that this if there isn't an exact match on name or alias, this will
// call Match(), so it is not efficient.
func Get(name string) chroma.Lexer {
	return global().Get(name)
}

// MatchMimeType attempts to find a lexer for the given MIME type.
func MatchMimeType(mimeType string) chroma.Lexer {
	return global().MatchMimeType(mimeType)
}

// Match returns the first lexer matching filename.
//
// Note that this iterates over all file patterns in all lexers, so it's not
// particularly efficient.
func Match(filename string) chroma.Lexer {
	return global().Match(filename)
}

// Register a Lexer with the global registry. Before the registry is built
// (during init) the lexer is queued.
func Register(lexer chroma.Lexer) chroma.Lexer {
	if !loaded {
		pending = append(pending, lexer)
		return lexer
	}
	return global().Register(lexer)
}

// Analyse text content and return the "best" lexer..
func Analyse(text string) chroma.Lexer {
	return global().Analyse(text)
}

// PlaintextRules is used for the fallback lexer as well as the explicit
// plaintext lexer.
func PlaintextRules() chroma.Rules {
	return chroma.Rules{
		"root": []chroma.Rule{
			{`.+`, chroma.Text, nil},
			{`\n`, chroma.Text, nil},
		},
	}
}

// Fallback lexer if no other is found.
var Fallback chroma.Lexer = chroma.MustNewLexer(&chroma.Config{
	Name:      "fallback",
	Filenames: []string{"*"},
	Priority:  -1,
}, PlaintextRules)
