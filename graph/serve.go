package graph

import (
	"context"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"strings"
	"time"

	cgraph "github.com/cayleygraph/cayley/graph"
	chttp "github.com/cayleygraph/cayley/server/http"
	"github.com/cayleygraph/cayley/ui"
	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"
	"github.com/julienschmidt/httprouter"
)

// ServeOptions configure Handler.
type ServeOptions struct {
	// Writable lets POST /api/v2/write and /api/v2/delete change the
	// store; otherwise they answer 403.
	Writable bool
	// Token, when set, must come with every write as "Authorization:
	// Bearer TOKEN"; it is compared in constant time.
	Token string
	// QueryTimeout stops a query (default 30 s).
	QueryTimeout time.Duration
	// QueryLimit caps the results of a query (default 100).
	QueryLimit int
	// MaxBody caps request bodies (default 1 MiB).
	MaxBody int64
}

// Handler serves Cayley's HTTP API v2 and its web UI over the store:
//
//   - GET|POST /api/v2/query?lang=gizmo runs a Gizmo script (body, or the
//     qu parameter) through Query, so that it gets the deadline, the limit
//     and the crash guard of dkg's own queries, and the prelude (dkg.*);
//     the answer is {"result": [...]} or, with status 400, {"error": "..."}.
//   - GET /api/v2/read and /api/v2/formats are Cayley's own.
//   - POST /api/v2/write and /api/v2/delete take N-Quads whose graph label
//     is the article, and go through Put and Remove (an article's named
//     graph is written in one transaction); 403 unless opt.Writable.
//   - everything else is the Cayley UI's files.
func (s *Store) Handler(opt ServeOptions) http.Handler {
	if opt.QueryTimeout <= 0 {
		opt.QueryTimeout = 30 * time.Second
	}
	if opt.QueryLimit <= 0 {
		opt.QueryLimit = 100
	}
	if opt.MaxBody <= 0 {
		opt.MaxBody = 1 << 20
	}
	h := &server{s: s, opt: opt}
	r := httprouter.New()
	r.GET("/api/v2/query", h.query)
	r.POST("/api/v2/query", h.query)
	r.GET("/api/v2/read", h.cayley)
	r.GET("/api/v2/formats", h.cayley)
	r.POST("/api/v2/write", h.write)
	r.POST("/api/v2/delete", h.write)
	r.POST("/api/v2/node/delete", func(w http.ResponseWriter, _ *http.Request, _ httprouter.Params) {
		jsonError(w, http.StatusForbidden, "deleting a node is not supported: delete an article's quads with /api/v2/delete")
	})
	web, err := fs.Sub(ui.FS, "web")
	if err != nil {
		panic(err) // the embedded UI is part of the binary
	}
	r.NotFound = http.FileServer(http.FS(web))
	return http.MaxBytesHandler(r, opt.MaxBody)
}

type server struct {
	s   *Store
	opt ServeOptions
}

func (h *server) query(w http.ResponseWriter, r *http.Request, _ httprouter.Params) {
	lang := r.URL.Query().Get("lang")
	switch lang {
	case "gizmo":
	case "":
		jsonError(w, http.StatusBadRequest, "query language not specified")
		return
	default:
		jsonError(w, http.StatusBadRequest, "unknown query language (dkg serves gizmo)")
		return
	}
	var script string
	if r.Method == http.MethodGet {
		script = r.URL.Query().Get("qu")
	} else {
		b, err := io.ReadAll(r.Body)
		if err != nil {
			var mb *http.MaxBytesError
			if errors.As(err, &mb) {
				jsonError(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("request is too large (more than %d bytes)", mb.Limit))
				return
			}
			jsonError(w, http.StatusBadRequest, err.Error())
			return
		}
		script = string(b)
	}
	if strings.TrimSpace(script) == "" {
		jsonError(w, http.StatusBadRequest, "query is empty")
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), h.opt.QueryTimeout)
	defer cancel()
	rows, err := h.s.QueryScript(ctx, script, h.opt.QueryLimit)
	if err != nil {
		if errors.Is(err, context.DeadlineExceeded) {
			err = fmt.Errorf("the query ran longer than %s and was stopped", h.opt.QueryTimeout)
		}
		jsonError(w, http.StatusBadRequest, err.Error())
		return
	}
	if rows == nil {
		rows = []map[string]any{}
	}
	w.Header().Set("Content-Type", "application/json")
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.Encode(map[string]any{"result": rows})
}

