// Package objstore keeps evidence files in S3-compatible object storage
// (MinIO locally) through minio-go, using only plain S3 calls. Objects are
// content-addressed, sha256/<hex>, so the same bytes are stored once and a
// stored object can always be checked against its name.
//
// Evidence cannot be rewritten where the store allows it: a new bucket is
// made with versioning and object lock, and every evidence object is
// retained (Config.Lock) from the moment it is filed, so an overwrite under
// its key only adds a version (the original stays, and re-hashing finds
// the difference) and a delete only adds a marker. The store checks each
// upload's parts against their SHA-256 (x-amz-checksum-sha256) and computes
// the filed object's SHA-256 itself, which Promote compares with the hash
// taken while streaming.
package objstore

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"net/http"
	"time"

	"github.com/minio/minio-go/v7"
	"github.com/minio/minio-go/v7/pkg/credentials"
	"github.com/minio/minio-go/v7/pkg/lifecycle"
)

// Config says where the bucket is.
type Config struct {
	Endpoint  string // host:port
	AccessKey string
	SecretKey string
	Bucket    string
	UseSSL    bool
	Region    string
	Lock      Retention // object lock of evidence objects and audit checkpoints
}

// Retention is how evidence objects are locked.
type Retention struct {
	Mode string // Governance, Compliance, or "" for no lock
	Days int    // how long each object is retained from its filing
}

// The object lock modes: under GOVERNANCE a user with the bypass
// permission (the store's administrator) may still remove a retained
// object version; under COMPLIANCE nobody can until its retention ends.
const (
	Governance = "GOVERNANCE"
	Compliance = "COMPLIANCE"
)

// ErrChecksum reports a filed object whose SHA-256, as the store computed
// it, is not the one computed while streaming it in.
var ErrChecksum = errors.New("the store holds other bytes than were sent")

// PartSize is the multipart part size of uploads of unknown length. minio-go
// buffers one part in memory per upload (528 MiB by default for an unknown
// size), so this bounds an upload's memory.
const PartSize = 5 << 20 // S3's minimum

// ErrTooLarge reports a stream longer than the limit given to Put.
var ErrTooLarge = errors.New("object too large")

// ErrTruncated is a stream that ended before its end: what was read of it
// is not stored.
var ErrTruncated = errors.New("stream cut off before its end")

// Store is a bucket of content-addressed objects.
type Store struct {
	c      *minio.Client
	bucket string
	lock   Retention // Mode is "" when the bucket has no object lock
	now    func() time.Time
}

// Open connects to the object store and makes the bucket if it is missing:
// with object lock (which implies versioning) when cfg.Lock asks for it.
// On an existing bucket it turns versioning on and uses object lock only if
// the bucket was made with it (S3 cannot add it later).
func Open(ctx context.Context, cfg Config) (*Store, error) {
	c, err := minio.New(cfg.Endpoint, &minio.Options{
		Creds:           credentials.NewStaticV4(cfg.AccessKey, cfg.SecretKey, ""),
		Secure:          cfg.UseSSL,
		Region:          cfg.Region,
		TrailingHeaders: true, // streamed uploads carry their parts' SHA-256
	})
	if err != nil {
		return nil, fmt.Errorf("object store %s: %w", cfg.Endpoint, err)
	}
	s := &Store{c: c, bucket: cfg.Bucket, now: time.Now}
	ok, err := c.BucketExists(ctx, cfg.Bucket)
	if err != nil {
		return nil, fmt.Errorf("object store %s: bucket %s: %w", cfg.Endpoint, cfg.Bucket, err)
	}
	if !ok {
		err := c.MakeBucket(ctx, cfg.Bucket, minio.MakeBucketOptions{Region: cfg.Region, ObjectLocking: cfg.Lock.Mode != ""})
		if err != nil {
			// Another process may have made it meanwhile.
			if ok, err2 := c.BucketExists(ctx, cfg.Bucket); err2 != nil || !ok {
				return nil, fmt.Errorf("object store: make bucket %s: %w", cfg.Bucket, err)
			}
		}
	}
	if cfg.Lock.Mode != "" {
		enabled, _, _, _, err := c.GetObjectLockConfig(ctx, cfg.Bucket)
		if err == nil && enabled == "Enabled" {
			s.lock = cfg.Lock
		}
	}
	if s.lock.Mode == "" {
		// Without a lock, versions still keep what an overwrite replaced.
		// A store without versioning refuses; the evidence is then only
		// as safe as the store's access rights.
		_ = c.EnableVersioning(ctx, cfg.Bucket)
	}
	// What crashed uploads leave, the store removes by itself after a day
	// where it keeps lifecycle rules (heshi sweep does it elsewhere, and
	// removes unreferenced evidence objects too). A store without them
	// refuses, and the sweep is then the only cleaner.
	_ = c.SetBucketLifecycle(ctx, cfg.Bucket, tmpLifecycle())
	return s, nil
}

