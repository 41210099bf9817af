//! One integration-test binary (one link on a 2-core machine), one module per area.

mod support;

mod config;
mod foundation;
mod synthetic;
