//! Every user intent folio understands, each with its keymap name and a doc
//! line (the help overlay and the README key table come from these).

macro_rules! actions {
    ($($variant:ident => $name:literal, $doc:literal;)*) => {
        /// A user intent, bound to keys in the keymap by its name.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Action {
            $(#[doc = $doc] $variant,)*
        }

        impl Action {
            /// Every action, in the order help lists them.
            pub const ALL: &'static [Action] = &[$(Action::$variant,)*];

            /// The name used in keymap files (`scroll_down`).
            pub fn name(self) -> &'static str {
                match self { $(Action::$variant => $name,)* }
            }

            /// One line saying what the action does.
            pub fn doc(self) -> &'static str {
                match self { $(Action::$variant => $doc,)* }
            }

            /// Whether the action only scrolls the view.
            pub fn scrolls(self) -> bool {
                matches!(
                    self,
                    Action::ScrollDown | Action::ScrollUp | Action::HalfPageDown | Action::HalfPageUp
                        | Action::PageDown | Action::PageUp | Action::Top | Action::Bottom
                )
            }

            /// The action named `name` in a keymap file, if any.
            pub fn from_name(name: &str) -> Option<Action> {
                match name { $($name => Some(Action::$variant),)* _ => None }
            }
        }
    };
}

actions! {
    ScrollDown => "scroll_down", "Scroll down one line";
    ScrollUp => "scroll_up", "Scroll up one line";
    HalfPageDown => "half_page_down", "Scroll down half a page";
    HalfPageUp => "half_page_up", "Scroll up half a page";
    PageDown => "page_down", "Scroll down a page";
    PageUp => "page_up", "Scroll up a page";
    Top => "top", "Go to the top of the article";
    Bottom => "bottom", "Go to the end of the article";
    NextQuote => "next_quote", "Go to the next quotation";
    PrevQuote => "prev_quote", "Go to the previous quotation";
    NextSentence => "next_sentence", "Move the sentence cursor forward";
    PrevSentence => "prev_sentence", "Move the sentence cursor back";
    NextClaim => "next_claim", "Go to the next claim";
    PrevClaim => "prev_claim", "Go to the previous claim";
    ToggleSuggestions => "toggle_suggestions", "Show or hide the marks of sentences worth checking (check-worthiness suggestions)";
    NextSuggestion => "next_suggestion", "Go to the next suggested sentence (shows the marks)";
    PrevSuggestion => "prev_suggestion", "Go to the previous suggested sentence (shows the marks)";
    DismissSuggestion => "dismiss_suggestion", "Dismiss the suggestion on the current sentence, or bring it back (u undoes)";
    MarkClaim => "mark_claim", "Mark the selection, quotation or sentence as a claim, or edit its claim";
    DeleteClaim => "delete_claim", "Remove the claim under the cursor";
    SetSpeaker => "set_speaker", "Set or fix who said the current quotation";
    Undo => "undo", "Undo the last annotation change";
    Redo => "redo", "Redo the last undone change";
    Search => "search", "Search the article (case-insensitive)";
    SearchNext => "search_next", "Go to the next search match";
    SearchPrev => "search_prev", "Go to the previous search match";
    FocusPanel => "focus_panel", "Move focus to the entity panel";
    FocusArticle => "focus_article", "Move focus back to the article";
    TogglePanelView => "toggle_panel_view", "Switch the panel to its next view (the title names it)";
    PanelNext => "panel_next", "Select the next row in the panel";
    PanelPrev => "panel_prev", "Select the previous row in the panel";
    PanelJump => "panel_jump", "Jump to the selected row (an entity's next mention, a quotation, a claim…)";
    PanelEdit => "panel_edit", "Edit the selected row (a claim: its verdict, label and note; an orphaned claim: attach it to the words selected next)";
    PanelRemove => "panel_remove", "Remove the selected row's item (a claim; u undoes)";
    PanelFilter => "panel_filter", "Show only one kind of row (claims: one verdict, the next, then all)";
    PanelSort => "panel_sort", "Change the order of the rows (claims: by position or by verdict)";
    StartSelection => "select", "Start a selection at the cursor (the keys under Selecting text extend it)";
    SelectNextWord => "select_next_word", "Extend the selection to the next word";
    SelectPrevWord => "select_prev_word", "Move the selection's end back a word";
    SelectNextSentence => "select_next_sentence", "Extend the selection to the next sentence";
    SelectPrevSentence => "select_prev_sentence", "Move the selection's end back a sentence";
    SelectNextQuote => "select_next_quote", "Extend the selection to the next quotation";
    SelectPrevQuote => "select_prev_quote", "Move the selection's end back a quotation";
    SelectMention => "select_mention", "Select the entity mention under the selection's end";
    SelectSentence => "select_sentence", "Select the whole sentence under the selection's end";
    SelectQuote => "select_quote", "Select the whole quotation under the selection's end";
    TagSelection => "tag_selection", "Tag the selection as a person, place, organisation or misc";
    CorrectMention => "correct_mention", "Correct a mention: retype, remove, join to an entity, rename";
    CancelSelection => "cancel_selection", "Drop the selection";
    NextArticle => "next_article", "Show the next open article (folio a.txt b.html …)";
    PrevArticle => "prev_article", "Show the previous open article";
    WriteReport => "write_report", "Write the fact-check report beside the article (ARTICLE.folio.md)";
    OpenLink => "open_link", "Open the link in the current sentence, quotation or panel (web, mail)";
    Suspend => "suspend", "Suspend folio to the shell, as in less or vim (fg brings it back)";
    Help => "help", "Show or hide this help";
    Quit => "quit", "Quit folio (annotations are already saved)";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_are_unique() {
        for action in Action::ALL {
            assert_eq!(Action::from_name(action.name()), Some(*action));
        }
        assert_eq!(Action::from_name("no_such_action"), None);
    }
}
