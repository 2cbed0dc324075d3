package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"sync/atomic"
	"time"

	"github.com/heshi-verify/heshi/pipeline"
	"github.com/heshi-verify/heshi/pipeline/dataset"
	"github.com/heshi-verify/heshi/pipeline/intake"
)

// importActor is who imports appear as in the audit log.
var importActor = pipeline.Actor{Name: "import", Role: pipeline.RoleAdmin}

func cmdImport(ctx context.Context, e *env, args []string) error {
	fs := e.flags("import")
	parallel := fs.Int("parallel", 4, "orders whose documents are uploaded at once")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return fmt.Errorf("%w: heshi import DIR", errUsage)
	}
	dir := pos[0]
	ds, err := dataset.Read(dir)
	if err != nil {
		return fmt.Errorf("%s: nothing imported:\n%w", dir, err)
	}
	a, err := e.open(ctx, true)
	if err != nil {
		return err
	}
	defer a.close()
	res, err := a.store.ImportMaster(ctx, ds, importActor)
	if err != nil {
		return fmt.Errorf("%s: nothing imported: %w", dir, err)
	}
	fmt.Fprintf(e.stderr, "imported %d buyers, %d suppliers, %d products, %d new orders (%d already there)\n",
		res.Buyers, res.Suppliers, res.Products, res.OrdersNew, res.OrdersExisting)
	if res.OrdersHeld > 0 {
		fmt.Fprintf(e.stderr, "%d verified orders held for review: a fact of their buyer or supplier changed (see the audit log)\n", res.OrdersHeld)
	}
	return importDocuments(ctx, e, a, dir, ds, *parallel, nil)
}

// importDocuments adds every document of the dataset through the same intake
// as uploads, telling observe (when not nil) how long each took. It is
// idempotent: a file identical to an order's current version adds nothing.
func importDocuments(ctx context.Context, e *env, a *app, dir string, ds *pipeline.Dataset, parallel int, observe func(time.Duration)) error {
	type job struct {
		orderNo string
		kind    pipeline.DocKind
		path    string
	}
	var jobs []job
	for orderNo, docs := range ds.Documents {
		for kind, rel := range docs {
			jobs = append(jobs, job{orderNo, kind, rel})
		}
	}
	sort.Slice(jobs, func(i, j int) bool {
		if jobs[i].orderNo != jobs[j].orderNo {
			return jobs[i].orderNo < jobs[j].orderNo
		}
		return jobs[i].kind < jobs[j].kind
	})
	in := &intake.Intake{Store: a.store, Objects: a.objects, MaxBytes: a.cfg.MaxUploadBytes, Log: e.log}
	var (
		done, added atomic.Int64
		mu          sync.Mutex
		failures    []string
		wg          sync.WaitGroup
		next        = make(chan []job)
	)
	p := newProgress(e.stderr, "documents", len(jobs))
	for range max(1, parallel) {
		wg.Go(func() {
			for order := range next {
				for _, j := range order {
					start := time.Now()
					err := func() error {
						f, err := os.Open(filepath.Join(dir, j.path))
						if err != nil {
							return err
						}
						defer f.Close()
						_, created, err := in.Add(ctx, importActor, j.orderNo, j.kind, filepath.Base(j.path), f)
						if created {
							added.Add(1)
						}
						return err
					}()
					if observe != nil {
						observe(time.Since(start))
					}
					if err != nil {
						mu.Lock()
						failures = append(failures, fmt.Sprintf("%s: %s", j.path, message(err)))
						mu.Unlock()
					}
					p.set(int(done.Add(1)))
				}
			}
		})
	}
	// An order's documents go in one after the other, orders side by side:
	// each document locks its order to record itself, so documents of one
	// order sent at once would only wait on each other.
	for i := 0; i < len(jobs) && ctx.Err() == nil; {
		k := i + 1
		for k < len(jobs) && jobs[k].orderNo == jobs[i].orderNo {
			k++
		}
		next <- jobs[i:k]
		i = k
	}
	close(next)
	wg.Wait()
	p.finish()
	fmt.Fprintf(e.stderr, "documents: %d added, %d already there, %d refused\n", added.Load(), int64(len(jobs)-len(failures))-added.Load(), len(failures))
	for _, f := range failures {
		fmt.Fprintln(e.stderr, "  refused:", f)
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if len(failures) > 0 {
		return fmt.Errorf("%d documents refused (the rest were imported)", len(failures))
	}
	return nil
}
