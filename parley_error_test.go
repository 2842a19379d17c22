package parley

import (
	"context"
	"errors"
	"fmt"
	"testing"
)

func TestMessage(t *testing.T) {
	cause := context.DeadlineExceeded
	rejected := &Error{Kind: ErrInvalid, Message: "the page has no article text", Err: cause}
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"nil", nil, ""},
		{"an Error", rejected, "the page has no article text"},
		{"wrapped in context", fmt.Errorf("fetch https://example.com/a: %w", rejected), "the page has no article text"},
		{"twice wrapped", fmt.Errorf("add: %w", fmt.Errorf("parse a.html: %w", Errorf(ErrInvalid, "file is %d MB", 6))), "file is 6 MB"},
		{"kind only", fmt.Errorf("x: %w", &Error{Kind: ErrNotFound}), "not found"},
		{"no Error", fmt.Errorf("open: %w", errors.New("disk full")), "open: disk full"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Message(tt.err); got != tt.want {
				t.Errorf("Message = %q, want %q", got, tt.want)
			}
		})
	}
	if !errors.Is(rejected, ErrInvalid) || !errors.Is(rejected, context.DeadlineExceeded) || errors.Is(rejected, ErrDuplicate) {
		t.Errorf("errors.Is does not see the Kind and the cause, and only them")
	}
}
