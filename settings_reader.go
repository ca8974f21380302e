package main

// readerSettings are the config's keys for how the reader is worked: the
// mouse.
type readerSettings struct {
	// mouse turns the mouse on in the reader; on unless the config says
	// mouse = false.
	mouse bool
}

// readerConfig are those keys in the config file:
//
//	mouse = false   # no mouse: the terminal selects text as it does without sokbo
type readerConfig struct {
	Mouse *bool `toml:"mouse"`
}

func defaultReaderSettings() readerSettings { return readerSettings{mouse: true} }

// read checks the keys into r.
func (r *readerSettings) read(c readerConfig) error {
	if c.Mouse != nil {
		r.mouse = *c.Mouse
	}
	return nil
}
