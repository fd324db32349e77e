package graph

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"unsafe"

	"github.com/cayleygraph/cayley/query"
	"github.com/cayleygraph/cayley/query/gizmo"
	"github.com/dop251/goja"
	"github.com/dop251/goja/parser"
)

// QueryError is a syntax or runtime error in a Gizmo script, at a position
// of the script (Line 0 when goja gave none).
type QueryError struct {
	Line, Column int
	Msg          string
}

func (e *QueryError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("line %d, column %d: %s", e.Line, e.Column, e.Msg)
	}
	return e.Msg
}

// maxCallStack bounds the depth of JavaScript calls in a script.
const maxCallStack = 10000

// Query runs a Gizmo script and returns its results as JSON-collated maps
// ({"id": "<iri>", tag: value}; a value given to g.emit that is not an
// object comes back as {"value": v}). The script's own return value is not a
// result. limit caps the results (limit <= 0: no cap).
//
// ctx bounds the run: at its deadline the script is interrupted, even inside
// `while(true){}`, and Query returns an error that wraps
// context.DeadlineExceeded. A syntax or runtime error in the script is a
// *QueryError.
//
// The script cannot crash the process through Gizmo: Gizmo and Cayley panic
// on some input (g.V(x).except(g.V("<not in the store>")) dereferences nil
// in Cayley's shape optimiser; out("<p>", 5) and out({}) panic on argument
// types), on a goroutine of Gizmo's where nothing recovers. So the script
// sees Gizmo's objects (g, graph, the paths, the global functions) only
// through proxies that call into Gizmo under a recover and turn a panic into
// a script error. Except and difference with a set that holds no node answer
// the path unchanged (A − ∅ = A) without calling Cayley. Writes wait for
// running queries.
//
// Nor can a script exhaust memory: a guard samples the heap every 50 ms and
// stops the script once the heap has grown by more than the cap
// (DefaultQueryMemory, or the one set with WithQueryMemory); Query then
// returns a *MemoryError. Once a script has emitted limit results it is
// stopped too.
func (s *Store) Query(ctx context.Context, script string, limit int) ([]map[string]any, error) {
	return s.query(ctx, script, limit, false)
}

