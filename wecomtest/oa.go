package wecomtest

// oaRoutes are the calendar, schedule and meeting-room paths the fake
// models (see routes).
var oaRoutes = map[string]route{}

// oaModel is the calendar, schedule and meeting-room state of a Server,
// guarded by its lock.
type oaModel struct{}
