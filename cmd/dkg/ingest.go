package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"iter"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/cayleygraph/quad"
	"github.com/schollz/progressbar/v3"
	"github.com/urfave/cli/v2"
	"golang.org/x/term"

	"github.com/dkg/dkg/extract"
	"github.com/dkg/dkg/extract/dedup"
	"github.com/dkg/dkg/extract/read"
	"github.com/dkg/dkg/graph"
	"github.com/dkg/dkg/schema"
)

// Flags shared by ingest, extract and eval: what an input does not say
// about itself.
var (
	publishedFlag = &cli.StringFlag{Name: "published", Usage: "publication `DATE` (YYYY-MM-DD); relative dates (\"last month\") resolve against it"}
	urlFlag       = &cli.StringFlag{Name: "url", Usage: "the article's own `URL` (its identity in the graph)"}
	titleFlag     = &cli.StringFlag{Name: "title", Usage: "the article's headline"}
	sourceFlag    = &cli.StringFlag{Name: "source", Usage: "the outlet that published it"}
	formatFlag    = &cli.StringFlag{Name: "format", Usage: "input `FORMAT`: text, html, jsonl or feed (default: by extension or content)"}
	maxSizeFlag   = &cli.Int64Flag{Name: "max-size", Usage: "refuse inputs larger than `BYTES`", Value: 32 << 20}
)

func inputFlags() []cli.Flag {
	return []cli.Flag{publishedFlag, urlFlag, titleFlag, sourceFlag, formatFlag, maxSizeFlag}
}

// readOptions turns the flags into reader options.
func readOptions(c *cli.Context) (read.Options, error) {
	opt := read.Options{
		URL:     c.String("url"),
		Title:   c.String("title"),
		Source:  c.String("source"),
		Format:  c.String("format"),
		MaxSize: c.Int64("max-size"),
		Stdin:   c.App.Reader,
	}
	if p := c.String("published"); p != "" {
		t, err := time.Parse("2006-01-02", p)
		if err != nil {
			return opt, usageError(fmt.Sprintf("--published %q is not a date", p), "write the date as YYYY-MM-DD, e.g. --published 2023-06-20")
		}
		opt.Published = t
	}
	switch opt.Format {
	case "", "text", "html", "jsonl", "feed":
	default:
		return opt, usageError(fmt.Sprintf("unknown --format %q", opt.Format), "use one of text, html, jsonl, feed")
	}
	return opt, nil
}

var ingestCommand = &cli.Command{
	Name:      "ingest",
	Usage:     "extract facts from articles and load them into the store",
	ArgsUsage: "PATH...",
	Description: `PATH is a file (.txt, .html, .jsonl, .xml/.rss/.atom), a directory (read
recursively), a glob, an http(s) URL, or - for standard input. A text file may
start with a front-matter block:

   ---
   title: Blinken meets Xi in Beijing
   published: 2023-06-19
   url: https://example.org/blinken-xi
   source: Example Wire
   ---

For a single article the flags override what the file says; for JSON Lines and
feeds they are defaults for items that lack the field.

Each article becomes one named graph. Loading the same article again changes
nothing; a changed article replaces its old facts in one transaction. An input
that fails is reported and skipped, and nothing of it is written.

People carry over between articles: a later article's "Rao" or "Rao of HPI"
reaches the person an earlier article (stored, or in the same run) named in
full. The same event told by several articles is one node with every article
as a source. A syndicated copy of an article already loaded (the same story,
edited or cut short) is recorded as a duplicate of it and its facts are not
loaded twice. The text of every article is kept beside the store, so that
'dkg reindex' can extract them again.

Example:
   dkg ingest --published 2023-06-20 article.txt
   dkg ingest examples/`,
	Flags: inputFlags(),
	Action: func(c *cli.Context) error {
		if c.NArg() == 0 {
			return usageError("ingest needs at least one PATH", "dkg ingest FILE... (or - for standard input)")
		}
		opt, err := readOptions(c)
		if err != nil {
			return err
		}
		l, err := openLoader(c)
		if err != nil {
			return err
		}
		defer l.close()
		if err := l.load(c.Context, l.read(c.Context, c.Args().Slice(), opt)); err != nil {
			return err
		}
		l.printTotal()
		return l.failure()
	},
}

