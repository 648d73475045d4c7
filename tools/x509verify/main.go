// Command x509verify is the Go peer of CertDesk's differential tests: it answers, for a batch of jobs read as
// JSON from stdin, what Go's crypto/x509 Verify and a crypto/tls TLS 1.3 mutual handshake say. Standard library
// only, so it builds offline with the distribution's Go toolchain.
//
//	x509verify verify < jobs.json   one JSON result per line: {"id","ok","kind","error"}
//	x509verify mtls   < jobs.json   one JSON result per line: {"id","ok","serverError","clientError"}
package main

import (
	"bufio"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"time"
)

type verifyJob struct {
	ID            string   `json:"id"`
	Leaf          string   `json:"leaf"`
	Intermediates []string `json:"intermediates"`
	Roots         []string `json:"roots"`
	// "server", "client" or "any": the ExtKeyUsage Verify is asked for.
	Purpose string `json:"purpose"`
	Time    string `json:"time"`
}

type verifyResult struct {
	ID    string `json:"id"`
	OK    bool   `json:"ok"`
	Kind  string `json:"kind,omitempty"`
	Error string `json:"error,omitempty"`
}

type mtlsJob struct {
	ID         string `json:"id"`
	ServerCert string `json:"serverCert"`
	ServerKey  string `json:"serverKey"`
	ServerCA   string `json:"serverCa"`
	ClientCert string `json:"clientCert"`
	ClientKey  string `json:"clientKey"`
	ClientCA   string `json:"clientCa"`
	ServerName string `json:"serverName"`
	Time       string `json:"time"`
}

type mtlsResult struct {
	ID          string `json:"id"`
	OK          bool   `json:"ok"`
	ServerError string `json:"serverError,omitempty"`
	ClientError string `json:"clientError,omitempty"`
}

func main() {
	if len(os.Args) != 2 || (os.Args[1] != "verify" && os.Args[1] != "mtls") {
		fmt.Fprintln(os.Stderr, "usage: x509verify verify|mtls < jobs.json")
		os.Exit(2)
	}
	input, err := io.ReadAll(os.Stdin)
	if err != nil {
		fail(err)
	}
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	enc := json.NewEncoder(out)
	if os.Args[1] == "verify" {
		var jobs []verifyJob
		if err := json.Unmarshal(input, &jobs); err != nil {
			fail(err)
		}
		for _, j := range jobs {
			must(enc.Encode(verify(j)))
		}
		return
	}
	var jobs []mtlsJob
	if err := json.Unmarshal(input, &jobs); err != nil {
		fail(err)
	}
	for _, j := range jobs {
		must(enc.Encode(handshake(j)))
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "x509verify:", err)
	os.Exit(2)
}

func must(err error) {
	if err != nil {
		fail(err)
	}
}

func parsePem(text string) ([]*x509.Certificate, error) {
	var certs []*x509.Certificate
	rest := []byte(text)
	for {
		var block *pem.Block
		block, rest = pem.Decode(rest)
		if block == nil {
			return certs, nil
		}
		if block.Type != "CERTIFICATE" {
			continue
		}
		c, err := x509.ParseCertificate(block.Bytes)
		if err != nil {
			return nil, err
		}
		certs = append(certs, c)
	}
}

func pool(pems []string) (*x509.CertPool, error) {
	p := x509.NewCertPool()
	for _, text := range pems {
		certs, err := parsePem(text)
		if err != nil {
			return nil, err
		}
		for _, c := range certs {
			p.AddCert(c)
		}
	}
	return p, nil
}

var purposes = map[string]x509.ExtKeyUsage{
	"server": x509.ExtKeyUsageServerAuth,
	"client": x509.ExtKeyUsageClientAuth,
	"any":    x509.ExtKeyUsageAny,
}

func verify(j verifyJob) verifyResult {
	res := verifyResult{ID: j.ID}
	at, err := time.Parse(time.RFC3339, j.Time)
	if err != nil {
		res.Kind, res.Error = "input", err.Error()
		return res
	}
	usage, known := purposes[j.Purpose]
	if !known {
		res.Kind, res.Error = "input", "unknown purpose "+j.Purpose
		return res
	}
	leaves, err := parsePem(j.Leaf)
	if err == nil && len(leaves) != 1 {
		err = errors.New("expected exactly one leaf certificate")
	}
	if err != nil {
		res.Kind, res.Error = "parse", err.Error()
		return res
	}
	roots, err := pool(j.Roots)
	if err != nil {
		res.Kind, res.Error = "parse", err.Error()
		return res
	}
	inters, err := pool(j.Intermediates)
	if err != nil {
		res.Kind, res.Error = "parse", err.Error()
		return res
	}
	_, err = leaves[0].Verify(x509.VerifyOptions{
		Roots:         roots,
		Intermediates: inters,
		CurrentTime:   at,
		KeyUsages:     []x509.ExtKeyUsage{usage},
	})
	if err == nil {
		res.OK = true
		return res
	}
	res.Kind, res.Error = kindOf(err), err.Error()
	return res
}

