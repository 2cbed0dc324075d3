package workers

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"log/slog"
	"time"

	"github.com/riverqueue/river"

	"github.com/heshi-verify/heshi/evidence"
	"github.com/heshi-verify/heshi/evidence/mediatype"
	"github.com/heshi-verify/heshi/evidence/sandbox"
	"github.com/heshi-verify/heshi/internal/metrics"
	"github.com/heshi-verify/heshi/pipeline"
)

// ExtractWorker reads one document: it fetches the stored object, verifies its
// hash, extracts its fields and stores them. A file that cannot be read is
// recorded as unreadable with the reason; it never fails the job or the process.
type ExtractWorker struct {
	river.WorkerDefaults[ExtractArgs]
	deps Deps
}

// Timeout bounds one extraction.
func (w *ExtractWorker) Timeout(*river.Job[ExtractArgs]) time.Duration {
	return w.deps.extractTimeout()
}

func (d Deps) extractTimeout() time.Duration {
	if d.ExtractTimeout > 0 {
		return d.ExtractTimeout
	}
	return defaultExtractTimeout
}

// defaultExtractTimeout bounds an extraction when Deps gives no timeout.
const defaultExtractTimeout = time.Minute

// Work reads the document and saves what was read.
func (w *ExtractWorker) Work(ctx context.Context, job *river.Job[ExtractArgs]) (err error) {
	start := time.Now()
	defer func() {
		if err != nil {
			metrics.Documents.WithLabelValues("extract", "retry").Inc()
		}
	}()
	doc, err := w.deps.Store.GetDocument(ctx, job.Args.DocumentID)
	if err != nil {
		if pipeline.ErrorCodeOf(err) == pipeline.ENotFound {
			return river.JobCancel(err) // the document is gone: nothing to do, ever
		}
		return err
	}
	data, err := w.deps.Objects.ReadAll(ctx, doc.ObjectKey, w.deps.MaxObjectBytes)
	var ex evidence.Extraction
	if err != nil {
		if !w.deps.unreadable(ctx, job.Attempt, doc.ObjectKey) {
			return err // storage trouble: retry
		}
		ex = evidence.Extraction{Kind: string(doc.Kind), Source: "none", Reason: fmt.Sprintf("the stored object cannot be read (%d attempts): %v", job.Attempt, err)}
	} else if sum := sha256.Sum256(data); !bytes.Equal(sum[:], mustHex(doc.SHA256)) {
		ex = evidence.Extraction{Kind: string(doc.Kind), Source: "none", Reason: fmt.Sprintf("stored object's SHA-256 %x does not match the recorded %s", sum, doc.SHA256)}
	} else if ex, err = Extract(ctx, w.deps.PDF, doc.MediaType, string(doc.Kind), data, w.deps.MaxObjectBytes); err != nil {
		return err // the reader itself failed (no child could start): retry
	}
	if w.deps.Log != nil {
		w.deps.Log.DebugContext(ctx, "extracted", slog.Int64("document_id", doc.ID), slog.String("kind", string(doc.Kind)),
			slog.Bool("readable", ex.Readable), slog.Int("fields", len(ex.Fields)))
	}
	if err := w.deps.Store.SaveExtraction(ctx, doc.ID, ex); err != nil {
		return err
	}
	outcome := "read"
	if !ex.Readable {
		outcome = "unreadable"
	}
	metrics.Documents.WithLabelValues("extract", outcome).Inc()
	metrics.Since("extract", start)
	return nil
}

// Extract reads a file of the given media type as a document of kind:
// PDF, OFD, XML and scans (JPEG, PNG, image-only PDF, by OCR) through rd;
// without rd, in process, all but scans. sandbox.ParserFor says which
// reader reads what, for both. A file that cannot be read gives an
// unreadable Extraction; err is only for a reader that failed itself.
func Extract(ctx context.Context, rd PDFReader, mediaType, kind string, data []byte, maxBytes int64) (evidence.Extraction, error) {
	parser := sandbox.ParserFor(mediaType)
	switch {
	case parser == "":
		return evidence.Extraction{Kind: kind, Source: "none", Reason: "reading " + mediatype.Extension(mediaType) + " files is not supported yet: needs human reading"}, nil
	case rd != nil:
		return rd.ExtractWith(ctx, parser, kind, data)
	case parser == sandbox.ParserImage:
		// OCR runs only in the reader children (HESHI_EXTRACT_SANDBOX).
		return evidence.Extraction{Kind: kind, Source: evidence.SourceOCR, Reason: "a scan, and scans are read only in the sandbox (needs human reading)"}, nil
	}
	return sandbox.ReadInProcess(parser, kind, data, maxBytes, 0), nil
}

func mustHex(s string) []byte {
	b, _ := hex.DecodeString(s)
	return b
}
