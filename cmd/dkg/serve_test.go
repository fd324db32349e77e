package main

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncBuffer is a buffer that a server goroutine writes while a test reads.
type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// startServe runs dkg serve in-process on an ephemeral loopback port and
// returns its base URL; the server stops at the end of the test.
func startServe(t *testing.T, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	old := serveContext
	serveContext = func(parent context.Context) (context.Context, context.CancelFunc) { return ctx, cancel }
	var stderr syncBuffer
	done := make(chan int, 1)
	go func() {
		done <- run(append([]string{"dkg"}, args...), strings.NewReader(""), io.Discard, &stderr)
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case code := <-done:
			if code != 0 {
				t.Errorf("serve exited %d: %s", code, stderr.String())
			}
		case <-time.After(10 * time.Second):
			t.Error("serve did not stop")
		}
		serveContext = old
	})
	re := regexp.MustCompile(`http://127\.0\.0\.1:\d+`)
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if u := re.FindString(stderr.String()); u != "" {
			return u
		}
		select {
		case code := <-done:
			t.Fatalf("serve exited %d: %s", code, stderr.String())
		default:
		}
	}
	t.Fatalf("serve did not start: %s", stderr.String())
	return ""
}

func post(t *testing.T, u, body string, header ...string) (int, map[string]any) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, u, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out map[string]any
	b, _ := io.ReadAll(resp.Body)
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatalf("POST %s: answer is not JSON: %q", u, b)
	}
	return resp.StatusCode, out
}

const testQuad = `<https://example.org/p/a> <https://schema.org/name> "Test Person" <https://w3id.org/dkg/id/article/test> .`

func TestServeReadOnly(t *testing.T) {
	db := examplesStore(t)
	base := startServe(t, "--db", db, "serve", "--addr", "127.0.0.1:0", "--timeout", "2s")

	code, out := post(t, base+"/api/v2/query?lang=gizmo", `dkg.person("Xi Jinping").Out(dkg.P.met).Out(dkg.P.name).Unique().All()`)
	if code != 200 || !strings.Contains(jsonText(out["result"]), "Joe Biden") {
		t.Errorf("POST query: %d %v", code, out)
	}
	resp, err := http.Get(base + "/api/v2/query?lang=gizmo&qu=" + url.QueryEscape(`g.V("<https://w3id.org/dkg/id/person/wang-yi>").Out("<https://schema.org/name>").All()`))
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(b), "Wang Yi") {
		t.Errorf("GET query: %d %s", resp.StatusCode, b)
	}

	code, out = post(t, base+"/api/v2/query?lang=gizmo", `g.V(.All()`)
	if code != 400 || !strings.Contains(jsonText(out["error"]), "SyntaxError") {
		t.Errorf("bad query: %d %v", code, out)
	}
	code, out = post(t, base+"/api/v2/query?lang=gizmo", `while (true) {}`)
	if code != 400 || !strings.Contains(jsonText(out["error"]), "stopped") {
		t.Errorf("runaway query: %d %v", code, out)
	}
	// The crash guard of dkg query holds here too.
	code, out = post(t, base+"/api/v2/query?lang=gizmo", `g.V("<https://w3id.org/dkg/id/person/wang-yi>").Except(g.V("<https://example.org/not-there>")).All()`)
	if code != 200 {
		t.Errorf("Except with an empty set: %d %v", code, out)
	}
	code, out = post(t, base+"/api/v2/query?lang=gizmo", strings.Repeat("/", 2<<20))
	if code != http.StatusRequestEntityTooLarge {
		t.Errorf("a 2 MiB body: %d %v", code, out)
	}
	code, out = post(t, base+"/api/v2/write", testQuad)
	if code != 403 || !strings.Contains(jsonText(out["error"]), "read-only") {
		t.Errorf("write to a read-only server: %d %v", code, out)
	}

	resp, err = http.Get(base + "/")
	if err != nil {
		t.Fatal(err)
	}
	b, _ = io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(b), "<html") {
		t.Errorf("the UI: %d %.100s", resp.StatusCode, b)
	}
}

func TestServeWritable(t *testing.T) {
	db := examplesStore(t)
	base := startServe(t, "--db", db, "serve", "--addr", "127.0.0.1:0", "--writable", "--token", "s3cret")

	code, out := post(t, base+"/api/v2/write", testQuad)
	if code != 401 {
		t.Errorf("write without the token: %d %v", code, out)
	}
	code, out = post(t, base+"/api/v2/write", testQuad, "Authorization", "Bearer wrong")
	if code != 401 {
		t.Errorf("write with a wrong token: %d %v", code, out)
	}
	code, out = post(t, base+"/api/v2/write", testQuad, "Authorization", "Bearer s3cret")
	if code != 200 || out["count"] != float64(1) {
		t.Fatalf("write: %d %v", code, out)
	}
	code, out = post(t, base+"/api/v2/query?lang=gizmo", `g.V("<https://example.org/p/a>").Out("<https://schema.org/name>").All()`)
	if code != 200 || !strings.Contains(jsonText(out["result"]), "Test Person") {
		t.Errorf("read back: %d %v", code, out)
	}
	code, out = post(t, base+"/api/v2/write", `<https://example.org/p/a> <https://schema.org/name> "No Label" .`, "Authorization", "Bearer s3cret")
	if code != 400 || !strings.Contains(jsonText(out["error"]), "graph label") {
		t.Errorf("a quad without an article: %d %v", code, out)
	}
	code, out = post(t, base+"/api/v2/delete", testQuad, "Authorization", "Bearer s3cret")
	if code != 200 {
		t.Errorf("delete: %d %v", code, out)
	}
	code, out = post(t, base+"/api/v2/query?lang=gizmo", `g.V("<https://example.org/p/a>").Out("<https://schema.org/name>").All()`)
	if code != 200 || strings.Contains(jsonText(out["result"]), "Test Person") {
		t.Errorf("after delete: %d %v", code, out)
	}
}

func TestServeRefusesUnsafeStart(t *testing.T) {
	db := examplesStore(t)
	t.Setenv("DKG_TOKEN", "")
	code, _, errs := dkg(t, "", "--db", db, "serve", "--addr", "0.0.0.0:0", "--writable")
	if code != 2 || !strings.Contains(errs, "needs a token") {
		t.Errorf("--writable on 0.0.0.0 without a token: exit %d, %s", code, errs)
	}
	code, _, errs = dkg(t, "", "--db", db, "serve", "--addr", "nonsense")
	if code != 2 || !strings.Contains(errs, "not HOST:PORT") {
		t.Errorf("bad --addr: exit %d, %s", code, errs)
	}
	for _, h := range []string{"127.0.0.1", "::1", "localhost"} {
		if !isLoopback(h) {
			t.Errorf("isLoopback(%q) = false", h)
		}
	}
	for _, h := range []string{"", "0.0.0.0", "192.168.1.2", "example.org"} {
		if isLoopback(h) {
			t.Errorf("isLoopback(%q) = true", h)
		}
	}
}

func jsonText(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}
