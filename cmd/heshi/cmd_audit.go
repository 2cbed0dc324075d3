package main

import (
	"context"
	"fmt"
	"time"

	"github.com/heshi-verify/heshi/workers"
)

func cmdAudit(ctx context.Context, e *env, args []string) error {
	if len(args) != 1 || (args[0] != "verify" && args[0] != "checkpoint" && args[0] != "objects") {
		return fmt.Errorf("%w: heshi audit verify|checkpoint|objects", errUsage)
	}
	a, err := e.open(ctx, true)
	if err != nil {
		return err
	}
	defer a.close()
	switch args[0] {
	case "checkpoint":
		cp, written, err := a.store.AuditCheckpoint(ctx, a.objects)
		if err != nil {
			return err
		}
		if written {
			fmt.Fprintf(e.stdout, "checkpoint written: entry %d, head %s\n", cp.Seq, cp.Hash)
		} else {
			fmt.Fprintf(e.stdout, "checkpoint of entry %d already there\n", cp.Seq)
		}
		return nil
	case "objects":
		return auditObjects(ctx, e, a)
	}
	rep, err := a.store.AuditVerify(ctx, a.objects)
	if err != nil {
		return fmt.Errorf("audit log broken after %d good entries: %w", rep.Entries, err)
	}
	fmt.Fprintf(e.stdout, "audit log intact: %d entries (%d from before it was keyed), head %x; %d checkpoints and %d orders agree with it\n",
		rep.Entries, rep.Unkeyed, rep.Head, rep.Checkpoints, rep.Orders)
	return nil
}

// auditObjects re-hashes every stored object now (the integrity sweep that
// also runs daily in the workers) and sends orders whose evidence changed
// to be checked again; the workers record the findings.
func auditObjects(ctx context.Context, e *env, a *app) error {
	d, err := a.workerDeps(e)
	if err != nil {
		return err
	}
	run := "cli " + time.Now().UTC().Format("20060102T150405Z")
	var total workers.SweepResult
	for {
		page, err := workers.SweepIntegrity(ctx, d, run, total.LastID, 5000, 0)
		if err != nil {
			return err
		}
		total.Documents += page.Documents
		total.Objects += page.Objects
		total.Bytes += page.Bytes
		total.Altered = append(total.Altered, page.Altered...)
		total.Rechecks += page.Rechecks
		total.LastID = page.LastID
		if page.Done {
			break
		}
	}
	for _, s := range total.Altered {
		fmt.Fprintln(e.stdout, "altered:", s)
	}
	fmt.Fprintf(e.stdout, "%d documents, %d objects (%d bytes) re-hashed: %d altered or missing, %d orders sent to be checked again\n",
		total.Documents, total.Objects, total.Bytes, len(total.Altered), total.Rechecks)
	if len(total.Altered) > 0 {
		return fmt.Errorf("%d stored objects do not match their documents", len(total.Altered))
	}
	return nil
}
