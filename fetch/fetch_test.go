package fetch

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/charmap"

	"github.com/parley-bot/parley"
)

// story is the article text of the test pages: long enough for readability
// to take it for an article and to pass the minimum.
var story = strings.Repeat(`<p>Negotiators from the United States, Russia and Ukraine met in Geneva on Tuesday
for a second round of talks on a ceasefire, officials said. The delegations discussed prisoner exchanges,
the front line in the east and guarantees for the security of Ukraine after any agreement is signed.</p>
`, 4)

func page(head, body string) string {
	return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">" + head +
		"</head><body><nav><a href=\"/\">Home</a></nav><article><h1>Talks in Geneva</h1>" + body + "</article></body></html>"
}

// site serves the given pages (path → handler) on 127.0.0.1.
func site(t testing.TB, routes map[string]http.HandlerFunc) *httptest.Server {
	t.Helper()
	mux := http.NewServeMux()
	for p, h := range routes {
		mux.HandleFunc(p, h)
	}
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

func serve(contentType, body string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", contentType)
		fmt.Fprint(w, body)
	}
}

// namedFetcher is a Fetcher that reaches srv under any host name, so that
// tests can tell sites apart while every connection stays on 127.0.0.1.
func namedFetcher(t testing.TB, srv *httptest.Server) *Fetcher {
	t.Helper()
	f := testFetcher()
	f.client.Transport.(*http.Transport).DialContext = func(ctx context.Context, network, _ string) (net.Conn, error) {
		return (&net.Dialer{}).DialContext(ctx, network, srv.Listener.Addr().String())
	}
	return f
}

func testFetcher() *Fetcher { return New(Config{AllowPrivateNetworks: true, Timeout: 5 * time.Second}) }

const graphLD = `<script type="application/ld+json">{"@context":"https://schema.org","@graph":[
 {"@type":"WebSite","@id":"https://news.example/#site","name":"Example Site"},
 {"@type":"Organization","@id":"https://news.example/#org","name":"Example News"},
 {"@type":"Person","@id":"https://news.example/#jane","name":"Jane Doe"},
 {"@type":["NewsArticle"],"headline":"Envoys meet in Geneva &amp; agree to talk again",
  "datePublished":"2025-08-19T10:30:00+03:00",
  "author":[{"@id":"https://news.example/#jane"},{"@type":"Person","name":"John Roe"},"Ann Poe"],
  "publisher":{"@id":"https://news.example/#org"}}]}</script>`

