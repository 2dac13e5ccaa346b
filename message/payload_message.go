package message

// Text is a text message (MsgType "text").
type Text struct {
	Content string `xml:"Content"`
	MsgID   string `xml:"MsgId"`
}

// Kind implements [Payload].
func (Text) Kind() Kind { return Kind{MsgType: MsgTypeText} }

// decodeMessage fills t from the parsed header, which already holds both
// fields.
func (t *Text) decodeMessage(m *Message) error {
	*t = Text{Content: m.content, MsgID: m.MsgID}
	return nil
}

// Image is an image message (MsgType "image"). MediaID stays valid for
// three days.
type Image struct {
	PicURL  string `xml:"PicUrl"`
	MediaID string `xml:"MediaId"`
	MsgID   string `xml:"MsgId"`
}

// Kind implements [Payload].
func (Image) Kind() Kind { return Kind{MsgType: MsgTypeImage} }

// Voice is a voice message (MsgType "voice").
type Voice struct {
	MediaID string `xml:"MediaId"`
	// Format is the audio format, "amr" or "speex".
	Format string `xml:"Format"`
	MsgID  string `xml:"MsgId"`
}

// Kind implements [Payload].
func (Voice) Kind() Kind { return Kind{MsgType: MsgTypeVoice} }

// Video is a video message (MsgType "video").
type Video struct {
	MediaID      string `xml:"MediaId"`
	ThumbMediaID string `xml:"ThumbMediaId"`
	MsgID        string `xml:"MsgId"`
}

// Kind implements [Payload].
func (Video) Kind() Kind { return Kind{MsgType: MsgTypeVideo} }

// Location is a location message (MsgType "location").
type Location struct {
	// LocationX is the latitude, LocationY the longitude.
	LocationX float64 `xml:"Location_X"`
	LocationY float64 `xml:"Location_Y"`
	Scale     int     `xml:"Scale"`
	Label     string  `xml:"Label"`
	MsgID     string  `xml:"MsgId"`
	// AppType is "wxwork" for messages sent from the WeCom app.
	AppType string `xml:"AppType"`
}

// Kind implements [Payload].
func (Location) Kind() Kind { return Kind{MsgType: MsgTypeLocation} }

// Link is a link message (MsgType "link").
type Link struct {
	Title       string `xml:"Title"`
	Description string `xml:"Description"`
	URL         string `xml:"Url"`
	PicURL      string `xml:"PicUrl"`
	MsgID       string `xml:"MsgId"`
}

// Kind implements [Payload].
func (Link) Kind() Kind { return Kind{MsgType: MsgTypeLink} }
