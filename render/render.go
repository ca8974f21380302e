// Package render provides how an article looks in a terminal: Markdown to
// terminal text at a given width, and the one text-layout module (display
// width, wrap, truncate) that every part of sokbo uses to place text.
package render
