package fetch

import (
	"context"
	"sync"
)

// hostLocks gives each host one request at a time, so that adding fifty
// links from one site, or a feed's twenty items, never hammers that site.
// A lock exists only while someone holds or waits for it.
type hostLocks struct {
	mu    sync.Mutex
	hosts map[string]*hostLock
}

type hostLock struct {
	turn  chan struct{} // holds a token while the host is free
	users int           // holders and waiters
}

// acquire waits for host's turn, then for one of the Fetcher's slots: in
// that order, so a request waiting for its host holds no slot that a
// request to another host could use.
func (f *Fetcher) acquire(ctx context.Context, host string) (release func(), err error) {
	h := &f.hosts
	h.mu.Lock()
	if h.hosts == nil {
		h.hosts = map[string]*hostLock{}
	}
	l := h.hosts[host]
	if l == nil {
		l = &hostLock{turn: make(chan struct{}, 1)}
		l.turn <- struct{}{}
		h.hosts[host] = l
	}
	l.users++
	h.mu.Unlock()
	leave := func() {
		h.mu.Lock()
		if l.users--; l.users == 0 {
			delete(h.hosts, host)
		}
		h.mu.Unlock()
	}
	select {
	case <-l.turn:
	case <-ctx.Done():
		leave()
		return nil, ctx.Err()
	}
	if err := f.slots.Acquire(ctx, 1); err != nil {
		l.turn <- struct{}{}
		leave()
		return nil, err
	}
	return func() {
		f.slots.Release(1)
		l.turn <- struct{}{}
		leave()
	}, nil
}
