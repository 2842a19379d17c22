package bot

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"
)

// NewSession makes a discordgo session for a bot token. With apiURL other
// than https://discord.com, every REST call and the gateway discovery go to
// that host instead: discordgo fixes its endpoint URLs when it loads, so the
// session gets an HTTP client whose transport rewrites scheme and host. The
// gateway's websocket URL is whatever GET /api/v9/gateway on that host says.
func NewSession(token, apiURL string) (*discordgo.Session, error) {
	s, err := discordgo.New("Bot " + strings.TrimPrefix(token, "Bot "))
	if err != nil {
		return nil, err
	}
	transport := http.DefaultTransport
	if apiURL != "" && strings.TrimRight(apiURL, "/") != "https://discord.com" {
		u, err := url.Parse(apiURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return nil, fmt.Errorf("discord.api_url %q: want an http(s) URL such as https://discord.com", apiURL)
		}
		transport = rewriteHost{scheme: u.Scheme, host: u.Host, next: http.DefaultTransport}
	}
	s.Client = &http.Client{Timeout: 20 * time.Second, Transport: transport}
	return s, nil
}

// rewriteHost sends every request to one scheme and host, keeping the path.
type rewriteHost struct {
	scheme, host string
	next         http.RoundTripper
}

func (rt rewriteHost) RoundTrip(r *http.Request) (*http.Response, error) {
	r = r.Clone(r.Context())
	r.URL.Scheme, r.URL.Host, r.Host = rt.scheme, rt.host, rt.host
	return rt.next.RoundTrip(r)
}
