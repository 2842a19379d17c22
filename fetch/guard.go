package fetch

import (
	"fmt"
	"net/netip"
	"syscall"
)

var (
	cgnat       = netip.MustParsePrefix("100.64.0.0/10")
	thisNetwork = netip.MustParsePrefix("0.0.0.0/8")
)

// refuseAddr says why a server must not be contacted at addr, or "" if it
// may. A URL from a user must not reach the machine Parley runs on, its
// network, or a cloud metadata service (169.254.169.254): that would let
// anyone who can paste a link read internal pages through the bot.
func refuseAddr(addr netip.Addr) string {
	addr = addr.Unmap() // ::ffff:127.0.0.1 is 127.0.0.1
	var kind string
	switch {
	case addr.IsLoopback():
		kind = "a loopback address"
	case addr.IsPrivate():
		kind = "a private network address"
	case addr.IsLinkLocalUnicast():
		kind = "a link-local address"
	case addr.IsMulticast():
		kind = "a multicast address"
	case addr.IsUnspecified() || thisNetwork.Contains(addr):
		kind = "an unspecified address"
	case cgnat.Contains(addr):
		kind = "a carrier-grade NAT address"
	default:
		return ""
	}
	return fmt.Sprintf("refused: %s is %s", addr, kind)
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
	return &rejection{reason: reason + " (Parley fetches only from public web servers)", refused: true}
}