// tmpLifecycle expires temporary objects (all their versions) a day after
// they were written, and aborts multipart uploads left incomplete for a day.
func tmpLifecycle() *lifecycle.Configuration {
	return &lifecycle.Configuration{Rules: []lifecycle.Rule{{
		ID:                             "heshi-tmp",
		Status:                         "Enabled",
		RuleFilter:                     lifecycle.Filter{Prefix: "tmp/"},
		Expiration:                     lifecycle.Expiration{Days: 1},
		NoncurrentVersionExpiration:    lifecycle.NoncurrentVersionExpiration{NoncurrentDays: 1},
		AbortIncompleteMultipartUpload: lifecycle.AbortIncompleteMultipartUpload{DaysAfterInitiation: 1},
	}}}
}

// Lifecycle returns the bucket's lifecycle rules, for tests and reports.
func (s *Store) Lifecycle(ctx context.Context) (*lifecycle.Configuration, error) {
	return s.c.GetBucketLifecycle(ctx, s.bucket)
}

// Locked reports whether the bucket retains evidence under object lock.
func (s *Store) Locked() bool { return s.lock.Mode != "" }

// retention returns the lock options of an object filed now.
func (s *Store) retention() (minio.RetentionMode, time.Time) {
	if s.lock.Mode == "" {
		return "", time.Time{}
	}
	return minio.RetentionMode(s.lock.Mode), s.now().Add(time.Duration(s.lock.Days) * 24 * time.Hour)
}

// Bucket returns the bucket's name.
func (s *Store) Bucket() string { return s.bucket }

// KeyFor returns the content address of bytes with the given SHA-256.
func KeyFor(sum []byte) string { return "sha256/" + hex.EncodeToString(sum) }

// Object is a stored object.
type Object struct {
	Key    string
	SHA256 []byte
	Size   int64
}

// Staged is a stream written to a private temporary object and hashed on
// the way: Promote files it under its content address, Discard removes it.
// Until then it is nobody's evidence, so removing it can never take away an
// object a document refers to.
type Staged struct {
	Object             // the content address it will have, its hash and size
	tmp         string // the temporary object's key
	tmpVersion  string // and its version, when the bucket keeps versions
	contentType string
	// data holds a stream of at most PartSize bytes read whole instead
	// of a temporary object: Promote then stores it with one PUT.
	data []byte
}

// TempKey returns the key of the temporary object; "" for a stream held
// in memory.
func (st *Staged) TempKey() string { return st.tmp }

// StagedReader reads a staged stream's bytes, at any offset.
type StagedReader interface {
	io.ReaderAt
	io.Reader
	io.Closer
}

// OpenStaged reads back what was staged: from memory, or from the
// temporary object.
func (s *Store) OpenStaged(ctx context.Context, st *Staged) (StagedReader, error) {
	if st.tmp == "" {
		return nopCloser{bytes.NewReader(st.data)}, nil
	}
	return s.Open(ctx, st.tmp)
}

type nopCloser struct{ *bytes.Reader }

func (nopCloser) Close() error { return nil }

