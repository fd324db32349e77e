package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/cayleygraph/quad"

	"github.com/dkg/dkg/extract/read"
	"github.com/dkg/dkg/graph"
)

// Nothing lost, nothing let in: dkg killed at any moment leaves a store that
// opens, with every article in it whole or not at all, and the next run
// finishes the work. These tests run the real binary in child processes.

// TestProcesses builds dkg once and runs the tests that need it as a child
// process: the crash tests (skipped with -short), contention between
// processes, hostile queries and a fetch that times out.
func TestProcesses(t *testing.T) {
	bin := buildDKG(t)
	t.Run("contention", func(t *testing.T) { testContention(t, bin) })
	t.Run("hostile-query", func(t *testing.T) { testHostileQueryCLI(t, bin) })
	t.Run("fetch-timeout", func(t *testing.T) {
		if testing.Short() {
			t.Skip("waits for dkg's 30 s fetch timeout; skipped with -short")
		}
		t.Parallel()
		testFetchTimeoutCLI(t, bin)
	})
	t.Run("crash", func(t *testing.T) {
		if testing.Short() {
			t.Skip("kills dkg 40 times (about 40 s); skipped with -short")
		}
		t.Parallel()
		testCrash(t, bin)
	})
}

// buildDKG builds the dkg binary into a temporary directory.
func buildDKG(t *testing.T) string {
	t.Helper()
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skipf("no go command to build dkg with: %v", err)
	}
	bin := filepath.Join(t.TempDir(), "dkg")
	cmd := exec.Command(goBin, "build", "-o", bin, ".")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// crashPerson is someone the generated articles write about: in office
// from August 2023 to June 2024, so that the dictionaries know the title.
type crashPerson struct{ name, surname, role, country, capital string }

var crashPeople = []crashPerson{
	{"Antony Blinken", "Blinken", "US Secretary of State", "the United States", "Washington"},
	{"Wang Yi", "Wang", "Chinese Foreign Minister", "China", "Beijing"},
	{"Sergei Lavrov", "Lavrov", "Russian Foreign Minister", "Russia", "Moscow"},
	{"Subrahmanyam Jaishankar", "Jaishankar", "Indian External Affairs Minister", "India", "New Delhi"},
	{"Penny Wong", "Wong", "Australian Foreign Minister", "Australia", "Canberra"},
	{"Hakan Fidan", "Fidan", "Turkish Foreign Minister", "Turkey", "Ankara"},
	{"Mauro Vieira", "Vieira", "Brazilian Foreign Minister", "Brazil", "Brasilia"},
	{"Melanie Joly", "Joly", "Canadian Foreign Minister", "Canada", "Ottawa"},
	{"Annalena Baerbock", "Baerbock", "German Foreign Minister", "Germany", "Berlin"},
	{"Dmytro Kuleba", "Kuleba", "Ukrainian Foreign Minister", "Ukraine", "Kyiv"},
}

var (
	crashIssues = []string{"trade", "climate change", "maritime security", "the war in Ukraine", "food security",
		"export controls", "critical minerals", "energy security", "cyber attacks", "arms control", "migration", "fentanyl"}
	crashDays   = []string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday"}
	crashQuotes = []string{
		"We had a frank and useful exchange",
		"There is no substitute for talking face to face",
		"Our partnership has never mattered more",
		"We did not agree on everything, and we said so",
		"Both sides want to keep the channels open",
		"This was a working visit, not a ceremony",
		"We will judge them by their actions",
	}
)

// crashArticle is one generated article.
type crashArticle struct {
	path, url string
	iri       quad.IRI
}

