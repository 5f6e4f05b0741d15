//! One test binary for every scenario (each module is an area).

mod budgets;
mod care;
mod children;
mod demo;
mod events;
mod foundation;
mod gateway;
mod journal;
mod logs;
mod matrix;
mod openapi;
mod outbox;
mod template;
