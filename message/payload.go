package message

// Payload is implemented by the typed payload structs of this package, one
// per documented message, event and instruction callback (reference: the
// WeCom callback catalogue). Kind reports the routing kind the payload
// decodes; [On] registers a handler for it.
//
// Kind is defined on the value receiver so that On[Text] takes the struct
// type and hands the handler a *Text. Types outside this package may
// implement Payload too: On decodes them with encoding/xml.
type Payload interface {
	Kind() Kind
}
