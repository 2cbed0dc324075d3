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
	fs.StringVar(&opt.Calibrate, "calibrate", "", "hunan-2021: reproduce every table of the published 2021 statement (overview, counties, top 50 budget units) with the clean orders")
	fs.IntVar(&opt.Workers, "workers", 0, "PDFs written at once (default: one per CPU)")
	fs.StringVar(&opt.Layouts, "layouts", "", "document layouts: classic, all, new, holdout (the held-out layouts, in no other set), or comma-separated kinds and layout ids such as payment/colheads (default: classic, without layouts.csv and fields.csv)")
	fs.Float64Var(&opt.Scans, "scans", 0, "share of documents written as scans (JPEG, PNG or image-only PDF) instead of text PDFs")
	fs.BoolVar(&opt.NoDocuments, "no-documents", false, "write the CSV files only, without the documents")
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
	if (opt.Layouts != "" || opt.Scans > 0) && !opt.NoDocuments {
		fmt.Fprintf(e.stderr, "each document's layout and fields: %s and %s\n", samples.LayoutsFile, samples.FieldsFile)
	}
	return nil
}
