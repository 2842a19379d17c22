package fetch

import (
	"net/netip"
	"testing"
)

func mustAddr(t testing.TB, s string) netip.Addr {
	t.Helper()
	a, err := netip.ParseAddr(s)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func TestCanonical(t *testing.T) {
	tests := []struct{ in, want string }{
		{"https://example.com/", "https://example.com/"},
		{"https://example.com", "https://example.com/"},
		{"HTTPS://Example.COM:443/World/Story/", "https://example.com/World/Story"},
		{"http://example.com:80/a", "http://example.com/a"},
		{"http://example.com:8080/a", "http://example.com:8080/a"},
		{"https://example.com:80/a", "https://example.com:80/a"},
		{"https://example.com/a#comments", "https://example.com/a"},
		{"https://example.com/a?utm_source=tw&UTM_Medium=x&fbclid=1&gclid=2&mc_cid=3&mc_eid=4&igshid=5&ref=hn&ref_src=twsrc", "https://example.com/a"},
		{"https://example.com/a?b=2&a=1&a=0", "https://example.com/a?a=0&a=1&b=2"},
		{"https://example.com/a?q=peace+talks&page=2", "https://example.com/a?page=2&q=peace+talks"},
		{"https://example.com/amp/world/story", "https://example.com/world/story"},
		{"https://example.com/world/story/amp", "https://example.com/world/story"},
		{"https://example.com/world/story/amp/", "https://example.com/world/story"},
		{"https://amp.example.com/world/story", "https://example.com/world/story"},
		{"https://example.com/world/story.amp.html", "https://example.com/world/story.html"},
		{"https://example.com/world/story?amp=1", "https://example.com/world/story"},
		{"https://example.com/world/story?outputType=amp&id=3", "https://example.com/world/story?id=3"},
		{"https://example.com/world/amplifier", "https://example.com/world/amplifier"},
		{"https://example.com/a%20b/", "https://example.com/a%20b"},
		{"https://[2001:DB8::1]:443/x", "https://[2001:db8::1]/x"},
		{"https://[2001:db8::1]:8443/x", "https://[2001:db8::1]:8443/x"},
		{"  https://example.com/a  ", "https://example.com/a"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := Canonical(tt.in)
			if err != nil || got != tt.want {
				t.Errorf("Canonical(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
			}
		})
	}
	for _, bad := range []string{"", "ftp://example.com/", "/relative", "mailto:a@example.com", "http://", "http://%zz/",
		"https://user:pw@example.com/a", "https://user@example.com/a"} {
		if got, err := Canonical(bad); err == nil {
			t.Errorf("Canonical(%q) = %q, want an error", bad, got)
		}
	}
}

func FuzzCanonical(f *testing.F) {
	for _, s := range []string{
		"https://Example.com:443/a/amp/?utm_source=x&b=2&a=1#f", "http://amp.amp.example.com/x.amp.amp.html",
		"https://[::1]:80/", "http://a/b;c?d=%zz&e", "https://example.com/%2Famp%2F/", "http://x/?=&=1&a",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		once, err := Canonical(raw)
		if err != nil {
			return
		}
		twice, err := Canonical(once)
		if err != nil || twice != once {
			t.Fatalf("Canonical(%q) = %q, but Canonical(%q) = %q, %v", raw, once, once, twice, err)
		}
	})
}

func TestSameSite(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"https://www.reuters.com/world/x", "http://reuters.com/y", true},
		{"https://www.bbc.co.uk/news/x", "https://feeds.bbc.co.uk/news/rss.xml", true},
		{"https://www.bbc.co.uk/news/x", "https://bbc.com/news/x", false},
		{"https://evil.example/x", "https://www.reuters.com/x", false},
		{"https://a.github.io/x", "https://b.github.io/x", false}, // a public suffix
		{"http://127.0.0.1:8080/x", "http://127.0.0.1:9090/y", true},
		{"http://127.0.0.1/x", "http://127.0.0.2/x", false},
		{"http://[2001:db8::1]/x", "http://[2001:db8::1]:8443/y", true},
		{"http://localhost/x", "http://localhost:1/y", true},
		{"https://Example.COM./x", "https://example.com/y", true},
		{"/relative", "/relative", false},
		{"", "https://example.com/", false},
	}
	for _, tt := range tests {
		if got := SameSite(tt.a, tt.b); got != tt.want {
			t.Errorf("SameSite(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}
