// Package alert provides alert rules and the building blocks of the
// notifications they send: which new headlines deserve the reader's
// attention now, and how to tell the terminal or the desktop.
//
// A [Rule] is compiled from a [Config], one [[alert]] table of the config
// file. Its conditions, all of which must hold, are a query in
// feed/search's language (keywords, a phrase, a 초성 pattern: the one
// meaning of a search in sokbo), a title tag such as [속보] matched
// tolerantly (see [HasTag]), and a feed or outlet. Quiet
// hours and a rate limit do not change what matches, only whether a match
// is announced: an [Alerter] keeps the state and decides, at an injected
// time, in an injected location.
//
// The notification side is pure too: [Terminal] builds OSC 9, OSC 777 or
// OSC 99 sequences, wrapped for tmux where needed, from sanitised, bounded
// text ([NewMessage]); [NotifySend] runs notify-send with argv and a
// deadline, never through a shell.
package alert
