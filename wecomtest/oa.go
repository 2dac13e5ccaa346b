package wecomtest

// oaRoutes are the calendar, schedule and meeting-room paths the fake
// models (see routes).
var oaRoutes = map[string]route{}
