package work

import (
	"context"
	"encoding/json"
	"fmt"
	"iter"

	"github.com/wecomkit/wecom/internal/api"
)

// The knowledge base of the smart assistant (知识库,
// developer.work.weixin.qq.com/document/path/95971 and 95972).

// KFKnowledgeGroup is a group of the knowledge base.
type KFKnowledgeGroup struct {
	GroupID string `json:"group_id"`
	Name    string `json:"name"`
	// IsDefault reports the default group, which cannot be changed
	// (is_default, 1 or 0).
	IsDefault bool `json:"is_default"`
}

type kfKnowledgeGroupWire struct {
	GroupID   string  `json:"group_id"`
	Name      string  `json:"name"`
	IsDefault oneZero `json:"is_default"`
}

// MarshalJSON encodes g as WeCom sends it (is_default as 1 or 0).
func (g KFKnowledgeGroup) MarshalJSON() ([]byte, error) {
	return json.Marshal(kfKnowledgeGroupWire{g.GroupID, g.Name, oneZero(g.IsDefault)})
}

// UnmarshalJSON decodes a group leniently (is_default as 1/0, "1" or
// true/false).
func (g *KFKnowledgeGroup) UnmarshalJSON(b []byte) error {
	var w kfKnowledgeGroupWire
	if err := decodeLenient(b, &w); err != nil {
		return err
	}
	*g = KFKnowledgeGroup{w.GroupID, w.Name, bool(w.IsDefault)}
	return nil
}

// AddKnowledgeGroup creates a knowledge group and returns its id
// (POST /cgi-bin/kf/knowledge/add_group).
func (s *KFService) AddKnowledgeGroup(ctx context.Context, name string) (string, error) {
	if err := kfRequire("name", name); err != nil {
		return "", err
	}
	out, err := postAs[struct {
		GroupID looseString `json:"group_id"`
	}](ctx, (*service)(s), "/cgi-bin/kf/knowledge/add_group", map[string]string{"name": name}, api.Unsafe)
	if err != nil {
		return "", err
	}
	return string(out.GroupID), nil
}

// DeleteKnowledgeGroup deletes a knowledge group and its intents
// (POST /cgi-bin/kf/knowledge/del_group).
func (s *KFService) DeleteKnowledgeGroup(ctx context.Context, groupID string) error {
	if err := kfRequire("group_id", groupID); err != nil {
		return err
	}
	return (*service)(s).post(ctx, "/cgi-bin/kf/knowledge/del_group", map[string]string{"group_id": groupID}, nil, api.Unsafe)
}

// UpdateKnowledgeGroup renames a knowledge group
// (POST /cgi-bin/kf/knowledge/mod_group).
func (s *KFService) UpdateKnowledgeGroup(ctx context.Context, groupID, name string) error {
	if err := kfRequire("group_id", groupID, "name", name); err != nil {
		return err
	}
	return (*service)(s).post(ctx, "/cgi-bin/kf/knowledge/mod_group", map[string]string{"group_id": groupID, "name": name}, nil, api.Idempotent)
}

// KFKnowledgeListRequest pages kf/knowledge/list_group and
// kf/knowledge/list_intent.
type KFKnowledgeListRequest struct {
	// Cursor is "" for the first page, then the page's NextCursor.
	Cursor string `json:"cursor,omitempty"`
	// Limit is the page size, at most 1000; 0 leaves it to WeCom (100).
	Limit int `json:"limit,omitempty"`
	// GroupID narrows the list to one group.
	GroupID string `json:"group_id,omitempty"`
	// IntentID (list_intent only) narrows the list to one intent.
	IntentID string `json:"intent_id,omitempty"`
}

// KFKnowledgeGroupPage is a page of kf/knowledge/list_group.
type KFKnowledgeGroupPage struct {
	NextCursor string `json:"next_cursor"`
	// HasMore reports a next page (has_more, 1 or 0).
	HasMore   bool               `json:"has_more"`
	GroupList []KFKnowledgeGroup `json:"group_list"`
}

type kfKnowledgeGroupPageWire struct {
	NextCursor string             `json:"next_cursor"`
	HasMore    oneZero            `json:"has_more"`
	GroupList  []KFKnowledgeGroup `json:"group_list"`
}

// MarshalJSON encodes p as WeCom sends it (has_more as 1 or 0).
func (p KFKnowledgeGroupPage) MarshalJSON() ([]byte, error) {
	return json.Marshal(kfKnowledgeGroupPageWire{p.NextCursor, oneZero(p.HasMore), p.GroupList})
}

