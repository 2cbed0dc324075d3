package main

import (
	"context"
	"fmt"
	"time"
)

// cmdSweep removes from the object store what crashed uploads and imports
// left: temporary objects, objects no document refers to and incomplete
// multipart uploads, all older than --older-than. Run it from cron (daily);
// it is safe beside running uploads.
func cmdSweep(ctx context.Context, e *env, args []string) error {
	fs := e.flags("sweep")
	age := fs.Duration("older-than", 24*time.Hour, "leave anything younger than this")
	dry := fs.Bool("dry-run", false, "count what would be removed, remove nothing")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *age < time.Hour {
		return fmt.Errorf("%w: --older-than %v: at least 1h, so that no upload in flight is swept", errUsage, *age)
	}
	a, err := e.open(ctx, true)
	if err != nil {
		return err
	}
	defer a.close()
	res, err := a.objects.Sweep(ctx, *age, a.store.ObjectReferenced, *dry)
	if err != nil {
		return err
	}
	verb := "removed"
	if *dry {
		verb = "would remove"
	}
	fmt.Fprintf(e.stdout, "%s %d temporary and %d unreferenced objects (%d bytes) and %d incomplete uploads older than %v\n",
		verb, res.Temporary, res.Orphans, res.Bytes, res.Uploads, *age)
	return nil
}
