package feeds

import (
	"testing"

	"github.com/parley-bot/parley"
)

// TestSummaryCountsInWords: one item is "1 item".
func TestSummaryCountsInWords(t *testing.T) {
	for _, tc := range []struct {
		rep  Report
		want string
	}{
		{Report{Items: 1, Added: 1}, "1 item, 1 new: 1 added"},
		{Report{Items: 2, Known: 1, Rejected: 1}, "2 items, 1 new: 1 rejected"},
		{Report{}, "0 items, 0 new"},
	} {
		tc.rep.Feed = parley.Feed{ID: 3}
		if got := tc.rep.Summary(); got != tc.want {
			t.Errorf("Summary() = %q, want %q", got, tc.want)
		}
	}
}
