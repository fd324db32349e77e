// Package graph is dkg's store: an embedded Cayley quad store on bbolt in
// which every article is one named graph (each of its quads carries the
// article's IRI as label).
//
// A Store writes an article's quads in one transaction and rewrites only what
// changed when the article comes again (Put), takes an article out (Remove),
// resolves an entity by any of its names (Resolve), runs Gizmo queries with a
// deadline and a result limit (Query), counts what it holds (Stats) and
// streams its quads out as N-Quads that strict parsers accept (Export).
//
// The backend is bbolt ("indexes.bolt" in the store directory, the layout of
// Cayley's own bbolt backend) with the bloom filters off and a third quad
// index on the label, so that an article's quads are found without a scan.
// A store directory is used by one writing process at a time: Open takes an
// exclusive lock on dkg.lock and fails at once with ErrLocked if another
// process holds it; OpenReadOnly takes a shared lock, so that several readers
// can run side by side while no writer can.
package graph