// query is Query, with the prelude run first when withPrelude is set.
func (s *Store) query(ctx context.Context, script string, limit int, withPrelude bool) (rows []map[string]any, err error) {
	src, err := checkScript(script)
	if err != nil {
		return nil, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.qs == nil {
		return nil, ErrClosed
	}
	if err := ctx.Err(); err != nil {
		// Gizmo's Execute ignores its context; only Next looks at it.
		return nil, fmt.Errorf("query: %w", err)
	}
	ses := gizmo.NewSession(s.qs)
	if err := guardSession(ses); err != nil {
		return nil, err
	}
	ctx, mem := guardMemory(ctx)
	defer mem.stop()
	rd := newPropReader(ctx, s.kv.bolt())
	defer rd.close()
	if err := rd.expose(sessionVM(ses)); err != nil {
		return nil, fmt.Errorf("query: %w", err)
	}
	if err := limitBuiltins(sessionVM(ses), mem.limit); err != nil {
		return nil, err
	}
	if withPrelude {
		// Compiled once for every query (see preludeProgram).
		if _, err := sessionVM(ses).RunProgram(preludeProgram()); err != nil {
			return nil, fmt.Errorf("query: the prelude: %w", err)
		}
	}
	it, err := ses.Execute(ctx, src, query.Options{Collation: query.JSON, Limit: max(limit, 0)})
	if err != nil {
		return nil, scriptError(err)
	}
	defer it.Close()
	defer func() {
		// Collating a result (it.Result) runs Cayley code on this goroutine.
		if r := recover(); r != nil {
			rows, err = nil, fmt.Errorf("query: internal error in gizmo: %v", r)
		}
	}()
	for it.Next(ctx) {
		switch r := it.Result().(type) {
		case nil:
			// the script's return value
		case map[string]any:
			rows = append(rows, r)
		default:
			rows = append(rows, map[string]any{"value": r})
		}
		if limit > 0 && len(rows) >= limit {
			// Gizmo ignores what a script emits past the limit but lets
			// the script run on: stop it (Close) instead of waiting for
			// its end or the deadline.
			return rows, nil
		}
	}
	if err := it.Err(); err != nil {
		if err := mem.exceeded(); err != nil {
			return nil, err
		}
		if ctxErr := ctx.Err(); ctxErr != nil {
			return nil, fmt.Errorf("query: %w", ctxErr)
		}
		return nil, scriptError(err)
	}
	return rows, nil
}

// checkScript parses and compiles the script for its errors (Gizmo's own
// compile error has no position), and returns the source to run: the script
// and a last line that keeps goja from loading a source map the script
// would name in its last line (goja reads that file from disk).
func checkScript(script string) (string, error) {
	prg, err := parser.ParseFile(nil, "", script, 0, parser.WithDisableSourceMaps)
	if err != nil {
		var list parser.ErrorList
		if errors.As(err, &list) && len(list) > 0 {
			return "", &QueryError{Line: list[0].Position.Line, Column: list[0].Position.Column, Msg: "SyntaxError: " + list[0].Message}
		}
		return "", &QueryError{Msg: "SyntaxError: " + err.Error()}
	}
	if _, err := goja.CompileAST(prg, false); err != nil {
		// Early errors: a redeclared let, a bad assignment target.
		var ce *goja.CompilerError
		switch e := err.(type) {
		case *goja.CompilerSyntaxError:
			ce = &e.CompilerError
		case *goja.CompilerReferenceError:
			ce = &e.CompilerError
		default:
			return "", &QueryError{Msg: err.Error()}
		}
		qe := &QueryError{Msg: strings.SplitN(err.Error(), ":", 2)[0] + ": " + ce.Message}
		if ce.File != nil {
			p := ce.File.Position(ce.Offset)
			qe.Line, qe.Column = p.Line, p.Column
		}
		return "", qe
	}
	return script + "\n;", nil
}

// scriptError turns an error of a running script into a QueryError.
func scriptError(err error) error {
	var (
		stack []goja.StackFrame
		qe    QueryError
	)
	var ex *goja.Exception
	var so *goja.StackOverflowError
	switch {
	case errors.As(err, &ex) && ex.Value() != nil:
		qe.Msg, stack = ex.Value().String(), ex.Stack()
	case errors.As(err, &so):
		qe.Msg, stack = fmt.Sprintf("RangeError: more than %d nested calls", maxCallStack), so.Stack()
	default:
		// A Go error that Gizmo unwrapped from its exception: no position.
		return &QueryError{Msg: err.Error()}
	}
	// The innermost frame in the script itself: an error inside a prelude
	// helper is placed where the script called it.
	for _, f := range stack {
		if p := f.Position(); p.Line > 0 && f.SrcName() != preludeName {
			qe.Line, qe.Column = p.Line, p.Column
			break
		}
	}
	return &qe
}

// gizmoPkg is the package of Gizmo's script objects (graph, paths).
var gizmoPkg = reflect.TypeOf(gizmo.Session{}).PkgPath()

// sessionVM returns the JavaScript runtime of a Gizmo session, which Gizmo
// keeps unexported. Cayley is pinned, and a test checks that this works.
func sessionVM(ses *gizmo.Session) *goja.Runtime {
	f := reflect.ValueOf(ses).Elem().FieldByName("vm")
	if !f.IsValid() || f.Type() != reflect.TypeOf((*goja.Runtime)(nil)) {
		return nil
	}
	return *(**goja.Runtime)(unsafe.Pointer(f.UnsafeAddr()))
}

// guardSession puts proxies in place of the globals of a new Gizmo session.
func guardSession(ses *gizmo.Session) error {
	vm := sessionVM(ses)
	if vm == nil {
		return errors.New("query: cannot guard this version of gizmo (no session runtime)")
	}
	graph, ok := vm.Get("graph").(*goja.Object)
	if !ok {
		return errors.New("query: cannot guard this version of gizmo (no graph object)")
	}
	sb := &sandbox{vm: vm, graph: graph, methods: map[methodKey]goja.Value{}}
	for _, name := range vm.GlobalObject().Keys() {
		if name == "graph" || name == "g" {
			continue
		}
		// iri, str, lang, typed, regex, lt, like, ...
		if fn, ok := goja.AssertFunction(vm.Get(name)); ok {
			if err := vm.Set(name, sb.guardFunc(name, fn, goja.Undefined(), goja.Undefined())); err != nil {
				return fmt.Errorf("query: %w", err)
			}
		}
	}
	p := sb.proxy(graph)
	if err := vm.Set("graph", p); err != nil {
		return fmt.Errorf("query: %w", err)
	}
	if err := vm.Set("g", p); err != nil {
		return fmt.Errorf("query: %w", err)
	}
	vm.SetMaxCallStackSize(maxCallStack)
	return nil
}

// sandbox stands between a script and Gizmo. Its methods run on Gizmo's
// goroutine, one at a time.
type sandbox struct {
	vm    *goja.Runtime
	graph *goja.Object // Gizmo's own graph object
	// methods holds the guarded methods of Gizmo's objects by type and
	// name, made once per session: a script calls them thousands of times.
	methods map[methodKey]goja.Value
}

type methodKey struct {
	t    reflect.Type
	name string
}

// proxy is what a script sees of one of Gizmo's objects.
type proxy struct {
	sb   *sandbox
	obj  *goja.Object // Gizmo's object
	self *goja.Object // the proxy as the script sees it
}

func (sb *sandbox) proxy(obj *goja.Object) *goja.Object {
	p := &proxy{sb: sb, obj: obj}
	p.self = sb.vm.NewDynamicObject(p)
	return p.self
}

// Get gives methods as guarded functions and other values wrapped.
func (p *proxy) Get(key string) goja.Value {
	mk := methodKey{p.obj.ExportType(), key}
	if m, ok := p.sb.methods[mk]; ok {
		return m
	}
	v := p.obj.Get(key)
	if v == nil {
		return nil
	}
	if _, ok := goja.AssertFunction(v); ok {
		m := p.sb.guardMethod(key)
		p.sb.methods[mk] = m
		return m
	}
	return p.sb.wrap(v)
}

func (p *proxy) Set(string, goja.Value) bool { return false }
func (p *proxy) Has(key string) bool         { return p.obj.Get(key) != nil }
func (p *proxy) Delete(string) bool          { return false }
func (p *proxy) Keys() []string              { return p.obj.Keys() }

// exceptNames are Gizmo's names for Except.
var exceptNames = map[string]bool{"except": true, "Except": true, "difference": true, "Difference": true}

// guardFunc is fn called on this (Gizmo's object; self is its proxy) under
// a recover, with the script's proxies unwrapped in its arguments and
// Gizmo's objects wrapped in its result.
func (sb *sandbox) guardFunc(name string, fn goja.Callable, this, self goja.Value) goja.Value {
	return sb.vm.ToValue(func(call goja.FunctionCall) goja.Value {
		return sb.callGuarded(name, fn, this, self, call.Arguments)
	})
}

func (sb *sandbox) callGuarded(name string, fn goja.Callable, this, self goja.Value, arguments []goja.Value) goja.Value {
	args := make([]goja.Value, len(arguments))
	for i, a := range arguments {
		args[i] = sb.unwrap(a)
	}
	if exceptNames[name] && len(args) > 0 && sb.empty(args[0]) {
		// Cayley would dereference nil on an empty excluded set.
		return self
	}
	ret, err := sb.call(fn, this, args)
	if err != nil {
		// A JavaScript exception stays one (a callback's throw, or
		// Gizmo's own error); an interrupt (the deadline) stays
		// uncatchable: goja lets both through as they are.
		panic(err)
	}
	return sb.wrap(ret)
}

// guardMethod is method name of the Gizmo object whose proxy it is called
// on, called as guardFunc calls it.
func (sb *sandbox) guardMethod(name string) goja.Value {
	return sb.vm.ToValue(func(call goja.FunctionCall) goja.Value {
		o, ok := call.This.(*goja.Object)
		if !ok || o.ExportType() != proxyType {
			panic(sb.vm.NewTypeError("%s called without its path or graph object", name))
		}
		p := o.Export().(*proxy)
		fn, ok := goja.AssertFunction(p.obj.Get(name))
		if !ok {
			panic(sb.vm.NewTypeError("%s is not a function", name))
		}
		return sb.callGuarded(name, fn, p.obj, p.self, call.Arguments)
	})
}

// call runs fn and turns a Go panic inside it into a JavaScript error. goja
// restores its own state before it lets such a panic through, so the
// script can go on (or catch it).
func (sb *sandbox) call(fn goja.Callable, this goja.Value, args []goja.Value) (ret goja.Value, err error) {
	defer func() {
		if r := recover(); r != nil {
			panic(sb.vm.NewGoError(fmt.Errorf("internal error in gizmo: %v", r)))
		}
	}()
	return fn(this, args...)
}

// empty says whether v is a Gizmo path whose set of nodes, as Except
// builds it (v's shape from all nodes: g.V().follow(v)), is empty.
func (sb *sandbox) empty(v goja.Value) bool {
	if !isGizmo(v) {
		return false
	}
	empty := false
	func() {
		defer func() { _ = recover() }() // then Except gets its chance
		all := sb.invoke(sb.graph, "V")
		nodes := sb.invoke(sb.invoke(all, "follow", v), "toArray", sb.vm.ToValue(1))
		empty = nodes.Get("length").ToInteger() == 0
	}()
	return empty
}

// invoke calls method name of Gizmo's object obj, and panics on any error.
func (sb *sandbox) invoke(obj *goja.Object, name string, args ...goja.Value) *goja.Object {
	fn, ok := goja.AssertFunction(obj.Get(name))
	if !ok {
		panic(name + " is not a function")
	}
	ret, err := fn(obj, args...)
	if err != nil {
		panic(err)
	}
	return ret.ToObject(sb.vm)
}

// wrap gives the script a proxy for one of Gizmo's objects.
func (sb *sandbox) wrap(v goja.Value) goja.Value {
	if !isGizmo(v) {
		return v
	}
	return sb.proxy(v.(*goja.Object))
}

// unwrap gives Gizmo its own object back for a proxy, also inside an array
// (out([p1, p2])).
func (sb *sandbox) unwrap(v goja.Value) goja.Value {
	o, ok := v.(*goja.Object)
	if !ok {
		return v
	}
	if o.ExportType() == proxyType {
		return o.Export().(*proxy).obj
	}
	if o.ClassName() != "Array" {
		return v
	}
	n := int(o.Get("length").ToInteger())
	items := make([]any, n)
	changed := false
	for i := range n {
		e := o.Get(strconv.Itoa(i))
		u := sb.unwrap(e)
		changed = changed || u != e
		items[i] = u
	}
	if !changed {
		return v
	}
	return sb.vm.NewArray(items...)
}

var proxyType = reflect.TypeOf((*proxy)(nil))

// isGizmo says whether v is one of Gizmo's own objects.
func isGizmo(v goja.Value) bool {
	o, ok := v.(*goja.Object)
	if !ok {
		return false
	}
	t := o.ExportType()
	return t != nil && t.Kind() == reflect.Pointer && t.Elem().PkgPath() == gizmoPkg
}
