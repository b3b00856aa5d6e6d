//! BroadcastChannel between tabs of the planner on this computer: each save announces
//! the workspace and its revision, so another tab on the same workspace knows it is out
//! of date instead of silently overwriting it.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{BroadcastChannel, MessageEvent};

const CHANNEL: &str = "personalisation-planner";

/// A tab's end of the channel.
pub struct TabChannel {
    channel: Option<BroadcastChannel>,
    _on_message: Option<Closure<dyn FnMut(MessageEvent)>>,
}

impl TabChannel {
    /// Listens for other tabs' saves: `on_saved(workspace_id, revision)`.
    pub fn open(on_saved: impl Fn(String, u64) + 'static) -> TabChannel {
        let Ok(channel) = BroadcastChannel::new(CHANNEL) else {
            return TabChannel {
                channel: None,
                _on_message: None,
            };
        };
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            let Some(text) = event.data().as_string() else {
                return;
            };
            if let Some((id, revision)) = text.rsplit_once('@') {
                if let Ok(revision) = revision.parse() {
                    on_saved(id.to_string(), revision);
                }
            }
        });
        channel.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        TabChannel {
            channel: Some(channel),
            _on_message: Some(on_message),
        }
    }

    /// Tells other tabs this tab saved a workspace at a revision.
    pub fn announce(&self, workspace_id: &str, revision: u64) {
        if let Some(channel) = &self.channel {
            let _ = channel.post_message(&JsValue::from_str(&format!("{workspace_id}@{revision}")));
        }
    }
}
