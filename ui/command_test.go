package ui

import (
	"errors"
	"os/exec"
	"slices"
	"strings"
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
		// POSIX: inside "…" a backslash escapes only $ ` " \ and newline.
		`printf "\033[31mred"`: {"printf", `\033[31mred`},
		`printf "a\nb"`:        {"printf", `a\nb`},
		"echo \"\\$HOME\" \"\\\"q\\\"\" \"\\\\\" \"\\`\"": {"echo", "$HOME", `"q"`, `\`, "`"},
		"echo \"a\\\nb\"": {"echo", "ab"},
		`echo "a\'b"`:     {"echo", `a\'b`},
		`echo "it's"`:     {"echo", "it's"},
		// Inside '…' nothing is special, a backslash neither.
		`printf '\033[31m' 'a\'`: {"printf", `\033[31m`, `a\`},
		`echo '"' '|;&<>$(x)'`:   {"echo", `"`, `|;&<>$(x)`},
		// Outside quotes a backslash keeps the next character.
		`printf \\033 a\"b \'c \|`: {"printf", `\033`, `a"b`, `'c`, "|"},
		"a\\\nb":                   {"ab"},
		// Quotes join with the letters around them; "" is a word.
		`a"b c"'d e'f`: {"ab cd ef"},
		`x "" '' y`:    {"x", "", "", "y"},
		`grep -e ""`:   {"grep", "-e", ""},
		"a\tb":         {"a", "b"},
		// A # that starts a word is a comment; elsewhere a letter.
		`open http://x/#top # a note`: {"open", "http://x/#top"},
		`echo '#' a#b ""#`:            {"echo", "#", "a#b", "#"},
		`echo $HOME ${x} $`:           {"echo", "$HOME", "${x}", "$"},
	}
	for line, want := range tests {
		got, err := SplitCommand(line)
		if err != nil || !slices.Equal(got, want) {
			t.Errorf("SplitCommand(%q) = %q, %v; want %q", line, got, err, want)
		}
	}
	for _, line := range []string{`wc | head`, `cat; rm -rf ~`, `cat > out`, `a && b`, "echo `id`", `echo $(id)`, `sleep 1 &`,
		`echo "$(id)"`, "echo \"`id`\"", "a\nb", `(a)`, `a&b`, `a>b`} {
		if got, err := SplitCommand(line); !errors.Is(err, ErrShellSyntax) {
			t.Errorf("SplitCommand(%q) = %q, %v; want ErrShellSyntax", line, got, err)
		}
	}
	for _, line := range []string{`echo "open`, `echo 'open`, `echo "a\"`, `echo \`} {
		if got, err := SplitCommand(line); err == nil || errors.Is(err, ErrShellSyntax) {
			t.Errorf("SplitCommand(%q) = %q, %v; want an unbalanced quote", line, got, err)
		}
	}
	if _, err := SplitCommand("   "); !errors.Is(err, ErrEmptyCommand) {
		t.Errorf("empty: %v", err)
	}
}

// TestSplitCommandAsSh checks the table's lines that need no expansion
// against the system's sh: each word as sh splits it, in [brackets].
func TestSplitCommandAsSh(t *testing.T) {
	sh, err := exec.LookPath("sh")
	if err != nil {
		t.Log("no sh to compare with:", err)
		return
	}
	lines := []string{
		`"my tool" 'a b' c\ d`, `printf '%s\n' "한글 제목"`, `tee ''`,
		`printf "\033[31mred"`, `printf "a\nb"`, "echo \"\\`\" \"\\\"q\\\"\" \"\\\\\"",
		"echo \"a\\\nb\"", `echo "a\'b"`, `echo "it's"`, `printf '\033[31m' 'a\'`,
		`echo '"' '|;&<>$(x)'`, `printf \\033 a\"b \'c \|`, "a\\\nb", `a"b c"'d e'f`,
		`x "" '' y`, `open http://x/#top # a note`, `echo '#' a#b ""#`,
	}
	for _, line := range lines {
		words, err := SplitCommand(line)
		if err != nil {
			t.Errorf("SplitCommand(%q): %v", line, err)
			continue
		}
		var want strings.Builder
		for _, w := range words {
			want.WriteString("[" + w + "]")
		}
		out, err := exec.Command(sh, "-c", `eval "set -- $1"; for a in "$@"; do printf '[%s]' "$a"; done`, "sh", line).Output()
		if err != nil {
			t.Errorf("sh on %q: %v", line, err)
			continue
		}
		if got := string(out); got != want.String() {
			t.Errorf("SplitCommand(%q) = %s; sh splits it %s", line, want.String(), got)
		}
	}
}
