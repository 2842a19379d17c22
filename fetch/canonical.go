package fetch

import (
	"cmp"
	"net"
	"net/url"
	"slices"
	"strings"
)

// trackingParams are query parameters that say how a reader arrived, not
// which page they read; keeping them would make one article many.
var trackingParams = map[string]bool{
	"fbclid": true, "gclid": true, "mc_cid": true, "mc_eid": true,
	"igshid": true, "ref": true, "ref_src": true,
}

// Canonical normalises a URL for de-duplication, so that the same article
// shared from a newsletter, a social network or an AMP cache is stored once.
// It lower-cases scheme and host, drops default ports, user information,
// fragments and tracking parameters, sorts the remaining parameters, maps
// AMP variants to the ordinary page and drops a trailing slash. Only
// absolute http and https URLs are accepted.
func Canonical(raw string) (string, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return "", invalidf("%q is not a web address", raw)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return "", invalidf("%q is not an http or https address", raw)
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
