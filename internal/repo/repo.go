// Package repo finds the repository's root from a test's working
// directory, for tests that read what the repository's scripts install
// under var/ (the OCR engine's models).
package repo

import (
	"errors"
	"os"
	"path/filepath"
)

// Root returns the nearest directory at or above the working directory
// that holds go.mod.
func Root() (string, error) {
	wd, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for d := wd; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return d, nil
		}
		if filepath.Dir(d) == d {
			return "", errors.New("no go.mod at or above " + wd)
		}
	}
}

// OCRDir is where the OCR engine is installed for tests: HESHI_OCR_DIR,
// else the repository's var/ocr (scripts/ocr.sh).
func OCRDir() (string, error) {
	if dir := os.Getenv("HESHI_OCR_DIR"); dir != "" {
		return dir, nil
	}
	root, err := Root()
	if err != nil {
		return "", err
	}
	return filepath.Join(root, "var", "ocr"), nil
}
