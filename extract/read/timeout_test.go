package read

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

func TestFetchTimeout(t *testing.T) {
	// A server that never answers costs one input its timeout, with a
	// clear error; the inputs after it are read.
	stop := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/slow":
			select {
			case <-r.Context().Done():
			case <-stop:
			}
		case "/stall":
			// Headers, then a body that stops half-way.
			w.Header().Set("Content-Type", "text/plain")
			w.Header().Set("Content-Length", "1000")
			fmt.Fprint(w, "Indian External Affairs Minister Subrahmanyam Jaishankar met")
			w.(http.Flusher).Flush()
			select {
			case <-r.Context().Done():
			case <-stop:
			}
		case "/fail":
			http.Error(w, "boom", http.StatusInternalServerError)
		default:
			fmt.Fprint(w, "Japanese Foreign Minister Yoko Kamikawa met her Chinese counterpart Wang Yi in Busan on Sunday.")
		}
	}))
	defer srv.Close()
	defer close(stop)

	opt := Options{Client: &http.Client{Timeout: 300 * time.Millisecond}}
	start := time.Now()
	var items []Item
	for it := range All(context.Background(), []string{srv.URL + "/slow", srv.URL + "/stall", srv.URL + "/fail", srv.URL + "/ok.txt"}, opt) {
		items = append(items, it)
	}
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("took %v with a 300 ms timeout", d)
	}
	if len(items) != 4 {
		t.Fatalf("got %d items, want 4", len(items))
	}
	for i, want := range []struct{ msg, hint string }{
		{"timed out after 300ms", "the server is slow or unreachable; try again later, or save the page and read the file"},
		{"timed out after 300ms", "the server is slow or unreachable; try again later, or save the page and read the file"},
		{"HTTP 500 Internal Server Error", "the server failed; try again later"},
	} {
		e := items[i].Err
		if e == nil || e.Msg != want.msg || e.Hint != want.hint {
			t.Errorf("item %d: got %#v, want %q with hint %q", i, e, want.msg, want.hint)
		}
	}
	if items[3].Err != nil || items[3].Article.Text == "" {
		t.Errorf("the good input after the failures: %#v", items[3])
	}
}
