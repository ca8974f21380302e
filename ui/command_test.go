package ui

import (
	"errors"
	"slices"
	"testing"
)

func TestSplitCommand(t *testing.T) {
	tests := map[string][]string{
		`wc -m`:                         {"wc", "-m"},
		`glow -s dark -`:                {"glow", "-s", "dark", "-"},
		`"my tool" 'a b' c\ d`:          {"my tool", "a b", "c d"},
		`trans -b ko:en`:                {"trans", "-b", "ko:en"},
		`echo "$HOME" '$PATH' ~ *.md`:   {"echo", "$HOME", "$PATH", "~", "*.md"},
		`printf '%s\n' "한글 제목"`:         {"printf", `%s\n`, "한글 제목"},
		`tee ''`:                        {"tee", ""},
		`  xclip  -selection clipboard`: {"xclip", "-selection", "clipboard"},
	}
	for line, want := range tests {
		got, err := SplitCommand(line)
		if err != nil || !slices.Equal(got, want) {
			t.Errorf("SplitCommand(%q) = %q, %v; want %q", line, got, err, want)
		}
	}
	for _, line := range []string{`wc | head`, `cat; rm -rf ~`, `cat > out`, `a && b`, "echo `id`", `echo $(id)`, `sleep 1 &`} {
		if got, err := SplitCommand(line); !errors.Is(err, ErrShellSyntax) {
			t.Errorf("SplitCommand(%q) = %q, %v; want ErrShellSyntax", line, got, err)
		}
	}
	if _, err := SplitCommand(`echo "open`); err == nil {
		t.Error("unbalanced quotes accepted")
	}
	if _, err := SplitCommand("   "); !errors.Is(err, ErrEmptyCommand) {
		t.Errorf("empty: %v", err)
	}
}