// UnmarshalJSON decodes a page leniently (has_more as 1/0, "1" or
// true/false).
func (p *KFKnowledgeGroupPage) UnmarshalJSON(b []byte) error {
	var w kfKnowledgeGroupPageWire
	if err := decodeLenient(b, &w); err != nil {
		return err
	}
	*p = KFKnowledgeGroupPage{w.NextCursor, bool(w.HasMore), w.GroupList}
	return nil
}

func (p *KFKnowledgeGroupPage) page() ([]KFKnowledgeGroup, string) {
	if !p.HasMore {
		return p.GroupList, ""
	}
	return p.GroupList, p.NextCursor
}

// ListKnowledgeGroups returns one page of knowledge groups
// (POST /cgi-bin/kf/knowledge/list_group).
func (s *KFService) ListKnowledgeGroups(ctx context.Context, in KFKnowledgeListRequest) (*KFKnowledgeGroupPage, error) {
	in.IntentID = ""
	return postAs[KFKnowledgeGroupPage](ctx, (*service)(s), "/cgi-bin/kf/knowledge/list_group", in, api.Idempotent)
}

// KnowledgeGroups yields every knowledge group, following the cursor of
// kf/knowledge/list_group from in.Cursor on.
func (s *KFService) KnowledgeGroups(ctx context.Context, in KFKnowledgeListRequest) iter.Seq2[KFKnowledgeGroup, error] {
	return walkPages(ctx, func(ctx context.Context, cursor string) (*KFKnowledgeGroupPage, error) {
		if cursor == "" {
			cursor = in.Cursor
		}
		in := in
		in.Cursor = cursor
		return s.ListKnowledgeGroups(ctx, in)
	})
}

// KFIntentText is the text of a question or an answer.
type KFIntentText struct {
	Text struct {
		Content string `json:"content"`
	} `json:"text"`
}

// NewKFIntentText returns the question or answer text content.
func NewKFIntentText(content string) KFIntentText {
	var t KFIntentText
	t.Text.Content = content
	return t
}

// KFIntentAnswer is an answer of an intent: a text and up to four
// attachments.
type KFIntentAnswer struct {
	Text struct {
		Content string `json:"content"`
	} `json:"text"`
	Attachments []KFAttachment `json:"attachments,omitempty"`
}

// KFAttachment is an attachment of an answer: MsgType is "image",
// "video", "link" or "miniprogram", and the field of that name is set.
type KFAttachment struct {
	MsgType     string         `json:"msgtype"`
	Image       *KFMedia       `json:"image,omitempty"`
	Video       *KFMedia       `json:"video,omitempty"`
	Link        *KFLink        `json:"link,omitempty"`
	MiniProgram *KFMiniProgram `json:"miniprogram,omitempty"`
}

// KFSimilarQuestions are the other ways a question is asked.
type KFSimilarQuestions struct {
	Items []KFIntentText `json:"items"`
}

// KFIntent is the body of kf/knowledge/add_intent (GroupID set) and
// kf/knowledge/mod_intent (IntentID set).
type KFIntent struct {
	GroupID          string              `json:"group_id,omitempty"`
	IntentID         string              `json:"intent_id,omitempty"`
	Question         KFIntentText        `json:"question"`
	SimilarQuestions *KFSimilarQuestions `json:"similar_questions,omitempty"`
	Answers          []KFIntentAnswer    `json:"answers"`
}

// AddKnowledgeIntent adds a question and its answers to a knowledge group
// and returns the intent's id (POST /cgi-bin/kf/knowledge/add_intent).
func (s *KFService) AddKnowledgeIntent(ctx context.Context, in KFIntent) (string, error) {
	if err := kfRequire("group_id", in.GroupID, "question", in.Question.Text.Content); err != nil {
		return "", err
	}
	if len(in.Answers) == 0 {
		return "", fmt.Errorf("%w: answers are required", ErrKFInvalid)
	}
	in.IntentID = ""
	out, err := postAs[struct {
		IntentID looseString `json:"intent_id"`
	}](ctx, (*service)(s), "/cgi-bin/kf/knowledge/add_intent", in, api.Unsafe)
	if err != nil {
		return "", err
	}
	return string(out.IntentID), nil
}

// UpdateKnowledgeIntent replaces the question, similar questions and
// answers of an intent (POST /cgi-bin/kf/knowledge/mod_intent).
func (s *KFService) UpdateKnowledgeIntent(ctx context.Context, in KFIntent) error {
	if err := kfRequire("intent_id", in.IntentID); err != nil {
		return err
	}
	in.GroupID = ""
	return (*service)(s).post(ctx, "/cgi-bin/kf/knowledge/mod_intent", in, nil, api.Idempotent)
}