// Stage hashes r and holds it for Promote. A stream of at most PartSize
// bytes (nearly all evidence) is held in memory, and stored by Promote
// with a single PUT; a longer one streams into a temporary object, in
// parts. A stream longer than maxBytes fails with ErrTooLarge and leaves
// nothing behind. Memory is bounded by PartSize whatever the stream's
// length.
func (s *Store) Stage(ctx context.Context, r io.Reader, maxBytes int64, contentType string) (*Staged, error) {
	hr := &hashingReader{r: r, h: sha256.New(), max: maxBytes}
	var head bytes.Buffer
	n, err := head.ReadFrom(io.LimitReader(hr, min(maxBytes, PartSize)+1))
	switch {
	case hr.tooLarge:
		return nil, fmt.Errorf("%w: over %d bytes", ErrTooLarge, maxBytes)
	case err != nil:
		return nil, fmt.Errorf("store object: %w", err)
	case n <= min(maxBytes, PartSize):
		st := &Staged{data: head.Bytes(), contentType: contentType, Object: Object{SHA256: hr.h.Sum(nil), Size: n}}
		st.Key = KeyFor(st.SHA256)
		return st, nil
	}
	// Longer than a part: the head read so far, then the rest, through the
	// same hash and limit.
	hr.r = io.MultiReader(bytes.NewReader(head.Bytes()), r)
	hr.n, hr.h = 0, sha256.New()
	tmp, err := tempKey()
	if err != nil {
		return nil, err
	}
	info, err := s.c.PutObject(ctx, s.bucket, tmp, hr, -1, minio.PutObjectOptions{
		ContentType: contentType,
		PartSize:    PartSize,
		Checksum:    minio.ChecksumSHA256, // the store checks every part as it arrives
	})
	if hr.tooLarge || err != nil {
		// A failed multipart upload is aborted by minio-go itself; a
		// completed one that read too much is removed.
		_ = s.c.RemoveObject(context.WithoutCancel(ctx), s.bucket, tmp, minio.RemoveObjectOptions{VersionID: info.VersionID})
	}
	if hr.tooLarge {
		return nil, fmt.Errorf("%w: over %d bytes", ErrTooLarge, maxBytes)
	}
	if err != nil {
		return nil, fmt.Errorf("store object: %w", err)
	}
	st := &Staged{tmp: tmp, tmpVersion: info.VersionID, contentType: contentType, Object: Object{SHA256: hr.h.Sum(nil), Size: hr.n}}
	st.Key = KeyFor(st.SHA256)
	return st, nil
}

// Promote files a staged object under its content address and removes the
// temporary object. created is false when the same bytes were already
// stored (nothing is stored twice).
func (s *Store) Promote(ctx context.Context, st *Staged) (obj Object, created bool, err error) {
	defer s.Discard(ctx, st)
	if st.data != nil {
		// Nearly every upload is new: one PUT on the condition that nothing
		// is stored under the name (If-None-Match: *), instead of asking
		// first. A store that ignores the condition overwrites the object
		// with the same bytes (the name is their hash), as below.
		created, err := s.putWhole(ctx, st, true)
		if err == nil || !errors.Is(err, errExists) {
			return st.Object, created, err
		}
	}
	sum, exists, err := s.existingSum(ctx, st.Key)
	if err != nil {
		return Object{}, false, err
	}
	if exists {
		if bytes.Equal(sum, st.SHA256) {
			// Possibly an orphan a sweep would take: made young again first.
			if err := s.touch(ctx, st.Key, st.contentType); err != nil {
				return Object{}, false, err
			}
			return st.Object, false, nil
		}
		// What is stored under this name is not (or no longer provably)
		// these bytes: the staged ones are filed as its newest version.
	}
	if st.data != nil {
		created, err := s.putWhole(ctx, st, false)
		return st.Object, created, err
	}
	mode, until := s.retention()
	info, err := s.c.CopyObject(ctx,
		minio.CopyDestOptions{Bucket: s.bucket, Object: st.Key, ReplaceMetadata: true, ContentType: st.contentType,
			ChecksumType: minio.ChecksumSHA256, Mode: mode, RetainUntilDate: until},
		minio.CopySrcOptions{Bucket: s.bucket, Object: st.tmp, VersionID: st.tmpVersion})
	if err != nil {
		return Object{}, false, fmt.Errorf("file object %s: %w", st.Key, err)
	}
	if err := s.checkSum(ctx, st.Key, info.VersionID, st.SHA256); err != nil {
		return Object{}, false, err
	}
	return st.Object, true, nil
}

