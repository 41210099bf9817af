//! One integration-test binary (one link on a 2-core machine), one module per area.

mod support;

mod access;
mod auth_edges;
mod authorization;
mod config;
mod evaluation;
mod foundation;
mod gaps;
mod import;
mod mail_jobs;
mod mentoring;
mod plumbing;
mod reach;
mod reliability;
mod staff_catalogue;
mod staff_people;
mod synthetic;
mod training;
