package synth

import "testing"

func BenchmarkArticle(b *testing.B) {
	n, bytes := 0, 0
	for b.Loop() {
		a := Article(1, n%100_000)
		bytes += len(a.Body)
		n++
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "articles/s")
	b.ReportMetric(float64(bytes)/float64(n), "B/article")
}
