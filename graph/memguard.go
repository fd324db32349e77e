package graph

import (
	"context"
	"errors"
	"fmt"
	"runtime/metrics"
	"sync"
	"time"

	"github.com/dop251/goja"
)

// DefaultQueryMemory is how much a query may grow the heap before Query
// stops it (see WithQueryMemory).
const DefaultQueryMemory = 512 << 20

// memSample is how often the memory guard looks at the heap.
const memSample = 50 * time.Millisecond

// heapMetric is the memory held by heap objects, live or not yet swept:
// what a script that allocates without bound makes grow.
const heapMetric = "/memory/classes/heap/objects:bytes"

// MemoryError is returned by Query when a script made the heap grow by more
// than its cap.
type MemoryError struct {
	// Limit is the cap in bytes.
	Limit int64
}

func (e *MemoryError) Error() string {
	return fmt.Sprintf("the query used more than %s and was stopped", mib(e.Limit))
}

func mib(n int64) string {
	if n%(1<<20) == 0 {
		return fmt.Sprintf("%d MiB", n>>20)
	}
	return fmt.Sprintf("%d bytes", n)
}

type memLimitKey struct{}

// WithQueryMemory returns a context under which Query stops a script once
// the heap has grown by more than limit bytes since the script started;
// limit <= 0 turns the cap off. Without it the cap is DefaultQueryMemory.
//
// The heap is the process's: queries that run at the same time count each
// other's memory, and garbage not yet collected counts until it is.
func WithQueryMemory(ctx context.Context, limit int64) context.Context {
	return context.WithValue(ctx, memLimitKey{}, limit)
}

func queryMemory(ctx context.Context) int64 {
	if n, ok := ctx.Value(memLimitKey{}).(int64); ok {
		return n
	}
	return DefaultQueryMemory
}

// errMemory is the cancellation cause the guard gives the query's context.
var errMemory = errors.New("query memory cap reached")

// memGuard samples the heap while a query runs and cancels the query's
// context when the heap has grown past the cap.
type memGuard struct {
	limit  int64
	cancel context.CancelCauseFunc
	stopc  chan struct{}
	done   chan struct{}

	mu  sync.Mutex
	hit bool
}

// guardMemory returns ctx under a memory guard; stop ends the guard.
func guardMemory(ctx context.Context) (context.Context, *memGuard) {
	g := &memGuard{limit: queryMemory(ctx)}
	if g.limit <= 0 {
		return ctx, g
	}
	ctx, g.cancel = context.WithCancelCause(ctx)
	g.stopc, g.done = make(chan struct{}), make(chan struct{})
	base := heapBytes()
	go g.watch(ctx, base)
	return ctx, g
}

func (g *memGuard) watch(ctx context.Context, base int64) {
	defer close(g.done)
	t := time.NewTicker(memSample)
	defer t.Stop()
	for {
		select {
		case <-g.stopc:
			return
		case <-ctx.Done():
			return
		case <-t.C:
		}
		if heapBytes()-base <= g.limit {
			continue
		}
		g.mu.Lock()
		g.hit = true
		g.mu.Unlock()
		g.cancel(errMemory)
		return
	}
}

// stop ends the guard and releases its context.
func (g *memGuard) stop() {
	if g.cancel == nil {
		return
	}
	close(g.stopc)
	<-g.done
	g.cancel(nil)
}

// exceeded is the error to report when the guard stopped the query.
func (g *memGuard) exceeded() error {
	g.mu.Lock()
	defer g.mu.Unlock()
	if !g.hit {
		return nil
	}
	return &MemoryError{Limit: g.limit}
}

func heapBytes() int64 {
	s := []metrics.Sample{{Name: heapMetric}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return int64(s[0].Value.Uint64())
}

// binaryBuiltins allocate a block of a size the script names, in one call.
var binaryBuiltins = []string{
	"ArrayBuffer", "SharedArrayBuffer", "DataView",
	"Int8Array", "Uint8Array", "Uint8ClampedArray", "Int16Array", "Uint16Array",
	"Int32Array", "Uint32Array", "Float32Array", "Float64Array", "BigInt64Array", "BigUint64Array",
}

// limitBuiltins takes from a script the built-ins that allocate, in one
// call, as much memory as the script asks for. The guard interrupts a
// script between two of its steps, and one such call (new
// Float64Array(1e10).fill(1)) is one step that runs to its end even after
// Query has returned. ArrayBuffer, DataView and the typed arrays go (Gizmo
// has no use for binary data); String.prototype.repeat, padStart and padEnd
// throw a RangeError when their result would be longer than limit bytes
// (limit <= 0: no cap).
func limitBuiltins(vm *goja.Runtime, limit int64) error {
	global := vm.GlobalObject()
	for _, name := range binaryBuiltins {
		if err := global.Delete(name); err != nil {
			return fmt.Errorf("query: %w", err)
		}
	}
	if limit <= 0 {
		return nil
	}
	proto := vm.Get("String").ToObject(vm).Get("prototype").ToObject(vm)
	size := map[string]func(this string, args []goja.Value) float64{
		"repeat": func(this string, args []goja.Value) float64 {
			return float64(len(this)) * argNumber(args, 0)
		},
		"padStart": func(_ string, args []goja.Value) float64 { return argNumber(args, 0) },
		"padEnd":   func(_ string, args []goja.Value) float64 { return argNumber(args, 0) },
	}
	for name, size := range size {
		orig, ok := goja.AssertFunction(proto.Get(name))
		if !ok {
			continue
		}
		fn := func(call goja.FunctionCall) goja.Value {
			if !goja.IsUndefined(call.This) && !goja.IsNull(call.This) {
				if n := size(call.This.String(), call.Arguments); n > float64(limit) {
					rangeError, _ := vm.New(vm.Get("RangeError"), vm.ToValue(fmt.Sprintf(
						"String.prototype.%s: the result would be longer than the query's memory cap of %s", name, mib(limit))))
					panic(rangeError)
				}
			}
			ret, err := orig(call.This, call.Arguments...)
			if err != nil {
				panic(err)
			}
			return ret
		}
		if err := proto.DefineDataProperty(name, vm.ToValue(fn), goja.FLAG_TRUE, goja.FLAG_FALSE, goja.FLAG_TRUE); err != nil {
			return fmt.Errorf("query: %w", err)
		}
	}
	return nil
}

func argNumber(args []goja.Value, i int) float64 {
	if i >= len(args) {
		return 0
	}
	return args[i].ToFloat()
}
