// Package fetch fetches news articles by URL, safely: only public web
// servers, only web pages, within a size and time limit. It turns what it
// fetches into a parley.Article with ingest's HTML reader, which takes the
// title, outlet, author and date from the page's own metadata when the page
// gives them; the address the page claims is kept only on its own site.
package fetch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"mime"
	"net"
	"net/http"
	"net/netip"
	"net/textproto"
	"net/url"
	"strconv"
	"strings"
	"time"

	"golang.org/x/sync/semaphore"

	"github.com/parley-bot/parley"
	"github.com/parley-bot/parley/ingest"
)

// Defaults of a Config's zero fields.
const (
	DefaultTimeout    = 15 * time.Second
	DefaultUserAgent  = "Parley/dev (+https://github.com/parley-bot/parley)"
	DefaultConcurrent = 4
)

// maxRedirects is how many redirects a fetch follows; news sites need one or
// two (http to https, a short link), and a loop must end.
const maxRedirects = 5

// Config sets the limits of a Fetcher. Zero fields take the defaults.
type Config struct {
	// AllowPrivateNetworks lets the Fetcher reach loopback and private
	// addresses; tests turn it on to talk to servers on 127.0.0.1.
	AllowPrivateNetworks bool
	MaxBytes             int64         // largest page read; default parley.MaxArticleBytes
	Timeout              time.Duration // for the whole request, body included; default 15s
	UserAgent            string
	// MaxConcurrent is how many fetches run at once, across all hosts;
	// default 4. Whatever the number, one host gets one request at a time.
	MaxConcurrent int
}

// Fetcher fetches article pages. It is safe for concurrent use and keeps
// connections open between fetches, so make one and share it.
type Fetcher struct {
	cfg    Config
	client *http.Client
	slots  *semaphore.Weighted // MaxConcurrent
	hosts  hostLocks           // one request at a time per host
}

// rejection is a fetch that failed: what the user is told, as a
// parley.Error of kind parley.ErrInvalid with the underlying cause, and
// whether trying again may help.
type rejection struct {
	err       *parley.Error
	temporary bool // the same fetch may work later
	refused   bool // the address is not a public one
}

func (e *rejection) Error() string { return e.err.Error() }
func (e *rejection) Unwrap() error { return e.err }

// reject makes a rejection whose reason is formatted as fmt.Sprintf does,
// with the cause (nil when there is none).
func reject(cause error, format string, args ...any) *rejection {
	return &rejection{err: &parley.Error{Kind: parley.ErrInvalid, Message: fmt.Sprintf(format, args...), Err: cause}}
}

// Temporary says whether a failed fetch may work if tried again later: the
// site did not answer, could not be reached, or answered 429 or 5xx. A
// refused address, a page too large, without article text or with a
// malformed header, or a 404 will fail the same way again.
func Temporary(err error) bool {
	var rej *rejection
	if errors.As(err, &rej) {
		return rej.temporary
	}
	return false
}

// Refused says whether a fetch failed because the address, or one it
// redirected to, is not a public one (loopback, private, link-local…), which
// Config.AllowPrivateNetworks would allow.
func Refused(err error) bool {
	var rej *rejection
	return errors.As(err, &rej) && rej.refused
}

func invalidf(format string, args ...any) error { return reject(nil, format, args...) }

// New returns a Fetcher with cfg's limits. Its transport ignores proxy
// settings from the environment, since a proxy would dial on Parley's behalf
// and bypass the check on the address dialled.
func New(cfg Config) *Fetcher {
	if cfg.MaxBytes <= 0 {
		cfg.MaxBytes = parley.MaxArticleBytes
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = DefaultTimeout
	}
	if cfg.UserAgent == "" {
		cfg.UserAgent = DefaultUserAgent
	}
	if cfg.MaxConcurrent <= 0 {
		cfg.MaxConcurrent = DefaultConcurrent
	}
	dialer := &net.Dialer{Timeout: cfg.Timeout}
	if !cfg.AllowPrivateNetworks {
		dialer.Control = controlDial
	}
	transport := &http.Transport{
		Proxy:               nil,
		DialContext:         dialer.DialContext,
		ForceAttemptHTTP2:   true,
		MaxIdleConns:        64,
		MaxIdleConnsPerHost: 8,
		IdleConnTimeout:     90 * time.Second,
		TLSHandshakeTimeout: 10 * time.Second,
	}
	f := &Fetcher{cfg: cfg, slots: semaphore.NewWeighted(int64(cfg.MaxConcurrent))}
	f.client = &http.Client{Transport: transport, Timeout: cfg.Timeout, CheckRedirect: f.checkRedirect}
	return f
}

