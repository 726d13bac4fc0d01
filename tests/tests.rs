//! Integration tests: the real `factcheck` binary, run in a fresh temp dir.
//!
//! One test binary made of modules (one link, shared helpers in `util`).
//! Tests marked "needs the comparison engine" in their doc fail until the
//! engine that says `conflicting` is merged.

mod util;

mod batch;
mod cache;
mod check;
mod claims;
mod cli;
mod corpus;
mod draft;
mod eval;
mod formats;
mod fuzz;
mod hostile;
mod index;
mod inputs;
mod output;
mod readme;
mod robust;
mod schema;
mod serve;
mod shell;
mod streaming;
mod syntax;
