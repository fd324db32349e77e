package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// Contention: a store is used by one writing process, or by any number of
// readers. Whoever comes second is told at once, in dkg's words, and
// nothing waits in silence or corrupts the store.
//
// What happens, as these tests check it with real processes:
//   - a writer (ingest, remove, ...) holds an exclusive lock for its whole
//     run; every other dkg process on the store, writer or reader (query,
//     export, stats), fails at once with "the store at DIR is in use by
//     another dkg process" and a hint;
//   - readers hold a shared lock: they run side by side, and a writer that
//     comes while one runs fails the same way;
//   - when the holder ends, the store is whole and the next command works.

// waitForLock waits until process pid holds a flock of the given kind ("WRITE"
// or "READ") on file, as /proc/locks shows it.
func waitForLock(t *testing.T, pid int, file, kind string) {
	t.Helper()
	fi, err := os.Stat(file)
	if err != nil {
		t.Fatal(err)
	}
	ino := fi.Sys().(*syscall.Stat_t).Ino
	suffix := ":" + strconv.FormatUint(ino, 10)
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		data, err := os.ReadFile("/proc/locks")
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range strings.Split(string(data), "\n") {
			f := strings.Fields(l)
			// 1: FLOCK  ADVISORY  WRITE 12345 00:2a:123456 0 EOF
			if len(f) >= 6 && f[1] == "FLOCK" && f[3] == kind && f[4] == strconv.Itoa(pid) && strings.HasSuffix(f[5], suffix) {
				return
			}
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("process %d did not take a %s lock on %s", pid, kind, file)
}

// runBin runs dkg as a child with a time limit and returns its exit
// code, output and duration.
func runBin(t *testing.T, limit time.Duration, bin string, args ...string) (int, string, string, time.Duration) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), limit)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, args...)
	var stdout, stderr strings.Builder
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	err := cmd.Run()
	d := time.Since(start)
	if ctx.Err() != nil {
		t.Fatalf("dkg %s still running after %v: a hang", strings.Join(args, " "), limit)
	}
	code := 0
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return code, stdout.String(), stderr.String(), d
}

// checkInUse checks that a command failed at once because the store is in
// use, with dkg's message and a hint.
func checkInUse(t *testing.T, db string, code int, stderr string, d time.Duration, what string) {
	t.Helper()
	want := "dkg: error: the store at " + db + " is in use by another dkg process\n"
	if code != 1 || !strings.HasPrefix(stderr, want) || !strings.Contains(stderr, "\ndkg: hint: ") {
		t.Errorf("%s: exit %d, stderr:\n%s\nwant exit 1 and %q and a hint", what, code, stderr, want)
	}
	if d > 5*time.Second {
		t.Errorf("%s: failed after %v, want at once", what, d)
	}
}