// kindOf names Go's reason in words that do not depend on the Go version's message text.
func kindOf(err error) string {
	var invalid x509.CertificateInvalidError
	var unknown x509.UnknownAuthorityError
	var critical x509.UnhandledCriticalExtension
	switch {
	case errors.As(err, &invalid):
		switch invalid.Reason {
		case x509.Expired:
			return "validity"
		case x509.NotAuthorizedToSign:
			return "ca-flag"
		case x509.TooManyIntermediates:
			return "path-len"
		case x509.IncompatibleUsage:
			return "eku"
		case x509.CANotAuthorizedForThisName, x509.UnconstrainedName, x509.NameConstraintsWithoutSANs:
			return "name-constraints"
		default:
			return "invalid"
		}
	case errors.As(err, &unknown):
		return "trust"
	case errors.As(err, &critical):
		return "critical-extension"
	default:
		return "other"
	}
}

func loadPool(file string) (*x509.CertPool, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	p := x509.NewCertPool()
	if !p.AppendCertsFromPEM(data) {
		return nil, errors.New("no certificate in " + file)
	}
	return p, nil
}

// handshake runs the seed's mutual-TLS configuration over loopback: the server requires and verifies a client
// certificate against its bundle's ca.crt, the client verifies the server against its own bundle's ca.crt.
func handshake(j mtlsJob) mtlsResult {
	res := mtlsResult{ID: j.ID}
	at, err := time.Parse(time.RFC3339, j.Time)
	if err != nil {
		res.ServerError = "input: " + err.Error()
		return res
	}
	clock := func() time.Time { return at }
	serverPair, err := tls.LoadX509KeyPair(j.ServerCert, j.ServerKey)
	if err != nil {
		res.ServerError = "load: " + err.Error()
		return res
	}
	clientPair, err := tls.LoadX509KeyPair(j.ClientCert, j.ClientKey)
	if err != nil {
		res.ClientError = "load: " + err.Error()
		return res
	}
	clientCAs, err := loadPool(j.ServerCA)
	if err != nil {
		res.ServerError = "load: " + err.Error()
		return res
	}
	rootCAs, err := loadPool(j.ClientCA)
	if err != nil {
		res.ClientError = "load: " + err.Error()
		return res
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fail(err)
	}
	defer ln.Close()
	serverDone := make(chan error, 1)
	go func() {
		conn, err := ln.Accept()
		if err != nil {
			serverDone <- err
			return
		}
		defer conn.Close()
		_ = conn.SetDeadline(time.Now().Add(10 * time.Second))
		srv := tls.Server(conn, &tls.Config{
			Certificates: []tls.Certificate{serverPair},
			ClientAuth:   tls.RequireAndVerifyClientCert,
			ClientCAs:    clientCAs,
			MinVersion:   tls.VersionTLS13,
			Time:         clock,
		})
		if err := srv.Handshake(); err != nil {
			serverDone <- err
			return
		}
		_, err = srv.Write([]byte("ok\n"))
		serverDone <- err
	}()
	conn, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		fail(err)
	}
	_ = conn.SetDeadline(time.Now().Add(10 * time.Second))
	cl := tls.Client(conn, &tls.Config{
		Certificates: []tls.Certificate{clientPair},
		RootCAs:      rootCAs,
		ServerName:   j.ServerName,
		MinVersion:   tls.VersionTLS13,
		Time:         clock,
	})
	clientErr := cl.Handshake()
	if clientErr == nil {
		// In TLS 1.3 the client finishes first; the server's verdict on the client certificate arrives as
		// an alert on the first read.
		buf := make([]byte, 3)
		_, clientErr = io.ReadFull(cl, buf)
	}
	_ = cl.Close()
	serverErr := <-serverDone
	if serverErr != nil {
		res.ServerError = serverErr.Error()
	}
	if clientErr != nil {
		res.ClientError = clientErr.Error()
	}
	res.OK = serverErr == nil && clientErr == nil
	return res
}
