package main

import (
	"os"
	"strconv"
	"strings"
	"syscall"
)

// East Asian Ambiguous characters (· … ※ ○ ① “ ”) are one cell in most
// Western terminals and two in many CJK ones. lipgloss, glamour, Bubble Tea
// and render/ all read RUNEWIDTH_EASTASIAN once, at start-up, so sokbo sets
// the mode for the whole program by setting that variable and, when it
// must change, re-executing itself before anything is measured.

// wantWideAmbiguous resolves the setting: the --ambiguous flag, then
// SOKBO_AMBIGUOUS, then the locale (ko, ja and zh mean wide).
func wantWideAmbiguous(flagValue string, env func(string) string) bool {
	mode := flagValue
	if mode == "" {
		mode = env("SOKBO_AMBIGUOUS")
	}
	switch mode {
	case "wide":
		return true
	case "narrow":
		return false
	}
	return cjkLocale(env)
}

// cjkLocale reports whether the effective locale is Korean, Japanese or
// Chinese, following the POSIX precedence LC_ALL, LC_CTYPE, LANG.
func cjkLocale(env func(string) string) bool {
	for _, name := range []string{"LC_ALL", "LC_CTYPE", "LANG"} {
		if v := env(name); v != "" {
			v = strings.ToLower(v)
			return strings.HasPrefix(v, "ko") || strings.HasPrefix(v, "ja") || strings.HasPrefix(v, "zh")
		}
	}
	return false
}

// envWide reports the mode the process started in.
func envWide(env func(string) string) bool {
	wide, err := strconv.ParseBool(env("RUNEWIDTH_EASTASIAN"))
	return err == nil && wide
}

// reexecForAmbiguous re-executes sokbo with RUNEWIDTH_EASTASIAN set when the
// wanted mode differs from the one the process started in. It returns only
// when no re-exec was needed (false) or the re-exec failed (true).
func reexecForAmbiguous(want bool) bool {
	if want == envWide(os.Getenv) {
		return false
	}
	// Guard against a loop if the variable does not stick.
	if os.Getenv("SOKBO_REEXEC") != "" {
		return true
	}
	exe, err := os.Executable()
	if err != nil {
		return true
	}
	env := append(os.Environ(), "RUNEWIDTH_EASTASIAN="+strconv.FormatBool(want), "SOKBO_REEXEC=1")
	err = syscall.Exec(exe, os.Args, env)
	return err != nil
}