// genArticles writes n short articles about diplomacy, made from
// templates with a fixed seed, each with its own URL and date.
func genArticles(t *testing.T, dir string, n int, seed uint64) []crashArticle {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	start := time.Date(2023, 8, 1, 0, 0, 0, 0, time.UTC)
	var out []crashArticle
	for i := range n {
		a := crashPeople[r.IntN(len(crashPeople))]
		b := crashPeople[r.IntN(len(crashPeople))]
		for b == a {
			b = crashPeople[r.IntN(len(crashPeople))]
		}
		issue := crashIssues[r.IntN(len(crashIssues))]
		day := crashDays[r.IntN(len(crashDays))]
		quote := crashQuotes[r.IntN(len(crashQuotes))]
		pub := start.AddDate(0, 0, r.IntN(330))
		var title, body string
		switch i % 5 {
		case 0:
			title = fmt.Sprintf("%s meets %s in %s", a.surname, b.surname, b.capital)
			body = fmt.Sprintf("%s %s met %s %s in %s on %s, officials from both sides said.\n\n"+
				"The two discussed %s and agreed to meet again before the end of the year. \"%s,\" %s told reporters after the talks.",
				a.role, a.name, b.role, b.name, b.capital, day, issue, quote, a.surname)
		case 1:
			title = fmt.Sprintf("%s visits %s", a.surname, b.capital)
			body = fmt.Sprintf("%s, the %s, visited %s on %s for talks on %s with %s.\n\n"+
				"\"%s,\" %s said at a joint news conference, where %s spoke of a long agenda.",
				a.name, a.role, b.capital, day, issue, b.name, quote, b.surname, a.surname)
		case 2:
			title = fmt.Sprintf("%s expected in %s", a.surname, b.capital)
			body = fmt.Sprintf("%s %s is expected to travel to %s next month to meet %s %s, two diplomats said on %s.\n\n"+
				"The visit, which has not been announced, would focus on %s.",
				a.role, a.name, b.capital, b.role, b.name, day, issue)
		case 3:
			title = fmt.Sprintf("%s urges %s on %s", a.surname, b.country, issue)
			body = fmt.Sprintf("%s %s on %s urged %s to do more on %s.\n\n"+
				"\"%s,\" %s said in a statement issued in %s.",
				a.role, a.name, day, b.country, issue, quote, a.surname, a.capital)
		case 4:
			title = fmt.Sprintf("%s and %s hold call", a.surname, b.surname)
			body = fmt.Sprintf("%s and %s %s spoke by telephone on %s about %s, according to a readout from %s.\n\n"+
				"%s also raised the situation in the Middle East, the readout said.",
				a.name, b.role, b.name, day, issue, a.capital, a.surname)
		}
		url := fmt.Sprintf("https://wire.example/%s/%03d-%s", pub.Format("2006/01/02"), i, genSlug(title))
		text := fmt.Sprintf("---\ntitle: %s\npublished: %s\nurl: %s\nsource: Example Wire\n---\n%s\n",
			title, pub.Format("2006-01-02"), url, body)
		p := filepath.Join(dir, fmt.Sprintf("a%03d.txt", i))
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		out = append(out, crashArticle{path: p, url: url})
	}
	// The IRIs as the readers make them, so that the test does not
	// depend on how an article is identified.
	i := 0
	for it := range read.All(t.Context(), []string{dir}, read.Options{}) {
		if it.Err != nil {
			t.Fatalf("generated article: %v", it.Err)
		}
		out[i].iri = it.Article.IRI()
		i++
	}
	if i != n {
		t.Fatalf("read %d generated articles, want %d", i, n)
	}
	return out
}

func genSlug(s string) string {
	return strings.Trim(strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			return r
		}
		if r >= 'A' && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return '-'
	}, s), "-")
}

