//! The reader's settings file, `config.toml` in the platform's config folder.

pub mod warning;