func TestArticleMetadata(t *testing.T) {
	ogOnly := `<meta property="og:title" content="OG title of the talks">
<meta property="og:site_name" content="OG Outlet"><meta name="author" content="Meta Author">
<meta property="article:published_time" content="2025-08-17T08:00:00Z">
<meta property="og:url" content="https://www.news.example/world/talks?utm_source=x#top">
<title>Document title | OG Outlet</title>`
	plainLD := `<script type="application/ld+json">[{"@type":"BreadcrumbList"},{"@type":"NewsArticle","headline":"Array headline",
"datePublished":"2025-08-18","author":{"@type":"Person","name":"Solo Writer"},"publisher":{"@type":"Organization","name":"LD Outlet"}}]</script>
<meta property="og:title" content="Loses to JSON-LD"><meta property="og:site_name" content="Loses too">`
	amp := `<link rel="canonical" href="/world/talks-in-geneva"><meta property="og:title" content="AMP story">`
	// A page on one site that claims another's address is stored under its own.
	hijack := `<link rel="canonical" href="https://www.reuters.com/world/europe/talks-2025-08-19/">
<meta property="og:url" content="https://www.reuters.com/world/europe/talks-2025-08-19/"><meta property="og:site_name" content="Reuters">`
	ogElsewhere := `<link rel="canonical" href="https://elsewhere.example/talks"><meta property="og:url" content="//news.example/world/og-talks">`
	srv := site(t, map[string]http.HandlerFunc{
		"/graph":                     serve("text/html; charset=utf-8", page(graphLD+`<link rel="canonical" href="https://News.Example:443/world/geneva/?utm_campaign=a&id=7">`, story)),
		"/og":                        serve("text/html", page(ogOnly, story)),
		"/ld":                        serve("text/html", page(plainLD, story)),
		"/world/talks-in-geneva/amp": serve("text/html", page(amp, story)),
		"/none":                      serve("text/html", page("<title>Only a title</title>", story)),
		"/hijack":                    serve("text/html", page(hijack, story)),
		"/og-elsewhere":              serve("text/html", page(ogElsewhere, story)),
		"/to-other-site": func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, "http://other.example/none", http.StatusFound)
		},
	})
	tests := []struct {
		path                                 string
		title, outlet, author, date, wantURL string
	}{
		{"/graph", "Envoys meet in Geneva & agree to talk again", "Example News", "Jane Doe, John Roe, Ann Poe", "2025-08-19", "https://news.example/world/geneva?id=7"},
		{"/og", "OG title of the talks", "OG Outlet", "Meta Author", "2025-08-17", "https://www.news.example/world/talks"},
		{"/ld", "Array headline", "LD Outlet", "Solo Writer", "2025-08-18", "http://news.example/ld"},
		{"/world/talks-in-geneva/amp", "AMP story", "", "", "", "http://news.example/world/talks-in-geneva"},
		{"/none", "Only a title", "", "", "", "http://news.example/none"},
		{"/hijack", "Talks in Geneva", "Reuters", "", "", "http://news.example/hijack"},
		{"/og-elsewhere", "Talks in Geneva", "", "", "", "http://news.example/world/og-talks"},
		// The site a page comes from is the one redirected to.
		{"/to-other-site", "Only a title", "", "", "", "http://other.example/none"},
	}
	f := namedFetcher(t, srv)
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			a, err := f.Article(t.Context(), "http://news.example"+tt.path)
			if err != nil {
				t.Fatal(err)
			}
			got := [5]string{a.Title, a.Outlet, a.Author, a.Date(), a.URL}
			want := [5]string{tt.title, tt.outlet, tt.author, tt.date, tt.wantURL}
			if got != want {
				t.Errorf("got  %q\nwant %q", got, want)
			}
			if !strings.Contains(a.Body, "Negotiators from the United States") || len(a.Hash) != 64 {
				t.Errorf("body %q, hash %q", a.Body, a.Hash)
			}
			if strings.Contains(a.Body, "Home") {
				t.Errorf("page furniture kept: %q", a.Body)
			}
		})
	}
}

