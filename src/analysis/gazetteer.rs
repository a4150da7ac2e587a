//! Gazetteers (stub, to be written).