// loader loads articles into a store: ingest and reindex share it.
//
// A run has two extraction phases, each on every core. Phase 1 extracts
// every article with the people already in the store as known people, and
// keeps only the people it finds. Phase 2 extracts every article again,
// knowing the stored people and all of phase 1's, so that an article's
// bare "Rao" reaches the Ananya Rao another article of the same run names
// in full, whatever the order of the inputs. Between the phases, a
// sequential pass in input order finds syndicated copies. Phase 2's results
// are written in input order by one writer, in batches of one transaction
// each, after corrections (merges) and event matching are applied: the
// result depends only on the inputs and the store, never on timing, and
// loading the same inputs again writes nothing. Only the texts, their
// fingerprints and phase 1's people and events are kept in memory for the
// whole run; phase 2's quads are written as they come.
type loader struct {
	store *graph.Store
	texts *graph.Texts
	corr  *graph.Corrections
	pipe  *extract.Pipeline
	// fresh builds the graph as a fresh ingest would: known people,
	// events and originals come only from the run, not from the store
	// (reindex, where the run is every stored article).
	fresh   bool
	workers int
	batch   int
	out     io.Writer
	errw    io.Writer
	bar     bool // show progress bars on errw
	start   time.Time
	sum     loadSummary
}

// loadSummary counts what a run did.
type loadSummary struct {
	read, added, replaced, unchanged, duplicates, failed int
	facts, merged                                        int
	failures                                             []string
}

// loadJob is one article of a run.
type loadJob struct {
	art  extract.Article
	iri  quad.IRI
	err  error
	hint string

	hash   string          // its text's name in the text store
	fp     *dedup.Text     // shingles, signature, samples (shingles dropped after the duplicate pass)
	keys   *graph.TextKeys // what the text index keeps
	people []graph.Person  // phase 1
	events []graph.Event   // phase 1

	shingles int // how many the text has

	dupOf quad.IRI  // the article this one is a copy of
	flips []flipDup // stored articles that become copies of this one
}

// flipDup is a stored article that turns out to be a copy of a new one.
type flipDup struct {
	entry graph.TextEntry
	of    quad.IRI
}

const (
	// loadBatch articles share one write transaction: 64 (about 13,000
	// quads) wrote fastest of 8 to 1024.
	loadBatch = 64
	// loadMemoryLimit is the Go heap's soft limit during a run.
	loadMemoryLimit = 320 << 20
)

func openLoader(c *cli.Context) (*loader, error) {
	s, err := openStore(c, true)
	if err != nil {
		return nil, err
	}
	l, err := newLoader(s, c.App.Writer, c.App.ErrWriter)
	if err != nil {
		s.Close()
		return nil, err
	}
	return l, nil
}

func newLoader(s *graph.Store, out, errw io.Writer) (*loader, error) {
	pipe, err := extract.Default()
	if err != nil {
		return nil, fail("reinstall dkg: its dictionaries are built in", "load the extractor: %v", err)
	}
	texts, err := graph.OpenTexts(s.Dir())
	if err != nil {
		return nil, fail("check that the store directory is writable", "%v", err)
	}
	corr, err := graph.LoadCorrections(s.Dir())
	if err != nil {
		texts.Close()
		return nil, fail("fix or remove "+filepath.Join(s.Dir(), "corrections.json"), "%v", err)
	}
	return &loader{
		store: s, texts: texts, corr: corr, pipe: pipe,
		workers: runtime.GOMAXPROCS(0), batch: loadBatch,
		out: out, errw: errw, bar: progressTerminal(errw), start: time.Now(),
	}, nil
}

func (l *loader) close() {
	l.texts.Close()
	l.store.Close()
}

// progressTerminal reports whether w is a terminal: progress bars are drawn
// only there.
func progressTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

func (l *loader) newBar(n int, desc string) *progressbar.ProgressBar {
	return progressbar.NewOptions(n,
		progressbar.OptionSetWriter(l.errw),
		progressbar.OptionSetVisibility(l.bar && n != 0 && n != 1),
		progressbar.OptionSetDescription(desc),
		progressbar.OptionShowCount(),
		progressbar.OptionShowIts(),
		progressbar.OptionSetItsString("articles"),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionClearOnFinish(),
	)
}