func TestArticleCharsets(t *testing.T) {
	latin := "<p>Le café de Genève: négociations à huis clos entre délégués, selon les responsables présents.</p>"
	cyrillic := "<p>Переговоры в Женеве: делегации обсудили обмен пленными и гарантии безопасности.</p>"
	encode := func(enc *charmap.Charmap, s string) string {
		b, err := enc.NewEncoder().String(s)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	// metaPage declares its charset only inside the page.
	metaPage := func(cs, text string) string {
		return "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=" + cs + "\"></head><body><article>" + text + story + "</article></body></html>"
	}
	srv := site(t, map[string]http.HandlerFunc{
		"/latin1-header": serve("text/html; charset=ISO-8859-1", encode(charmap.ISO8859_1, page("", latin+story))),
		"/latin1-meta":   serve("text/html", encode(charmap.ISO8859_1, metaPage("iso-8859-1", latin))),
		"/1251-header":   serve("text/html; charset=windows-1251", encode(charmap.Windows1251, page("", cyrillic+story))),
		"/1251-meta":     serve("text/html", encode(charmap.Windows1251, metaPage("windows-1251", cyrillic))),
		// The header wins over a wrong meta, as in browsers.
		"/1251-header-wins": serve("text/html; charset=windows-1251", encode(charmap.Windows1251, metaPage("iso-8859-1", cyrillic))),
		"/1251-meta-no-type": func(w http.ResponseWriter, r *http.Request) {
			w.Header()["Content-Type"] = nil // no header: the type is sniffed, the charset read from the page
			fmt.Fprint(w, encode(charmap.Windows1251, metaPage("windows-1251", cyrillic)))
		},
		"/undeclared": serve("text/html", encode(charmap.Windows1251, "<html><body><article>"+cyrillic+story+"</article></body></html>")),
	})
	tests := map[string]string{
		"/latin1-header": "Le café de Genève", "/latin1-meta": "négociations à huis clos",
		"/1251-header": "Переговоры в Женеве", "/1251-meta": "обмен пленными", "/1251-header-wins": "гарантии безопасности",
		"/1251-meta-no-type": "делегации обсудили",
	}
	f := testFetcher()
	for path, want := range tests {
		t.Run(path, func(t *testing.T) {
			a, err := f.Article(t.Context(), srv.URL+path)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(a.Body, want) {
				t.Errorf("body lacks %q: %.200q", want, a.Body)
			}
		})
	}
	t.Run("undeclared non-UTF-8", func(t *testing.T) {
		_, err := f.Article(t.Context(), srv.URL+"/undeclared")
		wantRejection(t, err, "not UTF-8")
	})
}

func TestArticlePlainText(t *testing.T) {
	text := "Envoys agree to meet again\n\n" + strings.Repeat("The delegations discussed a ceasefire and the exchange of prisoners in Geneva. ", 12)
	srv := site(t, map[string]http.HandlerFunc{"/t.txt": serve("text/plain; charset=utf-8", text)})
	a, err := testFetcher().Article(t.Context(), srv.URL+"/t.txt?utm_medium=email")
	if err != nil {
		t.Fatal(err)
	}
	if a.Title != "Envoys agree to meet again" || a.URL != srv.URL+"/t.txt" || !strings.HasPrefix(a.Body, "The delegations") {
		t.Errorf("got title %q, url %q, body %.40q", a.Title, a.URL, a.Body)
	}
}

func TestArticleRedirects(t *testing.T) {
	srv := site(t, map[string]http.HandlerFunc{
		"/short": func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/hop", http.StatusFound) },
		"/hop": func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, "/story/?fbclid=1", http.StatusMovedPermanently)
		},
		"/story/": serve("text/html", page("", story)),
		"/loop": func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, "/loop?n="+r.URL.Query().Get("n")+"x", http.StatusFound)
		},
		"/ftp": func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, "ftp://example.com/x", http.StatusFound)
		},
		"/to-userinfo": func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, "http://admin:secret@"+r.Host+"/story/", http.StatusFound)
		},
	})
	f := testFetcher()
	a, err := f.Article(t.Context(), srv.URL+"/short")
	if err != nil {
		t.Fatal(err)
	}
	if a.URL != srv.URL+"/story" {
		t.Errorf("URL = %q, want the final URL canonicalised", a.URL)
	}
	_, err = f.Article(t.Context(), srv.URL+"/loop")
	wantRejection(t, err, "too many redirects (more than 5)")
	_, err = f.Article(t.Context(), srv.URL+"/ftp")
	wantRejection(t, err, "only http and https")
	// A user name and password are neither sent nor stored.
	_, err = f.Article(t.Context(), strings.Replace(srv.URL, "http://", "http://admin:secret@", 1)+"/story/")
	wantRejection(t, err, "the address has a user name or password in it")
	_, err = f.Article(t.Context(), srv.URL+"/to-userinfo")
	wantRejection(t, err, "the address has a user name or password in it")
}