func testContention(t *testing.T, bin string) {
	if runtime.GOOS != "linux" {
		t.Skip("reads /proc/locks to see who holds the store")
	}
	dir := t.TempDir()
	arts := genArticles(t, filepath.Join(dir, "articles"), 6, 11)
	db := filepath.Join(dir, "store")
	if code, _, errOut := runInProc("--db", db, "ingest", arts[0].path, arts[1].path); code != 0 {
		t.Fatalf("ingest: exit %d\n%s", code, errOut)
	}
	lock := filepath.Join(db, "dkg.lock")

	t.Run("writer holds the store", func(t *testing.T) {
		// An ingest from standard input holds the store from its start
		// until its input ends.
		writer := exec.Command(bin, "--db", db, "ingest", "-")
		stdin, err := writer.StdinPipe()
		if err != nil {
			t.Fatal(err)
		}
		var wout, werr strings.Builder
		writer.Stdout, writer.Stderr = &wout, &werr
		if err := writer.Start(); err != nil {
			t.Fatal(err)
		}
		defer writer.Process.Kill()
		waitForLock(t, writer.Process.Pid, lock, "WRITE")

		for _, args := range [][]string{
			{"ingest", arts[2].path},
			{"remove", arts[0].url},
			{"query", "g.V().All()"},
			{"export"},
			{"stats"},
			{"meetings"},
		} {
			code, _, stderr, d := runBin(t, 20*time.Second, bin, append([]string{"--db", db}, args...)...)
			checkInUse(t, db, code, stderr, d, args[0])
			t.Logf("%-8s while a writer runs: exit %d after %v: %s", args[0], code, d.Round(time.Millisecond), firstLineOf(stderr))
		}

		// The writer finishes its work: the article it was given is
		// there, and the store is whole.
		text, err := os.ReadFile(arts[3].path)
		if err != nil {
			t.Fatal(err)
		}
		stdin.Write(text)
		stdin.Close()
		done := make(chan error, 1)
		go func() { done <- writer.Wait() }()
		select {
		case err := <-done:
			if err != nil {
				t.Fatalf("the writer failed: %v\n%s", err, werr.String())
			}
		case <-time.After(30 * time.Second):
			t.Fatal("the writer did not finish")
		}
		if !strings.Contains(wout.String(), "total: 1 articles read, 1 new") {
			t.Errorf("writer output:\n%s", wout.String())
		}
		code, out, stderr, _ := runBin(t, 20*time.Second, bin, "--db", db, "export")
		if code != 0 || strings.Count(out, "\n") < 10 {
			t.Fatalf("export after the writer: exit %d\n%s", code, stderr)
		}
	})

	t.Run("readers share the store", func(t *testing.T) {
		// A query that runs until its timeout holds a shared lock.
		reader := exec.Command(bin, "--db", db, "query", "--timeout", "20s", "while(true){}")
		reader.Stdout, reader.Stderr = io.Discard, io.Discard
		if err := reader.Start(); err != nil {
			t.Fatal(err)
		}
		defer func() {
			reader.Process.Kill()
			reader.Wait()
		}()
		waitForLock(t, reader.Process.Pid, lock, "READ")

		// Other readers run beside it.
		for _, args := range [][]string{{"stats"}, {"export"}, {"query", "--format", "json", "g.V().Limit(3).All()"}} {
			code, _, stderr, d := runBin(t, 20*time.Second, bin, append([]string{"--db", db}, args...)...)
			if code != 0 {
				t.Errorf("%s beside a reader: exit %d\n%s", args[0], code, stderr)
			}
			t.Logf("%-8s beside a reader: exit %d after %v", args[0], code, d.Round(time.Millisecond))
		}
		// A writer does not.
		for _, args := range [][]string{{"ingest", arts[4].path}, {"remove", arts[1].url}} {
			code, _, stderr, d := runBin(t, 20*time.Second, bin, append([]string{"--db", db}, args...)...)
			checkInUse(t, db, code, stderr, d, args[0])
			t.Logf("%-8s while a reader runs: exit %d after %v: %s", args[0], code, d.Round(time.Millisecond), firstLineOf(stderr))
		}
	})

	t.Run("after a holder is killed", func(t *testing.T) {
		// A lock dies with its process: a writer killed while it holds
		// the store leaves it usable.
		writer := exec.Command(bin, "--db", db, "ingest", "-")
		stdin, err := writer.StdinPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := writer.Start(); err != nil {
			t.Fatal(err)
		}
		waitForLock(t, writer.Process.Pid, lock, "WRITE")
		writer.Process.Kill()
		writer.Wait()
		stdin.Close()
		code, out, stderr, _ := runBin(t, 20*time.Second, bin, "--db", db, "ingest", arts[4].path)
		if code != 0 || !strings.Contains(out, "1 new") {
			t.Fatalf("ingest after the kill: exit %d\n%s%s", code, out, stderr)
		}
		code, out, stderr, _ = runBin(t, 20*time.Second, bin, "--db", db, "query", "--format", "json", "g.V().Has(\"<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>\", \"<https://schema.org/NewsArticle>\").All()")
		var rows []map[string]any
		if code != 0 || json.Unmarshal([]byte(out), &rows) != nil || len(rows) != 4 {
			t.Fatalf("query after the kill: exit %d, %d articles, want 4\n%s%s", code, len(rows), out, stderr)
		}
	})
}

func firstLineOf(s string) string {
	l, _, _ := strings.Cut(s, "\n")
	return l
}

