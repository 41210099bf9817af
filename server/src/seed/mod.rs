//! Loading data: the demo region and the synthetic benchmark data set.

pub mod common;
pub mod demo;
pub mod synthetic;
