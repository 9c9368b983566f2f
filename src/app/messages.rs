//! Messages for the reader: a saved export, a notes file set aside, an error. Errors stay
//! until dismissed; information fades after a few seconds.

use std::path::PathBuf;
use std::time::{Duration, Instant};

/// How serious a message is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    /// Something went well.
    Info,
    /// Something the reader should know (data was set aside, notes re-anchored).
    Warning,
    /// Something failed.
    Error,
}

/// One message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    /// Id for dismissing.
    pub id: u64,
    /// The text, in Chinese, naming any file last. Keys are named as `{undo}`, never written
    /// out: the window fills them in from its command table, as the platform writes them.
    pub text: String,
    /// Severity.
    pub level: Level,
    /// A folder the message offers to open (after an export).
    pub folder: Option<PathBuf>,
    /// When it was posted.
    pub posted: Instant,
    /// What it is about (`open`, `import`, `export`…): a newer message about the same thing
    /// replaces it, so that repeated attempts do not stack up bars.
    pub topic: Option<&'static str>,
}

/// How long an information message stays.
pub const INFO_LIFETIME: Duration = Duration::from_secs(8);

/// The current messages, oldest first.
#[derive(Clone, Debug, Default)]
pub struct Messages {
    list: Vec<Message>,
    next_id: u64,
}

impl Messages {
    /// Posts a message and returns its id. The same text is not shown twice at once.
    pub fn post(&mut self, level: Level, text: impl Into<String>) -> u64 {
        self.post_with_folder(level, text, None)
    }

    /// Posts a message about `topic`, replacing the earlier one about it.
    pub fn post_about(
        &mut self,
        topic: &'static str,
        level: Level,
        text: impl Into<String>,
    ) -> u64 {
        self.list.retain(|m| m.topic != Some(topic));
        let id = self.post(level, text);
        if let Some(m) = self.list.last_mut() {
            m.topic = Some(topic);
        }
        id
    }

    /// Posts a message with a folder to open.
    pub fn post_with_folder(
        &mut self,
        level: Level,
        text: impl Into<String>,
        folder: Option<PathBuf>,
    ) -> u64 {
        let text = text.into();
        match level {
            Level::Error => log::error!("{text}"),
            Level::Warning => log::warn!("{text}"),
            Level::Info => log::info!("{text}"),
        }
        self.list.retain(|m| m.text != text);
        self.next_id += 1;
        self.list.push(Message {
            id: self.next_id,
            text,
            level,
            folder,
            posted: Instant::now(),
            topic: None,
        });
        if self.list.len() > 5 {
            self.list.remove(0);
        }
        self.next_id
    }

    /// Removes a message.
    pub fn dismiss(&mut self, id: u64) {
        self.list.retain(|m| m.id != id);
    }

    /// Drops information messages older than [`INFO_LIFETIME`].
    pub fn expire(&mut self, now: Instant) {
        self.list
            .retain(|m| m.level != Level::Info || now.duration_since(m.posted) < INFO_LIFETIME);
    }

    /// Whether a message with `id` is shown.
    pub fn contains(&self, id: u64) -> bool {
        self.list.iter().any(|m| m.id == id)
    }

    /// The messages, oldest first.
    pub fn list(&self) -> &[Message] {
        &self.list
    }
}
