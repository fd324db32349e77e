package read_test

import (
	"context"
	"fmt"
	"strings"

	"github.com/dkg/dkg/extract/read"
)

func ExampleAll() {
	in := "---\ntitle: Blinken meets Xi in Beijing\npublished: 2023-06-19\nsource: Example Wire\n---\n" +
		"Blinken met Xi in Beijing on Monday.  \r\n\r\n\r\nBoth sides agreed to keep talking.\r\n"
	opt := read.Options{Stdin: strings.NewReader(in)}
	for it := range read.All(context.Background(), []string{"-", "testdata/missing.txt"}, opt) {
		if it.Err != nil {
			fmt.Printf("error: %v (hint: %s)\n", it.Err, it.Err.Hint)
			continue
		}
		a := it.Article
		fmt.Printf("%s | %s | %s | %s\n%s\n", a.Location, a.Title, a.Source, a.Published.Format("2006-01-02"), a.Text)
	}
	// Output:
	// - | Blinken meets Xi in Beijing | Example Wire | 2023-06-19
	// Blinken met Xi in Beijing on Monday.
	// Both sides agreed to keep talking.
	// error: testdata/missing.txt: no such file (hint: check the path)
}
