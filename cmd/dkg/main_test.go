package main

import (
	"os"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

// The CLI is tested with scripts (testdata/script/*.txtar): each runs dkg
// commands in a fresh directory, with inline fixtures and the expected
// output.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"dkg": func() { os.Exit(run(os.Args, os.Stdin, os.Stdout, os.Stderr)) },
	})
}

func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir: "testdata/script",
		Setup: func(env *testscript.Env) error {
			// Never touch the user's store.
			env.Setenv("XDG_DATA_HOME", env.WorkDir+"/xdg")
			env.Setenv("HOME", env.WorkDir+"/home")
			return nil
		},
	})
}
