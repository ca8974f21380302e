package render

import (
	"path/filepath"
	"slices"
	"strings"
)

// TruncateMiddle shortens s to at most w cells by cutting out its middle,
// marked with an ellipsis: its start and its end stay, for an address or
// a path whose host and file name both matter. s is plain text.
func TruncateMiddle(s string, w int) string {
	if Width(s) <= w && !strings.ContainsAny(s, layoutSpecials) {
		return s
	}
	ew := Width(Ellipsis)
	if w < 2*ew+2 {
		return Truncate(s, w)
	}
	head := Truncate(s, (w+ew)/2)
	tail := TruncateLeft(s, w-Width(head)+ew)
	return head + strings.TrimPrefix(tail, Ellipsis)
}

// minErrorSource is the narrowest a source is cut to in an error line
// before its cause is cut too, on a line of 48 cells or more.
const minErrorSource = 12

// ErrorLine lays out an error on one line of at most w cells: head (a
// label such as "오류: "), the source it names, then its cause, "head
// source: cause". When the line is too long, the source is cut in its
// middle first, to keep the cause whole; only when that is not enough is
// the cause cut at its end. source may be "".
func ErrorLine(head, source, cause string, w int) string {
	return SourceLine(head, source, ": ", cause, w)
}

// SourceLine is ErrorLine with sep between the source and the rest in
// place of ": ", as in "저장함: 2023-08-09-….md · ~/news": the rest
// stays whole, and a long source loses its middle, never its end.
func SourceLine(head, source, sep, cause string, w int) string {
	return sourceLine(head, source, sep, cause, w, TruncateMiddle)
}

// SourceLines is SourceLine on at most n lines of w cells: the whole of
// "head source sep cause", wrapped, when it fits in n lines; else the
// source loses its middle, as SourceLine cuts it, to fit the first line
// (or fewer cells), so that the cause stays whole; and only when that is not enough does the last line end in an
// ellipsis. cut says whether the cause was cut so. n < 1 counts as 1,
// which is SourceLine.
func SourceLines(head, source, sep, cause string, w, n int) (lines []string, cut bool) {
	whole := head + source + sep + cause
	if source == "" {
		whole = head + cause
	}
	if n <= 1 {
		line := SourceLine(head, source, sep, cause, w)
		return []string{line}, !strings.HasSuffix(line, cause)
	}
	lines = Wrap(whole, w)
	if len(lines) <= n {
		return lines, false
	}
	if sw := Width(source); sw > 0 {
		// The source cut to the first line, the cause below it; then to
		// the fewest cells SourceLine leaves a source.
		least := min(sw, max(6, min(minErrorSource, w/4)))
		for _, room := range []int{max(w-Width(head)-Width(sep), least), least} {
			lines = Wrap(head+TruncateMiddle(source, room)+sep+cause, w)
			if len(lines) <= n {
				return lines, false
			}
		}
	}
	lines = slices.Clone(lines[:n])
	// The last line says that more follows, within w.
	last := lines[n-1]
	if t := Truncate(last, w-Width(Ellipsis)); t == last {
		lines[n-1] = last + Ellipsis
	} else {
		lines[n-1] = t
	}
	return lines, true
}

// PathLine lays out head, a file's path, then tail on one line of at most
// w cells, as in "… 외 18건 (모두 ~/.cache/sokbo/sokbo.log에)": head and
// tail stay whole, and a long path loses the middle of its folders
// (TruncatePath), never its file name while that fits.
func PathLine(head, path, tail string, w int) string {
	return sourceLine(head, path, "", tail, w, TruncatePath)
}

// TruncatePath shortens the path s to at most w cells by cutting the end
// of its folders, marked with an ellipsis: its start and its file name
// stay, "~/.cac…/sokbo.log", the parts a reader needs to find the file.
// A name too long for that is cut as TruncateMiddle cuts. s is plain
// text.
func TruncatePath(s string, w int) string {
	if Width(s) <= w && !strings.ContainsAny(s, layoutSpecials) {
		return s
	}
	i := strings.LastIndexByte(s, filepath.Separator)
	if i <= 0 {
		return TruncateMiddle(s, w)
	}
	dir, name := s[:i], s[i:]
	// At least a cell of the folders, then the ellipsis.
	room := w - Width(name)
	if room < 1+Width(Ellipsis) {
		return TruncateMiddle(s, w)
	}
	return Truncate(dir, room) + name
}

// sourceLine is SourceLine, the source cut by cut.
func sourceLine(head, source, sep, cause string, w int, cut func(string, int) string) string {
	if source == "" {
		return Truncate(head+cause, w)
	}
	line := head + source + sep + cause
	if Width(line) <= w {
		return line
	}
	room := w - Width(head) - Width(sep) - Width(cause)
	// On a narrow line the source may shrink further, to a quarter of it.
	least := max(6, min(minErrorSource, w/4))
	if room < least {
		room = min(least, Width(source))
	}
	return Truncate(head+cut(source, room)+sep+cause, w)
}
