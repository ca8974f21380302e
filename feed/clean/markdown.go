package clean

import (
	"bytes"

	"github.com/yuin/goldmark/util"
)

// MarkdownText is the text a Markdown text node's source v stands for:
// its backslash escapes and its entity and numeric references resolved
// in one pass, as CommonMark reads them. An escaped character is itself,
// never the start of a reference: `\&lt;` is the text "&lt;", and `&lt;`
// is "<". (Unescaping first and resolving after would read `\&lt;` as
// "<", one level of entities too many.)
func MarkdownText(v []byte) []byte {
	if bytes.IndexByte(v, '\\') < 0 {
		return resolveReferences(v)
	}
	out := make([]byte, 0, len(v))
	start := 0
	for i := 0; i+1 < len(v); i++ {
		if v[i] == '\\' && util.IsPunct(v[i+1]) {
			out = append(out, resolveReferences(v[start:i])...)
			out = append(out, v[i+1])
			i++
			start = i + 1
		}
	}
	return append(out, resolveReferences(v[start:])...)
}

// resolveReferences resolves the entity and numeric references of v,
// which holds no backslash escape.
func resolveReferences(v []byte) []byte {
	if bytes.IndexByte(v, '&') < 0 {
		return v
	}
	return util.ResolveNumericReferences(util.ResolveEntityNames(v))
}
