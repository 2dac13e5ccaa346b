package work

// CardType is the kind of a TemplateCard (card_type).
type CardType string

// Values of CardType.
const (
	// CardTextNotice is a text notice: main_title or sub_title_text, and
	// card_action, are required.
	CardTextNotice CardType = "text_notice"
	// CardNewsNotice is an image-and-text notice: image_text_area or
	// card_image, and card_action, are required.
	CardNewsNotice CardType = "news_notice"
	// CardButtonInteraction offers buttons (button_list); task_id required.
	CardButtonInteraction CardType = "button_interaction"
	// CardVoteInteraction is a vote (checkbox, submit_button); task_id
	// required.
	CardVoteInteraction CardType = "vote_interaction"
	// CardMultipleInteraction offers selectors (select_list,
	// submit_button); task_id required.
	CardMultipleInteraction CardType = "multiple_interaction"
)

// TemplateCard is a template card (msgtype template_card). Fill the
// elements its CardType uses; the others are left out of the JSON.
// Clicks arrive as template_card_event callbacks.
type TemplateCard struct {
	CardType CardType `json:"card_type"`
	// Source is the card's origin line (icon and text) at the top.
	Source *CardSource `json:"source,omitempty"`
	// ActionMenu is the "..." menu at the top right; it needs TaskID.
	ActionMenu *CardActionMenu `json:"action_menu,omitempty"`
	// TaskID identifies the card within the app: digits, letters and
	// "_-@", at most 128 bytes. Required for the interaction cards and
	// with an ActionMenu.
	TaskID string `json:"task_id,omitempty"`
	// MainTitle is the first-level title.
	MainTitle *CardMainTitle `json:"main_title,omitempty"`
	// EmphasisContent is a key number shown large (text_notice).
	EmphasisContent *CardEmphasisContent `json:"emphasis_content,omitempty"`
	// QuoteArea is a quoted block.
	QuoteArea *CardQuoteArea `json:"quote_area,omitempty"`
	// SubTitleText is secondary text, about 160 characters at most.
	SubTitleText string `json:"sub_title_text,omitempty"`
	// HorizontalContentList is up to 6 key-value lines.
	HorizontalContentList []CardHorizontalContent `json:"horizontal_content_list,omitempty"`
	// JumpList is up to 3 links.
	JumpList []CardJump `json:"jump_list,omitempty"`
	// CardAction is what a click on the card opens; required for
	// text_notice and news_notice.
	CardAction *CardAction `json:"card_action,omitempty"`
	// ImageTextArea is an image beside text (news_notice).
	ImageTextArea *CardImageTextArea `json:"image_text_area,omitempty"`
	// CardImage is a large image (news_notice).
	CardImage *CardImage `json:"card_image,omitempty"`
	// VerticalContentList is up to 4 title-and-description blocks
	// (news_notice).
	VerticalContentList []CardVerticalContent `json:"vertical_content_list,omitempty"`
	// ButtonSelection is a drop-down above the buttons
	// (button_interaction).
	ButtonSelection *CardButtonSelection `json:"button_selection,omitempty"`
	// ButtonList is up to 6 buttons (button_interaction).
	ButtonList []CardButton `json:"button_list,omitempty"`
	// Checkbox is the vote's question (vote_interaction).
	Checkbox *CardCheckbox `json:"checkbox,omitempty"`
	// SubmitButton submits a vote or selection (vote_interaction,
	// multiple_interaction).
	SubmitButton *CardSubmitButton `json:"submit_button,omitempty"`
	// SelectList is 1 to 3 selectors (multiple_interaction).
	SelectList []CardSelect `json:"select_list,omitempty"`
	// ReplaceText is the text of the clicked button once the card is
	// updated; used only by UpdateTemplateCard.
	ReplaceText string `json:"replace_text,omitempty"`
}

// CardDescColor is the color of CardSource.Desc (desc_color).
type CardDescColor int

// Values of CardDescColor.
const (
	CardDescGray  CardDescColor = 0 // the default
	CardDescBlack CardDescColor = 1
	CardDescRed   CardDescColor = 2
	CardDescGreen CardDescColor = 3
)

// CardSource is the origin line of a card (source).
type CardSource struct {
	// IconURL is about 72×72 pixels.
	IconURL   string        `json:"icon_url,omitempty"`
	Desc      string        `json:"desc,omitempty"`
	DescColor CardDescColor `json:"desc_color,omitempty"`
}

// CardActionMenu is the top-right menu of a card (action_menu).
type CardActionMenu struct {
	Desc string `json:"desc,omitempty"`
	// ActionList is 1 to 3 actions with unique keys.
	ActionList []CardMenuAction `json:"action_list"`
}

// CardMenuAction is an entry of a CardActionMenu; choosing it produces a
// template_card_menu_event with Key.
type CardMenuAction struct {
	Text string `json:"text"`
	// Key is at most 1024 bytes.
	Key string `json:"key"`
}

// CardMainTitle is a card's first-level title (main_title).
type CardMainTitle struct {
	Title string `json:"title,omitempty"`
	Desc  string `json:"desc,omitempty"`
}

// CardEmphasisContent is a key number and its label (emphasis_content).
type CardEmphasisContent struct {
	Title string `json:"title,omitempty"`
	Desc  string `json:"desc,omitempty"`
}

// CardLinkType says what a card element opens: nothing, a URL or a mini
// program page (the type of quote_area, jump_list, card_action and
// image_text_area).
type CardLinkType int

// Values of CardLinkType.
const (
	CardLinkNone        CardLinkType = 0
	CardLinkURL         CardLinkType = 1
	CardLinkMiniProgram CardLinkType = 2
)

