package main

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestOneCatalogue: the command line and the reader say nothing in Korean
// of their own; every word a user reads comes from render/lang, which
// holds each message in both languages. A Korean string literal in
// package main or ui is a message that an English run would show as it
// is. The few allowed are not messages: the Korean defaults of the key
// map, which KeyMap.In relabels, and a pattern matching the catalogue's
// own words.
func TestOneCatalogue(t *testing.T) {
	allowed := map[string]bool{
		"ui/keys.go": true, // DefaultKeyMap's help, relabeled by KeyMap.In
	}
	allowedLit := []string{"(?:want|바른 값:)"}
	for _, glob := range []string{"*.go", "ui/*.go"} {
		files, err := filepath.Glob(glob)
		if err != nil {
			t.Fatal(err)
		}
		for _, name := range files {
			if strings.HasSuffix(name, "_test.go") || allowed[name] {
				continue
			}
			f, err := parser.ParseFile(token.NewFileSet(), name, nil, parser.SkipObjectResolution)
			if err != nil {
				t.Fatal(err)
			}
			ast.Inspect(f, func(n ast.Node) bool {
				lit, ok := n.(*ast.BasicLit)
				if !ok || lit.Kind != token.STRING {
					return true
				}
				s, err := strconv.Unquote(lit.Value)
				if err != nil || !hangul.MatchString(s) {
					return true
				}
				for _, a := range allowedLit {
					if strings.Contains(s, a) {
						return true
					}
				}
				t.Errorf("%s: a Korean string of its own, not from render/lang: %q", name, s)
				return true
			})
		}
	}
}
