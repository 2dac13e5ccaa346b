package wecomtest

// exportRoutes are the export/* paths the fake models (see routes).
var exportRoutes = map[string]route{}
