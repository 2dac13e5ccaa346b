package main

import (
	"crypto/rand"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"math/big"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/wecomkit/wecom/message"
)

// triggerKind is one callback "callback trigger" can send: a typed kind of
// package message (XML to an app's or a suite's callback URL) or a robot
// callback (JSON to an intelligent robot's URL).
type triggerKind struct {
	name    string
	payload message.Payload // nil for a robot callback
	bot     string          // robot: msgtype, or "event/<eventtype>"
}

// botKinds are the robot callbacks, named "bot/<msgtype>".
var botKinds = []string{"text", "image", "mixed", "voice", "file", "stream",
	"event/enter_chat", "event/template_card_event", "event/feedback_event"}

// shortName is the name of a kind without the "event/" or "info/" prefix
// of Kind.String, as developers call them: "change_contact/create_user",
// "suite_ticket", "text".
func shortName(k message.Kind) string {
	s := k.String()
	if rest, ok := strings.CutPrefix(s, "event/"); ok {
		return rest
	}
	if rest, ok := strings.CutPrefix(s, "info/"); ok {
		return rest
	}
	return s
}

// triggerKinds lists every callback trigger knows, sorted by name, built
// from message.Catalogue (the router's kinds) and the robot kinds. A short
// name shared by two kinds (an event and an instruction) keeps its prefix.
func triggerKinds() []triggerKind {
	cat := message.Catalogue()
	count := map[string]int{}
	for _, p := range cat {
		count[shortName(p.Kind())]++
	}
	var out []triggerKind
	for _, p := range cat {
		name := shortName(p.Kind())
		if count[name] > 1 {
			name = p.Kind().String()
		}
		out = append(out, triggerKind{name: name, payload: p})
	}
	for _, b := range botKinds {
		out = append(out, triggerKind{name: "bot/" + b, bot: b})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].name < out[j].name })
	return out
}

// findKind looks a kind up by its listed name or by Kind.String.
func findKind(name string) (triggerKind, bool) {
	for _, k := range triggerKinds() {
		if k.name == name || (k.payload != nil && k.payload.Kind().String() == name) {
			return k, true
		}
	}
	return triggerKind{}, false
}

// callbackInput is what a generated callback is about.
type callbackInput struct {
	corpID, suiteID, agentID, from string
	now                            time.Time
}

