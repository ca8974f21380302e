package ui

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"unicode"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"

	"sokbo/feed"
	"sokbo/feed/clean"
	"sokbo/feed/library"
)

// maxNameBytes bounds the title part of a saved post's file name: file
// systems allow 255 bytes a name, and a Hangul syllable is three.
const maxNameBytes = 150

// savedMsg reports an article written as a post.
type savedMsg struct {
	path string
	err  error
}

// saveCmd writes the entry's article, as the reader shows it (its full
// text when one is kept), as a Markdown post in the save folder: what
// `sokbo read --format markdown` prints, which sokbo reads back to the
// same article. An existing file is never overwritten.
func (m Model) saveCmd(e *library.Entry) tea.Cmd {
	dir := m.cfg.SaveDir
	if dir == "" {
		return func() tea.Msg { return savedMsg{err: &readerError{kind: errNoSaveDir}} }
	}
	lib := m.lib
	entry := *e
	return func() tea.Msg {
		a, err := lib.Article(context.Background(), &entry)
		if err != nil {
			return savedMsg{err: err}
		}
		var b bytes.Buffer
		if err := feed.WritePost(&b, a.Item, a.Markdown); err != nil {
			return savedMsg{err: err}
		}
		path, err := writeNew(dir, postFileName(a.Item, entry.Lead), b.Bytes())
		return savedMsg{path: path, err: err}
	}
}

// postFileName is the file name a post is saved under: Jekyll's
// YYYY-MM-DD-title.md, with the date in Seoul as the post's front matter
// writes it, or title.md for an undated item (a date in the name would
// date it when read back). See safeName for the title.
func postFileName(it *feed.Item, lead string) string {
	title := safeName(cmp.Or(it.Title, lead))
	if title == "" {
		title = "article"
	}
	if it.Published.IsZero() {
		return title + ".md"
	}
	return it.Published.In(feed.Seoul).Format("2006-01-02") + "-" + title + ".md"
}

// safeName makes a title into the part of a file name it can be: Korean
// and every other letter kept, in NFC as it was cleaned; runs of space
// become one "-"; path separators, control characters and the characters
// other systems refuse (: * ? " < > |) are dropped, and so are leading
// dots and trailing dots and dashes; at most maxNameBytes, cut between
// characters and never inside one with its combining marks.
func safeName(title string) string {
	var b strings.Builder
	dash := false
	for _, r := range clean.OneLine(title) {
		switch {
		case unicode.IsSpace(r) || r == '-':
			dash = b.Len() > 0
			continue
		case r == '/' || r == '\\' || r == 0 || unicode.IsControl(r) || strings.ContainsRune(`:*?"<>|`, r),
			!unicode.IsPrint(r) && !unicode.Is(unicode.Mn, r):
			continue
		case r == '.' && b.Len() == 0:
			continue
		}
		if dash {
			b.WriteByte('-')
			dash = false
		}
		b.WriteRune(r)
	}
	s := b.String()
	if len(s) > maxNameBytes {
		cut := maxNameBytes
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		for cut > 0 {
			r, _ := utf8.DecodeRuneInString(s[cut:])
			if !unicode.Is(unicode.Mn, r) && !unicode.Is(unicode.Me, r) {
				break
			}
			_, size := utf8.DecodeLastRuneInString(s[:cut])
			cut -= size
		}
		s = s[:cut]
	}
	return strings.TrimRight(s, ".-")
}

// writeNew writes data to a new file name in dir, made if need be: name
// as it is, or with -2, -3, … before its extension when that is taken.
// It never overwrites a file, and it returns the path written.
func writeNew(dir, name string, data []byte) (string, error) {
	if err := os.MkdirAll(dir, 0o777); err != nil {
		return "", err
	}
	ext := filepath.Ext(name)
	stem := strings.TrimSuffix(name, ext)
	for i := 1; i <= 1000; i++ {
		try := name
		if i > 1 {
			try = fmt.Sprintf("%s-%d%s", stem, i, ext)
		}
		path := filepath.Join(dir, try)
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o666)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			return "", err
		}
		if _, err := f.Write(data); err != nil {
			f.Close()
			os.Remove(path)
			return "", err
		}
		if err := f.Close(); err != nil {
			os.Remove(path)
			return "", err
		}
		return path, nil
	}
	return "", &readerError{kind: errNameTaken, arg: clean.Name(filepath.Join(dir, name))}
}

// homePath writes a path under the home directory as ~/…, as the footer
// shows it.
func homePath(path string) string {
	home, err := os.UserHomeDir()
	if err != nil || home == "" {
		return path
	}
	if rel, ok := strings.CutPrefix(path, home+string(filepath.Separator)); ok {
		return "~/" + rel
	}
	return path
}
