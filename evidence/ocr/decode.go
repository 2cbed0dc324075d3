package ocr

import (
	"bytes"
	"fmt"
	"image"
	_ "image/jpeg" // scans and photos
	_ "image/png"  // screenshots and rendered pages
)

// DecodeImage decodes a JPEG or PNG after checking from its header that
// no side is longer than maxSide (0: the default 2500), so that a huge
// image is refused before its pixels are allocated.
func DecodeImage(data []byte, maxSide int) (image.Image, error) {
	if maxSide <= 0 {
		maxSide = 2500
	}
	cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("ocr: image header: %w", err)
	}
	if cfg.Width > maxSide || cfg.Height > maxSide {
		return nil, fmt.Errorf("%w: %d×%d, longest side allowed %d", ErrTooLarge, cfg.Width, cfg.Height, maxSide)
	}
	img, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("ocr: image: %w", err)
	}
	return img, nil
}
