package message

// Subscribe: a member was added to the app's visible range, or joined.
type Subscribe struct{}

// Kind implements [Payload].
func (Subscribe) Kind() Kind { return eventKind(EventSubscribe) }

// Unsubscribe: a member was removed from the app's visible range, left or
// was disabled.
type Unsubscribe struct{}

// Kind implements [Payload].
func (Unsubscribe) Kind() Kind { return eventKind(EventUnsubscribe) }

// EnterAgent: a member entered the app.
type EnterAgent struct {
	EventKey string `xml:"EventKey"`
}

// Kind implements [Payload].
func (EnterAgent) Kind() Kind { return eventKind(EventEnterAgent) }

// LocationReport is the "LOCATION" event: the member's position, reported
// periodically when the app asks for it.
type LocationReport struct {
	Latitude  float64 `xml:"Latitude"`
	Longitude float64 `xml:"Longitude"`
	Precision float64 `xml:"Precision"`
	AppType   string  `xml:"AppType"`
}

// Kind implements [Payload].
func (LocationReport) Kind() Kind { return eventKind(EventLocation) }

// BatchJobResult: an asynchronous batch job (batch/syncuser, ...) finished.
type BatchJobResult struct {
	BatchJob BatchJob `xml:"BatchJob"`
}

// Kind implements [Payload].
func (BatchJobResult) Kind() Kind { return eventKind(EventBatchJobResult) }

// BatchJob is the result of an asynchronous batch job.
type BatchJob struct {
	JobID string `xml:"JobId"`
	// JobType is sync_user, replace_user, invite_user or replace_party.
	JobType string `xml:"JobType"`
	ErrCode int    `xml:"ErrCode"`
	ErrMsg  string `xml:"ErrMsg"`
}

// Click: a member clicked a menu item of type click.
type Click struct {
	EventKey string `xml:"EventKey"`
}

// Kind implements [Payload].
func (Click) Kind() Kind { return eventKind(EventClick) }

// View: a member clicked a menu item that opens a URL (EventKey).
type View struct {
	EventKey string `xml:"EventKey"`
}

// Kind implements [Payload].
func (View) Kind() Kind { return eventKind(EventView) }

// ViewMiniprogram: a member clicked a menu item that opens a mini program
// page (EventKey).
type ViewMiniprogram struct {
	EventKey string `xml:"EventKey"`
}

// Kind implements [Payload].
func (ViewMiniprogram) Kind() Kind { return eventKind(EventViewMiniprogram) }

// ScanCodeInfo is the result of a scan from a menu.
type ScanCodeInfo struct {
	ScanType   string `xml:"ScanType"`
	ScanResult string `xml:"ScanResult"`
}

// ScancodePush: a member scanned a code from a scancode_push menu item.
type ScancodePush struct {
	EventKey     string       `xml:"EventKey"`
	ScanCodeInfo ScanCodeInfo `xml:"ScanCodeInfo"`
}

// Kind implements [Payload].
func (ScancodePush) Kind() Kind { return eventKind(EventScancodePush) }

// ScancodeWaitmsg: a member scanned a code from a scancode_waitmsg menu item.
type ScancodeWaitmsg struct {
	EventKey     string       `xml:"EventKey"`
	ScanCodeInfo ScanCodeInfo `xml:"ScanCodeInfo"`
}

// Kind implements [Payload].
func (ScancodeWaitmsg) Kind() Kind { return eventKind(EventScancodeWaitmsg) }

// SendPicsInfo lists the pictures sent from a picture menu item.
type SendPicsInfo struct {
	Count   int       `xml:"Count"`
	PicList []PicItem `xml:"PicList>item"`
}

// PicItem is one picture of SendPicsInfo.
type PicItem struct {
	PicMd5Sum string `xml:"PicMd5Sum"`
}

// PicSysphoto: a member took a photo from a pic_sysphoto menu item.
type PicSysphoto struct {
	EventKey     string       `xml:"EventKey"`
	SendPicsInfo SendPicsInfo `xml:"SendPicsInfo"`
}