// buildXML returns a realistic plaintext callback document of the kind:
// the header WeCom sends (ToUserName, FromUserName, CreateTime, MsgType,
// Event, ChangeType, AgentID; SuiteId, InfoType, TimeStamp, AuthCorpId for
// an instruction) and every field of the payload filled with sample values.
func buildXML(k triggerKind, in callbackInput) ([]byte, error) {
	kind := k.payload.Kind()
	ts := strconv.FormatInt(in.now.Unix(), 10)
	var b strings.Builder
	b.WriteString("<xml>")
	header := map[string]bool{}
	el := func(name, v string) {
		header[name] = true
		b.WriteString("<" + name + ">" + cdata(v) + "</" + name + ">")
	}
	num := func(name, v string) {
		header[name] = true
		b.WriteString("<" + name + ">" + v + "</" + name + ">")
	}
	if kind.InfoType != "" {
		el("SuiteId", in.suiteID)
		el("AuthCorpId", in.corpID)
		el("InfoType", kind.InfoType)
		num("TimeStamp", ts)
		if kind.ChangeType != "" {
			el("ChangeType", kind.ChangeType)
		}
	} else {
		el("ToUserName", in.corpID)
		el("FromUserName", in.from)
		num("CreateTime", ts)
		el("MsgType", kind.MsgType)
		if kind.Event != "" {
			el("Event", kind.Event)
		}
		if kind.ChangeType != "" {
			el("ChangeType", kind.ChangeType)
		}
		if in.agentID != "" {
			num("AgentID", in.agentID)
		}
	}
	v := reflect.New(reflect.TypeOf(k.payload)).Elem()
	fill(v, "", 0)
	doc, err := xml.Marshal(v.Interface())
	if err != nil {
		return nil, fmt.Errorf("build %s: %w", k.name, err)
	}
	// Keep the payload's elements, without its root and without those the
	// header already holds.
	inner := doc[len(doc):]
	if i, j := strings.IndexByte(string(doc), '>'), strings.LastIndex(string(doc), "</"); i >= 0 && j > i {
		inner = doc[i+1 : j]
	}
	d := xml.NewDecoder(strings.NewReader(string(inner)))
	for {
		start := d.InputOffset()
		tok, err := d.Token()
		if err != nil {
			break
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		if err := d.Skip(); err != nil {
			return nil, fmt.Errorf("build %s: %w", k.name, err)
		}
		if !header[se.Name.Local] {
			b.Write(inner[start:d.InputOffset()])
		}
	}
	b.WriteString("</xml>")
	return []byte(b.String()), nil
}

// fill sets v to sample values chosen by field name.
func fill(v reflect.Value, name string, depth int) {
	if depth > 6 || !v.CanSet() {
		return
	}
	switch v.Kind() {
	case reflect.String:
		v.SetString(sampleString(name))
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		if strings.Contains(strings.ToLower(name), "time") {
			v.SetInt(time.Now().Unix())
		} else {
			v.SetInt(1)
		}
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		v.SetUint(1)
	case reflect.Float32, reflect.Float64:
		v.SetFloat(23.1)
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Pointer:
		p := reflect.New(v.Type().Elem())
		fill(p.Elem(), name, depth+1)
		v.Set(p)
	case reflect.Slice:
		s := reflect.MakeSlice(v.Type(), 1, 1)
		fill(s.Index(0), name, depth+1)
		v.Set(s)
	case reflect.Struct:
		t := v.Type()
		for i := range t.NumField() {
			f := t.Field(i)
			if !f.IsExported() || f.Tag.Get("xml") == "-" || f.Type == reflect.TypeOf(xml.Name{}) {
				continue
			}
			fill(v.Field(i), f.Name, depth+1)
		}
	}
}

// sampleString is a plausible value for a string field.
func sampleString(name string) string {
	l := strings.ToLower(name)
	switch {
	case strings.Contains(l, "externaluser"):
		return "wmFakeExternal001"
	case strings.Contains(l, "userid") || l == "fromusername" || strings.Contains(l, "operator"):
		return "zhangsan"
	case strings.Contains(l, "chatid"):
		return "wrFakeChat001"
	case strings.Contains(l, "corpid"):
		return "wwfakecorp"
	case strings.Contains(l, "suiteid"):
		return "wwfakesuite"
	case strings.Contains(l, "msgid"):
		return randomDigits(19)
	case strings.Contains(l, "url"):
		return "https://example.com/" + l
	case strings.Contains(l, "content") || strings.Contains(l, "title") || strings.Contains(l, "desc"):
		return "Hello from the wecom command"
	case strings.Contains(l, "id") || strings.Contains(l, "code") || strings.Contains(l, "token") || strings.Contains(l, "ticket"):
		return "fake" + name + randomDigits(6)
	}
	return "sample " + name
}

// buildBotJSON returns a robot callback of msgtype bot ("text", ...,
// "event/enter_chat").
func buildBotJSON(bot string, in callbackInput, botID, text string) ([]byte, error) {
	doc := map[string]any{"msgid": randomDigits(19), "aibotid": botID, "chattype": "single",
		"from": map[string]string{"userid": in.from}}
	if ev, ok := strings.CutPrefix(bot, "event/"); ok {
		doc["msgtype"] = "event"
		doc["create_time"] = in.now.Unix()
		e := map[string]any{"eventtype": ev}
		switch ev {
		case "template_card_event":
			e[ev] = map[string]any{"card_type": "button_interaction", "event_key": "button_1", "task_id": "task" + randomDigits(6)}
		case "feedback_event":
			e[ev] = map[string]any{"id": "feedback" + randomDigits(6), "type": 1}
		default:
			e[ev] = map[string]any{}
		}
		doc["event"] = e
		return json.Marshal(doc)
	}
	doc["msgtype"] = bot
	doc["response_url"] = "https://qyapi.weixin.qq.com/cgi-bin/aibot/response?response_code=" + randomDigits(16)
	switch bot {
	case "text":
		doc["text"] = map[string]string{"content": text}
	case "image", "file":
		doc[bot] = map[string]string{"url": "https://example.com/" + bot + "/" + randomDigits(8)}
	case "voice":
		doc["voice"] = map[string]string{"content": text}
	case "mixed":
		doc["mixed"] = map[string]any{"msg_item": []any{
			map[string]any{"msgtype": "text", "text": map[string]string{"content": text}},
			map[string]any{"msgtype": "image", "image": map[string]string{"url": "https://example.com/image/1"}},
		}}
	case "stream":
		doc["stream"] = map[string]string{"id": "stream" + randomDigits(8)}
	default:
		return nil, fmt.Errorf("unknown robot message type %q", bot)
	}
	return json.Marshal(doc)
}

// cdata wraps s in a CDATA section, splitting any "]]>" it holds.
func cdata(s string) string {
	return "<![CDATA[" + strings.ReplaceAll(s, "]]>", "]]]]><![CDATA[>") + "]]>"
}

// randomDigits returns n random decimal digits.
func randomDigits(n int) string {
	var b strings.Builder
	for range n {
		d, err := rand.Int(rand.Reader, big.NewInt(10))
		if err != nil {
			panic(err) // crypto/rand does not fail on supported platforms
		}
		b.WriteByte(byte('0' + d.Int64()))
	}
	return b.String()
}
