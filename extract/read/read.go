package read

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"iter"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/dkg/dkg/extract"
)

// DefaultMaxSize is the largest input read when Options.MaxSize is 0.
const DefaultMaxSize = 32 << 20

// DefaultTimeout bounds a fetch when Options.Client is nil.
const DefaultTimeout = 30 * time.Second

// maxRedirects is how many redirects a fetch follows.
const maxRedirects = 5

// Options tune how inputs are read. The zero value reads every format with
// the defaults.
type Options struct {
	// Format forces the format: "text", "html", "jsonl" or "feed" (also
	// "txt", "md", "htm", "ndjson", "rss", "atom", "xml"). "" picks it
	// by extension, Content-Type or sniffing.
	Format string
	// Published is the publication time; zero = unset.
	Published time.Time
	// URL, Title and Source override what a single-article input says and
	// fill in what the articles of a multi-article input lack.
	URL, Title, Source string
	// MaxSize is the largest input in bytes; 0 = 32 MiB.
	MaxSize int64
	// Client fetches URLs; nil = a client with a 30 s timeout. A client
	// without a CheckRedirect follows at most 5 redirects.
	Client *http.Client
	// Stdin is read for "-"; nil = os.Stdin.
	Stdin io.Reader
}

// Error is a failure to read one input (or one line of it); the others go on.
type Error struct {
	// Where is the path, "path:17" for one line of a file, or the URL;
	// empty for a bad option.
	Where string
	// Msg says what is wrong, lower-case, without a trailing period.
	Msg string
	// Hint says what to do about it; may be empty.
	Hint string
	// Err is the underlying error, if any.
	Err error
}

// Error returns "Where: Msg".
func (e *Error) Error() string {
	if e.Where == "" {
		return e.Msg
	}
	return e.Where + ": " + e.Msg
}

// Unwrap returns the underlying error.
func (e *Error) Unwrap() error { return e.Err }

// Item is one article or one failure, in input order.
type Item struct {
	Article extract.Article
	Err     *Error
}

// All reads every path (files, directories, globs, "-", URLs) and yields
// items in order. A path that cannot be opened at all yields one Item with
// Err.
func All(ctx context.Context, paths []string, opt Options) iter.Seq[Item] {
	return func(yield func(Item) bool) {
		opt := opt
		if err := opt.check(); err != nil {
			yield(Item{Err: err})
			return
		}
		stdin := false
		for _, p := range paths {
			for _, t := range expand(p) {
				if err := ctx.Err(); err != nil {
					yield(Item{Err: &Error{Where: p, Msg: "stopped: " + err.Error(), Err: err}})
					return
				}
				if t.err != nil {
					if !yield(Item{Err: t.err}) {
						return
					}
					continue
				}
				if t.path == "-" {
					if stdin {
						if !yield(Item{Err: &Error{Where: "-", Msg: "standard input given twice", Hint: `name "-" once`}}) {
							return
						}
						continue
					}
					stdin = true
				}
				for _, it := range readOne(ctx, t.path, opt) {
					if !yield(it) {
						return
					}
				}
			}
		}
	}
}

// File reads one file or URL (no directory walking).
func File(ctx context.Context, path string, opt Options) iter.Seq[Item] {
	return func(yield func(Item) bool) {
		opt := opt
		if err := opt.check(); err != nil {
			yield(Item{Err: err})
			return
		}
		for _, it := range readOne(ctx, path, opt) {
			if !yield(it) {
				return
			}
		}
	}
}

// check rejects options that no input can satisfy.
func (o *Options) check() *Error {
	if o.Format != "" {
		f, ok := formatName(o.Format)
		if !ok {
			return &Error{Msg: fmt.Sprintf("unknown format %q", o.Format), Hint: "use text, html, jsonl or feed"}
		}
		o.Format = f
	}
	if o.MaxSize < 0 {
		return &Error{Msg: fmt.Sprintf("max size %d is negative", o.MaxSize), Hint: "give a size in bytes, or 0 for the default 32 MiB"}
	}
	if o.MaxSize == 0 {
		o.MaxSize = DefaultMaxSize
	}
	if o.URL != "" {
		o.URL = strings.TrimSpace(o.URL)
		if !absURL(o.URL) {
			return &Error{Msg: fmt.Sprintf("--url %q is not an absolute URL", o.URL), Hint: "give the full address, e.g. https://example.org/news/1"}
		}
	}
	o.Title, o.Source = oneLine(o.Title), oneLine(o.Source)
	return nil
}

// target is one input found by expand, or the failure to find it.
type target struct {
	path string
	err  *Error
}

// expand turns one argument into the inputs it names: itself, the files of
// a directory, or the matches of a glob.
func expand(p string) []target {
	if p == "-" || isURL(p) {
		return []target{{path: p}}
	}
	fi, err := os.Stat(p)
	if err == nil {
		if fi.IsDir() {
			return walk(p)
		}
		return []target{{path: p}}
	}
	if !strings.ContainsAny(p, "*?[") || !errors.Is(err, fs.ErrNotExist) {
		return []target{{err: statError(p, err)}}
	}
	matches, gerr := filepath.Glob(p)
	if gerr != nil {
		return []target{{err: &Error{Where: p, Msg: "bad glob pattern", Hint: "check the brackets in the pattern", Err: gerr}}}
	}
	if len(matches) == 0 {
		return []target{{err: &Error{Where: p, Msg: "no files match", Hint: "check the pattern and the directory it names"}}}
	}
	// Like a shell, a pattern matches a hidden name only when it says so.
	dots := strings.HasPrefix(filepath.Base(p), ".")
	var out []target
	for _, m := range matches {
		if !dots && strings.HasPrefix(filepath.Base(m), ".") {
			continue
		}
		if fi, err := os.Stat(m); err == nil && fi.IsDir() {
			out = append(out, walk(m)...)
			continue
		}
		out = append(out, target{path: m})
	}
	if len(out) == 0 {
		return []target{{err: &Error{Where: p, Msg: "no files match", Hint: "check the pattern and the directory it names"}}}
	}
	sortTargets(out)
	return out
}

