//! Images as the user sees them: the catalog rows that name stored images, and the engine
//! operations on them (`images`, `tag`).

pub mod archive;
pub mod history;
pub mod inspect;
pub mod list;
pub mod login;
pub mod prune;
pub mod pull;
pub mod record;
pub mod remove;
pub mod tag;

pub use list::ImageSummary;
pub use record::ImageRecord;
