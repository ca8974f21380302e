package ui

import (
	"io"
	"slices"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"sokbo/feed/library"
)

// keyProbe runs the reader and tells, for each key the benchmark sends,
// when its Update began and how long Update and View took.
type keyProbe struct {
	Model
	seen   chan keyTiming
	loaded chan struct{}
	done   chan library.FullTextSummary
}

type keyTiming struct {
	at   time.Time     // when Update began
	work time.Duration // Update and View
}

func (p keyProbe) Init() tea.Cmd { return nil }

func (p keyProbe) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	start := time.Now()
	next, cmd := p.Model.Update(msg)
	p.Model = next.(Model)
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		_ = p.Model.View()
		p.seen <- keyTiming{at: start, work: time.Since(start)}
	case cachedMsg:
		p.loaded <- struct{}{}
	case fullTextDoneMsg:
		p.done <- msg.sum
	}
	return p, cmd
}

// BenchmarkKeypressDuringFullText measures how long a key waits for the
// reader and takes in it (Update and View), idle and while the full text
// of 50 new items (pages of about 200 KB, served on 127.0.0.1 with no
// pacing, so that fetching and extracting take all the CPU they can) is
// fetched in the background. Each key is sent once the last one is
// handled, as a typist's would be. Reported: p50, p99 and the worst
// latency from Send to the end of the key's View, in µs, and how many
// keys were handled while the pages came.
func BenchmarkKeypressDuringFullText(b *testing.B) {
	for _, busy := range []bool{false, true} {
		name := "idle"
		if busy {
			name = "fetching50"
		}
		b.Run(name, func(b *testing.B) {
			var lat []time.Duration
			keys := 0
			for range b.N {
				b.StopTimer()
				fx := newSiteFixture(b, 50, true)
				fx.site.Pad = 200 << 10
				p := keyProbe{
					Model:  fx.model(b, 120, 40),
					seen:   make(chan keyTiming, 1),
					loaded: make(chan struct{}, 4),
					done:   make(chan library.FullTextSummary, 1),
				}
				prog := tea.NewProgram(p, tea.WithInput(nil), tea.WithOutput(io.Discard), tea.WithWindowSize(120, 40))
				finished := make(chan error, 1)
				go func() { _, err := prog.Run(); finished <- err }()
				prog.Send(p.Model.cachedCmd(time.Time{})())
				<-p.loaded
				b.StartTimer()

				send := func(k string) {
					sent := time.Now()
					prog.Send(keyPress(k))
					t := <-p.seen
					lat = append(lat, t.at.Sub(sent)+t.work)
					keys++
				}
				if !busy {
					for i := range 200 {
						send([]string{"j", "k"}[i%2])
					}
				} else {
					prog.Send(refreshDoneMsg{})
				loop:
					for i := 0; ; i++ {
						select {
						case sum := <-p.done:
							if sum.Fetched != 50 {
								b.Fatalf("background fetch: %+v", sum)
							}
							break loop
						default:
							send([]string{"j", "k"}[i%2])
						}
					}
				}
				b.StopTimer()
				prog.Quit()
				if err := <-finished; err != nil {
					b.Fatal(err)
				}
				if busy && fx.site.PageHits() != 50 {
					b.Fatalf("%d pages fetched, want 50", fx.site.PageHits())
				}
			}
			slices.Sort(lat)
			q := func(f float64) float64 {
				return float64(lat[min(int(f*float64(len(lat))), len(lat)-1)].Microseconds())
			}
			b.ReportMetric(q(0.5), "p50-µs")
			b.ReportMetric(q(0.99), "p99-µs")
			b.ReportMetric(float64(lat[len(lat)-1].Microseconds()), "max-µs")
			b.ReportMetric(float64(keys)/float64(b.N), "keys/run")
		})
	}
}
