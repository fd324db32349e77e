package main

import (
	"strings"
	"testing"
)

func TestShellScripted(t *testing.T) {
	db := examplesStore(t)
	input := strings.Join([]string{
		`dkg.person("Xi Jinping").Out(dkg.P.met).Out(dkg.P.name).Unique().All()`,
		`g.V().Nope()`,
		`g.V(.All()`,
		``,
		`g.V("<https://w3id.org/dkg/id/person/wang-yi>").Out([`,
		`  dkg.P.jobTitle`,
		`]).Unique().All()`,
		`dkg.person("Narendra Modi") \`,
		`  .Out(dkg.P.represents).Out(dkg.P.name).Unique().All()`,
		`:limit x`,
		`:bogus`,
		`:quit`,
		`g.emit("not reached")`,
	}, "\n") + "\n"
	code, out, errs := dkg(t, input, "--db", db, "shell")
	if code != 0 {
		t.Fatalf("shell: exit %d: %s", code, errs)
	}
	for _, want := range []string{
		"Joe Biden",                           // a good query, as a table
		"error: line 1, column 11: TypeError", // a bad query: a message, and the session goes on
		"SyntaxError",                         // an unclosed bracket, run by the empty line
		"Foreign Minister",                    // a query over three lines (open bracket)
		"India",                               // a query continued by a backslash
		"error: :limit needs a number",
		"error: unknown command :bogus",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("shell output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "not reached") {
		t.Errorf("the shell went on after :quit:\n%s", out)
	}
	if strings.Contains(out, "gizmo>") {
		t.Errorf("prompts printed when reading a pipe:\n%s", out)
	}
}

func TestOpenBrackets(t *testing.T) {
	for _, tc := range []struct {
		src  string
		want int
	}{
		{`g.V().All()`, 0},
		{`g.V(`, 1},
		{`g.V("(").Out([`, 2},
		{`g.V('\'(')`, 0},
		{"g.V() // (\n", 0},
		{"g.V( /* ) */", 1},
		{"/* open", 1},
		{"g.V())", -1},
	} {
		if got := openBrackets(tc.src); got != tc.want {
			t.Errorf("openBrackets(%q) = %d, want %d", tc.src, got, tc.want)
		}
	}
}