// read yields a job for every input, in input order.
func (l *loader) read(ctx context.Context, paths []string, opt read.Options) iter.Seq[*loadJob] {
	return func(yield func(*loadJob) bool) {
		for it := range read.All(ctx, paths, opt) {
			j := &loadJob{art: it.Article, iri: it.Article.IRI()}
			if it.Err != nil {
				j = &loadJob{err: it.Err, hint: it.Err.Hint}
			}
			if !yield(j) {
				return
			}
		}
	}
}

// load runs the two phases over the jobs src yields and writes the
// results. Phase 1 starts while src is still reading.
func (l *loader) load(ctx context.Context, src iter.Seq[*loadJob]) error {
	if ctx == nil {
		ctx = context.Background()
	}
	// A run holds little (texts, fingerprints, people, events) but makes
	// much garbage (Cayley's writes): the collector runs half as often as
	// by default (about 15 % less CPU at 10,000 articles), and a soft
	// limit keeps the heap from growing past loadMemoryLimit all the same.
	// The pages of the store's file that bbolt maps come on top (about
	// 300 bytes a quad).
	defer debug.SetGCPercent(debug.SetGCPercent(200))
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(loadMemoryLimit))
	var stored []graph.Person
	if !l.fresh {
		var err error
		if stored, err = l.store.People(ctx); err != nil {
			return fail("check the store", "%v", err)
		}
	}
	corrPeople := l.corr.People()
	known1 := knownPeople(graph.MergePeople(stored, corrPeople))

	// Phase 1: fingerprints, and the people and events each article
	// names.
	bar := l.newBar(-1, "extracting (1/2)")
	jobs := l.parallel(src, func(j *loadJob) {
		defer bar.Add(1)
		if j.err != nil {
			return
		}
		fp := dedup.Fingerprint(j.art.Text)
		bands := dedup.BandKeys(&fp.Signature)
		j.fp, j.shingles = &fp, len(fp.Shingles)
		j.keys = &graph.TextKeys{Signature: fp.Signature[:], Bands: bands[:], Samples: fp.Samples}
		res, err := l.pipe.ExtractWith(j.art, known1)
		if err != nil {
			j.err = fmt.Errorf("%s: %v", j.art.Location, err)
			return
		}
		q := l.corr.Apply(res.Quads)
		j.people, j.events = graph.PeopleFromQuads(q), graph.EventsFromQuads(q)
	})
	bar.Finish()

	if err := l.findCopies(jobs); err != nil {
		return err
	}
	if err := l.texts.Release(); err != nil { // until the texts are written
		return fail("check the store", "%v", err)
	}

	lists := [][]graph.Person{stored, corrPeople}
	var events []graph.Event
	for _, j := range jobs {
		if j.err == nil && j.dupOf == "" {
			lists = append(lists, j.people)
			events = append(events, j.events...)
		}
		j.people, j.events = nil, nil
	}
	known2 := knownPeople(graph.MergePeople(lists...))

	var matcher *graph.EventMatcher
	if l.fresh {
		matcher = graph.NewEventMatcher(nil)
	} else {
		matcher = graph.NewEventMatcher(l.store)
	}
	if err := matcher.Seed(ctx, events); err != nil {
		return fail("check the store", "match events: %v", err)
	}
	return l.write(ctx, jobs, known2, matcher)
}

// parallel runs fn on every job src yields, on all cores, and returns the
// jobs in order.
func (l *loader) parallel(src iter.Seq[*loadJob], fn func(*loadJob)) []*loadJob {
	ch := make(chan *loadJob, 2*l.workers)
	var wg sync.WaitGroup
	for w := 0; w < l.workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range ch {
				fn(j)
			}
		}()
	}
	var jobs []*loadJob
	for j := range src {
		jobs = append(jobs, j)
		ch <- j
	}
	close(ch)
	wg.Wait()
	return jobs
}

