package answers

import (
	"context"
	"fmt"
	"math"
	"slices"
	"sort"
	"time"

	"github.com/parley-bot/parley"
	"github.com/parley-bot/parley/dates"
)

// Timeline sizes.
const (
	maxEvents = 20
	// reportLag is how long after an event articles may still report it:
	// a window's articles are read up to this much past its end.
	reportLag = 14 * 24 * time.Hour
	// sameEvent is the similarity above which two sentences dated the same
	// day tell one event.
	sameEvent = 0.3
)

// Timeline tells dated events, oldest first. An event's date is when it
// happened, resolved from the sentence's own words ("on Friday", "Aug. 15")
// against its article's publication date; sentences with no day are left
// out, not guessed. Events that several articles report on the same day are
// one line citing them all.
func (d *Digests) Timeline(ctx context.Context, scope parley.Scope) (*parley.Digest, error) {
	start := time.Now()
	read := scope
	if !read.Until.IsZero() {
		read.Until = read.Until.Add(reportLag)
	}
	arts, err := d.scopeArticles(ctx, &read)
	if err != nil {
		return nil, fmt.Errorf("timeline: %w", err)
	}
	scope.Since = read.Since // "the latest developments" sets it
	dg := &parley.Digest{Scope: scope, Mode: parley.ModeExtractive}
	v := vocab{}
	us := units(arts, v)
	cent := centrality(us)
	topic := v.query(scope.Topic)
	type event struct {
		date  time.Time
		units []*unit
		score float64
	}
	var events []*event
	for i, u := range us {
		if scope.Topic != "" && cosine(u, topic) == 0 {
			continue
		}
		day, ok := eventDay(u)
		if !ok || (!scope.Since.IsZero() && day.Before(scope.Since.Truncate(24*time.Hour))) || (!scope.Until.IsZero() && !day.Before(scope.Until)) {
			continue
		}
		u.score = cent[i] + 1/(1+float64(u.pos))
		merged := false
		for _, e := range events {
			if e.date.Equal(day) && cosine(e.units[0], u) >= sameEvent {
				if !slices.ContainsFunc(e.units, func(v *unit) bool { return v.art.ID == u.art.ID }) {
					e.units = append(e.units, u)
				}
				e.score = math.Max(e.score, u.score)
				merged = true
				break
			}
		}
		if !merged {
			events = append(events, &event{date: day, units: []*unit{u}, score: u.score})
		}
	}
	// Keep the strongest events, told oldest first.
	sort.SliceStable(events, func(i, j int) bool {
		if len(events[i].units) != len(events[j].units) {
			return len(events[i].units) > len(events[j].units)
		}
		return events[i].score > events[j].score
	})
	events = events[:min(len(events), maxEvents)]
	sort.SliceStable(events, func(i, j int) bool { return events[i].date.Before(events[j].date) })
	if len(events) == 0 {
		dg.Text = emptyScope(scope, "no dated")
		dg.Body = dg.Text
		dg.Took = time.Since(start)
		return dg, nil
	}
	var list sourceList
	for _, e := range events {
		p := parley.Point{Date: e.date}
		for _, u := range e.units {
			c := cite(u)
			c.N = list.number(c.Source)
			p.Citations = append(p.Citations, c)
		}
		p.Text = bullet(e.units[0], p.Citations, mediaOr(d.StateMedia))
		dg.Points = append(dg.Points, p)
	}
	dg.Sources = list.sources
	p := digestPhrasesIn(scope.Lang)
	dg.Text = digestText(fmt.Sprintf(p["timeline lead"], digestTopic(scope, p), len(arts)), dg, mediaOr(d.StateMedia))
	dg.Took = time.Since(start)
	return dg, nil
}

// eventDay is the first day a sentence names, resolved against its
// article's publication date.
func eventDay(u *unit) (time.Time, bool) {
	if u.art.Published.IsZero() {
		return time.Time{}, false
	}
	for _, m := range dates.Find(u.text, u.art.Published) {
		if m.Precision == dates.Day {
			return m.Date, true
		}
	}
	return time.Time{}, false
}
