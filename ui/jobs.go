package ui

import (
	"context"
	"os/exec"
	"sync"
	"syscall"
	"time"
)

// jobs are the commands the reader runs in the background (the pipe
// command): each in a process group of its own, so that it ends with
// every process it started, on its deadline and when the reader quits,
// rather than running on after it as an orphan.
type jobs struct {
	ctx    context.Context
	cancel context.CancelFunc

	mu      sync.Mutex
	stopped bool
	running sync.WaitGroup
}

// jobsWait bounds how long quitting waits for the jobs it ends.
const jobsWait = 2 * time.Second

func newJobs() *jobs {
	ctx, cancel := context.WithCancel(context.Background())
	return &jobs{ctx: ctx, cancel: cancel}
}

// start counts a job as running, under the context stop ends; it reports
// false once the reader has quit. done must follow a true start. A nil
// jobs (a Model made without New) runs its jobs under no such context.
func (j *jobs) start() (context.Context, bool) {
	if j == nil {
		return context.Background(), true
	}
	j.mu.Lock()
	defer j.mu.Unlock()
	if j.stopped {
		return nil, false
	}
	j.running.Add(1)
	return j.ctx, true
}

func (j *jobs) done() {
	if j != nil {
		j.running.Done()
	}
}

// stop ends every running job's process group and waits for the jobs to
// return, at most jobsWait. Later jobs do not start. A nil jobs has none.
func (j *jobs) stop() {
	if j == nil {
		return
	}
	j.mu.Lock()
	j.stopped = true
	j.mu.Unlock()
	j.cancel()
	finished := make(chan struct{})
	go func() {
		j.running.Wait()
		close(finished)
	}()
	select {
	case <-finished:
	case <-time.After(jobsWait):
	}
}

// inGroup makes cmd start a process group of its own, which its context
// ending kills whole: a script's children too.
func inGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error {
		return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	}
}
