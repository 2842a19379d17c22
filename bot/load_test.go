package bot

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/parley-bot/parley"
)

// slowAnswerer takes d per answer and records when each question's
// composition began.
func slowAnswerer(d time.Duration) (*fakeAnswerer, func() map[string]time.Time) {
	var mu sync.Mutex
	began := map[string]time.Time{}
	ans := &fakeAnswerer{AskFunc: func(ctx context.Context, q parley.Question) (*parley.Answer, error) {
		mu.Lock()
		began[q.Text] = time.Now()
		mu.Unlock()
		select {
		case <-time.After(d):
		case <-ctx.Done():
			return nil, ctx.Err()
		}
		return quoteAnswer(q.Text), nil
	}}
	return ans, func() map[string]time.Time {
		mu.Lock()
		defer mu.Unlock()
		return maps.Clone(began)
	}
}

// askMany sends n /ask from n users at once and returns their interaction
// ids by question.
func askMany(h *harness, n int) map[string]string {
	ids := map[string]string{}
	for i := range n {
		q := fmt.Sprintf("question %d", i)
		ids[q] = h.ask(member(fmt.Sprint(1000+i), 0), q)
	}
	return ids
}

func TestConcurrentAsksAcknowledgedFirst(t *testing.T) {
	t.Parallel()
	ans, began := slowAnswerer(100 * time.Millisecond)
	h := start(t, Config{MaxConcurrentAnswers: 4}, ans)
	ids := askMany(h, 50)
	for q, id := range ids {
		st := h.answered(id)
		if st.Callbacks[0].Type != 5 {
			t.Errorf("%s: first callback type %d", q, st.Callbacks[0].Type)
		}
		if b := began()[q]; !st.Callbacks[0].At.Before(b) {
			t.Errorf("%s: composed at %v, before its deferred callback at %v", q, b, st.Callbacks[0].At)
		}
	}
	if n := len(began()); n != 50 {
		t.Errorf("%d answers composed, want 50", n)
	}
}

// BenchmarkAcknowledge measures how long 50 simultaneous /ask wait for
// their deferred callback while 4 composers take 2 s per answer.
func BenchmarkAcknowledge(b *testing.B) {
	var lat []float64
	for range b.N {
		ans, _ := slowAnswerer(2 * time.Second)
		h := start(b, Config{MaxConcurrentAnswers: 4}, ans)
		sent := map[string]time.Time{}
		for i := range 50 {
			sent[h.ask(member(fmt.Sprint(1000+i), 0), fmt.Sprintf("question %d", i))] = time.Now()
		}
		for id, at := range sent {
			st := h.responded(id)
			lat = append(lat, float64(st.Callbacks[0].At.Sub(at).Microseconds())/1000)
		}
		for id := range sent {
			h.answered(id)
		}
		h.stop()
	}
	slices.Sort(lat)
	b.ReportMetric(lat[len(lat)/2], "p50-ms")
	b.ReportMetric(lat[len(lat)*99/100], "p99-ms")
	b.ReportMetric(lat[len(lat)-1], "max-ms")
}