// runInProc runs dkg in this process and returns its exit code and output.
func runInProc(args ...string) (int, string, string) {
	var stdout, stderr bytes.Buffer
	code := run(append([]string{"dkg"}, args...), strings.NewReader(""), &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

// sortedExport is the store's export, sorted (an export lists quads in the
// order they were written, which a resumed run changes).
func sortedExport(t *testing.T, db string) []string {
	t.Helper()
	code, out, errOut := runInProc("--db", db, "export")
	if code != 0 {
		t.Fatalf("export: exit %d\n%s", code, errOut)
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	slices.Sort(lines)
	return lines
}

// articleQuads reads every article's quads, sorted (nil: absent).
func storedQuads(t *testing.T, s *graph.Store, arts []crashArticle) [][]string {
	t.Helper()
	out := make([][]string, len(arts))
	for i, a := range arts {
		qs, err := s.ArticleQuads(a.iri)
		if err != nil {
			t.Fatalf("%s: %v", a.iri, err)
		}
		for _, q := range qs {
			out[i] = append(out[i], q.String())
		}
		slices.Sort(out[i])
	}
	return out
}

// copyStoreDir copies a store directory (files only, as dkg makes them).
func copyStoreDir(t *testing.T, from, to string) {
	t.Helper()
	err := filepath.WalkDir(from, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		dst := filepath.Join(to, rel)
		if d.IsDir() {
			return os.MkdirAll(dst, 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(dst, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// killResult is one run of a child killed with SIGKILL.
type killResult struct {
	after    time.Duration // when it was killed
	lines    int           // lines it had printed
	finished bool          // it was done before the kill
}

// startAndKill starts dkg with args and kills it with SIGKILL after delay,
// counted from its start or, when afterLine > 0, from its afterLine-th line
// of output (a line is printed once the article's transaction committed).
func startAndKill(t *testing.T, bin string, delay time.Duration, afterLine int, args ...string) killResult {
	t.Helper()
	cmd := exec.Command(bin, args...)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = io.Discard
	start := time.Now()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	lines := make(chan int, 1024)
	go func() {
		defer close(lines)
		sc := bufio.NewScanner(stdout)
		n := 0
		for sc.Scan() {
			n++
			lines <- n
		}
	}()
	var k killResult
	timer := time.NewTimer(delay)
	if afterLine > 0 {
		timer.Reset(time.Minute)
	}
wait:
	for {
		select {
		case n, ok := <-lines:
			if !ok {
				break wait // done before the kill
			}
			k.lines = n
			if afterLine > 0 && n == afterLine {
				timer.Reset(delay)
			}
		case <-timer.C:
			break wait
		}
	}
	k.after = time.Since(start)
	_ = cmd.Process.Signal(syscall.SIGKILL)
	for n := range lines {
		k.lines = n
	}
	err = cmd.Wait()
	if err == nil {
		k.finished = true
	} else if st, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); !ok || !st.Signaled() {
		// It ended on its own, with an error: not a kill.
		t.Fatalf("dkg %s ended with %v before the kill", strings.Join(args[:3], " "), err)
	}
	return k
}

// randDur is a random duration in [lo, hi).
func randDur(r *rand.Rand, lo, hi time.Duration) time.Duration {
	return lo + time.Duration(r.Int64N(int64(hi-lo)))
}

func testCrash(t *testing.T, bin string) {
	start := time.Now()
	const (
		nArticles = 200
		wantKills = 20 // per command
		maxRuns   = 32
	)
	dir := t.TempDir()
	articles := filepath.Join(dir, "articles")
	arts := genArticles(t, articles, nArticles, 7)

	// The reference: one ingest, not killed. Its time sets the kill
	// moments, so it is timed again once the files and the binary are in
	// the page cache, as they are for the runs that follow: a cold first
	// run took half again as long, and kills planned from it came after
	// the ingest had finished.
	ref := filepath.Join(dir, "ref")
	var full time.Duration
	for i, db := range []string{ref, filepath.Join(dir, "ref-warm")} {
		t0 := time.Now()
		if out, err := exec.Command(bin, "--db", db, "ingest", articles).CombinedOutput(); err != nil {
			t.Fatalf("reference ingest: %v\n%s", err, out)
		}
		if d := time.Since(t0); i == 0 || d < full {
			full = d
		}
	}
	os.RemoveAll(filepath.Join(dir, "ref-warm"))
	refExport := sortedExport(t, ref)
	s, err := graph.OpenReadOnly(ref)
	if err != nil {
		t.Fatal(err)
	}
	refQuads := storedQuads(t, s, arts)
	s.Close()
	for i, q := range refQuads {
		if len(q) == 0 {
			t.Fatalf("article %d (%s) is not in the reference store", i, arts[i].url)
		}
	}
	t.Logf("reference: %d articles, %d quads, ingest in %v", nArticles, len(refExport), full.Round(time.Millisecond))

	// Fixed seed: the same kill moments on every run of the test (as far
	// as the machine's speed allows).
	r := rand.New(rand.NewPCG(2024, 7))
	t.Run("ingest", func(t *testing.T) {
		var present []int
		runs, kills, finished, noStore := 0, 0, 0, 0
		for ; kills < wantKills && runs < maxRuns; runs++ {
			db := filepath.Join(dir, fmt.Sprintf("ingest%02d", runs))
			args := []string{"--db", db, "ingest", articles}
			var k killResult
			if runs%3 == 0 {
				// Anywhere in the run: reading, extracting, writing.
				k = startAndKill(t, bin, randDur(r, 0, full*9/10), 0, args...)
			} else {
				// After a batch was written, while the next one is
				// extracted and written.
				k = startAndKill(t, bin, randDur(r, 0, 80*time.Millisecond), 1+r.IntN(nArticles*3/4), args...)
			}
			if k.finished {
				finished++
			} else {
				kills++
			}
			n, ok := checkKilled(t, db, arts, refQuads, nil)
			if !ok {
				noStore++
			}
			present = append(present, n)
			t.Logf("run %2d: killed after %-7v (%3d lines out), finished %-5v: %3d of %d articles in the store",
				runs, k.after.Round(time.Millisecond), k.lines, k.finished, n, nArticles)
			// The next ingest loads the rest, and the graph is the
			// reference's.
			if code, _, errOut := runInProc("--db", db, "ingest", articles); code != 0 {
				t.Fatalf("run %d: the ingest after the kill failed (exit %d):\n%s", runs, code, errOut)
			}
			if got := sortedExport(t, db); !slices.Equal(got, refExport) {
				t.Fatalf("run %d: after the second ingest the export differs from the reference:\n%s", runs, diffLines(got, refExport))
			}
			os.RemoveAll(db)
		}
		t.Logf("ingest: %d runs, %d killed, %d finished before the kill, %d killed before the store existed; articles in the store after each kill: %v",
			runs, kills, finished, noStore, present)
		if kills < wantKills {
			t.Errorf("only %d of %d runs were killed before they finished; want %d", kills, runs, wantKills)
		}
	})

	t.Run("remove", func(t *testing.T) {
		// Remove every tenth article, killed at random moments.
		var urls []string
		removing := map[int]bool{}
		for i := 0; i < nArticles; i += 10 {
			urls = append(urls, arts[i].url)
			removing[i] = true
		}
		refRemoved := filepath.Join(dir, "ref-removed")
		copyStoreDir(t, ref, refRemoved)
		t0 := time.Now()
		if code, _, errOut := runInProc(append([]string{"--db", refRemoved, "remove"}, urls...)...); code != 0 {
			t.Fatalf("reference remove: exit %d\n%s", code, errOut)
		}
		removeTime := time.Since(t0)
		refRemovedExport := sortedExport(t, refRemoved)
		var left []int
		runs, kills, finished := 0, 0, 0
		for ; kills < wantKills && runs < maxRuns; runs++ {
			db := filepath.Join(dir, fmt.Sprintf("remove%02d", runs))
			copyStoreDir(t, ref, db)
			args := append([]string{"--db", db, "remove"}, urls...)
			var k killResult
			if runs%3 == 0 {
				k = startAndKill(t, bin, randDur(r, 0, removeTime), 0, args...)
			} else {
				k = startAndKill(t, bin, randDur(r, 0, 20*time.Millisecond), 1+r.IntN(len(urls)-2), args...)
			}
			if k.finished {
				finished++
			} else {
				kills++
			}
			n, _ := checkKilled(t, db, arts, refQuads, removing)
			left = append(left, n)
			t.Logf("run %2d: killed after %-7v (%3d lines out), finished %-5v: %2d of %d articles removed",
				runs, k.after.Round(time.Millisecond), k.lines, k.finished, nArticles-n, len(urls))
			// The same remove again takes out the rest; the articles
			// already out are reported as not found.
			code, _, errOut := runInProc(args...)
			if nArticles-n < len(urls) && code != 0 && !strings.Contains(errOut, "not found") {
				t.Fatalf("run %d: the remove after the kill failed (exit %d):\n%s", runs, code, errOut)
			}
			if got := sortedExport(t, db); !slices.Equal(got, refRemovedExport) {
				t.Fatalf("run %d: after the second remove the export differs from the reference:\n%s", runs, diffLines(got, refRemovedExport))
			}
			os.RemoveAll(db)
		}
		t.Logf("remove: %d runs, %d killed, %d finished before the kill (reference remove of %d articles: %v); articles left after each kill: %v",
			runs, kills, finished, len(urls), removeTime.Round(time.Millisecond), left)
		if kills < wantKills {
			t.Errorf("only %d of %d runs were killed before they finished; want %d", kills, runs, wantKills)
		}
	})
	t.Logf("crash test: %v", time.Since(start).Round(time.Millisecond))
}

// checkKilled opens a store left by a killed dkg: it must open (unless the
// kill came before the store was made), and every article must be there
// whole, as in the reference, or not at all. When removing is given, only
// those articles may be gone. It returns how many articles are there.
func checkKilled(t *testing.T, db string, arts []crashArticle, refQuads [][]string, removing map[int]bool) (int, bool) {
	t.Helper()
	if _, err := os.Stat(filepath.Join(db, "indexes.bolt")); err != nil {
		return 0, false
	}
	s, err := graph.Open(db, true)
	if err != nil {
		t.Fatalf("the store left by the kill does not open: %v", err)
	}
	defer s.Close()
	got := storedQuads(t, s, arts)
	n := 0
	for i := range arts {
		switch {
		case len(got[i]) == 0:
		case slices.Equal(got[i], refQuads[i]):
			n++
		default:
			t.Fatalf("article %d (%s) is in the store in part: %d of %d quads\n%s",
				i, arts[i].url, len(got[i]), len(refQuads[i]), diffLines(got[i], refQuads[i]))
		}
	}
	if removing != nil {
		for i := range arts {
			if !removing[i] && len(got[i]) == 0 {
				t.Fatalf("article %d (%s) was not to be removed, and is gone", i, arts[i].url)
			}
		}
	}
	// Every article in the graph has its text beside it (texts are
	// written first).
	texts, err := graph.OpenTexts(db)
	if err != nil {
		t.Fatalf("the text store left by the kill does not open: %v", err)
	}
	defer texts.Close()
	for i := range arts {
		if len(got[i]) == 0 {
			continue
		}
		e, err := texts.Entry(arts[i].iri)
		if err != nil || e == nil {
			t.Fatalf("article %d (%s) is in the graph without its text (%v)", i, arts[i].url, err)
		}
		if _, err := texts.ReadText(e.Hash); err != nil {
			t.Fatalf("article %d (%s): its text cannot be read: %v", i, arts[i].url, err)
		}
	}
	return n, true
}

// diffLines shows the lines only in got and only in want (at most 20 of
// each).
func diffLines(got, want []string) string {
	var b strings.Builder
	g, w := map[string]bool{}, map[string]bool{}
	for _, l := range got {
		g[l] = true
	}
	for _, l := range want {
		w[l] = true
	}
	n := 0
	for _, l := range got {
		if !w[l] && n < 20 {
			fmt.Fprintf(&b, "+ %s\n", l)
			n++
		}
	}
	n = 0
	for _, l := range want {
		if !g[l] && n < 20 {
			fmt.Fprintf(&b, "- %s\n", l)
			n++
		}
	}
	return b.String()
}