// TestArticleBrief: a short news brief (NewsArticle JSON-LD, an <article>
// element, three paragraphs, 55 words) is an article; the same text with
// its structured data saying it is not free to read is a paywall's.
func TestArticleBrief(t *testing.T) {
	brief := `<p>Ukrainian and Russian delegations will meet in Istanbul on Monday for a third round of direct talks, officials said.</p>
<p>The talks are expected to focus on a further exchange of prisoners and on the return of children taken to Russia.</p>
<p>Kyiv said its delegation would again be led by the former defence minister, Rustem Umerov.</p>`
	paywalled := strings.Replace(graphLD, `"headline"`, `"isAccessibleForFree":false,"headline"`, 1)
	srv := site(t, map[string]http.HandlerFunc{
		"/brief":    serve("text/html", page(graphLD, brief)),
		"/paywall":  serve("text/html", page(paywalled, brief)),
		"/unmarked": serve("text/html", strings.NewReplacer("<article>", "<div>", "</article>", "</div>").Replace(page("", brief))),
	})
	f := testFetcher()
	a, err := f.Article(t.Context(), srv.URL+"/brief")
	if err != nil {
		t.Fatal(err)
	}
	if a.Title != "Envoys meet in Geneva & agree to talk again" || !strings.Contains(a.Body, "Ukrainian and Russian delegations") || !strings.HasSuffix(a.Body, "Rustem Umerov.") {
		t.Errorf("got title %q, body %q", a.Title, a.Body)
	}
	_, err = f.Article(t.Context(), srv.URL+"/paywall")
	wantRejection(t, err, "the page is behind a paywall: its structured data says isAccessibleForFree is false")
	_, err = f.Article(t.Context(), srv.URL+"/unmarked")
	wantRejection(t, err, "nothing marks it as an article")
	if Temporary(err) {
		t.Errorf("Temporary(%v)", err)
	}
}

func TestArticleRejects(t *testing.T) {
	big := strings.Repeat("a", 6<<20)
	srv := site(t, map[string]http.HandlerFunc{
		"/paywall": serve("text/html", page(graphLD, "<p>Subscribe to continue reading. Already a subscriber? Log in.</p>")),
		"/index":   serve("text/html", page("", `<ul><li><a href="/a">Talks resume</a></li><li><a href="/b">Envoys meet</a></li></ul>`)),
		"/big": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html")
			w.Header().Set("Content-Length", fmt.Sprint(len(big)))
			fmt.Fprint(w, big)
		},
		"/big-chunked": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html")
			for range 6 {
				fmt.Fprint(w, big[:1<<20])
				w.(http.Flusher).Flush() // no Content-Length
			}
		},
		"/404": http.NotFound,
		"/500": func(w http.ResponseWriter, r *http.Request) { http.Error(w, "boom", http.StatusInternalServerError) },
		"/pdf": serve("application/pdf", "%PDF-1.7"),
		// A Content-Type that is no type/subtype, and one with a control
		// character, which the HTTP client cannot read as a header line.
		"/no-type":      serve("text html", page("", story)),
		"/control-type": serve("text/html\x01", page("", story)),
		// A parameter without a value leaves the type readable.
		"/bad-param": serve("text/html; charset", page("", story)),
	})
	f := testFetcher()
	tests := []struct {
		url, want string
		temporary bool
	}{
		{srv.URL + "/paywall", "the page has no article text (a paywall or an index page?)", false},
		{srv.URL + "/index", "the page has no article text (a paywall or an index page?)", false},
		{srv.URL + "/big", "the page is 6 MB; the limit is 5 MB", false},
		{srv.URL + "/big-chunked", "the page is larger than 5 MB, the limit", false},
		{srv.URL + "/404", "the server answered 404 Not Found", false},
		{srv.URL + "/500", "the server answered 500 Internal Server Error", true},
		{srv.URL + "/pdf", "the page is application/pdf, not a web page", false},
		{srv.URL + "/no-type", `the page cannot be read: the server sent a malformed Content-Type header, "text html"`, false},
		{srv.URL + "/control-type", `the page cannot be read: the server sent a malformed MIME header line: "Content-Type: text/html\x01"`, false},
		{"ftp://example.com/file.html", "only http and https addresses can be fetched, not ftp:", false},
		{"/relative", "only http and https", false},
		{"http://[::1", "is not a web address", false},
	}
	for _, tt := range tests {
		t.Run(tt.url, func(t *testing.T) {
			_, err := f.Article(t.Context(), tt.url)
			wantRejection(t, err, tt.want)
			if Refused(err) {
				t.Errorf("Refused(%v) for an address that is public", err)
			}
			if Temporary(err) != tt.temporary {
				t.Errorf("Temporary(%v) = %v, want %v", err, !tt.temporary, tt.temporary)
			}
		})
	}
	if _, err := f.Article(t.Context(), srv.URL+"/bad-param"); err != nil {
		t.Errorf("a Content-Type with a parameter without a value: %v", err)
	}
}