// knownPeople turns the graph's people into the extractor's. A person
// known by one word that is the first or last word of another person's
// full name is left out: it is a bare surname an article could not resolve
// on its own ("Rao" when "Ananya Rao" is known), and would otherwise make
// the surname ambiguous.
func knownPeople(people []graph.Person) *extract.Known {
	parts := map[string]bool{}
	for _, p := range people {
		if w := strings.Fields(schema.Fold(p.Name)); len(w) >= 2 {
			parts[w[0]] = true
			parts[w[len(w)-1]] = true
		}
	}
	var out []extract.KnownPerson
	for _, p := range people {
		w := strings.Fields(schema.Fold(p.Name))
		if len(w) == 0 || (len(w) == 1 && parts[w[0]]) {
			continue
		}
		kp := extract.KnownPerson{Name: p.Name, Aliases: p.AlternateNames}
		if len(p.JobTitles) > 0 {
			kp.Title = p.JobTitles[0]
		}
		if len(p.Represents) > 0 {
			kp.Country = p.Represents[0]
		}
		for _, o := range p.Affiliations {
			if o.Name != "" {
				kp.Orgs = append(kp.Orgs, o.Name)
			}
			kp.Orgs = append(kp.Orgs, o.AlternateNames...)
		}
		out = append(out, kp)
	}
	return extract.NewKnown(out)
}

// copyCand is a text a job may be a copy of.
type copyCand struct {
	iri      quad.IRI
	job      *loadJob         // a job of the run, or nil
	entry    *graph.TextEntry // a stored article, or nil
	shingles []uint64
}

// copyFinder finds syndicated copies among a run's jobs and the stored
// articles.
type copyFinder struct {
	l      *loader
	jobs   []*loadJob
	inRun  map[quad.IRI]*loadJob
	stored map[quad.IRI]*copyCand // cache of stored candidates (nil: none)
	// redirect holds the originals decided in this run for stored
	// articles, which the index learns only when the run is written.
	redirect map[quad.IRI]quad.IRI
}

// findCopies marks syndicated copies, in input order. A job is compared
// with the earlier jobs of the run and (unless fresh) with the stored
// articles that share an LSH band or most samples with it; a candidate is
// a copy when its exact shingle sets say so (dedup.Overlap.Copy). Of two
// copies the one with more shingles (then the smaller IRI) is the
// original, so that a full story that arrives after its truncated copy
// becomes the original and the copy is turned into a duplicate: which came
// first does not matter. Every copy points at the original itself, never
// at another copy.
func (l *loader) findCopies(jobs []*loadJob) error {
	f := &copyFinder{l: l, jobs: jobs, inRun: map[quad.IRI]*loadJob{},
		stored: map[quad.IRI]*copyCand{}, redirect: map[quad.IRI]quad.IRI{}}
	idx := dedup.NewIndex()
	for i, j := range jobs {
		if j.err != nil {
			continue
		}
		var cands []copyCand
		for _, id := range idx.Candidates(j.fp) {
			if o := jobs[id]; o.iri != j.iri && f.inRun[o.iri] == o {
				cands = append(cands, copyCand{iri: o.iri, job: o, shingles: o.fp.Shingles})
			}
		}
		if !l.fresh {
			stored, err := f.storedCopies(j)
			if err != nil {
				return err
			}
			cands = append(cands, stored...)
		}
		idx.Add(i, j.fp)
		f.inRun[j.iri] = j
		var best *copyCand
		var bestCommon int
		for k := range cands {
			c := &cands[k]
			o := dedup.Compare(j.fp.Shingles, c.shingles)
			if !o.Copy() {
				continue
			}
			if best == nil || o.Common > bestCommon || (o.Common == bestCommon && c.iri < best.iri) {
				best, bestCommon = c, o.Common
			}
		}
		if best == nil {
			continue
		}
		root, err := f.root(best)
		if err != nil {
			return err
		}
		if root.iri == j.iri {
			continue
		}
		if n := len(root.shingles); n > j.shingles || (n == j.shingles && root.iri < j.iri) {
			j.dupOf = root.iri
			continue
		}
		// j is the better text: the root and its copies become copies of j.
		for _, o := range jobs[:i] {
			if o.err == nil && (o.iri == root.iri || o.dupOf == root.iri) {
				o.dupOf = j.iri
				for _, fl := range o.flips { // stored copies it had taken over
					f.redirect[fl.entry.IRI] = j.iri
					j.flips = append(j.flips, flipDup{entry: fl.entry, of: j.iri})
				}
				o.flips = nil
			}
		}
		if root.entry != nil {
			entries, err := l.texts.Entries()
			if err != nil {
				return fail("check the store", "%v", err)
			}
			for _, e := range entries {
				if e.Removed || f.inRun[e.IRI] != nil {
					continue
				}
				if e.IRI == root.iri || e.DuplicateOf == root.iri || f.redirect[e.IRI] == root.iri {
					j.flips = append(j.flips, flipDup{entry: e, of: j.iri})
					f.redirect[e.IRI] = j.iri
				}
			}
		}
	}
	for _, j := range jobs {
		if j.fp != nil {
			j.fp.Shingles = nil
		}
	}
	return nil
}

