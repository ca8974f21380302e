package feed

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"sokbo/feed/fetch"
	"syscall"
)

// ErrNotRegular is wrapped by ReadRegularFile's error for a path that is
// not a regular file: a FIFO, a device, a socket or a folder. Reading one
// could block forever (a FIFO, /dev/tty) or read what the user types.
var ErrNotRegular = errors.New("not a regular file")

// TooLargeError is the error of a file larger than sokbo reads.
type TooLargeError struct{ Limit int64 }

func (e *TooLargeError) Error() string {
	return "file too large (over " + fetch.FormatBytes(e.Limit) + ")"
}

// ReadRegularFile reads a whole regular file of at most limit bytes. A
// symbolic link is followed only to a regular file. It never blocks on a
// FIFO or a device: the path is checked before it is opened, opened
// without waiting, and checked again once open, so a file swapped in
// between is refused too.
func ReadRegularFile(path string, limit int64) ([]byte, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if err := regular(path, info); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if info, err = f.Stat(); err != nil {
		return nil, err
	}
	if err := regular(path, info); err != nil {
		return nil, err
	}
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, &fs.PathError{Op: "read", Path: path, Err: &TooLargeError{Limit: limit}}
	}
	return data, nil
}

func regular(path string, info fs.FileInfo) error {
	if info.Mode().IsRegular() {
		return nil
	}
	what := "a special file"
	switch m := info.Mode(); {
	case m.IsDir():
		what = "a folder"
	case m&fs.ModeNamedPipe != 0:
		what = "a FIFO"
	case m&fs.ModeSocket != 0:
		what = "a socket"
	case m&fs.ModeDevice != 0, m&fs.ModeCharDevice != 0:
		what = "a device"
	}
	return &fs.PathError{Op: "read", Path: path, Err: fmt.Errorf("%w: %s", ErrNotRegular, what)}
}
