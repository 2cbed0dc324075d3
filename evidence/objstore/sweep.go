package objstore

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/minio/minio-go/v7"
)

// SweepResult counts what Sweep removed (or, dry, would remove).
type SweepResult struct {
	Temporary int   // tmp/ object versions of uploads that never finished
	Orphans   int   // sha256/ object versions no document refers to
	Retained  int   // orphan versions the object lock keeps (COMPLIANCE mode)
	Uploads   int   // incomplete multipart uploads aborted
	Bytes     int64 // the objects' size
}

// Sweep removes what crashed uploads leave behind, all of it older than
// age: temporary objects (tmp/), incomplete multipart uploads, and
// content-addressed objects (sha256/) that referenced says no document
// refers to. An upload in flight is younger than any sensible age (a day),
// and Promote refreshes an existing object's time before a new document
// refers to it, so a sweep never takes an object an upload is recording.
// Every version is removed, not only the newest (on a versioned bucket a
// plain delete only hides an object); an orphan under GOVERNANCE lock is
// removed by bypassing it, one under COMPLIANCE lock stays until its
// retention ends. dry counts without removing.
func (s *Store) Sweep(ctx context.Context, age time.Duration, referenced func(ctx context.Context, key string) (bool, error), dry bool) (SweepResult, error) {
	var res SweepResult
	cut := s.now().Add(-age)
	var lastKey string
	var keep bool // whether the versions of lastKey stay
	for o := range s.c.ListObjects(ctx, s.bucket, minio.ListObjectsOptions{Recursive: true, WithVersions: true}) {
		if o.Err != nil {
			return res, fmt.Errorf("list objects: %w", o.Err)
		}
		opts := minio.RemoveObjectOptions{VersionID: o.VersionID}
		switch {
		case strings.HasPrefix(o.Key, "tmp/"):
			if !o.LastModified.Before(cut) {
				continue
			}
			res.Temporary++
		case strings.HasPrefix(o.Key, "sha256/"):
			if o.Key != lastKey {
				// A key's versions are listed together, newest first: the
				// newest says how old the object is (Promote's touch makes
				// a new version).
				lastKey, keep = o.Key, !o.LastModified.Before(cut)
				if !keep {
					ref, err := referenced(ctx, o.Key)
					if err != nil {
						return res, err
					}
					keep = ref
				}
			}
			if keep {
				continue
			}
			res.Orphans++
			opts.GovernanceBypass = true
		default:
			continue // not heshi's: left alone
		}
		res.Bytes += o.Size
		if dry {
			continue
		}
		if err := s.c.RemoveObject(ctx, s.bucket, o.Key, opts); err != nil {
			if minio.ToErrorResponse(err).Code == "InvalidRequest" || strings.Contains(err.Error(), "WORM") {
				res.Orphans--
				res.Retained++
				continue
			}
			return res, fmt.Errorf("remove %s: %w", o.Key, err)
		}
	}
	for u := range s.c.ListIncompleteUploads(ctx, s.bucket, "", true) {
		if u.Err != nil {
			return res, fmt.Errorf("list incomplete uploads: %w", u.Err)
		}
		if !u.Initiated.Before(cut) {
			continue
		}
		res.Uploads++
		if dry {
			continue
		}
		if err := (minio.Core{Client: s.c}).AbortMultipartUpload(ctx, s.bucket, u.Key, u.UploadID); err != nil {
			return res, fmt.Errorf("abort upload of %s: %w", u.Key, err)
		}
	}
	return res, nil
}

// touch refreshes an object's time, copying it onto itself: an object a
// new document is about to refer to is then young, and Sweep leaves it.
func (s *Store) touch(ctx context.Context, key, contentType string) error {
	mode, until := s.retention()
	_, err := s.c.CopyObject(ctx,
		minio.CopyDestOptions{Bucket: s.bucket, Object: key, ReplaceMetadata: true, ContentType: contentType,
			ChecksumType: minio.ChecksumSHA256, Mode: mode, RetainUntilDate: until},
		minio.CopySrcOptions{Bucket: s.bucket, Object: key})
	if err != nil {
		return fmt.Errorf("touch %s: %w", key, err)
	}
	return nil
}