func TestArticleTimeout(t *testing.T) {
	release := make(chan struct{})
	srv := site(t, map[string]http.HandlerFunc{
		"/slow": func(w http.ResponseWriter, r *http.Request) {
			select {
			case <-release:
			case <-r.Context().Done():
			}
		},
	})
	defer close(release)
	f := New(Config{AllowPrivateNetworks: true, Timeout: 200 * time.Millisecond})
	start := time.Now()
	_, err := f.Article(t.Context(), srv.URL+"/slow")
	wantRejection(t, err, "the site did not answer within 200ms")
	if !Temporary(err) {
		t.Errorf("a timeout is not Temporary: %v", err)
	}
	if took := time.Since(start); took > 2*time.Second {
		t.Errorf("took %s", took)
	}

	// The caller's own cancellation is not the page's fault.
	ctx, cancel := context.WithTimeout(t.Context(), 50*time.Millisecond)
	defer cancel()
	_, err = testFetcher().Article(ctx, srv.URL+"/slow")
	if !errors.Is(err, context.DeadlineExceeded) || errors.Is(err, parley.ErrInvalid) {
		t.Errorf("err = %v, want the context's deadline", err)
	}
}

// TestGuard checks that, with the guard on, internal addresses are refused
// whether written literally, reached through DNS, or redirected to.
func TestGuard(t *testing.T) {
	srv := site(t, map[string]http.HandlerFunc{
		"/": serve("text/html", page("", story)),
		"/to-literal": func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, "http://127.0.0.1:"+port(t, r)+"/", http.StatusFound)
		},
		"/to-name": func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, "http://localhost:"+port(t, r)+"/", http.StatusFound)
		},
	})
	f := New(Config{})
	// The test site itself is on 127.0.0.1, so let the first hop, to the
	// name "news.test", through unchecked; every other dial keeps the guard.
	tr := f.client.Transport.(*http.Transport)
	guarded := tr.DialContext
	tr.DialContext = func(ctx context.Context, network, addr string) (net.Conn, error) {
		if addr == "news.test:80" {
			return (&net.Dialer{}).DialContext(ctx, network, srv.Listener.Addr().String())
		}
		return guarded(ctx, network, addr)
	}
	if _, err := f.Article(t.Context(), "http://news.test/"); err != nil {
		t.Fatalf("unguarded first hop: %v", err)
	}
	tests := []struct{ url, want string }{
		{"http://news.test/to-literal", "refused: 127.0.0.1 is a loopback address"},
		{"http://news.test/to-name", "is a loopback address"},
		{srv.URL + "/", "refused: 127.0.0.1 is a loopback address"},
		{"http://localhost:" + strings.TrimPrefix(srv.URL, "http://127.0.0.1:") + "/", "is a loopback address"},
		{"http://169.254.169.254/latest/meta-data/", "refused: 169.254.169.254 is a link-local address"},
		{"http://[::ffff:10.0.0.1]/", "refused: ::ffff:10.0.0.1 is an IPv4-mapped address (of 10.0.0.1)"},
		{"http://[64:ff9b::a9fe:a9fe]/", "refused: 64:ff9b::a9fe:a9fe is a NAT64 address of 169.254.169.254, a link-local address"},
		{"http://0.0.0.0:8080/", "refused: 0.0.0.0 is an unspecified address"},
		{"https://[fd00::1]/", "refused: fd00::1 is a private network address"},
	}
	for _, tt := range tests {
		t.Run(tt.url, func(t *testing.T) {
			_, err := f.Article(t.Context(), tt.url)
			wantRejection(t, err, tt.want)
			if !Refused(err) || Temporary(err) {
				t.Errorf("Refused(%v) = %v, Temporary = %v; want refused, not temporary", err, Refused(err), Temporary(err))
			}
		})
	}
}

func port(t testing.TB, r *http.Request) string {
	_, p, err := net.SplitHostPort(r.Context().Value(http.LocalAddrContextKey).(net.Addr).String())
	if err != nil {
		t.Error(err)
	}
	return p
}