// storedCopies returns the stored articles j may be a copy of.
func (f *copyFinder) storedCopies(j *loadJob) ([]copyCand, error) {
	m, err := f.l.texts.Lookup(j.keys, dedup.MaxPosting)
	if err != nil {
		return nil, fail("check the store", "%v", err)
	}
	var iris []quad.IRI
	for iri := range m.Bands {
		iris = append(iris, iri)
	}
	for iri, n := range m.Samples {
		if !m.Bands[iri] && dedup.SampleCandidate(n, len(j.fp.Samples), m.SampleCounts[iri]) {
			iris = append(iris, iri)
		}
	}
	slices.Sort(iris)
	var out []copyCand
	for _, iri := range iris {
		if iri == j.iri || f.inRun[iri] != nil {
			continue // the run's own version is compared instead
		}
		c, err := f.storedCand(iri)
		if err != nil {
			return nil, err
		}
		if c != nil {
			out = append(out, *c)
		}
	}
	return out, nil
}

// storedCand reads a stored article's text for comparison.
func (f *copyFinder) storedCand(iri quad.IRI) (*copyCand, error) {
	if c, ok := f.stored[iri]; ok {
		return c, nil
	}
	e, err := f.l.texts.Entry(iri)
	if err != nil {
		return nil, fail("check the store", "%v", err)
	}
	var c *copyCand
	if e != nil && !e.Removed {
		// A text that cannot be read is no original.
		if text, err := f.l.texts.ReadText(e.Hash); err == nil {
			c = &copyCand{iri: iri, entry: e, shingles: dedup.Shingles(text)}
		}
	}
	f.stored[iri] = c
	return c, nil
}

// root follows a candidate's duplicateOf to its original.
func (f *copyFinder) root(c *copyCand) (*copyCand, error) {
	for range 16 {
		next, ok := f.redirect[c.iri]
		switch {
		case ok:
		case c.job != nil:
			next = c.job.dupOf
		case c.entry != nil:
			next = c.entry.DuplicateOf
		}
		if next == "" {
			return c, nil
		}
		var nc *copyCand
		if o := f.inRun[next]; o != nil {
			nc = &copyCand{iri: o.iri, job: o, shingles: o.fp.Shingles}
		} else if !f.l.fresh {
			var err error
			if nc, err = f.storedCand(next); err != nil {
				return nil, err
			}
		}
		if nc == nil {
			return c, nil
		}
		c = nc
	}
	return c, nil
}

// extracted is phase 2's result for one job.
type extracted struct {
	i   int
	res *extract.Result
	err error
}

