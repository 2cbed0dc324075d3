package intake

import (
	"errors"
	"net/http"
)

// isMaxBytes reports whether err comes from an http.MaxBytesReader: the
// request body as a whole was over its cap.
func isMaxBytes(err error) bool {
	var mbe *http.MaxBytesError
	return errors.As(err, &mbe)
}