// TestRefuseAddr lists every special-purpose range of the IANA IPv4 and
// IPv6 registries that is not globally reachable, with the other ranges no
// public web server is in, and checks the decision itself: nothing here is
// dialled.
func TestRefuseAddr(t *testing.T) {
	refused := []struct{ addr, kind string }{
		// IPv4 Special-Purpose Address Registry
		{"0.0.0.0", "an unspecified address"},
		{"0.1.2.3", "an unspecified address"}, // 0.0.0.0/8 "this network"
		{"10.1.2.3", "a private network address"},
		{"100.64.0.1", "a carrier-grade NAT address"},
		{"100.127.255.254", "a carrier-grade NAT address"},
		{"127.0.0.1", "a loopback address"},
		{"127.8.9.1", "a loopback address"},
		{"169.254.169.254", "a link-local address"},
		{"172.16.0.1", "a private network address"},
		{"172.31.255.255", "a private network address"},
		{"192.0.0.1", "an IETF protocol address"},   // 192.0.0.0/24, DS-Lite 192.0.0.0/29
		{"192.0.0.8", "an IETF protocol address"},   // IPv4 dummy address
		{"192.0.0.170", "an IETF protocol address"}, // NAT64/DNS64 discovery
		{"192.0.2.1", "a documentation address"},
		{"192.88.99.1", "a deprecated 6to4 relay address"},
		{"192.168.1.1", "a private network address"},
		{"198.18.0.1", "a benchmarking address"},
		{"198.19.255.255", "a benchmarking address"},
		{"198.51.100.7", "a documentation address"},
		{"203.0.113.9", "a documentation address"},
		{"224.0.0.1", "a multicast address"},
		{"239.255.255.250", "a multicast address"},
		{"240.0.0.1", "a reserved address"},
		{"255.255.255.254", "a reserved address"},
		{"255.255.255.255", "the broadcast address"},
		// IPv6 Special-Purpose Address Registry
		{"::1", "a loopback address"},
		{"::", "an unspecified address"},
		{"::ffff:127.0.0.1", "an IPv4-mapped address (of 127.0.0.1)"},
		{"::ffff:169.254.169.254", "an IPv4-mapped address (of 169.254.169.254)"},
		{"::ffff:8.8.8.8", "an IPv4-mapped address (of 8.8.8.8)"},
		{"::127.0.0.1", "an IPv4-compatible address (of 127.0.0.1)"},
		{"::8.8.8.8", "an IPv4-compatible address (of 8.8.8.8)"},
		{"::ffff:0:7f00:1", "a reserved address"}, // IPv4-translated (RFC 2765), in ::/8
		{"64:ff9b::a9fe:a9fe", "a NAT64 address of 169.254.169.254, a link-local address"},
		{"64:ff9b::7f00:1", "a NAT64 address of 127.0.0.1, a loopback address"},
		{"64:ff9b::a00:1", "a NAT64 address of 10.0.0.1, a private network address"},
		{"64:ff9b:1::a9fe:a9fe", "a local-use NAT64 address of 169.254.169.254, a link-local address"},
		{"64:ff9b:1:2:3:4:c0a8:101", "a local-use NAT64 address of 192.168.1.1, a private network address"},
		{"100::1", "a discard-only address"},
		{"2001::1", "an IETF protocol address (Teredo, benchmarking, ORCHID…)"}, // Teredo
		{"2001:2::1", "an IETF protocol address (Teredo, benchmarking, ORCHID…)"},
		{"2001:10::1", "an IETF protocol address (Teredo, benchmarking, ORCHID…)"},
		{"2001:db8::1", "a documentation address"},
		{"3fff::1", "a documentation address"},
		{"2002:7f00:1::1", "a 6to4 address of 127.0.0.1, a loopback address"},
		{"2002:a9fe:a9fe::", "a 6to4 address of 169.254.169.254, a link-local address"},
		{"2002:c0a8:101::1", "a 6to4 address of 192.168.1.1, a private network address"},
		{"5f00::1", "a reserved address"}, // segment routing SIDs
		{"fc00::1", "a private network address"},
		{"fd12::1", "a private network address"},
		{"fe80::1", "a link-local address"},
		{"fe80::1%eth0", "a link-local address"},
		{"fec0::1", "a site-local address"},
		{"feff::1", "a site-local address"},
		{"ff02::1", "a multicast address"},
		{"4000::1", "a reserved address"},
	}
	allowed := []string{"8.8.8.8", "93.184.216.34", "100.128.0.1", "172.32.0.1", "192.0.1.1", "192.31.196.1", "192.52.193.1",
		"198.17.255.255", "198.20.0.1", "223.255.255.255", "2606:4700::1111", "2620:4f:8000::1", "2a00:1450:4001:82b::200e",
		"64:ff9b::808:808", "64:ff9b:1::808:808", "2002:808:808::1", "2001:200::1"}
	for _, tt := range refused {
		want := "refused: " + mustAddr(t, tt.addr).WithZone("").String() + " is " + tt.kind
		if got := refuseAddr(mustAddr(t, tt.addr)); got != want {
			t.Errorf("refuseAddr(%s) = %q, want %q", tt.addr, got, want)
		}
	}
	for _, s := range allowed {
		if r := refuseAddr(mustAddr(t, s)); r != "" {
			t.Errorf("%s refused: %s", s, r)
		}
	}
}

