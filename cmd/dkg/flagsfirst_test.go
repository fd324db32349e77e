package main

import (
	"io"
	"slices"
	"strings"
	"testing"
)

func TestFlagsFirst(t *testing.T) {
	app := newApp(strings.NewReader(""), io.Discard, io.Discard)
	for _, c := range []struct{ in, want string }{
		{"dkg person Xi --format json", "dkg person --format json Xi"},
		{"dkg --db s person Xi --format=json --limit 3", "dkg --db s person --format=json --limit 3 Xi"},
		{"dkg person --format json Xi", "dkg person --format json Xi"},
		{"dkg meetings --with Xi --show-query", "dkg meetings --with Xi --show-query"},
		{"dkg person Xi --show-query --limit 2", "dkg person --show-query --limit 2 Xi"},
		{"dkg path A B --max-hops 6", "dkg path --max-hops 6 A B"},
		{"dkg ingest a.txt --published 2023-06-20 b.txt", "dkg ingest --published 2023-06-20 a.txt b.txt"},
		{"dkg ingest - --title T", "dkg ingest --title T -"},
		{"dkg person Xi --bogus", "dkg person Xi --bogus"},
		{"dkg person Xi -- --limit", "dkg person Xi -- --limit"},
		{"dkg alias add Xi 'Chinese leader' --db s", "dkg alias add Xi 'Chinese leader' --db s"},
		{"dkg viz Xi -o xi.svg --hops 2", "dkg viz -o xi.svg --hops 2 Xi"},
		{"dkg nosuch a --b", "dkg nosuch a --b"},
		{"dkg", "dkg"},
	} {
		got := strings.Join(flagsFirst(app, strings.Fields(c.in)), " ")
		if got != strings.Join(strings.Fields(c.want), " ") {
			t.Errorf("flagsFirst(%s) = %s, want %s", c.in, got, c.want)
		}
	}
	// The input is not changed.
	in := []string{"dkg", "person", "Xi", "--limit", "2"}
	_ = flagsFirst(app, in)
	if !slices.Equal(in, []string{"dkg", "person", "Xi", "--limit", "2"}) {
		t.Errorf("the arguments were changed: %v", in)
	}
}
