package openai

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	goopenai "github.com/sashabaranov/go-openai"
)

// The kinds of failure, for the retry decision and for a one-line reason in
// the log; no caller outside branches on them, so they are not exported.
// Every error Complete and Embed return is an *Error with one of these as
// its Kind, or wraps context.Canceled when the caller gave up.
var (
	errTimeout     = errors.New("model timed out")
	errBusy        = errors.New("model server busy")
	errServer      = errors.New("model server failed")
	errUnreachable = errors.New("model server unreachable")
	errMalformed   = errors.New("model returned malformed output")
	errEmpty       = errors.New("model returned no text")
	// errAuth is a 401 or 403: a wrong, expired or unauthorised key.
	errAuth = errors.New("the model server refused the API key")
	// errRefused is another 4xx: a wrong model name or base_url (404), or a
	// request the server doesn't accept (400).
	errRefused = errors.New("the model server refused the request")
	// errRequest is a request go-openai would not send, such as one with
	// parameters a model is known to refuse.
	errRequest = errors.New("model request not sent")
)

// Error is a failed call to the model server. Its text is short and safe to
// log or show: it never holds the API key.
type Error struct {
	Kind     error
	Status   int    // the HTTP status, when there was one
	Message  string // the server's own words, shortened
	Attempts int
	// RetryAfter is what the server asked for on the last attempt, and
	// NoTime tells that waiting it out would have passed the deadline.
	RetryAfter time.Duration
	NoTime     bool
	Err        error // what go-openai or net/http returned
}

func (e *Error) Error() string {
	var b strings.Builder
	if e.Kind == nil {
		b.WriteString("model call failed")
	} else {
		b.WriteString(e.Kind.Error())
	}
	if e.Status != 0 {
		fmt.Fprintf(&b, " (%d)", e.Status)
	}
	if e.Message != "" {
		b.WriteString(": " + e.Message)
	}
	if e.Attempts > 1 {
		fmt.Fprintf(&b, " after %d attempts", e.Attempts)
	}
	if e.NoTime && e.RetryAfter > 0 {
		fmt.Fprintf(&b, "; it asked to wait %s, more than the time left", e.RetryAfter.Round(time.Second/10))
	}
	return b.String()
}

// Unwrap lets errors.Is see the Kind as well as the cause, so that
// context.DeadlineExceeded is found in a timeout.
func (e *Error) Unwrap() []error {
	var errs []error
	for _, err := range []error{e.Kind, e.Err} {
		if err != nil {
			errs = append(errs, err)
		}
	}
	return errs
}

func (e *Error) retryable() bool {
	switch e.Kind {
	case errTimeout, errBusy, errServer, errUnreachable, errMalformed, errEmpty:
		return true
	}
	return false
}

const (
	// maxAttempts bounds the attempts of a call whose ctx has no deadline,
	// or a generous one.
	maxAttempts = 5
	// maxBackoff caps the doubling wait between attempts.
	maxBackoff = 8 * time.Second
	// maxWait is the longest Retry-After obeyed when ctx has no deadline;
	// a server that wants more is treated as down for now.
	maxWait = time.Minute
)

// attempt is what the transport learnt about one attempt's HTTP exchange,
// which go-openai's errors don't tell: whether a request went out at all,
// the transport's error, and the Retry-After of a failed response. It
// travels in the attempt's context, so concurrent calls never mix theirs.
type attempt struct {
	sent       bool
	netErr     error
	retryAfter time.Duration
	hasWait    bool
}

type attemptKey struct{}

// doer is the HTTP client go-openai is given. It sends with
// Client.HTTPClient, read at each request so that it can be set after New,
// and notes in the request's attempt what go-openai will not pass on.
type doer struct{ c *Client }

func (d doer) Do(req *http.Request) (*http.Response, error) {
	hc := d.c.HTTPClient
	if hc == nil {
		hc = http.DefaultClient
	}
	a, _ := req.Context().Value(attemptKey{}).(*attempt)
	if a != nil {
		a.sent = true
	}
	resp, err := hc.Do(req)
	if a != nil {
		a.netErr = err
		if resp != nil && resp.StatusCode >= 400 {
			a.retryAfter, a.hasWait = retryAfter(resp.Header, time.Now())
		}
	}
	return resp, err
}

// retryAfter reads how long a server asked to wait: OpenAI's retry-after-ms,
// or Retry-After in seconds or as an HTTP date.
func retryAfter(h http.Header, now time.Time) (time.Duration, bool) {
	if v := strings.TrimSpace(h.Get("Retry-After-Ms")); v != "" {
		if ms, err := strconv.ParseFloat(v, 64); err == nil && ms >= 0 {
			return time.Duration(ms * float64(time.Millisecond)), true
		}
	}
	v := strings.TrimSpace(h.Get("Retry-After"))
	if v == "" {
		return 0, false
	}
	if s, err := strconv.ParseFloat(v, 64); err == nil && s >= 0 {
		return time.Duration(s * float64(time.Second)), true
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(t.Sub(now), 0), true
	}
	return 0, false
}

