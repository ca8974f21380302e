package rendertest_test

import (
	"testing"

	"sokbo/render/rendertest"
)

func TestLayout(t *testing.T) {
	tests := map[string]struct {
		out   string
		width int
		ok    bool
	}{
		"fits":            {"  카카오톡 장애\n  복구", 15, true},
		"too wide":        {"  카카오톡 접속 장애", 14, false},
		"ansi ignored":    {"\x1b[1m카카오톡\x1b[m", 8, true},
		"grid":            {" 시작 │ 끝\n──────┼────\n 오전 │ 낮", 20, true},
		"grid misaligned": {" 시작 │ 끝\n──────┼────\n 오전10 │ 낮", 20, false},
		"ascii grid":      {" a | b\n---+---\n 1 | 2", 20, true},
		"ascii bad":       {" a | b\n---+---\n 10 | 2", 20, false},
		"quote around":    {"│ 인용\n│  시작 │ 끝\n│ ──────┼────\n│  오전 │ 낮", 20, true},
		"no rule":         {" a │ b\n 1 │ 2\n 33 │ 4", 20, false},
		"hr is no table":  {"────────\n text | pipe", 20, true},
		"span":            {" 시작 │ 끝\n──────┴────\n 전 구간 중단\n──────┬────\n 오전 │ 낮", 20, true},
		"span misaligned": {" 시작 │ 끝\n──────┼────\n 전 구간 │ 중단", 20, false},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			err := rendertest.Layout(tt.out, tt.width)
			if (err == nil) != tt.ok {
				t.Errorf("Layout(%q, %d) = %v, want ok %v", tt.out, tt.width, err, tt.ok)
			}
		})
	}
	if got := rendertest.StripANSI("\x1b[38;5;252m속보\x1b[m"); got != "속보" {
		t.Errorf("StripANSI = %q", got)
	}
}
