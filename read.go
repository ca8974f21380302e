package main

import (
	"encoding/json"
	"os"
	"strings"
	"time"

	"charm.land/lipgloss/v2"

	"sokbo/feed"
	"sokbo/feed/library"
	"sokbo/render"
)

// readEntry is the object printed by `sokbo read --format json`.
type readEntry struct {
	itemEntry
	Summary  string `json:"summary,omitempty"`
	Image    string `json:"image,omitempty"`
	Markdown string `json:"markdown"`
	fullTextEntry
}

func (c *command) read(a *app) int {
	std := a.std
	ctx := a.context()
	src, key, err := a.lib.ReadArgs(ctx, c.args)
	if err != nil {
		a.fail(err)
		return 1
	}
	name := a.lang.YourSubscriptions()
	if len(c.args) > 1 || len(c.args) == 1 && key != c.args[0] {
		name = c.args[0] // a source, not an item of the subscriptions
	}
	e, problems, err := a.lib.Find(ctx, src, key)
	a.report(problems)
	if e == nil && err == nil {
		return 1 // the source's error is already said
	}
	if err != nil {
		a.say(name + ": " + library.Cause(a.lang, err))
		return 1
	}
	art, err := a.article(ctx, e, c.full)
	if err != nil {
		a.say(name + ": " + library.Cause(a.lang, err))
		return 1
	}
	it, md := art.Item, art.Markdown

	format := c.format
	if format == "auto" {
		format = "markdown"
		if std.outTTY {
			format = "ansi"
		}
	}
	var out string
	switch format {
	case "markdown", "md":
		var b strings.Builder
		if err := feed.WritePost(&b, it, md); err != nil {
			a.say(name + ": " + library.Cause(a.lang, err))
			return 1
		}
		out = b.String()
	case "json":
		var b strings.Builder
		enc := json.NewEncoder(jsonWriter{&b})
		enc.SetEscapeHTML(false) // R&D, not R\u0026D
		enc.SetIndent("", "  ")
		if err := enc.Encode(readEntry{itemEntry: markedEntryOf(e, it), Summary: it.Summary, Image: it.Image, Markdown: md, fullTextEntry: fullTextOf(art)}); err != nil {
			a.say(name + ": " + library.Cause(a.lang, err))
			return 1
		}
		out = b.String()
	default: // text, ansi
		setWidthPolicy(a.widthPolicy(false))
		style := render.StylePlain
		if format == "ansi" {
			style = a.colorStyle()
		}
		// --width is taken as given; the terminal's width is capped like
		// the reader's, and a pipe gets 80.
		width := c.width
		if width == 0 {
			width = min(std.width, render.ReadingWidth)
		}
		if width <= 0 {
			width = 80
		}
		doc := render.ArticleDoc(it, md, time.Local)
		doc.Lang = a.lang
		out, err = render.Page(doc, width, style)
		if err != nil {
			a.say(name + ": " + library.Cause(a.lang, err))
			return 1
		}
	}
	// Only sokbo's own styling reaches the terminal unfiltered; the text
	// inside it was cleaned where it entered.
	w := a.out
	if format == "ansi" {
		w = std.out
	}
	return c.page(a, w, out)
}

// colorStyle resolves --style (or the config's style) for coloured
// output. NO_COLOR always wins.
func (a *app) colorStyle() render.Style {
	if s, fixed := a.set.renderStyle(); fixed {
		return s
	}
	// auto: ask the terminal for its background, as the reader does.
	if a.std.outTTY && !lipgloss.HasDarkBackground(os.Stdin, os.Stdout) {
		return render.StyleLight
	}
	return render.StyleDark
}
