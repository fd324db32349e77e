package graph

import (
	"bufio"
	"fmt"
	"io"

	"github.com/cayleygraph/quad"
)

// NQuadsWriter writes quads that are not (yet) in a store as N-Quads, with
// the same escaping as Export, so that `dkg extract` prints exactly what an
// export of the same article would hold.
type NQuadsWriter struct {
	w   *bufio.Writer
	buf []byte
}

// NewNQuadsWriter writes to w; Close flushes it.
func NewNQuadsWriter(w io.Writer) *NQuadsWriter {
	return &NQuadsWriter{w: bufio.NewWriterSize(w, 64<<10)}
}

// WriteQuads writes the quads, one line each.
func (nw *NQuadsWriter) WriteQuads(qs []quad.Quad) error {
	for _, q := range qs {
		b := nw.buf[:0]
		for _, v := range []quad.Value{q.Subject, q.Predicate, q.Object, q.Label} {
			if v == nil {
				continue
			}
			t, err := termOf(v)
			if err != nil {
				return fmt.Errorf("write %v: %w", q, err)
			}
			b = append(append(b, t.text...), ' ')
		}
		b = append(b, ".\n"...)
		nw.buf = b
		if _, err := nw.w.Write(b); err != nil {
			return err
		}
	}
	return nil
}

// Close flushes what is buffered.
func (nw *NQuadsWriter) Close() error { return nw.w.Flush() }