// testHostileQueryCLI runs queries that try to run forever, emit without
// end, eat memory or reach outside the store.
func testHostileQueryCLI(t *testing.T, bin string) {
	dir := t.TempDir()
	arts := genArticles(t, filepath.Join(dir, "articles"), 5, 3)
	db := filepath.Join(dir, "store")
	if code, _, errOut := runInProc("--db", db, "ingest", filepath.Join(dir, "articles")); code != 0 {
		t.Fatalf("ingest: exit %d\n%s", code, errOut)
	}
	_ = arts

	t.Run("timeout", func(t *testing.T) {
		code, _, stderr, d := runBin(t, 20*time.Second, bin, "--db", db, "query", "--timeout", "1s", "while(true){}")
		if code != 1 || !strings.HasPrefix(stderr, "dkg: error: the query ran longer than 1s and was stopped\ndkg: hint: ") {
			t.Errorf("exit %d, stderr:\n%s", code, stderr)
		}
		if d > 2500*time.Millisecond {
			t.Errorf("returned after %v, want about 1 s", d)
		}
		t.Logf("while(true){} with --timeout 1s: exit %d after %v: %s", code, d.Round(time.Millisecond), firstLineOf(stderr))
	})

	t.Run("limit", func(t *testing.T) {
		for _, tt := range []struct {
			script string
			limit  int
		}{
			{`while (true) { g.emit({n: 1}) }`, 5},
			{`for (var i = 0; i < 5e6; i++) { g.emit({n: i}) }`, 1000},
			{`while (true) { g.V().ForEach(function (v) { g.emit(v) }) }`, 50},
		} {
			code, out, stderr, d := runBin(t, 20*time.Second, bin, "--db", db, "query", "--format", "json", "--limit", strconv.Itoa(tt.limit), tt.script)
			var rows []map[string]any
			if code != 0 || json.Unmarshal([]byte(out), &rows) != nil || len(rows) != tt.limit {
				t.Errorf("%s --limit %d: exit %d, %d rows\n%s", tt.script, tt.limit, code, len(rows), stderr)
			}
			if d > 3*time.Second {
				t.Errorf("%s --limit %d: returned after %v", tt.script, tt.limit, d)
			}
			t.Logf("%s --limit %d: %d rows after %v", tt.script, tt.limit, len(rows), d.Round(time.Millisecond))
		}
	})

	t.Run("memory", func(t *testing.T) {
		for _, script := range []string{
			`var a = []; while (true) { a.push("x".repeat(1e6)) }`,
			`var s = "x"; while (true) { s = s + s }`,
		} {
			cmd := exec.Command(bin, "--db", db, "query", "--timeout", "60s", script)
			var stderr strings.Builder
			cmd.Stdout, cmd.Stderr = io.Discard, &stderr
			start := time.Now()
			done := make(chan error, 1)
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			go func() { done <- cmd.Wait() }()
			select {
			case <-done:
			case <-time.After(45 * time.Second):
				cmd.Process.Kill()
				t.Fatalf("%s: still running after 45 s", script)
			}
			d := time.Since(start)
			rss := int64(0)
			if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
				rss = ru.Maxrss << 10 // KiB on Linux
			}
			want := "the query used more than 512 MiB and was stopped\n"
			if cmd.ProcessState.ExitCode() != 1 || !strings.HasPrefix(stderr.String(), "dkg: error: ") ||
				!strings.Contains(firstLineOf(stderr.String())+"\n", want) || !strings.Contains(stderr.String(), "\ndkg: hint: ") {
				t.Errorf("%s: exit %d, stderr:\n%s\nwant %q", script, cmd.ProcessState.ExitCode(), stderr.String(), want)
			}
			if rss > 3<<30 {
				t.Errorf("%s: peak RSS %d MiB", script, rss>>20)
			}
			t.Logf("%s: exit %d after %v, peak RSS %d MiB: %s", script, cmd.ProcessState.ExitCode(), d.Round(time.Millisecond), rss>>20, firstLineOf(stderr.String()))
		}
	})

	t.Run("sandbox", func(t *testing.T) {
		names := []string{"require", "process", "fs", "fetch", "XMLHttpRequest", "module", "setTimeout", "Uint8Array"}
		var script strings.Builder
		for _, n := range names {
			fmt.Fprintf(&script, "g.emit({name: %q, type: typeof %s});", n, n)
		}
		code, out, stderr, _ := runBin(t, 20*time.Second, bin, "--db", db, "query", "--format", "json", script.String())
		var rows []map[string]any
		if code != 0 || json.Unmarshal([]byte(out), &rows) != nil || len(rows) != len(names) {
			t.Fatalf("exit %d, %s\n%s", code, out, stderr)
		}
		for _, r := range rows {
			if r["type"] != "undefined" {
				t.Errorf("typeof %v is %v, want undefined", r["name"], r["type"])
			}
		}
		for _, script := range []string{`require("fs").readFileSync("/etc/passwd")`, `process.exit(3)`, `fetch("http://127.0.0.1:1/")`} {
			code, _, stderr, _ := runBin(t, 20*time.Second, bin, "--db", db, "query", script)
			if code != 1 || !strings.Contains(stderr, "ReferenceError") {
				t.Errorf("%s: exit %d\n%s", script, code, stderr)
			}
		}
	})
}
