package fetch

import (
	"cmp"
	"net"
	"net/netip"
	"net/url"
	"slices"
	"strings"

	"golang.org/x/net/publicsuffix"
)

// trackingParams are query parameters that say how a reader arrived, not
// which page they read; keeping them would make one article many.
var trackingParams = map[string]bool{
	"fbclid": true, "gclid": true, "mc_cid": true, "mc_eid": true,
	"igshid": true, "ref": true, "ref_src": true,
}

// Canonical normalises a URL for de-duplication, so that the same article
// shared from a newsletter, a social network or an AMP cache is stored once.
// It lower-cases scheme and host, drops default ports, fragments and
// tracking parameters, sorts the remaining parameters, maps AMP variants to
// the ordinary page and drops a trailing slash. Only absolute http and
// https URLs are accepted, and none with a user name or password in it,
// which would be shown wherever the article is cited.
func Canonical(raw string) (string, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return "", invalidf("%q is not a web address", raw)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return "", invalidf("%q is not an http or https address", raw)
	}
	if u.User != nil {
		return "", errUserInfo
	}
	host, port := strings.ToLower(u.Hostname()), u.Port()
	for strings.HasPrefix(host, "amp.") && len(host) > len("amp.") {
		host = host[len("amp."):]
	}
	if host == "" {
		return "", invalidf("%q has no host", raw)
	}
	if (u.Scheme == "http" && port == "80") || (u.Scheme == "https" && port == "443") {
		port = ""
	}
	if port != "" {
		host = net.JoinHostPort(host, port)
	} else if strings.Contains(host, ":") {
		host = "[" + host + "]"
	}
	out := url.URL{Scheme: u.Scheme, Host: host, Path: canonicalPath(u.Path), RawQuery: canonicalQuery(u.RawQuery)}
	return out.String(), nil
}

// canonicalPath drops "amp" segments, turns "x.amp.html" into "x.html" and
// removes trailing slashes, which sites treat as the same page.
func canonicalPath(p string) string {
	segs := strings.Split(p, "/")
	segs = slices.DeleteFunc(segs, func(s string) bool { return strings.EqualFold(s, "amp") })
	p = strings.TrimRight(strings.Join(segs, "/"), "/")
	for strings.HasSuffix(strings.ToLower(p), ".amp.html") {
		p = p[:len(p)-len(".amp.html")] + ".html"
	}
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	return p
}

// canonicalQuery keeps the parameters that choose content, sorted by key
// and value so that their order does not make two URLs differ.
func canonicalQuery(raw string) string {
	vals, _ := url.ParseQuery(raw) // malformed pairs are dropped
	type pair struct{ k, v string }
	var pairs []pair
	for k, vs := range vals {
		lk := strings.ToLower(k)
		if trackingParams[lk] || strings.HasPrefix(lk, "utm_") {
			continue
		}
		for _, v := range vs {
			if (lk == "amp" && v == "1") || (lk == "outputtype" && strings.EqualFold(v, "amp")) {
				continue
			}
			pairs = append(pairs, pair{k, v})
		}
	}
	slices.SortFunc(pairs, func(a, b pair) int { return cmp.Or(strings.Compare(a.k, b.k), strings.Compare(a.v, b.v)) })
	var b strings.Builder
	for i, p := range pairs {
		if i > 0 {
			b.WriteByte('&')
		}
		b.WriteString(url.QueryEscape(p.k) + "=" + url.QueryEscape(p.v))
	}
	return b.String()
}

var errUserInfo = invalidf("the address has a user name or password in it (user:password@); give it without them")

// siteOf is the registrable domain of a URL's host by the Public Suffix List
// ("bbc.co.uk" for www.bbc.co.uk and feeds.bbc.co.uk, but "a.github.io" and
// "b.github.io" apart), or the host itself when it has none (an IP
// address, "localhost").
func siteOf(u *url.URL) string {
	host := strings.TrimSuffix(strings.ToLower(u.Hostname()), ".")
	if _, err := netip.ParseAddr(host); err == nil {
		return host
	}
	if d, err := publicsuffix.EffectiveTLDPlusOne(host); err == nil {
		return d
	}
	return host
}

// SameSite says whether two absolute URLs are on one site: the same
// registrable domain, whatever the subdomain, scheme or port.
func SameSite(a, b string) bool {
	ua, err := url.Parse(strings.TrimSpace(a))
	if err != nil || ua.Hostname() == "" {
		return false
	}
	ub, err := url.Parse(strings.TrimSpace(b))
	if err != nil || ub.Hostname() == "" {
		return false
	}
	return siteOf(ua) == siteOf(ub)
}

// address is the URL an article fetched from final is stored under: the
// first address the page claims as its own (<link rel="canonical">,
// og:url, a text page's front matter) that is on final's site, else final
// itself, canonical. A page on one site cannot claim an address on another,
// or any page could replace a stored article of any outlet.
func address(final *url.URL, claims ...string) string {
	for _, ref := range claims {
		if ref == "" {
			continue
		}
		abs, err := final.Parse(ref)
		if err != nil || siteOf(abs) != siteOf(final) {
			continue
		}
		if c, err := Canonical(abs.String()); err == nil {
			return c
		}
	}
	c, _ := Canonical(final.String())
	return c
}
