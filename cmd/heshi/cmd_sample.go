package main

import (
	"context"
	"fmt"
	"strconv"

	"github.com/heshi-verify/heshi/pipeline"
)

// sampleActor is who works a sampling round from the command line.
var sampleActor = pipeline.Actor{Name: "cli", Role: pipeline.RoleOperator}

// cmdSample draws, shows, records and closes sampling rounds (issue 12): how sure
// the automatically verified totals are.
func cmdSample(ctx context.Context, e *env, args []string) error {
	usage := fmt.Errorf("%w: heshi sample draw [--from D] [--to D] [--confidence 0.95] [--tolerable 0.05] [--seed N] | show [ID] | record ID ORDER ok|error [--note T] | close ID", errUsage)
	if len(args) == 0 {
		return usage
	}
	switch args[0] {
	case "draw":
		fs := e.flags("sample draw")
		from := fs.String("from", "", "first order date (YYYY-MM-DD)")
		to := fs.String("to", "", "last order date (YYYY-MM-DD)")
		conf := fs.Float64("confidence", 0.95, "confidence of the bound")
		tol := fs.Float64("tolerable", 0.05, "tolerable rate of wrongly verified orders")
		seed := fs.Uint64("seed", 0, "the draw's seed (0: a random one, recorded)")
		if err := fs.Parse(args[1:]); err != nil {
			return err
		}
		per, err := periodFlags(*from, *to)
		if err != nil {
			return err
		}
		a, err := e.open(ctx, false)
		if err != nil {
			return err
		}
		defer a.close()
		r, err := a.store.DrawSampleRound(ctx, sampleActor, per, *conf, *tol, *seed)
		if err != nil {
			return err
		}
		return writeRound(e, r)
	case "show":
		var id int64
		if len(args) > 1 {
			n, err := strconv.ParseInt(args[1], 10, 64)
			if err != nil {
				return usage
			}
			id = n
		}
		a, err := e.open(ctx, false)
		if err != nil {
			return err
		}
		defer a.close()
		r, err := a.store.SampleRound(ctx, id)
		if err != nil {
			return err
		}
		return writeRound(e, r)
	case "record":
		fs := e.flags("sample record")
		note := fs.String("note", "", "what was wrong (required for error)")
		pos, err := parseInterspersed(fs, args[1:])
		if err != nil {
			return err
		}
		if len(pos) != 3 || (pos[2] != "ok" && pos[2] != "error") {
			return usage
		}
		id, err := strconv.ParseInt(pos[0], 10, 64)
		if err != nil {
			return usage
		}
		r, err := changeRound(ctx, e, id, func(a *app) error {
			return a.store.RecordSampleCheck(ctx, sampleActor, id, pos[1], pos[2] == "error", *note)
		})
		if err != nil {
			return err
		}
		fmt.Fprintln(e.stdout, r.Result)
		return nil
	case "close":
		if len(args) != 2 {
			return usage
		}
		id, err := strconv.ParseInt(args[1], 10, 64)
		if err != nil {
			return usage
		}
		r, err := changeRound(ctx, e, id, func(a *app) error { return a.store.CloseSampleRound(ctx, sampleActor, id) })
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "sample %d closed: %s\n", id, r.Result)
		return nil
	}
	return usage
}

// changeRound opens the store, makes a change to round id and returns the
// round as it then stands.
func changeRound(ctx context.Context, e *env, id int64, change func(*app) error) (*pipeline.SampleRound, error) {
	a, err := e.open(ctx, false)
	if err != nil {
		return nil, err
	}
	defer a.close()
	if err := change(a); err != nil {
		return nil, err
	}
	return a.store.SampleRound(ctx, id)
}

func writeRound(e *env, r *pipeline.SampleRound) error {
	fmt.Fprintf(e.stdout, "sample %d (seed %d, confidence %.0f%%, tolerable %.1f%%): %d of %d orders verified without a person\n",
		r.ID, r.Seed, 100*r.Confidence, 100*r.Tolerable, len(r.Items), r.Result.Population)
	for _, it := range r.Items {
		res := it.Result
		if res == "" {
			res = "to check"
		}
		fmt.Fprintf(e.stdout, "  %s  %12s  %s %s\n", it.OrderNo, it.Total, res, it.Note)
	}
	if r.Closed() {
		fmt.Fprintf(e.stdout, "closed %s by %s: ", r.ClosedAt.In(pipeline.Shanghai).Format("2006-01-02 15:04"), r.ClosedBy)
	}
	fmt.Fprintln(e.stdout, r.Result)
	return nil
}