// write runs phase 2 on all cores and writes the results in input order,
// in batches.
func (l *loader) write(ctx context.Context, jobs []*loadJob, known *extract.Known, matcher *graph.EventMatcher) error {
	needs := func(j *loadJob) bool { return j.err == nil && j.dupOf == "" }
	work := make(chan int)
	results := make(chan extracted, l.workers)
	// At most window results wait for the writer, so memory does not grow
	// with the run.
	window := make(chan struct{}, 2*l.batch+2*l.workers)
	stop := make(chan struct{})
	defer close(stop)
	go func() {
		defer close(work)
		for i, j := range jobs {
			if !needs(j) {
				continue
			}
			select {
			case window <- struct{}{}:
			case <-stop:
				return
			}
			select {
			case work <- i:
			case <-stop:
				return
			}
		}
	}()
	var wg sync.WaitGroup
	for w := 0; w < l.workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range work {
				res, err := l.pipe.ExtractWith(jobs[i].art, known)
				select {
				case results <- extracted{i: i, res: res, err: err}:
				case <-stop:
					return
				}
			}
		}()
	}
	go func() { wg.Wait(); close(results) }()

	bar := l.newBar(len(jobs), "loading (2/2)")
	defer bar.Finish()
	// The texts and their index entries are written while phase 2 runs,
	// ahead of the graphs: a batch's graphs wait until its texts are in.
	ix := newTextIndexer()
	go ix.run(l, jobs)
	defer ix.wait(len(jobs))
	w := &batchWriter{l: l, bar: bar, ix: ix}
	pending := map[int]extracted{}
	for i, j := range jobs {
		var quads []quad.Quad
		var res *extract.Result
		jerr := j.err
		switch {
		case j.err != nil:
		case j.dupOf != "":
			quads = duplicateQuads(j.art, j.iri, j.dupOf)
		default:
			r, ok := pending[i]
			for !ok {
				x, open := <-results
				if !open {
					return errors.New("extraction stopped early")
				}
				pending[x.i] = x
				r, ok = pending[i]
			}
			delete(pending, i)
			<-window
			if r.err != nil {
				jerr = fmt.Errorf("%s: %v", j.art.Location, r.err)
				break
			}
			res = r.res
			q := l.corr.Apply(res.Quads)
			q, n, err := matcher.Canonical(ctx, q)
			if err != nil {
				return fail("check the store", "match events: %v", err)
			}
			l.sum.merged += n
			quads = q
		}
		w.upto = i + 1
		if err := w.add(j, jerr, quads, res); err != nil {
			return err
		}
	}
	if err := w.flush(); err != nil {
		return err
	}
	if _, err := l.store.PutCorrections(l.corr); err != nil {
		return fail("check the store", "write corrections: %v", err)
	}
	return nil
}

// duplicateQuads is the graph of a syndicated copy: its article node, as
// the extractor writes it, and its duplicateOf link, without its facts.
func duplicateQuads(a extract.Article, iri, of quad.IRI) []quad.Quad {
	add := func(out []quad.Quad, p quad.IRI, o quad.Value) []quad.Quad {
		return append(out, quad.Quad{Subject: iri, Predicate: p, Object: o, Label: iri})
	}
	out := add(nil, schema.Type, schema.NewsArticle)
	if u := a.Address(); u != "" {
		out = add(out, schema.URL, quad.String(u))
	}
	if a.Title != "" {
		out = add(out, schema.Headline, quad.String(a.Title))
	}
	if !a.Published.IsZero() {
		out = add(out, schema.DatePublished, schema.Date(a.Published.Format("2006-01-02")))
	}
	if a.Source != "" {
		out = add(out, schema.Publisher, quad.String(a.Source))
	}
	return add(out, schema.DuplicateOf, of)
}

// entryArticle is the article a text index entry describes, with its text.
func entryArticle(e *graph.TextEntry, text string) extract.Article {
	return extract.Article{URL: e.URL, Location: e.Location, Title: e.Title, Source: e.Source, Published: e.PublishedTime(), Text: text}
}

func textEntry(j *loadJob) graph.TextEntry {
	e := graph.TextEntry{
		IRI: j.iri, Hash: j.hash, URL: j.art.URL, Location: j.art.Location,
		Title: j.art.Title, Source: j.art.Source, DuplicateOf: j.dupOf, Shingles: j.shingles,
	}
	// The index keeps where a file came from as an absolute path, so that
	// its file:// address is the same when reindex runs elsewhere.
	if e.URL == "" && e.Location != "" && e.Location != "-" && !strings.Contains(e.Location, "://") {
		if abs, err := filepath.Abs(e.Location); err == nil {
			e.Location = abs
		}
	}
	if !j.art.Published.IsZero() {
		e.Published = j.art.Published.Format(time.RFC3339Nano)
	}
	if j.keys != nil {
		e.Samples = len(j.keys.Samples)
	}
	return e
}

