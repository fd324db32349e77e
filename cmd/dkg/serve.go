package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/dkg/dkg/graph"
)

var serveCommand = &cli.Command{
	Name:      "serve",
	Usage:     "serve Cayley's HTTP query API and web UI over the store",
	ArgsUsage: " ",
	Description: `serve answers Cayley's HTTP API v2 and serves its web UI (open the address in
a browser), so that tools that speak to Cayley can query the graph:

   curl -s -X POST 'http://127.0.0.1:64210/api/v2/query?lang=gizmo' \
        -d 'dkg.person("Xi Jinping").Out(dkg.P.met).Out(dkg.P.name).All()'

Queries get the prelude of dkg query, a --timeout and a --limit, and the same
guard as dkg query. The store is opened read-only (other readers, such as dkg
query, can run beside it); with --writable, POST /api/v2/write and
/api/v2/delete take N-Quads whose graph label is the article, and the store is
held for writing. The server listens on the loopback address unless told
otherwise; --writable on any other address needs a token (--token or
DKG_TOKEN), which writes must send as "Authorization: Bearer TOKEN". Request
bodies are capped at 1 MiB. Stop it with Ctrl-C.

Examples:
   dkg serve
   dkg serve --addr 127.0.0.1:8080 --timeout 5s --limit 500
   DKG_TOKEN=s3cret dkg serve --addr 0.0.0.0:64210 --writable`,
	Flags: []cli.Flag{
		&cli.StringFlag{Name: "addr", Usage: "listen on `HOST:PORT` (port 0: any free port)", Value: "127.0.0.1:64210"},
		&cli.BoolFlag{Name: "writable", Usage: "accept writes (POST /api/v2/write and /api/v2/delete)"},
		&cli.StringFlag{Name: "token", Usage: "`TOKEN` that writes must send; required for --writable off loopback", EnvVars: []string{"DKG_TOKEN"}},
		&cli.DurationFlag{Name: "timeout", Usage: "stop a query that runs longer than `DURATION`", Value: 30 * time.Second},
		&cli.IntFlag{Name: "limit", Usage: "at most `N` results per query", Value: 100},
	},
	Action: func(c *cli.Context) error {
		if err := noArgs(c, "dkg serve --addr 127.0.0.1:64210"); err != nil {
			return err
		}
		addr := c.String("addr")
		host, _, err := net.SplitHostPort(addr)
		if err != nil {
			return usageError(fmt.Sprintf("--addr %q is not HOST:PORT", addr), "dkg serve --addr 127.0.0.1:64210")
		}
		writable, token := c.Bool("writable"), c.String("token")
		if writable && !isLoopback(host) && token == "" {
			return usageError(fmt.Sprintf("--writable on %s, which is not a loopback address, needs a token", addr),
				"set --token or DKG_TOKEN, or serve on 127.0.0.1")
		}
		if c.Int("limit") < 1 || c.Duration("timeout") <= 0 {
			return usageError("--limit and --timeout must be positive", "dkg serve --timeout 30s --limit 100")
		}
		var s *graph.Store
		if writable {
			s, err = openStore(c, false)
		} else {
			s, err = openReader(c)
		}
		if err != nil {
			return err
		}
		defer s.Close()
		ln, err := net.Listen("tcp", addr)
		if err != nil {
			return fail("choose another --addr, or stop what is listening there", "cannot listen on %s: %v", addr, err)
		}
		srv := &http.Server{
			Handler: s.Handler(graph.ServeOptions{
				Writable: writable, Token: token,
				QueryTimeout: c.Duration("timeout"), QueryLimit: c.Int("limit"), MaxBody: 1 << 20,
			}),
			ReadHeaderTimeout: 10 * time.Second,
			ReadTimeout:       30 * time.Second,
			WriteTimeout:      c.Duration("timeout") + 30*time.Second,
			IdleTimeout:       2 * time.Minute,
		}
		mode := "read-only"
		if writable {
			mode = "writable"
		}
		fmt.Fprintf(c.App.ErrWriter, "dkg: serving %s on http://%s (%s); stop with Ctrl-C\n", dbPath(c), ln.Addr(), mode)
		ctx, stop := serveContext(c.Context)
		defer stop()
		done := make(chan error, 1)
		go func() { done <- srv.Serve(ln) }()
		select {
		case err := <-done:
			return fail("check the address", "serve: %v", err)
		case <-ctx.Done():
		}
		shut, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if err := srv.Shutdown(shut); err != nil && !errors.Is(err, context.DeadlineExceeded) {
			return fail("", "serve: %v", err)
		}
		return nil
	},
}

// serveContext is done when dkg serve should stop: on SIGINT or SIGTERM.
// Tests replace it.
var serveContext = func(parent context.Context) (context.Context, context.CancelFunc) {
	return signal.NotifyContext(parent, os.Interrupt, syscall.SIGTERM)
}

// isLoopback says whether host (a name or an address; empty: every
// interface) is only reachable from this machine.
func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
