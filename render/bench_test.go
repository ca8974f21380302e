package render_test

import (
	"strings"
	"testing"

	"sokbo/render"
)

// Every benchmark renders from scratch: no output is cached between
// iterations. The plain ones reuse term renderers from the shared pool,
// as the UI does; the Cold ones build a Renderer, and so glamour's term
// renderer, every time.

func benchArticle(b *testing.B, md string, cold bool) {
	b.ReportAllocs()
	for b.Loop() {
		var err error
		if cold {
			_, err = render.NewRenderer().Article(md, 80, render.StyleDark)
		} else {
			_, err = render.Article(md, 80, render.StyleDark)
		}
		if err != nil {
			b.Fatal(err)
		}
	}
}

func longArticle(b *testing.B) string {
	return strings.Repeat(readFixture(b, "seed")+"\n", 50)
}

func BenchmarkArticleSeed(b *testing.B)     { benchArticle(b, readFixture(b, "seed"), false) }
func BenchmarkArticleSeedCold(b *testing.B) { benchArticle(b, readFixture(b, "seed"), true) }
func BenchmarkArticleLong(b *testing.B)     { benchArticle(b, longArticle(b), false) }
func BenchmarkArticleLongCold(b *testing.B) { benchArticle(b, longArticle(b), true) }

func BenchmarkArticleSeedPlain(b *testing.B) {
	md := readFixture(b, "seed")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := render.Article(md, 80, render.StylePlain); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkWrap(b *testing.B) {
	s := strings.Repeat("카카오톡 접속 장애가 오전 10시54분부터 시작되었습니다. ", 20)
	b.ReportAllocs()
	for b.Loop() {
		render.Wrap(s, 40)
	}
}

func BenchmarkTruncate(b *testing.B) {
	s := "카카오톡 네트워크 오류 두 달 만에 접속 장애 " + family + krFlag
	b.ReportAllocs()
	for b.Loop() {
		render.Truncate(s, 30)
	}
}

func BenchmarkTable(b *testing.B) {
	header := []string{"지역", "피해 유형", "발생 시각", "복구 상태", "비고"}
	row := []string{"서울 강남구", "도로 침수 및 차량 고립", "오전 8시30분", "부분 복구", "우회 도로 안내 중"}
	rows := [][]string{row, row, row, row, row, row, row, row}
	b.ReportAllocs()
	for b.Loop() {
		render.Table(header, rows, nil, 60, render.StylePlain)
	}
}