// CardQuoteArea is a quoted block (quote_area).
type CardQuoteArea struct {
	Type      CardLinkType `json:"type,omitempty"`
	URL       string       `json:"url,omitempty"`
	AppID     string       `json:"appid,omitempty"`
	PagePath  string       `json:"pagepath,omitempty"`
	Title     string       `json:"title,omitempty"`
	QuoteText string       `json:"quote_text,omitempty"`
}

// CardContentType is what a horizontal content line links to.
type CardContentType int

// Values of CardContentType.
const (
	CardContentText       CardContentType = 0 // plain text
	CardContentURL        CardContentType = 1 // a link (URL)
	CardContentAttachment CardContentType = 2 // a file (MediaID)
	CardContentMember     CardContentType = 3 // a member's card (UserID)
)

// CardHorizontalContent is a key-value line (horizontal_content_list).
type CardHorizontalContent struct {
	Type CardContentType `json:"type,omitempty"`
	// KeyName is about 5 characters at most.
	KeyName string `json:"keyname"`
	Value   string `json:"value,omitempty"`
	URL     string `json:"url,omitempty"`
	MediaID string `json:"media_id,omitempty"`
	UserID  string `json:"userid,omitempty"`
}

// CardJump is a link under a card (jump_list).
type CardJump struct {
	Type     CardLinkType `json:"type,omitempty"`
	Title    string       `json:"title"`
	URL      string       `json:"url,omitempty"`
	AppID    string       `json:"appid,omitempty"`
	PagePath string       `json:"pagepath,omitempty"`
}

// CardAction is what a click on the card opens (card_action); Type is
// CardLinkURL or CardLinkMiniProgram.
type CardAction struct {
	Type     CardLinkType `json:"type"`
	URL      string       `json:"url,omitempty"`
	AppID    string       `json:"appid,omitempty"`
	PagePath string       `json:"pagepath,omitempty"`
}

// CardImageTextArea is an image beside a title and text
// (image_text_area).
type CardImageTextArea struct {
	Type     CardLinkType `json:"type,omitempty"`
	URL      string       `json:"url,omitempty"`
	AppID    string       `json:"appid,omitempty"`
	PagePath string       `json:"pagepath,omitempty"`
	Title    string       `json:"title,omitempty"`
	Desc     string       `json:"desc,omitempty"`
	ImageURL string       `json:"image_url"`
}

// CardImage is a card's large image (card_image).
type CardImage struct {
	URL string `json:"url"`
	// AspectRatio is width/height, 1.3 to 2.25; 0 means the default 1.3.
	AspectRatio float64 `json:"aspect_ratio,omitempty"`
}

// CardVerticalContent is a title-and-description block
// (vertical_content_list).
type CardVerticalContent struct {
	Title string `json:"title"`
	Desc  string `json:"desc,omitempty"`
}

// CardOption is a choice of a drop-down or selector (option_list).
type CardOption struct {
	// ID is at most 128 bytes.
	ID   string `json:"id"`
	Text string `json:"text"`
}

// CardButtonSelection is the drop-down of a button_interaction card
// (button_selection).
type CardButtonSelection struct {
	QuestionKey string `json:"question_key"`
	Title       string `json:"title,omitempty"`
	// OptionList is 1 to 10 options.
	OptionList []CardOption `json:"option_list"`
	SelectedID string       `json:"selected_id,omitempty"`
	// Disable greys the drop-down out; for UpdateTemplateCard.
	Disable bool `json:"disable,omitempty"`
}

// CardButtonType is what a CardButton does.
type CardButtonType int

// Values of CardButtonType.
const (
	// CardButtonCallback sends a template_card_event with the button's
	// Key (the default).
	CardButtonCallback CardButtonType = 0
	// CardButtonURL opens the button's URL.
	CardButtonURL CardButtonType = 1
)

// CardButton is a button of a button_interaction card (button_list).
type CardButton struct {
	Type CardButtonType `json:"type,omitempty"`
	// Text is about 10 characters at most.
	Text string `json:"text"`
	// Style is 1 to 4; 0 leaves WeCom's default.
	Style int `json:"style,omitempty"`
	// Key is required for a CardButtonCallback button.
	Key string `json:"key,omitempty"`
	URL string `json:"url,omitempty"`
}

// CardCheckboxMode is single or multiple choice.
type CardCheckboxMode int

// Values of CardCheckboxMode.
const (
	CardSingleChoice   CardCheckboxMode = 0
	CardMultipleChoice CardCheckboxMode = 1
)

// CardCheckbox is the question of a vote_interaction card (checkbox).
type CardCheckbox struct {
	QuestionKey string `json:"question_key"`
	// OptionList is 1 to 20 options.
	OptionList []CardCheckboxOption `json:"option_list"`
	Mode       CardCheckboxMode     `json:"mode,omitempty"`
	// Disable greys the question out; for UpdateTemplateCard.
	Disable bool `json:"disable,omitempty"`
}

// CardCheckboxOption is a choice of a CardCheckbox.
type CardCheckboxOption struct {
	ID        string `json:"id"`
	Text      string `json:"text"`
	IsChecked bool   `json:"is_checked,omitempty"`
	// Disable greys the option out; for UpdateTemplateCard.
	Disable bool `json:"disable,omitempty"`
}

// CardSubmitButton submits a vote or selection (submit_button).
type CardSubmitButton struct {
	Text string `json:"text"`
	Key  string `json:"key"`
}

// CardSelect is a selector of a multiple_interaction card (select_list).
type CardSelect struct {
	QuestionKey string `json:"question_key"`
	Title       string `json:"title,omitempty"`
	SelectedID  string `json:"selected_id,omitempty"`
	// OptionList is 1 to 10 options.
	OptionList []CardOption `json:"option_list"`
	// Disable greys the selector out; for UpdateTemplateCard.
	Disable bool `json:"disable,omitempty"`
}
