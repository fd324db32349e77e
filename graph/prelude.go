package graph

import (
	"context"
	_ "embed"
	"encoding/json"
	"errors"
	"strings"

	"github.com/dkg/dkg/schema"
)

// preludeJS is the body of the prelude; its first line, the vocabulary, is
// written from schema.Terms so that the prelude never drifts from it.
//
//go:embed prelude.js
var preludeJS string

// prelude is the JavaScript run before every script given to QueryScript
// and every ready-made query; preludeLines is how many lines it takes, so
// that errors can be told at the user's own line numbers.
var prelude, preludeLines = buildPrelude()

func buildPrelude() (string, int) {
	vocab := map[string]any{}
	P, C, S := map[string]string{}, map[string]string{}, map[string]string{}
	vocab["P"], vocab["C"], vocab["S"], vocab["ID"] = P, C, S, schema.ID
	vocab["minted"] = schema.MintedKinds()
	for _, t := range schema.Terms {
		m := P
		if t.Kind == "class" || t.Kind == "event class" {
			m = C
		}
		m[schema.Local(t.IRI)] = "<" + string(t.IRI) + ">"
	}
	for _, st := range schema.Statuses {
		S[st] = st
	}
	b, err := json.Marshal(vocab)
	if err != nil {
		panic(err)
	}
	src := "var dkg = " + string(b) + ";\n" + strings.TrimRight(preludeJS, "\n") + "\n"
	return src, strings.Count(src, "\n")
}

// Prelude returns the JavaScript that QueryScript runs before a script: the
// vocabulary as dkg.P (predicates), dkg.C (classes) and dkg.S (statuses),
// and helpers such as dkg.person(name), a path from the people with that
// name.
func Prelude() string { return prelude }

// QueryScript runs a user's Gizmo script as Query does, after the prelude.
// A *QueryError names the line and column in the user's script; an error
// raised inside a prelude helper names the user's line that called it.
func (s *Store) QueryScript(ctx context.Context, script string, limit int) ([]map[string]any, error) {
	rows, err := s.Query(ctx, prelude+script, limit)
	return rows, userLines(err, preludeLines)
}

// userLines shifts the position of a QueryError by the n lines that ran
// before the user's script. An error inside a prelude helper is placed at
// the user's line that called it (the first frame of the stack in the
// user's lines), else it has no position.
func userLines(err error, n int) error {
	var qe *QueryError
	if !errors.As(err, &qe) || qe.Line == 0 {
		return err
	}
	e := *qe
	e.Line, e.Column = 0, 0
	frames := qe.stack
	if len(frames) == 0 { // a syntax error: one position
		frames = [][2]int{{qe.Line, qe.Column}}
	}
	for _, f := range frames {
		if f[0] > n {
			e.Line, e.Column = f[0]-n, f[1]
			break
		}
	}
	return &e
}
