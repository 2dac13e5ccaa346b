//go:build !((linux || windows) && (amd64 || arm64))

package msgaudit

// openNative reports that the Finance SDK cannot be loaded here: Tencent
// ships it for Linux and Windows, and it is loaded only on amd64 and arm64.
func openNative(string, string, string, options) (Backend, error) {
	return nil, ErrUnsupported
}
