package ui

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strings"

	tea "charm.land/bubbletea/v2"

	"sokbo/feed/clean"
)

// errNotOpenable is returned for a link whose scheme sokbo will not hand
// to a browser.
var errNotOpenable = errors.New("only http and https links open in a browser")

// openable reports whether link may be handed to a browser: an absolute
// http or https URL with a host, in printable characters, not starting
// with "-" (see clean.Open). Feed links are hostile; javascript:, data: and
// file: links, and anything a browser launcher could take for an option,
// are refused.
func openable(link string) bool { return clean.URLOK(link, clean.Open) }

// browserArgv returns the command that opens link: $BROWSER split into
// words (never through a shell), else xdg-open, or open on macOS. The link
// is always the last, separate argument.
func browserArgv(link string, getenv func(string) string) []string {
	if b := strings.TrimSpace(getenv("BROWSER")); b != "" {
		// $BROWSER may list several commands separated by colons; the
		// first is the user's choice.
		first := strings.Split(b, ":")[0]
		if words := strings.Fields(first); len(words) > 0 {
			return append(words, link)
		}
	}
	if runtime.GOOS == "darwin" {
		return []string{"open", link}
	}
	return []string{"xdg-open", link}
}

// OpenURL opens link in the user's browser, or returns why it cannot. It
// starts the browser launcher directly with argv and does not wait for it.
func OpenURL(link string) error {
	if !openable(link) {
		return errNotOpenable
	}
	argv := browserArgv(link, os.Getenv)
	cmd := exec.Command(argv[0], argv[1:]...)
	if err := cmd.Start(); err != nil {
		if errors.Is(err, exec.ErrNotFound) {
			return fmt.Errorf("%s 없음; BROWSER 환경 변수로 브라우저를 정하세요", argv[0])
		}
		return err
	}
	go cmd.Wait() //nolint:errcheck // the launcher's status says nothing useful
	return nil
}

// openedMsg reports the result of opening a link.
type openedMsg struct {
	link string
	err  error
}

func (m Model) openCmd(link string) tea.Cmd {
	open := m.cfg.OpenURL
	if open == nil {
		open = OpenURL
	}
	return func() tea.Msg {
		if !openable(link) {
			return openedMsg{link: link, err: errNotOpenable}
		}
		return openedMsg{link: link, err: open(link)}
	}
}
