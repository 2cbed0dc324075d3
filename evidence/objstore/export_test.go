package objstore

import (
	"context"
	"io"

	"github.com/minio/minio-go/v7"
)

// StartUpload begins a multipart upload of key and leaves it incomplete,
// as a crashed client does.
func (s *Store) StartUpload(ctx context.Context, key string) (string, error) {
	return minio.Core{Client: s.c}.NewMultipartUpload(ctx, s.bucket, key, minio.PutObjectOptions{})
}

// Versions lists the version ids of key, newest first.
func (s *Store) Versions(ctx context.Context, key string) ([]string, error) {
	var out []string
	for o := range s.c.ListObjects(ctx, s.bucket, minio.ListObjectsOptions{Prefix: key, WithVersions: true}) {
		if o.Err != nil {
			return nil, o.Err
		}
		if o.Key == key && !o.IsDeleteMarker {
			out = append(out, o.VersionID)
		}
	}
	return out, nil
}

// RemoveVersion removes one version of key, as someone with the store's
// delete right but not the lock's bypass would.
func (s *Store) RemoveVersion(ctx context.Context, key, version string) error {
	return s.c.RemoveObject(ctx, s.bucket, key, minio.RemoveObjectOptions{VersionID: version})
}

// ReadVersion returns the bytes of one version of key.
func (s *Store) ReadVersion(ctx context.Context, key, version string) ([]byte, error) {
	o, err := s.c.GetObject(ctx, s.bucket, key, minio.GetObjectOptions{VersionID: version})
	if err != nil {
		return nil, err
	}
	defer o.Close()
	return io.ReadAll(o)
}
