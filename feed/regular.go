package feed

import (
	"errors"
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
	f, err := OpenRegular(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, &fs.PathError{Op: "read", Path: path, Err: &TooLargeError{Limit: limit}}
	}
	return data, nil
}

// OpenRegular opens a regular file for reading, as ReadRegularFile
// does: anything else (a FIFO, a device, a socket, a folder) is refused
// with an error wrapping ErrNotRegular before it can block.
func OpenRegular(path string) (*os.File, error) {
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
	if info, err = f.Stat(); err != nil {
		f.Close()
		return nil, err
	}
	if err := regular(path, info); err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

// CheckRegular refuses a path that exists and is not a regular file; a
// path that does not exist yet passes (a database sokbo will create).
func CheckRegular(path string) error {
	info, err := os.Stat(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		return err
	}
	return regular(path, info)
}

// NotRegularError is the cause of a path that is not a regular file;
// Kind says what it is instead: "folder", "FIFO", "socket", "device" or
// "special". It matches ErrNotRegular.
type NotRegularError struct{ Kind string }

func (e *NotRegularError) Error() string {
	if e.Kind == "special" {
		return ErrNotRegular.Error() + ": a special file"
	}
	return ErrNotRegular.Error() + ": a " + e.Kind
}

// Is makes errors.Is(err, ErrNotRegular) true.
func (e *NotRegularError) Is(target error) bool { return target == ErrNotRegular }

func regular(path string, info fs.FileInfo) error {
	if info.Mode().IsRegular() {
		return nil
	}
	what := "special"
	switch m := info.Mode(); {
	case m.IsDir():
		what = "folder"
	case m&fs.ModeNamedPipe != 0:
		what = "FIFO"
	case m&fs.ModeSocket != 0:
		what = "socket"
	case m&fs.ModeDevice != 0, m&fs.ModeCharDevice != 0:
		what = "device"
	}
	return &fs.PathError{Op: "read", Path: path, Err: &NotRegularError{Kind: what}}
}
