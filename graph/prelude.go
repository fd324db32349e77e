package graph

import (
	"context"
	_ "embed"
	"encoding/json"
	"strings"
	"sync"

	"github.com/dop251/goja"

	"github.com/dkg/dkg/schema"
)

// preludeJS is the body of the prelude; its first line, the vocabulary, is
// written from schema.Terms so that the prelude never drifts from it.
//
//go:embed prelude.js
var preludeJS string

// prelude is the JavaScript run before every script given to QueryScript
// and every ready-made query. It is compiled once, on first use
// (preludeProgram, goja's compiled form, which any runtime may run):
// parsing it for every query cost about 2 ms, and commands that run no
// query should not pay it at start.
var (
	prelude        = buildPrelude()
	preludeProgram = sync.OnceValue(func() *goja.Program {
		return goja.MustCompile(preludeName, prelude, false)
	})
)

// preludeName is the prelude's file name in stack traces.
const preludeName = "prelude.js"

func buildPrelude() string {
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
	return "var dkg = " + string(b) + ";\n" + strings.TrimRight(preludeJS, "\n") + "\n"
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
	return s.query(ctx, script, limit, true)
}
