//! `make cost`: a month of Nestling at AWS list prices (issue 18, docs/cost.md).
//!
//! The bench (`make bench`) measures what one call of each function costs in DynamoDB request
//! units and round trips, and how each binary starts; [`assumptions`] says how often a
//! nursery calls each function and what AWS charges; [`model`] multiplies them out per
//! service for a 60-child nursery and a 10-setting group; [`report`] prints the tables.

pub mod assumptions;
pub mod bench;
pub mod model;
pub mod report;

#[cfg(test)]
mod tests;
