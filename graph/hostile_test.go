package graph

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"
)

// Hostile queries: whatever a Gizmo script does, Query returns in time,
// within its memory cap and without touching anything outside the store.

func TestQueryMemoryGuard(t *testing.T) {
	s := openTest(t)
	mustPut(t, s, testArticle(1))
	const limit = 64 << 20
	for _, script := range []string{
		`var a = []; while (true) { a.push("x".repeat(1e6)) }`,
		`var s = "x"; while (true) { s = s + s }`,
		`var o = {}; for (var i = 0; ; i++) { o["k" + i] = [i, i, i] }`,
	} {
		t.Run(script, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(WithQueryMemory(context.Background(), limit), 30*time.Second)
			defer cancel()
			start := time.Now()
			_, err := s.Query(ctx, script, 0)
			d := time.Since(start)
			var me *MemoryError
			if !errors.As(err, &me) || me.Limit != limit {
				t.Fatalf("got %v (%T), want a *MemoryError", err, err)
			}
			if want := "the query used more than 64 MiB and was stopped"; err.Error() != want {
				t.Errorf("got %q, want %q", err, want)
			}
			if d > 10*time.Second {
				t.Errorf("stopped after %v", d)
			}
			t.Logf("stopped after %v", d.Round(time.Millisecond))
		})
	}
	// The stopped scripts hold nothing: the store takes a write, and the
	// memory comes back.
	if _, err := s.Remove(testArticle(1).IRI); err != nil {
		t.Fatal(err)
	}
	var heap int64
	for range 50 {
		runtime.GC()
		if heap = heapBytes(); heap < 2*limit {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	if heap >= 2*limit {
		t.Errorf("heap still %d MiB after the stopped queries", heap>>20)
	}
}

func TestQueryMemoryGuardOff(t *testing.T) {
	// A query under its cap runs to its end, with or without a cap.
	s := openTest(t)
	for _, limit := range []int64{0, DefaultQueryMemory} {
		ctx := WithQueryMemory(context.Background(), limit)
		rows, err := s.Query(ctx, `var a = []; for (var i = 0; i < 20; i++) { a.push("x".repeat(1e6)) } g.emit(a.length)`, 0)
		if err != nil || len(rows) != 1 || rows[0]["value"] != int64(20) {
			t.Errorf("limit %d: got %v, %v", limit, rows, err)
		}
	}
}

func TestQueryOneStepAllocations(t *testing.T) {
	// Built-ins that allocate what the script asks for in one call cannot
	// be interrupted: they are capped or gone.
	s := openTest(t)
	for _, tt := range []struct{ script, want string }{
		{`"x".repeat(1e10)`, "RangeError: String.prototype.repeat: the result would be longer than the query's memory cap of 512 MiB"},
		{`"x".padStart(1e10)`, "RangeError: String.prototype.padStart"},
		{`"x".padEnd(1e10, "y")`, "RangeError: String.prototype.padEnd"},
		{`new Float64Array(1e10).fill(1)`, "ReferenceError: Float64Array is not defined"},
		{`new ArrayBuffer(1e10)`, "ReferenceError: ArrayBuffer is not defined"},
		{`new DataView(null)`, "ReferenceError: DataView is not defined"},
	} {
		t.Run(tt.script, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			_, err := s.Query(ctx, tt.script, 0)
			var qe *QueryError
			if !errors.As(err, &qe) || !strings.Contains(qe.Msg, tt.want) {
				t.Fatalf("got %v, want a QueryError with %q", err, tt.want)
			}
		})
	}
	rows, err := s.Query(context.Background(), `g.emit("ab".repeat(3)); g.emit("7".padStart(3, "0")); g.emit("a".padEnd(2, "b")); g.emit("".repeat.call("z", 2))`, 0)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range rows {
		got = append(got, fmt.Sprint(r["value"]))
	}
	if want := "ababab 007 ab zz"; strings.Join(got, " ") != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestQueryLimitStopsScript(t *testing.T) {
	// Gizmo drops what a script emits past the limit but lets it run on;
	// Query stops it as soon as it has the rows.
	s := openTest(t)
	mustPut(t, s, testArticle(1))
	for _, script := range []string{
		`while (true) { g.emit({n: 1}) }`,
		`for (var i = 0; i < 1e9; i++) { g.emit(i) }`,
		`while (true) { g.V().forEach(function (v) { g.emit(v) }) }`,
	} {
		t.Run(script, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			start := time.Now()
			rows, err := s.Query(ctx, script, 7)
			if err != nil {
				t.Fatal(err)
			}
			if len(rows) != 7 {
				t.Errorf("got %d rows, want 7", len(rows))
			}
			if d := time.Since(start); d > 2*time.Second {
				t.Errorf("returned after %v", d)
			}
		})
	}
	if _, err := s.Remove(testArticle(1).IRI); err != nil {
		t.Fatal(err)
	}
}

func TestQuerySandbox(t *testing.T) {
	// A script reaches the store and nothing else: no modules, files,
	// network, process, timers or source maps.
	s := openTest(t)
	names := []string{"require", "process", "fs", "fetch", "XMLHttpRequest", "module", "exports",
		"global", "os", "Deno", "Bun", "setTimeout", "setInterval", "console", "importScripts", "WebSocket"}
	var b strings.Builder
	for _, n := range names {
		fmt.Fprintf(&b, "g.emit(typeof %s);\n", n)
	}
	rows, err := s.Query(context.Background(), b.String(), 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(names) {
		t.Fatalf("got %d rows, want %d", len(rows), len(names))
	}
	for i, n := range names {
		if rows[i]["value"] != "undefined" {
			t.Errorf("typeof %s is %v, want undefined", n, rows[i]["value"])
		}
	}
	for _, script := range []string{
		`import("fs")`,
		`require("fs")`,
		`process.exit(1)`,
		`fetch("http://127.0.0.1/")`,
		`new XMLHttpRequest()`,
		`eval("require")("child_process")`,
		`Function("return this")().require("os")`,
		"g.V().all()\n//# sourceMappingURL=/etc/passwd",
	} {
		t.Run(script, func(t *testing.T) {
			_, err := s.Query(context.Background(), script, 0)
			var qe *QueryError
			if script == "g.V().all()\n//# sourceMappingURL=/etc/passwd" {
				if err != nil {
					t.Errorf("got %v, want no error (the source map is not read)", err)
				}
				return
			}
			if !errors.As(err, &qe) {
				t.Fatalf("got %v (%T), want a script error", err, err)
			}
		})
	}
}
