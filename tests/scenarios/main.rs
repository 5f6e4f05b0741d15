//! One test binary for every scenario (each module is an area).

mod budgets;
mod care;
mod children;
mod demo;
mod emulator;
mod events;
mod foundation;
mod gateway;
mod incidents;
mod journal;
mod journey;
mod load;
mod logs;
mod matrix;
mod mfa;
mod openapi;
mod outbox;
mod push;
mod remote;
mod retention;
mod rights_export;
mod template;
