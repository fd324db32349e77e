package graph

import (
	"fmt"

	"github.com/cayleygraph/quad"
	"github.com/dop251/goja"
)

// The property reader as scripts see it: the global object dkgRead, which
// the prelude wraps in its dkg.* helpers.

// gizmoValue is v as Gizmo's JSON collation gives it to a script: an IRI
// as "<iri>", a typed literal as "\"v\"^^<type>", a string or number as
// itself.
func gizmoValue(v quad.Value) any {
	if v == nil {
		return nil
	}
	out := v.Native()
	if nv, ok := out.(quad.Value); ok && v == nv {
		return quad.StringOf(v)
	}
	return out
}

// expose gives scripts the reader as the global object dkgRead, with
// values(id, p[, limit]), labels(id[, limit]) and subjects(p, o), each
// returning an array of values as Gizmo gives them, facts(id, p), an array
// of {value, articles}, dated(ids, class, since, until, limit), an array
// of {id, date}, and count(p, o[, class]), {all, ofClass} (an array of
// them for an array of objects o). The prelude wraps them (dkg.values,
// dkg.articles, dkg.inverse, dkg.facts, dkg.dated, dkg.count).
func (r *propReader) expose(vm *goja.Runtime) error {
	arg := func(call goja.FunctionCall, i int) quad.Value {
		a := call.Argument(i)
		if goja.IsUndefined(a) || goja.IsNull(a) {
			panic(vm.NewTypeError("dkgRead: argument %d is missing", i+1))
		}
		return quad.StringToValue(a.String())
	}
	result := func(vals []quad.Value, err error) goja.Value {
		if err != nil {
			panic(vm.NewGoError(err))
		}
		out := make([]any, 0, len(vals))
		for _, v := range vals {
			if v != nil {
				out = append(out, gizmoValue(v))
			}
		}
		return vm.NewArray(out...)
	}
	o := vm.NewObject()
	for name, fn := range map[string]func(goja.FunctionCall) goja.Value{
		"values": func(call goja.FunctionCall) goja.Value {
			return result(r.Values(arg(call, 0), arg(call, 1), int(call.Argument(2).ToInteger())))
		},
		"labels": func(call goja.FunctionCall) goja.Value {
			return result(r.Labels(arg(call, 0), int(call.Argument(1).ToInteger())))
		},
		"dated": func(call goja.FunctionCall) goja.Value {
			arr, ok := call.Argument(0).Export().([]any)
			if !ok {
				panic(vm.NewTypeError("dkgRead.dated: the first argument is not an array of nodes"))
			}
			nodes := make([]quad.Value, 0, len(arr))
			for _, n := range arr {
				nodes = append(nodes, quad.StringToValue(fmt.Sprint(n)))
			}
			opt := func(i int) string {
				if a := call.Argument(i); !goja.IsUndefined(a) && !goja.IsNull(a) {
					return a.String()
				}
				return ""
			}
			var class quad.IRI
			if c, ok := quad.StringToValue(opt(1)).(quad.IRI); ok {
				class = c
			}
			dated, err := r.Dated(nodes, class, opt(2), opt(3), int(call.Argument(4).ToInteger()))
			if err != nil {
				panic(vm.NewGoError(err))
			}
			out := make([]any, len(dated))
			for i, d := range dated {
				o := vm.NewObject()
				_ = o.Set("id", gizmoValue(d.Node))
				_ = o.Set("date", d.Date)
				out[i] = o
			}
			return vm.NewArray(out...)
		},
		"count": func(call goja.FunctionCall) goja.Value {
			var class quad.IRI
			if a := call.Argument(2); !goja.IsUndefined(a) && !goja.IsNull(a) {
				class, _ = quad.StringToValue(a.String()).(quad.IRI)
			}
			// One object, or an array of them (one answer each).
			one := true
			objects := []quad.Value{arg(call, 1)}
			if arr, ok := call.Argument(1).Export().([]any); ok {
				one, objects = false, objects[:0]
				for _, o := range arr {
					objects = append(objects, quad.StringToValue(fmt.Sprint(o)))
				}
			}
			counts, err := r.Count(arg(call, 0), objects, class)
			if err != nil {
				panic(vm.NewGoError(err))
			}
			out := make([]any, len(counts))
			for i, n := range counts {
				o := vm.NewObject()
				_ = o.Set("all", n.All)
				_ = o.Set("ofClass", n.OfClass)
				out[i] = o
			}
			if one {
				return out[0].(goja.Value)
			}
			return vm.NewArray(out...)
		},
		"facts": func(call goja.FunctionCall) goja.Value {
			facts, err := r.Facts(arg(call, 0), arg(call, 1))
			if err != nil {
				panic(vm.NewGoError(err))
			}
			out := make([]any, len(facts))
			for i, f := range facts {
				arts := make([]any, len(f.Articles))
				for j, a := range f.Articles {
					arts[j] = gizmoValue(a)
				}
				out[i] = map[string]any{"value": gizmoValue(f.Value), "articles": arts}
			}
			return vm.ToValue(out)
		},
		"subjects": func(call goja.FunctionCall) goja.Value {
			return result(r.Subjects(arg(call, 0), arg(call, 1)))
		},
	} {
		if err := o.Set(name, guardNative(vm, name, fn)); err != nil {
			return err
		}
	}
	return vm.Set("dkgRead", o)
}

// guardNative runs fn so that a Go panic inside it (a bug, or a store that
// is not what the reader expects) becomes a script error instead of taking
// the process down: scripts run on Gizmo's goroutine, where nothing else
// recovers. JavaScript errors that fn throws on purpose pass as they are.
func guardNative(vm *goja.Runtime, name string, fn func(goja.FunctionCall) goja.Value) func(goja.FunctionCall) goja.Value {
	return func(call goja.FunctionCall) (ret goja.Value) {
		defer func() {
			r := recover()
			switch r.(type) {
			case nil:
			case goja.Value, *goja.Exception, *goja.InterruptedError:
				panic(r)
			default:
				panic(vm.NewGoError(fmt.Errorf("internal error in dkgRead.%s: %v", name, r)))
			}
		}()
		return fn(call)
	}
}
