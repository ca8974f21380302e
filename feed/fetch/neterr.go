package fetch

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"net"
	"net/url"
	"strings"

	"sokbo/feed/clean"
)

// Where a fetch that never reached the server's HTTP stopped: what
// NetError.Op holds.
const (
	OpDNS     = "dns"     // the host's name did not resolve
	OpConnect = "connect" // no connection: refused, unreachable, timed out
	OpTLS     = "tls"     // the TLS handshake or the certificate failed
)

// NetError is a fetch that never reached the server's HTTP: its host's
// name did not resolve, no connection could be made, or TLS failed. These
// are the failures that say the network, not the feed, is the trouble; an
// HTTP status or a body that is not a feed is the feed's own. Its message
// is one short line such as "cannot connect to 127.0.0.1:9: connection
// refused".
type NetError struct {
	Op   string // OpDNS, OpConnect or OpTLS
	Host string // the host, with its port when one was given
	Err  error
}

// Error returns the cause in one line, naming the host.
func (e *NetError) Error() string {
	host := clean.OneLine(e.Host)
	cause := netCause(e.Err)
	switch e.Op {
	case OpDNS:
		return "cannot resolve " + host + ": " + cause
	case OpTLS:
		return "TLS with " + host + " failed: " + cause
	}
	return "cannot connect to " + host + ": " + cause
}

// Unwrap returns the underlying error.
func (e *NetError) Unwrap() error { return e.Err }

// Timeout reports whether the connection timed out.
func (e *NetError) Timeout() bool {
	var t interface{ Timeout() bool }
	return errors.As(e.Err, &t) && t.Timeout()
}

// netCause is the innermost useful words of a network error, without the
// operation, addresses and URL that the wrappers repeat.
func netCause(err error) string {
	var dns *net.DNSError
	var op *net.OpError
	var te *TimeoutError
	switch {
	case err == nil:
		return "unknown error"
	case errors.As(err, &te):
		return te.Error()
	case errors.As(err, &dns):
		if dns.IsTimeout {
			return "timed out"
		}
		return clean.OneLine(dns.Err)
	case errors.As(err, &op) && op.Err != nil:
		msg := op.Err.Error()
		// "connect: connection refused" → "connection refused"
		if _, after, ok := strings.Cut(msg, ": "); ok && !strings.HasPrefix(msg, "tls") {
			msg = after
		}
		return clean.OneLine(msg)
	}
	var ue *url.Error
	if errors.As(err, &ue) && ue.Err != nil {
		err = ue.Err
	}
	return clean.OneLine(err.Error())
}

// AsNetError reports whether err says the network failed, not the feed:
// a *NetError in its chain, or one of the net, crypto/tls and crypto/x509
// errors a fetcher other than HTTPFetcher returns raw, which it wraps in
// a *NetError.
func AsNetError(err error) (*NetError, bool) {
	var ne *NetError
	if errors.As(err, &ne) {
		return ne, true
	}
	if op := classifyNet(err); op != "" {
		return &NetError{Op: op, Host: hostOf(err), Err: err}, true
	}
	return nil, false
}

// classifyNet tells which network step err failed at, or "" when err is
// not a failure to reach the server.
func classifyNet(err error) string {
	var dns *net.DNSError
	var op *net.OpError
	var rh tls.RecordHeaderError
	var alert tls.AlertError
	var cv *tls.CertificateVerificationError
	var ua x509.UnknownAuthorityError
	var hn x509.HostnameError
	var ci x509.CertificateInvalidError
	switch {
	case errors.As(err, &dns):
		return OpDNS
	case errors.As(err, &rh), errors.As(err, &alert), errors.As(err, &cv),
		errors.As(err, &ua), errors.As(err, &hn), errors.As(err, &ci):
		return OpTLS
	case errors.As(err, &op) && (op.Op == "dial" || op.Op == "proxyconnect"):
		return OpConnect
	case errors.As(err, &op) && op.Op == "remote error":
		return OpTLS // tls: a handshake alert from the server
	}
	return ""
}

// hostOf is the host a net error names, when it names one.
func hostOf(err error) string {
	var ue *url.Error
	if errors.As(err, &ue) {
		if u, perr := url.Parse(ue.URL); perr == nil {
			return u.Host
		}
	}
	var dns *net.DNSError
	if errors.As(err, &dns) {
		return dns.Name
	}
	var op *net.OpError
	if errors.As(err, &op) && op.Addr != nil {
		return op.Addr.String()
	}
	return "the server"
}