// retry runs call until it succeeds, fails in a way that retrying won't
// mend, or time runs out. Each attempt is bounded by Config.Timeout and
// ctx. Between attempts it waits as the server asked, or with doubling
// backoff; a wait that would pass ctx's deadline is not begun, and the last
// error is returned at once.
func (c *Client) retry(ctx context.Context, call func(ctx context.Context) error) error {
	// Config.Timeout is the model's share of one answer: every attempt and
	// every wait between attempts come out of it, so the caller's fallback
	// comes within it however the server fails.
	octx, cancel := context.WithTimeout(ctx, c.cfg.Timeout)
	defer cancel()
	backoff := c.Backoff
	for n := 1; ; n++ {
		a := new(attempt)
		err := call(context.WithValue(octx, attemptKey{}, a))
		if err == nil {
			return nil
		}
		if ctx.Err() != nil {
			return c.ctxError(ctx, n)
		}
		timedOut := errors.Is(octx.Err(), context.DeadlineExceeded)
		e := c.classify(err, timedOut, a)
		e.Attempts = n
		if timedOut || !e.retryable() || n >= maxAttempts {
			return e
		}
		wait := backoff
		if a.hasWait {
			wait = a.retryAfter
			e.RetryAfter = wait
		}
		if deadline, ok := octx.Deadline(); ok && time.Until(deadline) <= wait || wait > maxWait {
			e.NoTime = true
			return e
		}
		t := time.NewTimer(wait)
		select {
		case <-octx.Done():
			// Only a cancellation by the caller gets here: a deadline
			// before the end of the wait was caught above.
			t.Stop()
			return c.ctxError(ctx, n)
		case <-t.C:
		}
		backoff = min(2*backoff, maxBackoff)
	}
}

// ctxError is the error of a call whose ctx ended: a timeout when its
// deadline passed, plain cancellation otherwise.
func (c *Client) ctxError(ctx context.Context, attempts int) error {
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return &Error{Kind: errTimeout, Attempts: attempts, Err: ctx.Err()}
	}
	return fmt.Errorf("model call cancelled: %w", ctx.Err())
}

// classify turns what an attempt returned into an *Error.
func (c *Client) classify(err error, timedOut bool, a *attempt) *Error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	switch {
	case timedOut:
		return &Error{Kind: errTimeout, Message: fmt.Sprintf("no reply within %s", c.cfg.Timeout), Err: context.DeadlineExceeded}
	case !a.sent:
		return &Error{Kind: errRequest, Message: c.scrub(err.Error()), Err: err}
	case a.netErr != nil:
		return &Error{Kind: errUnreachable, Message: c.scrub(netMessage(a.netErr)), Err: err}
	}
	var apiErr *goopenai.APIError
	var reqErr *goopenai.RequestError
	switch {
	case errors.As(err, &apiErr):
		if apiErr.HTTPStatusCode == 0 {
			// An error event inside a stream that had begun with 200.
			return &Error{Kind: errServer, Message: c.scrub(apiErr.Message), Err: err}
		}
		return &Error{Kind: kindOf(apiErr.HTTPStatusCode), Status: apiErr.HTTPStatusCode, Message: c.scrub(apiErr.Message), Err: err}
	case errors.As(err, &reqErr):
		// The error body wasn't OpenAI's JSON (a proxy's HTML page, say):
		// the status says enough.
		return &Error{Kind: kindOf(reqErr.HTTPStatusCode), Status: reqErr.HTTPStatusCode, Err: err}
	}
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	if errors.As(err, &syntax) || errors.As(err, &typ) || errors.Is(err, io.ErrUnexpectedEOF) ||
		errors.Is(err, goopenai.ErrTooManyEmptyStreamMessages) {
		return &Error{Kind: errMalformed, Message: c.scrub(err.Error()), Err: err}
	}
	// The response began and then broke off: a reset connection, mostly.
	return &Error{Kind: errUnreachable, Message: c.scrub(err.Error()), Err: err}
}

// kindOf maps an HTTP status to a kind of failure. 408 and 409 are retried
// as OpenAI's own libraries retry them.
func kindOf(status int) error {
	switch {
	case status == http.StatusTooManyRequests:
		return errBusy
	case status == http.StatusUnauthorized || status == http.StatusForbidden:
		return errAuth
	case status == http.StatusRequestTimeout || status == http.StatusConflict || status >= 500:
		return errServer
	}
	return errRefused
}

// netMessage keeps the end of a transport error ("connection refused"),
// dropping the method and URL that *url.Error puts first.
func netMessage(err error) string {
	msg := err.Error()
	if i := strings.LastIndex(msg, ": "); i >= 0 {
		msg = msg[i+2:]
	}
	return msg
}

// scrub makes a server's message fit for a log line: short, on one line,
// and without the API key should the server have echoed it.
func (c *Client) scrub(msg string) string {
	if c.cfg.APIKey != "" {
		msg = strings.ReplaceAll(msg, c.cfg.APIKey, "[key]")
	}
	msg = strings.Join(strings.Fields(msg), " ")
	const limit = 100
	if utf8.RuneCountInString(msg) > limit {
		r := []rune(msg)
		msg = string(r[:limit]) + "…"
	}
	return msg
}