// textIndexer stores the run's texts and writes their index entries (and
// those of stored articles that became copies), in input order, ahead of
// the graphs, each chunk made durable before it counts as done: a crash
// before a graph is written leaves a text that reindex loads.
type textIndexer struct {
	mu   sync.Mutex
	cond *sync.Cond
	done int // jobs[:done] are in
	err  error
}

func newTextIndexer() *textIndexer {
	ix := &textIndexer{}
	ix.cond = sync.NewCond(&ix.mu)
	return ix
}

// textChunk entries share one index transaction.
const textChunk = 512

func (ix *textIndexer) run(l *loader, jobs []*loadJob) {
	var entries []graph.TextEntry
	var keys []*graph.TextKeys
	put := func(upto int) error {
		if err := l.texts.Sync(); err != nil {
			return err
		}
		if err := l.texts.Put(entries, keys); err != nil {
			return err
		}
		entries, keys = entries[:0], keys[:0]
		ix.mu.Lock()
		ix.done = upto
		ix.mu.Unlock()
		ix.cond.Broadcast()
		return nil
	}
	err := func() error {
		for i, j := range jobs {
			if j.err != nil {
				continue
			}
			if j.hash == "" {
				h, err := l.texts.WriteText(j.art.Text)
				if err != nil {
					return err
				}
				j.hash = h
			}
			entries = append(entries, textEntry(j))
			keys = append(keys, j.keys)
			j.keys, j.fp = nil, nil // the index has them now
			for _, f := range j.flips {
				fe := f.entry
				fe.DuplicateOf = f.of
				entries = append(entries, fe)
				keys = append(keys, nil)
			}
			if len(entries) >= textChunk {
				if err := put(i + 1); err != nil {
					return err
				}
			}
		}
		if err := put(len(jobs)); err != nil {
			return err
		}
		// The run needs the index no more: closing it unmaps its file
		// (about 10 KB an article), which would otherwise count in the
		// process's resident memory until the end of the run.
		return l.texts.Release()
	}()
	ix.mu.Lock()
	if err != nil {
		ix.err = err
	}
	ix.done = len(jobs)
	ix.mu.Unlock()
	ix.cond.Broadcast()
}

// wait blocks until jobs[:n] are in the index.
func (ix *textIndexer) wait(n int) error {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	for ix.done < n && ix.err == nil {
		ix.cond.Wait()
	}
	if ix.err != nil {
		return fail("check that the store directory is writable and not full", "store the texts: %v", ix.err)
	}
	return nil
}

// batchWriter collects articles and writes each batch's graphs in one
// transaction.
type batchWriter struct {
	l     *loader
	bar   *progressbar.ProgressBar
	ix    *textIndexer
	upto  int // the batch holds jobs before this index
	jobs  []*loadJob
	arts  []graph.Article
	iris  map[quad.IRI]bool
	lines []func(graph.Change)
}