// checkRedirect applies to every redirect target the checks the first URL
// passes, and ends loops.
func (f *Fetcher) checkRedirect(req *http.Request, via []*http.Request) error {
	if len(via) > maxRedirects {
		return invalidf("too many redirects (more than %d)", maxRedirects)
	}
	return f.checkURL(req.URL)
}

// checkURL refuses schemes other than http and https, and literal internal
// addresses, before anything is dialled, so that the message names the
// address the user gave.
func (f *Fetcher) checkURL(u *url.URL) error {
	if u.Scheme != "http" && u.Scheme != "https" {
		return invalidf("only http and https addresses can be fetched, not %s:", u.Scheme)
	}
	if u.Host == "" {
		return invalidf("the address has no host")
	}
	if u.User != nil {
		return errUserInfo
	}
	if f.cfg.AllowPrivateNetworks {
		return nil
	}
	if addr, err := netip.ParseAddr(u.Hostname()); err == nil {
		if reason := refuseAddr(addr); reason != "" {
			return refusal(reason)
		}
	}
	return nil
}

// Article fetches rawURL and returns the article it holds, with its hash
// and a canonical URL; ID and Added are left for the store. A page that is
// not an article (too large, not HTML or text, no article text, an error
// status) is an error wrapping parley.ErrInvalid whose message says why.
func (f *Fetcher) Article(ctx context.Context, rawURL string) (parley.Article, error) {
	r, err := f.get(ctx, rawURL, "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.8", Validators{})
	if err != nil {
		return parley.Article{}, err
	}
	switch r.media {
	case "text/html", "application/xhtml+xml":
		return f.htmlArticle(r.Body, r.contentType, r.URL)
	case "text/plain":
		return textArticle(r.Body, r.contentType, r.URL)
	}
	return parley.Article{}, invalidf("the page is %s, not a web page", r.media)
}

// Validators identify the version of a page the caller already has; sent
// back, they let an unchanged page answer 304 Not Modified.
type Validators struct {
	ETag         string
	LastModified string
}

// Response is a page as fetched.
type Response struct {
	URL         *url.URL // after redirects
	Body        []byte   // empty when NotModified
	NotModified bool     // the server answered 304 to the validators sent
	Validators           // of this version, to send next time
	media       string   // the media type, declared or sniffed
	contentType string   // the Content-Type header as sent
}

// IsFeed says whether the response is a feed (RSS, Atom, RDF, JSON Feed,
// or XML), rather than a web page.
func (r *Response) IsFeed() bool {
	switch r.media {
	case "application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml", "text/xml",
		"application/feed+json", "application/json":
		return true
	}
	return strings.HasSuffix(r.media, "+xml") && r.media != "application/xhtml+xml"
}

// IsPage says whether the response is a web page (HTML or XHTML).
func (r *Response) IsPage() bool {
	return r.media == "text/html" || r.media == "application/xhtml+xml"
}

// Feed fetches a news feed, conditionally when v holds the validators of
// the version fetched last time. A web page is returned too (check
// IsPage), so that the caller can look in it for the feed it links to; any
// other type is an error.
func (f *Fetcher) Feed(ctx context.Context, rawURL string, v Validators) (*Response, error) {
	r, err := f.get(ctx, rawURL, "application/rss+xml,application/atom+xml,application/feed+json;q=0.9,application/xml;q=0.8,text/xml;q=0.8,text/html;q=0.5", v)
	if err != nil || r.NotModified || r.IsFeed() || r.IsPage() {
		return r, err
	}
	return nil, invalidf("the address gives %s, not a news feed", r.media)
}

