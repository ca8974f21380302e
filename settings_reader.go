package main

// readerSettings are the config's keys for how the reader is worked: the
// mouse and the split pane.
type readerSettings struct {
	// mouse turns the mouse on in the reader; on unless the config says
	// mouse = false.
	mouse bool
	// split starts the reader with the list and the article side by
	// side, from 120 columns up.
	split bool
}

// readerConfig are those keys in the config file:
//
//	mouse = false   # no mouse: the terminal selects text as it does without sokbo
//	split = true    # the list and the article side by side from 120 columns
type readerConfig struct {
	Mouse *bool `toml:"mouse"`
	Split bool  `toml:"split"`
}

func defaultReaderSettings() readerSettings { return readerSettings{mouse: true} }

// read checks the keys into r.
func (r *readerSettings) read(c readerConfig) error {
	if c.Mouse != nil {
		r.mouse = *c.Mouse
	}
	r.split = c.Split
	return nil
}