func (w *batchWriter) add(j *loadJob, jerr error, quads []quad.Quad, res *extract.Result) error {
	l := w.l
	if jerr != nil {
		l.sum.failed++
		msg := jerr.Error()
		l.sum.failures = append(l.sum.failures, msg)
		w.lines = append(w.lines, func(graph.Change) {
			fmt.Fprintf(l.errw, "dkg: error: %s\n", msg)
			if j.hint != "" {
				fmt.Fprintf(l.errw, "dkg: hint: %s\n", j.hint)
			}
		})
		w.arts = append(w.arts, graph.Article{}) // keeps lines and changes aligned
		w.bar.Add(1)
		return w.maybeFlush()
	}
	iris := []quad.IRI{j.iri}
	for _, f := range j.flips {
		iris = append(iris, f.entry.IRI)
	}
	for _, iri := range iris {
		if w.iris[iri] {
			if err := w.flush(); err != nil {
				return err
			}
			break
		}
	}
	if w.iris == nil {
		w.iris = map[quad.IRI]bool{}
	}
	for _, iri := range iris {
		w.iris[iri] = true
	}
	w.arts = append(w.arts, graph.Article{IRI: j.iri, Quads: quads})
	w.jobs = append(w.jobs, j)
	w.lines = append(w.lines, func(ch graph.Change) {
		l.sum.read++
		verb := ch.String()
		switch {
		case ch == graph.Unchanged:
			l.sum.unchanged++
		case j.dupOf != "":
			verb = "duplicate"
			l.sum.duplicates++
		case ch == graph.Added:
			l.sum.added++
			l.sum.facts += len(quads)
		default:
			l.sum.replaced++
			l.sum.facts += len(quads)
		}
		if j.dupOf != "" {
			fmt.Fprintf(l.out, "%-9s %s: a copy of %s\n", verb, describe(j.art), j.dupOf)
			return
		}
		fmt.Fprintf(l.out, "%-9s %s: %d facts, %d entities, %d events, %d statements\n",
			verb, describe(j.art), len(quads), res.Entities, res.Events, res.Statements)
	})
	for _, f := range j.flips {
		fe := f.entry
		fa := entryArticle(&fe, "")
		w.arts = append(w.arts, graph.Article{IRI: fe.IRI, Quads: duplicateQuads(fa, fe.IRI, f.of)})
		w.lines = append(w.lines, func(ch graph.Change) {
			if ch != graph.Unchanged {
				l.sum.duplicates++
				fmt.Fprintf(l.out, "%-9s %s: now a copy of %s\n", "duplicate", describe(fa), f.of)
			}
		})
	}
	w.bar.Add(1)
	return w.maybeFlush()
}

func (w *batchWriter) maybeFlush() error {
	if len(w.arts) >= w.l.batch {
		return w.flush()
	}
	return nil
}

// flush writes the batch's graphs in one transaction, once the texts'
// index is written, then prints its lines in order.
func (w *batchWriter) flush() error {
	l := w.l
	var arts []graph.Article
	for _, a := range w.arts {
		if a.IRI != "" {
			arts = append(arts, a)
		}
	}
	var changes []graph.Change
	if len(arts) > 0 {
		if err := w.ix.wait(w.upto); err != nil {
			return err
		}
		for _, j := range w.jobs {
			j.art.Text = "" // stored, and extracted: no longer needed
		}
		var err error
		if changes, err = l.store.PutBatch(arts); err != nil {
			return fail("the store was left as it was before this batch; try again", "write to the store: %v", err)
		}
	}
	if l.bar {
		w.bar.Clear()
	}
	k := 0
	for i, a := range w.arts {
		ch := graph.Unchanged
		if a.IRI != "" {
			ch = changes[k]
			k++
		}
		w.lines[i](ch)
	}
	w.arts, w.lines, w.jobs = nil, nil, nil
	clear(w.iris)
	return nil
}

func (l *loader) printTotal() {
	s := l.sum
	el := time.Since(l.start)
	fmt.Fprintf(l.out, "total: %d articles read, %d new, %d replaced, %d unchanged, %d duplicates, %d failed; %d facts written",
		s.read, s.added, s.replaced, s.unchanged, s.duplicates, s.failed, s.facts)
	if s.merged > 0 {
		fmt.Fprintf(l.out, "; %d events matched to events of other articles", s.merged)
	}
	fmt.Fprintf(l.out, " (%.1fs)\n", el.Seconds())
	if s.failed > 0 {
		fmt.Fprintf(l.out, "failed:\n")
		for _, f := range s.failures {
			fmt.Fprintf(l.out, "  %s\n", f)
		}
	}
}

func (l *loader) failure() error {
	s := l.sum
	if s.failed == 0 {
		return nil
	}
	return &userError{msg: fmt.Sprintf("%d of %d inputs failed (reported above); the others were loaded", s.failed, s.read+s.failed),
		hint: "fix or remove the failed inputs and run ingest again: loaded articles are not loaded twice", code: 1}
}

// describe names an article in output: its title, else where it came from.
func describe(a extract.Article) string {
	switch {
	case a.Title != "":
		return fmt.Sprintf("%q", a.Title)
	case a.URL != "":
		return a.URL
	default:
		return a.Location
	}
}