// wantRejection checks that err is a rejection a user can read.
func wantRejection(t *testing.T, err error, want string) {
	t.Helper()
	if !errors.Is(err, parley.ErrInvalid) {
		t.Fatalf("err = %v, want parley.ErrInvalid", err)
	}
	if !strings.Contains(err.Error(), want) {
		t.Errorf("err = %q, want it to say %q", err, want)
	}
}

// TestFeedConditional: a feed fetched again with the validators of the last
// answer gets 304 and no body; a changed feed gets its new validators.
func TestFeedConditional(t *testing.T) {
	const rss = `<?xml version="1.0"?><rss version="2.0"><channel><title>T</title></channel></rss>`
	etag := `"v1"`
	var conditional int
	srv := site(t, map[string]http.HandlerFunc{
		"/feed.xml": func(w http.ResponseWriter, r *http.Request) {
			if r.Header.Get("If-None-Match") == etag {
				conditional++
				w.WriteHeader(http.StatusNotModified)
				return
			}
			w.Header().Set("ETag", etag)
			w.Header().Set("Last-Modified", "Tue, 19 Aug 2025 10:00:00 GMT")
			w.Header().Set("Content-Type", "application/rss+xml")
			fmt.Fprint(w, rss)
		},
		"/page": serve("text/html", page("", story)),
		"/pdf":  serve("application/pdf", "%PDF-1.4"),
	})
	f := testFetcher()
	r, err := f.Feed(t.Context(), srv.URL+"/feed.xml", Validators{})
	if err != nil || r.NotModified || !r.IsFeed() || string(r.Body) != rss {
		t.Fatalf("first fetch: %+v, %v", r, err)
	}
	if r.ETag != etag || r.LastModified != "Tue, 19 Aug 2025 10:00:00 GMT" {
		t.Errorf("validators %+v", r.Validators)
	}
	r2, err := f.Feed(t.Context(), srv.URL+"/feed.xml", r.Validators)
	if err != nil || !r2.NotModified || len(r2.Body) != 0 || conditional != 1 {
		t.Fatalf("second fetch: %+v, %v (conditional requests %d)", r2, err, conditional)
	}
	if r2.Validators != r.Validators {
		t.Errorf("a 304 changed the validators: %+v", r2.Validators)
	}
	etag = `"v2"`
	r3, err := f.Feed(t.Context(), srv.URL+"/feed.xml", r.Validators)
	if err != nil || r3.NotModified || r3.ETag != `"v2"` {
		t.Fatalf("changed feed: %+v, %v", r3, err)
	}
	if r, err := f.Feed(t.Context(), srv.URL+"/page", Validators{}); err != nil || !r.IsPage() || r.IsFeed() {
		t.Errorf("a web page: %+v, %v; want it returned as a page", r, err)
	}
	_, err = f.Feed(t.Context(), srv.URL+"/pdf", Validators{})
	wantRejection(t, err, "the address gives application/pdf, not a news feed")
}
