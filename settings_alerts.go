package main

import (
	"time"

	"sokbo/feed/alert"
	"sokbo/feed/library"
)

// alertSettings are the settings of alerts and of folding stories: the
// [[alert]] rules compiled, how to notify, and whether lists fold.
type alertSettings struct {
	alerts []*alert.Rule
	// notify is the notification protocol; notifyAuto leaves it to the
	// terminal (alert.DetectTerminal); notifyOff sends nothing at all.
	notify     alert.Protocol
	notifyAuto bool
	notifyOff  bool
	group      bool // fold one story's reports into one row
}

func defaultAlertSettings() alertSettings {
	return alertSettings{notifyAuto: true, group: true}
}

// alertConfig are the config file's keys of alerts and folding:
//
//	notify = "auto"         # auto, osc9, osc777, osc99 or off
//	group = true            # fold one story from many outlets into one row
//
//	[[alert]]
//	name = "가람시"          # optional
//	query = "가람시 정전"     # words, "a phrase", 초성 (ㄱㄹㅅ), as in search
//	tag = "속보"             # a label in the title: [속보], 【속보】, 속보: …
//	feed = "가람일보"         # a subscription's name or URL, or an outlet
//	quiet = "23:00-07:00"    # no notification then
//	rate = "5/h"             # at most 5 notifications an hour
type alertConfig struct {
	Notify string         `toml:"notify"`
	Group  *bool          `toml:"group"`
	Alerts []alert.Config `toml:"alert"`
}

// readAlertConfig checks and compiles the alert keys of the config file
// called name.
func (s *settings) readAlertConfig(name string, ac *alertConfig) error {
	if ac.Notify != "" {
		p, auto, err := alert.ParseProtocol(ac.Notify)
		if err != nil {
			l := s.lang
			return &configError{l.ConfigProblem(name, l.BadValue("notify", ac.Notify, l.Or([]string{`"auto"`, `"osc9"`, `"osc777"`, `"osc99"`, `"off"`})))}
		}
		s.notify, s.notifyAuto = p, auto
		s.notifyOff = !auto && p == alert.NoProtocol
	}
	if ac.Group != nil {
		s.group = *ac.Group
	}
	if len(ac.Alerts) == 0 {
		return nil
	}
	rules, err := alert.Compile(ac.Alerts, time.Local)
	if err != nil {
		// "bad alert 2: rate = ..." names the table and the key.
		return &configError{s.lang.ConfigProblem(name, library.Cause(s.lang, err))}
	}
	s.alerts = rules
	return nil
}
