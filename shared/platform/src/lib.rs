//! What every Nestling function shares. Handlers stay thin: parse with `http`, authorise
//! with `access`, change state with `store` transactions that carry their `writes`.

pub mod access;
pub mod alerts;
pub mod app;
pub mod capacity;
pub mod commit;
pub mod concurrency;
pub mod device_access;
pub mod directory;
pub mod gateway_event;
pub mod http;
pub mod invitations;
pub mod mail;
pub mod media;
pub mod notify;
pub mod push;
pub mod rates;
pub mod records;
pub mod runtime;
pub mod store;
pub mod table;
#[cfg(feature = "testing")]
pub mod testing;
pub mod writes;

pub use app::App;
pub use commit::{Audit, Commit};
pub use http::{ApiResult, Problem};
