//! app
pub mod action;