// errExists is putWhole's answer when it was to store only a new object
// and one is stored under the name.
var errExists = errors.New("an object is stored under the name")

// putWhole stores a staged stream held in memory under its content address
// with one PUT of the whole object and its SHA-256: the store refuses the
// body if it does not hash to it, and answers the hash it kept. With
// ifNone it stores only if no object is stored under the name (errExists).
func (s *Store) putWhole(ctx context.Context, st *Staged, ifNone bool) (created bool, err error) {
	mode, until := s.retention()
	opts := minio.PutObjectOptions{
		ContentType: st.contentType, Checksum: minio.ChecksumSHA256, Mode: mode, RetainUntilDate: until,
		DisableMultipart: true,
	}
	if ifNone {
		opts.SetMatchETagExcept("*")
	}
	info, err := s.c.PutObject(ctx, s.bucket, st.Key, bytes.NewReader(st.data), st.Size, opts)
	if err != nil {
		if ifNone && minio.ToErrorResponse(err).StatusCode == http.StatusPreconditionFailed {
			return false, errExists
		}
		return false, fmt.Errorf("file object %s: %w", st.Key, err)
	}
	if info.ChecksumSHA256 == "" {
		// A store that answered no checksum: ask it.
		if err := s.checkSum(ctx, st.Key, info.VersionID, st.SHA256); err != nil {
			return false, err
		}
	} else if got, err := base64.StdEncoding.DecodeString(info.ChecksumSHA256); err != nil || !bytes.Equal(got, st.SHA256) {
		return false, fmt.Errorf("%w: %s has SHA-256 %q by the store's count", ErrChecksum, st.Key, info.ChecksumSHA256)
	}
	return true, nil
}

// checkSum compares the SHA-256 the store computed of an object version
// with want. A store that keeps no SHA-256 passes: the readers re-hash.
func (s *Store) checkSum(ctx context.Context, key, version string, want []byte) error {
	got, err := s.storedSum(ctx, key, version)
	if err != nil {
		return err
	}
	if got != nil && !bytes.Equal(got, want) {
		return fmt.Errorf("%w: %s has SHA-256 %x by the store's count", ErrChecksum, key, got)
	}
	return nil
}

// existingSum asks, in one request, whether an object is stored under
// key and the SHA-256 the store keeps of it (nil when it keeps none).
func (s *Store) existingSum(ctx context.Context, key string) (sum []byte, exists bool, err error) {
	sum, _, exists, err = s.Checksum(ctx, key)
	return sum, exists, err
}

// Checksum asks the store, in one request and without reading the object,
// for the SHA-256 it computed of the object under key when it was stored
// (nil when it keeps none: an object stored in parts, or without one) and
// its size; exists is false when there is no such object. The object's
// bytes are re-hashed by reading them only by the integrity sweep.
func (s *Store) Checksum(ctx context.Context, key string) (sum []byte, size int64, exists bool, err error) {
	info, err := s.c.StatObject(ctx, s.bucket, key, minio.StatObjectOptions{Checksum: true})
	if err != nil {
		if minio.ToErrorResponse(err).Code == minio.NoSuchKey {
			return nil, 0, false, nil
		}
		return nil, 0, false, fmt.Errorf("stat %s: %w", key, err)
	}
	sum, err = checksumOf(key, info)
	return sum, info.Size, true, err
}