// Kind implements [Payload].
func (PicSysphoto) Kind() Kind { return eventKind(EventPicSysphoto) }

// PicPhotoOrAlbum: a member sent pictures from a pic_photo_or_album menu
// item.
type PicPhotoOrAlbum struct {
	EventKey     string       `xml:"EventKey"`
	SendPicsInfo SendPicsInfo `xml:"SendPicsInfo"`
}

// Kind implements [Payload].
func (PicPhotoOrAlbum) Kind() Kind { return eventKind(EventPicPhotoOrAlbum) }

// PicWeixin: a member sent pictures from a pic_weixin menu item.
type PicWeixin struct {
	EventKey     string       `xml:"EventKey"`
	SendPicsInfo SendPicsInfo `xml:"SendPicsInfo"`
}

// Kind implements [Payload].
func (PicWeixin) Kind() Kind { return eventKind(EventPicWeixin) }

// SendLocationInfo is the place chosen from a location_select menu item.
type SendLocationInfo struct {
	LocationX float64 `xml:"Location_X"`
	LocationY float64 `xml:"Location_Y"`
	Scale     int     `xml:"Scale"`
	Label     string  `xml:"Label"`
	Poiname   string  `xml:"Poiname"`
}

// LocationSelect: a member chose a place from a location_select menu item.
type LocationSelect struct {
	EventKey         string           `xml:"EventKey"`
	SendLocationInfo SendLocationInfo `xml:"SendLocationInfo"`
	AppType          string           `xml:"AppType"`
}

// Kind implements [Payload].
func (LocationSelect) Kind() Kind { return eventKind(EventLocationSelect) }

// ShareAgentChange: an app shared through 企业互联 changed (data callback
// of the receiving corp).
type ShareAgentChange struct {
	SharedApp
}

// Kind implements [Payload].
func (ShareAgentChange) Kind() Kind { return eventKind(EventShareAgentChange) }

// ShareChainChange: an app shared through 上下游 (a supply chain) changed.
type ShareChainChange struct {
	SharedApp
}

// Kind implements [Payload].
func (ShareChainChange) Kind() Kind { return eventKind(EventShareChainChange) }

// SharedApp holds the fields of the share_agent_change and
// share_chain_change callbacks.
type SharedApp struct {
	// AppID is the app's agent id in the receiving corp.
	AppID int64 `xml:"AppId"`
	// CorpID is the corp that shares the app.
	CorpID string `xml:"CorpId"`
	// AgentID is the app's agent id in the sharing corp (the AgentId
	// element).
	AgentID int64 `xml:"AgentId"`
}

// CloseInactiveAgent: an app unused for a long time was disabled.
type CloseInactiveAgent struct{}

// Kind implements [Payload].
func (CloseInactiveAgent) Kind() Kind { return eventKind(EventCloseInactiveAgent) }

// ReopenInactiveAgent: an app disabled for inactivity was enabled again.
type ReopenInactiveAgent struct{}

// Kind implements [Payload].
func (ReopenInactiveAgent) Kind() Kind { return eventKind(EventReopenInactiveAgent) }

// InactiveAlert: an app unused for a long time is about to be disabled.
type InactiveAlert struct{}

// Kind implements [Payload].
func (InactiveAlert) Kind() Kind { return eventKind(EventInactiveAlert) }

// LowActiveAlert: an app's activity is low.
type LowActiveAlert struct{}

// Kind implements [Payload].
func (LowActiveAlert) Kind() Kind { return eventKind(EventLowActiveAlert) }

// LowActive: an app was marked as a low-activity app.
type LowActive struct{}

// Kind implements [Payload].
func (LowActive) Kind() Kind { return eventKind(EventLowActive) }

// ActiveRestored: an app's activity is back to normal.
type ActiveRestored struct{}

// Kind implements [Payload].
func (ActiveRestored) Kind() Kind { return eventKind(EventActiveRestored) }
