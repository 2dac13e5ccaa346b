package work

import (
	"encoding/json"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// One card of each type, with every element the type uses, against the
// expected JSON document (field names from page 90372).
func TestTemplateCardJSON(t *testing.T) {
	source := &CardSource{IconURL: "https://wework.qpic.cn/icon.png", Desc: "企业微信", DescColor: CardDescGreen}
	const sourceJSON = `"source":{"icon_url":"https://wework.qpic.cn/icon.png","desc":"企业微信","desc_color":3}`
	menu := &CardActionMenu{Desc: "消息气泡副交互辅助文本说明", ActionList: []CardMenuAction{
		{Text: "接收推送", Key: "action_key1"}, {Text: "不再推送", Key: "action_key2"},
	}}
	const menuJSON = `"action_menu":{"desc":"消息气泡副交互辅助文本说明","action_list":[
		{"text":"接收推送","key":"action_key1"},{"text":"不再推送","key":"action_key2"}]}`
	horizontal := []CardHorizontalContent{
		{KeyName: "邀请人", Value: "张三"},
		{Type: CardContentURL, KeyName: "官网", Value: "点击访问", URL: "https://work.weixin.qq.com"},
		{Type: CardContentAttachment, KeyName: "企业微信下载", Value: "企业微信.apk", MediaID: "MEDIAID"},
		{Type: CardContentMember, KeyName: "员工信息", Value: "点击查看", UserID: "zhangsan"},
	}
	const horizontalJSON = `"horizontal_content_list":[
		{"keyname":"邀请人","value":"张三"},
		{"type":1,"keyname":"官网","value":"点击访问","url":"https://work.weixin.qq.com"},
		{"type":2,"keyname":"企业微信下载","value":"企业微信.apk","media_id":"MEDIAID"},
		{"type":3,"keyname":"员工信息","value":"点击查看","userid":"zhangsan"}]`
	quote := &CardQuoteArea{Type: CardLinkURL, URL: "https://work.weixin.qq.com", Title: "引用文本标题", QuoteText: "引用文本描述"}
	const quoteJSON = `"quote_area":{"type":1,"url":"https://work.weixin.qq.com","title":"引用文本标题","quote_text":"引用文本描述"}`

	cases := []struct {
		name string
		card TemplateCard
		want string
	}{
		{
			name: "text_notice",
			card: TemplateCard{
				CardType:              CardTextNotice,
				Source:                source,
				ActionMenu:            menu,
				TaskID:                "task_id",
				MainTitle:             &CardMainTitle{Title: "欢迎使用企业微信", Desc: "您的好友正在邀请您加入企业微信"},
				QuoteArea:             quote,
				EmphasisContent:       &CardEmphasisContent{Title: "100", Desc: "核心数据"},
				SubTitleText:          "下载企业微信还能抢红包！",
				HorizontalContentList: horizontal,
				JumpList: []CardJump{
					{Type: CardLinkURL, Title: "企业微信官网", URL: "https://work.weixin.qq.com"},
					{Type: CardLinkMiniProgram, Title: "跳转小程序", AppID: "APPID", PagePath: "/index.html"},
				},
				CardAction: &CardAction{Type: CardLinkURL, URL: "https://work.weixin.qq.com"},
			},
			want: `{"card_type":"text_notice",` + sourceJSON + `,` + menuJSON + `,"task_id":"task_id",
				"main_title":{"title":"欢迎使用企业微信","desc":"您的好友正在邀请您加入企业微信"},` + quoteJSON + `,
				"emphasis_content":{"title":"100","desc":"核心数据"},
				"sub_title_text":"下载企业微信还能抢红包！",` + horizontalJSON + `,
				"jump_list":[{"type":1,"title":"企业微信官网","url":"https://work.weixin.qq.com"},
				             {"type":2,"title":"跳转小程序","appid":"APPID","pagepath":"/index.html"}],
				"card_action":{"type":1,"url":"https://work.weixin.qq.com"}}`,
		},
		{
			name: "news_notice",
			card: TemplateCard{
				CardType:   CardNewsNotice,
				Source:     source,
				ActionMenu: menu,
				TaskID:     "task_id",
				MainTitle:  &CardMainTitle{Title: "欢迎使用企业微信"},
				QuoteArea:  quote,
				ImageTextArea: &CardImageTextArea{Type: CardLinkURL, URL: "https://work.weixin.qq.com", Title: "欢迎使用企业微信",
					Desc: "您的好友正在邀请您加入企业微信", ImageURL: "https://wework.qpic.cn/image.png"},
				CardImage:             &CardImage{URL: "https://wework.qpic.cn/card.png", AspectRatio: 2.25},
				VerticalContentList:   []CardVerticalContent{{Title: "惊喜红包等你来拿", Desc: "下载企业微信还能抢红包！"}},
				HorizontalContentList: horizontal[:1],
				JumpList:              []CardJump{{Type: CardLinkURL, Title: "企业微信官网", URL: "https://work.weixin.qq.com"}},
				CardAction:            &CardAction{Type: CardLinkMiniProgram, AppID: "APPID", PagePath: "/index.html"},
			},
			want: `{"card_type":"news_notice",` + sourceJSON + `,` + menuJSON + `,"task_id":"task_id",
				"main_title":{"title":"欢迎使用企业微信"},` + quoteJSON + `,
				"image_text_area":{"type":1,"url":"https://work.weixin.qq.com","title":"欢迎使用企业微信",
					"desc":"您的好友正在邀请您加入企业微信","image_url":"https://wework.qpic.cn/image.png"},
				"card_image":{"url":"https://wework.qpic.cn/card.png","aspect_ratio":2.25},
				"vertical_content_list":[{"title":"惊喜红包等你来拿","desc":"下载企业微信还能抢红包！"}],
				"horizontal_content_list":[{"keyname":"邀请人","value":"张三"}],
				"jump_list":[{"type":1,"title":"企业微信官网","url":"https://work.weixin.qq.com"}],
				"card_action":{"type":2,"appid":"APPID","pagepath":"/index.html"}}`,
		},
		{
			name: "button_interaction",
			card: TemplateCard{
				CardType:     CardButtonInteraction,
				Source:       source,
				MainTitle:    &CardMainTitle{Title: "欢迎使用企业微信"},
				SubTitleText: "下载企业微信还能抢红包！",
				TaskID:       "task_id",
				ButtonSelection: &CardButtonSelection{QuestionKey: "btn_question_key1", Title: "企业微信评分",
					OptionList: []CardOption{{ID: "btn_selection_id1", Text: "100分"}, {ID: "btn_selection_id2", Text: "101分"}},
					SelectedID: "btn_selection_id1"},
				ButtonList: []CardButton{
					{Text: "按钮1", Style: 1, Key: "button_key_1"},
					{Type: CardButtonURL, Text: "按钮2", Style: 2, URL: "https://work.weixin.qq.com"},
				},
				CardAction: &CardAction{Type: CardLinkURL, URL: "https://work.weixin.qq.com"},
			},
			want: `{"card_type":"button_interaction",` + sourceJSON + `,
				"main_title":{"title":"欢迎使用企业微信"},"sub_title_text":"下载企业微信还能抢红包！","task_id":"task_id",
				"button_selection":{"question_key":"btn_question_key1","title":"企业微信评分",
					"option_list":[{"id":"btn_selection_id1","text":"100分"},{"id":"btn_selection_id2","text":"101分"}],
					"selected_id":"btn_selection_id1"},
				"button_list":[{"text":"按钮1","style":1,"key":"button_key_1"},
				               {"type":1,"text":"按钮2","style":2,"url":"https://work.weixin.qq.com"}],
				"card_action":{"type":1,"url":"https://work.weixin.qq.com"}}`,
		},
		{
			name: "vote_interaction",
			card: TemplateCard{
				CardType:  CardVoteInteraction,
				Source:    &CardSource{IconURL: "https://wework.qpic.cn/icon.png", Desc: "企业微信"},
				MainTitle: &CardMainTitle{Title: "欢迎使用企业微信", Desc: "您的好友正在邀请您加入企业微信"},
				TaskID:    "task_id",
				Checkbox: &CardCheckbox{QuestionKey: "question_key1", Mode: CardMultipleChoice, OptionList: []CardCheckboxOption{
					{ID: "option_id1", Text: "选择题选项1", IsChecked: true}, {ID: "option_id2", Text: "选择题选项2"},
				}},
				SubmitButton: &CardSubmitButton{Text: "提交", Key: "key"},
			},
			want: `{"card_type":"vote_interaction","source":{"icon_url":"https://wework.qpic.cn/icon.png","desc":"企业微信"},
				"main_title":{"title":"欢迎使用企业微信","desc":"您的好友正在邀请您加入企业微信"},"task_id":"task_id",
				"checkbox":{"question_key":"question_key1","mode":1,"option_list":[
					{"id":"option_id1","text":"选择题选项1","is_checked":true},{"id":"option_id2","text":"选择题选项2"}]},
				"submit_button":{"text":"提交","key":"key"}}`,
		},
		{
			name: "multiple_interaction",
			card: TemplateCard{
				CardType:  CardMultipleInteraction,
				Source:    &CardSource{IconURL: "https://wework.qpic.cn/icon.png", Desc: "企业微信"},
				MainTitle: &CardMainTitle{Title: "欢迎使用企业微信"},
				TaskID:    "task_id",
				SelectList: []CardSelect{
					{QuestionKey: "question_key1", Title: "选择器标签1", SelectedID: "selection_id1",
						OptionList: []CardOption{{ID: "selection_id1", Text: "选择器选项1"}, {ID: "selection_id2", Text: "选择器选项2"}}},
					{QuestionKey: "question_key2", Title: "选择器标签2",
						OptionList: []CardOption{{ID: "selection_id3", Text: "选择器选项3"}}},
				},
				SubmitButton: &CardSubmitButton{Text: "提交", Key: "key"},
			},
			want: `{"card_type":"multiple_interaction","source":{"icon_url":"https://wework.qpic.cn/icon.png","desc":"企业微信"},
				"main_title":{"title":"欢迎使用企业微信"},"task_id":"task_id",
				"select_list":[
					{"question_key":"question_key1","title":"选择器标签1","selected_id":"selection_id1",
					 "option_list":[{"id":"selection_id1","text":"选择器选项1"},{"id":"selection_id2","text":"选择器选项2"}]},
					{"question_key":"question_key2","title":"选择器标签2","option_list":[{"id":"selection_id3","text":"选择器选项3"}]}],
				"submit_button":{"text":"提交","key":"key"}}`,
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := json.Marshal(tc.card)
			require.NoError(t, err)
			assert.JSONEq(t, tc.want, string(got))

			// And as sent: under "template_card" with msgtype template_card.
			c, mt := newTestClient(t)
			rec := stubJSON(t, mt, http.MethodPost, "/cgi-bin/message/send", `{"errcode":0,"msgid":"m","response_code":"rc"}`)
			res, err := c.Message.Send(t.Context(), SendRequest{To: Recipients{Users: []string{"u"}}, Msg: tc.card, EnableIDTrans: true})
			require.NoError(t, err)
			assert.Equal(t, "rc", res.ResponseCode)
			assertJSONBody(t, rec.last(t), `{"touser":"u","msgtype":"template_card","agentid":1000002,"enable_id_trans":1,"template_card":`+tc.want+`}`)
		})
	}
}

func TestTemplateCardDisableFlags(t *testing.T) {
	card := TemplateCard{
		CardType:        CardMultipleInteraction,
		ButtonSelection: &CardButtonSelection{QuestionKey: "q", OptionList: []CardOption{{ID: "1", Text: "a"}}, Disable: true},
		Checkbox:        &CardCheckbox{QuestionKey: "c", OptionList: []CardCheckboxOption{{ID: "1", Text: "a"}}, Disable: true},
		SelectList:      []CardSelect{{QuestionKey: "s", OptionList: []CardOption{{ID: "1", Text: "a"}}, Disable: true}},
	}
	got, err := json.Marshal(card)
	require.NoError(t, err)
	assert.JSONEq(t, `{"card_type":"multiple_interaction",
		"button_selection":{"question_key":"q","option_list":[{"id":"1","text":"a"}],"disable":true},
		"checkbox":{"question_key":"c","option_list":[{"id":"1","text":"a"}],"disable":true},
		"select_list":[{"question_key":"s","option_list":[{"id":"1","text":"a"}],"disable":true}]}`, string(got))
}
