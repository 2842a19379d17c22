package fetch

import (
	"fmt"
	"net/netip"
	"syscall"
)

// special is a range of addresses a server of the public web is never at,
// and what a user is told it is.
type special struct {
	prefix netip.Prefix
	kind   string
}

func ranges(kind string, prefixes ...string) []special {
	out := make([]special, len(prefixes))
	for i, p := range prefixes {
		out[i] = special{netip.MustParsePrefix(p), kind}
	}
	return out
}

// refusedV4 are the IPv4 ranges of the IANA IPv4 Special-Purpose Address
// Registry that are not globally reachable, with multicast (224.0.0.0/4).
// Of 192.0.0.0/24, two addresses are globally reachable anycast services
// (192.0.0.9, 192.0.0.10), neither a web server: the whole block is refused.
var refusedV4 = concat(
	ranges("an unspecified address", "0.0.0.0/8"),
	ranges("a private network address", "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"),
	ranges("a carrier-grade NAT address", "100.64.0.0/10"),
	ranges("a loopback address", "127.0.0.0/8"),
	ranges("a link-local address", "169.254.0.0/16"),
	ranges("an IETF protocol address", "192.0.0.0/24"),
	ranges("a documentation address", "192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24"),
	ranges("a deprecated 6to4 relay address", "192.88.99.0/24"),
	ranges("a benchmarking address", "198.18.0.0/15"),
	ranges("a multicast address", "224.0.0.0/4"),
	ranges("the broadcast address", "255.255.255.255/32"),
	ranges("a reserved address", "240.0.0.0/4"),
)

// refusedV6 are the IPv6 ranges refused before anything else is decided:
// the IANA IPv6 Special-Purpose Address Registry's ranges that are not
// globally reachable, and everything outside global unicast (2000::/3),
// which holds the rest of the registry's (loopback, unspecified, IPv4-mapped
// and IPv4-compatible addresses, discard-only, unique-local, link-local,
// site-local, multicast, segment routing). The few globally reachable
// anycast services inside 2001::/23 are no web servers; the block is refused.
var refusedV6 = concat(
	ranges("a loopback address", "::1/128"),
	ranges("an unspecified address", "::/128"),
	ranges("an IPv4-mapped address", "::ffff:0:0/96"),
	ranges("an IPv4-compatible address", "::/96"),
	ranges("a discard-only address", "100::/64"),
	ranges("an IETF protocol address (Teredo, benchmarking, ORCHID…)", "2001::/23"),
	ranges("a documentation address", "2001:db8::/32", "3fff::/20"),
	ranges("a private network address", "fc00::/7"),
	ranges("a link-local address", "fe80::/10"),
	ranges("a site-local address", "fec0::/10"),
	ranges("a multicast address", "ff00::/8"),
)

var (
	globalUnicast = netip.MustParsePrefix("2000::/3")
	// IPv6 addresses that carry an IPv4 address, which decides for them.
	nat64      = netip.MustParsePrefix("64:ff9b::/96")   // RFC 6052: the last 32 bits
	nat64Local = netip.MustParsePrefix("64:ff9b:1::/48") // RFC 8215, with a /96 translator prefix
	sixToFour  = netip.MustParsePrefix("2002::/16")      // RFC 3056: bits 16–47
)

func concat(lists ...[]special) []special {
	var out []special
	for _, l := range lists {
		out = append(out, l...)
	}
	return out
}

// refuseAddr says why a server must not be contacted at addr, or "" if it
// may. A URL from a user must not reach the machine Parley runs on, its
// network, or a cloud metadata service (169.254.169.254): that would let
// anyone who can paste a link read internal pages through the bot.
func refuseAddr(addr netip.Addr) string {
	addr = addr.WithZone("")
	if kind := kindOf(addr); kind != "" {
		return fmt.Sprintf("refused: %s is %s", addr, kind)
	}
	return ""
}

// kindOf names the special-purpose range addr is in, or "" for a public
// address. An IPv6 address that carries an IPv4 one (NAT64, 6to4) is
// judged by that IPv4 address, since a translator or relay delivers to it.
func kindOf(addr netip.Addr) string {
	if addr.Is4() {
		for _, s := range refusedV4 {
			if s.prefix.Contains(addr) {
				return s.kind
			}
		}
		return ""
	}
	if v4, how, ok := embedded(addr); ok {
		if kind := kindOf(v4); kind != "" {
			return fmt.Sprintf("%s of %s, %s", how, v4, kind)
		}
		return ""
	}
	for _, s := range refusedV6 {
		if s.prefix.Contains(addr) {
			if s.prefix.Bits() == 96 { // ::ffff:a.b.c.d and ::a.b.c.d
				b := addr.As16()
				return fmt.Sprintf("%s (of %s)", s.kind, netip.AddrFrom4([4]byte(b[12:16])))
			}
			return s.kind
		}
	}
	if !globalUnicast.Contains(addr) {
		return "a reserved address"
	}
	return ""
}

// embedded returns the IPv4 address a NAT64 or 6to4 address carries, and
// what kind of address it is.
func embedded(addr netip.Addr) (v4 netip.Addr, how string, ok bool) {
	b := addr.As16()
	switch {
	case nat64.Contains(addr):
		return netip.AddrFrom4([4]byte(b[12:16])), "a NAT64 address", true
	case nat64Local.Contains(addr):
		return netip.AddrFrom4([4]byte(b[12:16])), "a local-use NAT64 address", true
	case sixToFour.Contains(addr):
		return netip.AddrFrom4([4]byte(b[2:6])), "a 6to4 address", true
	}
	return netip.Addr{}, "", false
}

// controlDial refuses connections to the addresses refuseAddr names. It runs
// on the address actually dialled, after DNS, so neither a host name that
// resolves to an internal address nor a redirect to one gets through.
func controlDial(network, address string, _ syscall.RawConn) error {
	ap, err := netip.ParseAddrPort(address)
	if err != nil {
		return invalidf("refused: cannot check the address %s", address)
	}
	if reason := refuseAddr(ap.Addr()); reason != "" {
		return refusal(reason)
	}
	return nil
}

// refusal is the error for an address refuseAddr names. It states the rule,
// since whoever reads it (an admin in Discord) may not know the config.
func refusal(reason string) error {
	rej := reject(nil, "%s (Parley fetches only from public web servers)", reason)
	rej.refused = true
	return rej
}