func checksumOf(key string, info minio.ObjectInfo) ([]byte, error) {
	if info.ChecksumSHA256 == "" || info.ChecksumMode == "COMPOSITE" {
		return nil, nil
	}
	sum, err := base64.StdEncoding.DecodeString(info.ChecksumSHA256)
	if err != nil {
		return nil, fmt.Errorf("stat %s: checksum %q: %w", key, info.ChecksumSHA256, err)
	}
	return sum, nil
}

// storedSum returns the whole-object SHA-256 the store keeps of an object
// version ("" the newest), or nil when it keeps none.
func (s *Store) storedSum(ctx context.Context, key, version string) ([]byte, error) {
	info, err := s.c.StatObject(ctx, s.bucket, key, minio.StatObjectOptions{VersionID: version, Checksum: true})
	if err != nil {
		return nil, fmt.Errorf("stat %s: %w", key, err)
	}
	return checksumOf(key, info)
}

// Discard removes a staged object's temporary object; it is safe to call
// more than once and after Promote.
func (s *Store) Discard(ctx context.Context, st *Staged) {
	if st == nil {
		return
	}
	st.data = nil
	if st.tmp == "" {
		return
	}
	_ = s.c.RemoveObject(context.WithoutCancel(ctx), s.bucket, st.tmp, minio.RemoveObjectOptions{VersionID: st.tmpVersion})
	st.tmp = ""
}

// Put streams r into the store and files it under its content address:
// Stage, then Promote. created is false when the same bytes were already
// stored.
func (s *Store) Put(ctx context.Context, r io.Reader, maxBytes int64, contentType string) (obj Object, created bool, err error) {
	st, err := s.Stage(ctx, r, maxBytes, contentType)
	if err != nil {
		return Object{}, false, err
	}
	return s.Promote(ctx, st)
}

// Exists reports whether an object is stored under key.
func (s *Store) Exists(ctx context.Context, key string) (bool, error) {
	_, err := s.c.StatObject(ctx, s.bucket, key, minio.StatObjectOptions{})
	if err == nil {
		return true, nil
	}
	if minio.ToErrorResponse(err).Code == minio.NoSuchKey {
		return false, nil
	}
	return false, fmt.Errorf("stat %s: %w", key, err)
}

// Open returns a reader of the object under key, with random access (the
// returned object implements io.ReaderAt and io.Seeker).
func (s *Store) Open(ctx context.Context, key string) (*minio.Object, error) {
	o, err := s.c.GetObject(ctx, s.bucket, key, minio.GetObjectOptions{})
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", key, err)
	}
	return o, nil
}

// ReadAll returns the object's bytes, refusing objects over maxBytes.
func (s *Store) ReadAll(ctx context.Context, key string, maxBytes int64) ([]byte, error) {
	o, err := s.Open(ctx, key)
	if err != nil {
		return nil, err
	}
	defer o.Close()
	b, err := io.ReadAll(io.LimitReader(o, maxBytes+1))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", key, err)
	}
	if int64(len(b)) > maxBytes {
		return nil, fmt.Errorf("%w: %s is over %d bytes", ErrTooLarge, key, maxBytes)
	}
	return b, nil
}

// Hash streams the object and returns its SHA-256 and size: the integrity
// check re-hashes what is stored rather than trusting its name.
func (s *Store) Hash(ctx context.Context, key string) (sum []byte, size int64, err error) {
	o, err := s.Open(ctx, key)
	if err != nil {
		return nil, 0, err
	}
	defer o.Close()
	h := sha256.New()
	n, err := io.Copy(h, o)
	if err != nil {
		return nil, 0, fmt.Errorf("hash %s: %w", key, err)
	}
	return h.Sum(nil), n, nil
}

// PutBytes stores b under key as it is (not content-addressed). Tests use it
// to tamper with stored evidence; heshi itself only writes through Put.
func (s *Store) PutBytes(ctx context.Context, key string, b []byte) error {
	_, err := s.c.PutObject(ctx, s.bucket, key, bytes.NewReader(b), int64(len(b)), minio.PutObjectOptions{})
	if err != nil {
		return fmt.Errorf("put %s: %w", key, err)
	}
	return nil
}