// sortTargets orders inputs by path; the failures of one path keep their
// place.
func sortTargets(t []target) {
	slices.SortStableFunc(t, func(a, b target) int { return strings.Compare(a.path, b.path) })
}

// walk lists the files with a known extension under root, sorted by path.
func walk(root string) []target {
	var out []target
	start := root
	if fi, err := os.Lstat(root); err == nil && fi.Mode()&fs.ModeSymlink != 0 {
		// A trailing separator makes WalkDir enter a linked directory.
		start = root + string(filepath.Separator)
	}
	err := filepath.WalkDir(start, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			out = append(out, target{path: p, err: statError(p, err)})
			if d != nil && d.IsDir() && p != start {
				return fs.SkipDir
			}
			return nil
		}
		if p != start && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() || formatByExt(p) == "" {
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			if fi, err := os.Stat(p); err != nil || !fi.Mode().IsRegular() {
				return nil
			}
		}
		out = append(out, target{path: p})
		return nil
	})
	if err != nil {
		out = append(out, target{path: root, err: statError(root, err)})
	}
	if len(out) == 0 {
		return []target{{err: &Error{Where: root, Msg: "no article files in the directory",
			Hint: "files need one of the extensions " + strings.Join(knownExts(), " ")}}}
	}
	sortTargets(out)
	return out
}

// statError explains why a path cannot be opened.
func statError(p string, err error) *Error {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return &Error{Where: p, Msg: "no such file", Hint: "check the path", Err: err}
	case errors.Is(err, fs.ErrPermission):
		return &Error{Where: p, Msg: "permission denied", Hint: "check the file's permissions", Err: err}
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return &Error{Where: p, Msg: "cannot read: " + err.Error(), Err: err}
}

// readOne reads one file, URL or "-". A panic in a parser fails that
// input only.
func readOne(ctx context.Context, p string, opt Options) (items []Item) {
	defer func() {
		if r := recover(); r != nil {
			items = fail(&Error{Where: p, Msg: fmt.Sprintf("internal error: %v", r), Hint: "please report this input as a bug in dkg"})
		}
	}()
	switch {
	case p == "-":
		return readStdin(opt)
	case isURL(p):
		return fetch(ctx, p, opt)
	}
	return readFile(p, opt)
}

func readFile(p string, opt Options) []Item {
	fi, err := os.Stat(p)
	if err != nil {
		return fail(statError(p, err))
	}
	if fi.IsDir() {
		return fail(&Error{Where: p, Msg: "is a directory", Hint: "name a file, or give the directory to read every file in it"})
	}
	if fi.Mode().IsRegular() && fi.Size() > opt.MaxSize {
		return fail(tooBig(p, fi.Size(), opt.MaxSize))
	}
	f, err := os.Open(p)
	if err != nil {
		return fail(statError(p, err))
	}
	defer f.Close()
	data, big, err := readCapped(f, opt.MaxSize)
	if err != nil {
		return fail(statError(p, err))
	}
	if big {
		return fail(tooBig(p, -1, opt.MaxSize))
	}
	return parse(&source{where: p, loc: p, data: data, ext: filepath.Ext(p)}, opt)
}

func readStdin(opt Options) []Item {
	r := opt.Stdin
	if r == nil {
		r = os.Stdin
	}
	data, big, err := readCapped(r, opt.MaxSize)
	if err != nil {
		return fail(&Error{Where: "-", Msg: "cannot read standard input: " + err.Error(), Err: err})
	}
	if big {
		return fail(tooBig("-", -1, opt.MaxSize))
	}
	return parse(&source{where: "-", loc: "-", data: data}, opt)
}

// readCapped reads r up to max bytes; big reports that there was more.
func readCapped(r io.Reader, max int64) (data []byte, big bool, err error) {
	data, err = io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, false, err
	}
	if int64(len(data)) > max {
		return nil, true, nil
	}
	return data, false, nil
}

func tooBig(where string, size, max int64) *Error {
	msg := "input is over the " + sizeString(max) + " limit"
	if size >= 0 {
		msg = sizeString(size) + " is over the " + sizeString(max) + " limit"
	}
	return &Error{Where: where, Msg: msg, Hint: "raise the limit with --max-size"}
}

// sizeString writes n bytes in binary units: "512 B", "32 MiB", "2.0 GiB".
func sizeString(n int64) string {
	const units = "KMGTPE"
	if n < 1024 {
		return fmt.Sprintf("%d B", n)
	}
	f, i := float64(n)/1024, 0
	for f >= 1024 && i < len(units)-1 {
		f /= 1024
		i++
	}
	if n%(1<<(10*(i+1))) == 0 {
		return fmt.Sprintf("%d %ciB", int64(f), units[i])
	}
	return fmt.Sprintf("%.1f %ciB", f, units[i])
}

func fail(e *Error) []Item { return []Item{{Err: e}} }

func isURL(p string) bool {
	l := strings.ToLower(p)
	return strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://")
}

// absURL reports whether s is an absolute URL with a scheme and a host (or
// an opaque part, as in urn:isbn:...).
func absURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && u.Scheme != "" && (u.Host != "" || u.Opaque != "") && !strings.ContainsAny(s, " \t\n")
}
