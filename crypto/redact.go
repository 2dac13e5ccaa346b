package crypto

import (
	"fmt"
	"io"
	"log/slog"
)

// Format prints String for every verb: String alone covers %v, %s, %x and
// %q, while %d, %t or %e would print the token and the key's IV the way fmt
// prints any struct.
func (c *MsgCrypt) Format(s fmt.State, _ rune) {
	if c == nil {
		_, _ = io.WriteString(s, "crypto.MsgCrypt(nil)")
		return
	}
	_, _ = io.WriteString(s, c.String())
}

// LogValue describes c to log/slog by its receive id, without its token or
// key.
func (c *MsgCrypt) LogValue() slog.Value {
	if c == nil {
		return slog.StringValue("crypto.MsgCrypt(nil)")
	}
	return slog.GroupValue(slog.String("receiver_id", c.receiverID), slog.String("token", "REDACTED"), slog.String("key", "REDACTED"))
}