// PutBytesChecksummed is PutBytes with the SHA-256 of b sent and kept by
// the store, as an honest upload's: tests tamper with it the way someone
// with the store's credentials could.
func (s *Store) PutBytesChecksummed(ctx context.Context, key string, b []byte) error {
	_, err := s.c.PutObject(ctx, s.bucket, key, bytes.NewReader(b), int64(len(b)), minio.PutObjectOptions{Checksum: minio.ChecksumSHA256, DisableMultipart: true})
	if err != nil {
		return fmt.Errorf("put %s: %w", key, err)
	}
	return nil
}

// PutLocked stores b under key as it is, retained under the bucket's
// object lock when it has one: the audit log's checkpoints.
func (s *Store) PutLocked(ctx context.Context, key string, b []byte) error {
	mode, until := s.retention()
	_, err := s.c.PutObject(ctx, s.bucket, key, bytes.NewReader(b), int64(len(b)), minio.PutObjectOptions{
		ContentType: "application/json", Checksum: minio.ChecksumSHA256, Mode: mode, RetainUntilDate: until,
	})
	if err != nil {
		return fmt.Errorf("put %s: %w", key, err)
	}
	return nil
}

// Keys lists the keys under prefix, in order.
func (s *Store) Keys(ctx context.Context, prefix string) ([]string, error) {
	var out []string
	for o := range s.c.ListObjects(ctx, s.bucket, minio.ListObjectsOptions{Prefix: prefix, Recursive: true}) {
		if o.Err != nil {
			return nil, fmt.Errorf("list %s: %w", prefix, o.Err)
		}
		out = append(out, o.Key)
	}
	return out, nil
}

// Remove deletes the object under key.
func (s *Store) Remove(ctx context.Context, key string) error {
	if err := s.c.RemoveObject(ctx, s.bucket, key, minio.RemoveObjectOptions{}); err != nil {
		return fmt.Errorf("remove %s: %w", key, err)
	}
	return nil
}

// DestroyScratch removes every version of every object and the bucket
// itself: for scratch buckets only (heshi bench). A bucket under object
// lock is refused: it holds evidence.
func (s *Store) DestroyScratch(ctx context.Context) error {
	if s.Locked() {
		return fmt.Errorf("bucket %s is under object lock: not a scratch bucket", s.bucket)
	}
	for o := range s.c.ListObjects(ctx, s.bucket, minio.ListObjectsOptions{Recursive: true, WithVersions: true}) {
		if o.Err != nil {
			return fmt.Errorf("list %s: %w", s.bucket, o.Err)
		}
		if err := s.c.RemoveObject(ctx, s.bucket, o.Key, minio.RemoveObjectOptions{VersionID: o.VersionID}); err != nil {
			return fmt.Errorf("remove %s: %w", o.Key, err)
		}
	}
	return s.c.RemoveBucket(ctx, s.bucket)
}

// Ping checks that the bucket answers.
func (s *Store) Ping(ctx context.Context) error {
	_, err := s.c.BucketExists(ctx, s.bucket)
	return err
}

func tempKey() (string, error) {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	return "tmp/" + hex.EncodeToString(b), nil
}

// hashingReader hashes and counts what passes through it and fails once more
// than max bytes have been read.
type hashingReader struct {
	r        io.Reader
	h        hash.Hash
	n, max   int64
	tooLarge bool
}

func (hr *hashingReader) Read(p []byte) (int, error) {
	n, err := hr.r.Read(p)
	hr.n += int64(n)
	hr.h.Write(p[:n])
	if hr.n > hr.max {
		hr.tooLarge = true
		return n, ErrTooLarge
	}
	if errors.Is(err, io.ErrUnexpectedEOF) {
		// A stream cut off before its end (a multipart body without its
		// closing boundary) is not a shorter file: minio-go would take
		// ErrUnexpectedEOF for the end of its last part and store it.
		return n, fmt.Errorf("%w: %w", ErrTruncated, err)
	}
	return n, err
}
