package web

// MessageKeys returns the catalogue's keys, for the browser walk's check
// that no page shows one.
func MessageKeys() map[string][2]string { return messages }