// get fetches rawURL within the Fetcher's limits: the checks on the
// address, the size and time limits, at most MaxConcurrent requests at once
// and one per host.
func (f *Fetcher) get(ctx context.Context, rawURL, accept string, v Validators) (*Response, error) {
	u, err := url.Parse(strings.TrimSpace(rawURL))
	if err != nil {
		return nil, invalidf("%q is not a web address", rawURL)
	}
	if err := f.checkURL(u); err != nil {
		return nil, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, invalidf("%q is not a web address", rawURL)
	}
	req.Header.Set("User-Agent", f.cfg.UserAgent)
	req.Header.Set("Accept", accept)
	if v.ETag != "" {
		req.Header.Set("If-None-Match", v.ETag)
	}
	if v.LastModified != "" {
		req.Header.Set("If-Modified-Since", v.LastModified)
	}
	release, err := f.acquire(ctx, u.Host)
	if err != nil {
		return nil, fmt.Errorf("fetch %s: %w", u.Redacted(), err)
	}
	defer release()
	resp, err := f.client.Do(req)
	if err != nil {
		return nil, f.explain(ctx, u, err)
	}
	defer resp.Body.Close()
	r := &Response{URL: resp.Request.URL, Validators: v}
	if resp.StatusCode == http.StatusNotModified && (v.ETag != "" || v.LastModified != "") {
		r.NotModified = true
		return r, nil
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		rej := reject(nil, "the server answered %d %s", resp.StatusCode, http.StatusText(resp.StatusCode))
		rej.temporary = resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode >= 500
		return nil, rej
	}
	if resp.ContentLength > f.cfg.MaxBytes {
		return nil, invalidf("the page is %s; the limit is %s", megabytes(resp.ContentLength), megabytes(f.cfg.MaxBytes))
	}
	r.Body, err = io.ReadAll(io.LimitReader(resp.Body, f.cfg.MaxBytes+1))
	if err != nil {
		return nil, f.explain(ctx, u, err)
	}
	if int64(len(r.Body)) > f.cfg.MaxBytes {
		return nil, invalidf("the page is larger than %s, the limit", megabytes(f.cfg.MaxBytes))
	}
	r.ETag, r.LastModified = resp.Header.Get("ETag"), resp.Header.Get("Last-Modified")
	r.contentType = resp.Header.Get("Content-Type")
	if r.contentType == "" {
		// Sniff only the type: the sniffer's "charset=utf-8" is a guess
		// that must not override the page's own <meta charset>.
		r.media, _, _ = mime.ParseMediaType(http.DetectContentType(r.Body))
		return r, nil
	}
	// A bad parameter ("charset" without a value) leaves the type readable;
	// a type that is not type/subtype is no type at all.
	r.media, _, err = mime.ParseMediaType(r.contentType)
	if err != nil && !errors.Is(err, mime.ErrInvalidMediaParameter) {
		return nil, invalidf("the page cannot be read: the server sent a malformed Content-Type header, %q", r.contentType)
	}
	return r, nil
}

// htmlArticle reads an HTML page as ingest reads every page (its metadata
// first, then readability's guesses), under the address it claims for
// itself only where that is on the site it was fetched from.
func (f *Fetcher) htmlArticle(body []byte, contentType string, final *url.URL) (parley.Article, error) {
	page, err := ingest.DecodeWebPage(body, contentType)
	if err != nil {
		return parley.Article{}, err
	}
	a, claims, err := ingest.ParseWebPage(page)
	if err != nil {
		return parley.Article{}, err
	}
	a.URL = address(final, claims...)
	return a, nil
}

// textArticle reads a text/plain page as ingest reads a .txt file.
func textArticle(body []byte, contentType string, final *url.URL) (parley.Article, error) {
	text, err := ingest.DecodeWebPage(body, contentType)
	if err != nil {
		return parley.Article{}, err
	}
	a, err := ingest.ParseWebText(text)
	if err != nil {
		return parley.Article{}, err
	}
	a.URL = address(final, a.URL)
	return a, nil
}

// explain turns a transport error into a reason a user can read: a
// rejection from the dial or redirect checks is returned as it is; a
// timeout or an unreachable server is named. The caller's own cancellation
// is passed through, since it is not the page's fault.
func (f *Fetcher) explain(ctx context.Context, u *url.URL, err error) error {
	if ctx.Err() != nil {
		return fmt.Errorf("fetch %s: %w", u.Redacted(), ctx.Err())
	}
	var rej *rejection
	if errors.As(err, &rej) {
		return rej
	}
	// A header line the HTTP client cannot parse (a control character in
	// the Content-Type) is the server's answer, not a failure to reach it,
	// and it will be the same next time.
	var perr textproto.ProtocolError
	if errors.As(err, &perr) {
		return reject(err, "the page cannot be read: the server sent a %s", string(perr))
	}
	var nerr net.Error
	if errors.As(err, &nerr) && nerr.Timeout() {
		late := reject(err, "the site did not answer within %s", f.cfg.Timeout)
		late.temporary = true
		return late
	}
	unreachable := reject(err, "cannot reach %s", u.Host)
	unreachable.temporary = true
	return unreachable
}

// megabytes writes a size in MiB, rounded up to a tenth so that a page just
// over the limit does not read as being at it.
func megabytes(n int64) string {
	mb := math.Ceil(float64(n)*10/(1<<20)) / 10
	return strconv.FormatFloat(mb, 'f', -1, 64) + " MB"
}
