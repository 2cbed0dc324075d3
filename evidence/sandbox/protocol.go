package sandbox

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"io"

	"github.com/heshi-verify/heshi/evidence"
)

// The protocol between a Pool and a child, over the child's stdin and
// stdout: every message is a frame, a 4-byte big-endian length followed by
// that many bytes. The parent opens with a setup frame and the child
// answers with a hello frame once its limits are in force; then, for each
// document, the parent sends a request frame and a frame of the document's
// bytes, and the child answers with a response frame. All but the document
// are JSON.

// protocolVersion names the protocol in the hello, so that a program that
// merely echoes or prints something is not taken for a child.
const protocolVersion = "heshi-extract/1"

// Bounds of the frames a reader accepts, so that a broken or hostile peer
// cannot make it allocate without limit.
const (
	maxMessage  = 64 << 10 // setup, hello and request frames
	maxResponse = 64 << 20 // response frames: an Extraction is far smaller than its file
	maxDocument = 1 << 30  // document frames when the request states no MaxBytes
)

// setup is the parent's first message: the limits the child must apply
// before it reads any document.
type setup struct {
	MemoryLimit int64 `json:"memory_limit"`
	// OCRDir is where the OCR engine's runtime and models are (see
	// Config.OCRDir); "" when scans are not read.
	OCRDir string `json:"ocr_dir,omitempty"`
}

// hello is the child's answer to setup.
type hello struct {
	Protocol string `json:"protocol"`
	PID      int    `json:"pid"`
	// Error says why the child cannot serve (its limits could not be set).
	Error string `json:"error,omitempty"`
}

// request asks a child to read one document; the document's bytes follow
// in the next frame.
type request struct {
	// Parser names the reader in the child: ParserPDF, or a name that a
	// test registered.
	Parser    string `json:"parser"`
	MediaType string `json:"media_type"`
	Kind      string `json:"kind"`
	MaxBytes  int64  `json:"max_bytes,omitempty"`
	MaxPages  int    `json:"max_pages,omitempty"`
}

// response is a child's answer to a request: an Extraction, or an Error
// when the request itself could not be served (an unknown parser), which
// is the system's fault and not the document's.
type response struct {
	Extraction *evidence.Extraction `json:"extraction,omitempty"`
	Error      string               `json:"error,omitempty"`
}

// writeFrame writes p as one frame.
func writeFrame(w io.Writer, p []byte) error {
	if int64(len(p)) > 1<<32-1 {
		return fmt.Errorf("frame of %d bytes is too long", len(p))
	}
	var n [4]byte
	binary.BigEndian.PutUint32(n[:], uint32(len(p)))
	if _, err := w.Write(n[:]); err != nil {
		return err
	}
	_, err := w.Write(p)
	return err
}

// writeMessage writes v as a JSON frame, in one write.
func writeMessage(w io.Writer, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	buf := make([]byte, 4, 4+len(b))
	binary.BigEndian.PutUint32(buf, uint32(len(b)))
	_, err = w.Write(append(buf, b...))
	return err
}

// readFrame reads one frame of at most max bytes. It returns io.EOF only
// when the stream ends before the frame starts.
func readFrame(r io.Reader, max int64) ([]byte, error) {
	var n [4]byte
	if _, err := io.ReadFull(r, n[:]); err != nil {
		return nil, err
	}
	size := int64(binary.BigEndian.Uint32(n[:]))
	if size > max {
		return nil, fmt.Errorf("frame of %d bytes, more than %d", size, max)
	}
	p := make([]byte, size)
	if _, err := io.ReadFull(r, p); err != nil {
		if err == io.EOF {
			err = io.ErrUnexpectedEOF
		}
		return nil, err
	}
	return p, nil
}

// readMessage reads a JSON frame of at most max bytes into v.
func readMessage(r io.Reader, max int64, v any) error {
	b, err := readFrame(r, max)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("malformed message: %w", err)
	}
	return nil
}