// cayley serves a read-only request with Cayley's own API, under the
// store's read lock.
func (h *server) cayley(w http.ResponseWriter, r *http.Request, _ httprouter.Params) {
	h.s.mu.RLock()
	defer h.s.mu.RUnlock()
	if h.s.qs == nil {
		jsonError(w, http.StatusServiceUnavailable, ErrClosed.Error())
		return
	}
	api := chttp.NewAPIv2(&cgraph.Handle{QuadStore: h.s.qs})
	api.SetReadOnly(true)
	api.SetQueryTimeout(h.opt.QueryTimeout)
	api.SetQueryLimit(h.opt.QueryLimit)
	api.ServeHTTP(w, r)
}

// write adds (/api/v2/write) or removes (/api/v2/delete) N-Quads, article
// by article: the quads' labels are the articles.
func (h *server) write(w http.ResponseWriter, r *http.Request, _ httprouter.Params) {
	if !h.opt.Writable {
		jsonError(w, http.StatusForbidden, "database is read-only (start dkg serve with --writable)")
		return
	}
	if h.opt.Token != "" {
		got, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
		if !ok || subtle.ConstantTimeCompare([]byte(got), []byte(h.opt.Token)) != 1 {
			w.Header().Set("WWW-Authenticate", "Bearer")
			jsonError(w, http.StatusUnauthorized, "a write needs the server's token (Authorization: Bearer TOKEN)")
			return
		}
	}
	byArticle := map[quad.IRI][]quad.Quad{}
	var order []quad.IRI
	rd := nquads.NewReader(r.Body, false)
	n := 0
	for {
		q, err := rd.ReadQuad()
		if err == io.EOF {
			break
		}
		if err != nil {
			var mb *http.MaxBytesError
			if errors.As(err, &mb) {
				jsonError(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("request is too large (more than %d bytes)", mb.Limit))
				return
			}
			jsonError(w, http.StatusBadRequest, "read N-Quads: "+err.Error())
			return
		}
		art, ok := q.Label.(quad.IRI)
		if !ok {
			jsonError(w, http.StatusBadRequest, fmt.Sprintf("quad %d (%s) has no article IRI as its graph label", n+1, q))
			return
		}
		if _, ok := byArticle[art]; !ok {
			order = append(order, art)
		}
		byArticle[art] = append(byArticle[art], q)
		n++
	}
	remove := strings.HasSuffix(r.URL.Path, "/delete")
	var puts []Article
	var drops []quad.IRI
	for _, art := range order {
		old, err := h.s.ArticleQuads(art)
		if err != nil {
			jsonError(w, http.StatusInternalServerError, err.Error())
			return
		}
		var next []quad.Quad
		if remove {
			gone := map[quadKey]bool{}
			for _, q := range byArticle[art] {
				gone[keyOf(q)] = true
			}
			for _, q := range old {
				if !gone[keyOf(q)] {
					next = append(next, q)
				}
			}
		} else {
			next = append(old, byArticle[art]...)
		}
		if len(next) == 0 {
			drops = append(drops, art)
			continue
		}
		puts = append(puts, Article{IRI: art, Quads: next})
	}
	if len(puts) > 0 {
		if _, err := h.s.PutBatch(puts); err != nil {
			code := http.StatusBadRequest
			if errors.Is(err, ErrReadOnly) || errors.Is(err, ErrClosed) {
				code = http.StatusForbidden
			}
			jsonError(w, code, err.Error())
			return
		}
	}
	for _, art := range drops {
		if _, err := h.s.Remove(art); err != nil {
			jsonError(w, http.StatusInternalServerError, err.Error())
			return
		}
	}
	verb := "wrote"
	if remove {
		verb = "deleted"
	}
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]any{"result": fmt.Sprintf("Successfully %s %d quads.", verb, n), "count": n})
}

func jsonError(w http.ResponseWriter, code int, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.Encode(map[string]string{"error": msg})
}
