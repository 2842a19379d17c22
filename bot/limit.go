package bot

import (
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// limiter keeps one token bucket per user, so that one eager user cannot
// take the answer queue from everyone else.
type limiter struct {
	mu      sync.Mutex
	every   rate.Limit
	burst   int
	now     func() time.Time
	buckets map[string]*rate.Limiter
}

// pruneAt is how many buckets are kept before full ones are forgotten: a
// full bucket is the same as a new one.
const pruneAt = 10000

func newLimiter(perMinute float64, burst int, now func() time.Time) *limiter {
	return &limiter{every: rate.Limit(perMinute / 60), burst: burst, now: now, buckets: map[string]*rate.Limiter{}}
}

// allow takes a token from the user's bucket; when there is none it returns
// false and how long until there is.
func (l *limiter) allow(user string) (bool, time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	b, ok := l.buckets[user]
	if !ok {
		if len(l.buckets) >= pruneAt {
			l.prune(now)
		}
		b = rate.NewLimiter(l.every, l.burst)
		l.buckets[user] = b
	}
	r := b.ReserveN(now, 1)
	if d := r.DelayFrom(now); d > 0 {
		r.CancelAt(now)
		return false, d
	}
	return true, 0
}

func (l *limiter) prune(now time.Time) {
	for user, b := range l.buckets {
		if b.TokensAt(now) >= float64(l.burst) {
			delete(l.buckets, user)
		}
	}
}
