package objstore

import (
	"context"

	"github.com/minio/minio-go/v7"
)

// StartUpload begins a multipart upload of key and leaves it incomplete,
// as a crashed client does.
func (s *Store) StartUpload(ctx context.Context, key string) (string, error) {
	return minio.Core{Client: s.c}.NewMultipartUpload(ctx, s.bucket, key, minio.PutObjectOptions{})
}
