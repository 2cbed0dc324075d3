package main

import (
	"context"
	"fmt"

	"github.com/heshi-verify/heshi/samples"
)

func cmdSamples(ctx context.Context, e *env, args []string) error {
	fs := e.flags("samples")
	var opt samples.Options
	fs.IntVar(&opt.Orders, "orders", 200, "orders to generate")
	fs.Int64Var(&opt.Seed, "seed", 1, "random seed (the same seed gives the same dataset)")
	fs.Float64Var(&opt.AnomalyRate, "anomaly-rate", 0.1, "share of orders with one planted anomaly")
	fs.StringVar(&opt.Calibrate, "calibrate", "", "hunan-2021: reproduce the published 2021 county table with the clean orders")
	fs.IntVar(&opt.Workers, "workers", 0, "PDFs written at once (default: one per CPU)")
	out := fs.String("out", "", "directory to write")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *out == "" {
		return fmt.Errorf("%w: --out DIR is required", errUsage)
	}
	p := newProgress(e.stderr, "orders", 0)
	opt.Progress = p.update
	ds, err := samples.Generate(ctx, *out, opt)
	if err != nil {
		return err
	}
	p.finish()
	fmt.Fprintf(e.stderr, "wrote %d orders of %d buyers and %d suppliers to %s\n", len(ds.Orders), len(ds.Buyers), len(ds.Suppliers), *out)
	return nil
}