// DeleteKnowledgeIntent deletes an intent
// (POST /cgi-bin/kf/knowledge/del_intent).
func (s *KFService) DeleteKnowledgeIntent(ctx context.Context, intentID string) error {
	if err := kfRequire("intent_id", intentID); err != nil {
		return err
	}
	return (*service)(s).post(ctx, "/cgi-bin/kf/knowledge/del_intent", map[string]string{"intent_id": intentID}, nil, api.Unsafe)
}

// KFIntentListed is an intent of kf/knowledge/list_intent. Its similar
// questions and answers are read whether WeCom puts them beside the
// question or inside it.
type KFIntentListed struct {
	GroupID          string             `json:"group_id"`
	IntentID         string             `json:"intent_id"`
	Question         KFIntentText       `json:"question"`
	SimilarQuestions KFSimilarQuestions `json:"similar_questions"`
	Answers          []KFIntentAnswer   `json:"answers"`
}

// UnmarshalJSON decodes an intent leniently, from either shape.
func (in *KFIntentListed) UnmarshalJSON(b []byte) error {
	var w struct {
		GroupID          looseString        `json:"group_id"`
		IntentID         looseString        `json:"intent_id"`
		SimilarQuestions KFSimilarQuestions `json:"similar_questions"`
		Answers          []KFIntentAnswer   `json:"answers"`
		Question         struct {
			Text struct {
				Content string `json:"content"`
			} `json:"text"`
			SimilarQuestions KFSimilarQuestions `json:"similar_questions"`
			Answers          []KFIntentAnswer   `json:"answers"`
		} `json:"question"`
	}
	if err := decodeLenient(b, &w); err != nil {
		return err
	}
	*in = KFIntentListed{GroupID: string(w.GroupID), IntentID: string(w.IntentID),
		SimilarQuestions: w.SimilarQuestions, Answers: w.Answers}
	in.Question.Text.Content = w.Question.Text.Content
	if len(in.SimilarQuestions.Items) == 0 {
		in.SimilarQuestions = w.Question.SimilarQuestions
	}
	if len(in.Answers) == 0 {
		in.Answers = w.Question.Answers
	}
	return nil
}

// KFIntentPage is a page of kf/knowledge/list_intent.
type KFIntentPage struct {
	NextCursor string `json:"next_cursor"`
	// HasMore reports a next page (has_more, 1 or 0).
	HasMore    bool             `json:"has_more"`
	IntentList []KFIntentListed `json:"intent_list"`
}

type kfIntentPageWire struct {
	NextCursor string           `json:"next_cursor"`
	HasMore    oneZero          `json:"has_more"`
	IntentList []KFIntentListed `json:"intent_list"`
}

// MarshalJSON encodes p as WeCom sends it (has_more as 1 or 0).
func (p KFIntentPage) MarshalJSON() ([]byte, error) {
	return json.Marshal(kfIntentPageWire{p.NextCursor, oneZero(p.HasMore), p.IntentList})
}

// UnmarshalJSON decodes a page leniently (has_more as 1/0, "1" or
// true/false).
func (p *KFIntentPage) UnmarshalJSON(b []byte) error {
	var w kfIntentPageWire
	if err := decodeLenient(b, &w); err != nil {
		return err
	}
	*p = KFIntentPage{w.NextCursor, bool(w.HasMore), w.IntentList}
	return nil
}

func (p *KFIntentPage) page() ([]KFIntentListed, string) {
	if !p.HasMore {
		return p.IntentList, ""
	}
	return p.IntentList, p.NextCursor
}

// ListKnowledgeIntents returns one page of intents
// (POST /cgi-bin/kf/knowledge/list_intent).
func (s *KFService) ListKnowledgeIntents(ctx context.Context, in KFKnowledgeListRequest) (*KFIntentPage, error) {
	return postAs[KFIntentPage](ctx, (*service)(s), "/cgi-bin/kf/knowledge/list_intent", in, api.Idempotent)
}

// KnowledgeIntents yields every intent, following the cursor of
// kf/knowledge/list_intent from in.Cursor on.
func (s *KFService) KnowledgeIntents(ctx context.Context, in KFKnowledgeListRequest) iter.Seq2[KFIntentListed, error] {
	return walkPages(ctx, func(ctx context.Context, cursor string) (*KFIntentPage, error) {
		if cursor == "" {
			cursor = in.Cursor
		}
		in := in
		in.Cursor = cursor
		return s.ListKnowledgeIntents(ctx, in)
	})
}
